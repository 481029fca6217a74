// Betweenness and degree of small graphs in a real store, worked out by hand:
// for every unordered pair {s, t} (each counted once), every vertex strictly
// inside the shortest s-t paths gets the fraction of those paths through it;
// parallel relations are one link, direction is ignored. Listed highest
// betweenness first, ties by degree (relations) then id; at most `top`.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "query_test_support.h"

namespace partnergraph {
namespace {

using ::partnergraph::testing::CentralityOf;
using ::partnergraph::testing::CentralityQuery;
using ::partnergraph::testing::DatasetBuilder;
using ::partnergraph::testing::TestDatabase;

// Organisations with these ids, and no relation yet.
DatasetBuilder Organisations(const std::vector<std::string>& ids) {
  DatasetBuilder data;
  for (const std::string& id : ids) data.Entity(id, "igo");
  return data;
}

// a-b-c-d(-e): r1 a-b, r2 b-c, ... all MoUs.
DatasetBuilder PathGraph(const std::vector<std::string>& ids) {
  DatasetBuilder data = Organisations(ids);
  for (size_t i = 0; i + 1 < ids.size(); ++i) {
    data.Relation("r" + std::to_string(i + 1), ids[i], "mou", ids[i + 1]);
  }
  return data;
}

// a-b-c-d-e-a: r1..r4 MoUs along the path, r5 e-a of `closing_type` from
// `closing_since` to `closing_until`.
DatasetBuilder FiveCycle(const std::string& closing_type, const std::string& closing_since = "",
                         const std::string& closing_until = "") {
  DatasetBuilder data = PathGraph({"a", "b", "c", "d", "e"});
  data.Relation("r5", "e", closing_type, "a", closing_since, closing_until);
  return data;
}

// Triangles a-b-c and d-e-f (MoUs), joined by c funding d.
DatasetBuilder TwoTrianglesAndABridge() {
  return Organisations({"a", "b", "c", "d", "e", "f"})
      .Relation("t1", "a", "mou", "b")
      .Relation("t2", "b", "mou", "c")
      .Relation("t3", "c", "mou", "a")
      .Relation("t4", "d", "mou", "e")
      .Relation("t5", "e", "mou", "f")
      .Relation("t6", "f", "mou", "d")
      .Relation("bridge", "c", "funds", "d");
}

struct Case {
  std::string name = "";
  DatasetBuilder data = {};
  CentralityQuery query = {};
  std::vector<std::string> scores = {};  // "id b=<betweenness> d=<degree>", in order
};

TEST(CentralityQueryTest, BrandesValuesWorkedOutByHand) {
  const Case kCases[] = {
      {.name = "path P4",
       .data = PathGraph({"a", "b", "c", "d"}),
       // b is inside {a,c} and {a,d}; c inside {a,d} and {b,d}.
       .scores = {"b b=2 d=2", "c b=2 d=2", "a b=0 d=1", "d b=0 d=1"}},
      {.name = "path P5",
       .data = PathGraph({"a", "b", "c", "d", "e"}),
       // c separates {a,b} from {d,e}: 2 x 2 pairs; b separates a from {c,d,e}: 3.
       .scores = {"c b=4 d=2", "b b=3 d=2", "d b=3 d=2", "a b=0 d=1", "e b=0 d=1"}},
      {.name = "star of five leaves, relations pointing either way",
       .data = Organisations({"h", "l1", "l2", "l3", "l4", "l5"})
                   .Relation("r1", "h", "funds", "l1")
                   .Relation("r2", "l2", "funds", "h")
                   .Relation("r3", "h", "mou", "l3")
                   .Relation("r4", "l4", "member_of", "h")
                   .Relation("r5", "h", "partners_with", "l5"),
       // Every one of the C(5,2) = 10 pairs of leaves goes through h.
       .scores = {"h b=10 d=5", "l1 b=0 d=1", "l2 b=0 d=1", "l3 b=0 d=1", "l4 b=0 d=1",
                  "l5 b=0 d=1"}},
      {.name = "cycle C5",
       .data = FiveCycle("mou"),
       // The 5 pairs two apart each have one shortest path, through the vertex between
       // them; neighbours need none. All tie: by id.
       .scores = {"a b=1 d=2", "b b=1 d=2", "c b=1 d=2", "d b=1 d=2", "e b=1 d=2"}},
      {.name = "cycle C4",
       .data = PathGraph({"a", "b", "c", "d"}).Relation("r4", "d", "mou", "a"),
       // {a,c} goes through b or d, half each; {b,d} through a or c.
       .scores = {"a b=0.5 d=2", "b b=0.5 d=2", "c b=0.5 d=2", "d b=0.5 d=2"}},
      {.name = "complete graph K4",
       .data = Organisations({"a", "b", "c", "d"})
                   .Relation("r1", "a", "mou", "b")
                   .Relation("r2", "a", "mou", "c")
                   .Relation("r3", "a", "mou", "d")
                   .Relation("r4", "b", "mou", "c")
                   .Relation("r5", "b", "mou", "d")
                   .Relation("r6", "c", "mou", "d"),
       // Every pair is adjacent: no vertex is inside any shortest path.
       .scores = {"a b=0 d=3", "b b=0 d=3", "c b=0 d=3", "d b=0 d=3"}},
      {.name = "two triangles joined by a bridge",
       .data = TwoTrianglesAndABridge(),
       // c is inside every path from {a,b} to {d,e,f}: 2 x 3 = 6; d likewise for {e,f}.
       .scores = {"c b=6 d=3", "d b=6 d=3", "a b=0 d=2", "b b=0 d=2", "e b=0 d=2", "f b=0 d=2"}},
      {.name = "parallel relations are one link",
       .data = Organisations({"s", "t", "x", "y"})
                   .Relation("r1", "s", "mou", "x")
                   .Funds("r2", "s", "x", 100, "USD")
                   .Relation("r3", "x", "mou", "t")
                   .Relation("r4", "s", "mou", "y")
                   .Relation("r5", "y", "mou", "t"),
       // {s,t}: via x or y, half each (not 2/3 via x for its two relations to s);
       // {x,y}: via s or t, half each. Degree counts relations: s and x have 3.
       .scores = {"s b=0.5 d=3", "x b=0.5 d=3", "t b=0.5 d=2", "y b=0.5 d=2"}},
      {.name = "three equal routes: thirds, tied exactly",
       .data = Organisations({"s", "t", "x", "y", "z"})
                   .Relation("r1", "s", "mou", "x")
                   .Relation("r2", "s", "mou", "y")
                   .Relation("r3", "s", "mou", "z")
                   .Relation("r4", "x", "mou", "t")
                   .Relation("r5", "y", "mou", "t")
                   .Relation("r6", "z", "mou", "t"),
       // {s,t}: via x, y or z, a third each. {x,y}, {x,z}, {y,z}: via s or t, half
       // each: s = t = 3 x 0.5.
       .scores = {"s b=1.5 d=3", "t b=1.5 d=3", "x b=0.333333 d=2", "y b=0.333333 d=2",
                  "z b=0.333333 d=2"}},
      {.name = "--types mou turns C5 into P5",
       .data = FiveCycle("funds"),
       .query = {.types = {"mou"}},
       // Without r5 (funds e-a), as P5; a and e lose a relation.
       .scores = {"c b=4 d=2", "b b=3 d=2", "d b=3 d=2", "a b=0 d=1", "e b=0 d=1"}},
      {.name = "--types funds: only the bridge",
       .data = TwoTrianglesAndABridge(),
       .query = {.types = {"funds"}},
       .scores = {"c b=0 d=1", "d b=0 d=1", "a b=0 d=0", "b b=0 d=0", "e b=0 d=0", "f b=0 d=0"}},
      {.name = "--types mou: the triangles apart",
       .data = TwoTrianglesAndABridge(),
       .query = {.types = {"mou"}},
       .scores = {"a b=0 d=2", "b b=0 d=2", "c b=0 d=2", "d b=0 d=2", "e b=0 d=2", "f b=0 d=2"}},
      {.name = "--as-of 2019: C5 whose closing MoU ended in 2018 is P5",
       .data = FiveCycle("mou", "2010", "2018"),
       .query = {.as_of = "2019"},
       .scores = {"c b=4 d=2", "b b=3 d=2", "d b=3 d=2", "a b=0 d=1", "e b=0 d=1"}},
      {.name = "--as-of 2018: still C5",
       .data = FiveCycle("mou", "2010", "2018"),
       .query = {.as_of = "2018"},
       .scores = {"a b=1 d=2", "b b=1 d=2", "c b=1 d=2", "d b=1 d=2", "e b=1 d=2"}},
      {.name = "--top 1",
       .data = PathGraph({"a", "b", "c", "d", "e"}),
       .query = {.top = 1},
       .scores = {"c b=4 d=2"}},
      {.name = "--top 2 cuts between b and d, tied: by id",
       .data = PathGraph({"a", "b", "c", "d", "e"}),
       .query = {.top = 2},
       .scores = {"c b=4 d=2", "b b=3 d=2"}},
      {.name = "--top 10 of 5",
       .data = PathGraph({"a", "b", "c", "d", "e"}),
       .query = {.top = 10},
       .scores = {"c b=4 d=2", "b b=3 d=2", "d b=3 d=2", "a b=0 d=1", "e b=0 d=1"}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    const TestDatabase db(c.data);
    Result<std::vector<std::string>> scores = CentralityOf(db, c.query);
    ASSERT_TRUE(scores.has_value()) << scores.error().ToString();
    EXPECT_EQ(*scores, c.scores);
  }
}

}  // namespace
}  // namespace partnergraph
