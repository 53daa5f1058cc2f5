// Progress reporting (进度填报): reports per project and period with every version kept,
// reporting periods and their lock, opening balances (开工累计 before the first report), and
// the period grid and missing-report list read in one query each. Which change a report may
// take is decided by domain::StepReport on the state the caller read; the store checks that
// the report is still at that version and that the period is not locked, in the same
// transaction as the write.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/money.h"
#include "base/status.h"
#include "db/db.h"
#include "store/page.h"
#include "store/transaction_step.h"

namespace tuijin::store {

// What a reporter types (本期完成投资, 形象进度, …).
struct ReportFields {
  Fen amount = 0;
  bool correction = false;
  std::optional<std::string> correction_reason;
  std::optional<std::string> progress_text;
  std::optional<int64_t> physical_percent;
  std::optional<std::string> problems;
  std::optional<Fen> stats_amount;  // 入库口径, when it differs

  friend bool operator==(const ReportFields&, const ReportFields&) = default;
};

struct Report {
  int64_t id = 0;
  int64_t project_id = 0;
  std::string period;         // 2026-03 or 2026-W09
  std::string counted_month;  // the month it counts towards
  std::string state;          // draft, submitted, accepted, returned
  ReportFields fields;
  std::optional<std::string> return_reason;
  std::optional<Fen> accepted_amount;  // the amount as last accepted
  int64_t revision = 1;
  int64_t version = 1;
  std::string updated_at;
  std::optional<std::string> submitted_at, reviewed_at;
};

struct ReportRevision {
  int64_t revision = 0;
  std::string action;  // save, submit, accept, return
  std::string state;   // after the action
  ReportFields fields;
  std::optional<std::string> reason;  // why it was returned
  std::optional<std::string> user_name;
  std::string created_at;
};

struct ReportPhoto {
  int64_t id = 0;
  int64_t report_id = 0;
  int64_t project_id = 0;
  std::string period;
  std::string sha256;
  std::optional<std::string> thumb_sha256;
  std::string file_name;
  std::string mime;
  int64_t size = 0;
  std::string created_at;
};

// One change to one report, decided by the caller.
struct ReportWrite {
  int64_t project_id = 0;
  std::string period;
  std::string counted_month;
  // The version the decision was made on; nullopt when there was no report yet (a report
  // created meanwhile makes the write stale).
  std::optional<int64_t> version;
  std::string action;      // save, submit, accept, return
  std::string next_state;  // draft, submitted, accepted, returned
  bool new_revision = false;
  std::optional<ReportFields> fields;  // new input (save; submit from the grid)
  std::optional<std::string> reason;   // return reason
};

struct PeriodState {
  std::string period;
  bool locked = false;
  std::optional<int64_t> deadline_at;  // its own deadline; nullopt = the default rule
};

struct PeriodEvent {
  std::string action;  // lock, unlock, deadline
  std::optional<std::string> reason;
  std::optional<std::string> user_name;
  std::string created_at;
};

struct OpeningBalanceRow {
  std::string through;  // a month
  Fen amount = 0;
};

// A project that reports in a period, with its report (if any) and what its figures need.
struct ReportGridRow {
  int64_t project_id = 0;
  std::optional<std::string> code;
  std::string name;
  std::string level;
  std::string stage;
  std::optional<int64_t> lead_unit_id, owner_unit_id;
  std::optional<std::string> lead_unit_name;
  Fen total_investment = 0;
  std::optional<Report> report;
  std::optional<Fen> annual_plan;  // the plan of the period's year
  std::optional<OpeningBalanceRow> opening;
};

struct ReportGridFilter {
  std::string period;
  int year = 0;           // the year the period counts towards
  bool weekly = false;    // a week period: only projects reported weekly
  std::optional<std::vector<int64_t>> scope_unit_ids;  // unit users: lead or owner in these
  std::vector<int64_t> unit_ids;                       // lead unit in these (a unit and its sub-units)
  std::vector<std::string> states;                     // report states; "none" for no report
  bool missing_only = false;                           // no report, or not yet submitted
  std::string q;                                       // 名称 or 项目代码
  PageRequest page{1, 500};
};

// A project that has not submitted its report for a period.
struct MissingReport {
  int64_t project_id = 0;
  std::optional<std::string> code;
  std::string name;
  std::optional<int64_t> lead_unit_id, owner_unit_id;
  std::optional<std::string> lead_unit_name;
  std::optional<std::string> state;  // draft or returned; none when not started
};

struct AcceptedAmount {
  int64_t project_id = 0;
  std::string period;
  Fen amount = 0;
};

// A report as it stands, for loading demo and benchmark data.
struct LoadedReport {
  int64_t project_id = 0;
  std::string period, counted_month;
  std::string state;
  ReportFields fields;
  std::optional<std::string> return_reason;
};

class ReportStore {
 public:
  explicit ReportStore(db::Database& db) : db_(db) {}

  StatusOr<std::optional<Report>> Find(int64_t project_id, const std::string& period);
  // NotFound "report.not_found".
  StatusOr<Report> ById(int64_t id);
  StatusOr<std::vector<Report>> ForProject(int64_t project_id);
  StatusOr<std::vector<ReportRevision>> Revisions(int64_t report_id);

  // Applies the changes in one transaction, all or none: Conflict "period.locked" when the
  // period is locked, "report.stale" when a report is not at the version it was decided on.
  StatusOr<std::vector<Report>> Write(const std::vector<ReportWrite>& writes, int64_t user_id);

  // The projects that report in the filter's period, returned reports first, then by level
  // and id; with the total count.
  StatusOr<Page<ReportGridRow>> Grid(const ReportGridFilter& f);
  // The projects of the filter's period (and scope) with no report, a draft or a returned
  // one: the missing-reports list, lighter than the grid (no figures). Ordered by 责任单位.
  StatusOr<std::vector<MissingReport>> Missing(const ReportGridFilter& f);
  // Accepted amounts of these projects, every period.
  StatusOr<std::vector<AcceptedAmount>> Accepted(const std::vector<int64_t>& project_ids);

  // Adds reports as they stand, each with one revision (an accepted one counts), in one
  // transaction with statements prepared once; for demo data and benchmarks.
  Status Load(const std::vector<LoadedReport>& reports, int64_t user_id);
  // Opening balances for many projects at once (same use).
  Status LoadOpenings(const std::vector<std::pair<int64_t, OpeningBalanceRow>>& openings, int64_t user_id);
  // Whether any report exists (the demo adds its reports only to an empty library).
  StatusOr<bool> Any();

  StatusOr<std::vector<ReportPhoto>> Photos(int64_t report_id);
  StatusOr<ReportPhoto> Photo(int64_t id);  // NotFound "photo.not_found"
  StatusOr<ReportPhoto> AddPhoto(const ReportPhoto& photo, int64_t user_id);
  Status DeletePhoto(int64_t id);

  StatusOr<PeriodState> Period(const std::string& period);
  StatusOr<std::vector<PeriodState>> Periods(const std::vector<std::string>& periods);
  StatusOr<std::vector<PeriodEvent>> PeriodEvents(const std::string& period);
  // Locks or unlocks a period, journaled with the reason; Conflict when already so. The steps
  // of `also` run in the same transaction, in order (a locked month's status snapshot and
  // escalation records); an empty step is skipped.
  Status SetLocked(const std::string& period, bool locked, const std::optional<std::string>& reason, int64_t user_id,
                   const std::vector<InTransaction>& also = {});

  // The project's annual plan amount for `year`, if it has a plan.
  StatusOr<std::optional<Fen>> AnnualPlan(int64_t project_id, int year);

  StatusOr<std::optional<OpeningBalanceRow>> Opening(int64_t project_id);
  Status SetOpening(int64_t project_id, const OpeningBalanceRow& opening, int64_t user_id);

 private:
  db::Database& db_;
};

}  // namespace tuijin::store
