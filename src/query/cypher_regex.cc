#include "query/cypher_regex.h"

#include <map>
#include <regex>

namespace partnergraph::cypher {

struct RegexMatcher::Impl {
  std::map<std::string, std::regex> compiled;
};

RegexMatcher::RegexMatcher() : impl_(std::make_unique<Impl>()) {}
RegexMatcher::~RegexMatcher() = default;

Result<bool> RegexMatcher::FullMatch(const std::string& text, const std::string& pattern) {
  auto it = impl_->compiled.find(pattern);
  if (it == impl_->compiled.end()) {
    // std::regex reports a bad pattern only by throwing.
    try {
      it = impl_->compiled.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
    } catch (const std::regex_error& e) {
      return Status::InvalidArgument(std::string("invalid regular expression: ") + e.what());
    }
  }
  return std::regex_match(text, it->second);
}

}  // namespace partnergraph::cypher
