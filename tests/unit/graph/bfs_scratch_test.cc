// BfsScratch and its pool: state is forgotten between searches without
// clearing, and concurrent queries never share a scratch.
#include "graph/bfs_scratch.h"

#include <gtest/gtest.h>

namespace partnergraph::graph {
namespace {

TEST(BfsScratchTest, StartsWithNothingVisitedOrMarked) {
  BfsScratch scratch(3);
  for (VertexIndex v = 0; v < 3; ++v) {
    EXPECT_FALSE(scratch.visited(v));
    EXPECT_FALSE(scratch.marked(v));
  }
}

TEST(BfsScratchTest, RemembersVisitsDepthsAndMarksUntilReset) {
  BfsScratch scratch(3);
  scratch.Visit(1, 4);
  scratch.Mark(2);
  EXPECT_TRUE(scratch.visited(1));
  EXPECT_EQ(scratch.depth(1), 4);
  EXPECT_FALSE(scratch.visited(2));
  EXPECT_TRUE(scratch.marked(2));
  EXPECT_FALSE(scratch.marked(1));
  scratch.frontier().push_back(1);

  scratch.Reset();
  EXPECT_FALSE(scratch.visited(1));
  EXPECT_FALSE(scratch.marked(2));
  EXPECT_TRUE(scratch.frontier().empty());
}

TEST(BfsScratchPoolTest, ReusesAReturnedScratchResetForTheNextSearch) {
  BfsScratchPool pool(4);
  BfsScratch* first = nullptr;
  {
    auto lease = pool.Acquire();
    first = &*lease;
    lease->Visit(3, 1);
  }
  auto again = pool.Acquire();
  EXPECT_EQ(&*again, first);
  EXPECT_FALSE(again->visited(3));
}

TEST(BfsScratchPoolTest, ConcurrentLeasesGetDifferentScratches) {
  BfsScratchPool pool(4);
  auto one = pool.Acquire();
  auto two = pool.Acquire();
  EXPECT_NE(&*one, &*two);
  one->Visit(0, 0);
  EXPECT_FALSE(two->visited(0));
}

}  // namespace
}  // namespace partnergraph::graph
