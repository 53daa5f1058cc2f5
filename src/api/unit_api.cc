// Units (单位管理).
#include "api/handlers.h"
#include "api/json.h"

namespace tuijin::api {
namespace {

json::object UnitJson(const store::Unit& u) {
  return json::object{{"id", u.id},
                      {"parent_id", OrNull(u.parent_id)},
                      {"name", u.name},
                      {"kind", u.kind},
                      {"code", OrNull(u.code)},
                      {"sort_order", u.sort_order},
                      {"enabled", u.enabled},
                      {"created_at", u.created_at},
                      {"updated_at", u.updated_at}};
}

StatusOr<store::UnitInput> ReadUnit(const http::Request& req) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(req));
  FieldReader in(body);
  store::UnitInput u;
  u.parent_id = in.OptionalInt("parent_id", 1);
  u.name = in.RequiredString("name", 60);
  u.kind = in.RequiredString("kind", 20);
  u.code = in.OptionalString("code", 40);
  u.sort_order = in.Int("sort_order", 0, -1000000, 1000000);
  u.enabled = in.Bool("enabled", true);
  if (!u.kind.empty() && !domain::IsUnitKind(u.kind)) in.Fail("kind", "单位类型应为 街道/乡镇/开发区/区直部门/业主单位/上级部门 之一");
  RETURN_IF_ERROR(in.status());
  return u;
}

}  // namespace

StatusOr<http::Response> ListUnits(Context& ctx) {
  ASSIGN_OR_RETURN(auto units, ctx.svc.units.List());
  json::array items;
  for (const auto& u : units) items.push_back(UnitJson(u));
  return ListResponse(std::move(items), static_cast<int64_t>(units.size()));
}

StatusOr<http::Response> GetUnit(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto unit, ctx.svc.units.Get(id));
  return JsonResponse(UnitJson(unit));
}

StatusOr<http::Response> CreateUnit(Context& ctx) {
  ASSIGN_OR_RETURN(auto input, ReadUnit(ctx.req));
  ASSIGN_OR_RETURN(auto unit, ctx.svc.units.Create(input));
  return JsonResponse(UnitJson(unit), 201);
}

StatusOr<http::Response> UpdateUnit(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto input, ReadUnit(ctx.req));
  ASSIGN_OR_RETURN(auto unit, ctx.svc.units.Update(id, input));
  return JsonResponse(UnitJson(unit));
}

StatusOr<http::Response> DeleteUnit(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  RETURN_IF_ERROR(ctx.svc.units.Delete(id));
  return http::Response::NoContent();
}

}  // namespace tuijin::api
