// Demo annual plans and the split of the district target (任务分解): see demo_projects.h.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

#include "base/money.h"
#include "base/time.h"
#include "demo/demo_projects.h"
#include "domain/plan_rules.h"
#include "domain/reporting.h"

namespace tuijin::demo {
namespace {

constexpr Fen kTenWan = 10 * kFenPerWan;

// 形象进度目标 by quarter, as a plan sheet words them.
const std::array<std::array<const char*, 4>, 4> kGoals = {{
    {"完成基础施工,主体结构施工至±0", "主体结构完成50%", "主体结构封顶,开始机电安装",
     "完成年度投资,二次结构及装饰装修完成40%"},
    {"完成管网铺设3公里", "完成管网铺设8公里,泵站主体开工", "泵站主体完工,管网全线贯通",
     "完成设备安装调试,具备通水条件"},
    {"厂房钢结构吊装完成", "厂房封闭,设备基础完工", "生产设备进场安装", "设备调试,试生产"},
    {"完成路基施工30%", "路基完成,开始管线综合", "完成路面基层摊铺", "完成沥青面层及附属工程,具备通车条件"},
}};
const std::array<const char*, 4> kPreparationGoals = {"完成立项及用地预审", "完成规划许可及施工图审查",
                                                      "完成施工招标,开工建设", "完成基础施工"};

struct Candidate {
  int64_t id = 0;
  bool construction = false;
  Fen total = 0;
  std::optional<int64_t> lead;
  std::optional<std::string> planned_start, planned_completion;
};

Fen RoundDownTenWan(Fen v) { return v / kTenWan * kTenWan; }

}  // namespace

Status LoadPlans(ProjectStores s, std::ostream& log) {
  const std::string today = Today();
  const int year = std::stoi(today.substr(0, 4));
  {
    store::PlanFilter any;
    any.year = year;
    any.page.page_size = 1;
    ASSIGN_OR_RETURN(auto existing, s.plans.List(any));
    if (existing.amount_sum > 0 || std::any_of(existing.page.items.begin(), existing.page.items.end(),
                                               [](const store::PlanRow& r) { return r.plan.has_value(); })) {
      log << fmt::format("演示计划:{} 年已有年度计划,未重复载入\n", year);
      return Status::Ok();
    }
  }
  store::ProjectFilter f;
  f.stages = {"construction", "preparation"};
  std::vector<Candidate> candidates;
  RETURN_IF_ERROR(s.projects.ForEach(
      f, {}, [](const std::vector<int64_t>&) { return Status::Ok(); },
      [&](size_t, store::Project& p) {
        candidates.push_back({p.id, p.stage == "construction", p.total_investment, p.lead_unit_id, p.planned_start,
                              p.planned_completion});
        return Status::Ok();
      }));
  if (candidates.empty()) return Status::Ok();

  // splitmix64, as the projects use, seeded by the year's projects.
  uint64_t state = 2026'0001ULL + candidates.size();
  auto next = [&]() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  };
  auto roll = [&](int lo, int hi) { return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1)); };
  const std::string year_prefix = std::to_string(year);
  auto in_year = [&](const std::optional<std::string>& d) -> std::optional<std::string> {
    if (d && d->starts_with(year_prefix)) return d;
    return std::nullopt;
  };

  std::vector<store::PlanWrite> writes;
  std::vector<int64_t> to_issue;
  writes.reserve(candidates.size());
  for (const Candidate& c : candidates) {
    store::PlanWrite w;
    w.project_id = c.id;
    domain::PlanValues& v = w.values;
    v.planned_start = in_year(c.planned_start);
    v.planned_completion = in_year(c.planned_completion);
    if (c.construction) {
      // 续建 and 新开工 projects: a fifth to two fifths of 总投资 this year.
      v.amount = std::max(kTenWan, RoundDownTenWan(c.total * roll(18, 40) / 100));
      const auto& goals = kGoals[static_cast<size_t>(c.id) % kGoals.size()];
      for (size_t q = 0; q < 4; ++q) v.goals[q] = goals[q];
      if (roll(0, 4) == 0) {
        // Slow in the first quarter (春节, 雨季前抢工): a shaped curve.
        std::vector<Fen> curve(12);
        const std::array<int, 12> share = {2, 5, 12, 20, 30, 42, 52, 62, 72, 82, 92, 100};
        for (size_t m = 0; m < 12; ++m) curve[m] = RoundDownTenWan(v.amount * share[m] / 100);
        curve[11] = v.amount;
        v.curve = domain::NormalizeCurve(curve, v.amount);
      }
      if (roll(0, 9) < 7) to_issue.push_back(c.id);
    } else {
      // 前期 projects: a small first-year amount from the month they start.
      v.amount = std::max(kTenWan, RoundDownTenWan(c.total * roll(5, 15) / 100));
      for (size_t q = 0; q < 4; ++q) v.goals[q] = kPreparationGoals[q];
      if (v.planned_start) {
        const int start = std::stoi(v.planned_start->substr(5, 2));
        std::vector<Fen> curve(12, 0);
        for (int m = start; m <= 12; ++m) {
          curve[m - 1] = static_cast<Fen>(static_cast<WideInt>(v.amount) * (m - start + 1) / (12 - start + 1));
        }
        v.curve = domain::NormalizeCurve(curve, v.amount);
      }
      if (v.planned_completion && v.planned_start && *v.planned_completion < *v.planned_start)
        v.planned_completion.reset();
    }
    if (!domain::CheckPlan(v, year).empty()) return Status::Internal("演示计划不合规则:项目 " + std::to_string(c.id));
    writes.push_back(std::move(w));
  }
  int64_t creator = 0;
  if (auto staff = s.users.FindForLogin("fgw"); staff.ok() && *staff) creator = (*staff)->first.id;
  ASSIGN_OR_RETURN(auto saved, s.plans.Save(year, writes, std::nullopt, creator, "items."));
  ASSIGN_OR_RETURN(int64_t issued, s.plans.Issue(year, to_issue, creator));

  // One 年中调整: the first issued plan, cut by a sixth for a land clearance delay.
  int adjusted = 0;
  if (!to_issue.empty()) {
    ASSIGN_OR_RETURN(auto plan, s.plans.Get(to_issue.front(), year));
    store::PlanWrite w{plan.project_id, plan, plan.version};
    w.values.amount = RoundDownTenWan(plan.amount * 5 / 6);
    w.values.curve = {};
    ASSIGN_OR_RETURN(auto changed,
                     s.plans.Save(year, {w}, std::string("受征地拆迁进度影响,经区重点项目推进会研究,调减年度计划投资"),
                                  creator, ""));
    adjusted = static_cast<int>(changed.size());
  }

  // 任务分解: each unit's target is its projects' plans, but for two units; the district
  // target is rounded up to the next 10 亿元, so a part of it is not yet split.
  ASSIGN_OR_RETURN(auto sums, s.plans.SumsByLeadUnit(year));
  std::sort(sums.begin(), sums.end(), [](const auto& a, const auto& b) { return a.amount > b.amount; });
  std::vector<std::pair<int64_t, std::optional<Fen>>> targets;
  Fen units_sum = 0;
  for (size_t i = 0; i < sums.size(); ++i) {
    Fen target = sums[i].amount;
    if (i == 2) target += 2000 * kFenPerWan;  // set before two projects were cut back
    if (i == sums.size() - 1 && i > 2)
      target = std::max<Fen>(0, target - 800 * kFenPerWan);  // a late project not yet counted
    targets.emplace_back(sums[i].lead_unit_id, target);
    units_sum += target;
  }
  const Fen ten_yi = 10 * kFenPerYi;
  const Fen district = (units_sum / ten_yi + 1) * ten_yi;
  RETURN_IF_ERROR(s.plans.SetTargets(year, district, targets, creator));
  log << fmt::format("演示计划:{} 年度计划 {} 个(已下达 {},年中调整 {}),区年度投资目标 {} 亿元分解到 {} 个单位\n", year,
                     saved.size(), issued, adjusted, FormatAmount(district, MoneyUnit::kYiYuan, 1), targets.size());
  return Status::Ok();
}

}  // namespace tuijin::demo
