#include "cli/json_output.h"

namespace partnergraph::cli {

void PrintJson(const Json& document, std::ostream& out) { out << document.dump(2) << '\n'; }

}  // namespace partnergraph::cli
