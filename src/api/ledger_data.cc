#include "api/ledger_data.h"

#include <fmt/format.h>

#include <map>
#include <memory>
#include <mutex>

#include "api/handlers.h"
#include "api/json.h"
#include "api/month_status.h"
#include "base/date.h"
#include "base/time.h"
#include "domain/project_rules.h"
#include "domain/status_rules.h"

namespace tuijin::api {
namespace {

// The 地区 of every unit: its topmost ancestor (a 街道, 开发区 or department sits at the top
// of the tree), and the areas in tree order.
struct Areas {
  std::map<int64_t, std::string> of_unit;
  std::map<int64_t, std::string> names;
  std::vector<std::string> ordered;
};

StatusOr<Areas> ReadAreas(Context& ctx) {
  ASSIGN_OR_RETURN(auto units, ctx.svc.units.List());
  std::map<int64_t, const store::Unit*> by_id;
  for (const auto& u : units) by_id[u.id] = &u;
  Areas a;
  for (const auto& u : units) {
    a.names[u.id] = u.name;
    const store::Unit* top = &u;
    for (int guard = 0; top->parent_id && guard < 64; ++guard) {
      auto it = by_id.find(*top->parent_id);
      if (it == by_id.end()) break;
      top = it->second;
    }
    a.of_unit[u.id] = top->name;
    if (!u.parent_id) a.ordered.push_back(u.name);
  }
  return a;
}

// Days from `from` to `to` ("YYYY-MM-DD"); 0 when either is not a day.
int64_t DaysBetween(const std::string& from, const std::string& to) {
  const auto a = ParseIsoDate(from), b = ParseIsoDate(to);
  if (!a || !b) return 0;
  return DaysFromCivil(b->year, b->month, b->day) - DaysFromCivil(a->year, a->month, a->day);
}

std::string Str(const json::object& o, std::string_view k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}
int64_t Int(const json::object& o, std::string_view k) {
  auto it = o.find(k);
  if (it == o.end()) return 0;
  if (it->value().is_int64()) return it->value().as_int64();
  if (it->value().is_uint64()) return static_cast<int64_t>(it->value().as_uint64());
  return 0;
}
bool Bool(const json::object& o, std::string_view k) {
  auto it = o.find(k);
  return it != o.end() && it->value().is_bool() && it->value().as_bool();
}

// A locked month's snapshot as parsed: it never changes once stored, so each server parses
// it once (a district's is a few MB of JSON). A handful of months are kept.
class SnapshotCache {
 public:
  std::shared_ptr<const domain::PeriodSnapshot> Get(const Services* svc, const std::string& period) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& e : entries_) {
      if (e.svc == svc && e.period == period) return e.snapshot;
    }
    return nullptr;
  }
  void Put(const Services* svc, const std::string& period, std::shared_ptr<const domain::PeriodSnapshot> s) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.size() >= kEntries) entries_.erase(entries_.begin());
    entries_.push_back({svc, period, std::move(s)});
  }

 private:
  static constexpr size_t kEntries = 6;
  struct Entry {
    const Services* svc;
    std::string period;
    std::shared_ptr<const domain::PeriodSnapshot> snapshot;
  };
  std::mutex mutex_;
  std::vector<Entry> entries_;
};

SnapshotCache& Cache() {
  static SnapshotCache cache;
  return cache;
}

}  // namespace

StatusOr<domain::PeriodSnapshot> LiveSnapshot(Context& ctx, const domain::Period& period) {
  const bool weekly = period.kind == domain::Period::Kind::kWeek;
  const domain::Period month = domain::MonthCountedIn(period);
  domain::PeriodSnapshot s;
  s.period = domain::FormatPeriod(period);
  s.year = month.year;
  s.month = month.index;
  s.week = weekly ? period.index : 0;
  s.district = ctx.svc.config.district;
  s.taken_at = FormatTimestamp(NowUnix());
  ASSIGN_OR_RETURN(Areas areas, ReadAreas(ctx));
  s.areas = areas.ordered;

  ASSIGN_OR_RETURN(MonthStatuses statuses, StatusesAt(ctx, month, std::nullopt));
  s.schedule = statuses.schedule;

  // What the status rows do not carry: 建设单位, 建设内容, 分包领导, 入库.
  struct Extra {
    std::string owner, content, leader;
    bool registered = false;
  };
  std::map<int64_t, Extra> extra;
  store::ProjectFilter all;
  RETURN_IF_ERROR(ctx.svc.projects.ForEach(
      all, {}, [](const std::vector<int64_t>&) { return Status::Ok(); },
      [&](size_t, store::Project& p) {
        Extra& e = extra[p.id];
        if (p.owner_unit_id) e.owner = areas.names[*p.owner_unit_id];
        e.content = p.content.value_or("");
        e.leader = p.leader_name.value_or("");
        e.registered = p.registered;
        return Status::Ok();
      }));

  // The period's reports, opening balances and accepted amounts.
  store::ReportGridFilter f;
  f.period = s.period;
  f.year = month.year;
  f.weekly = weekly;
  f.page = {1, 1'000'000};
  ASSIGN_OR_RETURN(auto grid, ctx.svc.reports.Grid(f));
  std::map<int64_t, const store::ReportGridRow*> report_of;
  std::vector<int64_t> ids;
  for (const auto& r : grid.items) {
    report_of[r.project_id] = &r;
    ids.push_back(r.project_id);
  }
  ASSIGN_OR_RETURN(auto accepted, ctx.svc.reports.Accepted(ids));
  std::map<int64_t, std::vector<domain::PeriodAmount>> amounts;
  for (const auto& a : accepted) {
    if (auto p = domain::ParsePeriod(a.period)) amounts[a.project_id].push_back({*p, a.amount});
  }

  const CivilDate last_day = domain::PeriodDays(period).second;
  const domain::AsOf at{last_day.year, last_day.month, last_day.day};
  s.projects.reserve(statuses.rows.size());
  for (const ProjectMonthStatus& row : statuses.rows) {
    const store::StatusProject& p = *row.project;
    if (weekly && !report_of.contains(p.id)) continue;  // a week's ledger: the projects reported weekly
    domain::LedgerProject l;
    l.id = p.id;
    l.code = p.code.value_or("");
    l.name = p.name;
    l.level = p.year.base.level;
    l.stage = p.year.base.stage;
    l.star = p.star;
    l.lead_unit_id = p.lead_unit_id;
    l.lead_unit = p.lead_unit_name.value_or("");
    l.area = p.lead_unit_id ? areas.of_unit[*p.lead_unit_id] : "其他";
    if (auto it = extra.find(p.id); it != extra.end()) {
      l.owner = it->second.owner;
      l.content = it->second.content;
      l.leader = it->second.leader;
      l.registered = it->second.registered;
    }
    l.total = p.year.base.total_investment;
    l.annual_plan = row.annual_plan;
    l.year_to_date = row.year_to_date;
    domain::ProjectFacts facts = p.year.base;
    l.started = domain::StartedBy(facts, at);
    l.completed = domain::CompletedBy(facts, at);
    if (auto it = report_of.find(p.id); it != report_of.end()) {
      const store::ReportGridRow& g = *it->second;
      std::optional<domain::OpeningBalance> ob;
      if (g.opening) {
        if (auto through = domain::ParsePeriod(g.opening->through)) ob = domain::OpeningBalance{*through, g.opening->amount};
      }
      const domain::DerivedFigures d = domain::Derive(amounts[p.id], ob, period, l.annual_plan, l.total);
      l.period_amount = d.period_amount;
      l.since_start = d.since_start;
      // A week's running total is the week's own (its month's status may count later weeks).
      if (weekly) l.year_to_date = d.year_to_date;
      if (g.report) {
        l.progress = g.report->fields.progress_text.value_or("");
        l.problems = g.report->fields.problems.value_or("");
        l.reported = g.report->state == "submitted" || g.report->state == "accepted";
      }
    }
    l.colour = std::string(domain::ColourName(row.status.colour));
    for (const domain::RuleResult& r : row.status.reasons) {
      if (r.colour == domain::Colour::kGreen) continue;
      l.reasons += (l.reasons.empty() ? "" : ";") + r.reason;
    }
    s.projects.push_back(std::move(l));
  }

  // Supervision items open past their deadline at the period's end (or today, for the period
  // under way).
  const CivilDate after = CivilFromDays(DaysFromCivil(last_day.year, last_day.month, last_day.day) + 1);
  std::string cutoff = fmt::format("{:04}-{:02}-{:02}", after.year, after.month, after.day);
  const std::string today = Today();
  if (today < cutoff) cutoff = today;
  store::ItemFilter items;
  items.overdue_on = cutoff;
  ASSIGN_OR_RETURN(auto overdue, ctx.svc.supervision.List(items, {1, 500}));
  for (const auto& i : overdue.items) {
    s.overdue.push_back({i.number.value_or(""), i.title, i.lead_unit.name, i.deadline, DaysBetween(i.deadline, cutoff)});
  }
  return s;
}

Status TakeSnapshot(Context& ctx, const domain::Period& period) {
  ASSIGN_OR_RETURN(auto existing, ctx.svc.briefings.Snapshot(domain::FormatPeriod(period)));
  if (existing) return Status::Ok();
  ASSIGN_OR_RETURN(domain::PeriodSnapshot s, LiveSnapshot(ctx, period));
  s.locked = true;
  const std::optional<int64_t> user = ctx.principal ? std::optional<int64_t>(ctx.me().user.id) : std::nullopt;
  return ctx.svc.briefings.PutSnapshot(s.period, json::serialize(SnapshotJson(s)), user).status();
}

StatusOr<std::shared_ptr<const domain::PeriodSnapshot>> SnapshotOf(Context& ctx, const domain::Period& at) {
  const std::string period = domain::FormatPeriod(at);
  ASSIGN_OR_RETURN(auto state, ctx.svc.reports.Period(period));
  if (!state.locked) {
    ASSIGN_OR_RETURN(domain::PeriodSnapshot live, LiveSnapshot(ctx, at));
    return std::make_shared<const domain::PeriodSnapshot>(std::move(live));
  }
  if (auto cached = Cache().Get(&ctx.svc, period)) return cached;
  ASSIGN_OR_RETURN(auto stored, ctx.svc.briefings.Snapshot(period));
  if (!stored) {
    RETURN_IF_ERROR(TakeSnapshot(ctx, at));
    ASSIGN_OR_RETURN(stored, ctx.svc.briefings.Snapshot(period));
    if (!stored) return Status::Internal("snapshot of " + period + " not stored");
  }
  ASSIGN_OR_RETURN(domain::PeriodSnapshot s, SnapshotFromJson(stored->content));
  s.locked = true;
  s.taken_at = stored->taken_at;
  auto shared = std::make_shared<const domain::PeriodSnapshot>(std::move(s));
  Cache().Put(&ctx.svc, period, shared);
  return shared;
}

json::object SnapshotJson(const domain::PeriodSnapshot& s) {
  json::array projects;
  projects.reserve(s.projects.size());
  for (const auto& p : s.projects) {
    projects.push_back(json::object{
        {"id", p.id}, {"code", p.code}, {"name", p.name}, {"level", p.level}, {"stage", p.stage}, {"star", p.star},
        {"owner", p.owner}, {"content", p.content}, {"leader", p.leader}, {"progress", p.progress},
        {"problems", p.problems}, {"lead_unit_id", OrNull(p.lead_unit_id)}, {"lead_unit", p.lead_unit},
        {"area", p.area}, {"total", p.total}, {"annual_plan", p.annual_plan}, {"period_amount", p.period_amount},
        {"year_to_date", p.year_to_date}, {"since_start", p.since_start}, {"started", p.started},
        {"completed", p.completed}, {"registered", p.registered}, {"reported", p.reported}, {"colour", p.colour},
        {"reasons", p.reasons}});
  }
  json::array overdue;
  for (const auto& o : s.overdue) {
    overdue.push_back(json::object{{"number", o.number},
                                   {"title", o.title},
                                   {"lead_unit", o.lead_unit},
                                   {"deadline", o.deadline},
                                   {"days_overdue", o.days_overdue}});
  }
  json::array areas;
  for (const auto& a : s.areas) areas.push_back(json::string(a));
  return json::object{{"period", s.period},
                      {"year", s.year},
                      {"month", s.month},
                      {"week", s.week},
                      {"schedule", json::object{{"num", s.schedule.num}, {"den", s.schedule.den}}},
                      {"district", s.district},
                      {"areas", std::move(areas)},
                      {"projects", std::move(projects)},
                      {"overdue", std::move(overdue)}};
}

StatusOr<domain::PeriodSnapshot> SnapshotFromJson(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Status::Internal("stored snapshot is not JSON: " + ec.message());
  const json::object& o = v.as_object();
  domain::PeriodSnapshot s;
  s.period = Str(o, "period");
  s.year = static_cast<int>(Int(o, "year"));
  s.month = static_cast<int>(Int(o, "month"));
  s.week = static_cast<int>(Int(o, "week"));
  s.district = Str(o, "district");
  if (auto it = o.find("schedule"); it != o.end() && it->value().is_object()) {
    s.schedule = {Int(it->value().as_object(), "num"), Int(it->value().as_object(), "den")};
  }
  if (auto it = o.find("areas"); it != o.end() && it->value().is_array()) {
    for (const auto& a : it->value().as_array()) {
      if (a.is_string()) s.areas.emplace_back(a.as_string());
    }
  }
  if (auto it = o.find("projects"); it != o.end() && it->value().is_array()) {
    for (const auto& pv : it->value().as_array()) {
      if (!pv.is_object()) continue;
      const json::object& p = pv.as_object();
      domain::LedgerProject l;
      l.id = Int(p, "id");
      l.code = Str(p, "code");
      l.name = Str(p, "name");
      l.level = Str(p, "level");
      l.stage = Str(p, "stage");
      l.star = static_cast<int>(Int(p, "star"));
      l.owner = Str(p, "owner");
      l.content = Str(p, "content");
      l.leader = Str(p, "leader");
      l.progress = Str(p, "progress");
      l.problems = Str(p, "problems");
      if (auto u = p.find("lead_unit_id"); u != p.end() && u->value().is_int64()) l.lead_unit_id = u->value().as_int64();
      l.lead_unit = Str(p, "lead_unit");
      l.area = Str(p, "area");
      l.total = Int(p, "total");
      l.annual_plan = Int(p, "annual_plan");
      l.period_amount = Int(p, "period_amount");
      l.year_to_date = Int(p, "year_to_date");
      l.since_start = Int(p, "since_start");
      l.started = Bool(p, "started");
      l.completed = Bool(p, "completed");
      l.registered = Bool(p, "registered");
      l.reported = Bool(p, "reported");
      l.colour = Str(p, "colour");
      l.reasons = Str(p, "reasons");
      s.projects.push_back(std::move(l));
    }
  }
  if (auto it = o.find("overdue"); it != o.end() && it->value().is_array()) {
    for (const auto& iv : it->value().as_array()) {
      if (!iv.is_object()) continue;
      const json::object& i = iv.as_object();
      s.overdue.push_back(
          {Str(i, "number"), Str(i, "title"), Str(i, "lead_unit"), Str(i, "deadline"), Int(i, "days_overdue")});
    }
  }
  return s;
}

json::object DocumentJson(const report::BriefingDocument& d) {
  using Kind = report::BriefingBlock::Kind;
  json::array blocks;
  for (const auto& b : d.blocks) {
    switch (b.kind) {
      case Kind::kHeading:
        blocks.push_back(json::object{{"kind", "heading"}, {"level", b.level}, {"text", b.text}});
        break;
      case Kind::kParagraph:
        blocks.push_back(json::object{{"kind", "paragraph"}, {"text", b.text}});
        break;
      case Kind::kTable: {
        json::array header, rows, numeric;
        for (const auto& h : b.table.header) header.push_back(json::string(h));
        for (const auto& r : b.table.rows) {
          json::array cells;
          for (const auto& c : r) cells.push_back(json::string(c));
          rows.push_back(std::move(cells));
        }
        for (bool n : b.table.numeric) numeric.push_back(n);
        json::array widths;
        for (double w : b.table.widths) widths.push_back(w);
        blocks.push_back(json::object{{"kind", "table"},
                                      {"table", json::object{{"caption", b.table.caption},
                                                             {"header", std::move(header)},
                                                             {"rows", std::move(rows)},
                                                             {"numeric", std::move(numeric)},
                                                             {"widths", std::move(widths)},
                                                             {"last_row_total", b.table.last_row_total}}}});
        break;
      }
      case Kind::kChart: {
        json::array categories, series;
        for (const auto& c : b.chart.categories) categories.push_back(json::string(c));
        for (const auto& s : b.chart.series) {
          json::array values;
          for (double v : s.values) values.push_back(v);
          series.push_back(json::object{{"name", s.name}, {"values", std::move(values)}});
        }
        blocks.push_back(json::object{{"kind", "chart"},
                                      {"chart", json::object{{"title", b.chart.title},
                                                             {"unit", b.chart.unit},
                                                             {"categories", std::move(categories)},
                                                             {"series", std::move(series)}}}});
        break;
      }
    }
  }
  json::array distribution;
  for (const auto& l : d.distribution) distribution.push_back(json::string(l));
  return json::object{{"series", d.series},         {"issue", d.issue}, {"office", d.office},
                      {"date", d.date},             {"doc_number", d.doc_number},
                      {"title", d.title},           {"blocks", std::move(blocks)},
                      {"distribution", std::move(distribution)}};
}

StatusOr<report::BriefingDocument> DocumentFromJson(const json::value& v) {
  using Kind = report::BriefingBlock::Kind;
  if (!v.is_object()) return Status::Invalid({{"document", "应为对象"}});
  const json::object& o = v.as_object();
  report::BriefingDocument d;
  d.series = Str(o, "series");
  d.issue = Str(o, "issue");
  d.office = Str(o, "office");
  d.date = Str(o, "date");
  d.doc_number = Str(o, "doc_number");
  d.title = Str(o, "title");
  auto strings = [](const json::value* a, std::vector<std::string>& out) {
    if (!a || !a->is_array()) return;
    for (const auto& x : a->as_array()) out.emplace_back(x.is_string() ? std::string(x.as_string()) : json::serialize(x));
  };
  if (auto it = o.find("distribution"); it != o.end()) strings(&it->value(), d.distribution);
  auto it = o.find("blocks");
  if (it == o.end() || !it->value().is_array()) return Status::Invalid({{"document.blocks", "应为数组"}});
  const auto& blocks = it->value().as_array();
  if (blocks.size() > 2000) return Status::Invalid({{"document.blocks", "内容过多(最多 2000 段)"}});
  for (size_t i = 0; i < blocks.size(); ++i) {
    const std::string at = fmt::format("document.blocks[{}]", i);
    if (!blocks[i].is_object()) return Status::Invalid({{at, "应为对象"}});
    const json::object& b = blocks[i].as_object();
    const std::string kind = Str(b, "kind");
    report::BriefingBlock out;
    if (kind == "heading" || kind == "paragraph") {
      out.kind = kind == "heading" ? Kind::kHeading : Kind::kParagraph;
      out.level = Int(b, "level") == 2 ? 2 : 1;
      out.text = Str(b, "text");
      if (out.text.size() > 20000) return Status::Invalid({{at + ".text", "一段不能超过 20000 字节"}});
    } else if (kind == "table") {
      out.kind = Kind::kTable;
      auto t = b.find("table");
      if (t == b.end() || !t->value().is_object()) return Status::Invalid({{at + ".table", "应为对象"}});
      const json::object& to = t->value().as_object();
      out.table.caption = Str(to, "caption");
      out.table.last_row_total = Bool(to, "last_row_total");
      if (auto h = to.find("header"); h != to.end()) strings(&h->value(), out.table.header);
      if (auto r = to.find("rows"); r != to.end() && r->value().is_array()) {
        for (const auto& row : r->value().as_array()) {
          std::vector<std::string> cells;
          strings(&row, cells);
          cells.resize(out.table.header.size());
          out.table.rows.push_back(std::move(cells));
        }
      }
      if (auto n = to.find("numeric"); n != to.end() && n->value().is_array()) {
        for (const auto& x : n->value().as_array()) out.table.numeric.push_back(x.is_bool() && x.as_bool());
      }
      if (auto w = to.find("widths"); w != to.end() && w->value().is_array()) {
        for (const auto& x : w->value().as_array()) out.table.widths.push_back(x.is_number() ? x.to_number<double>() : 1);
      }
    } else if (kind == "chart") {
      out.kind = Kind::kChart;
      auto c = b.find("chart");
      if (c == b.end() || !c->value().is_object()) return Status::Invalid({{at + ".chart", "应为对象"}});
      const json::object& co = c->value().as_object();
      out.chart.title = Str(co, "title");
      out.chart.unit = Str(co, "unit");
      if (auto cat = co.find("categories"); cat != co.end()) strings(&cat->value(), out.chart.categories);
      if (auto s = co.find("series"); s != co.end() && s->value().is_array()) {
        for (const auto& sv : s->value().as_array()) {
          if (!sv.is_object()) continue;
          report::ChartSeries series;
          series.name = Str(sv.as_object(), "name");
          if (auto vals = sv.as_object().find("values"); vals != sv.as_object().end() && vals->value().is_array()) {
            for (const auto& x : vals->value().as_array()) series.values.push_back(x.is_number() ? x.to_number<double>() : 0);
          }
          series.values.resize(out.chart.categories.size());
          out.chart.series.push_back(std::move(series));
        }
      }
    } else {
      return Status::Invalid({{at + ".kind", "应为 heading、paragraph、table 或 chart"}});
    }
    d.blocks.push_back(std::move(out));
  }
  return d;
}

}  // namespace tuijin::api
