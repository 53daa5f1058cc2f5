// Project fields shared by the project API and the ledger import: reading and checking
// them, their JSON shape, and the history of an edit in words.
#include "api/project_fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "api/json.h"
#include "base/date.h"
#include "base/time.h"
#include "domain/divisions.h"
#include "domain/geo.h"
#include "domain/project_rules.h"

namespace tuijin::api {

using store::Project;
using store::ProjectFields;

namespace {

std::optional<std::string> IsoDateField(FieldReader& in, std::string_view name) {
  auto v = in.OptionalString(name, 10);
  if (v && !ParseIsoDate(*v)) {
    in.Fail(name, "日期格式应为 YYYY-MM-DD 或 YYYY-MM");
    return std::nullopt;
  }
  return v;
}

void CheckItem(FieldReader& in, const Lookups& lk, std::string_view field, const std::optional<int64_t>& id,
               std::string_view dict, const std::optional<int64_t>& previous) {
  if (!id) return;
  auto it = lk.items.find(*id);
  if (it == lk.items.end() || it->second.dict != dict) {
    in.Fail(field, "不是有效的字典项");
  } else if (!it->second.enabled && id != previous) {
    in.Fail(field, "“" + it->second.label + "”已停用");
  }
}

void CheckUnit(FieldReader& in, const Lookups& lk, std::string_view field, const std::optional<int64_t>& id) {
  if (id && !lk.units.count(*id)) in.Fail(field, "单位不存在");
}

}  // namespace

const std::string* Lookups::ItemLabel(const std::optional<int64_t>& id) const {
  if (!id) return nullptr;
  auto it = items.find(*id);
  return it == items.end() ? nullptr : &it->second.label;
}

const std::string* Lookups::UnitName(const std::optional<int64_t>& id) const {
  if (!id) return nullptr;
  auto it = units.find(*id);
  return it == units.end() ? nullptr : &it->second.name;
}

StatusOr<Lookups> LoadLookups(Context& ctx) {
  Lookups lk;
  ASSIGN_OR_RETURN(auto items, ctx.svc.dictionaries.List("", false));
  for (auto& d : items) lk.items.emplace(d.id, std::move(d));
  ASSIGN_OR_RETURN(auto units, ctx.svc.units.List());
  for (auto& u : units) lk.units.emplace(u.id, std::move(u));
  store::UserFilter leaders;
  leaders.role = "leader";
  leaders.page.page_size = 100000;
  ASSIGN_OR_RETURN(auto page, ctx.svc.users.List(leaders));
  for (const auto& u : page.items) lk.leaders.emplace(u.id, u.display_name);
  return lk;
}

std::vector<store::DictionaryItem> FundingSources(const Lookups& lk, bool with_disabled) {
  std::vector<store::DictionaryItem> sources;
  for (const auto& [id, item] : lk.items) {
    if (item.dict == "funding_source" && (with_disabled || item.enabled)) sources.push_back(item);
  }
  std::sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) {
    return std::make_pair(a.sort_order, a.id) < std::make_pair(b.sort_order, b.id);
  });
  return sources;
}

std::vector<std::string> Labels(const std::vector<store::DictionaryItem>& items) {
  std::vector<std::string> labels;
  for (const auto& item : items) labels.push_back(item.label);
  return labels;
}

std::optional<std::string> LocationText(const std::optional<double>& lng, const std::optional<double>& lat) {
  if (!lng || !lat) return std::nullopt;
  return fmt::format("{:.6f}, {:.6f}", *lng, *lat);
}

json::object ProjectJson(const Project& p) {
  json::array funding;
  for (const auto& [source, amount] : p.funding) funding.push_back(json::object{{"source_id", source}, {"amount", amount}});
  json::array co_units(p.co_unit_ids.begin(), p.co_unit_ids.end());
  json::array tags(p.tag_ids.begin(), p.tag_ids.end());
  return json::object{
      {"id", p.id},
      {"parent_id", OrNull(p.parent_id)},
      {"code", OrNull(p.code)},
      {"name", p.name},
      {"nature_id", OrNull(p.nature_id)},
      {"category_id", OrNull(p.category_id)},
      {"industry_id", OrNull(p.industry_id)},
      {"level", p.level},
      {"star", p.star},
      {"owner_unit_id", OrNull(p.owner_unit_id)},
      {"owner_unit_name", OrNull(p.owner_unit_name)},
      {"lead_unit_id", OrNull(p.lead_unit_id)},
      {"lead_unit_name", OrNull(p.lead_unit_name)},
      {"co_unit_ids", std::move(co_units)},
      {"leader_user_id", OrNull(p.leader_user_id)},
      {"leader_name", OrNull(p.leader_name)},
      {"contact_name", OrNull(p.contact_name)},
      {"contact_phone", OrNull(p.contact_phone)},
      {"address", OrNull(p.address)},
      {"lng", OrNull(p.lng)},
      {"lat", OrNull(p.lat)},
      {"content", OrNull(p.content)},
      {"total_investment", p.total_investment},
      {"funding", std::move(funding)},
      {"planned_start", OrNull(p.planned_start)},
      {"planned_completion", OrNull(p.planned_completion)},
      {"actual_start", OrNull(p.actual_start)},
      {"actual_completion", OrNull(p.actual_completion)},
      {"stage", p.stage},
      {"resume_stage", OrNull(p.resume_stage)},
      {"weekly_reporting", p.weekly_reporting},
      {"registered", p.registered},
      {"registered_date", OrNull(p.registered_date)},
      {"stats_code", OrNull(p.stats_code)},
      {"remarks", OrNull(p.remarks)},
      {"tag_ids", std::move(tags)},
      {"child_count", p.child_count},
      {"children_total", p.children_total},
      {"version", p.version},
      {"created_at", p.created_at},
      {"updated_at", p.updated_at},
  };
}

// Reads and checks the editable fields. `current` is the project being edited, if any.
StatusOr<ProjectFields> ReadFields(Context& ctx, const json::object& body, const Lookups& lk, const Project* current,
                                   const CodeOwner& code_owner) {
  FieldReader in(body);
  ProjectFields f;
  f.parent_id = in.OptionalInt("parent_id", 1);
  f.code = in.OptionalString("code", 24);
  f.name = in.RequiredString("name", 200);
  f.nature_id = in.OptionalInt("nature_id", 1);
  f.category_id = in.OptionalInt("category_id", 1);
  f.industry_id = in.OptionalInt("industry_id", 1);
  f.level = in.OptionalString("level", 20).value_or("district");
  f.star = in.Int("star", 0, 0, domain::kMaxStar);
  f.owner_unit_id = in.OptionalInt("owner_unit_id", 1);
  f.lead_unit_id = in.OptionalInt("lead_unit_id", 1);
  f.co_unit_ids = in.IdArray("co_unit_ids");
  f.leader_user_id = in.OptionalInt("leader_user_id", 1);
  f.leader_name = in.OptionalString("leader_name", 50);
  f.contact_name = in.OptionalString("contact_name", 50);
  f.contact_phone = in.OptionalString("contact_phone", 30);
  f.address = in.OptionalString("address", 200);
  f.lng = in.OptionalNumber("lng", 73.0, 136.0);
  f.lat = in.OptionalNumber("lat", 3.0, 54.0);
  f.content = in.OptionalString("content", 2000);
  f.total_investment = in.Int("total_investment", 0, 0, INT64_MAX / 4);
  f.planned_start = IsoDateField(in, "planned_start");
  f.planned_completion = IsoDateField(in, "planned_completion");
  f.registered = in.Bool("registered", false);
  f.registered_date = IsoDateField(in, "registered_date");
  f.stats_code = in.OptionalString("stats_code", 40);
  f.remarks = in.OptionalString("remarks", 1000);
  f.tag_ids = in.IdArray("tag_ids");

  if (f.code) {
    if (auto msg = domain::CheckProjectCode(*f.code, domain::IsDivision); !msg.empty()) {
      in.Fail("code", msg);
    } else {
      ASSIGN_OR_RETURN(auto owner, code_owner(*f.code));
      if (owner && (!current || *owner != current->id)) in.Fail("code", "项目代码已被其他项目使用");
    }
  }
  if (!domain::IsLevel(f.level)) in.Fail("level", "级别应为 province/city/district(省重点/市重点/区重点)");
  const auto prev = [&](auto member) { return current ? (current->*member) : std::optional<int64_t>(); };
  CheckItem(in, lk, "nature_id", f.nature_id, "nature", prev(&ProjectFields::nature_id));
  CheckItem(in, lk, "category_id", f.category_id, "category", prev(&ProjectFields::category_id));
  CheckItem(in, lk, "industry_id", f.industry_id, "industry", prev(&ProjectFields::industry_id));
  for (int64_t t : f.tag_ids) {
    const bool had = current && std::count(current->tag_ids.begin(), current->tag_ids.end(), t);
    CheckItem(in, lk, "tag_ids", t, "tag", had ? std::optional<int64_t>(t) : std::nullopt);
  }
  CheckUnit(in, lk, "owner_unit_id", f.owner_unit_id);
  CheckUnit(in, lk, "lead_unit_id", f.lead_unit_id);
  for (int64_t u : f.co_unit_ids) CheckUnit(in, lk, "co_unit_ids", u);
  if (f.lead_unit_id && std::count(f.co_unit_ids.begin(), f.co_unit_ids.end(), *f.lead_unit_id)) {
    in.Fail("co_unit_ids", "配合单位不能与责任单位相同");
  }
  if (f.leader_user_id) {
    auto leader = lk.leaders.find(*f.leader_user_id);
    if (leader == lk.leaders.end()) {
      in.Fail("leader_user_id", "分包领导应为区领导账号");
    } else if (!f.leader_name) {
      f.leader_name = leader->second;
    }
  }
  if ((f.lng.has_value()) != (f.lat.has_value())) in.Fail(f.lng ? "lat" : "lng", "经度和纬度应同时填写");
  // The coordinates as typed may be GCJ-02 (from a Chinese map app): stored as WGS-84.
  if (auto datum_name = in.OptionalString("datum", 20)) {
    const auto datum = domain::ParseDatum(*datum_name);
    if (!datum) {
      in.Fail("datum", "坐标系应为 wgs84(WGS-84/CGCS2000)或 gcj02(GCJ-02)");
    } else if (f.lng && f.lat) {
      const domain::LngLat wgs = domain::ToWgs84({*f.lng, *f.lat}, *datum);
      f.lng = std::round(wgs.lng * 1e7) / 1e7;
      f.lat = std::round(wgs.lat * 1e7) / 1e7;
    }
  }
  if (f.planned_start && f.planned_completion && *f.planned_completion < *f.planned_start) {
    in.Fail("planned_completion", "计划竣工不能早于计划开工");
  }
  if (!f.registered) {
    f.registered_date.reset();
    f.stats_code.reset();
  }

  // 资金来源: [{source_id, amount}], each source once, parts not above the total.
  if (const json::value* raw = in.Raw("funding")) {
    if (!raw->is_array()) {
      in.Fail("funding", "应为数组");
    } else {
      std::set<int64_t> seen;
      for (const json::value& v : raw->as_array()) {
        const json::object* o = v.if_object();
        const json::value* s = o ? o->if_contains("source_id") : nullptr;
        const json::value* a = o ? o->if_contains("amount") : nullptr;
        if (!s || !a || !s->is_int64() || !a->is_int64() || a->as_int64() < 0) {
          in.Fail("funding", "每项资金来源应有 source_id 和非负的 amount(分)");
          break;
        }
        auto item = lk.items.find(s->as_int64());
        if (item == lk.items.end() || item->second.dict != "funding_source") {
          in.Fail("funding", "资金来源不是有效的字典项");
          break;
        }
        if (!seen.insert(s->as_int64()).second) {
          in.Fail("funding", "资金来源“" + item->second.label + "”重复");
          break;
        }
        if (a->as_int64() > 0) f.funding.emplace_back(s->as_int64(), a->as_int64());
      }
    }
  }
  std::vector<Fen> parts;
  for (const auto& [s, a] : f.funding) parts.push_back(a);
  if (auto msg = domain::CheckFunding(f.total_investment, parts); !msg.empty()) in.Fail("funding", msg);

  if (f.parent_id) {
    auto parent = ctx.svc.projects.Get(*f.parent_id);
    if (!parent.ok()) {
      in.Fail("parent_id", "所属项目不存在");
    } else if (current) {
      ASSIGN_OR_RETURN(auto subtree, ctx.svc.projects.Subtree(current->id));
      if (std::count(subtree.begin(), subtree.end(), *f.parent_id)) in.Fail("parent_id", "不能挂到本项目或其子工程之下");
    }
  }
  RETURN_IF_ERROR(in.status());
  return f;
}

// The history of an edit, in words: one row per changed field.
std::vector<store::FieldChange> Diff(const Project& old, const ProjectFields& now, const Lookups& lk) {
  std::vector<store::FieldChange> out;
  auto text = [](const std::optional<std::string>& s) { return s; };
  // Names in words; an id no longer known is kept as its number.
  auto unit = [&](const std::optional<int64_t>& id) -> std::optional<std::string> {
    if (!id) return std::nullopt;
    const std::string* name = lk.UnitName(id);
    return name ? *name : std::to_string(*id);
  };
  auto item = [&](const std::optional<int64_t>& id) -> std::optional<std::string> {
    if (!id) return std::nullopt;
    const std::string* label = lk.ItemLabel(id);
    return label ? *label : std::to_string(*id);
  };
  auto items = [&](const std::vector<int64_t>& ids, bool units) -> std::optional<std::string> {
    if (ids.empty()) return std::nullopt;
    std::string s;
    for (int64_t id : ids) s += (s.empty() ? "" : "、") + *(units ? unit(id) : item(id));
    return s;
  };
  auto money = [](Fen f) -> std::optional<std::string> { return FormatAmount(f, MoneyUnit::kWanYuan) + " 万元"; };
  auto funding = [&](const std::vector<std::pair<int64_t, Fen>>& parts) -> std::optional<std::string> {
    if (parts.empty()) return std::nullopt;
    std::string s;
    for (const auto& [src, amount] : parts) s += (s.empty() ? "" : ";") + *item(src) + " " + *money(amount);
    return s;
  };
  auto level = [](const std::string& l) -> std::optional<std::string> { return std::string(domain::LevelLabel(l)); };
  auto yes_no = [](bool b) -> std::optional<std::string> { return b ? "已入库" : "未入库"; };
  auto add = [&](const char* field, std::optional<std::string> a, std::optional<std::string> b) {
    if (a != b) out.push_back({field, std::move(a), std::move(b)});
  };
  auto sorted_funding = [](std::vector<std::pair<int64_t, Fen>> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  add("code", text(old.code), text(now.code));
  add("name", old.name, now.name);
  add("parent_id", old.parent_id ? std::optional<std::string>(std::to_string(*old.parent_id)) : std::nullopt,
      now.parent_id ? std::optional<std::string>(std::to_string(*now.parent_id)) : std::nullopt);
  add("nature_id", item(old.nature_id), item(now.nature_id));
  add("category_id", item(old.category_id), item(now.category_id));
  add("industry_id", item(old.industry_id), item(now.industry_id));
  add("level", level(old.level), level(now.level));
  add("star", std::to_string(old.star), std::to_string(now.star));
  add("owner_unit_id", unit(old.owner_unit_id), unit(now.owner_unit_id));
  add("lead_unit_id", unit(old.lead_unit_id), unit(now.lead_unit_id));
  add("co_unit_ids", items(old.co_unit_ids, true), items(now.co_unit_ids, true));
  add("leader_name", text(old.leader_name), text(now.leader_name));
  add("contact_name", text(old.contact_name), text(now.contact_name));
  add("contact_phone", text(old.contact_phone), text(now.contact_phone));
  add("address", text(old.address), text(now.address));
  add("location", LocationText(old.lng, old.lat), LocationText(now.lng, now.lat));
  add("content", text(old.content), text(now.content));
  add("total_investment", money(old.total_investment), money(now.total_investment));
  add("funding", funding(sorted_funding(old.funding)), funding(sorted_funding(now.funding)));
  add("planned_start", text(old.planned_start), text(now.planned_start));
  add("planned_completion", text(old.planned_completion), text(now.planned_completion));
  add("registered", yes_no(old.registered), yes_no(now.registered));
  add("registered_date", text(old.registered_date), text(now.registered_date));
  add("stats_code", text(old.stats_code), text(now.stats_code));
  add("remarks", text(old.remarks), text(now.remarks));
  add("tag_ids", items(old.tag_ids, false), items(now.tag_ids, false));
  return out;
}

// The opening stage events of a new project from its stage and dates (stage, actual_start,
// actual_completion, stage_date in the body).
StatusOr<std::vector<store::ProjectStore::StageStep>> OpeningSteps(const json::object& body) {
  FieldReader in(body);
  const std::string stage_name = in.OptionalString("stage", 20).value_or("reserve");
  const auto actual_start = IsoDateField(in, "actual_start");
  const auto actual_completion = IsoDateField(in, "actual_completion");
  // When a not-yet-started project entered its stage (default today).
  const auto stage_date = IsoDateField(in, "stage_date");
  auto stage = domain::ParseStage(stage_name);
  std::vector<store::ProjectStore::StageStep> steps;
  if (!stage) {
    in.Fail("stage", "未知阶段 " + stage_name);
  } else {
    const auto opening = domain::PlanOpeningEvents(*stage, actual_start, actual_completion, stage_date, Today());
    for (const auto& [field, message] : opening.errors) in.Fail(field, message);
    for (const auto& e : opening.events) steps.push_back({e.to, e.date});
  }
  RETURN_IF_ERROR(in.status());
  return steps;
}

}  // namespace tuijin::api
