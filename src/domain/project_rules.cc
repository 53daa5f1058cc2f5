#include "domain/project_rules.h"

#include <array>

#include "base/text.h"

namespace tuijin::domain {
namespace {

struct StageInfo {
  Stage stage;
  std::string_view name;
  std::string_view label;
};

constexpr std::array<StageInfo, 8> kStages = {{
    {Stage::kReserve, "reserve", "谋划储备"},
    {Stage::kPreparation, "preparation", "前期"},
    {Stage::kConstruction, "construction", "在建"},
    {Stage::kCompleted, "completed", "竣工"},
    {Stage::kOperating, "operating", "投产"},
    {Stage::kEffective, "effective", "达效"},
    {Stage::kSuspended, "suspended", "停缓建"},
    {Stage::kCancelled, "cancelled", "取消"},
}};

}  // namespace

std::string CheckProjectCode(std::string_view code, const std::function<bool(std::string_view)>& is_division) {
  // 4-6-2-2-5 digits, then one digit or capital letter: 24 characters with the dashes.
  const bool shape = code.size() == 24 && code[4] == '-' && code[11] == '-' && code[14] == '-' && code[17] == '-' &&
                     AllDigits(code.substr(0, 4)) && AllDigits(code.substr(5, 6)) && AllDigits(code.substr(12, 2)) &&
                     AllDigits(code.substr(15, 2)) && AllDigits(code.substr(18, 5)) &&
                     ((code[23] >= '0' && code[23] <= '9') || (code[23] >= 'A' && code[23] <= 'Z'));
  if (!shape) return "项目代码格式应为 年份4位-行政区划6位-行业2位-类型2位-流水号5位加1位校验(如 2024-410104-48-01-038658)";
  const std::string_view year = code.substr(0, 4);
  if (year < "1990" || year > "2100") return "项目代码的年份段不正确";
  if (!is_division(code.substr(5, 6))) return "项目代码中的行政区划代码 " + std::string(code.substr(5, 6)) + " 不存在";
  return {};
}

bool IsLevel(std::string_view level) { return !LevelLabel(level).empty(); }

std::string_view LevelLabel(std::string_view level) {
  if (level == "province") return "省重点";
  if (level == "city") return "市重点";
  if (level == "district") return "区重点";
  return {};
}

bool StageChangeNeedsReason(Stage from, Stage to) {
  return to == Stage::kSuspended || to == Stage::kCancelled || from == Stage::kSuspended;
}

OpeningEvents PlanOpeningEvents(Stage stage, const std::optional<std::string>& actual_start,
                                const std::optional<std::string>& actual_completion,
                                const std::optional<std::string>& stage_date, const std::string& today) {
  OpeningEvents out;
  auto fail = [&](const char* field, const char* message) { out.errors.emplace_back(field, message); };
  const bool started = stage == Stage::kConstruction || stage == Stage::kCompleted || stage == Stage::kOperating ||
                       stage == Stage::kEffective;
  const bool completed = started && stage != Stage::kConstruction;
  if (started && !actual_start) fail("actual_start", "已开工的项目须填写实际开工日期");
  if (completed && !actual_completion) fail("actual_completion", "已竣工的项目须填写实际竣工日期");
  if (actual_start && actual_completion && *actual_completion < *actual_start) {
    fail("actual_completion", "实际竣工不能早于实际开工");
  }
  if (actual_start && *actual_start > today) fail("actual_start", "实际开工日期不能晚于今天");
  if (stage_date && *stage_date > today) fail("stage_date", "日期不能晚于今天");
  auto add = [&](std::string_view to, const std::string& date) { out.events.push_back({std::string(to), date}); };
  if (started && actual_start) add("construction", *actual_start);
  if (completed && actual_completion) add("completed", *actual_completion);
  if (stage == Stage::kOperating || stage == Stage::kEffective) add("operating", actual_completion.value_or(today));
  if (stage == Stage::kEffective) add("effective", actual_completion.value_or(today));
  if (!started) {
    if (stage == Stage::kSuspended && actual_start) add("construction", *actual_start);
    add(StageName(stage), stage_date.value_or(today));
  }
  return out;
}

StageState AfterStageEvent(StageState state, std::string_view to, const std::string& date) {
  if (to == "suspended") {
    state.resume_stage = state.stage.empty() || state.stage == "suspended" ? std::string("preparation") : state.stage;
  } else {
    state.resume_stage.reset();
  }
  if (to == "construction" && !state.actual_start) state.actual_start = date;
  if (to == "completed" && !state.actual_completion) state.actual_completion = date;
  state.stage = std::string(to);
  return state;
}

std::optional<Stage> ParseStage(std::string_view name) {
  for (const auto& s : kStages) {
    if (s.name == name) return s.stage;
  }
  return std::nullopt;
}

std::string_view StageName(Stage stage) {
  for (const auto& s : kStages) {
    if (s.stage == stage) return s.name;
  }
  return "";
}

std::string_view StageLabel(Stage stage) {
  for (const auto& s : kStages) {
    if (s.stage == stage) return s.label;
  }
  return "";
}

bool IsActive(Stage s) { return s != Stage::kSuspended && s != Stage::kCancelled && s != Stage::kEffective; }

std::string CheckTransition(Stage from, Stage to, std::optional<Stage> resume_to) {
  const std::string label = std::string(StageLabel(from)) + "→" + std::string(StageLabel(to));
  if (from == to) return "项目已处于" + std::string(StageLabel(to)) + "阶段";
  if (from == Stage::kCancelled) return "已取消的项目不能再变更阶段";
  if (from == Stage::kSuspended) {
    if (to == Stage::kCancelled) return {};
    if (resume_to && to == *resume_to) return {};
    return "停缓建的项目只能恢复到停缓建前的阶段(" + std::string(resume_to ? StageLabel(*resume_to) : "未知") +
           ")或取消";
  }
  if (to == Stage::kSuspended || to == Stage::kCancelled) {
    if (!IsActive(from)) return "不允许的阶段变更:" + label;
    return {};
  }
  // The main line moves one step forward at a time.
  if (static_cast<int>(to) == static_cast<int>(from) + 1 && to <= Stage::kEffective) return {};
  return "不允许的阶段变更:" + label + "(只能依次推进:谋划储备→前期→在建→竣工→投产→达效)";
}

std::string CheckFunding(Fen total, const std::vector<Fen>& parts) {
  Fen sum = 0;
  for (Fen p : parts) {
    if (p < 0) return "资金来源金额不能为负数";
    sum += p;
  }
  if (sum > total) {
    return "资金来源合计 " + FormatAmount(sum, MoneyUnit::kWanYuan) + " 万元超过总投资 " +
           FormatAmount(total, MoneyUnit::kWanYuan) + " 万元";
  }
  return {};
}


}  // namespace tuijin::domain
