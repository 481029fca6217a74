// Graph::Neighbours: which vertices lie within a depth, in which order, and
// which relations among them are listed.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/graph.h"

#include "topology_builder.h"

namespace partnergraph {
namespace {

using ::partnergraph::testing::Date;
using ::partnergraph::testing::TopologyBuilder;
using ::partnergraph::testing::Types;
using ::partnergraph::testing::Vertex;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TopologyBuilder Schema() {
  TopologyBuilder builder;
  builder.Type("funds", false).Type("mou", true);
  return builder;
}

// "id@depth" for each listed vertex, in order.
std::vector<std::string> VerticesOf(const Graph& graph, const Neighbourhood& hood) {
  std::vector<std::string> texts;
  for (const NeighbourVertex& v : hood.vertices) {
    texts.push_back(graph.topology().vertex_ids[v.vertex] + "@" + std::to_string(v.depth));
  }
  return texts;
}

std::vector<std::string> EdgesOf(const Graph& graph, const Neighbourhood& hood) {
  std::vector<std::string> texts;
  for (EdgeIndex e : hood.edges) texts.push_back(graph.topology().edge_relation_ids[e]);
  return texts;
}

Neighbourhood Around(const Graph& graph, const std::string& start, int depth,
                     const EdgeFilter& filter = {}, bool directed = false) {
  Result<Neighbourhood> hood = graph.Neighbours(Vertex(graph, start), depth, filter, directed);
  EXPECT_TRUE(hood.has_value()) << hood.error().ToString();
  return hood.has_value() ? *hood : Neighbourhood{};
}

// h is linked to e (r1) and b (r2); b to a (r3) and f (r4); e to b (r5); f to
// g (r6). Depths from h: e, b at 1; a, f at 2; g at 3.
Topology Sample() {
  return Schema()
      .Vertices({"a", "b", "e", "f", "g", "h"})
      .Relation("r1", "h", "funds", "e")
      .Relation("r2", "b", "funds", "h")
      .Relation("r3", "b", "mou", "a")
      .Relation("r4", "f", "funds", "b")
      .Relation("r5", "e", "funds", "b")
      .Relation("r6", "f", "mou", "g")
      .Build();
}

TEST(NeighboursTest, DepthZeroIsTheStartAlone) {
  const Graph graph(Sample());
  const Neighbourhood hood = Around(graph, "h", 0);
  EXPECT_THAT(VerticesOf(graph, hood), ElementsAre("h@0"));
  EXPECT_THAT(hood.edges, IsEmpty());
}

TEST(NeighboursTest, DepthOneListsDirectPartnersByIdAndTheRelationsAmongThem) {
  const Graph graph(Sample());
  const Neighbourhood hood = Around(graph, "h", 1);
  EXPECT_THAT(VerticesOf(graph, hood), ElementsAre("h@0", "b@1", "e@1"));
  // r5 joins two vertices both at depth 1: it is among them, so listed.
  EXPECT_THAT(EdgesOf(graph, hood), ElementsAre("r1", "r2", "r5"));
}

TEST(NeighboursTest, VerticesGoByDepthThenId) {
  const Graph graph(Sample());
  const Neighbourhood hood = Around(graph, "h", 2);
  EXPECT_THAT(VerticesOf(graph, hood), ElementsAre("h@0", "b@1", "e@1", "a@2", "f@2"));
  EXPECT_THAT(EdgesOf(graph, hood), ElementsAre("r1", "r2", "r3", "r4", "r5"));
}

TEST(NeighboursTest, DepthBeyondTheComponentListsTheWholeComponent) {
  const Graph graph(Sample());
  const Neighbourhood hood = Around(graph, "h", 50);
  EXPECT_THAT(VerticesOf(graph, hood), ElementsAre("h@0", "b@1", "e@1", "a@2", "f@2", "g@3"));
  EXPECT_THAT(EdgesOf(graph, hood), ElementsAre("r1", "r2", "r3", "r4", "r5", "r6"));
}

TEST(NeighboursTest, ParallelRelationsAndSelfLoopsAmongListedVerticesAreAllListed) {
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "b", "mou", "a")
                        .Relation("r3", "a", "mou", "a")
                        .Relation("r4", "b", "funds", "c")
                        .Build());
  const Neighbourhood hood = Around(graph, "a", 1);
  EXPECT_THAT(VerticesOf(graph, hood), ElementsAre("a@0", "b@1"));
  EXPECT_THAT(EdgesOf(graph, hood), ElementsAre("r1", "r2", "r3"));
}

TEST(NeighboursTest, TypeFilterLimitsBothReachAndListedRelations) {
  const Topology topology = Sample();
  EdgeFilter funds_only;
  funds_only.types = Types(topology, {"funds"});
  const Graph graph(topology);
  const Neighbourhood hood = Around(graph, "h", 3, funds_only);
  // a and g are reached only through MoUs.
  EXPECT_THAT(VerticesOf(graph, hood), ElementsAre("h@0", "b@1", "e@1", "f@2"));
  EXPECT_THAT(EdgesOf(graph, hood), ElementsAre("r1", "r2", "r4", "r5"));
}

TEST(NeighboursTest, AsOfLimitsBothReachAndListedRelations) {
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("r1", "a", "funds", "b", "2015", "2018")
                        .Relation("r2", "a", "mou", "c", "2019-06")
                        .Relation("r3", "b", "funds", "c", "", "2016")
                        .Build());
  EdgeFilter as_of_2019;
  as_of_2019.as_of = Date("2019");
  Neighbourhood hood = Around(graph, "a", 2, as_of_2019);
  EXPECT_THAT(VerticesOf(graph, hood), ElementsAre("a@0", "c@1"));
  EXPECT_THAT(EdgesOf(graph, hood), ElementsAre("r2"));

  EdgeFilter as_of_2016;
  as_of_2016.as_of = Date("2016");
  hood = Around(graph, "a", 2, as_of_2016);
  EXPECT_THAT(VerticesOf(graph, hood), ElementsAre("a@0", "b@1", "c@2"));
  EXPECT_THAT(EdgesOf(graph, hood), ElementsAre("r1", "r3"));
}

TEST(NeighboursTest, DirectedFollowsFromToAndSymmetricTypesOnly) {
  const Graph graph(Sample());
  // From b: r4 (f funds b) and r2 (b funds h) go out of b forwards only to h;
  // the MoU r3 goes to a. From h: r1 to e; from e: r5 back to b (seen).
  // From a: nothing new. f and g are not reached.
  const Neighbourhood hood = Around(graph, "b", 5, {}, /*directed=*/true);
  EXPECT_THAT(VerticesOf(graph, hood), ElementsAre("b@0", "a@1", "h@1", "e@2"));
  EXPECT_THAT(EdgesOf(graph, hood), ElementsAre("r1", "r2", "r3", "r5"));
}

TEST(NeighboursTest, IsolatedStartIsListedAlone) {
  const Graph graph(Schema().Vertices({"a", "b"}).Build());
  const Neighbourhood hood = Around(graph, "a", 3);
  EXPECT_THAT(VerticesOf(graph, hood), ElementsAre("a@0"));
  EXPECT_THAT(hood.edges, IsEmpty());
}

TEST(NeighboursTest, VertexOutOfRangeOrNegativeDepthIsInvalidArgument) {
  const Graph graph(Sample());
  Result<Neighbourhood> bad_vertex = graph.Neighbours(6, 1, {});
  ASSERT_FALSE(bad_vertex.has_value());
  EXPECT_EQ(bad_vertex.error().code(), StatusCode::kInvalidArgument);
  Result<Neighbourhood> bad_depth = graph.Neighbours(0, -1, {});
  ASSERT_FALSE(bad_depth.has_value());
  EXPECT_EQ(bad_depth.error().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace partnergraph
