#include "store/store_folder.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>
#include <vector>

#include <rocksdb/env.h>

#include "partnergraph/atomic_file.h"

#include "store/rocks_status.h"

namespace partnergraph::store {
namespace {

namespace fs = std::filesystem;

constexpr const char* kLastWriteFile = "LAST_WRITE";
constexpr std::string_view kLastWriteHeader = "partnergraph-last-write 1\n";

bool IsDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether `name` is PREFIX then digits then SUFFIX: RocksDB numbers its files.
bool IsNumbered(std::string_view name, std::string_view prefix, std::string_view suffix) {
  if (name.size() < prefix.size() + suffix.size() || !name.starts_with(prefix) ||
      !name.ends_with(suffix)) {
    return false;
  }
  return IsDigits(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
}

// NAME.tmp.PID.N: the temporary AtomicFile writes before renaming it to NAME.
bool IsAtomicFileTemporary(std::string_view name, std::string_view destination) {
  const std::string prefix = std::string(destination) + ".tmp.";
  if (!name.starts_with(prefix)) return false;
  const std::string_view rest = name.substr(prefix.size());
  const size_t dot = rest.find('.');
  return dot != std::string_view::npos && IsDigits(rest.substr(0, dot)) &&
         IsDigits(rest.substr(dot + 1));
}

// Files RocksDB writes only once it holds data: not the LOCK or info log a
// failed open may leave. Exact names only: a user's `app.log` or `LOGS` is
// not RocksDB's.
bool IsDataFileName(std::string_view name) {
  return name == "CURRENT" || name == "IDENTITY" || IsNumbered(name, "MANIFEST-", "") ||
         IsNumbered(name, "OPTIONS-", "") || IsNumbered(name, "", ".sst") ||
         IsNumbered(name, "", ".log") || IsNumbered(name, "", ".blob");
}

// The one folder PartnerGraph makes inside a store: a bulk import's table
// files before they are ingested. Any other folder is the user's.
constexpr std::string_view kBulkImportFolder = "bulk-import.tmp";

// Whether the folder entry `entry` of a store may be replaced: a store file
// (a regular file, not a folder of that name), or PartnerGraph's own folder
// holding only the numbered table files it writes there.
bool IsReplaceableEntry(const fs::directory_entry& entry) {
  const std::string name = entry.path().filename().string();
  std::error_code ec;
  const fs::file_status status = entry.symlink_status(ec);
  if (ec) return false;
  if (fs::is_directory(status)) {
    if (name != kBulkImportFolder) return false;
    fs::directory_iterator tables(entry.path(), ec);
    if (ec) return false;
    for (const auto& table : tables) {
      const fs::file_status table_status = table.symlink_status(ec);
      if (ec || !fs::is_regular_file(table_status) ||
          !IsNumbered(table.path().filename().string(), "", ".sst")) {
        return false;
      }
    }
    return true;
  }
  return fs::is_regular_file(status) && IsStoreFileName(name);
}

}  // namespace

Status Damaged(const std::string& path, const std::string& detail) {
  return Status::Corruption("database " + path + " is damaged (" + detail +
                            "); restore it from an export (`pgraph import`) into a new "
                            "database, or rebuild the bundled one with `pgraph init --force`");
}

Status InUse(const std::string& path) {
  return Status::Busy("database " + path +
                      " is in use by another process (another pgraph is writing it); "
                      "try again when it has finished");
}

bool IsStoreFileName(std::string_view name) {
  if (IsDataFileName(name)) return true;
  if (name == "LOCK" || name == "LOG" || IsNumbered(name, "LOG.old.", "") ||
      name == kLastWriteFile || name == "topology.snapshot" || name == "records.snapshot") {
    return true;
  }
  // RocksDB's temporaries (NNNNNN.dbtmp for CURRENT and IDENTITY,
  // OPTIONS-N.dbtmp) and ours (NAME.tmp.PID.N, from AtomicFile).
  return IsNumbered(name, "", ".dbtmp") || IsNumbered(name, "OPTIONS-", ".dbtmp") ||
         IsAtomicFileTemporary(name, "topology.snapshot") ||
         IsAtomicFileTemporary(name, "records.snapshot") ||
         IsAtomicFileTemporary(name, kLastWriteFile);
}

bool HoldsStoreFiles(const std::string& path) {
  std::error_code ec;
  bool identity = false;
  bool manifest = false;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    identity = identity || name == "IDENTITY";
    manifest = manifest || IsNumbered(name, "MANIFEST-", "");
  }
  return identity && manifest;
}

bool HoldsOnlyStoreFiles(const std::string& path) {
  std::error_code ec;
  bool current_or_identity = false;
  bool manifest = false;
  fs::directory_iterator entries(path, ec);
  if (ec) return false;
  for (const auto& entry : entries) {
    if (!IsReplaceableEntry(entry)) return false;
    const std::string name = entry.path().filename().string();
    current_or_identity = current_or_identity || name == "CURRENT" || name == "IDENTITY";
    manifest = manifest || IsNumbered(name, "MANIFEST-", "");
  }
  // A lock, an info log or a stray table is not yet a store: only a folder
  // RocksDB has described (a manifest, and CURRENT or the IDENTITY it writes
  // with it) is one, even when part of it is damaged.
  return current_or_identity && manifest;
}

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

Result<StoreLock> StoreLock::Acquire(const std::string& path) {
  rocksdb::FileLock* lock = nullptr;
  rocksdb::Status rs = rocksdb::Env::Default()->LockFile((fs::path(path) / "LOCK").string(), &lock);
  if (!rs.ok()) return FromRocksDb(rs, path);
  StoreLock held;
  held.lock_ = lock;
  return held;
}

StoreLock::StoreLock(StoreLock&& other) noexcept : lock_(std::exchange(other.lock_, nullptr)) {}

StoreLock& StoreLock::operator=(StoreLock&& other) noexcept {
  std::swap(lock_, other.lock_);
  return *this;
}

StoreLock::~StoreLock() {
  if (lock_ != nullptr) {
    rocksdb::Env::Default()
        ->UnlockFile(static_cast<rocksdb::FileLock*>(lock_))
        .PermitUncheckedError();
  }
}

Result<std::optional<uint64_t>> ReadLastWrite(const std::string& path) {
  const fs::path file = fs::path(path) / kLastWriteFile;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!fs::exists(file, ec)) return std::optional<uint64_t>();
    return Status::IOError("cannot read " + file.string() + ": " + ErrnoText(errno));
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  constexpr std::string_view kSequence = "sequence ";
  const std::string_view rest = std::string_view(text).substr(
      std::min(text.size(), kLastWriteHeader.size() + kSequence.size()));
  if (!text.starts_with(std::string(kLastWriteHeader) + std::string(kSequence)) ||
      !rest.ends_with('\n') || !IsDigits(rest.substr(0, rest.size() - 1)) || rest.size() > 21) {
    return Damaged(path, "its record of the last write, " + file.string() + ", is unreadable");
  }
  return std::optional<uint64_t>(std::stoull(std::string(rest.substr(0, rest.size() - 1))));
}

Status WriteLastWrite(const std::string& path, uint64_t sequence) {
  return WriteFileAtomically(
      (fs::path(path) / kLastWriteFile).string(),
      std::string(kLastWriteHeader) + "sequence " + std::to_string(sequence) + "\n");
}

}  // namespace partnergraph::store
