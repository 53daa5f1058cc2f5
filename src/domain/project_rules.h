// Rules of the project library (项目库), without I/O: 项目代码, levels, stages and their
// transitions, funding. Definitions in DESIGN.md §2.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/money.h"

namespace tuijin::domain {

// 项目代码: ^\d{4}-\d{6}-\d{2}-\d{2}-\d{5}[0-9A-Z]$ whose 6-digit segment is a known
// administrative division (`is_division`). Empty when valid, else the message.
std::string CheckProjectCode(std::string_view code, const std::function<bool(std::string_view)>& is_division);

// 级别, in ledger order: province 省重点, city 市重点, district 区重点.
inline constexpr std::string_view kLevels[] = {"province", "city", "district"};
bool IsLevel(std::string_view level);
std::string_view LevelLabel(std::string_view level);  // "省重点"; "" for an unknown level

// 阶段 (stage). Main line: reserve 谋划/储备 → preparation 前期 → construction 在建 →
// completed 竣工 → operating 投产 → effective 达效. Side states: suspended 停缓建 (from
// any active stage, resumed to the stage it left) and cancelled 取消 (final).
enum class Stage { kReserve, kPreparation, kConstruction, kCompleted, kOperating, kEffective, kSuspended, kCancelled };

std::optional<Stage> ParseStage(std::string_view name);
std::string_view StageName(Stage s);   // "reserve", …
std::string_view StageLabel(Stage s);  // "谋划储备", …

// Active: not suspended, cancelled or 达效 (the end of the line).
bool IsActive(Stage s);

// Whether `from` → `to` is allowed. `resume_to` is the stage a suspended project left (for
// from == kSuspended). Empty when allowed, else the message in words.
std::string CheckTransition(Stage from, Stage to, std::optional<Stage> resume_to);

// 停缓建, 取消 and resuming from 停缓建 are recorded with a reason.
bool StageChangeNeedsReason(Stage from, Stage to);

// The stage events a project entered into the library starts with, from the stage it is at
// and its dates: 在建 and later need the actual start (an event into 在建 on that day),
// 竣工 and later the actual completion; an earlier stage is entered on `stage_date`
// (default today). Dates are ISO days; none may be after `today`.
struct OpeningEvent {
  std::string to;
  std::string date;
};
struct OpeningEvents {
  std::vector<OpeningEvent> events;
  std::vector<std::pair<std::string, std::string>> errors;  // field, message
};
OpeningEvents PlanOpeningEvents(Stage stage, const std::optional<std::string>& actual_start,
                                const std::optional<std::string>& actual_completion,
                                const std::optional<std::string>& stage_date, const std::string& today);

// What a project's record says about its stages, set by its stage events only.
struct StageState {
  std::string stage;                             // "" before the first event
  std::optional<std::string> resume_stage;       // while suspended: the stage it left
  std::optional<std::string> actual_start;       // the date of the first event into 在建
  std::optional<std::string> actual_completion;  // the date of the first event into 竣工
};
// The record after an event moving the project to `to` on `date` (an allowed transition:
// CheckTransition). A project created suspended resumes to 前期.
StageState AfterStageEvent(StageState state, std::string_view to, const std::string& date);

// The funding parts may not exceed the total. Empty when fine, else the message.
std::string CheckFunding(Fen total, const std::vector<Fen>& parts);

// 攻坚星级: 0 (none) to kMaxStar.
inline constexpr int kMaxStar = 5;

}  // namespace tuijin::domain
