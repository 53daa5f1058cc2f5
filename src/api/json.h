// JSON in and out of handlers (Boost.JSON), and a reader that validates request fields and
// collects one message per bad field.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "http/request.h"
#include "store/page.h"

namespace tuijin::api {

namespace json = boost::json;

// 200 (or `status`) with the serialized value.
http::Response JsonResponse(const json::value& v, int status = 200);

// {"items": [...], "total": N}
http::Response ListResponse(json::array items, int64_t total);

// The body as a JSON object; 400 "request.malformed_json" / "request.expected_object".
StatusOr<json::object> ParseObject(const http::Request& req);

// Optional values as JSON (null when absent).
template <typename T>
json::value OrNull(const std::optional<T>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

// Reads fields from a request object. Each accessor records a message for a bad field and
// returns a harmless value, so that all bad fields are reported together by status().
class FieldReader {
 public:
  explicit FieldReader(const json::object& obj) : obj_(obj) {}

  bool Has(std::string_view name) const;
  // Trimmed; "必填" when missing or blank; "不能超过 N 个字" when longer (code points).
  std::string RequiredString(std::string_view name, size_t max_chars = 200);
  // Trimmed; nullopt when missing, null or blank.
  std::optional<std::string> OptionalString(std::string_view name, size_t max_chars = 200);
  std::optional<int64_t> OptionalInt(std::string_view name, int64_t min = INT64_MIN, int64_t max = INT64_MAX);
  int64_t Int(std::string_view name, int64_t fallback, int64_t min = INT64_MIN, int64_t max = INT64_MAX);
  bool Bool(std::string_view name, bool fallback);
  std::optional<double> OptionalNumber(std::string_view name, double min, double max);
  // An array of positive integers (ids); empty when missing.
  std::vector<int64_t> IdArray(std::string_view name);
  // The raw value, or nullptr when missing.
  const json::value* Raw(std::string_view name) const;

  void Fail(std::string_view name, std::string message);
  bool ok() const { return errors_.empty(); }
  // OK, or "validation.failed" with every field's message.
  Status status() const;

 private:
  const json::object& obj_;
  std::map<std::string, std::string> errors_;
};

// page and page_size from the query string (page_size at most 500).
StatusOr<store::PageRequest> ReadPage(const http::Request& req, int64_t default_size = 20);

// A numeric id from the route; NotFound when it is not a positive integer.
StatusOr<int64_t> PathId(const http::Request& req, std::string_view name = "id");

// An optional integer query parameter; InvalidArgument naming it when malformed.
StatusOr<std::optional<int64_t>> QueryInt(const http::Request& req, std::string_view name);

}  // namespace tuijin::api
