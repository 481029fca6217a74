// serve: the explorer in the browser (partnergraph/server.h).
#include <spawn.h>

#include <iostream>

#include <sys/wait.h>

#include "partnergraph/server.h"
#include "partnergraph/text.h"

#include "cli/commands/commands.h"
#include "cli/locations.h"

extern char** environ;  // NOLINT(readability-identifier-naming): POSIX's name

namespace partnergraph::cli {
namespace {

// Best effort: the desktop's browser, through xdg-open.
void OpenInBrowser(const std::string& url) {
  std::string program = "xdg-open";
  std::vector<char*> argv = {program.data(), const_cast<char*>(url.c_str()), nullptr};
  pid_t pid = 0;
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv.data(), environ) != 0) {
    std::cerr << "pgraph serve: cannot start xdg-open; open " << url << " yourself\n";
  }
}

}  // namespace

Status RunServe(const GlobalOptions& global, const ServeCommandOptions& options,
                std::ostream& out) {
  // Creates the default database on first use, as every command does.
  {
    Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
    if (!db) return db.error();
  }
  ServeOptions serve;
  serve.db_path = DatabasePath(global);
  serve.style_folder = BundledVizDir();
  serve.bind = options.bind;
  serve.port = options.port;
  serve.header_timeout_ms = options.header_timeout_ms;
  serve.on_listening = [&](const std::string& url) {
    out << "Serving " << TerminalText(serve.db_path) << " at " << url
        << "  (read-only; Ctrl-C to stop)" << std::endl;
    if (options.open) OpenInBrowser(url);
  };
  Status s = Serve(serve, std::cerr);
  if (!s.ok()) return s;
  out << "Stopped." << std::endl;
  return Status::Ok();
}

}  // namespace partnergraph::cli
