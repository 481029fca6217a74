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

// Files RocksDB writes only once it holds data: not the LOCK or info log a
// failed open may leave.
bool IsDataFileName(std::string_view name) {
  return name == "CURRENT" || name == "IDENTITY" || name.starts_with("MANIFEST-") ||
         name.starts_with("OPTIONS-") || name.ends_with(".sst") || name.ends_with(".log") ||
         name.ends_with(".blob");
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
  if (name == "LOCK" || name.starts_with("LOG") || name == kLastWriteFile) return true;
  // RocksDB's temporaries (NNNNNN.dbtmp, OPTIONS-N.dbtmp), ours (NAME.tmp.PID.N),
  // the graph snapshot and the folder of a bulk import's table files.
  if (name.ends_with(".dbtmp") || name.starts_with("topology.snapshot.tmp.") ||
      name.starts_with("LAST_WRITE.tmp.")) {
    return true;
  }
  return name == "topology.snapshot" || name == "bulk-import.tmp";
}

bool HoldsStoreFiles(const std::string& path) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    if (name != "CURRENT" && IsDataFileName(name)) return true;
  }
  return false;
}

bool HoldsOnlyStoreFiles(const std::string& path) {
  std::error_code ec;
  bool data = false;
  fs::directory_iterator entries(path, ec);
  if (ec) return false;
  for (const auto& entry : entries) {
    const std::string name = entry.path().filename().string();
    if (!IsStoreFileName(name)) return false;
    data = data || IsDataFileName(name);
  }
  return data;
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
    return Status::IOError("cannot read " + file.string() + ": " + std::strerror(errno));
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
