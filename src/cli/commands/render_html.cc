// render --format html: one view as a self-contained offline page
// (partnergraph/server.h), beside render's SVG, PNG and PDF.
#include <algorithm>
#include <cctype>

#include "partnergraph/atomic_file.h"
#include "partnergraph/server.h"
#include "partnergraph/text.h"

#include "cli/commands/commands.h"
#include "cli/locations.h"
#include "cli/requests.h"
#include "cli/usage.h"

namespace partnergraph::cli {
namespace {

bool EndsWithHtml(const std::string& path) {
  std::string lower = path;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.ends_with(".html") || lower.ends_with(".htm");
}

Status RunRenderHtml(const GlobalOptions& global, const ViewOptions& options, std::ostream& out) {
  Result<PictureRequest> request = ParsePictureRequest(options);
  if (!request) return request.error();
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  Result<std::string> page = StandaloneViewPage(**db, *request);
  if (!page) return page.error();
  Status s = WriteFileAtomically(options.output, *page);
  if (!s.ok()) return s;
  if (!global.json) {
    out << "Wrote " << TerminalText(options.output) << " (" << page->size() << " bytes).\n";
  }
  return Status::Ok();
}

}  // namespace

Status RunRenderAs(const GlobalOptions& global, const ViewOptions& options,
                   const std::string& format, std::ostream& out) {
  if (format == "html" || (format.empty() && EndsWithHtml(options.output))) {
    if (!options.diff.empty()) return UsageError("--diff draws SVG, PNG or PDF, not html");
    return RunRenderHtml(global, options, out);
  }
  if (options.output == "-") {
    // To stdout: the format cannot come from a file name.
    if (format.empty()) return UsageError("-o -: give the format with --format svg|png|pdf");
    ViewOptions to_stdout = options;
    to_stdout.image_format = format;
    return RunRender(global, to_stdout, out);
  }
  if (!format.empty()) {
    Result<ImageFormat> by_name = ImageFormatFromPath(options.output);
    if (!by_name || ImageFormatName(*by_name) != format) {
      return Status::InvalidArgument("--format " + format + " but -o " +
                                     PrintableText(options.output) + " is not a ." + format +
                                     " file");
    }
  }
  return RunRender(global, options, out);
}

}  // namespace partnergraph::cli
