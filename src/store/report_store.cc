#include "store/report_store.h"

#include <fmt/format.h>

#include "base/time.h"
#include "db/query.h"
#include "domain/reporting.h"
#include "store/named_statement.h"
#include "store/project_store.h"

namespace tuijin::store {
namespace {

constexpr const char* kReportColumns =
    "r.id, r.project_id, r.period, r.counted_month, r.state, r.amount, r.correction, r.correction_reason, "
    "r.progress_text, r.physical_percent, r.problems, r.stats_amount, r.return_reason, r.accepted_amount, "
    "r.revision, r.version, r.updated_at, r.submitted_at, r.reviewed_at";

// The same, from a LEFT JOIN: a project without a report reads id 0.
constexpr const char* kJoinedReportColumns =
    "COALESCE(r.id, 0), COALESCE(r.project_id, 0), COALESCE(r.period, ''), COALESCE(r.counted_month, ''), "
    "COALESCE(r.state, ''), COALESCE(r.amount, 0), COALESCE(r.correction, 0), r.correction_reason, r.progress_text, "
    "r.physical_percent, r.problems, r.stats_amount, r.return_reason, r.accepted_amount, COALESCE(r.revision, 0), "
    "COALESCE(r.version, 0), COALESCE(r.updated_at, ''), r.submitted_at, r.reviewed_at";

// Reads a report's typed fields, in the order of the columns amount, correction,
// correction_reason, progress_text, physical_percent, problems, stats_amount; `correction`
// is an integer column, turned into fields.correction by the caller after the fetch.
void IntoFields(soci::statement& s, ReportFields& f, int& correction) {
  s.exchange(soci::into(f.amount));
  s.exchange(soci::into(correction));
  s.exchange(soci::into(f.correction_reason));
  s.exchange(soci::into(f.progress_text));
  s.exchange(soci::into(f.physical_percent));
  s.exchange(soci::into(f.problems));
  s.exchange(soci::into(f.stats_amount));
}

// A report read with kReportColumns; `correction` is an integer column.
struct ReportRow {
  Report r;
  int correction = 0;

  void Into(soci::statement& s) {
    s.exchange(soci::into(r.id));
    s.exchange(soci::into(r.project_id));
    s.exchange(soci::into(r.period));
    s.exchange(soci::into(r.counted_month));
    s.exchange(soci::into(r.state));
    IntoFields(s, r.fields, correction);
    s.exchange(soci::into(r.return_reason));
    s.exchange(soci::into(r.accepted_amount));
    s.exchange(soci::into(r.revision));
    s.exchange(soci::into(r.version));
    s.exchange(soci::into(r.updated_at));
    s.exchange(soci::into(r.submitted_at));
    s.exchange(soci::into(r.reviewed_at));
  }
  Report Get() const {
    Report out = r;
    out.fields.correction = correction != 0;
    return out;
  }
};

std::vector<Report> FetchReports(soci::session& sql, db::Query& q) {
  ReportRow row;
  std::vector<ReportRow> rows = q.FetchAll(sql, row, [&](soci::statement& s) { row.Into(s); });
  std::vector<Report> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.Get());
  return out;
}

std::optional<Report> FindIn(soci::session& sql, int64_t project_id, const std::string& period) {
  db::Query q(std::string("SELECT ") + kReportColumns + " FROM progress_reports r");
  q.Where("r.project_id = " + q.Bind(project_id)).Where("r.period = " + q.Bind(period));
  auto found = FetchReports(sql, q);
  if (found.empty()) return std::nullopt;
  return found.front();
}

bool LockedIn(soci::session& sql, const std::string& period) {
  int locked = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT locked FROM report_periods WHERE period = :p", soci::use(period), soci::into(locked, ind);
  return sql.got_data() && ind == soci::i_ok && locked != 0;
}

// Binds a report's typed fields by name, for INSERT and UPDATE alike.
struct FieldBinds {
  const ReportFields& f;
  const int& correction;  // bound by reference: it must outlive the statement
  void Bind(soci::statement& st) const {
    st.exchange(soci::use(f.amount, "amount"));
    st.exchange(soci::use(correction, "correction"));
    st.exchange(soci::use(f.correction_reason, "correction_reason"));
    st.exchange(soci::use(f.progress_text, "progress_text"));
    st.exchange(soci::use(f.physical_percent, "physical_percent"));
    st.exchange(soci::use(f.problems, "problems"));
    st.exchange(soci::use(f.stats_amount, "stats_amount"));
  }
};

// A revision of a report, with FieldBinds and the binds named here.
constexpr const char* kInsertRevision =
    "INSERT INTO progress_report_revisions (report_id, revision, action, state, amount, correction, "
    "correction_reason, progress_text, physical_percent, problems, stats_amount, reason, user_id, created_at) "
    "VALUES (:report_id, :revision, :action, :state, :amount, :correction, :correction_reason, :progress_text, "
    ":physical_percent, :problems, :stats_amount, :reason, :user_id, :now)";

void InsertRevision(soci::session& sql, int64_t report_id, int64_t revision, const std::string& action,
                    const std::string& state, const ReportFields& f, const std::optional<std::string>& reason,
                    int64_t user_id, const std::string& now) {
  const int correction = f.correction ? 1 : 0;
  ExecuteNamed(sql, kInsertRevision, [&](soci::statement& st) {
    FieldBinds{f, correction}.Bind(st);
    st.exchange(soci::use(report_id, "report_id"));
    st.exchange(soci::use(revision, "revision"));
    st.exchange(soci::use(action, "action"));
    st.exchange(soci::use(state, "state"));
    st.exchange(soci::use(reason, "reason"));
    st.exchange(soci::use(user_id, "user_id"));
    st.exchange(soci::use(now, "now"));
  });
}

Status Stale() { return Status::Conflict("report.stale", "该期填报已被他人修改,请刷新后重试"); }

// One write inside the caller's transaction.
StatusOr<Report> WriteIn(soci::session& sql, const ReportWrite& w, int64_t user_id, const std::string& now) {
  if (LockedIn(sql, w.period)) {
    const auto p = domain::ParsePeriod(w.period);
    return Status::Conflict("period.locked",
                            fmt::format("{}已锁定,不能再修改;如需修改请联系项目科解锁", p ? domain::PeriodLabel(*p) : w.period));
  }
  const std::optional<Report> current = FindIn(sql, w.project_id, w.period);
  if (current.has_value() != w.version.has_value() || (current && current->version != *w.version)) return Stale();

  const ReportFields fields = w.fields ? *w.fields : (current ? current->fields : ReportFields{});
  const int correction = fields.correction ? 1 : 0;
  const bool submitting = w.next_state == "submitted";
  const bool reviewing = w.action == "accept" || w.action == "return";
  if (!current) {
    const std::optional<std::string> submitted_at = submitting ? std::optional<std::string>(now) : std::nullopt;
    const std::optional<int64_t> submitted_by = submitting ? std::optional<int64_t>(user_id) : std::nullopt;
    const int64_t id = db::InsertReturningId(
        sql,
        "INSERT INTO progress_reports (project_id, period, counted_month, state, amount, correction, "
        "correction_reason, progress_text, physical_percent, problems, stats_amount, revision, version, created_at, "
        "updated_at, updated_by, submitted_at, submitted_by) VALUES (:project_id, :period, :counted_month, :state, "
        ":amount, :correction, :correction_reason, :progress_text, :physical_percent, :problems, :stats_amount, 1, 1, "
        ":now, :now2, :uid, :submitted_at, :submitted_by) RETURNING id",
        [&](soci::statement& st) {
          FieldBinds{fields, correction}.Bind(st);
          st.exchange(soci::use(w.project_id, "project_id"));
          st.exchange(soci::use(w.period, "period"));
          st.exchange(soci::use(w.counted_month, "counted_month"));
          st.exchange(soci::use(w.next_state, "state"));
          st.exchange(soci::use(now, "now"));
          st.exchange(soci::use(now, "now2"));
          st.exchange(soci::use(user_id, "uid"));
          st.exchange(soci::use(submitted_at, "submitted_at"));
          st.exchange(soci::use(submitted_by, "submitted_by"));
        });
    InsertRevision(sql, id, 1, w.action, w.next_state, fields, std::nullopt, user_id, now);
    return *FindIn(sql, w.project_id, w.period);
  }

  // Saving what is already there changes nothing and keeps no revision.
  if (w.action == "save" && fields == current->fields && w.next_state == current->state && !w.new_revision) {
    return *current;
  }
  const int64_t revision = current->revision + (w.new_revision ? 1 : 0);
  const std::optional<Fen> accepted_amount = w.next_state == "accepted" ? std::optional<Fen>(fields.amount)
                                                                         : current->accepted_amount;
  const std::optional<std::string> return_reason =
      w.next_state == "returned" ? (w.action == "return" ? w.reason : current->return_reason) : std::nullopt;
  const std::optional<std::string> submitted_at = submitting ? std::optional<std::string>(now) : current->submitted_at;
  const std::optional<std::string> reviewed_at = reviewing ? std::optional<std::string>(now) : current->reviewed_at;
  const std::optional<int64_t> uid_if_submitting = submitting ? std::optional<int64_t>(user_id) : std::nullopt;
  const std::optional<int64_t> uid_if_reviewing = reviewing ? std::optional<int64_t>(user_id) : std::nullopt;
  const int64_t version = current->version;
  const int64_t changed = ExecuteNamed(
      sql,
      "UPDATE progress_reports SET state = :state, amount = :amount, correction = :correction, "
      "correction_reason = :correction_reason, progress_text = :progress_text, physical_percent = :physical_percent, "
      "problems = :problems, stats_amount = :stats_amount, return_reason = :return_reason, "
      "accepted_amount = :accepted_amount, revision = :revision, version = version + 1, updated_at = :now, "
      "updated_by = :uid, submitted_at = :submitted_at, submitted_by = COALESCE(:submitted_by, submitted_by), "
      "reviewed_at = :reviewed_at, reviewed_by = COALESCE(:reviewed_by, reviewed_by) "
      "WHERE id = :id AND version = :version",
      [&](soci::statement& st) {
        FieldBinds{fields, correction}.Bind(st);
        st.exchange(soci::use(w.next_state, "state"));
        st.exchange(soci::use(return_reason, "return_reason"));
        st.exchange(soci::use(accepted_amount, "accepted_amount"));
        st.exchange(soci::use(revision, "revision"));
        st.exchange(soci::use(now, "now"));
        st.exchange(soci::use(user_id, "uid"));
        st.exchange(soci::use(submitted_at, "submitted_at"));
        st.exchange(soci::use(uid_if_submitting, "submitted_by"));
        st.exchange(soci::use(reviewed_at, "reviewed_at"));
        st.exchange(soci::use(uid_if_reviewing, "reviewed_by"));
        st.exchange(soci::use(current->id, "id"));
        st.exchange(soci::use(version, "version"));
      });
  if (changed == 0) return Stale();
  InsertRevision(sql, current->id, revision, w.action, w.next_state, fields,
                 w.action == "return" ? w.reason : std::nullopt, user_id, now);
  return *FindIn(sql, w.project_id, w.period);
}

// The conditions of the period grid on projects p joined with their report r.
void GridWhere(db::Query& q, const ReportGridFilter& f) {
  q.Where("p.parent_id IS NULL");
  q.Where("p.stage IN (" + q.BindList(domain::ReportingStageNames()) + ")");
  if (f.weekly) q.Where("p.weekly_reporting = 1");
  WhereInScope(q, f.scope_unit_ids);
  if (!f.unit_ids.empty()) q.Where("p.lead_unit_id IN (" + q.BindList(f.unit_ids) + ")");
  if (!f.q.empty()) {
    const std::string a = q.BindContains(f.q), b = q.BindContains(f.q);
    q.Where("p.name LIKE " + a + " ESCAPE '\\' OR p.code LIKE " + b + " ESCAPE '\\'");
  }
  if (f.missing_only) q.Where("r.id IS NULL OR r.state IN ('draft', 'returned')");
  if (!f.states.empty()) {
    std::vector<std::string> states;
    bool none = false;
    for (const auto& s : f.states) {
      if (s == "none") none = true;
      else states.push_back(s);
    }
    std::string cond = states.empty() ? "1 = 0" : "r.state IN (" + q.BindList(states) + ")";
    if (none) cond += " OR r.id IS NULL";
    q.Where(cond);
  }
}

}  // namespace

StatusOr<std::optional<Report>> ReportStore::Find(int64_t project_id, const std::string& period) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::optional<Report>> { return FindIn(sql, project_id, period); });
}

StatusOr<Report> ReportStore::ById(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Report> {
    db::Query q(std::string("SELECT ") + kReportColumns + " FROM progress_reports r");
    q.Where("r.id = " + q.Bind(id));
    auto rows = FetchReports(sql, q);
    if (rows.empty()) return Status::NotFound("report.not_found", "填报不存在");
    return rows.front();
  });
}

StatusOr<std::vector<Report>> ReportStore::ForProject(int64_t project_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<Report>> {
    db::Query q(std::string("SELECT ") + kReportColumns + " FROM progress_reports r");
    q.Where("r.project_id = " + q.Bind(project_id));
    q.Append(" ORDER BY r.counted_month DESC, r.period DESC");
    return FetchReports(sql, q);
  });
}

StatusOr<std::vector<ReportRevision>> ReportStore::Revisions(int64_t report_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<ReportRevision>> {
    db::Query q(
        "SELECT v.revision, v.action, v.state, v.amount, v.correction, v.correction_reason, v.progress_text, "
        "v.physical_percent, v.problems, v.stats_amount, v.reason, u.display_name, v.created_at "
        "FROM progress_report_revisions v LEFT JOIN users u ON u.id = v.user_id");
    q.Where("v.report_id = " + q.Bind(report_id));
    q.Append(" ORDER BY v.id");
    struct Row {
      ReportRevision v;
      int correction = 0;
    } row;
    auto rows = q.FetchAll(sql, row, [&](soci::statement& s) {
      s.exchange(soci::into(row.v.revision));
      s.exchange(soci::into(row.v.action));
      s.exchange(soci::into(row.v.state));
      IntoFields(s, row.v.fields, row.correction);
      s.exchange(soci::into(row.v.reason));
      s.exchange(soci::into(row.v.user_name));
      s.exchange(soci::into(row.v.created_at));
    });
    std::vector<ReportRevision> out;
    for (auto& r : rows) {
      r.v.fields.correction = r.correction != 0;
      out.push_back(std::move(r.v));
    }
    return out;
  });
}

StatusOr<std::vector<Report>> ReportStore::Write(const std::vector<ReportWrite>& writes, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<Report>> {
    db::Transaction tx(sql, db_.dialect());
    const std::string now = NowTimestamp();
    std::vector<Report> out;
    out.reserve(writes.size());
    for (const ReportWrite& w : writes) {
      ASSIGN_OR_RETURN(Report r, WriteIn(sql, w, user_id, now));
      out.push_back(std::move(r));
    }
    tx.Commit();
    return out;
  });
}

StatusOr<Page<ReportGridRow>> ReportStore::Grid(const ReportGridFilter& f) {
  return db_.Run([&](soci::session& sql) -> StatusOr<Page<ReportGridRow>> {
    auto where = [&](db::Query& q) { GridWhere(q, f); };
    const std::string joins =
        " FROM projects p LEFT JOIN progress_reports r ON r.project_id = p.id AND r.period = ";
    Page<ReportGridRow> out;
    {
      db::Query q("SELECT COUNT(*)");
      q.Append(joins + q.Bind(f.period));
      where(q);
      soci::statement st = q.Prepare(sql, [&](soci::statement& s) { s.exchange(soci::into(out.total)); });
      st.execute(true);
    }
    db::Query q(std::string("SELECT p.id, p.code, p.name, p.level, p.stage, p.lead_unit_id, p.owner_unit_id, lu.name, "
                            "p.total_investment, ap.amount, po.through, po.amount, ") +
                kJoinedReportColumns);
    q.Append(joins + q.Bind(f.period));
    q.Append(" LEFT JOIN units lu ON lu.id = p.lead_unit_id");
    q.Append(" LEFT JOIN annual_plans ap ON ap.project_id = p.id AND ap.year = " + q.Bind(int64_t{f.year}));
    q.Append(" LEFT JOIN project_openings po ON po.project_id = p.id");
    where(q);
    q.Append(" ORDER BY CASE WHEN r.state = 'returned' THEN 0 ELSE 1 END, p.level_rank, p.id LIMIT " +
             q.Bind(f.page.page_size) + " OFFSET " + q.Bind(f.page.Offset()));
    struct Row {
      ReportGridRow g;
      std::optional<std::string> through;
      std::optional<Fen> opening;
      ReportRow report;
    } row;
    auto rows = q.FetchAll(sql, row, [&](soci::statement& s) {
      s.exchange(soci::into(row.g.project_id));
      s.exchange(soci::into(row.g.code));
      s.exchange(soci::into(row.g.name));
      s.exchange(soci::into(row.g.level));
      s.exchange(soci::into(row.g.stage));
      s.exchange(soci::into(row.g.lead_unit_id));
      s.exchange(soci::into(row.g.owner_unit_id));
      s.exchange(soci::into(row.g.lead_unit_name));
      s.exchange(soci::into(row.g.total_investment));
      s.exchange(soci::into(row.g.annual_plan));
      s.exchange(soci::into(row.through));
      s.exchange(soci::into(row.opening));
      row.report.Into(s);
    });
    out.items.reserve(rows.size());
    for (auto& r : rows) {
      if (r.report.r.id != 0) r.g.report = r.report.Get();
      if (r.through && r.opening) r.g.opening = OpeningBalanceRow{*r.through, *r.opening};
      out.items.push_back(std::move(r.g));
    }
    return out;
  });
}

StatusOr<std::vector<MissingReport>> ReportStore::Missing(const ReportGridFilter& filter) {
  ReportGridFilter f = filter;
  f.missing_only = true;
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<MissingReport>> {
    db::Query q("SELECT p.id, p.code, p.name, p.lead_unit_id, p.owner_unit_id, lu.name, r.state "
                "FROM projects p LEFT JOIN progress_reports r ON r.project_id = p.id AND r.period = ");
    q.Append(q.Bind(f.period));
    q.Append(" LEFT JOIN units lu ON lu.id = p.lead_unit_id");
    GridWhere(q, f);
    q.Append(" ORDER BY p.lead_unit_id, p.level_rank, p.id");
    MissingReport m;
    return q.FetchAll(sql, m, [&](soci::statement& s) {
      s.exchange(soci::into(m.project_id));
      s.exchange(soci::into(m.code));
      s.exchange(soci::into(m.name));
      s.exchange(soci::into(m.lead_unit_id));
      s.exchange(soci::into(m.owner_unit_id));
      s.exchange(soci::into(m.lead_unit_name));
      s.exchange(soci::into(m.state));
    });
  });
}

StatusOr<std::vector<AcceptedAmount>> ReportStore::Accepted(const std::vector<int64_t>& project_ids) {
  if (project_ids.empty()) return std::vector<AcceptedAmount>{};
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<AcceptedAmount>> {
    db::Query q("SELECT project_id, period, accepted_amount FROM progress_reports");
    q.Where("project_id IN (" + q.BindList(project_ids) + ")").Where("accepted_amount IS NOT NULL");
    q.Append(" ORDER BY project_id");
    AcceptedAmount a;
    return q.FetchAll(sql, a, [&](soci::statement& s) {
      s.exchange(soci::into(a.project_id));
      s.exchange(soci::into(a.period));
      s.exchange(soci::into(a.amount));
    });
  });
}

StatusOr<PeriodState> ReportStore::Period(const std::string& period) {
  ASSIGN_OR_RETURN(auto states, Periods({period}));
  return states.front();
}

StatusOr<std::vector<PeriodState>> ReportStore::Periods(const std::vector<std::string>& periods) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<PeriodState>> {
    std::map<std::string, PeriodState> stored;
    if (!periods.empty()) {
      db::Query q("SELECT period, locked, deadline_at FROM report_periods");
      q.Where("period IN (" + q.BindList(periods) + ")");
      struct Row {
        PeriodState p;
        int locked = 0;
      } row;
      for (auto& r : q.FetchAll(sql, row, [&](soci::statement& s) {
             s.exchange(soci::into(row.p.period));
             s.exchange(soci::into(row.locked));
             s.exchange(soci::into(row.p.deadline_at));
           })) {
        r.p.locked = r.locked != 0;
        stored[r.p.period] = r.p;
      }
    }
    std::vector<PeriodState> out;
    for (const auto& p : periods) {
      auto it = stored.find(p);
      out.push_back(it != stored.end() ? it->second : PeriodState{p, false, std::nullopt});
    }
    return out;
  });
}

StatusOr<std::vector<PeriodEvent>> ReportStore::PeriodEvents(const std::string& period) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<PeriodEvent>> {
    db::Query q("SELECT e.action, e.reason, u.display_name, e.created_at FROM report_period_events e "
                "LEFT JOIN users u ON u.id = e.user_id");
    q.Where("e.period = " + q.Bind(period));
    q.Append(" ORDER BY e.id");
    PeriodEvent e;
    return q.FetchAll(sql, e, [&](soci::statement& s) {
      s.exchange(soci::into(e.action));
      s.exchange(soci::into(e.reason));
      s.exchange(soci::into(e.user_name));
      s.exchange(soci::into(e.created_at));
    });
  });
}

Status ReportStore::SetLocked(const std::string& period, bool locked, const std::optional<std::string>& reason,
                              int64_t user_id, const std::vector<InTransaction>& also) {
  return db_.Run([&](soci::session& sql) -> Status {
    db::Transaction tx(sql, db_.dialect());
    if (LockedIn(sql, period) == locked) {
      return locked ? Status::Conflict("period.locked", "该期已锁定") : Status::Conflict("period.not_locked", "该期未锁定");
    }
    const std::string now = NowTimestamp();
    const int value = locked ? 1 : 0;
    sql << "INSERT INTO report_periods (period, locked, updated_at, updated_by) VALUES (:p, :l, :t, :u) "
           "ON CONFLICT (period) DO UPDATE SET locked = excluded.locked, updated_at = excluded.updated_at, "
           "updated_by = excluded.updated_by",
        soci::use(period), soci::use(value), soci::use(now), soci::use(user_id);
    const std::string action = locked ? "lock" : "unlock";
    sql << "INSERT INTO report_period_events (period, action, reason, user_id, created_at) VALUES (:p, :a, :r, :u, :t)",
        soci::use(period), soci::use(action), soci::use(reason), soci::use(user_id), soci::use(now);
    for (const InTransaction& step : also) {
      if (step) step(sql);
    }
    tx.Commit();
    return Status::Ok();
  });
}

StatusOr<std::optional<Fen>> ReportStore::AnnualPlan(int64_t project_id, int year) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::optional<Fen>> {
    Fen amount = 0;
    const int64_t y = year;
    sql << "SELECT amount FROM annual_plans WHERE project_id = :p AND year = :y", soci::use(project_id), soci::use(y),
        soci::into(amount);
    if (!sql.got_data()) return std::optional<Fen>();
    return std::optional<Fen>(amount);
  });
}

StatusOr<std::optional<OpeningBalanceRow>> ReportStore::Opening(int64_t project_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::optional<OpeningBalanceRow>> {
    OpeningBalanceRow o;
    sql << "SELECT through, amount FROM project_openings WHERE project_id = :p", soci::use(project_id),
        soci::into(o.through), soci::into(o.amount);
    if (!sql.got_data()) return std::optional<OpeningBalanceRow>();
    return std::optional<OpeningBalanceRow>(o);
  });
}

Status ReportStore::SetOpening(int64_t project_id, const OpeningBalanceRow& opening, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> Status {
    const std::string now = NowTimestamp();
    sql << "INSERT INTO project_openings (project_id, through, amount, updated_at, updated_by) "
           "VALUES (:p, :th, :a, :t, :u) ON CONFLICT (project_id) DO UPDATE SET through = excluded.through, "
           "amount = excluded.amount, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        soci::use(project_id), soci::use(opening.through), soci::use(opening.amount), soci::use(now),
        soci::use(user_id);
    return Status::Ok();
  });
}

Status ReportStore::Load(const std::vector<LoadedReport>& reports, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> Status {
    db::Transaction tx(sql, db_.dialect());
    const std::string now = NowTimestamp();
    {
      LoadedReport r;
      int correction = 0;
      std::optional<Fen> accepted;
      std::string action;
      int64_t id = 0;
      soci::statement report(sql);
      FieldBinds{r.fields, correction}.Bind(report);
      report.exchange(soci::use(r.project_id, "project_id"));
      report.exchange(soci::use(r.period, "period"));
      report.exchange(soci::use(r.counted_month, "counted_month"));
      report.exchange(soci::use(r.state, "state"));
      report.exchange(soci::use(r.return_reason, "return_reason"));
      report.exchange(soci::use(accepted, "accepted_amount"));
      report.exchange(soci::use(now, "now"));
      report.exchange(soci::use(user_id, "uid"));
      report.exchange(soci::into(id));
      report.alloc();
      report.prepare(
          "INSERT INTO progress_reports (project_id, period, counted_month, state, amount, correction, "
          "correction_reason, progress_text, physical_percent, problems, stats_amount, return_reason, accepted_amount, "
          "revision, version, created_at, updated_at, updated_by, submitted_at, submitted_by, reviewed_at, reviewed_by) "
          "VALUES (:project_id, :period, :counted_month, :state, :amount, :correction, :correction_reason, "
          ":progress_text, :physical_percent, :problems, :stats_amount, :return_reason, :accepted_amount, 1, 1, :now, "
          ":now, :uid, :now, :uid, :now, :uid) RETURNING id");
      report.define_and_bind();
      const int64_t first_revision = 1;
      soci::statement revision(sql);
      FieldBinds{r.fields, correction}.Bind(revision);
      revision.exchange(soci::use(id, "report_id"));
      revision.exchange(soci::use(first_revision, "revision"));
      revision.exchange(soci::use(action, "action"));
      revision.exchange(soci::use(r.state, "state"));
      revision.exchange(soci::use(r.return_reason, "reason"));
      revision.exchange(soci::use(user_id, "user_id"));
      revision.exchange(soci::use(now, "now"));
      revision.alloc();
      revision.prepare(kInsertRevision);
      revision.define_and_bind();
      for (const LoadedReport& in : reports) {
        r = in;
        correction = r.fields.correction ? 1 : 0;
        accepted = r.state == "accepted" ? std::optional<Fen>(r.fields.amount) : std::nullopt;
        action = r.state == "accepted" ? "accept" : r.state == "returned" ? "return" : r.state == "submitted" ? "submit"
                                                                                                           : "save";
        report.execute(true);
        revision.execute(true);
      }
    }
    tx.Commit();
    return Status::Ok();
  });
}

Status ReportStore::LoadOpenings(const std::vector<std::pair<int64_t, OpeningBalanceRow>>& openings, int64_t user_id) {
  return db_.Run([&](soci::session& sql) -> Status {
    db::Transaction tx(sql, db_.dialect());
    const std::string now = NowTimestamp();
    {
      int64_t project_id = 0;
      OpeningBalanceRow o;
      soci::statement st = (sql.prepare << "INSERT INTO project_openings (project_id, through, amount, updated_at, "
                                           "updated_by) VALUES (:p, :th, :a, :t, :u)",
                            soci::use(project_id), soci::use(o.through), soci::use(o.amount), soci::use(now),
                            soci::use(user_id));
      for (const auto& [id, opening] : openings) {
        project_id = id;
        o = opening;
        st.execute(true);
      }
    }
    tx.Commit();
    return Status::Ok();
  });
}

StatusOr<bool> ReportStore::Any() {
  return db_.Run([&](soci::session& sql) -> StatusOr<bool> {
    int64_t n = 0;
    sql << "SELECT COUNT(*) FROM (SELECT 1 FROM progress_reports LIMIT 1) x", soci::into(n);
    return n > 0;
  });
}

namespace {

constexpr const char* kPhotoSelect =
    "SELECT f.id, f.report_id, r.project_id, r.period, f.sha256, f.thumb_sha256, f.file_name, f.mime, f.size, "
    "f.created_at FROM progress_report_photos f JOIN progress_reports r ON r.id = f.report_id";

std::vector<ReportPhoto> FetchPhotos(soci::session& sql, db::Query& q) {
  ReportPhoto p;
  return q.FetchAll(sql, p, [&](soci::statement& s) {
    s.exchange(soci::into(p.id));
    s.exchange(soci::into(p.report_id));
    s.exchange(soci::into(p.project_id));
    s.exchange(soci::into(p.period));
    s.exchange(soci::into(p.sha256));
    s.exchange(soci::into(p.thumb_sha256));
    s.exchange(soci::into(p.file_name));
    s.exchange(soci::into(p.mime));
    s.exchange(soci::into(p.size));
    s.exchange(soci::into(p.created_at));
  });
}

}  // namespace

StatusOr<std::vector<ReportPhoto>> ReportStore::Photos(int64_t report_id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<std::vector<ReportPhoto>> {
    db::Query q(kPhotoSelect);
    q.Where("f.report_id = " + q.Bind(report_id));
    q.Append(" ORDER BY f.id");
    return FetchPhotos(sql, q);
  });
}

StatusOr<ReportPhoto> ReportStore::Photo(int64_t id) {
  return db_.Run([&](soci::session& sql) -> StatusOr<ReportPhoto> {
    db::Query q(kPhotoSelect);
    q.Where("f.id = " + q.Bind(id));
    auto found = FetchPhotos(sql, q);
    if (found.empty()) return Status::NotFound("photo.not_found", "照片不存在");
    return found.front();
  });
}

StatusOr<ReportPhoto> ReportStore::AddPhoto(const ReportPhoto& photo, int64_t user_id) {
  ASSIGN_OR_RETURN(int64_t id, db_.Run([&](soci::session& sql) -> StatusOr<int64_t> {
    const std::string now = NowTimestamp();
    return db::InsertReturningId(
        sql,
        "INSERT INTO progress_report_photos (report_id, sha256, thumb_sha256, file_name, mime, size, created_at, "
        "created_by) VALUES (:r, :s, :t, :n, :m, :z, :now, :u) RETURNING id",
        [&](soci::statement& st) {
          st.exchange(soci::use(photo.report_id, "r"));
          st.exchange(soci::use(photo.sha256, "s"));
          st.exchange(soci::use(photo.thumb_sha256, "t"));
          st.exchange(soci::use(photo.file_name, "n"));
          st.exchange(soci::use(photo.mime, "m"));
          st.exchange(soci::use(photo.size, "z"));
          st.exchange(soci::use(now, "now"));
          st.exchange(soci::use(user_id, "u"));
        });
  }));
  return Photo(id);
}

Status ReportStore::DeletePhoto(int64_t id) {
  return db_.Run([&](soci::session& sql) -> Status {
    soci::statement st = (sql.prepare << "DELETE FROM progress_report_photos WHERE id = :id", soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0) return Status::NotFound("photo.not_found", "照片不存在");
    return Status::Ok();
  });
}

}  // namespace tuijin::store
