// Where pgraph's database and bundled files live, and opening the database
// the way each command needs it.
#ifndef PARTNERGRAPH_CLI_LOCATIONS_H_
#define PARTNERGRAPH_CLI_LOCATIONS_H_

#include <memory>
#include <string>
#include <vector>

#include "partnergraph/database.h"
#include "partnergraph/status.h"

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

// Opens the database for a query (kReadOnly) or an import (kReadWrite). The
// default database is created from the bundled dataset on first use; an
// explicit one must exist. PGRAPH_SNAPSHOT=off builds the graph from the
// store every time and leaves the snapshot alone.
Result<std::unique_ptr<Database>> OpenDatabase(const GlobalOptions& global, OpenMode mode);

// Builds a database at `path` from the bundled schema and, unless `empty`,
// the bundled dataset (Database::Create); with `force`, one already there is
// replaced.
// `schema_file` replaces the bundled schema when not empty.
Result<ApplyReport> CreateDatabase(const std::string& path, bool empty, bool force,
                                   const std::string& schema_file = "");

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_LOCATIONS_H_
