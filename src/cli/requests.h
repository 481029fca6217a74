// From parsed options to the Database's requests: the few checks that belong
// to the command line (a date's syntax, comma-separated lists).
#ifndef PARTNERGRAPH_CLI_REQUESTS_H_
#define PARTNERGRAPH_CLI_REQUESTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/database.h"
#include "partnergraph/status.h"

#include "cli/options.h"

namespace partnergraph::cli {

// "a,b,,c" -> {"a", "b", "c"}.
std::vector<std::string> SplitCommas(const std::string& text);

// --types and --as-of. A bad date is kInvalidArgument ("--as-of: ..."); the
// types are checked by the Database.
Result<RelationFilter> ParseFilter(const FilterOptions& options);

// The view of dot, render and export: --around, --path or --funding (one at
// most; --funder only with --funding), with --types, --kinds and --as-of.
Result<ViewRequest> ParseViewRequest(const ViewOptions& options);

// A picture of that view: the style, label language, clusters, legend and
// layout of `options` (render, dot and the offline page share it).
Result<PictureRequest> ParsePictureRequest(const ViewOptions& options);

// With an as-of date in `filter`: how the relations of its types counted
// (Database::Dating), its note (DatingNote) printed on stderr. Zero counts
// and no note without a date.
Result<DatingCounts> NoteDating(const Database& db, const RelationFilter& filter);

// Tells the tables how to cite each source (UseSourceNames); a store whose
// sources cannot be read leaves them citing file names.
void LoadSourceNames(const Database& db);

// --dates: evidence, strict or any; anything else is a usage error.
Result<DateRule> ParseDateRuleOption(const std::string& text);

// A date option's value, or an empty date for ""; `option` names it in errors.
Result<PartialDate> ParseDateOption(const std::string& text, std::string_view option);

// Two dates A B (--began-between, --diff, diff's arguments), A not after B
// (CheckDateWindow); none gives an empty window. A bad date or order is a
// usage error naming `option`.
Result<DateWindow> ParseDateWindow(const std::vector<std::string>& dates, std::string_view option);

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_REQUESTS_H_
