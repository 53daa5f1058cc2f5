// libFuzzer target: request bodies as handlers decode them (src/api/json.h): the body parsed
// as an object, then every FieldReader accessor on the fields handlers read and on every
// field the body has.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api/json.h"
#include "base/text.h"
#include "fuzz/fuzz_check.h"

namespace {

using namespace tuijin;

void ReadEveryWay(api::FieldReader& in, std::string_view name) {
  (void)in.Has(name);
  if (auto s = in.OptionalString(name, 50)) {
    FUZZ_CHECK(Utf8Length(*s) <= 50);
    FUZZ_CHECK(!s->empty());
  }
  const std::string required = in.RequiredString(name, 200);
  FUZZ_CHECK(Utf8Length(required) <= 200);
  if (auto i = in.OptionalInt(name, 0, 100)) FUZZ_CHECK(*i >= 0 && *i <= 100);
  const int64_t fallback = in.Int(name, 7, -1000, 1000);
  FUZZ_CHECK(fallback >= -1000 && fallback <= 1000);
  (void)in.OptionalInt(name);
  (void)in.Bool(name, false);
  if (auto n = in.OptionalNumber(name, 0, 100)) FUZZ_CHECK(*n >= 0 && *n <= 100);
  for (int64_t id : in.IdArray(name)) FUZZ_CHECK(id > 0);
  (void)in.Raw(name);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  http::Request req;
  req.method = "POST";
  req.body.assign(reinterpret_cast<const char*>(data), size);
  req.headers.push_back({"content-type", "application/json"});
  auto body = api::ParseObject(req);
  if (!body.ok()) {
    FUZZ_CHECK(body.status().code() == StatusCode::kInvalidArgument);
    return 0;
  }
  api::FieldReader in(*body);
  // Fields the project, report and import handlers read.
  for (const char* name : {"name", "amount", "version", "physical_percent", "co_unit_ids", "skip_errors", "plan_id",
                           "reason", "period", "items"}) {
    ReadEveryWay(in, name);
  }
  size_t seen = 0;
  for (const auto& [key, value] : *body) {
    if (++seen > 64) break;
    ReadEveryWay(in, key);
    (void)api::json::serialize(value);
  }
  const Status st = in.status();
  FUZZ_CHECK(st.ok() == in.ok());
  if (!st.ok()) FUZZ_CHECK(!st.fields().empty());
  return 0;
}
