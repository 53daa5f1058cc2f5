// Saved list filters (我的筛选) of the signed-in user.
#include "api/handlers.h"
#include "api/json.h"

namespace tuijin::api {

StatusOr<http::Response> ListSavedFilters(Context& ctx) {
  const std::string scope(ctx.req.Query("scope").value_or("projects"));
  ASSIGN_OR_RETURN(auto list, ctx.svc.saved_filters.List(ctx.me().user.id, scope));
  json::array items;
  for (const auto& f : list) items.push_back(json::object{{"id", f.id}, {"name", f.name}, {"query", f.query}});
  return ListResponse(std::move(items), static_cast<int64_t>(list.size()));
}

StatusOr<http::Response> SaveFilter(Context& ctx) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(ctx.req));
  FieldReader in(body);
  const std::string scope = in.OptionalString("scope", 40).value_or("projects");
  const std::string name = in.RequiredString("name", 40);
  const std::string query = in.OptionalString("query", 4000).value_or("");
  RETURN_IF_ERROR(in.status());
  ASSIGN_OR_RETURN(auto f, ctx.svc.saved_filters.Save(ctx.me().user.id, scope, name, query));
  return JsonResponse(json::object{{"id", f.id}, {"name", f.name}, {"query", f.query}}, 201);
}

StatusOr<http::Response> DeleteSavedFilter(Context& ctx) {
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  RETURN_IF_ERROR(ctx.svc.saved_filters.Delete(ctx.me().user.id, id));
  return http::Response::NoContent();
}

}  // namespace tuijin::api
