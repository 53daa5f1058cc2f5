// Code tables (数据字典): everyone reads them, administrators edit them.
#include "api/handlers.h"
#include "api/json.h"

namespace tuijin::api {
namespace {

json::object ItemJson(const store::DictionaryItem& d) {
  return json::object{{"id", d.id},         {"dict", d.dict},       {"label", d.label},
                      {"sort_order", d.sort_order}, {"enabled", d.enabled}, {"usage", d.usage}};
}

StatusOr<std::string> DictName(const Context& ctx) {
  std::string name(ctx.req.Param("name"));
  if (!store::IsDictionary(name)) return Status::NotFound("dictionary.unknown", "没有名为 " + name + " 的数据字典");
  return name;
}

StatusOr<store::DictionaryInput> ReadItem(const http::Request& req) {
  ASSIGN_OR_RETURN(json::object body, ParseObject(req));
  FieldReader in(body);
  store::DictionaryInput d;
  d.label = in.RequiredString("label", 40);
  d.sort_order = in.Int("sort_order", 0, -1000000, 1000000);
  d.enabled = in.Bool("enabled", true);
  RETURN_IF_ERROR(in.status());
  return d;
}

}  // namespace

StatusOr<http::Response> ListAllDictionaries(Context& ctx) {
  ASSIGN_OR_RETURN(auto items, ctx.svc.dictionaries.List(""));
  json::object out;
  for (std::string_view dict : store::kDictionaries) out[dict] = json::array();
  for (const auto& d : items) out[d.dict].as_array().push_back(ItemJson(d));
  return JsonResponse(out);
}

StatusOr<http::Response> ListDictionary(Context& ctx) {
  ASSIGN_OR_RETURN(std::string name, DictName(ctx));
  ASSIGN_OR_RETURN(auto items, ctx.svc.dictionaries.List(name));
  json::array out;
  for (const auto& d : items) out.push_back(ItemJson(d));
  return ListResponse(std::move(out), static_cast<int64_t>(items.size()));
}

StatusOr<http::Response> CreateDictionaryItem(Context& ctx) {
  ASSIGN_OR_RETURN(std::string name, DictName(ctx));
  ASSIGN_OR_RETURN(auto input, ReadItem(ctx.req));
  ASSIGN_OR_RETURN(auto item, ctx.svc.dictionaries.Create(name, input));
  return JsonResponse(ItemJson(item), 201);
}

StatusOr<http::Response> UpdateDictionaryItem(Context& ctx) {
  ASSIGN_OR_RETURN(std::string name, DictName(ctx));
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  ASSIGN_OR_RETURN(auto input, ReadItem(ctx.req));
  ASSIGN_OR_RETURN(auto item, ctx.svc.dictionaries.Update(name, id, input));
  return JsonResponse(ItemJson(item));
}

StatusOr<http::Response> DeleteDictionaryItem(Context& ctx) {
  ASSIGN_OR_RETURN(std::string name, DictName(ctx));
  ASSIGN_OR_RETURN(int64_t id, PathId(ctx.req));
  RETURN_IF_ERROR(ctx.svc.dictionaries.Delete(name, id));
  return http::Response::NoContent();
}

}  // namespace tuijin::api
