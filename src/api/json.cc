#include "api/json.h"

#include <algorithm>
#include <charconv>

#include "base/text.h"

namespace tuijin::api {
namespace {

std::optional<int64_t> ParseInt(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

http::Response JsonResponse(const json::value& v, int status) { return http::Response::Json(status, json::serialize(v)); }

http::Response ListResponse(json::array items, int64_t total) {
  return JsonResponse(json::object{{"items", std::move(items)}, {"total", total}});
}

StatusOr<json::object> ParseObject(const http::Request& req) {
  boost::system::error_code ec;
  json::value v = json::parse(req.body, ec);
  if (ec) return Status::InvalidArgument("request.malformed_json", "请求体不是有效的 JSON:" + ec.message());
  if (!v.is_object()) return Status::InvalidArgument("request.expected_object", "请求体应为 JSON 对象");
  return std::move(v.as_object());
}

bool FieldReader::Has(std::string_view name) const {
  auto it = obj_.find(name);
  return it != obj_.end() && !it->value().is_null();
}

std::string FieldReader::RequiredString(std::string_view name, size_t max_chars) {
  auto v = OptionalString(name, max_chars);
  if (!v && !errors_.count(std::string(name))) Fail(name, "必填");
  return v.value_or("");
}

std::optional<std::string> FieldReader::OptionalString(std::string_view name, size_t max_chars) {
  auto it = obj_.find(name);
  if (it == obj_.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_string()) {
    Fail(name, "应为文本");
    return std::nullopt;
  }
  std::string s(TrimSpace(it->value().as_string()));
  if (s.empty()) return std::nullopt;
  if (Utf8Length(s) > max_chars) {
    Fail(name, "不能超过 " + std::to_string(max_chars) + " 个字");
    return std::nullopt;
  }
  return s;
}

std::optional<int64_t> FieldReader::OptionalInt(std::string_view name, int64_t min, int64_t max) {
  auto it = obj_.find(name);
  if (it == obj_.end() || it->value().is_null()) return std::nullopt;
  const json::value& v = it->value();
  std::optional<int64_t> n;
  if (v.is_int64()) n = v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= static_cast<uint64_t>(INT64_MAX)) n = static_cast<int64_t>(v.as_uint64());
  if (v.is_string()) n = ParseInt(v.as_string());
  if (!n) {
    Fail(name, "应为整数");
    return std::nullopt;
  }
  if (*n < min || *n > max) {
    Fail(name, "应在 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间");
    return std::nullopt;
  }
  return n;
}

int64_t FieldReader::Int(std::string_view name, int64_t fallback, int64_t min, int64_t max) {
  return OptionalInt(name, min, max).value_or(fallback);
}

bool FieldReader::Bool(std::string_view name, bool fallback) {
  auto it = obj_.find(name);
  if (it == obj_.end() || it->value().is_null()) return fallback;
  if (!it->value().is_bool()) {
    Fail(name, "应为 true 或 false");
    return fallback;
  }
  return it->value().as_bool();
}

std::optional<double> FieldReader::OptionalNumber(std::string_view name, double min, double max) {
  auto it = obj_.find(name);
  if (it == obj_.end() || it->value().is_null()) return std::nullopt;
  const json::value& v = it->value();
  if (!v.is_number()) {
    Fail(name, "应为数字");
    return std::nullopt;
  }
  const double d = v.to_number<double>();
  if (d < min || d > max) {
    Fail(name, "超出范围");
    return std::nullopt;
  }
  return d;
}

std::vector<int64_t> FieldReader::IdArray(std::string_view name) {
  std::vector<int64_t> out;
  auto it = obj_.find(name);
  if (it == obj_.end() || it->value().is_null()) return out;
  if (!it->value().is_array()) {
    Fail(name, "应为 ID 数组");
    return out;
  }
  for (const json::value& v : it->value().as_array()) {
    if (v.is_int64() && v.as_int64() > 0) {
      out.push_back(v.as_int64());
    } else if (v.is_uint64() && v.as_uint64() <= static_cast<uint64_t>(INT64_MAX) && v.as_uint64() > 0) {
      out.push_back(static_cast<int64_t>(v.as_uint64()));
    } else {
      Fail(name, "应为 ID 数组");
      return {};
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const json::value* FieldReader::Raw(std::string_view name) const {
  auto it = obj_.find(name);
  return it == obj_.end() || it->value().is_null() ? nullptr : &it->value();
}

void FieldReader::Fail(std::string_view name, std::string message) { errors_.emplace(name, std::move(message)); }

Status FieldReader::status() const { return errors_.empty() ? Status::Ok() : Status::Invalid(errors_); }

StatusOr<store::PageRequest> ReadPage(const http::Request& req, int64_t default_size) {
  store::PageRequest p;
  p.page_size = default_size;
  if (auto v = req.Query("page")) {
    auto n = ParseInt(*v);
    if (!n || *n < 1 || *n > 1000000) return Status::Invalid({{"page", "页码应为 1 到 1000000 的整数"}});
    p.page = *n;
  }
  if (auto v = req.Query("page_size")) {
    auto n = ParseInt(*v);
    if (!n || *n < 1 || *n > 500) return Status::Invalid({{"page_size", "每页条数应在 1 到 500 之间"}});
    p.page_size = *n;
  }
  return p;
}

StatusOr<int64_t> PathId(const http::Request& req, std::string_view name) {
  auto n = ParseInt(req.Param(name));
  if (!n || *n <= 0) return Status::NotFound("not_found", "记录不存在");
  return *n;
}

StatusOr<std::optional<int64_t>> QueryInt(const http::Request& req, std::string_view name) {
  auto v = req.Query(name);
  if (!v || v->empty()) return std::optional<int64_t>();
  auto n = ParseInt(*v);
  if (!n) return Status::Invalid({{std::string(name), "应为整数"}});
  return std::optional<int64_t>(*n);
}

}  // namespace tuijin::api
