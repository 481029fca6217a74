// Writing a file so that a reader, a crash or a failed write never sees half
// of it: the one way PartnerGraph writes the files a user names (exports,
// pictures) and its own (the graph snapshot, the store's state record).
#ifndef PARTNERGRAPH_ATOMIC_FILE_H_
#define PARTNERGRAPH_ATOMIC_FILE_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "partnergraph/status.h"

namespace partnergraph {

// A file written beside its destination and moved into place by Commit():
// the content is synced, renamed over the destination, and the folder synced,
// so after a crash the destination holds its old content or all the new one.
// Destroyed without Commit(), it removes what it wrote and leaves the
// destination alone.
//
// Destinations that are not regular files are respected: through a symbolic
// link the link's target is replaced (the link stays a link); a destination
// that exists and is not a regular file (a device such as /dev/full or
// /dev/stdout, a FIFO) is written in place, since renaming over it would
// replace the device with a file. Then Commit() flushes and reports errors but
// cannot be atomic.
//
// Not thread-safe: one thread writes one AtomicFile. Different AtomicFiles,
// even for one destination, may be written at once (each has its own
// temporary name); the last Commit() wins.
class AtomicFile {
 public:
  // Opens the temporary file (or the destination itself, as above). Fails
  // with kIOError naming the path and the reason (a missing folder, no
  // permission).
  static Result<std::unique_ptr<AtomicFile>> Open(const std::string& path);

  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Where to write the content. Errors show up in Commit().
  std::ostream& stream();

  // Makes the new content the destination's: kIOError (with the reason: "No
  // space left on device") when any write, the sync or the rename failed,
  // and then the destination is untouched (except in place, see above).
  Status Commit();

  // The file the content goes to in the end (the link's target for a link).
  const std::string& destination() const;

 private:
  struct Impl;
  explicit AtomicFile(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Writes `bytes` to `path` through an AtomicFile.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

// Makes a rename or a new file in `folder` durable by syncing the folder.
// Best effort: a folder that cannot be opened is left alone.
void SyncFolder(const std::string& folder);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_ATOMIC_FILE_H_
