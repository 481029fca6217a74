// The pgraph commands. Each prints its result to `out` (a table, or JSON
// with --json) and returns a failed Status for anything it reports as an
// error; main() turns that into a message on stderr and exit code 1.
#ifndef PARTNERGRAPH_CLI_COMMANDS_COMMANDS_H_
#define PARTNERGRAPH_CLI_COMMANDS_COMMANDS_H_

#include <ostream>
#include <string>

#include "partnergraph/status.h"

#include "cli/options.h"

namespace partnergraph::cli {

Status RunInit(const GlobalOptions& global, const InitOptions& options, std::ostream& out);
Status RunImport(const GlobalOptions& global, const ImportCommandOptions& options,
                 std::ostream& out);
Status RunExport(const GlobalOptions& global, const ExportOptions& options, std::ostream& out);
Status RunStats(const GlobalOptions& global, std::ostream& out);
Status RunSources(const GlobalOptions& global, std::ostream& out);
Status RunFind(const GlobalOptions& global, const FindOptions& options, std::ostream& out);
Status RunShow(const GlobalOptions& global, const ShowOptions& options, std::ostream& out);
Status RunPath(const GlobalOptions& global, const PathCommandOptions& options, std::ostream& out);
Status RunNeighbours(const GlobalOptions& global, const NeighboursOptions& options,
                     std::ostream& out);
Status RunCentral(const GlobalOptions& global, const CentralOptions& options, std::ostream& out);
Status RunFunds(const GlobalOptions& global, const FundsCommandOptions& options, std::ostream& out);
Status RunDiff(const GlobalOptions& global, const DiffOptions& options, std::ostream& out);
Status RunQuery(const GlobalOptions& global, const QueryOptions& options, std::ostream& out);
Status RunDot(const GlobalOptions& global, const ViewOptions& options, std::ostream& out);
Status RunRender(const GlobalOptions& global, const ViewOptions& options, std::ostream& out);
// render with --format (svg, png, pdf or html; "" for -o's extension): html
// writes a self-contained page (render_html.cc), the others RunRender.
Status RunRenderAs(const GlobalOptions& global, const ViewOptions& options,
                   const std::string& format, std::ostream& out);
Status RunServe(const GlobalOptions& global, const ServeCommandOptions& options, std::ostream& out);
Status RunGallery(const GlobalOptions& global, const GalleryOptions& options, std::ostream& out);

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_COMMANDS_COMMANDS_H_
