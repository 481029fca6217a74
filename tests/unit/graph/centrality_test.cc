// Graph::Centrality against betweenness worked out by hand: for every
// unordered pair {s, t}, each vertex strictly inside the shortest s-t paths
// gets the fraction of those paths that pass through it.
#include <cstdio>
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
using ::testing::ElementsAre;

TopologyBuilder Schema() {
  TopologyBuilder builder;
  builder.Type("funds", false).Type("mou", true);
  return builder;
}

// "id b=<betweenness> d=<degree>", in the order returned.
std::vector<std::string> Scores(const Graph& graph, const EdgeFilter& filter = {}, size_t top = 0) {
  Result<std::vector<CentralityScore>> scores = graph.Centrality(filter, top);
  EXPECT_TRUE(scores.has_value()) << scores.error().ToString();
  if (!scores.has_value()) return {"<error>"};
  std::vector<std::string> texts;
  for (const CentralityScore& score : *scores) {
    char betweenness[32];
    std::snprintf(betweenness, sizeof betweenness, "%g", score.betweenness);
    texts.push_back(graph.topology().vertex_ids[score.vertex] + " b=" + betweenness +
                    " d=" + std::to_string(score.degree));
  }
  return texts;
}

TEST(CentralityTest, MiddleOfAThreeVertexPathScoresOne) {
  // Only the pair {a, c} has a vertex inside its path: b, once. Boost would
  // report 2 for the directed two-arc graph; each pair counts once here.
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "b", "funds", "c")
                        .Build());
  EXPECT_THAT(Scores(graph), ElementsAre("b b=1 d=2", "a b=0 d=1", "c b=0 d=1"));
  Result<std::vector<CentralityScore>> scores = graph.Centrality({}, 1);
  ASSERT_TRUE(scores.has_value());
  EXPECT_DOUBLE_EQ((*scores)[0].betweenness, 1.0);
}

TEST(CentralityTest, FourVertexPath) {
  // a-b-c-d: b is inside {a,c} and {a,d}; c inside {a,d} and {b,d}.
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c", "d"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "b", "funds", "c")
                        .Relation("r3", "c", "funds", "d")
                        .Build());
  EXPECT_THAT(Scores(graph), ElementsAre("b b=2 d=2", "c b=2 d=2", "a b=0 d=1", "d b=0 d=1"));
}

TEST(CentralityTest, CentreOfAStarIsInsideEveryPairOfLeaves) {
  // Four leaves: C(4, 2) = 6 pairs, all through h.
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c", "d", "h"})
                        .Relation("r1", "h", "funds", "a")
                        .Relation("r2", "b", "mou", "h")
                        .Relation("r3", "h", "funds", "c")
                        .Relation("r4", "d", "funds", "h")
                        .Build());
  EXPECT_THAT(Scores(graph),
              ElementsAre("h b=6 d=4", "a b=0 d=1", "b b=0 d=1", "c b=0 d=1", "d b=0 d=1"));
}

TEST(CentralityTest, TwoEqualRoutesShareTheCredit) {
  // s-x-t and s-y-t, then t-u.
  //   {s,t}: via x or y, half each.  {s,u}: via x or y (half each), always t.
  //   {x,y}: via s or t, half each.  {x,u}, {y,u}: via t.
  // s = 0.5, x = 0.5 + 0.5 = 1, y = 1, t = 1 + 0.5 + 1 + 1 = 3.5, u = 0.
  const Graph graph(Schema()
                        .Vertices({"s", "t", "u", "x", "y"})
                        .Relation("r1", "s", "funds", "x")
                        .Relation("r2", "s", "funds", "y")
                        .Relation("r3", "x", "funds", "t")
                        .Relation("r4", "y", "mou", "t")
                        .Relation("r5", "t", "funds", "u")
                        .Build());
  EXPECT_THAT(Scores(graph),
              ElementsAre("t b=3.5 d=3", "x b=1 d=2", "y b=1 d=2", "s b=0.5 d=2", "u b=0 d=1"));
}

TEST(CentralityTest, DirectionIsIgnored) {
  // a funds b and c funds b: no directed path a..c, but b still brokers it.
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "c", "funds", "b")
                        .Build());
  EXPECT_THAT(Scores(graph), ElementsAre("b b=1 d=2", "a b=0 d=1", "c b=0 d=1"));
}

TEST(CentralityTest, ParallelRelationsAndSelfLoopsCountInDegreeButNotInBetweenness) {
  // As the three-vertex path, plus a second b-c relation and a loop at b.
  // Degree counts relations: b has r1, r2, r3 and the loop r4 (once).
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "b", "funds", "c")
                        .Relation("r3", "c", "mou", "b")
                        .Relation("r4", "b", "mou", "b")
                        .Build());
  EXPECT_THAT(Scores(graph), ElementsAre("b b=1 d=4", "c b=0 d=2", "a b=0 d=1"));
}

TEST(CentralityTest, TiesGoByDegreeThenId) {
  // a-b and c-d-e plus d=e twice: a, b, c, e score 0; e has degree 2.
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c", "d", "e", "f"})
                        .Relation("r1", "b", "funds", "a")
                        .Relation("r2", "c", "funds", "d")
                        .Relation("r3", "d", "funds", "e")
                        .Relation("r4", "e", "funds", "d")
                        .Build());
  EXPECT_THAT(Scores(graph), ElementsAre("d b=1 d=3", "e b=0 d=2", "a b=0 d=1", "b b=0 d=1",
                                         "c b=0 d=1", "f b=0 d=0"));
}

TEST(CentralityTest, TopKeepsTheHighestAndZeroKeepsAll) {
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c", "d"})
                        .Relation("r1", "a", "funds", "b")
                        .Relation("r2", "b", "funds", "c")
                        .Relation("r3", "c", "funds", "d")
                        .Build());
  EXPECT_THAT(Scores(graph, {}, 2), ElementsAre("b b=2 d=2", "c b=2 d=2"));
  EXPECT_THAT(Scores(graph, {}, 1), ElementsAre("b b=2 d=2"));
  EXPECT_EQ(Scores(graph, {}, 0).size(), 4u);
  EXPECT_EQ(Scores(graph, {}, 10).size(), 4u);
}

TEST(CentralityTest, TypeFilterDropsRelationsFromBothScores) {
  // Without the MoU c-d, the funding path a-b-c stands alone and d is isolated.
  const Topology topology = Schema()
                                .Vertices({"a", "b", "c", "d"})
                                .Relation("r1", "a", "funds", "b")
                                .Relation("r2", "b", "funds", "c")
                                .Relation("r3", "c", "mou", "d")
                                .Build();
  EdgeFilter funds_only;
  funds_only.types = Types(topology, {"funds"});
  const Graph graph(topology);
  EXPECT_THAT(Scores(graph, funds_only),
              ElementsAre("b b=1 d=2", "a b=0 d=1", "c b=0 d=1", "d b=0 d=0"));
}

TEST(CentralityTest, AsOfDropsRelationsNotInForce) {
  // As of 2019 the 2010-2018 link c-a is gone and the triangle is a path.
  const Graph graph(Schema()
                        .Vertices({"a", "b", "c"})
                        .Relation("r1", "a", "funds", "b", "2019-06")
                        .Relation("r2", "b", "funds", "c")
                        .Relation("r3", "c", "funds", "a", "2010", "2018")
                        .Build());
  EdgeFilter as_of_2019;
  as_of_2019.as_of = Date("2019");
  EXPECT_THAT(Scores(graph, as_of_2019), ElementsAre("b b=1 d=2", "a b=0 d=1", "c b=0 d=1"));
  EXPECT_THAT(Scores(graph), ElementsAre("a b=0 d=2", "b b=0 d=2", "c b=0 d=2"));
}

TEST(CentralityTest, EmptyGraphGivesEveryVertexZero) {
  const Graph graph(Schema().Vertices({"a", "b"}).Build());
  EXPECT_THAT(Scores(graph), ElementsAre("a b=0 d=0", "b b=0 d=0"));
  const Graph no_vertices(Schema().Build());
  EXPECT_THAT(Scores(no_vertices), ::testing::IsEmpty());
}

}  // namespace
}  // namespace partnergraph
