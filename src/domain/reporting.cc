#include "domain/reporting.h"

#include <fmt/format.h>

#include "base/date.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/project_rules.h"

namespace tuijin::domain {
namespace {

constexpr int64_t kSecondsPerDay = 86'400;

// Monday = 0 … Sunday = 6. 1970-01-01 was a Thursday.
int Weekday(int64_t days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

int64_t MondayOfWeek(int year, int week) {
  const int64_t jan4 = DaysFromCivil(year, 1, 4);
  return jan4 - Weekday(jan4) + 7 * static_cast<int64_t>(week - 1);
}

// The last day a period covers, as days since the epoch: how periods of either kind order.
int64_t EndDay(const Period& p) {
  if (p.kind == Period::Kind::kWeek) return MondayOfWeek(p.year, p.index) + 6;
  return DaysFromCivil(p.year, p.index, DaysInMonth(p.year, p.index));
}

std::string Wan(Fen fen) { return FormatAmount(fen, MoneyUnit::kWanYuan); }

}  // namespace

std::pair<CivilDate, CivilDate> PeriodDays(const Period& p) {
  if (p.kind == Period::Kind::kWeek) {
    return {CivilFromDays(MondayOfWeek(p.year, p.index)), CivilFromDays(EndDay(p))};
  }
  return {CivilDate{p.year, p.index, 1}, CivilDate{p.year, p.index, DaysInMonth(p.year, p.index)}};
}

std::optional<Period> ParsePeriod(std::string_view text) {
  if (text.size() == 7) {
    auto month = ParseIsoDate(text);  // "2026-03"
    if (!month || month->day != 0) return std::nullopt;
    return MonthOf(month->year, month->month);
  }
  if (text.size() == 8 && text.substr(4, 2) == "-W") {
    const auto year = ParseDigits(text.substr(0, 4)), week = ParseDigits(text.substr(6, 2));
    if (!year || !week || *year < 1900 || *week < 1 || *week > IsoWeeksInYear(static_cast<int>(*year))) {
      return std::nullopt;
    }
    return Period{Period::Kind::kWeek, static_cast<int>(*year), static_cast<int>(*week)};
  }
  return std::nullopt;
}

std::string FormatPeriod(const Period& p) {
  if (p.kind == Period::Kind::kWeek) return fmt::format("{:04d}-W{:02d}", p.year, p.index);
  return FormatDate(CivilDate{p.year, p.index, 0});
}

std::string PeriodLabel(const Period& p) {
  if (p.kind == Period::Kind::kWeek) return fmt::format("{}年第{}周", p.year, p.index);
  return fmt::format("{}年{}月", p.year, p.index);
}

Period MonthOf(int year, int month) { return Period{Period::Kind::kMonth, year, month}; }

Period IsoWeekOf(int year, int month, int day) {
  const int64_t days = DaysFromCivil(year, month, day);
  const int64_t thursday = days - Weekday(days) + 3;
  const int week_year = CivilFromDays(thursday).year;
  const int week = static_cast<int>((thursday - DaysFromCivil(week_year, 1, 1)) / 7) + 1;
  return Period{Period::Kind::kWeek, week_year, week};
}

int IsoWeeksInYear(int year) { return IsoWeekOf(year, 12, 28).index; }

Period MonthCountedIn(const Period& p) {
  if (p.kind == Period::Kind::kMonth) return p;
  const CivilDate thursday = CivilFromDays(MondayOfWeek(p.year, p.index) + 3);
  return MonthOf(thursday.year, thursday.month);
}

Period NextPeriod(const Period& p) {
  if (p.kind == Period::Kind::kMonth) return p.index == 12 ? MonthOf(p.year + 1, 1) : MonthOf(p.year, p.index + 1);
  const CivilDate d = CivilFromDays(MondayOfWeek(p.year, p.index) + 7);
  return IsoWeekOf(d.year, d.month, d.day);
}

Period PreviousPeriod(const Period& p) {
  if (p.kind == Period::Kind::kMonth) return p.index == 1 ? MonthOf(p.year - 1, 12) : MonthOf(p.year, p.index - 1);
  const CivilDate d = CivilFromDays(MondayOfWeek(p.year, p.index) - 7);
  return IsoWeekOf(d.year, d.month, d.day);
}

int64_t DeadlineUnix(const Period& p, const DeadlineRule& rule) {
  int64_t day = 0;
  if (p.kind == Period::Kind::kWeek) {
    day = MondayOfWeek(p.year, p.index) + 7;
  } else {
    const Period next = NextPeriod(p);
    day = DaysFromCivil(next.year, next.index, rule.month_day);
  }
  return day * kSecondsPerDay + rule.hour * 3'600 - kChinaOffsetSeconds;
}

std::vector<Fen> LinearCurve(Fen annual_plan) {
  std::vector<Fen> curve(12);
  for (int m = 1; m <= 12; ++m) {
    curve[m - 1] = static_cast<Fen>(static_cast<WideInt>(annual_plan) * m / 12);
  }
  return curve;
}

std::map<std::string, std::string> CheckCurve(const std::vector<Fen>& curve, Fen annual_plan) {
  std::map<std::string, std::string> errors;
  if (curve.size() != 12) {
    errors["curve"] = "月度计划累计应为 12 个月";
    return errors;
  }
  for (int m = 1; m <= 12; ++m) {
    const Fen v = curve[m - 1];
    if (v < 0) {
      errors[std::to_string(m)] = fmt::format("{}月累计计划不能为负数", m);
    } else if (m > 1 && v < curve[m - 2]) {
      errors[std::to_string(m)] = fmt::format("{}月累计计划 {} 万元少于{}月的 {} 万元,累计数不能减少", m, Wan(v), m - 1,
                                              Wan(curve[m - 2]));
    }
  }
  if (curve[11] != annual_plan) {
    errors["12"] = fmt::format("12月累计计划 {} 万元应等于年度计划投资 {} 万元", Wan(curve[11]), Wan(annual_plan));
  }
  return errors;
}

std::string FormatPercent(std::optional<Ratio> r, int decimals) {
  if (!r || r->den <= 0) return "—";
  int64_t pow10 = 1;
  for (int i = 0; i < decimals; ++i) pow10 *= 10;
  // |num| × 100 × 10^decimals / den, rounded half away from zero, exactly.
  const bool negative = r->num < 0;
  const WideInt scaled = static_cast<WideInt>(negative ? -r->num : r->num) * 100 * pow10;
  const WideInt q = (scaled * 2 + r->den) / (static_cast<WideInt>(r->den) * 2);
  const int64_t whole = static_cast<int64_t>(q / pow10), frac = static_cast<int64_t>(q % pow10);
  std::string out = negative && q != 0 ? "-" : "";
  out += std::to_string(whole);
  if (decimals > 0) out += fmt::format(".{:0{}d}", frac, decimals);
  return out + "%";
}

int CompareRatio(const Ratio& a, const Ratio& b) {
  const WideInt l = static_cast<WideInt>(a.num) * b.den, r = static_cast<WideInt>(b.num) * a.den;
  return l < r ? -1 : (l > r ? 1 : 0);
}

DerivedFigures Derive(const std::vector<PeriodAmount>& amounts, const std::optional<OpeningBalance>& opening,
                      const Period& at, Fen annual_plan, Fen total_investment) {
  // Up to `at`: for a month, every period counted in it or before (weeks by their Thursday);
  // for a week, the weeks up to it and the months that ended before it ended.
  auto up_to_at = [&](const Period& p) {
    if (at.kind == Period::Kind::kMonth) return MonthCountedIn(p) <= at;
    if (p.kind == Period::Kind::kWeek) return p <= at;
    return EndDay(p) <= EndDay(at);
  };
  const int year = MonthCountedIn(at).year;
  DerivedFigures f;
  f.since_start = opening ? opening->amount : 0;
  for (const PeriodAmount& a : amounts) {
    if (a.period == at) f.period_amount += a.amount;
    if (!up_to_at(a.period)) continue;
    const Period month = MonthCountedIn(a.period);
    if (month.year == year) f.year_to_date += a.amount;
    if (!opening || month > opening->through) f.since_start += a.amount;
  }
  if (annual_plan > 0) f.annual_rate = Ratio{f.year_to_date, annual_plan};
  if (total_investment > 0) f.total_rate = Ratio{f.since_start, total_investment};
  return f;
}

std::map<std::string, std::string> CheckReportInput(const ReportInput& in) {
  std::map<std::string, std::string> errors;
  if (in.correction) {
    if (in.amount >= 0) errors["amount"] = "标记为冲减时,本期完成投资应为负数";
    if (in.correction_reason.find_first_not_of(" \t\r\n") == std::string::npos) {
      errors["correction_reason"] = "冲减须说明原因";
    }
  } else if (in.amount < 0) {
    errors["amount"] = "本期完成投资不能为负数;如需冲减以前多报的数,请标记为冲减并说明原因";
  }
  if (in.physical_percent && (*in.physical_percent < 0 || *in.physical_percent > 100)) {
    errors["physical_percent"] = "形象进度百分比应在 0 到 100 之间";
  }
  return errors;
}

std::vector<std::string> ReportWarnings(const DerivedFigures& f, Fen annual_plan, Fen total_investment) {
  std::vector<std::string> out;
  if (annual_plan > 0 && f.year_to_date > annual_plan) {
    out.push_back(fmt::format("年初至今累计 {} 万元,超过年度计划投资 {} 万元,请核实", Wan(f.year_to_date), Wan(annual_plan)));
  }
  if (total_investment > 0 && f.since_start > total_investment) {
    out.push_back(fmt::format("开工累计 {} 万元,超过项目总投资 {} 万元,请核实", Wan(f.since_start), Wan(total_investment)));
  }
  return out;
}

std::string_view ReportStateName(ReportState s) {
  switch (s) {
    case ReportState::kDraft: return "draft";
    case ReportState::kSubmitted: return "submitted";
    case ReportState::kAccepted: return "accepted";
    case ReportState::kReturned: return "returned";
  }
  return "draft";
}

std::optional<ReportState> ParseReportState(std::string_view name) {
  for (ReportState s : {ReportState::kDraft, ReportState::kSubmitted, ReportState::kAccepted, ReportState::kReturned}) {
    if (ReportStateName(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view ReportStateLabel(ReportState s) {
  switch (s) {
    case ReportState::kDraft: return "草稿";
    case ReportState::kSubmitted: return "已报送";
    case ReportState::kAccepted: return "已审核";
    case ReportState::kReturned: return "已退回";
  }
  return "草稿";
}

std::string_view ReportActionName(ReportAction a) {
  switch (a) {
    case ReportAction::kSave: return "save";
    case ReportAction::kSubmit: return "submit";
    case ReportAction::kAccept: return "accept";
    case ReportAction::kReturn: return "return";
  }
  return "save";
}

ReportStep StepReport(std::optional<ReportState> current, ReportAction action) {
  using S = ReportState;
  ReportStep step;
  switch (action) {
    case ReportAction::kSave:
      // A returned report stays returned, with its reason on top of the unit's list, until
      // it is submitted again.
      step.next = current == S::kReturned ? S::kReturned : S::kDraft;
      if (current == S::kSubmitted) step.error = "已报送待审核,不能修改;如需修改请联系项目科退回";
      step.new_revision = current == S::kAccepted;
      break;
    case ReportAction::kSubmit:
      step.next = S::kSubmitted;
      if (current == S::kSubmitted) step.error = "已报送,等待审核";
      else if (current == S::kAccepted) step.error = "已审核通过,无需再次报送;如需修改请先保存修改";
      break;
    case ReportAction::kAccept:
      step.next = S::kAccepted;
      if (current != S::kSubmitted) step.error = "只能审核已报送的填报";
      break;
    case ReportAction::kReturn:
      step.next = S::kReturned;
      if (current != S::kSubmitted) step.error = "只能退回已报送的填报";
      break;
  }
  return step;
}

bool ReportsProgress(std::string_view stage) {
  return stage == "preparation" || stage == "construction" || stage == "suspended";
}

std::vector<std::string> ReportingStageNames() {
  std::vector<std::string> out;
  for (int s = 0; s <= static_cast<int>(Stage::kCancelled); ++s) {
    const std::string_view name = StageName(static_cast<Stage>(s));
    if (ReportsProgress(name)) out.emplace_back(name);
  }
  return out;
}

}  // namespace tuijin::domain
