// ProgressBar: one line on stderr, redrawn in place, for long imports:
// phase, bar, percentage, counts, rate and time left. Drawn only when stderr
// is a terminal, so scripts, CI and tests see nothing. No Debian package
// offers a C++ progress bar (indicators is not packaged), hence this one.
#ifndef PARTNERGRAPH_CLI_PROGRESS_BAR_H_
#define PARTNERGRAPH_CLI_PROGRESS_BAR_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace partnergraph::cli {

class ProgressBar {
 public:
  // Draws on file descriptor `fd` if it is a terminal; `force` draws anyway
  // (for tests of the format).
  explicit ProgressBar(int fd = 2, bool force = false);
  ~ProgressBar();  // ends the line if one was drawn
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  bool enabled() const { return enabled_; }

  // `done` of `total` units (records or bytes, named by `unit`) of `phase`.
  // A new phase restarts the rate. Redraws at most ten times a second, and
  // always when a phase completes. total 0: no bar, counts only.
  void Update(std::string_view phase, uint64_t done, uint64_t total, std::string_view unit);

  // The line Update would draw, without drawing (for tests).
  static std::string Format(std::string_view phase, uint64_t done, uint64_t total,
                            std::string_view unit, double elapsed_seconds);

 private:
  int fd_;
  bool enabled_;
  bool drawn_ = false;
  std::string phase_;
  std::chrono::steady_clock::time_point phase_start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_PROGRESS_BAR_H_
