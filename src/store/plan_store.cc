#include "store/plan_store.h"

#include <fmt/format.h>

#include "base/text.h"
#include "base/time.h"
#include "db/query.h"
#include "store/named_statement.h"
#include "store/project_store.h"

namespace tuijin::store {
namespace {

constexpr const char* kPlanColumns =
    "ap.id, ap.project_id, ap.year, ap.amount, ap.curve, ap.q1_goal, ap.q2_goal, ap.q3_goal, ap.q4_goal, "
    "ap.planned_start, ap.planned_completion, ap.state, ap.revision, ap.version, ap.updated_at";

// The columns of kPlanColumns, nullable so that a LEFT JOIN without a plan reads too.
struct PlanBinder {
  std::optional<int64_t> id, project_id, year, amount, revision, version;
  std::optional<std::string> curve, state, updated_at, planned_start, planned_completion;
  std::array<std::optional<std::string>, 4> goals;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(project_id));
    st.exchange(soci::into(year));
    st.exchange(soci::into(amount));
    st.exchange(soci::into(curve));
    for (auto& g : goals) st.exchange(soci::into(g));
    st.exchange(soci::into(planned_start));
    st.exchange(soci::into(planned_completion));
    st.exchange(soci::into(state));
    st.exchange(soci::into(revision));
    st.exchange(soci::into(version));
    st.exchange(soci::into(updated_at));
  }
  std::optional<Plan> Take() const {
    if (!id) return std::nullopt;
    Plan p;
    p.id = *id;
    p.project_id = project_id.value_or(0);
    p.year = static_cast<int>(year.value_or(0));
    p.amount = amount.value_or(0);
    // A curve that does not read back (it cannot be written so) counts as linear.
    p.curve = domain::CurveFromText(curve.value_or("")).value_or(std::vector<Fen>{});
    for (size_t q = 0; q < 4; ++q) p.goals[q] = goals[q].value_or("");
    p.planned_start = planned_start;
    p.planned_completion = planned_completion;
    p.state = state.value_or("draft");
    p.revision = revision.value_or(0);
    p.version = version.value_or(0);
    p.updated_at = updated_at.value_or("");
    return p;
  }
};

std::optional<std::string> GoalColumn(const std::string& goal) {
  if (goal.empty()) return std::nullopt;
  return goal;
}

std::optional<Plan> LoadPlan(soci::session& sql, int64_t project_id, int year) {
  db::Query q(std::string("SELECT ") + kPlanColumns + " FROM annual_plans ap");
  q.Where("ap.project_id = " + q.Bind(project_id));
  q.Where("ap.year = " + q.Bind(static_cast<int64_t>(year)));
  PlanBinder b;
  soci::statement st = q.Prepare(sql, [&](soci::statement& s) { b.Bind(s); });
  st.execute();
  if (!st.fetch()) return std::nullopt;
  return b.Take();
}

// Binds a plan's values by name for INSERT and UPDATE of plans and revisions. The strings
// it binds live in it, so it must outlive the statement.
struct ValueBinds {
  explicit ValueBinds(const domain::PlanValues& v)
      : amount(v.amount),
        curve(domain::CurveToText(v.curve)),
        q1(GoalColumn(v.goals[0])),
        q2(GoalColumn(v.goals[1])),
        q3(GoalColumn(v.goals[2])),
        q4(GoalColumn(v.goals[3])),
        start(v.planned_start),
        completion(v.planned_completion) {}
  void Bind(soci::statement& st) const {
    st.exchange(soci::use(amount, "amount"));
    st.exchange(soci::use(curve, "curve"));
    st.exchange(soci::use(q1, "q1"));
    st.exchange(soci::use(q2, "q2"));
    st.exchange(soci::use(q3, "q3"));
    st.exchange(soci::use(q4, "q4"));
    st.exchange(soci::use(start, "ps"));
    st.exchange(soci::use(completion, "pc"));
  }
  Fen amount;
  std::string curve;
  std::optional<std::string> q1, q2, q3, q4, start, completion;
};

void InsertRevision(soci::session& sql, int64_t plan_id, int64_t revision, const domain::PlanValues& v,
                    const std::optional<std::string>& reason, int64_t user_id, const std::string& now) {
  const ValueBinds values(v);
  ExecuteNamed(sql,
          "INSERT INTO annual_plan_revisions (plan_id, revision, amount, curve, q1_goal, q2_goal, q3_goal, q4_goal, "
          "planned_start, planned_completion, reason, user_id, created_at) "
          "VALUES (:plan, :rev, :amount, :curve, :q1, :q2, :q3, :q4, :ps, :pc, :reason, :uid, :now)",
          [&](soci::statement& st) {
            values.Bind(st);
            st.exchange(soci::use(plan_id, "plan"));
            st.exchange(soci::use(revision, "rev"));
            st.exchange(soci::use(reason, "reason"));
            st.exchange(soci::use(user_id, "uid"));
            st.exchange(soci::use(now, "now"));
          });
}

// The projects a plan list covers, as conditions on projects p.
void ApplyFilter(db::Query& q, const PlanFilter& f) {
  q.Where("p.parent_id IS NULL");
  q.Where("p.stage <> 'cancelled'");
  if (!f.q.empty()) q.Where("p.search_text LIKE " + q.BindContains(AsciiLower(f.q)) + " ESCAPE '\\'");
  if (!f.levels.empty()) q.Where("p.level IN (" + q.BindList(f.levels) + ")");
  if (!f.lead_unit_ids.empty()) q.Where("p.lead_unit_id IN (" + q.BindList(f.lead_unit_ids) + ")");
  WhereInScope(q, f.scope_unit_ids);
}

std::string JoinPlans(db::Query& q, int year) {
  return " LEFT JOIN annual_plans ap ON ap.project_id = p.id AND ap.year = " + q.Bind(static_cast<int64_t>(year));
}

}  // namespace

StatusOr<PlanList> PlanStore::List(const PlanFilter& f) {
  return db_.Run([&](soci::session& sql) -> StatusOr<PlanList> {
    db::ReadSnapshot snapshot(sql, db_.dialect());
    PlanList out;
    {
      db::Query q("SELECT COUNT(*), COALESCE(SUM(ap.amount), 0) FROM projects p");
      q.Append(JoinPlans(q, f.year));
      ApplyFilter(q, f);
      soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
        s.exchange(soci::into(out.page.total));
        s.exchange(soci::into(out.amount_sum));
      });
      st.execute(true);
    }
    db::Query q("SELECT p.id, p.code, p.name, p.level, p.lead_unit_id, lu.name, p.total_investment, p.stage, ");
    q.Append(std::string(kPlanColumns) + " FROM projects p LEFT JOIN units lu ON lu.id = p.lead_unit_id");
    q.Append(JoinPlans(q, f.year));
    ApplyFilter(q, f);
    q.Append(" ORDER BY p.level_rank, p.id LIMIT " + q.Bind(f.page.page_size) + " OFFSET " + q.Bind(f.page.Offset()));
    PlanProject p;
    PlanBinder b;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(p.id));
      s.exchange(soci::into(p.code));
      s.exchange(soci::into(p.name));
      s.exchange(soci::into(p.level));
      s.exchange(soci::into(p.lead_unit_id));
      s.exchange(soci::into(p.lead_unit_name));
      s.exchange(soci::into(p.total_investment));
      s.exchange(soci::into(p.stage));
      b.Bind(s);
    });
    st.execute();
    while (st.fetch()) out.page.items.push_back(PlanRow{p, b.Take()});
    return out;
  });
}

StatusOr<Plan> PlanStore::Get(int64_t project_id, int year) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Plan> {
    auto plan = LoadPlan(sql, project_id, year);
    if (!plan) return Status::NotFound("plan.not_found", fmt::format("该项目尚无 {} 年度计划", year));
    return *plan;
  });
}

StatusOr<std::vector<PlanRevision>> PlanStore::Revisions(int64_t plan_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<PlanRevision>> {
    db::Query q(
        "SELECT r.revision, r.amount, r.curve, r.q1_goal, r.q2_goal, r.q3_goal, r.q4_goal, r.planned_start, "
        "r.planned_completion, r.reason, u.display_name, r.created_at "
        "FROM annual_plan_revisions r LEFT JOIN users u ON u.id = r.user_id");
    q.Where("r.plan_id = " + q.Bind(plan_id));
    q.Append(" ORDER BY r.revision");
    PlanRevision r;
    std::string curve;
    std::array<std::optional<std::string>, 4> goals;
    soci::statement st = q.Prepare(sql, [&](soci::statement& s) {
      s.exchange(soci::into(r.revision));
      s.exchange(soci::into(r.amount));
      s.exchange(soci::into(curve));
      for (auto& g : goals) s.exchange(soci::into(g));
      s.exchange(soci::into(r.planned_start));
      s.exchange(soci::into(r.planned_completion));
      s.exchange(soci::into(r.reason));
      s.exchange(soci::into(r.user_name));
      s.exchange(soci::into(r.created_at));
    });
    st.execute();
    std::vector<PlanRevision> out;
    while (st.fetch()) {
      r.curve = domain::CurveFromText(curve).value_or(std::vector<Fen>{});
      for (size_t i = 0; i < 4; ++i) r.goals[i] = goals[i].value_or("");
      out.push_back(r);
    }
    return out;
  });
}

StatusOr<std::vector<Plan>> PlanStore::Save(int year, const std::vector<PlanWrite>& writes,
                                            const std::optional<std::string>& reason, int64_t user_id,
                                            const std::string& field_prefix) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<Plan>> {
    db::Transaction tx(sql, db_.dialect());
    const std::string now = NowTimestamp();
    const int64_t year64 = year;
    auto row_field = [&](size_t i, const char* field) {
      return field_prefix.empty() ? std::string(field) : fmt::format("{}{}.{}", field_prefix, i, field);
    };
    std::map<std::string, std::string> errors;
    std::vector<Plan> out;
    out.reserve(writes.size());
    for (size_t i = 0; i < writes.size(); ++i) {
      const PlanWrite& w = writes[i];
      const ValueBinds values(w.values);
      auto current = LoadPlan(sql, w.project_id, year);
      if (!current) {
        ExecuteNamed(sql,
                "INSERT INTO annual_plans (project_id, year, amount, curve, q1_goal, q2_goal, q3_goal, q4_goal, "
                "planned_start, planned_completion, state, revision, version, created_at, updated_at, updated_by) "
                "VALUES (:pid, :year, :amount, :curve, :q1, :q2, :q3, :q4, :ps, :pc, 'draft', 0, 1, :now, :now2, :uid)",
                [&](soci::statement& st) {
                  values.Bind(st);
                  st.exchange(soci::use(w.project_id, "pid"));
                  st.exchange(soci::use(year64, "year"));
                  st.exchange(soci::use(now, "now"));
                  st.exchange(soci::use(now, "now2"));
                  st.exchange(soci::use(user_id, "uid"));
                });
        out.push_back(*LoadPlan(sql, w.project_id, year));
        continue;
      }
      if (!w.version) {
        errors[row_field(i, "version")] = "必填(修改前读取到的版本号)";
        continue;
      }
      if (*w.version != current->version) {
        return Status::Conflict("plan.stale", field_prefix.empty()
                                                  ? "年度计划已被他人修改,请刷新后重试"
                                                  : fmt::format("第 {} 行的年度计划已被他人修改,请刷新后重试", i + 1))
            .WithField(row_field(i, "version"), "已被他人修改");
      }
      if (static_cast<const domain::PlanValues&>(*current) == w.values) {
        out.push_back(*current);
        continue;
      }
      const auto state = domain::ParsePlanState(current->state).value_or(domain::PlanState::kDraft);
      if (const std::string msg = domain::CheckAdjustmentReason(state, reason); !msg.empty()) {
        errors["reason"] = msg;
        continue;
      }
      const bool issued = state == domain::PlanState::kIssued;
      const int64_t revision = current->revision + (issued ? 1 : 0);
      const int64_t changed = ExecuteNamed(
          sql,
          "UPDATE annual_plans SET amount = :amount, curve = :curve, q1_goal = :q1, q2_goal = :q2, q3_goal = :q3, "
          "q4_goal = :q4, planned_start = :ps, planned_completion = :pc, revision = :rev, version = version + 1, "
          "updated_at = :now, updated_by = :uid WHERE id = :id AND version = :version",
          [&](soci::statement& st) {
            values.Bind(st);
            st.exchange(soci::use(revision, "rev"));
            st.exchange(soci::use(now, "now"));
            st.exchange(soci::use(user_id, "uid"));
            st.exchange(soci::use(current->id, "id"));
            st.exchange(soci::use(current->version, "version"));
          });
      // PostgreSQL: a save committed since our read leaves the row at another version.
      if (changed == 0) {
        return Status::Conflict("plan.stale", "年度计划已被他人修改,请刷新后重试")
            .WithField(row_field(i, "version"), "已被他人修改");
      }
      if (issued) {
        std::optional<std::string> why(std::string(TrimSpace(*reason)));
        InsertRevision(sql, current->id, revision, w.values, why, user_id, now);
      }
      out.push_back(*LoadPlan(sql, w.project_id, year));
    }
    if (!errors.empty()) return Status::Invalid(errors);
    tx.Commit();
    return out;
  });
}

StatusOr<int64_t> PlanStore::Issue(int year, const std::optional<std::vector<int64_t>>& project_ids, int64_t user_id) {
  if (project_ids && project_ids->empty()) return int64_t{0};
  return db_.Run([&](soci::session& sql) -> StatusOr<int64_t> {
    db::Transaction tx(sql, db_.dialect());
    const std::string now = NowTimestamp();
    auto restrict = [&](db::Query& q) {
      q.Where("year = " + q.Bind(static_cast<int64_t>(year)));
      q.Where("state = 'draft'");
      if (project_ids) q.Where("project_id IN (" + q.BindList(*project_ids) + ")");
    };
    {
      db::Query q(
          "INSERT INTO annual_plan_revisions (plan_id, revision, amount, curve, q1_goal, q2_goal, q3_goal, q4_goal, "
          "planned_start, planned_completion, reason, user_id, created_at) "
          "SELECT id, 1, amount, curve, q1_goal, q2_goal, q3_goal, q4_goal, planned_start, planned_completion, NULL, ");
      // Typed: PostgreSQL cannot infer a parameter's type in a select list.
      q.Append("CAST(" + q.Bind(user_id) + " AS BIGINT), CAST(" + q.Bind(now) + " AS TEXT) FROM annual_plans");
      restrict(q);
      q.Prepare(sql).execute(true);
    }
    db::Query q("UPDATE annual_plans SET state = 'issued', revision = 1, version = version + 1, updated_at = ");
    q.Append(q.Bind(now) + ", updated_by = " + q.Bind(user_id));
    restrict(q);
    soci::statement st = q.Prepare(sql);
    st.execute(true);
    const int64_t n = st.get_affected_rows();
    tx.Commit();
    return n;
  });
}

StatusOr<DistrictTarget> PlanStore::Targets(int year) {
  return db_.Run([&](soci::session& sql) -> StatusOr<DistrictTarget> {
    DistrictTarget out;
    const int64_t y = year;
    std::optional<Fen> amount;
    sql << "SELECT amount FROM district_targets WHERE year = :y", soci::use(y), soci::into(amount);
    if (sql.got_data()) out.amount = amount;
    db::Query q("SELECT unit_id, amount FROM unit_targets");
    q.Where("year = " + q.Bind(y));
    q.Append(" ORDER BY unit_id");
    std::pair<int64_t, Fen> row;
    out.units = q.FetchAll(sql, row, [&](soci::statement& s) {
      s.exchange(soci::into(row.first));
      s.exchange(soci::into(row.second));
    });
    return out;
  });
}

Status PlanStore::SetTargets(int year, std::optional<Fen> district_amount,
                             const std::vector<std::pair<int64_t, std::optional<Fen>>>& units, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> Status {
    db::Transaction tx(sql, db_.dialect());
    const std::string now = NowTimestamp();
    const int64_t y = year;
    if (district_amount) {
      sql << "INSERT INTO district_targets (year, amount, updated_at, updated_by) VALUES (:y, :a, :t, :u) "
             "ON CONFLICT (year) DO UPDATE SET amount = excluded.amount, updated_at = excluded.updated_at, "
             "updated_by = excluded.updated_by",
          soci::use(y), soci::use(*district_amount), soci::use(now), soci::use(user_id);
    } else {
      sql << "DELETE FROM district_targets WHERE year = :y", soci::use(y);
    }
    for (const auto& [unit_id, amount] : units) {
      if (amount) {
        sql << "INSERT INTO unit_targets (year, unit_id, amount, updated_at, updated_by) VALUES (:y, :unit, :a, :t, "
               ":u) "
               "ON CONFLICT (year, unit_id) DO UPDATE SET amount = excluded.amount, updated_at = excluded.updated_at, "
               "updated_by = excluded.updated_by",
            soci::use(y), soci::use(unit_id), soci::use(*amount), soci::use(now), soci::use(user_id);
      } else {
        sql << "DELETE FROM unit_targets WHERE year = :y AND unit_id = :unit", soci::use(y), soci::use(unit_id);
      }
    }
    tx.Commit();
    return Status::Ok();
  });
}

StatusOr<std::vector<UnitPlanSum>> PlanStore::SumsByLeadUnit(int year) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<UnitPlanSum>> {
    db::Query q(
        "SELECT p.lead_unit_id, COALESCE(SUM(ap.amount), 0), COUNT(*) FROM annual_plans ap "
        "JOIN projects p ON p.id = ap.project_id");
    q.Where("ap.year = " + q.Bind(static_cast<int64_t>(year)));
    q.Where("p.parent_id IS NULL");
    q.Where("p.stage <> 'cancelled'");
    q.Where("p.lead_unit_id IS NOT NULL");
    q.Append(" GROUP BY p.lead_unit_id");
    UnitPlanSum row;
    return q.FetchAll(sql, row, [&](soci::statement& s) {
      s.exchange(soci::into(row.lead_unit_id));
      s.exchange(soci::into(row.amount));
      s.exchange(soci::into(row.count));
    });
  });
}

}  // namespace tuijin::store
