// Cypher's =~ operator: whole-string regular expression matches. Private to
// the query module. In a file of its own because GCC 12 warns falsely
// (-Wmaybe-uninitialized) inside <regex> when optimising with sanitizers.
#ifndef PARTNERGRAPH_QUERY_CYPHER_REGEX_H_
#define PARTNERGRAPH_QUERY_CYPHER_REGEX_H_

#include <memory>
#include <string>

#include "partnergraph/status.h"

namespace partnergraph::cypher {

// Compiles each pattern once (ECMAScript syntax) and matches texts against
// it. Not thread-safe: one per query.
class RegexMatcher {
 public:
  RegexMatcher();
  ~RegexMatcher();
  RegexMatcher(const RegexMatcher&) = delete;
  RegexMatcher& operator=(const RegexMatcher&) = delete;

  // Whether the whole of `text` matches `pattern`; kInvalidArgument naming
  // the problem for a pattern that does not compile.
  Result<bool> FullMatch(const std::string& text, const std::string& pattern);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace partnergraph::cypher

#endif  // PARTNERGRAPH_QUERY_CYPHER_REGEX_H_
