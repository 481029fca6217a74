#include "cli/locations.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <vector>

namespace partnergraph::cli {
namespace {

namespace fs = std::filesystem;

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read before threads
  return value != nullptr && *value != '\0' ? value : fallback;
}

bool IsEmptyDirectory(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec) && fs::is_empty(path, ec) && !ec;
}

}  // namespace

std::string DatabasePath(const GlobalOptions& global) {
  if (!global.db.empty()) return global.db;
  std::string from_env = EnvOr("PGRAPH_DB", "");
  if (!from_env.empty()) return from_env;
  std::string data_home = EnvOr("XDG_DATA_HOME", "");
  if (data_home.empty()) data_home = EnvOr("HOME", ".") + "/.local/share";
  return data_home + "/partnergraph/default.db";
}

bool IsDefaultDatabase(const GlobalOptions& global) {
  return global.db.empty() && EnvOr("PGRAPH_DB", "").empty();
}

namespace {

// The source tree's folder when it is there (pgraph run from its build),
// else the one installed beside the program (PREFIX/share/partnergraph/NAME
// for PREFIX/bin/pgraph).
std::string BundledFolder(const char* source_tree, const char* name) {
  std::error_code ec;
  if (fs::is_directory(source_tree, ec)) return source_tree;
  const fs::path program = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return source_tree;
  const fs::path installed = program.parent_path().parent_path() / "share" / "partnergraph" / name;
  return fs::is_directory(installed, ec) ? installed.string() : source_tree;
}

}  // namespace

std::string BundledDataDir() {
  return EnvOr("PGRAPH_DATA_DIR", BundledFolder(PARTNERGRAPH_DATA_DIR, "data"));
}
std::string BundledVizDir() {
  return EnvOr("PGRAPH_VIZ_DIR", BundledFolder(PARTNERGRAPH_VIZ_DIR, "viz"));
}

Result<std::vector<std::string>> BundledDataFiles() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(BundledDataDir(), ec)) {
    const fs::path& path = entry.path();
    if (path.extension() == ".json" && path.filename() != "schema.json") {
      files.push_back(path.string());
    }
  }
  if (ec) return Status::NotFound("cannot read the bundled dataset in " + BundledDataDir());
  std::sort(files.begin(), files.end());
  return files;
}

Result<ApplyReport> CreateDatabase(const std::string& path, bool empty, bool force,
                                   const std::string& schema_file) {
  CreateRequest request;
  request.schema_file = schema_file.empty() ? BundledDataDir() + "/schema.json" : schema_file;
  request.replace = force;
  if (!empty) {
    Result<std::vector<std::string>> files = BundledDataFiles();
    if (!files) return files.error();
    request.data_files = std::move(*files);
  }
  return Database::Create(path, request);
}

Result<std::unique_ptr<Database>> OpenDatabase(const GlobalOptions& global, OpenMode mode) {
  const std::string path = DatabasePath(global);
  std::error_code ec;
  if (IsDefaultDatabase(global) && (!fs::exists(path, ec) || IsEmptyDirectory(path))) {
    Result<ApplyReport> created = CreateDatabase(path, /*empty=*/false, /*force=*/false);
    if (!created) return created.error().WithContext("creating the default database " + path);
  }
  DatabaseOptions options;
  options.mode = mode;
  const std::string snapshot = EnvOr("PGRAPH_SNAPSHOT", "");
  if (snapshot == "off") {
    options.use_snapshot = false;
    options.write_snapshot = false;
  }
  return Database::Open(path, options);
}

}  // namespace partnergraph::cli
