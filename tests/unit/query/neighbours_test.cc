// Neighbourhoods of a hand-drawn network in a real store: which entities lie
// at which depth (listed by depth, then id), and which relations among them
// are listed, undirected and directed, with type and as-of filters.
#include <iterator>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "query_test_support.h"

namespace partnergraph {
namespace {

using ::partnergraph::testing::DatasetBuilder;
using ::partnergraph::testing::NeighbourQuery;
using ::partnergraph::testing::NeighboursAnswer;
using ::partnergraph::testing::NeighboursOf;
using ::partnergraph::testing::TestDatabase;

struct Case {
  std::string name = "";
  NeighbourQuery query = {};
  std::vector<std::string> vertices = {};   // "id@depth", in order
  std::vector<std::string> relations = {};  // ids, sorted
};

// The ILO and its partners, each relation from -> to:
//   m1 cn-mohrss -mou-> ilo (2001..)      m2 ilo -mou-> undp (2015..2018)
//   c1 ilo -co_leads-> i-alliance         c2 undp -co_leads-> i-alliance
//   f1 china -funds-> p-skills (2018..2020)   f3 china -funds-> p-skills (2021)
//   f2 china -funds-> ilo                 i1 ilo -implements-> p-skills
//   b1 p-skills -benefits-> cambodia      b2 p-skills -benefits-> laos (..2018)
//   p1 cn-mohrss -part_of-> china         o1 ilo -observer_at-> g20
// mou and co_leads are symmetric. ifad has no relation.
DatasetBuilder Network() {
  DatasetBuilder data;
  data.Entity("ilo", "igo")
      .Entity("china", "country")
      .Entity("cn-mohrss", "ministry")
      .Entity("undp", "un_entity")
      .Entity("p-skills", "project")
      .Entity("cambodia", "country")
      .Entity("laos", "country")
      .Entity("g20", "forum")
      .Entity("i-alliance", "initiative")
      .Entity("ifad", "ifi")
      .Relation("m1", "cn-mohrss", "mou", "ilo", "2001")
      .Relation("m2", "ilo", "mou", "undp", "2015", "2018")
      .Relation("c1", "ilo", "co_leads", "i-alliance")
      .Relation("c2", "undp", "co_leads", "i-alliance")
      .Funds("f1", "china", "p-skills", 745000, "USD", "2018", "2020")
      .Funds("f3", "china", "p-skills", 5000, "USD", "2021", "2021")
      .Funds("f2", "china", "ilo", 2000000, "USD")
      .Relation("i1", "ilo", "implements", "p-skills")
      .Relation("b1", "p-skills", "benefits", "cambodia")
      .Relation("b2", "p-skills", "benefits", "laos", "", "2018")
      .Relation("p1", "cn-mohrss", "part_of", "china")
      .Relation("o1", "ilo", "observer_at", "g20");
  return data;
}

const char* const kEveryRelation[] = {"b1", "b2", "c1", "c2", "f1", "f2",
                                      "f3", "i1", "m1", "m2", "o1", "p1"};

TEST(NeighboursQueryTest, DepthsFiltersAndDirectionsOnAHandDrawnNetwork) {
  const TestDatabase db(Network());
  const std::vector<std::string> every(std::begin(kEveryRelation), std::end(kEveryRelation));
  const Case kCases[] = {
      {.name = "depth 0 is the start alone",
       .query = {.start = "cambodia", .depth = 0},
       .vertices = {"cambodia@0"}},
      {.name = "depth 1 from a beneficiary",
       .query = {.start = "cambodia", .depth = 1},
       .vertices = {"cambodia@0", "p-skills@1"},
       .relations = {"b1"}},
      {.name = "depth 2: the project's funder, implementer and other beneficiary",
       .query = {.start = "cambodia", .depth = 2},
       .vertices = {"cambodia@0", "p-skills@1", "china@2", "ilo@2", "laos@2"},
       // f2 joins two vertices of depth 2, and is listed too.
       .relations = {"b1", "b2", "f1", "f2", "f3", "i1"}},
      {.name = "depth 3 reaches the whole component",
       .query = {.start = "cambodia", .depth = 3},
       .vertices = {"cambodia@0", "p-skills@1", "china@2", "ilo@2", "laos@2", "cn-mohrss@3",
                    "g20@3", "i-alliance@3", "undp@3"},
       .relations = every},
      {.name = "a depth beyond the component adds nothing",
       .query = {.start = "cambodia", .depth = 9},
       .vertices = {"cambodia@0", "p-skills@1", "china@2", "ilo@2", "laos@2", "cn-mohrss@3",
                    "g20@3", "i-alliance@3", "undp@3"},
       .relations = every},
      {.name = "depth 1 around the ILO lists relations among its partners too",
       .query = {.start = "ilo", .depth = 1},
       .vertices = {"ilo@0", "china@1", "cn-mohrss@1", "g20@1", "i-alliance@1", "p-skills@1",
                    "undp@1"},
       // All but b1, b2: f1, f3 (china-p-skills), p1 and c2 join two partners.
       .relations = {"c1", "c2", "f1", "f2", "f3", "i1", "m1", "m2", "o1", "p1"}},
      {.name = "directed depth 1: out of the ILO, and both ways along mou and co_leads",
       .query = {.start = "ilo", .depth = 1, .directed = true},
       // m1 points at the ILO but is symmetric; f2 points at it and is not: china is out.
       .vertices = {"ilo@0", "cn-mohrss@1", "g20@1", "i-alliance@1", "p-skills@1", "undp@1"},
       .relations = {"c1", "c2", "i1", "m1", "m2", "o1"}},
      {.name = "directed depth 2 reaches china through part_of; f2 is listed though it points "
               "back",
       .query = {.start = "ilo", .depth = 2, .directed = true},
       .vertices = {"ilo@0", "cn-mohrss@1", "g20@1", "i-alliance@1", "p-skills@1", "undp@1",
                    "cambodia@2", "china@2", "laos@2"},
       .relations = every},
      {.name = "directed depth 1 from china: what it funds, not the ministry part of it",
       .query = {.start = "china", .depth = 1, .directed = true},
       .vertices = {"china@0", "ilo@1", "p-skills@1"},
       .relations = {"f1", "f2", "f3", "i1"}},
      {.name = "undirected depth 1 from china",
       .query = {.start = "china", .depth = 1},
       .vertices = {"china@0", "cn-mohrss@1", "ilo@1", "p-skills@1"},
       .relations = {"f1", "f2", "f3", "i1", "m1", "p1"}},
      {.name = "directed from a beneficiary: nothing goes out",
       .query = {.start = "laos", .depth = 3, .directed = true},
       .vertices = {"laos@0"}},
      {.name = "an entity without relations",
       .query = {.start = "ifad", .depth = 5},
       .vertices = {"ifad@0"}},
      {.name = "--types mou,co_leads: the ILO's partnerships only",
       .query = {.start = "ilo", .depth = 2, .types = {"mou", "co_leads"}},
       // undp is at 1 by m2; c2 only closes the triangle. p1 would lead on, but is not a type
       // asked.
       .vertices = {"ilo@0", "cn-mohrss@1", "i-alliance@1", "undp@1"},
       .relations = {"c1", "c2", "m1", "m2"}},
      {.name = "--types funds: only funding is followed and listed",
       .query = {.start = "ilo", .depth = 3, .types = {"funds"}},
       // p-skills is 2 hops away by funding, though i1 joins it to the ILO directly.
       .vertices = {"ilo@0", "china@1", "p-skills@2"},
       .relations = {"f1", "f2", "f3"}},
      {.name = "--as-of 2019: m2, b2 and f3 are not in force",
       .query = {.start = "ilo", .depth = 2, .as_of = "2019"},
       // undp is now reached only through i-alliance, at depth 2; laos not at all.
       .vertices = {"ilo@0", "china@1", "cn-mohrss@1", "g20@1", "i-alliance@1", "p-skills@1",
                    "cambodia@2", "undp@2"},
       .relations = {"b1", "c1", "c2", "f1", "f2", "i1", "m1", "o1", "p1"}},
      {.name = "--as-of 2021 --types funds,benefits --directed from china",
       .query = {.start = "china",
                 .depth = 2,
                 .types = {"funds", "benefits"},
                 .as_of = "2021",
                 .directed = true},
       // f1 ended 2020, f3 is 2021; b2 ended 2018.
       .vertices = {"china@0", "ilo@1", "p-skills@1", "cambodia@2"},
       .relations = {"b1", "f2", "f3"}},
      {.name = "--as-of 2000: before the ministry's MoU, only undated relations",
       .query = {.start = "cn-mohrss", .depth = 1, .as_of = "2000"},
       .vertices = {"cn-mohrss@0", "china@1"},
       .relations = {"p1"}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    Result<NeighboursAnswer> answer = NeighboursOf(db, c.query);
    ASSERT_TRUE(answer.has_value()) << answer.error().ToString();
    EXPECT_EQ(answer->vertices, c.vertices);
    EXPECT_EQ(answer->relations, c.relations);
  }
}

// A type the schema does not know is an error naming the closest one; a
// known type no relation has matches nothing.
TEST(RelationFilterByNameTest, UnknownTypeIsAnErrorWithASuggestion) {
  TestDatabase db(DatasetBuilder()
                      .Entity("a", "country")
                      .Entity("b", "igo")
                      .Relation("m", "a", "member_of", "b"));
  Result<NeighboursAnswer> unknown = NeighboursOf(db, {.start = "a", .types = {"membr_of"}});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().message(),
            "unknown relation type \"membr_of\" (did you mean \"member_of\"?)");
  Result<NeighboursAnswer> unused = NeighboursOf(db, {.start = "a", .types = {"observer_at"}});
  ASSERT_TRUE(unused.has_value()) << unused.error().ToString();
  EXPECT_EQ(unused->vertices, std::vector<std::string>{"a@0"});
  EXPECT_TRUE(unused->relations.empty());
}

}  // namespace
}  // namespace partnergraph
