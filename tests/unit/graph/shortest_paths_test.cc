// Graph::ShortestPaths on small graphs drawn by hand. Relations are written
// "a -r1- b": vertex a, relation r1, vertex b.
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/graph.h"

#include "topology_builder.h"

namespace partnergraph {
namespace {

using ::partnergraph::testing::Date;
using ::partnergraph::testing::Describe;
using ::partnergraph::testing::TopologyBuilder;
using ::partnergraph::testing::Types;
using ::partnergraph::testing::Vertex;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// funds is directed, mou symmetric: the two kinds of type directed mode sees.
TopologyBuilder Schema() {
  TopologyBuilder builder;
  builder.Type("funds", false).Type("mou", true);
  return builder;
}

std::vector<std::string> Paths(const Graph& graph, const std::string& from, const std::string& to,
                               const PathOptions& options = {}) {
  Result<std::vector<Path>> paths =
      graph.ShortestPaths(Vertex(graph, from), Vertex(graph, to), options);
  EXPECT_TRUE(paths.has_value()) << paths.error().ToString();
  if (!paths.has_value()) return {"<error>"};
  for (const Path& path : *paths) {
    EXPECT_EQ(path.vertices.size(), path.edges.size() + 1);
  }
  return Describe(graph, *paths);
}

PathOptions All(size_t max_paths = PathOptions::kDefaultMaxPaths) {
  PathOptions options;
  options.all = true;
  options.max_paths = max_paths;
  return options;
}

PathOptions Directed() {
  PathOptions options;
  options.directed = true;
  return options;
}

PathOptions MaxHops(int max_hops) {
  PathOptions options;
  options.max_hops = max_hops;
  return options;
}

TEST(ShortestPathsTest, FromItselfIsOneVertexAndNoEdges) {
  const Graph graph(Schema().Vertices({"a", "b"}).Relation("r1", "a", "funds", "b").Build());
  Result<std::vector<Path>> paths = graph.ShortestPaths(0, 0, All());
  ASSERT_TRUE(paths.has_value());
  ASSERT_EQ(paths->size(), 1u);
  EXPECT_THAT((*paths)[0].vertices, ElementsAre(0u));
  EXPECT_THAT((*paths)[0].edges, IsEmpty());
}

TEST(ShortestPathsTest, FromItselfNeedsNoRelationEvenWhenThereAreNone) {
  const Graph graph(Schema().Vertices({"a"}).Build());
  EXPECT_THAT(Paths(graph, "a", "a"), ElementsAre("a"));
}

TEST(ShortestPathsTest, NeighboursAreOneHopApart) {
  const Graph graph(Schema().Vertices({"a", "b"}).Relation("r1", "a", "funds", "b").Build());
  EXPECT_THAT(Paths(graph, "a", "b"), ElementsAre("a -r1- b"));
}

TEST(ShortestPathsTest, TakesTheRouteWithFewerHops) {
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c", "d", "e"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "b", "funds", "c")
                        .Relation("r3", "c", "funds", "d")
                        .Relation("r4", "a", "funds", "e")
                        .Relation("r5", "e", "funds", "d")
                        .Build());
  EXPECT_THAT(Paths(graph, "a", "d"), ElementsAre("a -r4- e -r5- d"));
}

TEST(ShortestPathsTest, DisconnectedVerticesHaveNoPathAndThatIsNotAnError) {
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c", "d"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "c", "funds", "d")
                        .Build());
  EXPECT_THAT(Paths(graph, "a", "d"), IsEmpty());
  EXPECT_THAT(Paths(graph, "a", "d", All()), IsEmpty());
}

TEST(ShortestPathsTest, UndirectedModeFollowsRelationsAgainstTheirDirection) {
  // a funds b, c funds b: linked through b only if direction is ignored.
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "c", "funds", "b")
                        .Build());
  EXPECT_THAT(Paths(graph, "a", "c"), ElementsAre("a -r1- b -r2- c"));
  EXPECT_THAT(Paths(graph, "a", "c", Directed()), IsEmpty());
}

TEST(ShortestPathsTest, DirectedModeFollowsFromToOnly) {
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "b", "funds", "c")
                        .Build());
  EXPECT_THAT(Paths(graph, "a", "c", Directed()), ElementsAre("a -r1- b -r2- c"));
  EXPECT_THAT(Paths(graph, "c", "a", Directed()), IsEmpty());
  EXPECT_THAT(Paths(graph, "c", "a"), ElementsAre("c -r2- b -r1- a"));
}

TEST(ShortestPathsTest, DirectedModeFollowsSymmetricTypesBothWays) {
  const Graph graph(Schema().Vertices({"a", "b"}).Relation("r1", "b", "mou", "a").Build());
  EXPECT_THAT(Paths(graph, "a", "b", Directed()), ElementsAre("a -r1- b"));
  EXPECT_THAT(Paths(graph, "b", "a", Directed()), ElementsAre("b -r1- a"));
}

TEST(ShortestPathsTest, DirectedModeMixesDirectedAndSymmetricHops) {
  // a funds b (forward), then the MoU c-b crossed from b to c (backward, allowed).
  // The shorter a - c link is funding from c to a: not usable from a.
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "c", "mou", "b")
                        .Relation("r3", "c", "funds", "a")
                        .Build());
  EXPECT_THAT(Paths(graph, "a", "c", Directed()), ElementsAre("a -r1- b -r2- c"));
  EXPECT_THAT(Paths(graph, "a", "c"), ElementsAre("a -r3- c"));
}

TEST(ShortestPathsTest, DirectedModeUsesAnAsymmetricRelationOnlyForwardAmongParallelOnes) {
  // Two relations b -> a (funds, mou) and one a -> b (funds): from a to b,
  // directed, the mou and the forward funds qualify, the backward funds not.
  const Graph graph(Schema()
                        .Vertices({"a", "b"})
                        .Relation("r1", "b", "funds", "a")
                        .Relation("r2", "b", "mou", "a")
                        .Relation("r3", "a", "funds", "b")
                        .Build());
  PathOptions options = All();
  options.directed = true;
  EXPECT_THAT(Paths(graph, "a", "b", options), ElementsAre("a -r2- b", "a -r3- b"));
}

TEST(ShortestPathsTest, SelfLoopsNeverHelp) {
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("r0", "a", "funds", "a")
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "b", "mou", "b")
                        .Relation("r3", "c", "funds", "c")
                        .Build());
  EXPECT_THAT(Paths(graph, "a", "b", All()), ElementsAre("a -r1- b"));
  EXPECT_THAT(Paths(graph, "a", "c", All()), IsEmpty());
}

TEST(ShortestPathsTest, ParallelRelationsMakeDistinctPathsInRelationIdOrder) {
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("r2", "a", "funds", "b")
                        .Relation("r1", "a", "mou", "b")
                        .Relation("r3", "b", "funds", "c")
                        .Build());
  EXPECT_THAT(Paths(graph, "a", "c", All()), ElementsAre("a -r1- b -r3- c", "a -r2- b -r3- c"));
}

TEST(ShortestPathsTest, WithoutAllGivesExactlyTheFirstPathInOrder) {
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("r2", "a", "funds", "b")
                        .Relation("r1", "a", "mou", "b")
                        .Relation("r3", "b", "funds", "c")
                        .Build());
  EXPECT_THAT(Paths(graph, "a", "c"), ElementsAre("a -r1- b -r3- c"));
}

TEST(ShortestPathsTest, DiamondGivesBothSidesOrderedByVertexIdsBeforeRelationIds) {
  // Relation ids sort the other way round from the vertices they lead to:
  // the vertex sequence decides first.
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c", "d"})
                        .Relation("z1", "a", "funds", "b")
                        .Relation("z2", "b", "funds", "d")
                        .Relation("a1", "a", "funds", "c")
                        .Relation("a3", "c", "funds", "d")
                        .Relation("a2", "c", "mou", "d")
                        .Build());
  EXPECT_THAT(Paths(graph, "a", "d", All()),
              ElementsAre("a -z1- b -z2- d", "a -a1- c -a2- d", "a -a1- c -a3- d"));
  EXPECT_THAT(Paths(graph, "a", "d"), ElementsAre("a -z1- b -z2- d"));
}

TEST(ShortestPathsTest, WholeVertexSequenceComparesBeforeAnyRelationId) {
  // s =r1/r2= m, then m - p - t or m - q - t. Ordering hop by hop (r1 before
  // r2 first) would give r1,p r1,q r2,p r2,q; the contract orders by the
  // vertex sequence first: both p paths, then both q paths.
  const Graph graph(Schema()
                        .Vertices({"m", "p", "q", "s", "t"})
                        .Relation("r1", "s", "funds", "m")
                        .Relation("r2", "s", "mou", "m")
                        .Relation("r3", "m", "funds", "p")
                        .Relation("r4", "m", "funds", "q")
                        .Relation("r5", "p", "funds", "t")
                        .Relation("r6", "q", "funds", "t")
                        .Build());
  EXPECT_THAT(Paths(graph, "s", "t", All()),
              ElementsAre("s -r1- m -r3- p -r5- t", "s -r2- m -r3- p -r5- t",
                          "s -r1- m -r4- q -r6- t", "s -r2- m -r4- q -r6- t"));
}

// s =p1|p2|p3= m =q1|q2|q3= n =u1|u2|u3= t: 27 shortest paths.
Topology ThreeTimesThreeParallel() {
  TopologyBuilder builder = Schema();
  builder.Vertices({"m", "n", "s", "t"});
  for (const char* id : {"p1", "p2", "p3"}) builder.Relation(id, "s", "funds", "m");
  for (const char* id : {"q1", "q2", "q3"}) builder.Relation(id, "m", "funds", "n");
  for (const char* id : {"u1", "u2", "u3"}) builder.Relation(id, "n", "funds", "t");
  return builder.Build();
}

TEST(ShortestPathsTest, MaxPathsCapsAllAndKeepsTheFirstInOrder) {
  const Graph graph(ThreeTimesThreeParallel());
  EXPECT_THAT(
      Paths(graph, "s", "t", All(5)),
      ElementsAre("s -p1- m -q1- n -u1- t", "s -p1- m -q1- n -u2- t", "s -p1- m -q1- n -u3- t",
                  "s -p1- m -q2- n -u1- t", "s -p1- m -q2- n -u2- t"));
}

TEST(ShortestPathsTest, AllPathsUnderTheCapAreReturnedAndZeroMeansNoCap) {
  const Graph graph(ThreeTimesThreeParallel());
  EXPECT_EQ(Paths(graph, "s", "t", All()).size(), 27u);
  EXPECT_EQ(Paths(graph, "s", "t", All(27)).size(), 27u);
  EXPECT_EQ(Paths(graph, "s", "t", All(0)).size(), 27u);
  EXPECT_EQ(Paths(graph, "s", "t", All(1)), Paths(graph, "s", "t"));
}

TEST(ShortestPathsTest, ExponentiallyManyShortestPathsCostOnlyWhatTheCapAsksFor) {
  // 60 diamonds in a row: 2^60 shortest paths of 120 hops.
  TopologyBuilder builder = Schema();
  std::vector<std::string> ids;
  constexpr int kDiamonds = 60;
  auto name = [](char kind, int i) {
    std::string digits = std::to_string(i);
    return std::string(1, kind) + std::string(3 - digits.size(), '0') + digits;
  };
  for (int i = 0; i <= kDiamonds; ++i) ids.push_back(name('j', i));
  for (int i = 0; i < kDiamonds; ++i) {
    ids.push_back(name('x', i));
    ids.push_back(name('y', i));
  }
  builder.Vertices(ids);
  for (int i = 0; i < kDiamonds; ++i) {
    builder.Relation(name('a', i), name('j', i), "funds", name('x', i))
        .Relation(name('b', i), name('j', i), "funds", name('y', i))
        .Relation(name('c', i), name('x', i), "funds", name('j', i + 1))
        .Relation(name('d', i), name('y', i), "funds", name('j', i + 1));
  }
  const Graph graph(builder.Build());
  Result<std::vector<Path>> paths =
      graph.ShortestPaths(Vertex(graph, "j000"), Vertex(graph, name('j', kDiamonds)), All(3));
  ASSERT_TRUE(paths.has_value());
  ASSERT_EQ(paths->size(), 3u);
  for (const Path& path : *paths) EXPECT_EQ(path.edges.size(), 2u * kDiamonds);
  // Smallest first: x everywhere, then y only in the last diamond, then y
  // only in the one before.
  EXPECT_EQ(graph.topology().vertex_ids[(*paths)[0].vertices[2 * kDiamonds - 1]], "x059");
  EXPECT_EQ(graph.topology().vertex_ids[(*paths)[1].vertices[2 * kDiamonds - 1]], "y059");
  EXPECT_EQ(graph.topology().vertex_ids[(*paths)[2].vertices[2 * kDiamonds - 3]], "y058");
}

TEST(ShortestPathsTest, VeryLongPathsNeedNoDeepRecursion) {
  constexpr int kLength = 200000;
  Topology topology;
  for (int i = 0; i <= kLength; ++i) {
    std::string digits = std::to_string(i);
    topology.vertex_ids.push_back("v" + std::string(6 - digits.size(), '0') + digits);
  }
  topology.type_names = {"funds"};
  topology.type_is_symmetric = {false};
  for (int i = 0; i < kLength; ++i) {
    topology.edges.push_back(TopologyEdge{static_cast<VertexIndex>(i),
                                          static_cast<VertexIndex>(i + 1), 0,
                                          PartialDate::kOpenStart, PartialDate::kOpenEnd});
    topology.edge_relation_ids.push_back("r" + std::to_string(i));
  }
  const Graph graph(std::move(topology));
  Result<std::vector<Path>> paths = graph.ShortestPaths(0, kLength, All());
  ASSERT_TRUE(paths.has_value());
  ASSERT_EQ(paths->size(), 1u);
  EXPECT_EQ((*paths)[0].edges.size(), static_cast<size_t>(kLength));
}

TEST(ShortestPathsTest, MaxHopsAllowsPathsOfExactlyThatLength) {
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c", "d"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "b", "funds", "c")
                        .Relation("r3", "c", "funds", "d")
                        .Build());
  EXPECT_THAT(Paths(graph, "a", "d", MaxHops(3)), ElementsAre("a -r1- b -r2- c -r3- d"));
  EXPECT_THAT(Paths(graph, "a", "d", MaxHops(4)), ElementsAre("a -r1- b -r2- c -r3- d"));
  EXPECT_THAT(Paths(graph, "a", "d", MaxHops(0)), ElementsAre("a -r1- b -r2- c -r3- d"));
}

TEST(ShortestPathsTest, PathLongerThanMaxHopsCountsAsNone) {
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c", "d"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "b", "funds", "c")
                        .Relation("r3", "c", "funds", "d")
                        .Build());
  EXPECT_THAT(Paths(graph, "a", "d", MaxHops(2)), IsEmpty());
  EXPECT_THAT(Paths(graph, "a", "d", MaxHops(1)), IsEmpty());
  EXPECT_THAT(Paths(graph, "a", "c", MaxHops(2)), ElementsAre("a -r1- b -r2- c"));
}

TEST(ShortestPathsTest, TypeFilterRemovingTheOnlyLinkLeavesNoPath) {
  const Topology topology = Schema()
                                .Vertices({"a", "b", "c"})
                                .Relation("r1", "a", "funds", "b")
                                .Relation("r2", "b", "mou", "c")
                                .Build();
  PathOptions funds_only;
  funds_only.filter.types = Types(topology, {"funds"});
  PathOptions both;
  both.filter.types = Types(topology, {"funds", "mou"});
  const Graph graph(topology);
  EXPECT_THAT(Paths(graph, "a", "c", funds_only), IsEmpty());
  EXPECT_THAT(Paths(graph, "a", "c", both), ElementsAre("a -r1- b -r2- c"));
}

TEST(ShortestPathsTest, TypeFilterAppliesDuringTheSearchSoALongerAllowedRouteIsFound) {
  // Unfiltered, a -r1- c is shortest; a filter applied after the search would
  // discard it and report nothing. Filtering while searching finds the MoUs.
  const Topology topology = Schema()
                                .Vertices({"a", "b", "c"})
                                .Relation("r1", "a", "funds", "c")
                                .Relation("r2", "a", "mou", "b")
                                .Relation("r3", "b", "mou", "c")
                                .Build();
  PathOptions mou_only = All();
  mou_only.filter.types = Types(topology, {"mou"});
  const Graph graph(topology);
  EXPECT_THAT(Paths(graph, "a", "c", mou_only), ElementsAre("a -r2- b -r3- c"));
}

TEST(ShortestPathsTest, UnknownTypeIndexMatchesNoRelation) {
  const Graph graph(Schema().Vertices({"a", "b"}).Relation("r1", "a", "funds", "b").Build());
  PathOptions options;
  options.filter.types = {static_cast<TypeIndex>(999)};
  EXPECT_THAT(Paths(graph, "a", "b", options), IsEmpty());
}

TEST(ShortestPathsTest, AsOfUsesOnlyRelationsInForceThen) {
  // The direct link ended in 2018; as of 2019 the route is through b, whose
  // MoU began in 2019-06.
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("old", "a", "funds", "c", "2010", "2018")
                        .Relation("r1", "a", "mou", "b", "2019-06")
                        .Relation("r2", "b", "funds", "c")
                        .Build());
  auto as_of = [](const std::string& date) {
    PathOptions options = All();
    options.filter.as_of = Date(date);
    return options;
  };
  EXPECT_THAT(Paths(graph, "a", "c", as_of("2018")), ElementsAre("a -old- c"));
  EXPECT_THAT(Paths(graph, "a", "c", as_of("2019")), ElementsAre("a -r1- b -r2- c"));
  EXPECT_THAT(Paths(graph, "a", "c", as_of("2019-05")), IsEmpty());
  EXPECT_THAT(Paths(graph, "a", "c"), ElementsAre("a -old- c"));
}

TEST(ShortestPathsTest, VertexOutOfRangeIsInvalidArgument) {
  const Graph graph(Schema().Vertices({"a", "b"}).Build());
  Result<std::vector<Path>> from_bad = graph.ShortestPaths(2, 0, {});
  ASSERT_FALSE(from_bad.has_value());
  EXPECT_EQ(from_bad.error().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(from_bad.error().message(),
              ::testing::HasSubstr("vertex 2 is out of range: the graph has 2 vertices"));
  Result<std::vector<Path>> to_bad = graph.ShortestPaths(0, 7, {});
  ASSERT_FALSE(to_bad.has_value());
  EXPECT_EQ(to_bad.error().code(), StatusCode::kInvalidArgument);
}

TEST(ShortestPathsTest, NegativeMaxHopsIsInvalidArgument) {
  const Graph graph(Schema().Vertices({"a", "b"}).Build());
  Result<std::vector<Path>> paths = graph.ShortestPaths(0, 1, MaxHops(-1));
  ASSERT_FALSE(paths.has_value());
  EXPECT_EQ(paths.error().code(), StatusCode::kInvalidArgument);
}

TEST(ShortestPathsTest, RelationsNamingNoVertexAreLeftOut) {
  Topology topology = Schema().Vertices({"a", "b"}).Relation("r1", "a", "funds", "b").Build();
  topology.edges.push_back(TopologyEdge{0, 9, 0, PartialDate::kOpenStart, PartialDate::kOpenEnd});
  topology.edge_relation_ids.push_back("broken");
  const Graph graph(std::move(topology));
  EXPECT_THAT(Paths(graph, "a", "b", All()), ElementsAre("a -r1- b"));
}

TEST(ShortestPathsTest, RepeatedAndInterleavedQueriesGiveTheSameAnswers) {
  // Queries reuse scratch state; nothing of one may leak into the next.
  const Graph graph(ThreeTimesThreeParallel());
  const std::vector<std::string> first = Paths(graph, "s", "t", All());
  for (int i = 0; i < 5; ++i) {
    EXPECT_THAT(Paths(graph, "t", "m"), ElementsAre("t -u1- n -q1- m"));
    EXPECT_EQ(Paths(graph, "s", "t", All()), first);
    EXPECT_THAT(Paths(graph, "s", "t", Directed()), ElementsAre("s -p1- m -q1- n -u1- t"));
    EXPECT_THAT(Paths(graph, "t", "s", Directed()), IsEmpty());
  }
}

TEST(ShortestPathsTest, ConcurrentQueriesOnOneGraphAgree) {
  const Graph graph(ThreeTimesThreeParallel());
  const std::vector<std::string> expected = Paths(graph, "s", "t", All());
  std::vector<std::vector<std::string>> answers(4);
  std::vector<std::thread> threads;
  for (auto& answer : answers) {
    threads.emplace_back([&graph, &answer] {
      for (int i = 0; i < 200; ++i) answer = Paths(graph, "s", "t", All());
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const auto& answer : answers) EXPECT_EQ(answer, expected);
}

TEST(ShortestPathsTest, GraphCanBeMovedAndStillAnswers) {
  Graph graph(Schema().Vertices({"a", "b"}).Relation("r1", "a", "funds", "b").Build());
  Graph moved(std::move(graph));
  EXPECT_THAT(Paths(moved, "a", "b"), ElementsAre("a -r1- b"));
  Graph assigned(Schema().Vertices({"x"}).Build());
  assigned = std::move(moved);
  EXPECT_THAT(Paths(assigned, "b", "a"), ElementsAre("b -r1- a"));
}

}  // namespace
}  // namespace partnergraph
