// Errors as values: every operation a user or the disk can break returns a
// Status, or a Result<T> carrying either a value or a Status.
#ifndef PARTNERGRAPH_STATUS_H_
#define PARTNERGRAPH_STATUS_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace partnergraph {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad input: a file, a flag value, a reference
  kNotFound,         // an entity, a file or a database that is not there
  kAmbiguous,        // a reference that matches several entities
  kCorruption,       // the store's files are damaged or inconsistent
  kIOError,          // the operating system refused a read or write
  kBusy,             // another process holds the store for writing
  kNotSupported,     // a newer format, a missing Graphviz plugin
};

// Human name of a code, e.g. "invalid argument".
const char* StatusCodeName(StatusCode code);

// The operating system's text for an errno value ("No such file or
// directory"). Thread-safe, unlike std::strerror.
std::string ErrnoText(int error);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string msg) {
    return {StatusCode::kInvalidArgument, std::move(msg)};
  }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status Ambiguous(std::string msg) { return {StatusCode::kAmbiguous, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {StatusCode::kCorruption, std::move(msg)}; }
  static Status IOError(std::string msg) { return {StatusCode::kIOError, std::move(msg)}; }
  static Status Busy(std::string msg) { return {StatusCode::kBusy, std::move(msg)}; }
  static Status NotSupported(std::string msg) {
    return {StatusCode::kNotSupported, std::move(msg)};
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "context: message", for callers that add
  // where the failure happened (a file name, a record id).
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    return {code_, context + ": " + message_};
  }

  // "invalid argument: <message>", for logs; the CLI prints message() alone.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status explaining why there is none. Named like
// std::expected, which g++ 12 lacks in C++20.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : state_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(state_).ok() && "a Result needs a value or an error");
  }

  bool has_value() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The error; Status::Ok() when there is a value.
  Status error() const { return has_value() ? Status::Ok() : std::get<Status>(state_); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_STATUS_H_
