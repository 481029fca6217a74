// A pgraph child process started with posix_spawn, for the tests that need to
// time it, run many at once or kill it (crash, concurrency): the shell that
// PgraphRunner::Run goes through would add its own start-up time and hide
// the signal.
#ifndef PARTNERGRAPH_TESTS_INTEGRATION_CHILD_PROCESS_H_
#define PARTNERGRAPH_TESTS_INTEGRATION_CHILD_PROCESS_H_

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace partnergraph::testing {

// How a child ended.
struct ChildExit {
  int exit_code = -1;  // when it exited by itself
  int signal = 0;      // when a signal ended it (SIGKILL for a kill)
  std::string out;
  std::string err;
  std::chrono::microseconds elapsed{0};  // from start to the end being seen
  int64_t max_rss_kb = 0;                // peak resident memory (getrusage)

  bool exited() const { return signal == 0; }
};

// One running child. Its stdout and stderr go to files in `scratch_dir`; its
// environment is the test's, without PGRAPH_DB, with HOME and XDG_DATA_HOME
// pointing into `scratch_dir` (as PgraphRunner does). The destructor kills
// and reaps a child still running, so a failed assertion leaves none behind.
class ChildProcess {
 public:
  // Starts `binary` with `args`. Fails the process-level call only if
  // posix_spawn does; check started().
  ChildProcess(const std::string& binary, const std::vector<std::string>& args,
               const std::filesystem::path& scratch_dir);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  std::chrono::steady_clock::time_point start_time() const { return start_; }

  // True once the child has ended (reaps it without blocking).
  bool HasEnded();
  // Sends SIGKILL if the child is still running; true if the signal was sent
  // to a live child (it may still have been about to exit).
  bool Kill();
  // Waits for the end, reading what it printed.
  ChildExit Wait();
  // Waits at most `timeout`; nullopt if it is still running then.
  std::optional<ChildExit> WaitFor(std::chrono::milliseconds timeout);

 private:
  ChildExit Collect();

  pid_t pid_ = -1;
  bool reaped_ = false;
  int wait_status_ = 0;
  int64_t max_rss_kb_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point end_;
  std::filesystem::path out_path_;
  std::filesystem::path err_path_;
};

// Total bytes of the regular files in `dir` and its subfolders (a bulk
// import writes its table files in one); 0 if absent.
uint64_t FolderBytes(const std::filesystem::path& dir);

// The names of the regular files in `dir`, sorted.
std::vector<std::string> FolderFiles(const std::filesystem::path& dir);

// Replaces `to` by a copy of the folder `from` (a closed store).
void CopyFolder(const std::filesystem::path& from, const std::filesystem::path& to);

// An integer from the environment, for test sizes a developer may raise
// (e.g. PGRAPH_CRASH_KILLS=300); `fallback` when unset or not a number.
int64_t EnvInt(const char* name, int64_t fallback);

// True when built with AddressSanitizer (or another slowing sanitizer): tests
// then scale their sizes down to fit CI's time.
constexpr bool kSanitized =
#if defined(__SANITIZE_ADDRESS__)
    true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    true;
#else
    false;
#endif
#else
    false;
#endif

}  // namespace partnergraph::testing

#endif  // PARTNERGRAPH_TESTS_INTEGRATION_CHILD_PROCESS_H_
