#include "partnergraph/status.h"

#include <string.h>

namespace partnergraph {

std::string ErrnoText(int error) {
  char buffer[256];
  // GNU strerror_r returns the text, in `buffer` or a static string.
  return strerror_r(error, buffer, sizeof buffer);
}

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid argument";
    case StatusCode::kNotFound:
      return "not found";
    case StatusCode::kAmbiguous:
      return "ambiguous";
    case StatusCode::kCorruption:
      return "corruption";
    case StatusCode::kIOError:
      return "I/O error";
    case StatusCode::kBusy:
      return "busy";
    case StatusCode::kNotSupported:
      return "not supported";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

}  // namespace partnergraph
