#include "base/status.h"

namespace tuijin {

Status Status::Invalid(std::map<std::string, std::string> fields) {
  Status s(StatusCode::kInvalidArgument, "validation.failed", "输入有误,请检查标出的字段");
  s.fields_ = std::move(fields);
  return s;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out = error_code_ + ": " + message_;
  for (const auto& [field, msg] : fields_) out += "; " + field + ": " + msg;
  return out;
}

}  // namespace tuijin
