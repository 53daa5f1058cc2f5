// Unit rankings (排名通报): each month the units with a target (任务分解; without targets, the
// 责任单位 with plans) ranked on the bureau's metric, with movement and the escalation ladder
// (domain/ranking); the quarter's scores with inspection scores and awards; the settings
// (admin); and the escalation records written when a month is locked.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <set>

#include "api/handlers.h"
#include "api/json.h"
#include "api/month_status.h"
#include "base/text.h"
#include "base/time.h"

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
  ASSIGN_OR_RETURN(domain::Period month, StatusMonth(ctx));
  ASSIGN_OR_RETURN(auto settings, ctx.svc.rankings.Settings());
  ASSIGN_OR_RETURN(RankedUnits units, LoadUnits(ctx, month.year));
  std::map<int64_t, Fen> targets;
  for (const auto& u : units.units) targets[u.unit_id] = u.target;
  json::array items;
  for (const auto& r : domain::RankMonth(units.units, month.index, settings.settings)) {
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
  return JsonResponse(json::object{{"period", domain::FormatPeriod(month)},
                                   {"settings", SettingsJson(settings)},
                                   {"items", std::move(items)}});
}

// ?year=&quarter=: 30% of each monthly score and 10% of the inspection score, with awards.
StatusOr<http::Response> GetQuarterScores(Context& ctx) {
  ASSIGN_OR_RETURN(auto yq, ReadQuarter(ctx));
  ASSIGN_OR_RETURN(auto settings, ctx.svc.rankings.Settings());
  ASSIGN_OR_RETURN(RankedUnits units, LoadUnits(ctx, yq.first));
  ASSIGN_OR_RETURN(auto inspection, ctx.svc.rankings.InspectionScores(yq.first, yq.second));
  json::array items;
  // Months not reported yet score nothing: the month being reported now is the last counted.
  const ChinaTime now = ToChinaTime(NowUnix());
  const domain::Period reporting = domain::PreviousPeriod(domain::MonthOf(now.year, now.month));
  const int through = yq.first < reporting.year ? 12 : yq.first > reporting.year ? 0 : reporting.index;
  for (const auto& q : domain::ScoreQuarter(units.units, yq.second, inspection, settings.settings, through)) {
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
  return JsonResponse(json::object{{"year", yq.first}, {"quarter", yq.second}, {"items", std::move(items)}});
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
