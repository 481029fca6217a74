#include "graph/mapped_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <sys/mman.h>
#include <sys/stat.h>

namespace partnergraph::graph {
namespace {

// Owns a file descriptor for the few lines between open() and mmap().
class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

Status ErrnoStatus(const std::string& what, const std::string& path, int error) {
  if (error == ENOENT) return Status::NotFound("no file " + path);
  return Status::IOError("cannot " + what + " " + path + ": " + ErrnoText(error));
}

}  // namespace

Result<std::shared_ptr<const MappedFile>> MappedFile::Open(const std::string& path) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoStatus("open", path, errno);
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return ErrnoStatus("stat", path, errno);
  if (info.st_size <= 0) return Status::Corruption(path + " is empty");
  const auto size = static_cast<size_t>(info.st_size);
  // MAP_POPULATE maps every page in one call rather than one fault at a time;
  // they are in the page cache when the file was recently written or read.
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd.get(), 0);
  if (data == MAP_FAILED) return ErrnoStatus("map", path, errno);
  return std::shared_ptr<const MappedFile>(
      new MappedFile(static_cast<const std::byte*>(data), size));
}

MappedFile::~MappedFile() {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-const-cast): munmap takes void*.
  ::munmap(const_cast<std::byte*>(data_), size_);
}

}  // namespace partnergraph::graph
