// Ledger import (项目台账导入): upload an .xlsx or CSV, preview every row with its errors and
// what would happen to it, correct the column mapping, then commit in one transaction.
// The upload is kept by content hash, so preview and commit are repeatable and stateless.
#include <fmt/format.h>

#include <map>
#include <set>

#include "api/handlers.h"
#include "api/json.h"
#include "api/project_fields.h"
#include "base/text.h"
#include "base/date.h"
#include "base/time.h"
#include "domain/import_layout.h"
#include "xlsx/csv.h"
#include "xlsx/reader.h"

namespace tuijin::api {
namespace {

using domain::GridRow;
using domain::SheetLayout;
using store::ProjectStore;

constexpr size_t kMaxImportBytes = 20 * 1024 * 1024;

struct Grid {
  std::vector<GridRow> rows;
  std::vector<domain::GridMerge> merges;
  bool date1904 = false;  // the workbook counts serial days from 1904 (older Mac files)
};

bool IsCsvName(std::string_view name) {
  return name.size() > 4 && (name.ends_with(".csv") || name.ends_with(".CSV") || name.ends_with(".txt"));
}

StatusOr<Grid> ReadGrid(const std::string& bytes, bool csv) {
  Grid grid;
  auto convert = [&](const xlsx::Row& r) {
    GridRow row;
    row.index = r.index;
    row.cells.reserve(r.cells.size());
    for (const auto& c : r.cells) {
      row.cells.push_back({c.text, c.type == xlsx::CellType::kNumber, c.is_date});
    }
    grid.rows.push_back(std::move(row));
  };
  if (csv) {
    ASSIGN_OR_RETURN(auto rows, xlsx::ParseCsv(bytes));
    for (const auto& r : rows) convert(r);
    return grid;
  }
  ASSIGN_OR_RETURN(auto book, xlsx::Workbook::OpenBuffer(std::string_view(bytes)));
  grid.date1904 = book->date1904();
  ASSIGN_OR_RETURN(auto merges, book->ReadRows(0, [&](const xlsx::Row& r) {
    convert(r);
    return true;
  }));
  for (const auto& m : merges) grid.merges.push_back({m.first_row, m.first_col, m.last_row, m.last_col});
  return grid;
}

// Splits "专项债、政府投资" and similar lists.
std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    const std::string t = domain::NormalizeHeader(cur);
    if (!t.empty()) out.push_back(t);
    cur.clear();
  };
  for (size_t i = 0; i < text.size();) {
    bool sep = false;
    for (std::string_view s : {"、", ",", "，", ";", "；", "/"}) {
      if (text.compare(i, s.size(), s) == 0) {
        flush();
        i += s.size();
        sep = true;
        break;
      }
    }
    if (!sep) cur += text[i++];
  }
  flush();
  return out;
}

using RowPlan = ImportRowPlan;
using Plan = ImportPlan;

// The ledger column (import field key) behind an API field, for row errors; "" when no
// single column fills it (资金来源 spans one column per source).
std::string ImportKeyFor(const std::vector<domain::ImportField>& fields, const std::string& api_field) {
  const domain::ImportField* found = nullptr;
  for (const auto& f : fields) {
    if (f.api_field != api_field) continue;
    if (found) return {};
    found = &f;
  }
  return found ? found->key : std::string();
}

// What a field (import key or API field) is called in a ledger, for messages.
std::string FieldLabel(const std::vector<domain::ImportField>& fields, const std::string& field) {
  if (const auto* f = domain::FindImportField(fields, field)) return f->label;
  if (field == "funding") return "资金来源";
  const std::string key = ImportKeyFor(fields, field);
  if (const auto* f = domain::FindImportField(fields, key)) return f->label;
  return field;
}

Status ApplyMapping(const std::vector<domain::ImportField>& fields, SheetLayout& layout, const json::object& mapping) {
  std::map<std::string, std::string> errors;
  for (const auto& [key, value] : mapping) {
    const std::optional<int64_t> parsed = ParseDigits(key);
    if (!parsed) {
      errors["mapping"] = "列号应为数字:" + std::string(key);
      continue;
    }
    const auto index = static_cast<size_t>(*parsed);
    if (index >= layout.columns.size()) {
      errors["mapping"] = fmt::format("第 {} 列不存在", index + 1);
      continue;
    }
    if (value.is_null()) {
      layout.columns[index].field.reset();
    } else if (value.is_string() && domain::FindImportField(fields, value.as_string())) {
      layout.columns[index].field = std::string(value.as_string());
    } else {
      errors["mapping"] = "未知字段:" + (value.is_string() ? std::string(value.as_string()) : std::string("?"));
    }
  }
  std::map<std::string, int> used;
  for (const auto& c : layout.columns) {
    if (c.field && ++used[*c.field] > 1) errors["mapping"] = "“" + FieldLabel(fields, *c.field) + "”对应了多列";
  }
  if (!errors.empty()) return Status::Invalid(errors);
  return Status::Ok();
}

// Units, leaders and code-table items by the names a ledger uses for them.
struct NameIndex {
  std::map<std::string, int64_t, std::less<>> units, leaders;
  std::map<std::pair<std::string, std::string>, int64_t, std::less<>> items;  // (dictionary, label)

  explicit NameIndex(const Lookups& lk) {
    for (const auto& [id, u] : lk.units) units.emplace(u.name, id);
    for (const auto& [id, name] : lk.leaders) leaders.emplace(name, id);
    for (const auto& [id, d] : lk.items) items.emplace(std::make_pair(d.dict, d.label), id);
  }
  std::optional<int64_t> Item(const std::string& dict, const std::string& label) const {
    auto it = items.find(std::make_pair(dict, label));
    return it == items.end() ? std::nullopt : std::optional<int64_t>(it->second);
  }
  static std::optional<int64_t> Find(const std::map<std::string, int64_t, std::less<>>& m, std::string_view name) {
    auto it = m.find(name);
    return it == m.end() ? std::nullopt : std::optional<int64_t>(it->second);
  }
};

// A data row read into a project API body (names turned into ids), with the row's cell texts
// for the preview and the errors of cells that could not be read.
struct RowBody {
  json::object body;
  std::optional<std::string> new_owner;  // a 建设单位 not in the unit list yet: created on commit
};

RowBody ReadRow(const GridRow& row, const Plan& plan, const std::vector<const domain::ImportField*>& specs,
                const NameIndex& names, bool date1904, const std::optional<std::string>& group_level, RowPlan& r) {
  RowBody out;
  json::object& body = out.body;
  body.reserve(specs.size() + 4);
  r.values.resize(specs.size());
  auto error = [&](const std::string& field, const std::string& message) { r.errors.emplace_back(field, message); };
  json::array funding;
  bool has_funding = false;
  for (size_t c = 0; c < specs.size() && c < row.cells.size(); ++c) {
    const domain::ImportField* spec = specs[c];
    if (!spec) continue;
    const domain::GridCell& cell = row.cells[c];
    const std::string_view text = TrimSpace(cell.text);
    if (text.empty()) continue;
    const std::string& field = spec->key;
    // Only an error needs the cell's text in quotes: made then, not for every cell read.
    auto quoted = [&] { return "“" + std::string(text) + "”"; };
    // The ids of a list of names ("一、二" or "一,二"), each unknown one an error.
    auto ids_of = [&](auto find, const std::string& what, const char* where) {
      json::array ids;
      for (const auto& name : SplitList(std::string(text))) {
        if (auto id = find(name)) ids.push_back(*id);
        else error(field, what + "“" + name + "”" + where);
      }
      return ids;
    };
    if (spec->kind == domain::FieldKind::kMoney) {
      auto fen = ParseAmount(text, plan.layout.columns[c].unit);
      if (!fen) {
        error(field, quoted() + "不是数字");
      } else if (spec->api_field == "funding") {
        has_funding = true;
        const std::string source = field.substr(std::string_view("funding:").size());
        if (auto id = names.Item("funding_source", source); !id) {
          error(field, "资金来源“" + source + "”不在数据字典中");
        } else if (*fen != 0) {
          funding.push_back(json::object{{"source_id", *id}, {"amount", *fen}});
        }
      } else {
        body[field] = *fen;
      }
    } else if (spec->kind == domain::FieldKind::kDate) {
      auto d = NormalizeDate(text, cell.is_number || cell.is_date, date1904);
      if (!d) error(field, quoted() + "不是可识别的日期");
      else body[field] = *d;
    } else if (field == "level") {
      auto l = domain::LevelFromText(text);
      if (!l) error(field, quoted() + "应为 省重点/市重点/区重点");
      else body["level"] = *l;
    } else if (field == "star") {
      auto stars = domain::StarFromText(text);
      if (!stars) error(field, "攻坚星级应为 0 到 5(或 ★ 的个数)");
      else body["star"] = *stars;
    } else if (field == "nature" || field == "category" || field == "industry") {
      auto id = names.Item(field, domain::NormalizeHeader(text));
      if (!id) error(field, quoted() + "不在数据字典中");
      else body[spec->api_field] = *id;
    } else if (field == "tags") {
      body["tag_ids"] = ids_of([&](const std::string& t) { return names.Item("tag", t); }, "标签", "不在数据字典中");
    } else if (field == "owner") {
      if (auto id = NameIndex::Find(names.units, text)) body["owner_unit_id"] = *id;
      else out.new_owner = std::string(text);
    } else if (field == "lead") {
      if (auto id = NameIndex::Find(names.units, text)) body["lead_unit_id"] = *id;
      else error(field, quoted() + "不在单位列表中");
    } else if (field == "co_units") {
      body["co_unit_ids"] =
          ids_of([&](const std::string& u) { return NameIndex::Find(names.units, u); }, "配合单位", "不在单位列表中");
    } else if (field == "leader") {
      if (auto id = NameIndex::Find(names.leaders, text)) body["leader_user_id"] = *id;
      body["leader_name"] = text;
    } else if (field == "lng" || field == "lat") {
      auto n = xlsx::ParseNumber(text);
      if (!n) error(field, quoted() + "不是数字");
      else body[field] = *n;
    } else if (field == "stage") {
      auto st = domain::StageFromText(text);
      if (!st) error(field, quoted() + "无法识别");
      else body["stage"] = *st;
    } else if (field == "registered") {
      auto b = domain::BoolFromText(text);
      if (!b) error(field, quoted() + "应为 是/否");
      else body["registered"] = *b;
    } else if (field == "code") {
      body["code"] = domain::NormalizeHeader(text);
    } else {
      body[field] = text;
    }
    r.values[c] = text;
  }
  if (has_funding) body["funding"] = std::move(funding);
  if (!body.contains("level") && group_level) body["level"] = *group_level;
  if (auto n = body.if_contains("name"); n && n->is_string()) r.name = std::string(n->as_string());
  return out;
}

// Checks a row's body as the project API would, against the project it updates (if any),
// and decides: create (with its opening stage events), update (with the changes in words)
// or unchanged. What fails goes to the row's errors.
void Decide(Context& ctx, const Plan& plan, const Lookups& lk, const CodeOwner& code_owner,
            const store::Project* current, RowBody row, RowPlan& r) {
  json::object body = current ? ProjectJson(*current) : std::move(row.body);
  if (current) {
    for (const auto& [k, v] : row.body) body[k] = v;
  }
  auto fields = ReadFields(ctx, body, lk, current, code_owner);
  std::optional<std::vector<ProjectStore::StageStep>> steps;
  if (fields.ok() && !current) {
    auto s = OpeningSteps(body);
    if (s.ok()) steps = std::move(*s);
    else fields = s.status();
  }
  if (!fields.ok()) {
    const Status& st = fields.status();
    if (st.fields().empty()) r.errors.emplace_back("", st.message());
    for (const auto& [f, msg] : st.fields()) {
      const std::string key = ImportKeyFor(plan.fields, f);
      r.errors.emplace_back(key, key.empty() ? FieldLabel(plan.fields, f) + ":" + msg : msg);
    }
    return;
  }
  ProjectStore::ImportOp op;
  if (current) {
    r.project_id = current->id;
    auto changes = Diff(*current, *fields, lk);
    if (changes.empty()) {
      r.action = "unchanged";
      return;
    }
    r.action = "update";
    op.create = false;
    op.id = current->id;
    op.version = current->version;
    op.changes = std::move(changes);
  } else {
    r.action = "create";
    op.steps = std::move(*steps);
    op.new_owner = std::move(row.new_owner);
  }
  op.fields = std::move(*fields);
  r.op = std::move(op);
}

StatusOr<Plan> BuildPlan(Context& ctx, const Grid& grid, const json::object* mapping) {
  Plan plan;
  ASSIGN_OR_RETURN(Lookups lk, LoadLookups(ctx));
  plan.fields = domain::ProjectImportFields(Labels(FundingSources(lk)));
  plan.layout = domain::DetectLayout(grid.rows, grid.merges, plan.fields);
  if (!plan.layout.found) {
    return Status::InvalidArgument("import.no_header",
                                   "没有找到表头:前 20 行中应有一行至少包含两个可识别的列名,如“项目名称”“总投资”");
  }
  for (const auto& c : plan.layout.columns) plan.detected.push_back(c.field);
  if (mapping) RETURN_IF_ERROR(ApplyMapping(plan.fields, plan.layout, *mapping));
  std::vector<const domain::ImportField*> specs;  // per column; nullptr when unmapped
  std::set<std::string> mapped;
  for (const auto& c : plan.layout.columns) {
    specs.push_back(c.field ? domain::FindImportField(plan.fields, *c.field) : nullptr);
    if (c.field) mapped.insert(*c.field);
  }
  for (const auto& f : plan.fields) {
    if (f.required && !mapped.count(f.key)) plan.missing.push_back(f.label);
  }

  const NameIndex names(lk);
  ASSIGN_OR_RETURN(auto keys, ctx.svc.projects.Keys());
  std::map<std::string, const ProjectStore::Key*> by_code;
  std::map<std::pair<std::string, int64_t>, const ProjectStore::Key*> by_name_owner;
  for (const auto& k : keys) {
    if (k.code) by_code[*k.code] = &k;
    by_name_owner[{k.name, k.owner_unit_id.value_or(0)}] = &k;
  }
  // Which project holds a code, in the library as read (two rows of this file with one code
  // are caught below as the same project).
  const CodeOwner code_owner = [&](const std::string& code) -> StatusOr<std::optional<int64_t>> {
    auto it = by_code.find(code);
    if (it == by_code.end()) return std::optional<int64_t>();
    return std::optional<int64_t>(it->second->id);
  };

  // Each data row is read and, when it is a new project, decided at once; rows matching an
  // existing project wait until those projects have been loaded, all in one query.
  struct Waiting {
    size_t index;  // in plan.rows
    int64_t project_id;
    RowBody row;
  };
  std::vector<Waiting> waiting;
  plan.rows.reserve(grid.rows.size());
  std::optional<std::string> group_level;
  std::map<std::string, int> seen_rows;
  for (const GridRow& row : grid.rows) {
    if (row.index <= plan.layout.header_last) continue;
    std::optional<std::string> level;
    const auto kind = domain::ClassifyRow(row, plan.layout, &level);
    if (kind == domain::RowKind::kGroup) {
      if (level) group_level = level;
      continue;
    }
    if (kind != domain::RowKind::kData) continue;
    RowPlan& r = plan.rows.emplace_back();
    r.row = row.index;
    RowBody body = ReadRow(row, plan, specs, names, grid.date1904, group_level, r);
    // Which project is this row: by 项目代码, else by 名称 + 建设单位.
    const ProjectStore::Key* match = nullptr;
    std::string identity;
    if (auto code = body.body.if_contains("code"); code && code->is_string()) {
      identity = "code:" + std::string(code->as_string());
      if (auto it = by_code.find(std::string(code->as_string())); it != by_code.end()) match = it->second;
    } else {
      const json::value* owner_id = body.body.if_contains("owner_unit_id");
      const int64_t owner = owner_id ? owner_id->as_int64() : 0;
      identity = "name:" + r.name + "|" + std::to_string(owner) + "|" + body.new_owner.value_or("");
      if (!body.new_owner) {
        if (auto it = by_name_owner.find({r.name, owner}); it != by_name_owner.end()) match = it->second;
      }
    }
    if (auto [it, inserted] = seen_rows.emplace(identity, row.index); !inserted) {
      r.errors.emplace_back("name", fmt::format("与第 {} 行是同一个项目", it->second));
    }
    if (!r.errors.empty()) continue;
    if (match) waiting.push_back({plan.rows.size() - 1, match->id, std::move(body)});
    else Decide(ctx, plan, lk, code_owner, nullptr, std::move(body), r);
  }

  if (!waiting.empty()) {
    std::vector<int64_t> ids;
    for (const auto& w : waiting) ids.push_back(w.project_id);
    ASSIGN_OR_RETURN(auto existing_list, ctx.svc.projects.GetMany(ids));
    std::map<int64_t, store::Project> existing;
    for (auto& e : existing_list) existing.emplace(e.id, std::move(e));
    for (Waiting& w : waiting) {
      Decide(ctx, plan, lk, code_owner, &existing.at(w.project_id), std::move(w.row), plan.rows[w.index]);
    }
  }

  for (RowPlan& r : plan.rows) {
    for (const auto& label : plan.missing) r.errors.emplace_back("", "缺少必需的列“" + label + "”,请在列对应中指定");
    if (!r.errors.empty()) {
      r.action = "error";
      r.op.reset();
    }
    ++plan.counts[r.action];
  }
  return plan;
}

const std::set<std::string>& RowFilters() {
  static const std::set<std::string> kFilters = {"all", "create", "update", "unchanged", "error"};
  return kFilters;
}

// One page of the plan's rows, those with `action` ("all": every row).
json::object RowsJson(const Plan& plan, const std::string& action, const store::PageRequest& page) {
  json::array rows;
  int64_t matched = 0;
  const int64_t first = page.Offset(), last = first + page.page_size;
  for (const auto& r : plan.rows) {
    if (action != "all" && r.action != action) continue;
    const int64_t n = matched++;
    if (n < first || n >= last) continue;
    json::object values;
    for (size_t c = 0; c < plan.layout.columns.size() && c < r.values.size(); ++c) {
      const auto& field = plan.layout.columns[c].field;
      if (field && !r.values[c].empty()) values[*field] = r.values[c];
    }
    json::array errors;
    errors.reserve(r.errors.size());
    for (const auto& [f, m] : r.errors) errors.push_back(json::object{{"field", f}, {"message", m}});
    rows.push_back(json::object{{"row", r.row},
                                {"action", r.action},
                                {"project_id", OrNull(r.project_id)},
                                {"name", r.name},
                                {"values", std::move(values)},
                                {"errors", std::move(errors)}});
  }
  return json::object{{"rows", std::move(rows)},
                      {"action", action},
                      {"page", page.page},
                      {"page_size", page.page_size},
                      {"total", matched}};
}

// The preview: the mapping, the counts, and the first page of rows (the rest by plan_id).
json::object PlanJson(const Plan& plan, const std::string& import_id, const std::string& plan_id,
                      const std::string& file_name, int64_t page_size) {
  json::array columns, fields;
  for (size_t i = 0; i < plan.layout.columns.size(); ++i) {
    const auto& c = plan.layout.columns[i];
    columns.push_back(json::object{{"index", i}, {"header", c.header}, {"field", OrNull(c.field)}});
  }
  for (const auto& f : plan.fields) {
    fields.push_back(json::object{{"field", f.key}, {"label", f.label}, {"required", f.required}});
  }
  json::object out = RowsJson(plan, "all", {1, page_size});
  json::array missing(plan.missing.begin(), plan.missing.end());
  out["import_id"] = import_id;
  out["plan_id"] = plan_id;
  out["missing_fields"] = std::move(missing);
  out["file_name"] = file_name;
  out["header_row"] = plan.layout.header_first;
  out["columns"] = std::move(columns);
  out["fields"] = std::move(fields);
  out["summary"] = json::object{{"total", plan.rows.size()},
                                {"create", plan.Count("create")},
                                {"update", plan.Count("update")},
                                {"unchanged", plan.Count("unchanged")},
                                {"error", plan.Count("error")}};
  return out;
}

// Keeps the plan for paging and for the commit, and answers with its first page.
StatusOr<http::Response> KeepAndShow(Context& ctx, Plan plan, const std::string& import_id,
                                     const std::string& file_name, uint64_t generation) {
  ASSIGN_OR_RETURN(store::PageRequest page, ReadPage(ctx.req, 50));
  auto kept = std::make_shared<Plan>(std::move(plan));
  const std::string plan_id =
      ctx.svc.import_plans.Put({import_id, ctx.me().user.id, generation}, kept, NowUnix());
  return JsonResponse(PlanJson(*kept, import_id, plan_id, file_name, page.page_size));
}

// Whether a commit's mapping (none: the detected one) is the one `plan` was made with.
bool SameMapping(const Plan& plan, const std::optional<json::object>& mapping) {
  SheetLayout layout = plan.layout;
  for (size_t i = 0; i < layout.columns.size() && i < plan.detected.size(); ++i) {
    layout.columns[i].field = plan.detected[i];
  }
  if (mapping && !ApplyMapping(plan.fields, layout, *mapping).ok()) return false;
  for (size_t i = 0; i < layout.columns.size(); ++i) {
    if (layout.columns[i].field != plan.layout.columns[i].field) return false;
  }
  return true;
}

// import_id = "<sha256>.<xlsx|csv>"
StatusOr<std::pair<std::string, bool>> LoadUpload(Context& ctx) {
  const std::string id(ctx.req.Param("import_id"));
  const auto dot = id.find('.');
  if (dot == std::string::npos) return Status::NotFound("import.not_found", "导入文件不存在,请重新上传");
  const std::string ext = id.substr(dot + 1);
  if (ext != "xlsx" && ext != "csv") return Status::NotFound("import.not_found", "导入文件不存在,请重新上传");
  auto bytes = ctx.svc.blobs.Read(id.substr(0, dot));
  if (!bytes.ok()) return Status::NotFound("import.not_found", "导入文件不存在,请重新上传");
  return std::make_pair(std::move(*bytes), ext == "csv");
}

StatusOr<std::optional<json::object>> MappingFrom(const json::object& body) {
  const json::value* m = body.if_contains("mapping");
  if (!m || m->is_null()) return std::optional<json::object>();
  if (!m->is_object()) return Status::Invalid({{"mapping", "应为 {列号: 字段} 对象"}});
  return std::optional<json::object>(m->as_object());
}

}  // namespace

StatusOr<http::Response> UploadProjectImport(Context& ctx) {
  const uint64_t generation = ctx.svc.data_generation.load();
  const std::string name(ctx.req.Query("filename").value_or("导入文件.xlsx"));
  const std::string& bytes = ctx.req.body;
  if (bytes.empty()) return Status::Invalid({{"file", "文件为空"}});
  if (bytes.size() > kMaxImportBytes) return Status::TooLarge("import.too_large", "导入文件不能超过 20 MB");
  const bool zip = bytes.size() >= 4 && bytes.compare(0, 4, std::string("PK\x03\x04", 4)) == 0;
  const bool csv = !zip && IsCsvName(name);
  if (!zip && !csv) {
    if (bytes.size() >= 8 && bytes.compare(0, 4, std::string("\xD0\xCF\x11\xE0", 4)) == 0) {
      return Status::Unsupported("import.legacy_xls", "不支持旧版 .xls 文件,请在 Excel 或 WPS 中另存为 .xlsx 后再导入");
    }
    return Status::Unsupported("import.unsupported", "只能导入 .xlsx 或 .csv 文件");
  }
  Plan plan;
  {
    ASSIGN_OR_RETURN(Grid grid, ReadGrid(bytes, csv));
    ASSIGN_OR_RETURN(plan, BuildPlan(ctx, grid, nullptr));
  }
  ASSIGN_OR_RETURN(std::string sha, ctx.svc.blobs.Put(bytes));
  return KeepAndShow(ctx, std::move(plan), sha + (csv ? ".csv" : ".xlsx"), name, generation);
}

StatusOr<http::Response> PreviewProjectImport(Context& ctx) {
  const uint64_t generation = ctx.svc.data_generation.load();
  ASSIGN_OR_RETURN(auto upload, LoadUpload(ctx));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(auto mapping, MappingFrom(body));
  Plan plan;
  {
    ASSIGN_OR_RETURN(Grid grid, ReadGrid(upload.first, upload.second));
    ASSIGN_OR_RETURN(plan, BuildPlan(ctx, grid, mapping ? &*mapping : nullptr));
  }
  return KeepAndShow(ctx, std::move(plan), std::string(ctx.req.Param("import_id")), "", generation);
}

StatusOr<http::Response> ListProjectImportRows(Context& ctx) {
  const std::string import_id(ctx.req.Param("import_id"));
  const std::string plan_id(ctx.req.Query("plan_id").value_or(""));
  const std::string action(ctx.req.Query("action").value_or("all"));
  if (!RowFilters().count(action)) {
    return Status::Invalid({{"action", "应为 all、create、update、unchanged 或 error"}});
  }
  ASSIGN_OR_RETURN(store::PageRequest page, ReadPage(ctx.req, 50));
  auto plan = ctx.svc.import_plans.Get(plan_id, import_id, ctx.me().user.id, NowUnix());
  if (!plan) return Status::NotFound("import.plan_expired", "预览已过期,请重新预览");
  return JsonResponse(RowsJson(*plan, action, page));
}

StatusOr<http::Response> CommitProjectImport(Context& ctx) {
  const uint64_t generation = ctx.svc.data_generation.load();
  const std::string import_id(ctx.req.Param("import_id"));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(auto mapping, MappingFrom(body));
  FieldReader in(body);
  const bool skip_errors = in.Bool("skip_errors", false);
  const std::string plan_id = in.OptionalString("plan_id").value_or("");
  RETURN_IF_ERROR(in.status());
  // The previewed plan when nothing has changed since; else the file is read and checked again.
  std::shared_ptr<Plan> kept;
  if (auto shown = ctx.svc.import_plans.Get(plan_id, import_id, ctx.me().user.id, NowUnix());
      shown && SameMapping(*shown, mapping) && (skip_errors || shown->Count("error") == 0)) {
    kept = ctx.svc.import_plans.Take(plan_id, {import_id, ctx.me().user.id, generation}, NowUnix());
  }
  if (!kept) {
    ASSIGN_OR_RETURN(auto upload, LoadUpload(ctx));
    ASSIGN_OR_RETURN(Grid grid, ReadGrid(upload.first, upload.second));
    ASSIGN_OR_RETURN(Plan built, BuildPlan(ctx, grid, mapping ? &*mapping : nullptr));
    kept = std::make_shared<Plan>(std::move(built));
  }
  Plan& plan = *kept;
  const int errors = plan.Count("error");
  if (errors > 0 && !skip_errors) {
    const RowPlan* first = nullptr;
    for (const auto& r : plan.rows) {
      if (!r.errors.empty()) {
        first = &r;
        break;
      }
    }
    return Status::InvalidArgument(
        "import.has_errors",
        fmt::format("有 {} 行存在错误,未导入任何数据。第一处:第 {} 行,{}。可修正文件后重新导入,或选择跳过错误行",
                    errors, first->row,
                    (first->errors.front().first.empty() ? "" : FieldLabel(plan.fields, first->errors.front().first) + ":") +
                        first->errors.front().second));
  }
  std::vector<ProjectStore::ImportOp> ops;
  ops.reserve(plan.rows.size());
  std::set<std::string> owners;
  for (auto& r : plan.rows) {
    if (!r.op) continue;
    if (r.op->new_owner) owners.insert(*r.op->new_owner);
    ops.push_back(std::move(*r.op));
  }
  ProjectStore::ImportResult result;
  if (!ops.empty()) {
    ASSIGN_OR_RETURN(result, ctx.svc.projects.Import({owners.begin(), owners.end()}, std::move(ops), ctx.me().user.id));
  }
  return JsonResponse(json::object{{"created", result.created},
                                   {"updated", result.updated},
                                   {"unchanged", plan.Count("unchanged")},
                                   {"skipped", errors},
                                   {"new_owner_units", owners.size()}});
}

}  // namespace tuijin::api
