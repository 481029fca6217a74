// Usage errors: a bad option value is the command line's fault, exit 2 with
// "pgraph: error: ..." and the command's usage line, as for an unknown flag.
// A command returns one as a Status made here; main() tells it apart.
#ifndef PARTNERGRAPH_CLI_USAGE_H_
#define PARTNERGRAPH_CLI_USAGE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/schema.h"
#include "partnergraph/status.h"

namespace partnergraph::cli {

// A kInvalidArgument Status that main() reports as a usage error (exit 2).
Status UsageError(std::string_view message);
// The message of a usage error, without its mark; nullopt for any other
// Status.
std::optional<std::string> UsageMessage(const Status& status);

// The relation types of a comma-separated --types value, matched case-blind
// against the schema. An unknown one is a usage error naming it, suggesting
// the closest and listing the valid ones. "" gives an empty list (any type).
Result<std::vector<std::string>> CheckTypes(const Schema& schema, std::string_view text,
                                            std::string_view option = "--types");
// The same for entity kinds (--kinds).
Result<std::vector<std::string>> CheckKinds(const Schema& schema, std::string_view text,
                                            std::string_view option = "--kinds");

// Checks and lowercases `types` in place (as CheckTypes, joined back from
// the list already split by the caller).
Status CheckTypeList(const Schema& schema, std::vector<std::string>& types);
// The same for kinds.
Status CheckKindList(const Schema& schema, std::vector<std::string>& kinds);

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_USAGE_H_
