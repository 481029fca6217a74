// RelationGraph (bgl_graph.h): the adjacency index seen through Boost.Graph's
// concepts. The concept checks compile; the rest reads the arcs of a small
// hand-built topology and compares them with the drawing.
#include "graph/bgl_graph.h"

#include <string>
#include <vector>

#include <boost/concept/assert.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/graph_concepts.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/graph.h"

#include "graph/graph_impl.h"
#include "graph/relation_filter.h"
#include "topology_builder.h"

namespace partnergraph::graph {
namespace {

using ::partnergraph::testing::Date;
using ::partnergraph::testing::TopologyBuilder;
using ::partnergraph::testing::Types;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

using AsStored = RelationGraph<Direction::kAsStored>;
using Undirected = RelationGraph<Direction::kBothWays>;
using Followed = RelationGraph<Direction::kSymmetricBothWays>;
using FilteredUndirected = RelationGraph<Direction::kBothWays, FilteredRelations>;
using MarkedUndirected = RelationGraph<Direction::kBothWays, MarkedRelations>;

template <typename G>
void CheckConcepts() {
  using Vertex = typename boost::graph_traits<G>::vertex_descriptor;
  using Edge = typename boost::graph_traits<G>::edge_descriptor;
  BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<G>));
  BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<G>));
  BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<G>));
  BOOST_CONCEPT_ASSERT((boost::BidirectionalGraphConcept<G>));
  BOOST_CONCEPT_ASSERT((boost::AdjacencyGraphConcept<G>));
  BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<G, Vertex, boost::vertex_index_t>));
  BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<G, Edge, boost::edge_index_t>));
}

TEST(RelationGraphTest, ModelsBoostGraphConcepts) {
  CheckConcepts<AsStored>();
  CheckConcepts<Undirected>();
  CheckConcepts<Followed>();
  CheckConcepts<FilteredUndirected>();
  CheckConcepts<MarkedUndirected>();
  // boost::filtered_graph accepts the views too.
  using Filtered = boost::filtered_graph<Undirected, boost::keep_all>;
  BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<Filtered>));
  BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<Filtered>));
  static_assert(
      std::is_same_v<boost::graph_traits<Undirected>::directed_category, boost::undirected_tag>);
  static_assert(
      std::is_same_v<boost::graph_traits<AsStored>::directed_category, boost::bidirectional_tag>);
  static_assert(
      std::is_same_v<boost::graph_traits<Followed>::directed_category, boost::bidirectional_tag>);
}

// a --funds r1--> b, c --funds r2--> b, b --mou r3--> c (symmetric),
// c --funds r4--> c (a loop), d alone; r5 a --funds--> b again, until 2015.
GraphData Drawing() {
  return GraphData(TopologyBuilder()
                       .Type("funds", false)
                       .Type("mou", true)
                       .Vertices({"a", "b", "c", "d"})
                       .Relation("r1", "a", "funds", "b")
                       .Relation("r2", "c", "funds", "b")
                       .Relation("r3", "b", "mou", "c")
                       .Relation("r4", "c", "funds", "c")
                       .Relation("r5", "a", "funds", "b", "2010", "2015")
                       .Build());
}

constexpr VertexIndex kA = 0, kB = 1, kC = 2, kD = 3;

// "r1 a>b" for each arc, in the order the view lists them; "~" marks a
// relation walked to -> from.
template <typename G, typename Range>
std::vector<std::string> Arcs(const G& g, Range range) {
  const Topology& topology = g.data().topology;
  std::vector<std::string> texts;
  for (auto it = range.first; it != range.second; ++it) {
    const auto arc = *it;
    texts.push_back(topology.edge_relation_ids[arc.relation] + (arc.reversed ? "~ " : " ") +
                    topology.vertex_ids[source(arc, g)] + ">" +
                    topology.vertex_ids[target(arc, g)]);
  }
  return texts;
}

TEST(RelationGraphTest, AsStoredListsArcsLeavingAndEnteringByRelation) {
  const GraphData data = Drawing();
  const AsStored g(data);
  EXPECT_EQ(num_vertices(g), 4u);
  EXPECT_EQ(num_edges(g), 5u);
  EXPECT_THAT(Arcs(g, out_edges(kA, g)), ElementsAre("r1 a>b", "r5 a>b"));
  EXPECT_THAT(Arcs(g, in_edges(kB, g)), ElementsAre("r1 a>b", "r2 c>b", "r5 a>b"));
  EXPECT_THAT(Arcs(g, out_edges(kC, g)), ElementsAre("r2 c>b", "r4 c>c"));
  EXPECT_THAT(Arcs(g, in_edges(kC, g)), ElementsAre("r3 b>c", "r4 c>c"));
  EXPECT_THAT(Arcs(g, out_edges(kD, g)), IsEmpty());
  EXPECT_EQ(out_degree(kB, g), 1u);
  EXPECT_EQ(in_degree(kB, g), 3u);
  EXPECT_EQ(degree(kC, g), 4u);  // r2, r4 out; r3, r4 in
  EXPECT_THAT(Arcs(g, edges(g)), ElementsAre("r1 a>b", "r5 a>b", "r3 b>c", "r2 c>b", "r4 c>c"));
}

TEST(RelationGraphTest, UndirectedLinksBothEndsOfEveryRelation) {
  const GraphData data = Drawing();
  const Undirected g(data);
  // Out list first (as stored), then the in list walked backwards.
  EXPECT_THAT(Arcs(g, out_edges(kB, g)), ElementsAre("r3 b>c", "r1~ b>a", "r2~ b>c", "r5~ b>a"));
  // The loop is listed from both of its ends, as in an undirected
  // adjacency_list, and counts twice in the degree.
  EXPECT_THAT(Arcs(g, out_edges(kC, g)), ElementsAre("r2 c>b", "r4 c>c", "r3~ c>b", "r4~ c>c"));
  EXPECT_EQ(degree(kC, g), 4u);
  EXPECT_THAT(Arcs(g, in_edges(kA, g)), ElementsAre("r1~ b>a", "r5~ b>a"));
  // Each relation once; the two walks of one relation are one edge.
  EXPECT_EQ(num_edges(g), 5u);
  auto out = out_edges(kA, g).first;
  auto in = in_edges(kB, g).first;
  EXPECT_TRUE(*out == *in);  // r1 from a, and r1 into b
  std::vector<VertexIndex> adjacent(adjacent_vertices(kB, g).first,
                                    adjacent_vertices(kB, g).second);
  EXPECT_THAT(adjacent, ElementsAre(kC, kA, kC, kA));
}

TEST(RelationGraphTest, FollowedWalksOnlySymmetricTypesBackwards) {
  const GraphData data = Drawing();
  const Followed g(data);
  EXPECT_THAT(Arcs(g, out_edges(kB, g)), ElementsAre("r3 b>c"));
  EXPECT_THAT(Arcs(g, out_edges(kC, g)), ElementsAre("r2 c>b", "r4 c>c", "r3~ c>b"));
  EXPECT_THAT(Arcs(g, in_edges(kB, g)), ElementsAre("r1 a>b", "r2 c>b", "r5 a>b", "r3~ c>b"));
  // Directed: the two walks of the MoU are two arcs.
  EXPECT_EQ(num_edges(g), 6u);
}

TEST(RelationGraphTest, FilteredViewsApplyTheEdgeFilterWhileWalking) {
  const GraphData data = Drawing();
  EdgeFilter funds_in_2019;
  funds_in_2019.types = Types(data.topology, {"funds"});
  funds_in_2019.as_of = Date("2019");
  const RelationFilter filter(data.topology, funds_in_2019);
  const FilteredUndirected g(data, FilteredRelations(filter));
  EXPECT_THAT(Arcs(g, out_edges(kB, g)), ElementsAre("r1~ b>a", "r2~ b>c"));
  EXPECT_THAT(Arcs(g, in_edges(kB, g)), ElementsAre("r1 a>b", "r2 c>b"));
  EXPECT_EQ(out_degree(kB, g), 2u);
  EXPECT_EQ(num_edges(g), 3u);  // r1, r2, r4
  EXPECT_EQ(num_vertices(g), 4u);
}

TEST(RelationGraphTest, AVertexListRestrictsVerticesButNotTheIndexBound) {
  const GraphData data = Drawing();
  const std::vector<VertexIndex> listed = {kB, kD};
  const Undirected g(data, AllRelations(), &listed);
  std::vector<VertexIndex> seen(vertices(g).first, vertices(g).second);
  EXPECT_THAT(seen, ElementsAre(kB, kD));
  EXPECT_EQ(num_vertices(g), 4u);
}

TEST(RelationGraphTest, IndexMapsNameVerticesAndRelations) {
  const GraphData data = Drawing();
  const Undirected g(data);
  const auto vertex_index = get(boost::vertex_index, g);
  const auto edge_index = get(boost::edge_index, g);
  EXPECT_EQ(get(vertex_index, kC), kC);
  const auto arc = *in_edges(kC, g).first;  // r3
  EXPECT_EQ(get(edge_index, arc), 2u);
}

TEST(RelationGraphTest, ABoostAlgorithmRunsOnTheView) {
  // Breadth-first from a, undirected: b at 1, c at 2, d unreached.
  const GraphData data = Drawing();
  const Undirected g(data);
  std::vector<int> distance(num_vertices(g), -1);
  distance[kA] = 0;
  boost::breadth_first_search(
      g, kA,
      boost::visitor(boost::make_bfs_visitor(boost::record_distances(
          boost::make_iterator_property_map(distance.begin(), get(boost::vertex_index, g)),
          boost::on_tree_edge()))));
  EXPECT_THAT(distance, ElementsAre(0, 1, 2, -1));
}

TEST(RelationGraphTest, ASnapshotStyleIndexWithoutOutListsReadsTheSame) {
  // Relations sorted by `from` need no out list (position == relation):
  // the view must read both layouts alike.
  const GraphData data(TopologyBuilder()
                           .Type("funds", false)
                           .Vertices({"a", "b", "c"})
                           .Relation("r1", "a", "funds", "b")
                           .Relation("r2", "a", "funds", "c")
                           .Relation("r3", "b", "funds", "c")
                           .Build());
  ASSERT_TRUE(data.index.out_edges.empty());
  const Undirected g(data);
  EXPECT_THAT(Arcs(g, out_edges(kA, g)), ElementsAre("r1 a>b", "r2 a>c"));
  EXPECT_THAT(Arcs(g, out_edges(kC, g)), ElementsAre("r2~ c>a", "r3~ c>b"));
  EXPECT_THAT(Arcs(g, edges(g)), UnorderedElementsAre("r1 a>b", "r2 a>c", "r3 b>c"));
}

}  // namespace
}  // namespace partnergraph::graph
