#include "cli/progress_bar.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace partnergraph::cli {
namespace {

// 1234 -> "1234", 12345 -> "12.3k", 5000000 -> "5.00M".
std::string Count(double n) {
  char text[32];
  if (n < 10000) {
    std::snprintf(text, sizeof text, "%.0f", n);
  } else if (n < 1e6) {
    std::snprintf(text, sizeof text, "%.1fk", n / 1e3);
  } else if (n < 1e9) {
    std::snprintf(text, sizeof text, "%.2fM", n / 1e6);
  } else {
    std::snprintf(text, sizeof text, "%.2fG", n / 1e9);
  }
  return text;
}

std::string Duration(double seconds) {
  const auto total = static_cast<long>(std::lround(seconds));
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  }
  return text;
}

}  // namespace

ProgressBar::ProgressBar(int fd, bool force) : fd_(fd), enabled_(force || ::isatty(fd) == 1) {}

ProgressBar::~ProgressBar() {
  if (drawn_) {
    const char newline = '\n';
    static_cast<void>(::write(fd_, &newline, 1));
  }
}

std::string ProgressBar::Format(std::string_view phase, uint64_t done, uint64_t total,
                                std::string_view unit, double elapsed_seconds) {
  std::string line(phase);
  line.resize(std::max<size_t>(line.size(), 11), ' ');
  const double rate = elapsed_seconds > 0 ? static_cast<double>(done) / elapsed_seconds : 0;
  if (total > 0) {
    constexpr int kWidth = 30;
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    const auto filled = static_cast<int>(fraction * kWidth);
    line += " [" + std::string(static_cast<size_t>(filled), '#') +
            std::string(static_cast<size_t>(kWidth - filled), '.') + "] ";
    char percent[16];
    std::snprintf(percent, sizeof percent, "%3.0f%%", fraction * 100);
    line += percent;
    line += "  " + Count(static_cast<double>(done)) + "/" + Count(static_cast<double>(total)) +
            " " + std::string(unit);
  } else {
    line += " " + Count(static_cast<double>(done)) + " " + std::string(unit);
  }
  if (rate > 0) line += "  " + Count(rate) + " " + std::string(unit) + "/s";
  if (total > 0 && done < total && rate > 0) {
    line += "  ETA " + Duration(static_cast<double>(total - done) / rate);
  } else if (total > 0 && done >= total) {
    line += "  " + Duration(elapsed_seconds);
  }
  return line;
}

void ProgressBar::Update(std::string_view phase, uint64_t done, uint64_t total,
                         std::string_view unit) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const bool new_phase = phase != phase_;
  if (new_phase) {
    if (drawn_) {
      const char newline = '\n';
      static_cast<void>(::write(fd_, &newline, 1));
      drawn_ = false;
    }
    phase_ = phase;
    phase_start_ = now;
  } else if (done < total && now - last_draw_ < std::chrono::milliseconds(100)) {
    return;
  }
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - phase_start_).count();
  // \r and clear-to-end-of-line: the line is redrawn in place.
  const std::string line = "\r" + Format(phase, done, total, unit, elapsed) + "\x1b[K";
  static_cast<void>(::write(fd_, line.data(), line.size()));
  drawn_ = true;
}

}  // namespace partnergraph::cli
