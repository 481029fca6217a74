#include "viz/isolated_render.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include <sys/types.h>
#include <sys/wait.h>

namespace partnergraph::viz {
namespace {

// The child's report, in this order: one byte of RenderOutcome, the length
// of the messages (4 bytes, host order), the messages, then the data to EOF.
constexpr size_t kHeaderBytes = 1 + sizeof(uint32_t);

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// Runs in the child; never returns.
[[noreturn]] void RenderInChild(GraphvizSession& session, Agraph_t* graph,
                                const std::string& engine, const char* format, int out) {
  // Whatever Graphviz or glibc would print (a crash report) stays out of the
  // caller's terminal: the parent words the failure itself.
  const int null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null_fd >= 0) dup2(null_fd, STDERR_FILENO);

  RenderOutcome outcome = RenderOutcome::kOk;
  char* data = nullptr;
  unsigned int length = 0;
  if (gvLayout(session.context(), graph, engine.c_str()) != 0) {
    outcome = RenderOutcome::kLayoutFailed;
  } else if (gvRenderData(session.context(), graph, format, &data, &length) != 0 ||
             data == nullptr) {
    outcome = RenderOutcome::kRenderFailed;
  } else if (session.had_error()) {
    outcome = RenderOutcome::kReportedErrors;
  }
  const std::string messages = session.messages();
  const auto message_length = static_cast<uint32_t>(messages.size());
  char header[kHeaderBytes];
  header[0] = static_cast<char>(outcome);
  std::memcpy(header + 1, &message_length, sizeof message_length);
  const bool written = WriteAll(out, header, kHeaderBytes) &&
                       WriteAll(out, messages.data(), messages.size()) &&
                       (outcome != RenderOutcome::kOk || WriteAll(out, data, length));
  // No gvFreeLayout, agclose or destructors: freeing the layout is where
  // Graphviz's dot engine double-frees, and the process ends here anyway.
  _exit(written ? 0 : 1);
}

}  // namespace

Result<IsolatedRender> LayOutAndRenderIsolated(GraphvizSession& session, Agraph_t* graph,
                                               const std::string& engine, const char* format) {
  // The context is created (and its configuration read) here, once for the
  // process, rather than again in every child.
  if (session.context() == nullptr) return Status::IOError("Graphviz could not start");
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    return Status::IOError(std::string("cannot create a pipe: ") + ErrnoText(errno));
  }
  const pid_t child = fork();
  if (child < 0) {
    const int error = errno;
    close(fds[0]);
    close(fds[1]);
    return Status::IOError(std::string("cannot start a process: ") + ErrnoText(error));
  }
  if (child == 0) {
    close(fds[0]);
    RenderInChild(session, graph, engine, format, fds[1]);
  }
  close(fds[1]);
  std::string report;
  char buffer[65536];
  for (;;) {
    const ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    report.append(buffer, static_cast<size_t>(n));
  }
  close(fds[0]);
  int wait_status = 0;
  while (waitpid(child, &wait_status, 0) < 0 && errno == EINTR) {
  }
  const bool exited_cleanly = WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0;
  if (!exited_cleanly || report.size() < kHeaderBytes) {
    return Status::IOError("Graphviz failed while laying out or rendering");
  }
  uint32_t message_length = 0;
  std::memcpy(&message_length, report.data() + 1, sizeof message_length);
  if (report.size() < kHeaderBytes + message_length ||
      static_cast<unsigned char>(report[0]) > static_cast<int>(RenderOutcome::kReportedErrors)) {
    return Status::IOError("Graphviz failed while laying out or rendering");
  }
  IsolatedRender result;
  result.outcome = static_cast<RenderOutcome>(report[0]);
  result.messages = report.substr(kHeaderBytes, message_length);
  result.data = report.substr(kHeaderBytes + message_length);
  return result;
}

}  // namespace partnergraph::viz
