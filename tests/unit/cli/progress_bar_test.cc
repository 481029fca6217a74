// The progress line import draws on a terminal: its layout, and that it stays
// silent when stderr is not a terminal.
#include "cli/progress_bar.h"

#include <gtest/gtest.h>

namespace partnergraph {
namespace {

TEST(ProgressBarTest, LineShowsPhaseBarCountsRateAndTimeLeft) {
  EXPECT_EQ(cli::ProgressBar::Format("validating", 2500000, 5000000, "records", 2.0),
            "validating  [###############...............]  50%  2.50M/5.00M records  "
            "1.25M records/s  ETA 0:02");
  EXPECT_EQ(cli::ProgressBar::Format("writing", 5000000, 5000000, "records", 65.0),
            "writing     [##############################] 100%  5.00M/5.00M records  "
            "76.9k records/s  1:05");
  EXPECT_EQ(cli::ProgressBar::Format("reading", 1234, 0, "B", 0.0), "reading     1234 B");
}

TEST(ProgressBarTest, DrawsNothingWhenNotATerminal) {
  // ctest's stderr is a pipe or a file, never a terminal.
  cli::ProgressBar bar(/*fd=*/2);
  if (bar.enabled()) GTEST_SKIP() << "stderr is a terminal here";
  EXPECT_FALSE(bar.enabled());
}

}  // namespace
}  // namespace partnergraph
