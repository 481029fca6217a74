#include "integration/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <sys/resource.h>
#include <sys/wait.h>

extern char** environ;  // NOLINT: POSIX declares it nowhere else

namespace partnergraph::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The environment a child gets: ours without PGRAPH_DB, HOME and
// XDG_DATA_HOME, which point into the scratch folder instead.
std::vector<std::string> ChildEnvironment(const fs::path& scratch_dir) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    if (text.starts_with("PGRAPH_DB=") || text.starts_with("HOME=") ||
        text.starts_with("XDG_DATA_HOME=")) {
      continue;
    }
    env.emplace_back(text);
  }
  env.push_back("HOME=" + scratch_dir.string());
  env.push_back("XDG_DATA_HOME=" + (scratch_dir / "xdg").string());
  return env;
}

std::vector<char*> Pointers(std::vector<std::string>& texts) {
  std::vector<char*> pointers;
  pointers.reserve(texts.size() + 1);
  for (std::string& text : texts) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

}  // namespace

ChildProcess::ChildProcess(const std::string& binary, const std::vector<std::string>& args,
                           const fs::path& scratch_dir) {
  static int counter = 0;
  const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(++counter);
  out_path_ = scratch_dir / ("child-" + tag + ".out");
  err_path_ = scratch_dir / ("child-" + tag + ".err");

  std::vector<std::string> argv_texts = {binary};
  argv_texts.insert(argv_texts.end(), args.begin(), args.end());
  std::vector<std::string> env_texts = ChildEnvironment(scratch_dir);
  std::vector<char*> argv = Pointers(argv_texts);
  std::vector<char*> envp = Pointers(env_texts);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  start_ = std::chrono::steady_clock::now();
  pid_t pid = -1;
  if (posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), envp.data()) == 0) {
    pid_ = pid;
  }
  posix_spawn_file_actions_destroy(&actions);
}

ChildProcess::~ChildProcess() {
  if (!started() || reaped_) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &wait_status_, 0);
}

bool ChildProcess::HasEnded() {
  if (!started() || reaped_) return true;
  int status = 0;
  struct rusage usage = {};
  const pid_t done = ::wait4(pid_, &status, WNOHANG, &usage);
  if (done == pid_) {
    end_ = std::chrono::steady_clock::now();
    wait_status_ = status;
    max_rss_kb_ = usage.ru_maxrss;
    reaped_ = true;
  }
  return reaped_;
}

bool ChildProcess::Kill() {
  if (HasEnded()) return false;
  // Not reaped, so the pid cannot have been reused: the signal reaches our
  // child, alive or a zombie that exited a moment ago.
  return ::kill(pid_, SIGKILL) == 0;
}

ChildExit ChildProcess::Wait() {
  if (started() && !reaped_) {
    int status = 0;
    struct rusage usage = {};
    while (::wait4(pid_, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    end_ = std::chrono::steady_clock::now();
    wait_status_ = status;
    max_rss_kb_ = usage.ru_maxrss;
    reaped_ = true;
  }
  return Collect();
}

std::optional<ChildExit> ChildProcess::WaitFor(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!HasEnded()) {
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return Collect();
}

ChildExit ChildProcess::Collect() {
  ChildExit result;
  if (!started()) {
    result.err = "posix_spawn failed";
    return result;
  }
  if (WIFEXITED(wait_status_)) result.exit_code = WEXITSTATUS(wait_status_);
  if (WIFSIGNALED(wait_status_)) result.signal = WTERMSIG(wait_status_);
  result.out = ReadWhole(out_path_);
  result.err = ReadWhole(err_path_);
  result.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(end_ - start_);
  result.max_rss_kb = max_rss_kb_;
  std::error_code ec;
  fs::remove(out_path_, ec);
  fs::remove(err_path_, ec);
  return result;
}

uint64_t FolderBytes(const fs::path& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    std::error_code size_ec;
    const uintmax_t size = it->file_size(size_ec);  // files may vanish meanwhile
    if (!size_ec) total += size;
  }
  return total;
}

std::vector<std::string> FolderFiles(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

void CopyFolder(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::remove_all(to, ec);
  fs::copy(from, to, fs::copy_options::recursive);
}

int64_t EnvInt(const char* name, int64_t fallback) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): tests, one thread
  if (value == nullptr || *value == '\0') return fallback;
  char* end = nullptr;
  const long long parsed = std::strtoll(value, &end, 10);
  return end != nullptr && *end == '\0' ? parsed : fallback;
}

}  // namespace partnergraph::testing
