// Errors as values. A Status carries a category (which decides the HTTP status in exactly
// one place, api/errors.cc), a stable machine code such as "project.not_found", a message
// for people (Chinese, shown in the UI), and optional per-field messages for forms.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace tuijin {

enum class StatusCode {
  kOk,
  kInvalidArgument,    // 400
  kUnauthenticated,    // 401
  kPermissionDenied,   // 403
  kNotFound,           // 404
  kMethodNotAllowed,   // 405
  kConflict,           // 409
  kTooLarge,           // 413
  kUnsupported,        // 415
  kUnprocessable,      // 422: well-formed, but its content is wrong (an invalid GeoJSON)
  kResourceExhausted,  // 429
  kInternal,           // 500
  kUnavailable,        // 503
};

class Status {
 public:
  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string code, std::string message) {
    return Status(StatusCode::kInvalidArgument, std::move(code), std::move(message));
  }
  static Status Unauthenticated(std::string code, std::string message) {
    return Status(StatusCode::kUnauthenticated, std::move(code), std::move(message));
  }
  static Status PermissionDenied(std::string code, std::string message) {
    return Status(StatusCode::kPermissionDenied, std::move(code), std::move(message));
  }
  static Status NotFound(std::string code, std::string message) {
    return Status(StatusCode::kNotFound, std::move(code), std::move(message));
  }
  static Status MethodNotAllowed(std::string code, std::string message) {
    return Status(StatusCode::kMethodNotAllowed, std::move(code), std::move(message));
  }
  static Status Conflict(std::string code, std::string message) {
    return Status(StatusCode::kConflict, std::move(code), std::move(message));
  }
  static Status TooLarge(std::string code, std::string message) {
    return Status(StatusCode::kTooLarge, std::move(code), std::move(message));
  }
  static Status Unsupported(std::string code, std::string message) {
    return Status(StatusCode::kUnsupported, std::move(code), std::move(message));
  }
  static Status Unprocessable(std::string code, std::string message) {
    return Status(StatusCode::kUnprocessable, std::move(code), std::move(message));
  }
  static Status ResourceExhausted(std::string code, std::string message) {
    return Status(StatusCode::kResourceExhausted, std::move(code), std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(StatusCode::kInternal, "internal", std::move(message));
  }
  static Status Unavailable(std::string code, std::string message) {
    return Status(StatusCode::kUnavailable, std::move(code), std::move(message));
  }
  // A form with field errors: code "validation.failed"; `fields` maps field → message.
  static Status Invalid(std::map<std::string, std::string> fields);

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& error_code() const { return error_code_; }
  const std::string& message() const { return message_; }
  const std::map<std::string, std::string>& fields() const { return fields_; }
  // Seconds the client should wait (429), 0 when not set.
  int retry_after() const { return retry_after_; }

  Status& WithField(std::string field, std::string message) {
    fields_[std::move(field)] = std::move(message);
    return *this;
  }
  Status& WithRetryAfter(int seconds) {
    retry_after_ = seconds;
    return *this;
  }

  std::string ToString() const;

 private:
  Status(StatusCode code, std::string error_code, std::string message)
      : code_(code), error_code_(std::move(error_code)), message_(std::move(message)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string error_code_;
  std::string message_;
  std::map<std::string, std::string> fields_;
  int retry_after_ = 0;
};

// Either a value or a non-OK Status.
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : v_(std::move(value)) {}           // NOLINT: implicit by design
  StatusOr(Status status) : v_(std::move(status)) {}    // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace tuijin

#define TUIJIN_CONCAT_INNER(a, b) a##b
#define TUIJIN_CONCAT(a, b) TUIJIN_CONCAT_INNER(a, b)

// Returns from the enclosing function when `expr` (a Status) is not OK.
#define RETURN_IF_ERROR(expr)                 \
  do {                                        \
    ::tuijin::Status _st = (expr);            \
    if (!_st.ok()) return _st;                \
  } while (0)

// `ASSIGN_OR_RETURN(auto x, Foo());` declares x from a StatusOr or returns its Status.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(TUIJIN_CONCAT(_status_or_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
