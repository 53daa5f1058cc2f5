// Unit rankings (排名通报): each month the units with a target (任务分解; without targets, the
// 责任单位 with plans) ranked on the bureau's metric, with movement and the escalation ladder
// (domain/ranking); the quarter's scores with inspection scores and awards; the settings
// (admin); and the escalation records written when a month is locked.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <set>

#include "api/exports.h"
#include "api/handlers.h"
#include "api/json.h"
#include "api/month_status.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/briefing.h"
#include "report/quarter_score_list.h"
#include "report/ranking_list.h"

namespace tuijin::api {
namespace {

struct RankedUnits {
  std::vector<domain::UnitYear> units;
  std::map<int64_t, std::string> names;
};

// The ranked units of `year` with their targets and amounts; a project counts for the ranked
// unit that is its 责任单位 or the nearest one above it.
StatusOr<RankedUnits> LoadUnits(Context& ctx, int year) {
  ASSIGN_OR_RETURN(auto all_units, ctx.svc.units.List());
  std::map<int64_t, std::optional<int64_t>> parent;
  RankedUnits out;
  for (const auto& u : all_units) {
    parent[u.id] = u.parent_id;
    out.names[u.id] = u.name;
  }
  ASSIGN_OR_RETURN(auto targets, ctx.svc.plans.Targets(year));
  ASSIGN_OR_RETURN(auto plan_sums, ctx.svc.plans.SumsByLeadUnit(year));
  std::map<int64_t, Fen> target_of;
  for (const auto& [id, amount] : targets.units) target_of[id] = amount;
  const bool by_targets = !target_of.empty();
  if (!by_targets) {
    for (const auto& s : plan_sums) {
      if (s.amount > 0) target_of[s.lead_unit_id] = 0;
    }
  }
  auto ranked_of = [&](int64_t unit) -> std::optional<int64_t> {
    std::optional<int64_t> at = unit;
    for (int depth = 0; at && depth < 32; ++depth) {
      if (target_of.count(*at)) return at;
      auto it = parent.find(*at);
      if (it == parent.end()) return std::nullopt;
      at = it->second;
    }
    return std::nullopt;
  };
  std::map<int64_t, domain::UnitYear> years;
  for (const auto& [id, amount] : target_of) {
    years[id].unit_id = id;
    years[id].target = amount;
  }
  if (!by_targets) {
    for (const auto& s : plan_sums) {
      if (auto r = ranked_of(s.lead_unit_id)) years[*r].target += s.amount;
    }
  }
  ASSIGN_OR_RETURN(auto amounts, ctx.svc.rankings.AmountsByLeadUnit(year));
  ASSIGN_OR_RETURN(auto last_year, ctx.svc.rankings.AmountsByLeadUnit(year - 1));
  for (const auto& [lead, months] : amounts) {
    if (auto r = ranked_of(lead)) {
      for (int m = 0; m < 12; ++m) years[*r].amounts[m] += months[m];
    }
  }
  for (const auto& [lead, months] : last_year) {
    if (auto r = ranked_of(lead)) {
      for (int m = 0; m < 12; ++m) years[*r].last_year[m] += months[m];
    }
  }
  for (auto& [id, y] : years) out.units.push_back(y);
  return out;
}

json::value Percent(const std::optional<int64_t>& v) {
  return v ? json::value(domain::HundredthsText(*v)) : json::value(nullptr);
}

json::object SettingsJson(const store::StoredRankingSettings& st) {
  const domain::RankingSettings& s = st.settings;
  return json::object{{"metric", domain::RankingMetricName(s.metric)},
                      {"metric_label", domain::RankingMetricLabel(s.metric)},
                      {"weight_completion", s.weight_completion},
                      {"weight_growth", s.weight_growth},
                      {"ladder", json::array(s.ladder.begin(), s.ladder.end())},
                      {"top_award", s.top_award},
                      {"top_n", s.top_n},
                      {"bottom_award", s.bottom_award},
                      {"bottom_n", s.bottom_n},
                      {"version", st.version},
                      {"updated_at", st.updated_at ? json::value(*st.updated_at) : json::value(nullptr)}};
}

StatusOr<std::pair<int, int>> ReadQuarter(Context& ctx) {
  ASSIGN_OR_RETURN(auto year, QueryInt(ctx.req, "year"));
  ASSIGN_OR_RETURN(auto quarter, QueryInt(ctx.req, "quarter"));
  std::map<std::string, std::string> errors;
  if (!year || *year < 2000 || *year > 2100) errors["year"] = "应为 2000 到 2100 的年份";
  if (!quarter || *quarter < 1 || *quarter > 4) errors["quarter"] = "应为 1 到 4";
  if (!errors.empty()) return Status::Invalid(errors);
  return std::make_pair(static_cast<int>(*year), static_cast<int>(*quarter));
}

// A month's ranking as the list and its export read it: ?period=YYYY-MM (default: the month
// being reported now).
struct MonthRanking {
  domain::Period month;
  store::StoredRankingSettings settings;
  RankedUnits units;
  std::map<int64_t, Fen> targets;
  std::vector<domain::RankedUnit> ranked;  // best first
};

StatusOr<MonthRanking> RankingOfMonth(Context& ctx) {
  MonthRanking out;
  ASSIGN_OR_RETURN(out.month, StatusMonth(ctx));
  ASSIGN_OR_RETURN(out.settings, ctx.svc.rankings.Settings());
  ASSIGN_OR_RETURN(out.units, LoadUnits(ctx, out.month.year));
  for (const auto& u : out.units.units) out.targets[u.unit_id] = u.target;
  out.ranked = domain::RankMonth(out.units.units, out.month.index, out.settings.settings);
  return out;
}

// A quarter's scores as the list and its export read them: ?year=&quarter=.
struct QuarterRanking {
  int year = 0, quarter = 0;
  RankedUnits units;
  std::vector<domain::QuarterScore> scores;  // best first
};

StatusOr<QuarterRanking> RankingOfQuarter(Context& ctx) {
  QuarterRanking out;
  ASSIGN_OR_RETURN(auto yq, ReadQuarter(ctx));
  out.year = yq.first;
  out.quarter = yq.second;
  ASSIGN_OR_RETURN(auto settings, ctx.svc.rankings.Settings());
  ASSIGN_OR_RETURN(out.units, LoadUnits(ctx, out.year));
  ASSIGN_OR_RETURN(auto inspection, ctx.svc.rankings.InspectionScores(out.year, out.quarter));
  // Months not reported yet score nothing: the month being reported now is the last counted.
  const ChinaTime now = ToChinaTime(NowUnix());
  const domain::Period reporting = domain::PreviousPeriod(domain::MonthOf(now.year, now.month));
  const int through = out.year < reporting.year ? 12 : out.year > reporting.year ? 0 : reporting.index;
  out.scores = domain::ScoreQuarter(out.units.units, out.quarter, inspection, settings.settings, through);
  return out;
}

}  // namespace

store::InTransaction EscalationRecorder(Context& ctx, const domain::Period& month) {
  auto settings = ctx.svc.rankings.Settings();
  auto units = LoadUnits(ctx, month.year);
  if (!settings.ok() || !units.ok()) {
    spdlog::warn("escalations of {} not recorded: {}", domain::FormatPeriod(month),
                 (!settings.ok() ? settings.status() : units.status()).message());
    return {};
  }
  std::vector<store::Escalation> records;
  for (const auto& r : domain::RankMonth(units->units, month.index, settings->settings)) {
    if (!r.escalation) continue;
    store::Escalation e;
    e.unit_id = r.unit_id;
    e.run_length = r.last_place_run;
    e.action = *r.escalation;
    e.rank = r.rank;
    e.value = r.value;
    records.push_back(e);
  }
  return ctx.svc.rankings.Recorder(domain::FormatPeriod(month),
                                   std::string(domain::RankingMetricName(settings->settings.metric)), std::move(records));
}

// ?period=YYYY-MM (default: the month being reported now).
StatusOr<http::Response> GetRankings(Context& ctx) {
  ASSIGN_OR_RETURN(MonthRanking ranking, RankingOfMonth(ctx));
  auto& units = ranking.units;
  auto& targets = ranking.targets;
  json::array items;
  for (const auto& r : ranking.ranked) {
    items.push_back(json::object{
        {"rank", r.rank},
        {"unit_id", r.unit_id},
        {"unit_name", units.names[r.unit_id]},
        {"target", targets[r.unit_id]},
        {"year_to_date", r.year_to_date},
        {"last_year_to_date", r.last_year_to_date},
        {"completion", Percent(r.completion)},
        {"growth", Percent(r.growth)},
        {"value", r.value},
        {"value_text", domain::HundredthsText(r.value)},
        {"previous_rank", r.previous_rank ? json::value(*r.previous_rank) : json::value(nullptr)},
        {"movement", r.previous_rank ? json::value(*r.previous_rank - r.rank) : json::value(nullptr)},
        {"last_place_run", r.last_place_run},
        {"escalation", r.escalation ? json::value(*r.escalation) : json::value(nullptr)},
        {"score", r.score}});
  }
  return JsonResponse(json::object{{"period", domain::FormatPeriod(ranking.month)},
                                   {"settings", SettingsJson(ranking.settings)},
                                   {"items", std::move(items)}});
}

// ?year=&quarter=: 30% of each monthly score and 10% of the inspection score, with awards.
StatusOr<http::Response> GetQuarterScores(Context& ctx) {
  ASSIGN_OR_RETURN(QuarterRanking ranking, RankingOfQuarter(ctx));
  auto& units = ranking.units;
  json::array items;
  for (const auto& q : ranking.scores) {
    json::array monthly;
    for (int64_t m : q.monthly) monthly.push_back(m);
    items.push_back(json::object{{"rank", q.rank},
                                 {"unit_id", q.unit_id},
                                 {"unit_name", units.names[q.unit_id]},
                                 {"monthly", std::move(monthly)},
                                 {"inspection", q.inspection ? json::value(*q.inspection) : json::value(nullptr)},
                                 {"total", q.total},
                                 {"months_counted", q.months_counted},
                                 {"award", q.award ? json::value(*q.award) : json::value(nullptr)}});
  }
  return JsonResponse(json::object{{"year", ranking.year}, {"quarter", ranking.quarter}, {"items", std::move(items)}});
}

// The month's ranking, same query, as .xlsx.
StatusOr<http::Response> ExportRankings(Context& ctx) {
  ASSIGN_OR_RETURN(MonthRanking ranking, RankingOfMonth(ctx));
  const domain::RankingSettings& s = ranking.settings.settings;
  std::string metric(domain::RankingMetricLabel(s.metric));
  if (s.metric == domain::RankingMetric::kComposite) {
    metric += fmt::format("(目标完成率{}%、投资增速{}%)", s.weight_completion, s.weight_growth);
  }
  report::RankingList list;
  list.title = fmt::format("{}{}年{}各单位重点项目投资排名", ctx.svc.config.district, ranking.month.year,
                           domain::MonthsLabel(ranking.month.index));
  list.subtitle = fmt::format("排名指标:{}    {}", metric, ExportedAt());
  list.value_header = std::string(domain::RankingMetricLabel(s.metric));
  for (const domain::RankedUnit& r : ranking.ranked) {
    report::RankingListRow row;
    row.rank = r.rank;
    row.unit = ranking.units.names[r.unit_id];
    row.target = ranking.targets[r.unit_id];
    row.year_to_date = r.year_to_date;
    row.last_year_to_date = r.last_year_to_date;
    row.completion = r.completion;
    row.growth = r.growth;
    row.value = r.value;
    if (r.previous_rank) row.movement = *r.previous_rank - r.rank;
    row.last_place_run = r.last_place_run;
    row.escalation = r.escalation.value_or("");
    row.score = r.score;
    list.rows.push_back(std::move(row));
  }
  ASSIGN_OR_RETURN(std::string xlsx, report::RankingListXlsx(list));
  return XlsxDownload(std::move(xlsx), fmt::format("各单位投资排名-{}.xlsx", domain::FormatPeriod(ranking.month)));
}

// The quarter's scores, same query, as .xlsx.
StatusOr<http::Response> ExportQuarterScores(Context& ctx) {
  ASSIGN_OR_RETURN(QuarterRanking ranking, RankingOfQuarter(ctx));
  static const char* kQuarters[] = {"一", "二", "三", "四"};
  report::QuarterScoreList list;
  list.title = fmt::format("{}{}年第{}季度各单位考核评分", ctx.svc.config.district, ranking.year,
                           kQuarters[ranking.quarter - 1]);
  list.subtitle = "季度得分 = 各月得分 × 30% + 督查评分 × 10%    " + ExportedAt();
  for (int i = 0; i < 3; ++i) list.months[i] = (ranking.quarter - 1) * 3 + i + 1;
  for (const domain::QuarterScore& q : ranking.scores) {
    report::QuarterScoreRow row;
    row.rank = q.rank;
    row.unit = ranking.units.names[q.unit_id];
    row.monthly = q.monthly;
    row.inspection = q.inspection;
    row.total = q.total;
    row.award = q.award.value_or("");
    list.rows.push_back(std::move(row));
  }
  ASSIGN_OR_RETURN(std::string xlsx, report::QuarterScoreListXlsx(list));
  return XlsxDownload(std::move(xlsx), fmt::format("各单位季度评分-{}年第{}季度.xlsx", ranking.year, ranking.quarter));
}

// {year, quarter, items: [{unit_id, score (0–100, two decimals; null removes)}]}
StatusOr<http::Response> PutInspectionScores(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const int64_t year = in.Int("year", 0, 2000, 2100);
  const int64_t quarter = in.Int("quarter", 0, 1, 4);
  RETURN_IF_ERROR(in.status());
  const json::value* items = in.Raw("items");
  if (!items || !items->is_array()) return Status::Invalid({{"items", "应为数组"}});
  ASSIGN_OR_RETURN(auto all_units, ctx.svc.units.List());
  std::set<int64_t> known;
  for (const auto& u : all_units) known.insert(u.id);
  std::vector<std::pair<int64_t, std::optional<int64_t>>> scores;
  std::map<std::string, std::string> errors;
  for (size_t i = 0; i < items->as_array().size(); ++i) {
    const json::value& item = items->as_array()[i];
    const std::string prefix = fmt::format("items.{}.", i);
    if (!item.is_object()) {
      errors[prefix + "unit_id"] = "应为对象";
      continue;
    }
    const json::object& o = item.as_object();
    const json::value* unit = o.if_contains("unit_id");
    if (!unit || !unit->is_int64() || !known.count(unit->as_int64())) {
      errors[prefix + "unit_id"] = "单位不存在";
      continue;
    }
    const json::value* score = o.if_contains("score");
    if (!score || score->is_null()) {
      scores.emplace_back(unit->as_int64(), std::nullopt);
      continue;
    }
    if (!score->is_number()) {
      errors[prefix + "score"] = "应为 0 到 100 的分数";
      continue;
    }
    const double v = score->to_number<double>() * 100.0;
    const double rounded = std::round(v);
    if (rounded < 0 || rounded > 10000 || std::fabs(v - rounded) > 1e-6) {
      errors[prefix + "score"] = "应为 0 到 100 的分数,最多两位小数";
      continue;
    }
    scores.emplace_back(unit->as_int64(), static_cast<int64_t>(rounded));
  }
  if (!errors.empty()) return Status::Invalid(errors);
  RETURN_IF_ERROR(ctx.svc.rankings.SetInspectionScores(static_cast<int>(year), static_cast<int>(quarter), scores,
                                                       ctx.me().user.id));
  return http::Response::NoContent();
}

StatusOr<http::Response> GetRankingSettings(Context& ctx) {
  ASSIGN_OR_RETURN(auto settings, ctx.svc.rankings.Settings());
  return JsonResponse(SettingsJson(settings));
}

StatusOr<http::Response> PutRankingSettings(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  domain::RankingSettings s;
  const std::string metric = in.RequiredString("metric", 20);
  if (auto m = domain::ParseRankingMetric(metric)) s.metric = *m;
  else if (!metric.empty()) in.Fail("metric", "应为 completion、growth 或 composite");
  s.weight_completion = static_cast<int>(in.Int("weight_completion", s.weight_completion, -1000, 1000));
  s.weight_growth = static_cast<int>(in.Int("weight_growth", s.weight_growth, -1000, 1000));
  s.top_award = in.RequiredString("top_award", 20);
  s.bottom_award = in.RequiredString("bottom_award", 20);
  s.top_n = static_cast<int>(in.Int("top_n", s.top_n, -1000, 1000));
  s.bottom_n = static_cast<int>(in.Int("bottom_n", s.bottom_n, -1000, 1000));
  const int64_t version = in.Int("version", -1, 0);
  if (!in.Has("version")) in.Fail("version", "必填(修改前读取到的版本号)");
  if (const json::value* ladder = in.Raw("ladder"); ladder && ladder->is_array()) {
    s.ladder.clear();
    for (const auto& step : ladder->as_array()) {
      s.ladder.push_back(step.is_string() ? std::string(TrimSpace(std::string(step.as_string()))) : std::string());
    }
  } else if (in.Has("ladder")) {
    in.Fail("ladder", "应为文本数组");
  }
  RETURN_IF_ERROR(in.status());
  if (auto errors = domain::CheckRankingSettings(s); !errors.empty()) return Status::Invalid(errors);
  ASSIGN_OR_RETURN(auto saved, ctx.svc.rankings.SaveSettings(s, version, ctx.me().user.id));
  return JsonResponse(SettingsJson(saved));
}

// ?year=: the escalations recorded when months were locked, newest first.
StatusOr<http::Response> ListEscalations(Context& ctx) {
  ASSIGN_OR_RETURN(auto year, QueryInt(ctx.req, "year"));
  ASSIGN_OR_RETURN(auto list, ctx.svc.rankings.Escalations(year ? std::optional<int>(static_cast<int>(*year)) : std::nullopt));
  json::array items;
  for (const auto& e : list) {
    items.push_back(json::object{{"period", e.period},
                                 {"unit_id", e.unit_id},
                                 {"unit_name", e.unit_name},
                                 {"run_length", e.run_length},
                                 {"action", e.action},
                                 {"rank", e.rank},
                                 {"value_text", domain::HundredthsText(e.value)},
                                 {"metric", e.metric},
                                 {"created_at", e.created_at}});
  }
  return JsonResponse(json::object{{"items", std::move(items)}, {"total", static_cast<int64_t>(list.size())}});
}

}  // namespace tuijin::api
