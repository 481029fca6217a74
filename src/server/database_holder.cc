#include "server/database_holder.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include <sys/stat.h>

namespace partnergraph::server {

Result<std::unique_ptr<DatabaseHolder>> DatabaseHolder::Open(const std::string& path) {
  std::unique_ptr<DatabaseHolder> holder(new DatabaseHolder(path));
  // The fingerprint before the open: a change during it shows at the next check.
  holder->fingerprint_ = holder->Fingerprint();
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  if (!db) return db.error();
  holder->database_ = std::move(*db);
  holder->checked_ = std::chrono::steady_clock::now();
  return holder;
}

std::string DatabaseHolder::Fingerprint() const {
  std::error_code ec;
  std::vector<std::string> entries;
  for (std::filesystem::directory_iterator it(path_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool opened_from = name == "CURRENT" || name.starts_with("MANIFEST-") ||
                             (name.size() > 4 && name.ends_with(".log"));
    if (!opened_from) continue;
    struct stat info {};
    if (::stat(it->path().c_str(), &info) != 0) continue;
    entries.push_back(name + ":" + std::to_string(info.st_ino) + ":" +
                      std::to_string(info.st_size) + ":" + std::to_string(info.st_mtim.tv_sec) +
                      "." + std::to_string(info.st_mtim.tv_nsec));
  }
  // The folder itself: `init --force` swaps in a new one.
  struct stat folder {};
  if (::stat(path_.c_str(), &folder) == 0) entries.push_back(std::to_string(folder.st_ino));
  std::sort(entries.begin(), entries.end());
  std::string fingerprint;
  for (const std::string& entry : entries) fingerprint += entry + "\n";
  return fingerprint;
}

std::shared_ptr<const Database> DatabaseHolder::Current() {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (now - checked_ < kCheckInterval) return database_;
  checked_ = now;
  std::string fingerprint = Fingerprint();
  if (fingerprint == fingerprint_) return database_;
  // Open checks that nothing changed while it opened and retries, so the
  // new Database holds one whole state of the store.
  Result<std::unique_ptr<Database>> db = Database::Open(path_);
  if (db) {
    database_ = std::move(*db);
    fingerprint_ = std::move(fingerprint);
  }
  return database_;
}

}  // namespace partnergraph::server
