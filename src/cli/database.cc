#include "cli/database.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <utility>
#include <vector>

#include "partnergraph/importer.h"
#include "partnergraph/schema.h"

namespace partnergraph::cli {
namespace {

namespace fs = std::filesystem;

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read before threads
  return value != nullptr && *value != '\0' ? value : fallback;
}

// The advice every "damaged" message ends with; the same as the store's.
Status Damaged(const std::string& path, const std::string& detail) {
  return Status::Corruption("database " + path + " is damaged (" + detail +
                            "); restore it from an export (`pgraph import`) into a new "
                            "database, or rebuild the bundled one with `pgraph init --force`");
}

// True when `path` holds files only a RocksDB store has: what is left of a
// store whose CURRENT file is gone is a damaged database, not no database.
bool HoldsStoreFiles(const std::string& path) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("MANIFEST-") || name.starts_with("OPTIONS-") || name == "IDENTITY" ||
        name.ends_with(".sst") || name.ends_with(".log")) {
      return true;
    }
  }
  return false;
}

bool IsEmptyDirectory(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec) && fs::is_empty(path, ec) && !ec;
}

// RocksDB's lock on a store: the LOCK file in its folder, held with a POSIX
// record lock over the whole file (as RocksDB's PosixEnv takes it). Holding
// it keeps every pgraph writer out of the store while `init --force`
// replaces it. Released when destroyed; closing any other descriptor of the
// same file in this process would release it too, so nothing else opens it.
class StoreLock {
 public:
  static Result<StoreLock> Acquire(const std::string& path) {
    const std::string lock_path = (fs::path(path) / "LOCK").string();
    StoreLock lock;
    lock.fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock.fd_ < 0) {
      return Status::IOError("cannot open " + lock_path + ": " + std::strerror(errno));
    }
    struct flock whole_file = {};
    whole_file.l_type = F_WRLCK;
    whole_file.l_whence = SEEK_SET;
    if (::fcntl(lock.fd_, F_SETLK, &whole_file) != 0) {
      if (errno == EAGAIN || errno == EACCES) {
        return Status::Busy("database " + path +
                            " is in use by another process (another pgraph is writing it); "
                            "try again when it has finished");
      }
      return Status::IOError("cannot lock " + lock_path + ": " + std::strerror(errno));
    }
    return lock;
  }

  StoreLock() = default;
  StoreLock(StoreLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  StoreLock& operator=(StoreLock&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;
  ~StoreLock() {
    if (fd_ >= 0) ::close(fd_);
  }

 private:
  int fd_ = -1;
};

// Where `init` builds a new database before swapping it in, named after the
// process so that leftovers of a killed init can be told apart.
constexpr std::string_view kStagingInfix = ".init-";

std::string StagingPath(const std::string& path) {
  return path + std::string(kStagingInfix) + std::to_string(::getpid());
}

// Removes the staging folders of inits that were killed: those whose process
// is gone. A live process's folder is its own business.
void RemoveAbandonedStaging(const std::string& path) {
  const fs::path target(path);
  const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string prefix = target.filename().string() + std::string(kStagingInfix);
  std::error_code ec;
  std::vector<fs::path> abandoned;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    abandoned.push_back(entry.path());
  }
  for (const fs::path& folder : abandoned) fs::remove_all(folder, ec);
}

// Makes a rename durable: the directory entry itself is synced.
void SyncDirectory(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// What a read-only open of a RocksDB store reads and a writer may change
// under it: CURRENT, the MANIFEST (appended to at each flush or compaction)
// and the set of write-ahead logs. A log may grow meanwhile: RocksDB reads
// it up to its last whole record, and each import is one record.
std::string FilesAReaderDependsOn(const std::string& path) {
  std::string state;
  std::error_code ec;
  std::ifstream current(fs::path(path) / "CURRENT", std::ios::binary);
  state.assign(std::istreambuf_iterator<char>(current), std::istreambuf_iterator<char>());
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("MANIFEST-")) {
      std::error_code size_ec;
      files.push_back(name + " " + std::to_string(entry.file_size(size_ec)));
    } else if (name.ends_with(".log")) {
      files.push_back(name);
    }
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) state += "\n" + file;
  return state;
}

// Opens `path`, telling a damaged store (files but no CURRENT, or a file the
// manifest lists gone) from a missing one.
//
// Readers run beside a writer, whose flushes and compactions replace files:
// a read-only open that overlaps one may find a file gone, or combine a
// manifest from before a flush with the logs from after it and miss data
// (tests/integration/concurrency_test). So a reader checks that nothing it
// depends on changed while it opened, and opens again if it did; once open,
// it holds every file it needs. A damaged store fails the same way every
// time, and is reported after a few tries.
Result<std::unique_ptr<Store>> OpenStore(const std::string& path, OpenMode mode) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + std::chrono::seconds(10);
  std::error_code ec;
  for (int attempt = 1;; ++attempt) {
    if (!fs::exists(fs::path(path) / "CURRENT", ec) && HoldsStoreFiles(path)) {
      return Damaged(path, "its CURRENT file is missing");
    }
    const bool reader = mode == OpenMode::kReadOnly;
    const std::string files_before = reader ? FilesAReaderDependsOn(path) : "";
    Result<std::unique_ptr<Store>> store = Store::Open(path, mode);
    const bool files_changed = reader && FilesAReaderDependsOn(path) != files_before;
    if (store && !files_changed) return store;
    const Status error = store ? Status::Ok() : store.error();
    const bool file_missing = error.code() == StatusCode::kIOError &&
                              error.message().find("No such file") != std::string::npos;
    // Damage fails the same way with no writer about; a file gone or
    // garbled while nothing changed gets two more tries, not ten seconds.
    constexpr int kTriesForDamage = 3;
    const bool may_be_a_race =
        files_changed ||
        ((file_missing || error.code() == StatusCode::kCorruption) && attempt < kTriesForDamage);
    if (reader && may_be_a_race && Clock::now() < deadline) {
      store = Status::Busy("retrying");  // closes the store before waiting
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(5 * attempt, 100)));
      continue;
    }
    if (files_changed) {
      return Status::Busy("database " + path +
                          " kept changing while it was being opened (another pgraph is "
                          "writing it); try again when it has finished");
    }
    if (file_missing) {
      const std::string& message = error.message();
      const size_t detail = message.find("IO error: ");
      return Damaged(path, "a file is missing: " +
                               (detail == std::string::npos ? message : message.substr(detail)));
    }
    return error;
  }
}

}  // namespace

std::string DatabasePath(const GlobalOptions& global) {
  if (!global.db.empty()) return global.db;
  const std::string from_env = EnvOr("PGRAPH_DB", "");
  if (!from_env.empty()) return from_env;
  std::string data_home = EnvOr("XDG_DATA_HOME", "");
  if (data_home.empty()) data_home = EnvOr("HOME", ".") + "/.local/share";
  return data_home + "/partnergraph/default.db";
}

bool IsDefaultDatabase(const GlobalOptions& global) {
  return global.db.empty() && EnvOr("PGRAPH_DB", "").empty();
}

std::string BundledDataDir() { return EnvOr("PGRAPH_DATA_DIR", PARTNERGRAPH_DATA_DIR); }
std::string BundledVizDir() { return EnvOr("PGRAPH_VIZ_DIR", PARTNERGRAPH_VIZ_DIR); }

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

Result<ApplyReport> CreateDatabase(const std::string& path, bool empty, bool force) {
  std::error_code ec;
  RemoveAbandonedStaging(path);
  const bool exists = fs::exists(path, ec);
  if (exists && !fs::is_directory(path, ec)) {
    return Status::InvalidArgument(path + " exists and is not a directory");
  }
  if (exists && !force && !IsEmptyDirectory(path)) {
    if (fs::exists(fs::path(path) / "CURRENT", ec)) {
      return Status::InvalidArgument("a database already exists at " + path +
                                     " (use --force to replace it)");
    }
    if (HoldsStoreFiles(path)) {
      return Damaged(path, "its CURRENT file is missing; `pgraph init --force` replaces it");
    }
    return Status::InvalidArgument(path +
                                   " is a folder that is not a database; give another "
                                   "path, or use --force to replace it");
  }
  Result<Schema> schema = Schema::LoadFile(BundledDataDir() + "/schema.json");
  if (!schema) return schema.error();

  // Keep every writer out of the old database from now until it is
  // replaced, so that no import lands in it and is lost; and say at once if
  // one is running.
  StoreLock lock;
  if (exists) {
    Result<StoreLock> locked = StoreLock::Acquire(path);
    if (!locked) return locked.error();
    lock = std::move(*locked);
  }

  // Build beside the target, then swap: the old database stays whole and
  // usable until the new one is complete.
  const std::string staging = StagingPath(path);
  fs::remove_all(staging, ec);
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  ApplyReport report;
  {
    Result<std::unique_ptr<Store>> store = Store::Create(staging, *schema);
    if (!store) {
      fs::remove_all(staging, ec);
      return store.error();
    }
    if (!empty) {
      Result<std::vector<std::string>> files = BundledDataFiles();
      Result<ApplyReport> applied =
          files ? ImportFiles(**store, *files, ImportOptions()) : files.error();
      if (!applied) {
        store->reset();
        fs::remove_all(staging, ec);
        return applied.error();
      }
      report = *applied;
    }
  }
  // One atomic step: a kill before it leaves the old database, after it the
  // new one; never a moment with neither (removing the old one first would
  // leave one). The old one, now at `staging`, is removed afterwards; a
  // kill during that leaves a folder the next init removes.
  const unsigned int flags = exists ? RENAME_EXCHANGE : RENAME_NOREPLACE;
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, path.c_str(), flags) == 0) {
    SyncDirectory(parent);
    if (exists) fs::remove_all(staging, ec);
    return report;
  }
  const int rename_error = errno;
  std::string reason = std::strerror(rename_error);
  if (rename_error == EINVAL || rename_error == ENOSYS) {
    // A file system without atomic exchange: move the old database aside
    // first. A kill between the two renames leaves it at `aside` (which the
    // next init leaves alone), to be renamed back by hand.
    const std::string aside = path + ".old-" + std::to_string(::getpid());
    if (exists) fs::rename(path, aside, ec);
    if (!ec) fs::rename(staging, path, ec);
    if (!ec) {
      SyncDirectory(parent);
      if (exists) fs::remove_all(aside, ec);
      return report;
    }
    reason = ec.message();
  }
  fs::remove_all(staging, ec);
  return Status::IOError("cannot move the new database into " + path + ": " + reason);
}

Result<std::unique_ptr<Store>> OpenForQuery(const GlobalOptions& global) {
  const std::string path = DatabasePath(global);
  std::error_code ec;
  if (IsDefaultDatabase(global) && (!fs::exists(path, ec) || IsEmptyDirectory(path))) {
    Result<ApplyReport> created = CreateDatabase(path, /*empty=*/false, /*force=*/false);
    if (!created) return created.error().WithContext("creating the default database " + path);
  }
  return OpenStore(path, OpenMode::kReadOnly);
}

Result<std::unique_ptr<Store>> OpenForWrite(const GlobalOptions& global) {
  const std::string path = DatabasePath(global);
  std::error_code ec;
  if (IsDefaultDatabase(global) && (!fs::exists(path, ec) || IsEmptyDirectory(path))) {
    Result<ApplyReport> created = CreateDatabase(path, /*empty=*/false, /*force=*/false);
    if (!created) return created.error().WithContext("creating the default database " + path);
  }
  return OpenStore(path, OpenMode::kReadWrite);
}

}  // namespace partnergraph::cli
