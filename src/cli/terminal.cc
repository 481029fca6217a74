#include "cli/terminal.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <iostream>

#include <sys/ioctl.h>
#include <sys/wait.h>

namespace partnergraph::cli {
namespace {

// NOLINTBEGIN(concurrency-mt-unsafe): read once, before any thread starts.
const char* Env(const char* name) { return std::getenv(name); }

bool ColourAllowed() {
  const char* no_colour = Env("NO_COLOR");
  if (no_colour != nullptr && *no_colour != '\0') return false;
  const char* term = Env("TERM");
  return term == nullptr || std::string_view(term) != "dumb";
}

// The terminal's height; 0 when it has no window size (a pseudo-terminal
// nobody sized, as script(1) makes without a terminal of its own).
size_t RowsNow() {
  winsize size{};
  return ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 ? size.ws_row : 0;
}

size_t ColumnsNow() {
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  const char* columns = Env("COLUMNS");
  if (columns == nullptr) return 0;
  char* end = nullptr;
  const unsigned long value = std::strtoul(columns, &end, 10);
  return end != columns && *end == '\0' ? static_cast<size_t>(value) : 0;
}
// NOLINTEND(concurrency-mt-unsafe)

// Taken on first use, which comes before a pager replaces stdout.
struct Terminal {
  bool stdout_terminal = ::isatty(STDOUT_FILENO) == 1;
  bool stderr_terminal = ::isatty(STDERR_FILENO) == 1;
  size_t columns = stdout_terminal ? ColumnsNow() : 0;
  size_t rows = stdout_terminal ? RowsNow() : 0;
  bool colour_allowed = ColourAllowed();
};

const Terminal& State() {
  static const Terminal kTerminal;
  return kTerminal;
}

pid_t pager_pid = -1;

void WaitForPager() {
  if (pager_pid <= 0) return;
  std::cout.flush();
  std::cerr.flush();
  // The pager reads to the end of its input: close every copy of it.
  ::close(STDOUT_FILENO);
  ::close(STDERR_FILENO);
  int status = 0;
  while (::waitpid(pager_pid, &status, 0) < 0 && errno == EINTR) {
  }
  pager_pid = -1;
}

}  // namespace

bool StdoutIsTerminal() { return State().stdout_terminal; }

size_t TerminalColumns() { return State().columns; }

bool ColourOnStdout() { return State().stdout_terminal && State().colour_allowed; }

bool ColourOnStderr() { return State().stderr_terminal && State().colour_allowed; }

std::string Bold(std::string_view text) {
  if (!ColourOnStdout() || text.empty()) return std::string(text);
  return "\x1b[1m" + std::string(text) + "\x1b[0m";
}

std::string DimNote(std::string_view text) {
  if (!ColourOnStderr() || text.empty()) return std::string(text);
  return "\x1b[2m" + std::string(text) + "\x1b[0m";
}

bool StartPager() {
  // A terminal without a size has nobody paging through it: a pager would
  // wait for keys that never come.
  if (!StdoutIsTerminal() || State().rows == 0 || pager_pid > 0) return false;
  // NOLINTBEGIN(concurrency-mt-unsafe): one thread yet.
  const char* command = Env("PGRAPH_PAGER");
  if (command == nullptr) command = Env("PAGER");
  if (command == nullptr) command = "less -FRX";
  if (*command == '\0' || std::string_view(command) == "cat") return false;
  int pipe_ends[2];
  if (::pipe(pipe_ends) != 0) return false;
  std::cout.flush();
  std::cerr.flush();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipe_ends[0]);
    ::close(pipe_ends[1]);
    return false;
  }
  if (pid == 0) {
    ::dup2(pipe_ends[0], STDIN_FILENO);
    ::close(pipe_ends[0]);
    ::close(pipe_ends[1]);
    ::setenv("LESS", "FRX", /*overwrite=*/0);
    ::execl("/bin/sh", "sh", "-c", command, static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // NOLINTEND(concurrency-mt-unsafe)
  ::dup2(pipe_ends[1], STDOUT_FILENO);
  if (State().stderr_terminal) ::dup2(pipe_ends[1], STDERR_FILENO);
  ::close(pipe_ends[0]);
  ::close(pipe_ends[1]);
  pager_pid = pid;
  std::atexit(WaitForPager);
  return true;
}

}  // namespace partnergraph::cli
