#include "partnergraph/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <sys/stat.h>

namespace partnergraph {
namespace {

namespace fs = std::filesystem;

std::string Reason(int error) { return ErrnoText(error); }

// The file a write to `path` should end up in: the target of a link (links
// of links followed), else `path` itself. The links are read one by one, not
// through weakly_canonical, because that stops at a link whose target does not
// exist yet, and the rename would then replace the link by a regular file;
// writing through a dangling link creates its target, as `>` in a shell does.
std::string ResolveLinks(const std::string& path) {
  // The kernel's own bound (Linux's MAXSYMLINKS): beyond it, a loop.
  constexpr int kMaxLinks = 40;
  fs::path file = path;
  std::error_code ec;
  for (int links = 0; links < kMaxLinks; ++links) {
    if (!fs::is_symlink(fs::symlink_status(file, ec))) return file.string();
    fs::path target = fs::read_symlink(file, ec);
    if (ec) return file.string();
    // A relative target is relative to the link's folder, not to ours.
    file = target.is_absolute() ? target : file.parent_path() / target;
  }
  // A loop of links: open() then fails with ELOOP and says so.
  return path;
}

// Syncs a file's data through a descriptor of its own: std::ofstream offers
// none, and fsync applies to the file whichever descriptor asks.
int SyncFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  const int result = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return result;
}

}  // namespace

struct AtomicFile::Impl {
  std::string destination;
  std::string temporary;  // empty when writing in place
  std::ofstream out;
  bool committed = false;
};

AtomicFile::AtomicFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

AtomicFile::~AtomicFile() {
  if (impl_->committed || impl_->temporary.empty()) return;
  impl_->out.close();
  ::unlink(impl_->temporary.c_str());
}

Result<std::unique_ptr<AtomicFile>> AtomicFile::Open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  impl->destination = ResolveLinks(path);
  struct stat info = {};
  const bool exists = ::stat(impl->destination.c_str(), &info) == 0;
  if (exists && S_ISDIR(info.st_mode)) {
    return Status::IOError("cannot write " + path + ": it is a folder");
  }
  std::string target = impl->destination;
  if (!exists || S_ISREG(info.st_mode)) {
    // pid and a per-process counter: concurrent writers never share a file.
    static std::atomic<uint64_t> counter{0};
    impl->temporary = impl->destination + ".tmp." + std::to_string(::getpid()) + "." +
                      std::to_string(counter.fetch_add(1));
    target = impl->temporary;
  }
  errno = 0;
  impl->out.open(target, std::ios::binary | std::ios::trunc);
  if (!impl->out) {
    const int error = errno;
    return Status::IOError("cannot write " + path + ": " +
                           (error != 0 ? Reason(error) : std::string("cannot open it")));
  }
  return std::unique_ptr<AtomicFile>(new AtomicFile(std::move(impl)));
}

std::ostream& AtomicFile::stream() { return impl_->out; }
const std::string& AtomicFile::destination() const { return impl_->destination; }

Status AtomicFile::Commit() {
  Impl& d = *impl_;
  errno = 0;
  d.out.flush();
  d.out.close();
  if (d.out.fail()) {
    const int error = errno;
    return Status::IOError("cannot write " + d.destination + ": " +
                           (error != 0 ? Reason(error) : std::string("the write failed")));
  }
  if (d.temporary.empty()) {
    d.committed = true;
    return Status::Ok();
  }
  if (int error = SyncFile(d.temporary); error != 0) {
    return Status::IOError("cannot write " + d.destination + ": " + Reason(error));
  }
  if (::rename(d.temporary.c_str(), d.destination.c_str()) != 0) {
    return Status::IOError("cannot move " + d.temporary + " to " + d.destination + ": " +
                           Reason(errno));
  }
  d.committed = true;
  SyncFolder(fs::path(d.destination).parent_path().string());
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  Result<std::unique_ptr<AtomicFile>> file = AtomicFile::Open(path);
  if (!file) return file.error();
  (*file)->stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return (*file)->Commit();
}

void SyncFolder(const std::string& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace partnergraph
