#include "store/status_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <unordered_map>

#include "base/date.h"
#include "base/time.h"
#include "db/query.h"
#include "domain/plan_rules.h"
#include "store/named_statement.h"
#include "store/project_store.h"

namespace tuijin::store {
namespace {

constexpr const char* kRuleColumns =
    "id, name, metric, comparator, yellow, red, consecutive, enabled, levels, category_ids, min_annual_plan, "
    "version, updated_at";

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::vector<std::string> SplitText(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string JoinText(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<StoredRule> LoadRules(soci::session& sql, std::optional<int64_t> id) {
  db::Query q(std::string("SELECT ") + kRuleColumns + " FROM status_rules");
  if (id) q.Where("id = " + q.Bind(*id));
  q.Append(" ORDER BY sort_order, id");
  struct Row {
    StoredRule r;
    std::string metric, comparator, levels, category_ids;
    int enabled = 1;
  } row;
  std::vector<StoredRule> out;
  for (auto& r : q.FetchAll(sql, row, [&](soci::statement& s) {
         s.exchange(soci::into(row.r.id));
         s.exchange(soci::into(row.r.name));
         s.exchange(soci::into(row.metric));
         s.exchange(soci::into(row.comparator));
         s.exchange(soci::into(row.r.yellow));
         s.exchange(soci::into(row.r.red));
         s.exchange(soci::into(row.r.consecutive));
         s.exchange(soci::into(row.enabled));
         s.exchange(soci::into(row.levels));
         s.exchange(soci::into(row.category_ids));
         s.exchange(soci::into(row.r.min_annual_plan));
         s.exchange(soci::into(row.r.version));
         s.exchange(soci::into(row.r.updated_at));
       })) {
    r.r.metric = domain::ParseMetric(r.metric).value_or(domain::Metric::kInvestment);
    r.r.comparator = domain::ParseComparator(r.comparator).value_or(domain::Comparator::kCount);
    r.r.enabled = r.enabled != 0;
    r.r.levels = SplitText(r.levels);
    for (const auto& id_text : SplitText(r.category_ids)) r.r.category_ids.push_back(std::stoll(id_text));
    out.push_back(std::move(r.r));
  }
  return out;
}

// The bound columns of a rule, for INSERT and UPDATE alike.
struct RuleBinds {
  explicit RuleBinds(const domain::StatusRule& r)
      : rule(r),
        metric(domain::MetricName(r.metric)),
        comparator(domain::ComparatorName(r.comparator)),
        levels(JoinText(r.levels)),
        category_ids(JoinIds(r.category_ids)),
        enabled(r.enabled ? 1 : 0) {}
  void Bind(soci::statement& st) const {
    st.exchange(soci::use(rule.name, "name"));
    st.exchange(soci::use(metric, "metric"));
    st.exchange(soci::use(comparator, "comparator"));
    st.exchange(soci::use(rule.yellow, "yellow"));
    st.exchange(soci::use(rule.red, "red"));
    st.exchange(soci::use(rule.consecutive, "consecutive"));
    st.exchange(soci::use(enabled, "enabled"));
    st.exchange(soci::use(levels, "levels"));
    st.exchange(soci::use(category_ids, "category_ids"));
    st.exchange(soci::use(rule.min_annual_plan, "min_plan"));
  }
  const domain::StatusRule& rule;
  std::string metric, comparator, levels, category_ids;
  int enabled;
};

int64_t InsertRule(soci::session& sql, const domain::StatusRule& r, int64_t sort_order, std::optional<int64_t> user_id,
                   const std::string& now) {
  const RuleBinds binds(r);
  return db::InsertReturningId(
      sql,
      "INSERT INTO status_rules (name, metric, comparator, yellow, red, consecutive, enabled, levels, category_ids, "
      "min_annual_plan, sort_order, version, updated_at, updated_by) VALUES (:name, :metric, :comparator, :yellow, "
      ":red, :consecutive, :enabled, :levels, :category_ids, :min_plan, :sort, 1, :now, :uid) RETURNING id",
      [&](soci::statement& st) {
        binds.Bind(st);
        st.exchange(soci::use(sort_order, "sort"));
        st.exchange(soci::use(now, "now"));
        st.exchange(soci::use(user_id, "uid"));
      });
}

std::vector<StatusProject> LoadYear(soci::session& sql, int year, const std::optional<std::vector<int64_t>>& scope) {
  if (scope && scope->empty()) return {};
  {
    db::Query q(
        "SELECT p.id, p.code, p.name, p.level, p.category_id, p.stage, p.total_investment, p.planned_start, "
        "p.planned_completion, p.actual_start, p.actual_completion, p.registered, p.created_at, p.lead_unit_id, "
        "u.name, "
        "COALESCE(ap.amount, 0), p.star, COALESCE(ap.curve, ''), p.owner_unit_id FROM projects p LEFT JOIN units u ON u.id = "
        "p.lead_unit_id "
        "LEFT JOIN annual_plans ap ON ap.project_id = p.id AND ap.year = ");
    q.Append(q.Bind(static_cast<int64_t>(year)));
    q.Where("p.parent_id IS NULL").Where("p.stage <> 'cancelled'");
    WhereInScope(q, scope);
    q.Append(" ORDER BY p.id");
    struct Row {
      StatusProject p;
      int registered = 0;
      std::string created_at, curve;
    } row;
    std::vector<StatusProject> out;
    std::unordered_map<int64_t, size_t> index;
    // Fetched in place and moved out: a hundred thousand projects are not copied twice.
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      domain::ProjectFacts& f = row.p.year.base;
      s.exchange(soci::into(row.p.id));
      s.exchange(soci::into(row.p.code));
      s.exchange(soci::into(row.p.name));
      s.exchange(soci::into(f.level));
      s.exchange(soci::into(f.category_id));
      s.exchange(soci::into(f.stage));
      s.exchange(soci::into(f.total_investment));
      s.exchange(soci::into(f.planned_start));
      s.exchange(soci::into(f.planned_completion));
      s.exchange(soci::into(f.actual_start));
      s.exchange(soci::into(f.actual_completion));
      s.exchange(soci::into(row.registered));
      s.exchange(soci::into(row.created_at));
      s.exchange(soci::into(row.p.lead_unit_id));
      s.exchange(soci::into(row.p.lead_unit_name));
      s.exchange(soci::into(f.annual_plan));
      s.exchange(soci::into(row.p.star));
      s.exchange(soci::into(row.curve));
      s.exchange(soci::into(row.p.owner_unit_id));
    });
    st.execute();
    while (st.fetch()) {
      Row& r = row;
      const Fen plan = r.p.year.base.annual_plan;
      auto curve = r.curve.empty() ? domain::LinearCurve(plan)
                                   : domain::CurveFromText(r.curve).value_or(domain::LinearCurve(plan));
      for (size_t m = 0; m < 12 && m < curve.size(); ++m) r.p.plan_curve[m] = curve[m];
      r.p.year.base.in_stats = r.registered != 0;
      // Entered this year: it reports from the month it was entered (row is reused: reset).
      r.p.year.first_month = 1;
      if (auto d = ParseIsoDate(r.created_at.substr(0, 10)); d && d->year == year) r.p.year.first_month = d->month;
      if (auto d = ParseIsoDate(r.created_at.substr(0, 10)); d && d->year > year) r.p.year.first_month = 13;
      index[r.p.id] = out.size();
      out.push_back(std::move(r.p));
    }
    if (out.empty()) return out;
    // Up to a hundred thousand projects' year of reports: read in batches into vectors (a
    // covering index on counted_month serves the range), not row by row.
    const std::string from = fmt::format("{}-01", year), to = fmt::format("{}-12", year);
    constexpr size_t kBatch = 10000;
    // SOCI 4.0's SQLite backend reads a vector of 64-bit integers as 32-bit ones: amounts
    // (beyond 2^31 fen) travel as text and are parsed exactly; ids fit.
    std::vector<int> project_ids(kBatch);
    std::vector<std::string> months(kBatch), states(kBatch), accepted(kBatch);
    std::vector<soci::indicator> accepted_ind(kBatch);
    soci::statement batch =
        (sql.prepare << "SELECT project_id, counted_month, state, CAST(accepted_amount AS TEXT) FROM progress_reports "
                        "WHERE counted_month >= :f AND counted_month <= :t",
         soci::into(project_ids), soci::into(months), soci::into(states), soci::into(accepted, accepted_ind),
         soci::use(from), soci::use(to));
    batch.execute();
    while (batch.fetch()) {
      for (size_t i = 0; i < project_ids.size(); ++i) {
        auto it = index.find(project_ids[i]);
        const std::string& m = months[i];
        if (it == index.end() || m.size() < 7) continue;
        const int month = (m[5] - '0') * 10 + (m[6] - '0');
        if (month < 1 || month > 12) continue;
        domain::ProjectYear& y = out[it->second].year;
        const bool was_accepted = accepted_ind[i] == soci::i_ok;
        if (was_accepted) {
          Fen amount = 0;
          const std::string& text = accepted[i];
          std::from_chars(text.data(), text.data() + text.size(), amount);
          y.amounts[month - 1] += amount;
        }
        // Submitted, accepted, or accepted before and being changed: the period was reported.
        if (was_accepted || states[i] == "submitted" || states[i] == "accepted") y.reported[month - 1] = true;
      }
      project_ids.resize(kBatch);
      months.resize(kBatch);
      states.resize(kBatch);
      accepted.resize(kBatch);
      accepted_ind.resize(kBatch);
    }
    // Supervision items of the projects overdue at each month's end (today for the month under
    // way): issued by then, past their deadline, and not closed (or cancelled) by then.
    const std::string today = Today();
    std::array<std::string, 12> ends;
    for (int m = 1; m <= 12; ++m) {
      ends[m - 1] = std::min(fmt::format("{}-{:02d}-{:02d}", year, m, DaysInMonth(year, m)), today);
    }
    int64_t project = 0;
    std::string issued, deadline;
    std::optional<std::string> closed;
    soci::statement items =
        (sql.prepare << "SELECT sp.project_id, i.issued_on, i.deadline, i.closed_on FROM supervision_projects sp "
                        "JOIN supervision_items i ON i.id = sp.item_id WHERE i.deadline < :t AND i.issued_on <= :e",
         soci::into(project), soci::into(issued), soci::into(deadline), soci::into(closed), soci::use(ends[11]),
         soci::use(ends[11]));
    items.execute();
    while (items.fetch()) {
      auto it = index.find(project);
      if (it == index.end()) continue;
      domain::ProjectYear& y = out[it->second].year;
      for (int m = 0; m < 12; ++m) {
        const std::string& end = ends[m];
        if (issued <= end && deadline < end && (!closed || *closed > end)) ++y.overdue_items[m];
      }
    }
    return out;
  }
}

Status RuleNotFound() { return Status::NotFound("rule.not_found", "预警规则不存在"); }

}  // namespace

StatusOr<std::vector<StoredRule>> StatusStore::Rules() {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<StoredRule>> {
    auto rules = LoadRules(sql, std::nullopt);
    if (!rules.empty()) return rules;
    db::Transaction tx(sql, db_.dialect());
    // Two first reads at once must not both seed: SQLite's BEGIN IMMEDIATE serializes them,
    // PostgreSQL needs the table locked against other writers.
    if (db_.is_postgres()) sql << "LOCK TABLE status_rules IN SHARE ROW EXCLUSIVE MODE";
    int64_t count = 0;
    sql << "SELECT COUNT(*) FROM status_rules", soci::into(count);
    if (count == 0) {
      const std::string now = NowTimestamp();
      int64_t order = 0;
      for (const auto& r : domain::DefaultStatusRules()) InsertRule(sql, r, ++order * 10, std::nullopt, now);
    }
    tx.Commit();
    return LoadRules(sql, std::nullopt);
  });
}

StatusOr<StoredRule> StatusStore::SaveRule(const StoredRule& rule, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<StoredRule> {
    db::Transaction tx(sql, db_.dialect());
    const std::string now = NowTimestamp();
    int64_t id = rule.id;
    if (id == 0) {
      int64_t last = 0;
      sql << "SELECT COALESCE(MAX(sort_order), 0) FROM status_rules", soci::into(last);
      id = InsertRule(sql, rule, last + 10, user_id, now);
    } else {
      const RuleBinds binds(rule);
      const int64_t changed = ExecuteNamed(
          sql,
          "UPDATE status_rules SET name = :name, metric = :metric, comparator = :comparator, yellow = :yellow, "
          "red = :red, consecutive = :consecutive, enabled = :enabled, levels = :levels, category_ids = :category_ids, "
          "min_annual_plan = :min_plan, version = version + 1, updated_at = :now, updated_by = :uid "
          "WHERE id = :id AND version = :version",
          [&](soci::statement& st) {
            binds.Bind(st);
            st.exchange(soci::use(now, "now"));
            st.exchange(soci::use(user_id, "uid"));
            st.exchange(soci::use(rule.id, "id"));
            st.exchange(soci::use(rule.version, "version"));
          });
      if (changed == 0) {
        if (LoadRules(sql, id).empty()) return RuleNotFound();
        return Status::Conflict("rule.stale", "该规则已被他人修改,请刷新后重试").WithField("version", "已被他人修改");
      }
    }
    tx.Commit();
    return LoadRules(sql, id).front();
  });
}

Status StatusStore::DeleteRule(int64_t id) {
  return db_.Run([&](soci::session& sql) -> Status {
    const int64_t changed = ExecuteNamed(sql, "DELETE FROM status_rules WHERE id = :id",
                                         [&](soci::statement& st) { st.exchange(soci::use(id, "id")); });
    return changed == 0 ? RuleNotFound() : Status::Ok();
  });
}

StatusOr<std::vector<StatusProject>> StatusStore::Year(int year, const std::optional<std::vector<int64_t>>& scope) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<StatusProject>> {
    db::ReadSnapshot snapshot(sql, db_.dialect());
    return LoadYear(sql, year, scope);
  });
}

InTransaction StatusStore::Freezer(std::string period, int year, ComputeStatuses compute) {
  return [period = std::move(period), year, compute = std::move(compute)](soci::session& sql) {
    int64_t frozen = 0;
    sql << "SELECT COUNT(*) FROM project_statuses WHERE period = :p", soci::use(period), soci::into(frozen);
    if (frozen > 0) return;
    const std::string now = NowTimestamp();
    // Many rows per INSERT: a hundred thousand projects are frozen in a few hundred statements
    // (one each would be a round trip each on PostgreSQL).
    constexpr size_t kRowsPerInsert = 200;
    const std::vector<FrozenStatus> statuses = compute(LoadYear(sql, year, std::nullopt));
    for (size_t from = 0; from < statuses.size(); from += kRowsPerInsert) {
      const size_t to = std::min(statuses.size(), from + kRowsPerInsert);
      db::Query rows("INSERT INTO project_statuses (project_id, period, colour, annual_plan, year_to_date, computed_at) "
                     "VALUES ");
      db::Query reasons("INSERT INTO project_status_reasons (project_id, period, seq, rule_id, metric, colour, reason) "
                        "VALUES ");
      bool any_reason = false;
      for (size_t i = from; i < to; ++i) {
        const FrozenStatus& f = statuses[i];
        rows.Append(fmt::format("{}({}, {}, {}, {}, {}, {})", i == from ? "" : ", ", rows.Bind(f.project_id),
                                rows.Bind(period), rows.Bind(std::string(domain::ColourName(f.status.colour))),
                                rows.Bind(f.annual_plan), rows.Bind(f.year_to_date), rows.Bind(now)));
        int64_t seq = 0;
        for (const domain::RuleResult& r : f.status.reasons) {
          reasons.Append(fmt::format("{}({}, {}, {}, {}, {}, {}, {})", any_reason ? ", " : "", reasons.Bind(f.project_id),
                                     reasons.Bind(period), reasons.Bind(++seq),
                                     r.rule_id ? reasons.Bind(r.rule_id) : std::string("NULL"),
                                     reasons.Bind(std::string(domain::MetricName(r.metric))),
                                     reasons.Bind(std::string(domain::ColourName(r.colour))), reasons.Bind(r.reason)));
          any_reason = true;
        }
      }
      rows.Prepare(sql).execute(true);
      if (any_reason) reasons.Prepare(sql).execute(true);
    }
  };
}

StatusOr<std::map<int64_t, FrozenStatus>> StatusStore::Frozen(const std::string& period) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::map<int64_t, FrozenStatus>> {
    db::ReadSnapshot snapshot(sql, db_.dialect());
    std::map<int64_t, FrozenStatus> out;
    db::Query q("SELECT project_id, colour, annual_plan, year_to_date FROM project_statuses");
    q.Where("period = " + q.Bind(period));
    struct Row {
      FrozenStatus f;
      std::string colour;
    } row;
    for (auto& r : q.FetchAll(sql, row, [&](soci::statement& s) {
           s.exchange(soci::into(row.f.project_id));
           s.exchange(soci::into(row.colour));
           s.exchange(soci::into(row.f.annual_plan));
           s.exchange(soci::into(row.f.year_to_date));
         })) {
      r.f.status.colour = domain::ParseColour(r.colour).value_or(domain::Colour::kGreen);
      out.emplace(r.f.project_id, std::move(r.f));
    }
    if (out.empty()) return out;
    db::Query reasons("SELECT project_id, rule_id, metric, colour, reason FROM project_status_reasons");
    reasons.Where("period = " + reasons.Bind(period));
    reasons.Append(" ORDER BY project_id, seq");
    struct Reason {
      int64_t project_id = 0;
      std::optional<int64_t> rule_id;
      std::string metric, colour, reason;
    } why;
    for (auto& r : reasons.FetchAll(sql, why, [&](soci::statement& s) {
           s.exchange(soci::into(why.project_id));
           s.exchange(soci::into(why.rule_id));
           s.exchange(soci::into(why.metric));
           s.exchange(soci::into(why.colour));
           s.exchange(soci::into(why.reason));
         })) {
      auto it = out.find(r.project_id);
      if (it == out.end()) continue;
      domain::RuleResult result;
      result.rule_id = r.rule_id.value_or(0);
      result.metric = domain::ParseMetric(r.metric).value_or(domain::Metric::kInvestment);
      result.colour = domain::ParseColour(r.colour).value_or(domain::Colour::kYellow);
      result.reason = std::move(r.reason);
      it->second.status.reasons.push_back(std::move(result));
    }
    return out;
  });
}

}  // namespace tuijin::store
