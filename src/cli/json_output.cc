#include "cli/json_output.h"

namespace partnergraph::cli {

void PrintJson(const Json& document, std::ostream& out) { out << document.dump(2) << '\n'; }

Json DatingJson(const PartialDate& as_of, DateRule rule, const DatingCounts& counts) {
  return Json{{"as_of", as_of.ToString()}, {"rule", DateRuleName(rule)},
              {"dated", counts.dated},     {"reported", counts.reported},
              {"undated", counts.undated}, {"excluded", counts.excluded}};
}

}  // namespace partnergraph::cli
