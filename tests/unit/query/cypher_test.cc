// Read-only Cypher through the Database front door, on small hand-drawn
// networks whose answers are worked out by hand in the comments.
#include "partnergraph/cypher.h"

#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/database.h"

#include "query_test_support.h"

namespace partnergraph::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A value as the test reads it: nodes and relationships by id, strings
// quoted, lists in brackets, paths as ids joined by '-'.
std::string Show(const CypherValue& value, const CypherResult& result) {
  if (value.is_null()) return "null";
  if (value.is<bool>()) return value.as<bool>() ? "true" : "false";
  if (value.is<int64_t>()) return std::to_string(value.as<int64_t>());
  if (value.is<double>()) {
    std::string text = std::to_string(value.as<double>());
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text += '0';
    return text;
  }
  if (value.is<std::string>()) return "'" + value.as<std::string>() + "'";
  if (value.is<CypherList>()) {
    std::string text = "[";
    for (const CypherValue& item : value.as<CypherList>()) {
      if (text.size() > 1) text += ", ";
      text += Show(item, result);
    }
    return text + "]";
  }
  if (value.is<CypherMap>()) {
    std::string text = "{";
    for (const auto& [key, item] : value.as<CypherMap>()) {
      if (text.size() > 1) text += ", ";
      text += key + ": " + Show(item, result);
    }
    return text + "}";
  }
  if (value.is<CypherNode>()) return result.entities.at(value.as<CypherNode>().vertex).id;
  if (value.is<CypherRelationship>()) {
    return result.relations.at(value.as<CypherRelationship>().edge).id;
  }
  std::string text;
  for (VertexIndex v : value.as<CypherPath>().vertices) {
    if (!text.empty()) text += "-";
    text += result.entities.at(v).id;
  }
  return text;
}

// The rows of a query, each as its values joined by " | "; or "error: ..." .
std::vector<std::string> Rows(const Database& db, const std::string& query,
                              const std::map<std::string, CypherValue>& parameters = {},
                              const std::string& as_of = "") {
  CypherRequest request;
  request.text = query;
  request.parameters = parameters;
  request.as_of = Date(as_of);
  Result<CypherResult> result = db.Query(request);
  if (!result) return {"error: " + result.error().message()};
  std::vector<std::string> rows;
  for (const std::vector<CypherValue>& row : result->rows) {
    std::string line;
    for (const CypherValue& value : row) {
      if (!line.empty()) line += " | ";
      line += Show(value, *result);
    }
    rows.push_back(line);
  }
  return rows;
}

std::string Error(const Database& db, const std::string& query) {
  CypherRequest request;
  request.text = query;
  Result<CypherResult> result = db.Query(request);
  if (result) return "no error";
  return result.error().message();
}

// China and Japan fund two projects; both benefit Cambodia, one also Lao PDR.
// The ILO implements both and signed an MoU with China in June 2019.
//
//   china --funds 100 USD (2018)--> p1 --benefits--> cambodia
//   china --funds  50 CNY (2019)--> p2 --benefits--> cambodia, lao
//   japan --funds  70 USD (2020)--> p1
//   ilo --implements--> p1, p2
//   ilo --mou (2019-06)-- china
class CypherTest : public ::testing::Test {
 protected:
  CypherTest()
      : db_(DatasetBuilder()
                .Entity("china", "country")
                .Entity("japan", "country")
                .Entity("cambodia", "country")
                .Entity("lao", "country")
                .Entity("ilo", "un_entity")
                .Entity("p1", "project")
                .Entity("p2", "project")
                .Funds("f1", "china", "p1", 100, "USD", "2018", "2018")
                .Funds("f2", "china", "p2", 50, "CNY", "2019", "2019")
                .Funds("f3", "japan", "p1", 70, "USD", "2020", "2020")
                .Relation("b1", "p1", "benefits", "cambodia")
                .Relation("b2", "p2", "benefits", "cambodia")
                .Relation("b3", "p2", "benefits", "lao")
                .Relation("i1", "ilo", "implements", "p1")
                .Relation("i2", "ilo", "implements", "p2")
                .Relation("m1", "ilo", "mou", "china", "2019-06")) {}

  const Database& db() const { return db_.database(); }

 private:
  TestDatabase db_;
};

std::vector<std::string> Notices(const Database& db, const std::string& query) {
  CypherRequest request;
  request.text = query;
  Result<CypherResult> result = db.Query(request);
  if (!result) return {"error: " + result.error().message()};
  return result->notices;
}

TEST_F(CypherTest, PropertyNoRecordHasIsNullWithANote) {
  // Null, as Cypher says, and a note with the closest known name.
  EXPECT_THAT(Rows(db(), "MATCH (p:project) RETURN p.nme ORDER BY p.nme"),
              ElementsAre("null", "null"));
  EXPECT_THAT(
      Notices(db(), "MATCH (p:project) RETURN p.nme"),
      ElementsAre("no entity or relation has the property \"nme\" (did you mean \"name\"?)"));
  EXPECT_THAT(Notices(db(), "MATCH ()-[r:funds]->() RETURN sum(r.amout)"),
              ElementsAre("no entity or relation has the property \"amout\" (did you mean "
                          "\"amount\"?)"));
  // Built-in properties that are empty here say nothing.
  EXPECT_THAT(Notices(db(), "MATCH ()-[r]->() RETURN r.title, r.quote, r.role"), IsEmpty());
}

TEST_F(CypherTest, MatchesByKindAndReturnsPropertiesInOrder) {
  EXPECT_THAT(Rows(db(), "MATCH (p:project) RETURN p.id ORDER BY p.id"),
              ElementsAre("'p1'", "'p2'"));
  EXPECT_THAT(Rows(db(), "MATCH (c:country) RETURN c.id ORDER BY c.id DESC LIMIT 2"),
              ElementsAre("'lao'", "'japan'"));
  EXPECT_THAT(Rows(db(), "MATCH (c:country) RETURN c.id ORDER BY c.id SKIP 1 LIMIT 2"),
              ElementsAre("'china'", "'japan'"));
}

TEST_F(CypherTest, AGroupOfKindsIsALabelToo) {
  // organisation: country and un_entity here (data/schema.json's groups).
  EXPECT_THAT(Rows(db(), "MATCH (o:organisation) RETURN count(*)"), ElementsAre("5"));
}

TEST_F(CypherTest, FunderProjectBeneficiaryPattern) {
  // Who funds projects that benefit Lao PDR: only p2, funded by China.
  EXPECT_THAT(Rows(db(),
                   "MATCH (f)-[:funds]->(p:project)-[:benefits]->(c:country {id: 'lao'}) "
                   "RETURN f.id, p.id"),
              ElementsAre("'china' | 'p2'"));
  // Donors whose projects benefit both Cambodia and Lao PDR.
  EXPECT_THAT(Rows(db(),
                   "MATCH (f)-[:funds]->(:project)-[:benefits]->({id: 'cambodia'}), "
                   "(f)-[:funds]->(:project)-[:benefits]->({id: 'lao'}) RETURN DISTINCT f.id"),
              ElementsAre("'china'"));
}

TEST_F(CypherTest, SumsPerCurrencyNeverMixCurrencies) {
  // USD: 100 + 70; CNY: 50. One row per currency, amounts as floats.
  EXPECT_THAT(Rows(db(),
                   "MATCH ()-[r:funds]->() RETURN r.currency AS currency, sum(r.amount) AS total "
                   "ORDER BY currency"),
              ElementsAre("'CNY' | 50.0", "'USD' | 170.0"));
  EXPECT_THAT(Rows(db(),
                   "MATCH (f)-[r:funds]->() RETURN f.id, r.currency, sum(r.amount), count(r) "
                   "ORDER BY f.id, r.currency"),
              ElementsAre("'china' | 'CNY' | 50.0 | 1", "'china' | 'USD' | 100.0 | 1",
                          "'japan' | 'USD' | 70.0 | 1"));
}

TEST_F(CypherTest, SymmetricRelationsMatchInBothDirections) {
  // A directed pattern sees a symmetric relation from both ends, as an
  // undirected one does: the MoU once as ilo->china, once as china->ilo.
  EXPECT_THAT(Rows(db(), "MATCH (a)-[r:mou]->(b) RETURN a.id, b.id ORDER BY a.id"),
              ElementsAre("'china' | 'ilo'", "'ilo' | 'china'"));
  // The MoU is stored ilo -> china; mou is symmetric, so either way matches.
  EXPECT_THAT(Rows(db(), "MATCH (c {id: 'china'})-[:mou]->(x) RETURN x.id"), ElementsAre("'ilo'"));
  EXPECT_THAT(Rows(db(), "MATCH (c {id: 'china'})<-[:mou]-(x) RETURN x.id"), ElementsAre("'ilo'"));
  // funds is not: china has no incoming funds.
  EXPECT_THAT(Rows(db(), "MATCH (c {id: 'china'})<-[:funds]-(x) RETURN x.id"), IsEmpty());
}

TEST_F(CypherTest, UndirectedPatternsSeeEachRelationFromBothEnds) {
  // p1 has f1, f3 (in), b1 (out), i1 (in): four neighbours.
  EXPECT_THAT(Rows(db(), "MATCH ({id: 'p1'})--(x) RETURN x.id ORDER BY x.id"),
              ElementsAre("'cambodia'", "'china'", "'ilo'", "'japan'"));
  // Each relation twice, once from each end.
  EXPECT_THAT(Rows(db(), "MATCH ()-[r:benefits]-() RETURN count(r)"), ElementsAre("6"));
}

TEST_F(CypherTest, AsOfAppliesPartialDatesByTheirPeriod) {
  // The MoU began 2019-06: in force as of 2019 (the year overlaps), not as of 2019-05.
  EXPECT_THAT(Rows(db(), "MATCH ({id: 'ilo'})-[r:mou]->(b) AS OF '2019' RETURN r.id"),
              ElementsAre("'m1'"));
  EXPECT_THAT(Rows(db(), "MATCH ({id: 'ilo'})-[r:mou]->(b) AS OF '2019-05' RETURN r.id"),
              IsEmpty());
  // The request's as-of applies to every pattern, as --as-of does.
  EXPECT_THAT(Rows(db(), "MATCH ()-[r:funds]->() RETURN r.id ORDER BY r.id", {}, "2019"),
              ElementsAre("'f2'"));
  // Dates compare as periods: 2019-06 is both <= and >= 2019.
  EXPECT_THAT(Rows(db(),
                   "MATCH ()-[r:mou]->() RETURN DISTINCT r.since <= '2019', r.since >= '2019', "
                   "r.since < '2019', r.since > '2019-05'"),
              ElementsAre("true | true | false | true"));
}

TEST_F(CypherTest, ShortestPathFiltersDuringTheSearchNotAfter) {
  // Japan reaches Lao PDR in 4 hops three ways: japan-p1-X-p2-lao with X
  // china, cambodia or ilo. A WHERE that refuses two of them leaves the
  // third; a search that filtered after finding one path could find none.
  EXPECT_THAT(Rows(db(),
                   "MATCH p = shortestPath((a {id: 'japan'})-[*]-(b {id: 'lao'})) "
                   "WHERE none(n IN nodes(p) WHERE n.id IN ['cambodia', 'china']) RETURN p"),
              ElementsAre("japan-p1-ilo-p2-lao"));
  EXPECT_THAT(Rows(db(),
                   "MATCH p = shortestPath((a {id: 'japan'})-[*]-(b {id: 'lao'})) "
                   "WHERE none(n IN nodes(p) WHERE n.id IN ['ilo', 'china']) RETURN p"),
              ElementsAre("japan-p1-cambodia-p2-lao"));
  // A rule the shortest path breaks makes the search go longer: Japan to
  // Cambodia is japan-p1-cambodia (2 hops, through b1); without b1, and
  // through funds and benefits only, it is japan-p1-china-p2-cambodia.
  EXPECT_THAT(Rows(db(),
                   "MATCH p = shortestPath((a {id: 'japan'})-[:funds|benefits*]-(b {id: "
                   "'cambodia'})) WHERE none(r IN relationships(p) WHERE r.id = 'b1') RETURN p"),
              ElementsAre("japan-p1-china-p2-cambodia"));
  EXPECT_THAT(Rows(db(),
                   "MATCH p = allShortestPaths((a {id: 'japan'})-[*]-(b {id: 'lao'})) "
                   "RETURN p ORDER BY length(p)"),
              ::testing::SizeIs(3));
  // GQL's spelling.
  EXPECT_THAT(Rows(db(),
                   "MATCH p = ANY SHORTEST (a {id: 'china'})-[*]-(b {id: 'lao'}) "
                   "RETURN length(p)"),
              ElementsAre("2"));
}

TEST_F(CypherTest, VariableLengthPatternsFollowTrailsWithinTheirBounds) {
  // Out of ilo, following directed relations: p1, p2 (1 hop); cambodia, lao
  // (2 hops). Any type: also the symmetric MoU to china, then its funds.
  EXPECT_THAT(Rows(db(),
                   "MATCH ({id: 'ilo'})-[:implements|benefits*1..2]->(x) "
                   "RETURN DISTINCT x.id ORDER BY x.id"),
              ElementsAre("'cambodia'", "'lao'", "'p1'", "'p2'"));
  EXPECT_THAT(Rows(db(), "MATCH ({id: 'ilo'})-[r*2]->(x) RETURN x.id, size(r) ORDER BY x.id"),
              ElementsAre("'cambodia' | 2", "'cambodia' | 2", "'lao' | 2", "'p1' | 2", "'p2' | 2"));
}

// Trails around s: a triangle of part_of (s -> a -> b -> s), two parallel
// member_of relations c -> s, and d part_of c.
DatasetBuilder TrailsDataset() {
  return DatasetBuilder()
      .Entity("s", "country")
      .Entity("a", "country")
      .Entity("b", "country")
      .Entity("c", "country")
      .Entity("d", "country")
      .Relation("t1", "s", "part_of", "a")
      .Relation("t2", "a", "part_of", "b")
      .Relation("t3", "b", "part_of", "s")
      .Relation("t4", "c", "member_of", "s")
      .Relation("t5", "c", "member_of", "s")
      .Relation("t6", "d", "part_of", "c");
}

TEST(CypherTrailsTest, DistinctEndsOfAVariableLengthHopAreTheTrailsEnds) {
  // A DISTINCT reading of an anonymous last hop searches breadth first; the
  // same question with count(*) enumerates every trail. Both must give the
  // hand-worked ends: s itself only through a closed trail (the triangle is
  // 3 long, the parallel member_of pair 2 long).
  const TestDatabase trails(TrailsDataset());
  const Database& db = trails.database();
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"({id: 's'})-[:part_of*1..2]-(x)", {"'a'", "'b'"}},
      {"({id: 's'})-[:part_of*1..3]-(x)", {"'a'", "'b'", "'s'"}},
      {"({id: 's'})-[:part_of*0..1]-(x)", {"'a'", "'b'", "'s'"}},
      {"({id: 's'})-[:member_of*1..1]-(x)", {"'c'"}},
      {"({id: 's'})-[:member_of*1..2]-(x)", {"'c'", "'s'"}},
      {"({id: 's'})-[*1..2]-(x)", {"'a'", "'b'", "'c'", "'d'", "'s'"}},
      {"({id: 's'})-[*]-(x)", {"'a'", "'b'", "'c'", "'d'", "'s'"}},
      {"({id: 's'})-[:part_of*1..2]->(x)", {"'a'", "'b'"}},
      {"({id: 's'})-[:part_of*1..3]->(x)", {"'a'", "'b'", "'s'"}},
      {"({id: 's'})<-[:member_of*1..2]-(x)", {"'c'"}},
      {"({id: 'd'})-[*2..2]-(x)", {"'s'"}},  // min 2: every trail, not the search
      // The relation r of the first pattern is not used again by the hop.
      {"(s {id: 's'})-[r:member_of]-(c), (s)-[:member_of*1..2]-(x)", {"'c'"}},
  };
  for (const auto& [pattern, ends] : cases) {
    EXPECT_THAT(Rows(db, "MATCH " + pattern + " RETURN DISTINCT x.id ORDER BY x.id"),
                ElementsAreArray(ends))
        << pattern;
    EXPECT_THAT(
        Rows(db, "MATCH " + pattern + " WITH x, count(*) AS trails RETURN x.id ORDER BY x.id"),
        ElementsAreArray(ends))
        << pattern;
    EXPECT_THAT(Rows(db, "MATCH " + pattern + " RETURN count(DISTINCT x)"),
                ElementsAre(std::to_string(ends.size())))
        << pattern;
  }
}

TEST_F(CypherTest, OptionalMatchKeepsTheRowWithNulls) {
  EXPECT_THAT(Rows(db(),
                   "MATCH (c:country) OPTIONAL MATCH (c)-[:funds]->(p) "
                   "RETURN c.id, count(p) ORDER BY c.id"),
              ElementsAre("'cambodia' | 0", "'china' | 2", "'japan' | 1", "'lao' | 0"));
}

TEST_F(CypherTest, NullLogicIsThreeValued) {
  EXPECT_THAT(Rows(db(),
                   "RETURN false AND true, true AND false, true OR false, false OR true, "
                   "false OR false, true XOR true"),
              ElementsAre("false | false | true | true | false | false"));
  EXPECT_THAT(Rows(db(),
                   "RETURN null AND false, null AND true, null OR true, null OR false, "
                   "NOT null, null XOR true, null = null, 1 IN [null, 1], 2 IN [null, 1]"),
              ElementsAre("false | null | true | null | null | null | null | true | null"));
}

TEST_F(CypherTest, ExpressionsAndFunctions) {
  EXPECT_THAT(Rows(db(), "RETURN 7 / 2, 7 % 3, 2 ^ 3, 7 / 2.0, 'a' + 'b', [1] + 2, -(3)"),
              ElementsAre("3 | 1 | 8.0 | 3.5 | 'ab' | [1, 2] | -3"));
  EXPECT_THAT(Rows(db(),
                   "RETURN [x IN range(1, 5) WHERE x % 2 = 1 | x * 10], "
                   "CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END, "
                   "coalesce(null, 'x'), toUpper('ilo'), size('人社部'), toInteger('42')"),
              ElementsAre("[10, 30, 50] | 'two' | 'x' | 'ILO' | 3 | 42"));
  EXPECT_THAT(Rows(db(), "UNWIND [3, 1, 2] AS x WITH x ORDER BY x RETURN collect(x)"),
              ElementsAre("[1, 2, 3]"));
  EXPECT_THAT(Rows(db(),
                   "MATCH (n {id: 'p1'}) RETURN labels(n), n.name STARTS WITH 'p', "
                   "n.missing IS NULL"),
              ElementsAre("['project'] | true | true"));
  EXPECT_THAT(Rows(db(),
                   "MATCH ()-[r {id: 'f1'}]->() RETURN type(r), startNode(r).id, "
                   "endNode(r).id, r.since, r.amount"),
              ElementsAre("'funds' | 'china' | 'p1' | '2018' | 100.0"));
}

TEST_F(CypherTest, AggregatesOverNoRowsGiveOneRow) {
  EXPECT_THAT(Rows(db(), "MATCH (n:event) RETURN count(*), sum(1), collect(n), avg(1)"),
              ElementsAre("0 | 0 | [] | null"));
  // With a grouping key, no rows make no groups.
  EXPECT_THAT(Rows(db(), "MATCH (n:event) RETURN n.id, count(*)"), IsEmpty());
}

TEST_F(CypherTest, UnionRemovesDuplicatesUnlessAll) {
  EXPECT_THAT(Rows(db(), "RETURN 1 AS x UNION RETURN 1 AS x"), ElementsAre("1"));
  EXPECT_THAT(Rows(db(), "RETURN 1 AS x UNION ALL RETURN 1 AS x"), ElementsAre("1", "1"));
}

TEST_F(CypherTest, ParametersFillTheQuery) {
  EXPECT_THAT(Rows(db(), "MATCH (n {id: $who})-[:funds]->(p) RETURN p.id ORDER BY p.id",
                   {{"who", CypherValue(std::string("china"))}}),
              ElementsAre("'p1'", "'p2'"));
  EXPECT_THAT(Error(db(), "MATCH (n {id: $who}) RETURN n"), HasSubstr("missing parameter $who"));
}

TEST_F(CypherTest, PatternPredicatesAndExists) {
  // Projects that benefit Lao PDR, asked as a predicate.
  EXPECT_THAT(Rows(db(), "MATCH (p:project) WHERE (p)-[:benefits]->({id: 'lao'}) RETURN p.id"),
              ElementsAre("'p2'"));
  EXPECT_THAT(Rows(db(),
                   "MATCH (p:project) WHERE NOT exists((p)-[:benefits]->({id: 'lao'})) "
                   "RETURN p.id"),
              ElementsAre("'p1'"));
  EXPECT_THAT(Rows(db(), "MATCH (p {id: 'p2'}) RETURN [(p)-[:benefits]->(c) | c.id]"),
              ElementsAre("['cambodia', 'lao']"));
}

TEST_F(CypherTest, SyntaxErrorsPointAtTheLineAndColumn) {
  const std::string message = Error(db(), "MATCH (n:project)\nRETURN n.id,");
  EXPECT_THAT(message, HasSubstr("syntax error at line 2, column 13"));
  EXPECT_THAT(message, HasSubstr("RETURN n.id,\n              ^"));
}

TEST_F(CypherTest, WritesAreRefused) {
  for (const char* query :
       {"CREATE (n:project {id: 'x'})", "MATCH (n) DETACH DELETE n",
        "MATCH (n) SET n.name = 'x' RETURN n", "MERGE (n {id: 'x'})", "CALL db.labels()"}) {
    EXPECT_THAT(Error(db(), query), HasSubstr("pgraph query is read-only; use pgraph import"))
        << query;
  }
}

TEST_F(CypherTest, UnknownNamesSuggestTheSchemasNames) {
  EXPECT_THAT(Error(db(), "MATCH (n:projet) RETURN n"),
              HasSubstr("unknown label :projet (did you mean \"project\"?)"));
  EXPECT_THAT(Error(db(), "MATCH ()-[r:fund]->() RETURN r"),
              HasSubstr("unknown relationship type :fund (did you mean \"funds\"?)"));
  EXPECT_THAT(Error(db(), "RETURN toUper('x')"), HasSubstr("unknown function toUper()"));
  EXPECT_THAT(Error(db(), "MATCH (n) RETURN m"), HasSubstr("unknown variable m"));
}

TEST_F(CypherTest, RowLimitStopsARunawayQuery) {
  CypherRequest request;
  request.text = "UNWIND range(1, 1000) AS x UNWIND range(1, 1000) AS y RETURN count(*)";
  request.max_rows = 10000;
  Result<CypherResult> result = db().Query(request);
  ASSERT_FALSE(result);
  EXPECT_THAT(result.error().message(), HasSubstr("more than 10000 rows"));
}

TEST_F(CypherTest, AggregatesReadMatchesWithoutHoldingThem) {
  // 9 relations, each matched from both ends: 18 matches, one group. The
  // matches stream into count(*), so a limit of 3 rows held is enough...
  CypherRequest request;
  request.text = "MATCH (a)--(b) RETURN count(*)";
  request.max_rows = 3;
  Result<CypherResult> result = db().Query(request);
  ASSERT_TRUE(result) << result.error().message();
  ASSERT_EQ(result->rows.size(), 1U);
  EXPECT_EQ(result->rows[0][0], CypherValue(int64_t{18}));
  // ... while returning the 18 rows themselves is not.
  request.text = "MATCH (a)--(b) RETURN a, b";
  EXPECT_FALSE(db().Query(request));
}

}  // namespace
}  // namespace partnergraph::testing
