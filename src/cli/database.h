// Where pgraph's database and bundled files live, and opening the store the
// way each command needs it.
#ifndef PARTNERGRAPH_CLI_DATABASE_H_
#define PARTNERGRAPH_CLI_DATABASE_H_

#include <memory>
#include <string>
#include <vector>

#include "partnergraph/status.h"
#include "partnergraph/store.h"

#include "cli/options.h"

namespace partnergraph::cli {

// --db, else $PGRAPH_DB, else $XDG_DATA_HOME/partnergraph/default.db (or
// ~/.local/share/partnergraph/default.db).
std::string DatabasePath(const GlobalOptions& global);
bool IsDefaultDatabase(const GlobalOptions& global);

// The bundled dataset folder: $PGRAPH_DATA_DIR, else the source tree's data/.
std::string BundledDataDir();
// The style folder: $PGRAPH_VIZ_DIR, else the source tree's viz/.
std::string BundledVizDir();
// data/*.json except schema.json, sorted.
Result<std::vector<std::string>> BundledDataFiles();

// Opens the store read-only for a query. The default database is created from
// the bundled dataset on first use; an explicit one must exist.
Result<std::unique_ptr<Store>> OpenForQuery(const GlobalOptions& global);
// Opens the store for writing (kBusy if another process writes it).
Result<std::unique_ptr<Store>> OpenForWrite(const GlobalOptions& global);

// Builds a database at `path` from the bundled schema and, unless `empty`,
// the bundled dataset: into a temporary folder first, moved into place only
// when complete, so a failed or interrupted init leaves nothing half-made.
// With `force`, an existing database at `path` is replaced.
Result<ApplyReport> CreateDatabase(const std::string& path, bool empty, bool force);

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_DATABASE_H_
