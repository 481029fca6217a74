#include "cli/usage.h"

#include <cctype>

#include "partnergraph/spelling.h"
#include "partnergraph/text.h"

namespace partnergraph::cli {
namespace {

// Marks a Status as a usage error. Not printable: no message a command makes
// from user input or records starts with it.
constexpr std::string_view kUsageMark =
    "\x1e"
    "usage\x1e";

std::string Lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

Result<std::vector<std::string>> CheckNames(const std::vector<std::string>& known,
                                            std::string_view text, std::string_view option,
                                            std::string_view what) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string name = Lowercase(text.substr(start, comma - start));
    while (!name.empty() && name.front() == ' ') name.erase(name.begin());
    while (!name.empty() && name.back() == ' ') name.pop_back();
    start = comma + 1;
    if (name.empty()) continue;
    bool found = false;
    for (const std::string& candidate : known) found = found || candidate == name;
    if (!found) {
      return UsageError(std::string(option) + ": unknown " + std::string(what) + " \"" +
                        PrintableText(name) + "\"" + DidYouMean(name, known) +
                        "; valid: " + JoinNames(known));
    }
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace

Status UsageError(std::string_view message) {
  return Status::InvalidArgument(std::string(kUsageMark) + std::string(message));
}

std::optional<std::string> UsageMessage(const Status& status) {
  if (status.code() != StatusCode::kInvalidArgument) return std::nullopt;
  const std::string& message = status.message();
  // A context may have been added in front ("network: ..."): the mark can be
  // anywhere, and what comes before it stays.
  const size_t mark = message.find(kUsageMark);
  if (mark == std::string::npos) return std::nullopt;
  return message.substr(0, mark) + message.substr(mark + kUsageMark.size());
}

Result<std::vector<std::string>> CheckTypes(const Schema& schema, std::string_view text,
                                            std::string_view option) {
  return CheckNames(schema.TypeNames(), text, option, "relation type");
}

Result<std::vector<std::string>> CheckKinds(const Schema& schema, std::string_view text,
                                            std::string_view option) {
  return CheckNames(schema.KindNames(), text, option, "entity kind");
}

Status CheckTypeList(const Schema& schema, std::vector<std::string>& types) {
  std::string joined;
  for (const std::string& type : types) joined += type + ",";
  Result<std::vector<std::string>> checked = CheckTypes(schema, joined);
  if (!checked) return checked.error();
  types = std::move(*checked);
  return Status::Ok();
}

Status CheckKindList(const Schema& schema, std::vector<std::string>& kinds) {
  std::string joined;
  for (const std::string& kind : kinds) joined += kind + ",";
  Result<std::vector<std::string>> checked = CheckKinds(schema, joined);
  if (!checked) return checked.error();
  kinds = std::move(*checked);
  return Status::Ok();
}

}  // namespace partnergraph::cli
