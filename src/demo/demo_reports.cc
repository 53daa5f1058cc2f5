#include "demo/demo_reports.h"

#include <fmt/format.h>

#include <map>
#include <random>
#include <vector>

#include "base/time.h"
#include "domain/reporting.h"

namespace tuijin::demo {
namespace {

using domain::Period;

const char* const kProgress[] = {
    "桩基施工", "基础承台浇筑", "主体结构施工", "主体结构封顶", "二次结构砌筑", "钢结构吊装",
    "机电安装", "室外管网铺设", "装饰装修", "设备安装调试", "道路面层摊铺", "绿化及附属工程"};
const char* const kProblems[] = {
    "征迁扫尾未完成,影响东侧场地移交", "电力线路迁改协调中", "上级资金拨付滞后",
    "施工许可手续办理中", "雨污管网接驳点需市政部门确认", "土方外运受扬尘管控影响"};
const char* const kReturnReasons[] = {
    "本期完成投资与监理月报不一致,请核实后重报", "形象进度描述过简,请写明完成的具体工程量",
    "入库口径数据与统计局反馈不符,请说明差异原因"};

// How many 省重点 projects under construction report weekly (周调度) in the demo.
constexpr int kWeeklyProjects = 5;

// Rounds fen down to 0.01 万元.
Fen Round(double fen) { return static_cast<Fen>(fen / 10'000.0) * 10'000; }

}  // namespace

Status LoadReports(ProjectStores s, int months, std::ostream& log) {
  ASSIGN_OR_RETURN(bool any, s.reports.Any());
  if (any) return Status::Ok();
  const ChinaTime now = ToChinaTime(NowUnix());
  const Period last = domain::PreviousPeriod(domain::MonthOf(now.year, now.month));
  if (months < 0) months = last.index;
  if (months == 0) return Status::Ok();
  Period first = last;
  for (int i = 1; i < months; ++i) first = domain::PreviousPeriod(first);
  const std::string first_key = domain::FormatPeriod(first);

  store::UserFilter staff_filter;
  staff_filter.role = "staff";
  ASSIGN_OR_RETURN(auto staff, s.users.List(staff_filter));
  const int64_t user_id = staff.items.empty() ? 0 : staff.items.front().id;
  if (!user_id) return Status::Ok();

  store::ProjectFilter f;
  f.stages = domain::ReportingStageNames();
  f.page = {1, 500};
  std::vector<store::Project> projects;
  for (;;) {
    ASSIGN_OR_RETURN(auto list, s.projects.List(f));
    for (auto& p : list.page.items) projects.push_back(std::move(p));
    if (static_cast<int64_t>(projects.size()) >= list.page.total || list.page.items.empty()) break;
    ++f.page.page;
  }

  // The bureau follows a few 省重点 projects under construction week by week.
  int weekly = 0;
  for (const store::Project& p : projects) {
    if (weekly == kWeeklyProjects) break;
    if (p.level != "province" || p.stage != "construction") continue;
    RETURN_IF_ERROR(s.projects.SetWeeklyReporting(p.id, true));
    ++weekly;
  }

  // This year's plans: a project's months of this year follow its plan at its own pace.
  std::map<int64_t, Fen> plans;
  {
    store::PlanFilter pf;
    pf.year = last.year;
    pf.page = {1, 500};
    for (;;) {
      ASSIGN_OR_RETURN(auto list, s.plans.List(pf));
      for (const auto& row : list.page.items) {
        if (row.plan && row.plan->amount > 0) plans[row.project.id] = row.plan->amount;
      }
      if (list.page.items.empty() || pf.page.page * pf.page.page_size >= list.page.total) break;
      ++pf.page.page;
    }
  }

  std::vector<std::pair<int64_t, store::OpeningBalanceRow>> openings;
  std::vector<store::LoadedReport> batch;
  int64_t count = 0, returned = 0, missing = 0;
  auto flush = [&]() -> Status {
    if (batch.empty()) return Status::Ok();
    RETURN_IF_ERROR(s.reports.Load(batch, user_id));
    count += static_cast<int64_t>(batch.size());
    batch.clear();
    return Status::Ok();
  };
  for (const store::Project& p : projects) {
    std::mt19937_64 rng(static_cast<uint64_t>(p.id) * 7919u + 17u);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    // Most projects keep to their plan, a quarter lag somewhat and one in ten badly (序时进度).
    const double pace_roll = u(rng);
    const double pace = pace_roll < 0.65 ? 0.92 + 0.25 * u(rng) : pace_roll < 0.9 ? 0.68 + 0.22 * u(rng) : 0.25 + 0.35 * u(rng);
    const auto plan = plans.find(p.id);
    // A project that started before the first reported month brings its 开工累计 along.
    const std::string start = p.actual_start.value_or("").substr(0, 7);
    if (!start.empty() && start < first_key && p.total_investment > 0) {
      openings.push_back({p.id, {domain::FormatPeriod(domain::PreviousPeriod(first)),
                                 Round(static_cast<double>(p.total_investment) * (0.15 + 0.3 * u(rng)))}});
    }
    Period period = first;
    for (int i = 0; i < months; ++i, period = domain::NextPeriod(period)) {
      const std::string key = domain::FormatPeriod(period);
      if (!start.empty() && key < start && p.stage != "preparation") continue;
      const bool current = i == months - 1;
      const double roll = u(rng);
      store::LoadedReport r;
      r.project_id = p.id;
      r.period = key;
      r.counted_month = key;
      r.state = "accepted";
      if (current) {
        if (roll > 0.88) {
          ++missing;
          continue;
        }
        r.state = roll < 0.55 ? "accepted" : roll < 0.75 ? "submitted" : roll < 0.80 ? "returned" : "draft";
      }
      const bool moving = p.stage == "construction";
      if (!moving) {
        r.fields.amount = 0;
      } else if (plan != plans.end() && period.year == last.year) {
        // Spread over the months it is under way this year (a project started in June has seven).
        int first_month = 1;
        if (start.size() == 7 && std::stoi(start.substr(0, 4)) == last.year) first_month = std::stoi(start.substr(5, 2));
        const double months_left = 13.0 - first_month;
        r.fields.amount = Round(static_cast<double>(plan->second) / months_left * pace * (0.75 + 0.5 * u(rng)));
      } else {
        r.fields.amount = Round(static_cast<double>(p.total_investment) * (0.006 + 0.019 * u(rng)));
      }
      const int step = std::min<int>(static_cast<int>(std::size(kProgress)) - 1, (i * 12) / std::max(months, 1));
      r.fields.progress_text = moving ? fmt::format("{}，累计完成约{}%", kProgress[step], 10 + (80 * (i + 1)) / months)
                                      : std::string(p.stage == "suspended" ? "停工，等待复工条件" : "前期手续办理中");
      r.fields.physical_percent = moving ? 10 + (80 * (i + 1)) / months : 0;
      if (u(rng) < 0.12) r.fields.problems = kProblems[rng() % std::size(kProblems)];
      if (r.state == "returned") {
        r.return_reason = kReturnReasons[rng() % std::size(kReturnReasons)];
        ++returned;
      }
      batch.push_back(std::move(r));
      if (batch.size() >= 20'000) RETURN_IF_ERROR(flush());
    }
  }
  RETURN_IF_ERROR(s.reports.LoadOpenings(openings, user_id));
  RETURN_IF_ERROR(flush());
  log << fmt::format("演示填报:{} 至 {} 共 {} 期,新增进度填报 {} 条(本期退回 {} 条、未报 {} 个项目),开工累计期初数 {} 个,"
                     "按周填报项目 {} 个\n",
                     first_key, domain::FormatPeriod(last), months, count, returned, missing, openings.size(), weekly);
  return Status::Ok();
}

}  // namespace tuijin::demo
