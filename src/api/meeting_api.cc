// Meetings (推进会, 周例会, 联席会议, 现场办公): list, record with decisions (议定事项), edit; each
// decision lists the supervision items raised from it.

#include <set>

#include "api/handlers.h"
#include "api/json.h"
#include "base/text.h"
#include "base/time.h"
#include "domain/supervision.h"
#include "domain/work_calendar.h"

namespace tuijin::api {
namespace {

json::object MeetingJson(const store::Meeting& m, bool full,
                         const std::map<int64_t, std::vector<store::ItemLink>>& items) {
  json::object out{{"id", m.id},
                   {"title", m.title},
                   {"kind", m.kind},
                   {"held_on", m.held_on},
                   {"location", OrNull(m.location)},
                   {"host", OrNull(m.host)},
                   {"decision_count", m.decision_count},
                   {"item_count", m.item_count},
                   {"created_at", m.created_at},
                   {"created_by_name", OrNull(m.created_by_name)}};
  if (!full) return out;
  out["attendees"] = OrNull(m.attendees);
  out["minutes"] = OrNull(m.minutes);
  out["version"] = m.version;
  json::array decisions;
  for (const auto& d : m.decisions) {
    json::array linked;
    if (auto it = items.find(d.id); it != items.end()) {
      for (const auto& l : it->second) {
        linked.push_back(json::object{
            {"id", l.id},
            {"number", OrNull(l.number)},
            {"title", l.title},
            {"status", l.status},
            {"status_label", std::string(domain::StatusLabel(*domain::ParseStatus(l.status)))}});
      }
    }
    json::value unit = nullptr;
    if (d.lead_unit_id) unit = json::object{{"id", *d.lead_unit_id}, {"name", d.lead_unit_name.value_or("")}};
    decisions.push_back(json::object{{"id", d.id},
                                     {"seq", d.seq},
                                     {"content", d.content},
                                     {"lead_unit", unit},
                                     {"deadline", OrNull(d.deadline)},
                                     {"items", std::move(linked)}});
  }
  out["decisions"] = std::move(decisions);
  return out;
}

StatusOr<http::Response> FullMeeting(Context& ctx, const store::Meeting& m, int status = 200) {
  std::vector<int64_t> ids;
  for (const auto& d : m.decisions) ids.push_back(d.id);
  ASSIGN_OR_RETURN(auto items, ctx.svc.supervision.ForDecisions(ids));
  return JsonResponse(MeetingJson(m, true, items), status);
}

StatusOr<store::Meeting> ReadMeeting(Context& ctx, const json::object& body, std::optional<int64_t>* version) {
  FieldReader in(body);
  store::Meeting m;
  m.title = in.RequiredString("title", 200);
  m.kind = in.RequiredString("kind", 40);
  m.held_on = in.RequiredString("held_on", 10);
  m.location = in.OptionalString("location", 200);
  m.host = in.OptionalString("host", 100);
  m.attendees = in.OptionalString("attendees", 2000);
  m.minutes = in.OptionalString("minutes", 20000);
  if (version) *version = in.OptionalInt("version", 1);
  if (!m.held_on.empty() && !domain::ParseDay(m.held_on)) in.Fail("held_on", "会议日期应为 YYYY-MM-DD");
  ASSIGN_OR_RETURN(auto kinds, ctx.svc.dictionaries.List("meeting_type", false));
  bool known = false;
  for (const auto& k : kinds) known = known || (k.enabled && k.label == m.kind);
  if (!m.kind.empty() && !known) in.Fail("kind", "会议类型应为字典中的一项:" + m.kind);
  if (const json::value* raw = in.Raw("decisions"); raw && !raw->is_null()) {
    if (!raw->is_array()) {
      in.Fail("decisions", "应为数组");
    } else if (raw->as_array().size() > 200) {
      in.Fail("decisions", "议定事项最多 200 条");
    } else {
      size_t i = 0;
      for (const json::value& v : raw->as_array()) {
        const std::string key = "decisions[" + std::to_string(i++) + "]";
        if (!v.is_object()) {
          in.Fail(key, "应为对象");
          continue;
        }
        FieldReader d(v.as_object());
        store::Decision dec;
        dec.id = d.OptionalInt("id", 1).value_or(0);
        dec.content = d.RequiredString("content", 1000);
        dec.lead_unit_id = d.OptionalInt("lead_unit_id", 1);
        dec.deadline = d.OptionalString("deadline", 10);
        if (dec.deadline && !domain::ParseDay(*dec.deadline)) d.Fail("deadline", "应为 YYYY-MM-DD");
        if (dec.lead_unit_id) {
          auto u = ctx.svc.units.Get(*dec.lead_unit_id);
          if (!u.ok() || !u->enabled) d.Fail("lead_unit_id", "单位不存在或已停用");
        }
        if (!d.ok()) {
          // Name the row and the field: decisions[2].content.
          const Status st = d.status();
          for (const auto& [field, message] : st.fields()) in.Fail(key + "." + field, message);
        }
        m.decisions.push_back(dec);
      }
    }
  }
  RETURN_IF_ERROR(in.status());
  return m;
}

}  // namespace

StatusOr<http::Response> ListMeetings(Context& ctx) {
  ASSIGN_OR_RETURN(store::PageRequest page, ReadPage(ctx.req, 20));
  store::MeetingFilter f;
  if (auto k = ctx.req.Query("kind"); k && !k->empty()) f.kind = std::string(*k);
  for (const char* name : {"from", "to"}) {
    if (auto v = ctx.req.Query(name); v && !v->empty()) {
      if (!domain::ParseDay(*v)) return Status::Invalid({{name, "应为 YYYY-MM-DD"}});
      (std::string_view(name) == "from" ? f.from : f.to) = std::string(*v);
    }
  }
  f.q = std::string(TrimSpace(ctx.req.Query("q").value_or("")));
  ASSIGN_OR_RETURN(auto result, ctx.svc.meetings.List(f, page));
  json::array items;
  for (const auto& m : result.items) items.push_back(MeetingJson(m, false, {}));
  return ListResponse(std::move(items), result.total);
}

StatusOr<http::Response> GetMeeting(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto m, ctx.svc.meetings.Get(id));
  return FullMeeting(ctx, m);
}

StatusOr<http::Response> CreateMeeting(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  ASSIGN_OR_RETURN(store::Meeting m, ReadMeeting(ctx, body, nullptr));
  for (const auto& d : m.decisions) {
    if (d.id) return Status::Invalid({{"decisions", "新会议的议定事项不应带 id"}});
  }
  ASSIGN_OR_RETURN(auto created, ctx.svc.meetings.Create(m, ctx.me().user.id));
  return FullMeeting(ctx, created, 201);
}

StatusOr<http::Response> UpdateMeeting(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  std::optional<int64_t> version;
  ASSIGN_OR_RETURN(store::Meeting m, ReadMeeting(ctx, body, &version));
  ASSIGN_OR_RETURN(auto updated, ctx.svc.meetings.Update(id, m, version, ctx.me().user.id));
  return FullMeeting(ctx, updated);
}

}  // namespace tuijin::api
