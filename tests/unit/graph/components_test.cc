// Graph::ConnectedComponents on small graphs whose components are counted
// by hand from the drawing in each test.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "partnergraph/graph.h"

#include "topology_builder.h"

namespace partnergraph {
namespace {

using ::partnergraph::testing::Date;
using ::partnergraph::testing::TopologyBuilder;
using ::partnergraph::testing::Types;

TopologyBuilder Schema() {
  TopologyBuilder builder;
  builder.Type("funds", false).Type("mou", true);
  return builder;
}

// "components=<n> largest=<n> isolated=<n>"
std::string Summary(const Graph& graph, const EdgeFilter& filter = {}) {
  Result<ComponentSummary> summary = graph.ConnectedComponents(filter);
  EXPECT_TRUE(summary.has_value()) << summary.error().ToString();
  if (!summary.has_value()) return "<error>";
  return "components=" + std::to_string(summary->components) +
         " largest=" + std::to_string(summary->largest_component) +
         " isolated=" + std::to_string(summary->isolated_vertices);
}

TEST(ComponentsTest, NoVerticesNoComponents) {
  EXPECT_EQ(Summary(Graph(Schema().Build())), "components=0 largest=0 isolated=0");
}

TEST(ComponentsTest, VerticesWithoutRelationsAreEachAComponent) {
  const Graph graph(Schema().Vertices({"a", "b", "c"}).Build());
  EXPECT_EQ(Summary(graph), "components=3 largest=1 isolated=3");
}

TEST(ComponentsTest, DirectionIsIgnored) {
  // a -> b <- c: no directed path a..c, one weak component; d alone.
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c", "d"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "c", "funds", "b")
                        .Build());
  EXPECT_EQ(Summary(graph), "components=2 largest=3 isolated=1");
}

TEST(ComponentsTest, ASelfLoopLeavesAVertexIsolated) {
  // {a, b}, and c with only a loop: still a component of one.
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "c", "mou", "c")
                        .Build());
  EXPECT_EQ(Summary(graph), "components=2 largest=2 isolated=1");
}

TEST(ComponentsTest, ParallelRelationsJoinNoMoreThanOne) {
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "b", "mou", "a")
                        .Relation("r3", "a", "funds", "b")
                        .Build());
  EXPECT_EQ(Summary(graph), "components=2 largest=2 isolated=1");
}

TEST(ComponentsTest, ATypeFilterSplitsAComponent) {
  // a -funds- b -mou- c -funds- d -mou- e: one component of 5; funds only:
  // {a, b}, {c, d}, e; MoUs only: a, {b, c}, {d, e}.
  const Topology topology = Schema()
                                .Vertices({"a", "b", "c", "d", "e"})
                                .Relation("r1", "a", "funds", "b")
                                .Relation("r2", "b", "mou", "c")
                                .Relation("r3", "c", "funds", "d")
                                .Relation("r4", "e", "mou", "d")
                                .Build();
  const Graph graph(topology);
  EXPECT_EQ(Summary(graph), "components=1 largest=5 isolated=0");
  EdgeFilter funds;
  funds.types = Types(topology, {"funds"});
  EXPECT_EQ(Summary(graph, funds), "components=3 largest=2 isolated=1");
  EdgeFilter mous;
  mous.types = Types(topology, {"mou"});
  EXPECT_EQ(Summary(graph, mous), "components=3 largest=2 isolated=1");
}

TEST(ComponentsTest, AnAsOfDateKeepsOnlyRelationsInForce) {
  // a-b from 2019-06, b-c 2010-2018, c-d always.
  //   as of 2015: a, {b, c, d}.   as of 2020: {a, b}, {c, d}.
  //   as of 2019: a-b is in force for part of 2019, so counts: {a, b}, {c, d}.
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c", "d"})
                        .Relation("r1", "a", "funds", "b", "2019-06")
                        .Relation("r2", "b", "mou", "c", "2010", "2018")
                        .Relation("r3", "c", "funds", "d")
                        .Build());
  EdgeFilter as_of;
  as_of.as_of = Date("2015");
  EXPECT_EQ(Summary(graph, as_of), "components=2 largest=3 isolated=1");
  as_of.as_of = Date("2020");
  EXPECT_EQ(Summary(graph, as_of), "components=2 largest=2 isolated=0");
  as_of.as_of = Date("2019");
  EXPECT_EQ(Summary(graph, as_of), "components=2 largest=2 isolated=0");
  as_of.as_of = Date("2019-05");
  EXPECT_EQ(Summary(graph, as_of), "components=3 largest=2 isolated=2");
  EXPECT_EQ(Summary(graph), "components=1 largest=4 isolated=0");
}

TEST(ComponentsTest, AnUnknownTypeMatchesNothing) {
  const Graph graph(Schema().Vertices({"a", "b"}).Relation("r1", "a", "funds", "b").Build());
  EdgeFilter unknown;
  unknown.types = {7};
  EXPECT_EQ(Summary(graph, unknown), "components=2 largest=1 isolated=2");
}

}  // namespace
}  // namespace partnergraph
