// Topology lookups: vertices by id (binary search) and types by name.
#include "partnergraph/topology.h"

#include <gtest/gtest.h>

namespace partnergraph {
namespace {

Topology Small() {
  Topology topology;
  topology.vertex_ids = {"china", "cn-mohrss", "ilo"};  // sorted
  topology.type_names = {"funds", "mou"};
  topology.type_is_symmetric = {false, true};
  return topology;
}

TEST(TopologyTest, FindVertexGivesTheIndexInSortedIds) {
  const Topology topology = Small();
  EXPECT_EQ(topology.FindVertex("china"), 0U);
  EXPECT_EQ(topology.FindVertex("cn-mohrss"), 1U);
  EXPECT_EQ(topology.FindVertex("ilo"), 2U);
}

TEST(TopologyTest, FindVertexMissesIdsThatAreOnlyPrefixesOrAbsent) {
  const Topology topology = Small();
  for (const char* id : {"cn", "chin", "ilo2", "a", "zzz", ""}) {
    EXPECT_EQ(topology.FindVertex(id), std::nullopt) << id;
  }
}

TEST(TopologyTest, FindTypeGivesTheIndexOrNothing) {
  const Topology topology = Small();
  EXPECT_EQ(topology.FindType("mou"), 1U);
  EXPECT_EQ(topology.FindType("fund"), std::nullopt);
}

}  // namespace
}  // namespace partnergraph
