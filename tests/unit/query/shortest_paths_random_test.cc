// Shortest paths on a few hundred seeded random graphs of 6 to 12 vertices,
// all in one real store with the bundled schema's types (funds, member_of,
// implements; mou and partners_with symmetric), against a brute force written
// here: a BFS for the distance, then every simple path of that length.
//
// graph/shortest_paths_property_test checks tiny topologies (1 to 7
// vertices) one query each. These are larger, come through the store (whose
// edge order is by from, type, to, not by relation id), and each query
// combines a type filter, an as-of date and a direction, and is asked five
// ways: every path (the set and the promised order: by vertex ids, then by
// relation ids), one path (the first in that order), max_hops at exactly the
// distance (allowed) and one below it (none), and max_paths (a prefix); and
// twice in Cypher: allShortestPaths (every path) and shortestPath (one of them).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/cypher.h"
#include "partnergraph/database.h"
#include "partnergraph/date.h"
#include "partnergraph/schema.h"

#include "query_test_support.h"

namespace partnergraph {
namespace {

using ::partnergraph::testing::BundledSchema;
using ::partnergraph::testing::DatasetBuilder;
using ::partnergraph::testing::Date;
using ::partnergraph::testing::PathQuery;
using ::partnergraph::testing::PathsOf;
using ::partnergraph::testing::TestDatabase;
using ::testing::Contains;
using ::testing::IsEmpty;

constexpr uint32_t kGraphs = 400;
constexpr int kQueriesPerGraph = 6;

const char* const kTypes[] = {"funds", "member_of", "implements", "mou", "partners_with"};
// What a filter may name: the types above, a symmetric type no relation has,
// and an asymmetric one no relation has (both match nothing). A name the
// schema does not know is an error: see UnknownTypeIsAnErrorWithASuggestion.
const char* const kFilterTypes[] = {"funds",         "member_of", "implements", "mou",
                                    "partners_with", "co_chairs", "observer_at"};

class Random {
 public:
  explicit Random(uint32_t seed) : engine_(seed) {}
  // Unlike std::uniform_int_distribution, the same sequence with every
  // standard library.
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(engine_() % n); }
  bool OneIn(uint32_t n) { return Below(n) == 0; }

  // "2017", "2017-03" or "2017-03-09", 2014 to 2021 (days up to 28, so
  // every one is a real date).
  std::string PartialDateText() {
    char text[16];
    const int year = 2014 + static_cast<int>(Below(8));
    const int month = 1 + static_cast<int>(Below(12));
    const int day = 1 + static_cast<int>(Below(28));
    switch (Below(3)) {
      case 0:
        std::snprintf(text, sizeof text, "%04d", year);
        break;
      case 1:
        std::snprintf(text, sizeof text, "%04d-%02d", year, month);
        break;
      default:
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
        break;
    }
    return text;
  }

 private:
  std::mt19937 engine_;
};

struct RandomRelation {
  std::string id;
  std::string from;
  std::string to;
  std::string type;
  std::string since;  // "" when open
  std::string until;
};

struct RandomGraph {
  std::vector<std::string> vertices;  // ascending, as the store orders them
  std::vector<RandomRelation> relations;
};

// "g007-v03": a graph's vertices and relations share its prefix and sort
// among themselves as their numbers do.
std::string Name(uint32_t graph, char what, uint32_t number) {
  char text[32];
  std::snprintf(text, sizeof text, "g%03u-%c%02u", graph, what, number);
  return text;
}

RandomGraph MakeGraph(uint32_t graph, Random& random) {
  RandomGraph g;
  const uint32_t num_vertices = 6 + random.Below(7);
  for (uint32_t v = 0; v < num_vertices; ++v) g.vertices.push_back(Name(graph, 'v', v));
  const uint32_t num_relations = num_vertices - 1 + random.Below(num_vertices + 2);
  // Relation numbers shuffled, so that id order is neither insertion order
  // nor the store's (from, type, to) order.
  std::vector<uint32_t> numbers(num_relations);
  for (uint32_t i = 0; i < num_relations; ++i) numbers[i] = i;
  for (uint32_t i = num_relations; i > 1; --i) std::swap(numbers[i - 1], numbers[random.Below(i)]);
  for (uint32_t i = 0; i < num_relations; ++i) {
    RandomRelation r;
    r.id = Name(graph, 'r', numbers[i]);
    if (i > 0 && random.OneIn(6)) {
      // A parallel relation, sometimes the other way round.
      const RandomRelation& twin = g.relations[random.Below(i)];
      r.from = random.OneIn(2) ? twin.from : twin.to;
      r.to = r.from == twin.from ? twin.to : twin.from;
    } else {
      const uint32_t from = random.Below(num_vertices);
      const uint32_t to = (from + 1 + random.Below(num_vertices - 1)) % num_vertices;
      r.from = g.vertices[from];
      r.to = g.vertices[to];
    }
    r.type = kTypes[random.Below(std::size(kTypes))];
    if (random.OneIn(3)) r.since = random.PartialDateText();
    if (random.OneIn(3)) r.until = random.PartialDateText();
    // Valid periods only: until never before since.
    if (!r.since.empty() && !r.until.empty() &&
        Date(r.until).LastDay() < Date(r.since).FirstDay()) {
      r.until.clear();
    }
    g.relations.push_back(r);
  }
  return g;
}

// ---- the brute force ---------------------------------------------------

// Whether the query may use a relation, and which ways: the contract restated.
// InForceAt itself is checked against hand-worked dates in as_of_test.
bool Allowed(const RandomRelation& r, const PathQuery& query) {
  if (!query.types.empty() &&
      std::find(query.types.begin(), query.types.end(), r.type) == query.types.end()) {
    return false;
  }
  return InForceAt(Date(r.since).FirstDay(), Date(r.until).LastDay(), Date(query.as_of));
}

struct Step {
  const RandomRelation* relation;
  std::string to;
};

std::map<std::string, std::vector<Step>> Steps(const RandomGraph& g, const PathQuery& query) {
  std::map<std::string, std::vector<Step>> steps;
  for (const RandomRelation& r : g.relations) {
    if (!Allowed(r, query)) continue;
    steps[r.from].push_back({&r, r.to});
    if (!query.directed || BundledSchema().IsSymmetric(r.type)) {
      steps[r.to].push_back({&r, r.from});
    }
  }
  return steps;
}

// Hops from `from` to `to`; -1 when `to` cannot be reached.
int Distance(const std::map<std::string, std::vector<Step>>& steps, const std::string& from,
             const std::string& to) {
  std::map<std::string, int> hops{{from, 0}};
  std::deque<std::string> queue{from};
  while (!queue.empty()) {
    const std::string u = queue.front();
    queue.pop_front();
    if (u == to) return hops[u];
    auto out = steps.find(u);
    if (out == steps.end()) continue;
    for (const Step& step : out->second) {
      if (hops.emplace(step.to, hops[u] + 1).second) queue.push_back(step.to);
    }
  }
  return -1;
}

struct BrutePath {
  std::vector<std::string> vertices;
  std::vector<std::string> relations;
  std::string text;  // as PathsOf prints it
};

// Every simple path of exactly `hops` hops, in the order the header promises.
std::vector<BrutePath> PathsOfLength(const std::map<std::string, std::vector<Step>>& steps,
                                     const std::string& from, const std::string& to, int hops) {
  std::vector<BrutePath> found;
  BrutePath current{{from}, {}, ""};
  auto extend = [&](auto& self, const std::string& u) -> void {
    if (static_cast<int>(current.relations.size()) == hops) {
      if (u == to) found.push_back(current);
      return;
    }
    auto out = steps.find(u);
    if (out == steps.end()) return;
    for (const Step& step : out->second) {
      if (std::find(current.vertices.begin(), current.vertices.end(), step.to) !=
          current.vertices.end()) {
        continue;
      }
      current.vertices.push_back(step.to);
      current.relations.push_back(step.relation->id);
      self(self, step.to);
      current.vertices.pop_back();
      current.relations.pop_back();
    }
  };
  extend(extend, from);
  std::sort(found.begin(), found.end(), [](const BrutePath& a, const BrutePath& b) {
    if (a.vertices != b.vertices) return a.vertices < b.vertices;
    return a.relations < b.relations;
  });
  for (BrutePath& path : found) {
    path.text = path.vertices[0];
    for (size_t i = 0; i < path.relations.size(); ++i) {
      path.text += " -" + path.relations[i] + "- " + path.vertices[i + 1];
    }
  }
  return found;
}

// ---- the queries -------------------------------------------------------

PathQuery RandomQuery(const RandomGraph& g, Random& random) {
  PathQuery query;
  query.from = g.vertices[random.Below(static_cast<uint32_t>(g.vertices.size()))];
  query.to = random.OneIn(12) ? query.from
                              : g.vertices[random.Below(static_cast<uint32_t>(g.vertices.size()))];
  if (!random.OneIn(3)) {
    // Most types, so that paths remain; sometimes names without relations.
    for (const char* type : kFilterTypes) {
      if (!random.OneIn(4)) query.types.push_back(type);
    }
  }
  if (random.OneIn(2)) query.as_of = random.PartialDateText();
  query.directed = random.OneIn(2);
  return query;
}

std::string Describe(const RandomGraph& g, const PathQuery& query) {
  std::string text = query.from + " to " + query.to + (query.directed ? " directed" : "") +
                     " as of \"" + query.as_of + "\" types";
  for (const std::string& type : query.types) text += " " + type;
  text += "; relations:";
  for (const RandomRelation& r : g.relations) {
    text += " " + r.id + "=" + r.from + ">" + r.to + "/" + r.type + "/" + r.since + ".." + r.until;
  }
  return text;
}

std::vector<std::string> Texts(const std::vector<BrutePath>& paths, size_t count) {
  std::vector<std::string> texts;
  for (size_t i = 0; i < paths.size() && i < count; ++i) texts.push_back(paths[i].text);
  return texts;
}

std::vector<std::string> Answer(const TestDatabase& db, const PathQuery& query) {
  Result<std::vector<std::string>> paths = PathsOf(db, query);
  EXPECT_TRUE(paths.has_value()) << paths.error().ToString();
  return paths.has_value() ? *paths : std::vector<std::string>{"<error>"};
}

// The same question in Cypher: allShortestPaths (all = true) or shortestPath,
// each path as PathsOf prints it, in the order the brute force sorts them.
std::vector<std::string> CypherPaths(const TestDatabase& db, const PathQuery& query, bool all) {
  std::string types;
  for (const std::string& type : query.types) types += (types.empty() ? ":" : "|") + type;
  CypherRequest request;
  request.text = std::string("MATCH p = ") + (all ? "allShortestPaths" : "shortestPath") +
                 "((a {id: $from})-[" + types + "*]-" + (query.directed ? ">" : "") +
                 "(b {id: $to}))" + (query.as_of.empty() ? "" : " AS OF '" + query.as_of + "'") +
                 " RETURN [n IN nodes(p) | n.id], [r IN relationships(p) | r.id]";
  request.parameters["from"] = query.from;
  request.parameters["to"] = query.to;
  Result<CypherResult> result = db.database().Query(request);
  EXPECT_TRUE(result.has_value()) << request.text << ": " << result.error().ToString();
  if (!result) return {"<error>"};
  std::vector<BrutePath> paths;
  for (const std::vector<CypherValue>& row : result->rows) {
    BrutePath path;
    for (const CypherValue& v : row[0].as<CypherList>())
      path.vertices.push_back(v.as<std::string>());
    for (const CypherValue& r : row[1].as<CypherList>()) {
      path.relations.push_back(r.as<std::string>());
    }
    path.text = path.vertices[0];
    for (size_t i = 0; i < path.relations.size(); ++i) {
      path.text += " -" + path.relations[i] + "- " + path.vertices[i + 1];
    }
    paths.push_back(std::move(path));
  }
  std::sort(paths.begin(), paths.end(), [](const BrutePath& a, const BrutePath& b) {
    if (a.vertices != b.vertices) return a.vertices < b.vertices;
    return a.relations < b.relations;
  });
  return Texts(paths, paths.size());
}

TEST(ShortestPathsRandomTest, CombinedFiltersMatchBruteForceInEveryWayOfAsking) {
  std::vector<RandomGraph> graphs;
  DatasetBuilder data;
  for (uint32_t seed = 1; seed <= kGraphs; ++seed) {
    Random random(seed);
    graphs.push_back(MakeGraph(seed, random));
    for (const std::string& v : graphs.back().vertices) data.Entity(v, "igo");
    for (const RandomRelation& r : graphs.back().relations) {
      data.Relation(r.id, r.from, r.type, r.to, r.since, r.until);
    }
  }
  // One store for all: the graphs share no vertex, so no path leaves its own.
  const TestDatabase db(data);
  ASSERT_TRUE(db.ok());

  int queries = 0;
  int with_path = 0;
  int with_several_paths = 0;
  int of_three_hops_or_more = 0;
  int directed_with_path = 0;
  for (uint32_t seed = 1; seed <= kGraphs; ++seed) {
    const RandomGraph& g = graphs[seed - 1];
    Random random(seed * 7919);
    for (int q = 0; q < kQueriesPerGraph; ++q) {
      PathQuery query = RandomQuery(g, random);
      SCOPED_TRACE("graph " + std::to_string(seed) + " query " + std::to_string(q) + ": " +
                   Describe(g, query));
      ++queries;
      const auto steps = Steps(g, query);
      const int hops = Distance(steps, query.from, query.to);
      const std::vector<BrutePath> shortest =
          hops < 0 ? std::vector<BrutePath>{} : PathsOfLength(steps, query.from, query.to, hops);
      ASSERT_EQ(shortest.empty(), hops < 0);  // the brute force agrees with itself

      // Every shortest path, in order.
      query.all = true;
      query.max_paths = 0;
      EXPECT_EQ(Answer(db, query), Texts(shortest, shortest.size()));

      // One path: the first of them.
      query.all = false;
      const std::vector<std::string> first = Texts(shortest, 1);
      EXPECT_EQ(Answer(db, query), first);

      // At most as many hops as the distance: the same path; one fewer: none.
      if (hops > 0) {
        query.max_hops = hops;
        EXPECT_EQ(Answer(db, query), first) << "max_hops " << hops;
      }
      if (hops > 1) {
        query.max_hops = hops - 1;
        EXPECT_THAT(Answer(db, query), IsEmpty()) << "max_hops " << hops - 1;
      }
      query.max_hops = 0;

      // Cypher's allShortestPaths gives every one, and shortestPath one of
      // them (a path from an entity to itself has no relation: not asked).
      if (query.from != query.to) {
        EXPECT_EQ(CypherPaths(db, query, /*all=*/true), Texts(shortest, shortest.size()))
            << "allShortestPaths";
        const std::vector<std::string> one = CypherPaths(db, query, /*all=*/false);
        if (shortest.empty()) {
          EXPECT_THAT(one, IsEmpty()) << "shortestPath";
        } else {
          ASSERT_EQ(one.size(), 1U) << "shortestPath";
          EXPECT_THAT(Texts(shortest, shortest.size()), Contains(one[0])) << "shortestPath";
        }
      }

      // A cap keeps the first paths in order.
      query.all = true;
      query.max_paths = 1 + random.Below(3);
      EXPECT_EQ(Answer(db, query), Texts(shortest, query.max_paths))
          << "max_paths " << query.max_paths;

      if (hops > 0) ++with_path;
      if (shortest.size() > 1) ++with_several_paths;
      if (hops >= 3) ++of_three_hops_or_more;
      if (hops > 0 && query.directed) ++directed_with_path;
    }
  }
  // The random queries must reach the interesting cases, not only "no path".
  EXPECT_GT(with_path, queries / 3);
  EXPECT_GT(with_several_paths, queries / 10);
  EXPECT_GT(of_three_hops_or_more, queries / 20);
  EXPECT_GT(directed_with_path, queries / 10);
}

}  // namespace
}  // namespace partnergraph
