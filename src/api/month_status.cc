#include "api/month_status.h"

#include <algorithm>

#include "api/json.h"
#include "base/time.h"

namespace tuijin::api {
namespace {

std::vector<store::FrozenStatus> Compute(const std::vector<const store::StatusProject*>& projects,
                                         const std::vector<domain::StatusRule>& rules, const domain::Period& month,
                                         domain::ScheduleGranularity g, int due_through) {
  std::vector<store::FrozenStatus> out;
  out.reserve(projects.size());
  for (const store::StatusProject* p : projects) {
    store::FrozenStatus f;
    f.project_id = p->id;
    f.status = domain::EvaluateMonth(rules, p->year, month.year, month.index, g, due_through);
    f.annual_plan = p->year.base.annual_plan;
    f.year_to_date = domain::FactsForMonth(p->year, month.index, due_through).year_to_date;
    out.push_back(std::move(f));
  }
  return out;
}

bool InScope(const store::StatusProject& p, const std::optional<std::vector<int64_t>>& scope) {
  if (!scope) return true;
  auto in = [&](const std::optional<int64_t>& unit) {
    return unit && std::find(scope->begin(), scope->end(), *unit) != scope->end();
  };
  return in(p.lead_unit_id) || in(p.owner_unit_id);
}

}  // namespace

int DueThrough(int year, const domain::DeadlineRule& deadlines, int64_t now) {
  int due = 0;
  for (int m = 1; m <= 12; ++m) {
    if (domain::DeadlineUnix(domain::MonthOf(year, m), deadlines) <= now) due = m;
  }
  return due;
}

domain::ScheduleGranularity ConfiguredGranularity(const Context& ctx) {
  return domain::ParseGranularity(ctx.svc.config.schedule_granularity).value_or(domain::ScheduleGranularity::kMonth);
}

domain::DeadlineRule ReportDeadlines(const Context& ctx) {
  return {static_cast<int>(ctx.svc.config.report_deadline_day), static_cast<int>(ctx.svc.config.report_deadline_hour)};
}

store::ComputeStatuses StatusComputer(const Context& ctx, const domain::Period& month,
                                      std::vector<store::StoredRule> rules) {
  const std::vector<domain::StatusRule> plain(rules.begin(), rules.end());
  const domain::ScheduleGranularity g = ConfiguredGranularity(ctx);
  const int due = DueThrough(month.year, ReportDeadlines(ctx), NowUnix());
  return [plain, month, g, due](std::vector<store::StatusProject> projects) {
    std::vector<const store::StatusProject*> all;
    all.reserve(projects.size());
    for (const auto& p : projects) all.push_back(&p);
    return Compute(all, plain, month, g, due);
  };
}

StatusOr<MonthStatuses> StatusesAt(Context& ctx, const domain::Period& month,
                                   const std::optional<std::vector<int64_t>>& scope) {
  MonthStatuses out;
  out.month = month;
  out.granularity = ConfiguredGranularity(ctx);
  out.schedule = domain::ScheduleShare(out.granularity, domain::EndOfMonth(month.year, month.index));
  ASSIGN_OR_RETURN(out.rules, ctx.svc.statuses.Rules());
  const uint64_t generation = ctx.svc.data_generation.load();
  const int64_t now = NowUnix();
  out.years = ctx.svc.year_cache.Get(month.year, generation, now);
  if (!out.years) {
    ASSIGN_OR_RETURN(auto years, ctx.svc.statuses.Year(month.year, std::nullopt));
    out.years = std::make_shared<const std::vector<store::StatusProject>>(std::move(years));
    ctx.svc.year_cache.Put(month.year, generation, now, out.years);
  }
  std::vector<const store::StatusProject*> in_scope;
  in_scope.reserve(out.years->size());
  for (const store::StatusProject& p : *out.years) {
    if (InScope(p, scope)) in_scope.push_back(&p);
  }
  ASSIGN_OR_RETURN(auto frozen, ctx.svc.statuses.Frozen(domain::FormatPeriod(month)));
  out.frozen = !frozen.empty();
  out.rows.reserve(in_scope.size());
  if (out.frozen) {
    for (const store::StatusProject* p : in_scope) {
      auto it = frozen.find(p->id);
      if (it == frozen.end()) continue;
      out.rows.push_back({p, std::move(it->second.status), it->second.annual_plan, it->second.year_to_date});
    }
    return out;
  }
  // Every project's colour, computed once for this read of the years (the rules and the data
  // cannot have changed without a new read: any write bumps the data generation).
  const int due = DueThrough(month.year, ReportDeadlines(ctx), now);
  const std::string key = domain::FormatPeriod(month);
  MonthStatusCache::Statuses all = ctx.svc.month_statuses.Get(out.years, key, due);
  if (!all) {
    std::vector<const store::StatusProject*> every;
    every.reserve(out.years->size());
    for (const store::StatusProject& p : *out.years) every.push_back(&p);
    const std::vector<domain::StatusRule> plain(out.rules.begin(), out.rules.end());
    all = std::make_shared<const std::vector<store::FrozenStatus>>(Compute(every, plain, month, out.granularity, due));
    ctx.svc.month_statuses.Put(out.years, key, due, all);
  }
  const store::StatusProject* first = out.years->data();
  for (const store::StatusProject* p : in_scope) {
    const store::FrozenStatus& s = (*all)[static_cast<size_t>(p - first)];
    out.rows.push_back({p, s.status, s.annual_plan, s.year_to_date});
  }
  return out;
}

StatusOr<domain::Period> StatusMonth(Context& ctx) {
  const auto text = ctx.req.Query("period");
  if (!text || text->empty()) {
    const ChinaTime now = ToChinaTime(NowUnix());
    return domain::PreviousPeriod(domain::MonthOf(now.year, now.month));
  }
  auto p = domain::ParsePeriod(*text);
  if (!p || p->kind != domain::Period::Kind::kMonth) return Status::Invalid({{"period", "应为月份,如 2026-08"}});
  return *p;
}

}  // namespace tuijin::api
