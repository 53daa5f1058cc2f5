#include "store/project_store.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <type_traits>
#include <unordered_map>

#include "base/text.h"
#include "base/time.h"
#include "db/query.h"
#include "domain/project_rules.h"

namespace tuijin::store {
namespace {

// The columns of a project an export shows (what ForEach reads: no timestamps, no joins),
// in the order ProjectRow binds them first.
constexpr const char* kScanColumns =
    "p.id, p.parent_id, p.code, p.name, p.nature_id, p.category_id, p.industry_id, p.level, p.star, "
    "p.owner_unit_id, p.lead_unit_id, p.leader_user_id, p.leader_name, p.contact_name, p.contact_phone, p.address, "
    "p.lng, p.lat, p.content, p.total_investment, p.planned_start, p.planned_completion, p.actual_start, "
    "p.actual_completion, p.stage, p.registered, p.registered_date, p.stats_code, p.remarks";
// Everything a Project holds but its details.
const std::string kSelect = std::string("SELECT ") + kScanColumns +
                            ", p.resume_stage, p.weekly_reporting, p.version, p.created_at, p.updated_at, ou.name, lu.name "
                            "FROM projects p LEFT JOIN units ou ON ou.id = p.owner_unit_id "
                            "LEFT JOIN units lu ON lu.id = p.lead_unit_id";

struct ProjectRow {
  Project p;
  int registered = 0, weekly = 0;
  // Binds the columns of kSelect, or with `scan` only those of kScanColumns.
  void Bind(soci::statement& st, bool scan = false) {
    st.exchange(soci::into(p.id));
    st.exchange(soci::into(p.parent_id));
    st.exchange(soci::into(p.code));
    st.exchange(soci::into(p.name));
    st.exchange(soci::into(p.nature_id));
    st.exchange(soci::into(p.category_id));
    st.exchange(soci::into(p.industry_id));
    st.exchange(soci::into(p.level));
    st.exchange(soci::into(p.star));
    st.exchange(soci::into(p.owner_unit_id));
    st.exchange(soci::into(p.lead_unit_id));
    st.exchange(soci::into(p.leader_user_id));
    st.exchange(soci::into(p.leader_name));
    st.exchange(soci::into(p.contact_name));
    st.exchange(soci::into(p.contact_phone));
    st.exchange(soci::into(p.address));
    st.exchange(soci::into(p.lng));
    st.exchange(soci::into(p.lat));
    st.exchange(soci::into(p.content));
    st.exchange(soci::into(p.total_investment));
    st.exchange(soci::into(p.planned_start));
    st.exchange(soci::into(p.planned_completion));
    st.exchange(soci::into(p.actual_start));
    st.exchange(soci::into(p.actual_completion));
    st.exchange(soci::into(p.stage));
    st.exchange(soci::into(registered));
    st.exchange(soci::into(p.registered_date));
    st.exchange(soci::into(p.stats_code));
    st.exchange(soci::into(p.remarks));
    if (scan) return;
    st.exchange(soci::into(p.resume_stage));
    st.exchange(soci::into(weekly));
    st.exchange(soci::into(p.version));
    st.exchange(soci::into(p.created_at));
    st.exchange(soci::into(p.updated_at));
    st.exchange(soci::into(p.owner_unit_name));
    st.exchange(soci::into(p.lead_unit_name));
  }
  // Moves the row out; the next fetch assigns every bound field again.
  Project Take() {
    p.registered = registered != 0;
    p.weekly_reporting = weekly != 0;
    return std::move(p);
  }
};

// Fills co-units, tags, funding and child figures for the given projects.
void LoadDetails(soci::session& sql, std::vector<Project>& projects) {
  if (projects.empty()) return;
  std::unordered_map<int64_t, Project*> by_id;
  by_id.reserve(projects.size());
  std::vector<int64_t> ids;
  ids.reserve(projects.size());
  for (auto& p : projects) {
    by_id[p.id] = &p;
    ids.push_back(p.id);
  }
  // Many projects (an export): read every row and keep those asked for. Binding thousands
  // of values one by one costs more than reading the small child tables whole.
  const bool all = ids.size() > 200;
  auto restrict = [&](db::Query& q, const std::string& column) {
    if (!all) q.Where(column + " IN (" + q.BindList(ids) + ")");
  };
  auto pairs = [&](const std::string& text, auto&& on_row) {
    db::Query q(text);
    int64_t a = 0, b = 0;
    restrict(q, "project_id");
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(a));
      s.exchange(soci::into(b));
    });
    st.execute();
    while (st.fetch()) {
      if (auto it = by_id.find(a); it != by_id.end()) on_row(*it->second, b);
    }
  };
  pairs("SELECT project_id, unit_id FROM project_co_units", [](Project& p, int64_t v) { p.co_unit_ids.push_back(v); });
  pairs("SELECT project_id, item_id FROM project_tags", [](Project& p, int64_t v) { p.tag_ids.push_back(v); });
  {
    db::Query q("SELECT project_id, source_id, amount FROM project_funding");
    restrict(q, "project_id");
    q.Append(" ORDER BY project_id, source_id");
    int64_t pid = 0, source = 0;
    Fen amount = 0;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(pid));
      s.exchange(soci::into(source));
      s.exchange(soci::into(amount));
    });
    st.execute();
    while (st.fetch()) {
      if (auto it = by_id.find(pid); it != by_id.end()) it->second->funding.emplace_back(source, amount);
    }
  }
  {
    db::Query q("SELECT parent_id, COUNT(*) FROM projects");
    if (all) q.Where("parent_id IS NOT NULL");
    restrict(q, "parent_id");
    q.Append(" GROUP BY parent_id");
    int64_t pid = 0, n = 0;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(pid));
      s.exchange(soci::into(n));
    });
    st.execute();
    while (st.fetch()) {
      if (auto it = by_id.find(pid); it != by_id.end()) it->second->child_count = n;
    }
  }
  {
    // 总投资 of all descendants, any depth.
    db::Query q("WITH RECURSIVE tree(root, id) AS (SELECT c.parent_id, c.id FROM projects c");
    if (all) q.Where("c.parent_id IS NOT NULL");
    restrict(q, "c.parent_id");
    q.Append(
        " UNION ALL SELECT t.root, c.id FROM tree t JOIN projects c ON c.parent_id = t.id) "
        "SELECT t.root, COALESCE(SUM(p.total_investment), 0) FROM tree t JOIN projects p ON p.id = t.id "
        "GROUP BY t.root");
    int64_t root = 0;
    Fen sum = 0;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(root));
      s.exchange(soci::into(sum));
    });
    st.execute();
    while (st.fetch()) {
      if (auto it = by_id.find(root); it != by_id.end()) it->second->children_total = sum;
    }
  }
  for (auto& p : projects) {
    std::sort(p.co_unit_ids.begin(), p.co_unit_ids.end());
    std::sort(p.tag_ids.begin(), p.tag_ids.end());
  }
}

std::optional<Project> LoadOne(soci::session& sql, int64_t id) {
  db::Query q(kSelect);
  q.Where("p.id = " + q.Bind(id));
  ProjectRow row;
  soci::statement st = q.Prepare(sql, [&](soci::statement& s) { row.Bind(s); });
  st.execute();
  if (!st.fetch()) return std::nullopt;
  std::vector<Project> one{row.Take()};
  LoadDetails(sql, one);
  return std::move(one.front());
}

// What search looks in: name, 项目代码, the 建设单位's name and 建设内容, ASCII lowered (the
// search words are lowered the same way). The one place this is composed.
std::string SearchTextOf(const ProjectFields& f, std::string_view owner_name) {
  return AsciiLower(f.name + " " + f.code.value_or("") + " " + std::string(owner_name) + " " + f.content.value_or(""));
}

std::string OwnerName(soci::session& sql, const std::optional<int64_t>& owner_unit_id) {
  if (!owner_unit_id) return {};
  std::optional<std::string> name;
  sql << "SELECT name FROM units WHERE id = :id", soci::use(*owner_unit_id), soci::into(name);
  return name.value_or("");
}

// Indexes projects for search from projects.search_text (SQLite FTS5; PostgreSQL's pg_trgm
// index follows the column by itself), in two statements whatever their number: FTS5
// writes its pending terms to a new segment at every statement savepoint, so indexing row
// by row inside a large transaction (an import) builds thousands of tiny segments and
// merges them over and over.
void IndexForSearch(soci::session& sql, db::Dialect dialect, const std::vector<int64_t>& ids) {
  if (dialect != db::Dialect::kSqlite || ids.empty()) return;
  std::string list = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) list += ',';
    list += std::to_string(ids[i]);
  }
  list += ']';
  sql << "DELETE FROM project_fts WHERE rowid IN (SELECT value FROM json_each(:ids))", soci::use(list);
  sql << "INSERT INTO project_fts (rowid, search_text) SELECT id, search_text FROM projects "
         "WHERE id IN (SELECT value FROM json_each(:ids))",
      soci::use(list);
}

void WriteChildren(soci::session& sql, int64_t id, const ProjectFields& f) {
  sql << "DELETE FROM project_co_units WHERE project_id = :id", soci::use(id);
  sql << "DELETE FROM project_tags WHERE project_id = :id", soci::use(id);
  sql << "DELETE FROM project_funding WHERE project_id = :id", soci::use(id);
  for (int64_t u : f.co_unit_ids) {
    sql << "INSERT INTO project_co_units (project_id, unit_id) VALUES (:p, :u)", soci::use(id), soci::use(u);
  }
  for (int64_t t : f.tag_ids) {
    sql << "INSERT INTO project_tags (project_id, item_id) VALUES (:p, :t)", soci::use(id), soci::use(t);
  }
  for (const auto& [source, amount] : f.funding) {
    sql << "INSERT INTO project_funding (project_id, source_id, amount) VALUES (:p, :s, :a)", soci::use(id),
        soci::use(source), soci::use(amount);
  }
}

// Binds the editable columns by name, for INSERT and UPDATE alike.
struct FieldBinds {
  const ProjectFields& f;
  const int& registered;  // bound by reference: it must outlive the statement
  void Bind(soci::statement& st) const {
    st.exchange(soci::use(f.parent_id, "parent_id"));
    st.exchange(soci::use(f.code, "code"));
    st.exchange(soci::use(f.name, "name"));
    st.exchange(soci::use(f.nature_id, "nature_id"));
    st.exchange(soci::use(f.category_id, "category_id"));
    st.exchange(soci::use(f.industry_id, "industry_id"));
    st.exchange(soci::use(f.level, "level"));
    st.exchange(soci::use(f.star, "star"));
    st.exchange(soci::use(f.owner_unit_id, "owner_unit_id"));
    st.exchange(soci::use(f.lead_unit_id, "lead_unit_id"));
    st.exchange(soci::use(f.leader_user_id, "leader_user_id"));
    st.exchange(soci::use(f.leader_name, "leader_name"));
    st.exchange(soci::use(f.contact_name, "contact_name"));
    st.exchange(soci::use(f.contact_phone, "contact_phone"));
    st.exchange(soci::use(f.address, "address"));
    st.exchange(soci::use(f.lng, "lng"));
    st.exchange(soci::use(f.lat, "lat"));
    st.exchange(soci::use(f.content, "content"));
    st.exchange(soci::use(f.total_investment, "total_investment"));
    st.exchange(soci::use(f.planned_start, "planned_start"));
    st.exchange(soci::use(f.planned_completion, "planned_completion"));
    st.exchange(soci::use(registered, "registered"));
    st.exchange(soci::use(f.registered_date, "registered_date"));
    st.exchange(soci::use(f.stats_code, "stats_code"));
    st.exchange(soci::use(f.remarks, "remarks"));
  }
};

constexpr const char* kFieldColumns =
    "parent_id, code, name, nature_id, category_id, industry_id, level, star, owner_unit_id, lead_unit_id, "
    "leader_user_id, leader_name, contact_name, contact_phone, address, lng, lat, content, total_investment, "
    "planned_start, planned_completion, registered, registered_date, stats_code, remarks";

std::string Placeholders(const char* columns) {
  std::string out, col;
  for (const char* c = columns;; ++c) {
    if (*c == ',' || *c == '\0') {
      out += (out.empty() ? ":" : ", :") + col;
      col.clear();
      if (*c == '\0') break;
    } else if (*c != ' ') {
      col += *c;
    }
  }
  return out;
}

std::string Assignments(const char* columns) {
  std::string out, col;
  for (const char* c = columns;; ++c) {
    if (*c == ',' || *c == '\0') {
      out += (out.empty() ? "" : ", ") + col + " = :" + col;
      col.clear();
      if (*c == '\0') break;
    } else if (*c != ' ') {
      col += *c;
    }
  }
  return out;
}

// Replaces the editable fields when `version` is current; false when it is not (or the
// project does not exist).
// `index_now` false leaves the search index to the caller (IndexForSearch of many, for imports).
bool UpdateIn(soci::session& sql, db::Dialect dialect, int64_t id, int64_t version, const ProjectFields& in,
              const std::vector<FieldChange>& changes, int64_t user_id, const std::string& source,
              bool index_now = true) {
  const std::string now = NowTimestamp();
  const std::string search = SearchTextOf(in, OwnerName(sql, in.owner_unit_id));
  const int registered = in.registered ? 1 : 0;
  const FieldBinds binds{in, registered};
  soci::statement st(sql);
  binds.Bind(st);
  st.exchange(soci::use(search, "search_text"));
  st.exchange(soci::use(now, "now"));
  st.exchange(soci::use(user_id, "uid"));
  st.exchange(soci::use(id, "id"));
  st.exchange(soci::use(version, "version"));
  st.alloc();
  st.prepare(std::string("UPDATE projects SET ") + Assignments(kFieldColumns) +
             ", search_text = :search_text, updated_at = :now, updated_by = :uid, version = version + 1 "
             "WHERE id = :id AND version = :version");
  st.define_and_bind();
  st.execute(true);
  if (st.get_affected_rows() == 0) return false;
  WriteChildren(sql, id, in);
  if (index_now) IndexForSearch(sql, dialect, {id});
  for (const FieldChange& c : changes) {
    sql << "INSERT INTO project_changes (project_id, field, old_value, new_value, source, user_id, changed_at) "
           "VALUES (:p, :f, :o, :n, :s, :u, :t)",
        soci::use(id), soci::use(c.field), soci::use(c.old_value), soci::use(c.new_value), soci::use(source),
        soci::use(user_id), soci::use(now);
  }
  return true;
}

// Inserts projects with their children and opening stage events, inside the caller's open
// transaction, with statements prepared once: one project (Create) or thousands (Import).
// Their search index is the caller's (IndexForSearch of the ids, once).
class ProjectInserter {
 public:
  ProjectInserter(soci::session& sql, int64_t user_id) : user_id_(user_id), now_(NowTimestamp()) {
    std::string owner_name;
    int64_t unit_id = 0;
    soci::statement units = (sql.prepare << "SELECT id, name FROM units", soci::into(unit_id), soci::into(owner_name));
    units.execute();
    while (units.fetch()) unit_names_[unit_id] = owner_name;

    const FieldBinds binds{f_, registered_};
    insert_ = std::make_unique<soci::statement>(sql);
    binds.Bind(*insert_);
    insert_->exchange(soci::use(stage_, "stage"));
    insert_->exchange(soci::use(resume_, "resume"));
    insert_->exchange(soci::use(actual_start_, "actual_start"));
    insert_->exchange(soci::use(actual_completion_, "actual_completion"));
    insert_->exchange(soci::use(search_, "search_text"));
    insert_->exchange(soci::use(now_, "now"));
    insert_->exchange(soci::use(user_id_, "uid"));
    insert_->exchange(soci::into(id_));
    insert_->alloc();
    std::string columns = kFieldColumns, values = Placeholders(kFieldColumns);
    insert_->prepare("INSERT INTO projects (" + columns +
                     ", stage, resume_stage, actual_start, actual_completion, search_text, version, created_at, "
                     "updated_at, created_by, updated_by) VALUES (" +
                     values +
                     ", :stage, :resume, :actual_start, :actual_completion, :search_text, 1, :now, :now, :uid, :uid) "
                     "RETURNING id");
    insert_->define_and_bind();
    co_unit_ = Prepare(sql, "INSERT INTO project_co_units (project_id, unit_id) VALUES (:p, :v)");
    tag_ = Prepare(sql, "INSERT INTO project_tags (project_id, item_id) VALUES (:p, :v)");
    funding_ = std::make_unique<soci::statement>(
        (sql.prepare << "INSERT INTO project_funding (project_id, source_id, amount) VALUES (:p, :v, :a)",
         soci::use(id_), soci::use(value_), soci::use(amount_)));
    event_ = std::make_unique<soci::statement>(
        (sql.prepare << "INSERT INTO project_events (project_id, from_stage, to_stage, event_date, reason, user_id, "
                        "created_at) VALUES (:p, :f, :t, :d, :r, :u, :now)",
         soci::use(id_), soci::use(from_), soci::use(to_), soci::use(date_), soci::use(reason_), soci::use(user_id_),
         soci::use(now_)));
  }

  int64_t Create(const ProjectFields& in, const std::vector<ProjectStore::StageStep>& steps) {
    f_ = in;
    registered_ = in.registered ? 1 : 0;
    domain::StageState state;
    for (const auto& step : steps) state = domain::AfterStageEvent(std::move(state), step.to, step.date);
    stage_ = state.stage;
    resume_ = state.resume_stage;
    actual_start_ = state.actual_start;
    actual_completion_ = state.actual_completion;
    std::string owner;
    if (in.owner_unit_id) {
      auto it = unit_names_.find(*in.owner_unit_id);
      if (it != unit_names_.end()) owner = it->second;
    }
    search_ = SearchTextOf(in, owner);
    insert_->execute(true);
    for (int64_t u : in.co_unit_ids) {
      value_ = u;
      co_unit_->execute(true);
    }
    for (int64_t t : in.tag_ids) {
      value_ = t;
      tag_->execute(true);
    }
    for (const auto& [source, amount] : in.funding) {
      value_ = source;
      amount_ = amount;
      funding_->execute(true);
    }
    from_.reset();
    for (const auto& step : steps) {
      to_ = step.to;
      date_ = step.date;
      event_->execute(true);
      from_ = step.to;
    }
    return id_;
  }

 private:
  std::unique_ptr<soci::statement> Prepare(soci::session& sql, const char* text) {
    return std::make_unique<soci::statement>((sql.prepare << text, soci::use(id_), soci::use(value_)));
  }

  int64_t user_id_;
  std::string now_;
  std::map<int64_t, std::string> unit_names_;
  ProjectFields f_;
  int registered_ = 0;
  std::string stage_, search_, to_, date_;
  const std::string reason_ = "新建项目";
  std::optional<std::string> resume_, actual_start_, actual_completion_, from_;
  int64_t id_ = 0, value_ = 0;
  Fen amount_ = 0;
  std::unique_ptr<soci::statement> insert_, co_unit_, tag_, funding_, event_;
};

const std::map<std::string, std::string>& SortColumns() {
  static const std::map<std::string, std::string> kSort = {
      {"id", "p.id"},
      {"name", "p.name"},
      {"code", "p.code"},
      {"total_investment", "p.total_investment"},
      {"level", "p.level_rank"},
      {"star", "p.star"},
      {"stage", "p.stage"},
      {"planned_start", "p.planned_start"},
      {"planned_completion", "p.planned_completion"},
      {"updated_at", "p.updated_at"},
  };
  return kSort;
}

}  // namespace

void WhereInScope(db::Query& q, const std::optional<std::vector<int64_t>>& scope) {
  if (!scope) return;
  if (scope->empty()) {
    q.Where("1 = 0");
    return;
  }
  const std::string a = q.BindList(*scope), b = q.BindList(*scope);
  q.Where("p.lead_unit_id IN (" + a + ") OR p.owner_unit_id IN (" + b + ")");
}

namespace {

// Adds the conditions of `f` (not its page or sort) to `q`, which selects from projects p.
void ApplyFilter(db::Query& q, const ProjectFilter& f, db::Dialect dialect) {
  if (!f.q.empty()) {
    const std::string needle = AsciiLower(f.q);
    if (dialect == db::Dialect::kSqlite && Utf8Length(needle) >= 3) {
      std::string phrase = "\"";
      for (char c : needle) phrase += c == '"' ? std::string("\"\"") : std::string(1, c);
      phrase += "\"";
      q.Where("p.id IN (SELECT rowid FROM project_fts WHERE project_fts MATCH " + q.Bind(phrase) + ")");
    } else if (dialect == db::Dialect::kSqlite) {
      // Shorter than a trigram (a two-character name like "污水"): a plain substring scan,
      // of the FTS table's narrow copy of the text rather than the wide projects rows
      // (a third of the time at 10,000 projects).
      q.Where("p.id IN (SELECT rowid FROM project_fts WHERE instr(search_text, " + q.Bind(needle) + ") > 0)");
    } else {
      // PostgreSQL: pg_trgm's index serves LIKE.
      q.Where("p.search_text LIKE " + q.BindContains(needle) + " ESCAPE '\\'");
    }
  }
  if (f.parent_id) {
    q.Where("p.parent_id = " + q.Bind(*f.parent_id));
  } else if (!f.all_levels) {
    q.Where("p.parent_id IS NULL");
  }
  if (!f.unit_ids.empty()) {
    const std::string a = q.BindList(f.unit_ids), b = q.BindList(f.unit_ids), c = q.BindList(f.unit_ids);
    q.Where("p.lead_unit_id IN (" + a + ") OR p.owner_unit_id IN (" + b +
            ") OR p.id IN (SELECT project_id FROM project_co_units WHERE unit_id IN (" + c + "))");
  }
  WhereInScope(q, f.scope_unit_ids);
  if (!f.levels.empty()) q.Where("p.level IN (" + q.BindList(f.levels) + ")");
  if (!f.stages.empty()) q.Where("p.stage IN (" + q.BindList(f.stages) + ")");
  if (!f.category_ids.empty()) q.Where("p.category_id IN (" + q.BindList(f.category_ids) + ")");
  if (!f.industry_ids.empty()) q.Where("p.industry_id IN (" + q.BindList(f.industry_ids) + ")");
  if (!f.nature_ids.empty()) q.Where("p.nature_id IN (" + q.BindList(f.nature_ids) + ")");
  if (!f.tag_ids.empty()) {
    q.Where("p.id IN (SELECT project_id FROM project_tags WHERE item_id IN (" + q.BindList(f.tag_ids) + "))");
  }
  if (f.star_min) q.Where("p.star >= " + q.Bind(*f.star_min));
  if (f.leader_user_id) q.Where("p.leader_user_id = " + q.Bind(*f.leader_user_id));
  if (f.registered) q.Where(std::string("p.registered = ") + (*f.registered ? "1" : "0"));
  if (f.total_min) q.Where("p.total_investment >= " + q.Bind(*f.total_min));
  if (f.total_max) q.Where("p.total_investment <= " + q.Bind(*f.total_max));
  if (f.planned_start_from) q.Where("p.planned_start >= " + q.Bind(*f.planned_start_from));
  if (f.planned_start_to) q.Where("p.planned_start <= " + q.Bind(*f.planned_start_to + "-99"));
}

// "ORDER BY" terms for `f.sort` (default: level, then id); an unknown sort is a field error.
StatusOr<std::string> OrderBy(const ProjectFilter& f) {
  const auto& sorts = SortColumns();
  const bool desc = !f.sort.empty() && f.sort[0] == '-';
  const std::string sort_key = desc ? f.sort.substr(1) : f.sort;
  if (sort_key.empty()) return std::string("p.level_rank, p.id");
  auto it = sorts.find(sort_key);
  if (it == sorts.end()) return Status::Invalid({{"sort", "不支持按 " + sort_key + " 排序"}});
  return it->second + (desc ? " DESC" : " ASC") + ", p.id";
}

// (project id, value) rows of a detail table, sorted, for lookups by project.
template <typename Value>
std::vector<std::pair<int64_t, Value>> DetailRows(soci::session& sql, const char* text) {
  db::Query q(text);
  std::pair<int64_t, Value> row{};
  return q.FetchAll(sql, row, [&](soci::statement& s) {
    s.exchange(soci::into(row.first));
    if constexpr (std::is_same_v<Value, int64_t>) {
      s.exchange(soci::into(row.second));
    } else {
      s.exchange(soci::into(row.second.first));
      s.exchange(soci::into(row.second.second));
    }
  });
}

// The values of `rows` (sorted by project id) that belong to project `id`.
template <typename Value>
auto DetailsOf(const std::vector<std::pair<int64_t, Value>>& rows, int64_t id) {
  auto less = [](const std::pair<int64_t, Value>& a, const std::pair<int64_t, Value>& b) { return a.first < b.first; };
  return std::equal_range(rows.begin(), rows.end(), std::pair<int64_t, Value>{id, Value{}}, less);
}

}  // namespace

StatusOr<ProjectList> ProjectStore::List(const ProjectFilter& f) {
  ASSIGN_OR_RETURN(const std::string order, OrderBy(f));
  return db_.Run([&](soci::session& sql) -> StatusOr<ProjectList> {
    auto filter = [&](db::Query& q) { ApplyFilter(q, f, db_.dialect()); };
    ProjectList out;
    {
      db::Query q("SELECT COUNT(*), COALESCE(SUM(p.total_investment), 0) FROM projects p");
      filter(q);
      soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
        s.exchange(soci::into(out.page.total));
        s.exchange(soci::into(out.total_investment));
      });
      st.execute(true);
    }
    ProjectRow row;
    std::vector<Project>& items = out.page.items;
    // The page's ids first, sorted on the narrow table; then the wide rows for just those.
    db::Query q("SELECT p.id FROM projects p");
    filter(q);
    q.Append(" ORDER BY " + order + " LIMIT " + q.Bind(f.page.page_size) + " OFFSET " + q.Bind(f.page.Offset()));
    int64_t page_id = 0;
    const std::vector<int64_t> ids =
        q.FetchAll(sql, page_id, [&](soci::statement& s) { s.exchange(soci::into(page_id)); });
    if (ids.empty()) return out;
    db::Query rows(kSelect);
    rows.Where("p.id IN (" + rows.BindList(ids) + ")");
    soci::statement st = rows.Prepare(sql, [&](soci::statement& s) { row.Bind(s); });
    st.execute();
    std::map<int64_t, Project> by_id;
    while (st.fetch()) by_id.emplace(row.p.id, row.Take());
    items.reserve(ids.size());
    for (int64_t id : ids) {
      if (auto it = by_id.find(id); it != by_id.end()) items.push_back(std::move(it->second));
    }
    LoadDetails(sql, out.page.items);
    return out;
  });
}

StatusOr<std::vector<ProjectPin>> ProjectStore::Pins(const ProjectFilter& f) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<ProjectPin>> {
    db::Query q(
        "SELECT p.id, p.name, p.lng, p.lat, p.stage, p.total_investment, p.lead_unit_id, lu.name FROM projects p "
        "LEFT JOIN units lu ON lu.id = p.lead_unit_id");
    ApplyFilter(q, f, db_.dialect());
    q.Append(" ORDER BY p.id");
    ProjectPin pin;
    return q.FetchAll(sql, pin, [&](soci::statement& s) {
      s.exchange(soci::into(pin.id));
      s.exchange(soci::into(pin.name));
      s.exchange(soci::into(pin.lng));
      s.exchange(soci::into(pin.lat));
      s.exchange(soci::into(pin.stage));
      s.exchange(soci::into(pin.total_investment));
      s.exchange(soci::into(pin.lead_unit_id));
      s.exchange(soci::into(pin.lead_unit_name));
    });
  });
}

StatusOr<Project> ProjectStore::SetLocation(int64_t id, int64_t version, std::optional<double> lng,
                                            std::optional<double> lat, const FieldChange& change, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Project> {
    db::Transaction tx(sql, db_.dialect());
    const std::string now = NowTimestamp();
    soci::statement st = (sql.prepare << "UPDATE projects SET lng = :lng, lat = :lat, updated_at = :t, updated_by = :u, "
                                         "version = version + 1 WHERE id = :id AND version = :v",
                          soci::use(lng), soci::use(lat), soci::use(now), soci::use(user_id), soci::use(id),
                          soci::use(version));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      if (!LoadOne(sql, id)) return Status::NotFound("project.not_found", "项目不存在");
      return Status::Conflict("project.stale", "项目已被他人修改,请刷新后重试");
    }
    if (change.old_value != change.new_value) {
      const std::string source = "location";
      sql << "INSERT INTO project_changes (project_id, field, old_value, new_value, source, user_id, changed_at) "
             "VALUES (:p, :f, :o, :n, :s, :u, :t)",
          soci::use(id), soci::use(change.field), soci::use(change.old_value), soci::use(change.new_value),
          soci::use(source), soci::use(user_id), soci::use(now);
    }
    tx.Commit();
    return *LoadOne(sql, id);
  });
}

Status ProjectStore::ForEach(const ProjectFilter& f, const ProjectGroups& groups,
                             const std::function<Status(const std::vector<int64_t>& sizes)>& on_sizes,
                             const std::function<Status(size_t group, Project& project)>& on_project) {
  ASSIGN_OR_RETURN(const std::string order, OrderBy(f));
  size_t group_count = 1;
  if (groups.by == ProjectGroups::By::kLevel) group_count = 3;
  if (groups.by == ProjectGroups::By::kLeadUnit) {
    group_count = groups.lead_units.size();
    if (groups.others >= group_count) return Status::Internal("导出分组无效");
  }
  // The group of a project, as an SQL expression (its placeholders bound in `q`).
  auto group_of = [&](db::Query& q) -> std::string {
    if (groups.by == ProjectGroups::By::kLevel) return "p.level_rank - 1";
    if (groups.by == ProjectGroups::By::kNone) return "0";
    std::string expr = "CASE";
    for (size_t g = 0; g < groups.lead_units.size(); ++g) {
      if (groups.lead_units[g].empty()) continue;
      expr += " WHEN p.lead_unit_id IN (" + q.BindList(groups.lead_units[g]) + ") THEN " + std::to_string(g);
    }
    return expr + " ELSE " + std::to_string(groups.others) + " END";
  };
  return db_.Run([&](soci::session& sql) -> Status {
    db::ReadSnapshot snapshot(sql, db_.dialect());
    std::vector<int64_t> sizes(group_count, 0);
    {
      db::Query q("SELECT ");
      q.Append(group_of(q) + ", COUNT(*) FROM projects p");
      ApplyFilter(q, f, db_.dialect());
      q.Append(" GROUP BY 1");
      int64_t group = 0, n = 0;
      soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
        s.exchange(soci::into(group));
        s.exchange(soci::into(n));
      });
      st.execute();
      while (st.fetch()) {
        if (group >= 0 && static_cast<size_t>(group) < group_count) sizes[group] += n;
      }
    }
    RETURN_IF_ERROR(on_sizes(sizes));
    // The detail tables whole, sorted by project: a few thousand narrow rows cost less
    // than binding the ids of a large selection.
    const auto co_units = DetailRows<int64_t>(sql, "SELECT project_id, unit_id FROM project_co_units ORDER BY 1, 2");
    const auto tags = DetailRows<int64_t>(sql, "SELECT project_id, item_id FROM project_tags ORDER BY 1, 2");
    const auto funding = DetailRows<std::pair<int64_t, Fen>>(
        sql, "SELECT project_id, source_id, amount FROM project_funding ORDER BY 1, 2");
    db::Query q("SELECT ");
    q.Append(group_of(q) + ", " + kScanColumns + " FROM projects p");
    ApplyFilter(q, f, db_.dialect());
    // Group first; the level groups are the list's default order, which an index serves.
    std::string order_by = order;
    if (groups.by == ProjectGroups::By::kLeadUnit) {
      order_by = "1, " + order;
    } else if (groups.by == ProjectGroups::By::kLevel && !order.starts_with("p.level_rank ASC") &&
               !order.starts_with("p.level_rank,")) {
      order_by = "p.level_rank, " + order;
    }
    q.Append(" ORDER BY " + order_by);
    ProjectRow row;
    int64_t group = 0;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(group));
      row.Bind(s, /*scan=*/true);
    });
    st.execute();
    Project& p = row.p;
    while (st.fetch()) {
      p.registered = row.registered != 0;
      p.co_unit_ids.clear();
      for (auto [it, end] = DetailsOf(co_units, p.id); it != end; ++it) p.co_unit_ids.push_back(it->second);
      p.tag_ids.clear();
      for (auto [it, end] = DetailsOf(tags, p.id); it != end; ++it) p.tag_ids.push_back(it->second);
      p.funding.clear();
      for (auto [it, end] = DetailsOf(funding, p.id); it != end; ++it) p.funding.push_back(it->second);
      if (group < 0 || static_cast<size_t>(group) >= group_count) return Status::Internal("导出分组无效");
      RETURN_IF_ERROR(on_project(static_cast<size_t>(group), p));
    }
    return Status::Ok();
  });
}

StatusOr<Project> ProjectStore::Get(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Project> {
    auto p = LoadOne(sql, id);
    if (!p) return Status::NotFound("project.not_found", "项目不存在");
    return *p;
  });
}

void RefreshOwnerSearchIn(soci::session& sql, db::Dialect dialect, int64_t owner_unit_id, const std::string& owner_name) {
  ProjectFields f;
  int64_t id = 0;
  db::Query q("SELECT id, name, code, content FROM projects");
  q.Where("owner_unit_id = " + q.Bind(owner_unit_id));
  std::vector<std::pair<int64_t, std::string>> texts;
  soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
    s.exchange(soci::into(id));
    s.exchange(soci::into(f.name));
    s.exchange(soci::into(f.code));
    s.exchange(soci::into(f.content));
  });
  st.execute();
  while (st.fetch()) texts.emplace_back(id, SearchTextOf(f, owner_name));
  std::vector<int64_t> ids;
  for (const auto& [project_id, text] : texts) {
    sql << "UPDATE projects SET search_text = :t WHERE id = :id", soci::use(text), soci::use(project_id);
    ids.push_back(project_id);
  }
  IndexForSearch(sql, dialect, ids);
}

StatusOr<Project> ProjectStore::Create(const ProjectFields& in, const std::vector<StageStep>& steps, int64_t user_id) {
  if (steps.empty()) return Status::Internal("新建项目缺少阶段");
  return db_.Run([&](soci::session& sql) -> StatusOr<Project> {
    db::Transaction tx(sql, db_.dialect());
    int64_t id = 0;
    {
      ProjectInserter inserter(sql, user_id);  // its statements end before COMMIT
      id = inserter.Create(in, steps);
    }
    IndexForSearch(sql, db_.dialect(), {id});
    tx.Commit();
    return *LoadOne(sql, id);
  });
}

StatusOr<Project> ProjectStore::Update(int64_t id, int64_t version, const ProjectFields& in,
                                       const std::vector<FieldChange>& changes, int64_t user_id,
                                       const std::string& source) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Project> {
    db::Transaction tx(sql, db_.dialect());
    if (!UpdateIn(sql, db_.dialect(), id, version, in, changes, user_id, source)) {
      if (!LoadOne(sql, id)) return Status::NotFound("project.not_found", "项目不存在");
      return Status::Conflict("project.stale", "项目已被他人修改,请刷新后重试");
    }
    tx.Commit();
    return *LoadOne(sql, id);
  });
}

StatusOr<ProjectStore::ImportResult> ProjectStore::Import(const std::vector<std::string>& new_owner_units,
                                                          std::vector<ImportOp> ops, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<ImportResult> {
    db::Transaction tx(sql, db_.dialect());
    std::map<std::string, int64_t> owners;
    const std::string now = NowTimestamp();
    for (const std::string& name : new_owner_units) {
      const std::string kind = "owner";
      owners[name] = db::InsertReturningId(
          sql,
          "INSERT INTO units (parent_id, name, kind, sort_order, enabled, created_at, updated_at) "
          "VALUES (NULL, :n, :k, 9000, 1, :t, :t2) RETURNING id",
          [&](soci::statement& st) {
            st.exchange(soci::use(name, "n"));
            st.exchange(soci::use(kind, "k"));
            st.exchange(soci::use(now, "t"));
            st.exchange(soci::use(now, "t2"));
          });
    }
    ImportResult result;
    std::vector<int64_t> touched;
    touched.reserve(ops.size());
    {
      // Its prepared statements must be finished before COMMIT: hence the scope.
      ProjectInserter creator(sql, user_id);
      for (ImportOp& op : ops) {
        if (op.new_owner) op.fields.owner_unit_id = owners.at(*op.new_owner);
        if (op.create) {
          touched.push_back(creator.Create(op.fields, op.steps));
          ++result.created;
        } else {
          touched.push_back(op.id);
          if (!UpdateIn(sql, db_.dialect(), op.id, op.version, op.fields, op.changes, user_id, "import",
                        /*index_now=*/false)) {
            return Status::Conflict("project.stale", "导入期间项目“" + op.fields.name + "”被他人修改,请重新预览");
          }
          ++result.updated;
        }
      }
    }
    IndexForSearch(sql, db_.dialect(), touched);
    tx.Commit();
    return result;
  });
}

StatusOr<Project> ProjectStore::ChangeStage(int64_t id, int64_t version, const std::string& to,
                                            const std::string& date, const std::string& reason, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Project> {
    db::Transaction tx(sql, db_.dialect());
    auto current = LoadOne(sql, id);
    if (!current) return Status::NotFound("project.not_found", "项目不存在");
    // The caller checked the transition against the project as it read it.
    if (current->version != version) return Status::Conflict("project.stale", "项目已被他人修改,请刷新后重试");
    const std::string from = current->stage;
    const std::string now = NowTimestamp();
    sql << "INSERT INTO project_events (project_id, from_stage, to_stage, event_date, reason, user_id, created_at) "
           "VALUES (:p, :f, :t, :d, :r, :u, :now)",
        soci::use(id), soci::use(from), soci::use(to), soci::use(date), soci::use(reason), soci::use(user_id),
        soci::use(now);
    const domain::StageState state = domain::AfterStageEvent(
        {current->stage, current->resume_stage, current->actual_start, current->actual_completion}, to, date);
    sql << "UPDATE projects SET stage = :s, resume_stage = :r, actual_start = :a, actual_completion = :c, "
           "updated_at = :now, updated_by = :u, version = version + 1 WHERE id = :id",
        soci::use(state.stage), soci::use(state.resume_stage), soci::use(state.actual_start),
        soci::use(state.actual_completion), soci::use(now), soci::use(user_id), soci::use(id);
    tx.Commit();
    return *LoadOne(sql, id);
  });
}

Status ProjectStore::SetWeeklyReporting(int64_t id, bool weekly) {
  return db_.Run([&](soci::session& sql) -> Status {
    const int value = weekly ? 1 : 0;
    soci::statement st = (sql.prepare << "UPDATE projects SET weekly_reporting = :w WHERE id = :id", soci::use(value),
                          soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Status::NotFound("project.not_found", "项目不存在");
    return Status::Ok();
  });
}

StatusOr<std::vector<ProjectStore::Key>> ProjectStore::Keys() {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<Key>> {
    Key k{};
    soci::statement st =
        (sql.prepare << "SELECT id, version, code, name, owner_unit_id FROM projects", soci::into(k.id),
         soci::into(k.version), soci::into(k.code), soci::into(k.name), soci::into(k.owner_unit_id));
    st.execute();
    std::vector<Key> out;
    while (st.fetch()) out.push_back(k);
    return out;
  });
}

StatusOr<std::vector<Project>> ProjectStore::GetMany(const std::vector<int64_t>& ids) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<Project>> {
    std::vector<Project> out;
    // In chunks: a statement has a limit on bound values.
    for (size_t i = 0; i < ids.size(); i += 500) {
      db::Query q(kSelect);
      std::vector<int64_t> chunk(ids.begin() + i, ids.begin() + std::min(ids.size(), i + 500));
      q.Where("p.id IN (" + q.BindList(chunk) + ")");
      ProjectRow row;
      soci::statement st = q.Prepare(sql, [&](soci::statement& s) { row.Bind(s); });
      st.execute();
      std::vector<Project> part;
      while (st.fetch()) part.push_back(row.Take());
      LoadDetails(sql, part);
      out.insert(out.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
    return out;
  });
}

StatusOr<std::vector<ProjectEvent>> ProjectStore::Events(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<ProjectEvent>> {
    db::Query q(
        "SELECT e.id, e.from_stage, e.to_stage, e.event_date, e.reason, u.display_name, e.created_at "
        "FROM project_events e LEFT JOIN users u ON u.id = e.user_id");
    q.Where("e.project_id = " + q.Bind(id));
    q.Append(" ORDER BY e.event_date, e.id");
    ProjectEvent e;
    return q.FetchAll(sql, e, [&](soci::statement& s) {
      s.exchange(soci::into(e.id));
      s.exchange(soci::into(e.from_stage));
      s.exchange(soci::into(e.to_stage));
      s.exchange(soci::into(e.event_date));
      s.exchange(soci::into(e.reason));
      s.exchange(soci::into(e.user_name));
      s.exchange(soci::into(e.created_at));
    });
  });
}

StatusOr<std::vector<ProjectChange>> ProjectStore::Changes(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<ProjectChange>> {
    db::Query q(
        "SELECT c.id, c.field, c.old_value, c.new_value, c.source, u.display_name, c.changed_at "
        "FROM project_changes c LEFT JOIN users u ON u.id = c.user_id");
    q.Where("c.project_id = " + q.Bind(id));
    q.Append(" ORDER BY c.id DESC");
    ProjectChange c;
    return q.FetchAll(sql, c, [&](soci::statement& s) {
      s.exchange(soci::into(c.id));
      s.exchange(soci::into(c.field));
      s.exchange(soci::into(c.old_value));
      s.exchange(soci::into(c.new_value));
      s.exchange(soci::into(c.source));
      s.exchange(soci::into(c.user_name));
      s.exchange(soci::into(c.changed_at));
    });
  });
}

StatusOr<std::vector<int64_t>> ProjectStore::Subtree(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<int64_t>> {
    db::Query q("WITH RECURSIVE tree(id) AS (SELECT id FROM projects");
    q.Where("id = " + q.Bind(id));
    q.Append(" UNION ALL SELECT c.id FROM tree t JOIN projects c ON c.parent_id = t.id) SELECT id FROM tree");
    int64_t v = 0;
    return q.FetchAll(sql, v, [&](soci::statement& s) { s.exchange(soci::into(v)); });
  });
}

StatusOr<std::optional<int64_t>> ProjectStore::FindIdByCode(const std::string& code) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::optional<int64_t>> {
    std::optional<int64_t> id;
    sql << "SELECT id FROM projects WHERE code = :c", soci::use(code), soci::into(id);
    if (!sql.got_data()) return std::optional<int64_t>();
    return id;
  });
}

}  // namespace tuijin::store
