// The --json output of the commands whose documents only the command line
// prints (stats, central, import reports). The documents the browser API
// shares with the command line are in partnergraph/json_documents.h.
#ifndef PARTNERGRAPH_CLI_JSON_OUTPUT_H_
#define PARTNERGRAPH_CLI_JSON_OUTPUT_H_

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "partnergraph/date.h"
#include "partnergraph/graph.h"

namespace partnergraph::cli {

using Json = nlohmann::ordered_json;

// The document, indented by 2, and a newline.
void PrintJson(const Json& document, std::ostream& out);

// How the relations counted as of a date (--as-of): {"as_of", "rule",
// "dated", "reported", "undated", "excluded"}.
Json DatingJson(const PartialDate& as_of, DateRule rule, const DatingCounts& counts);
}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_JSON_OUTPUT_H_
