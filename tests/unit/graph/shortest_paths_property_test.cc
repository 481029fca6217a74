// ShortestPaths and Neighbours against a brute force that enumerates every
// simple path, on a few hundred small random graphs (seeded, so every run
// checks the same graphs) with parallel relations, self-loops, random types,
// dates, filters and directions. Shortest paths are always simple, so the
// brute force sees every candidate.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/graph.h"

#include "topology_builder.h"

namespace partnergraph {
namespace {

using ::partnergraph::testing::Describe;

constexpr int kCases = 500;

class Random {
 public:
  explicit Random(uint32_t seed) : engine_(seed) {}
  // Uniform enough for tests, and unlike std::uniform_int_distribution the
  // same sequence with every standard library.
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(engine_() % n); }
  bool Coin() { return Below(2) == 0; }

  // "2017", "2017-03" or "2017-03-09", 2014 to 2021 (days up to 28, so
  // every one is a real date).
  PartialDate PartialDateBetween2014And2021() {
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
    return PartialDate::Parse(text).value();
  }

 private:
  std::mt19937 engine_;
};

struct Case {
  Topology topology;
  VertexIndex from = 0;
  VertexIndex to = 0;
  PathOptions options;
  std::string description;
};

Case RandomCase(uint32_t seed) {
  Random random(seed);
  Case c;
  Topology& topology = c.topology;
  const uint32_t num_vertices = 1 + random.Below(7);
  for (uint32_t v = 0; v < num_vertices; ++v) {
    topology.vertex_ids.push_back(std::string(1, static_cast<char>('a' + v)));
  }
  topology.vertex_kinds.assign(num_vertices, 0);
  topology.kind_names = {"igo"};
  topology.type_names = {"funds", "mou", "member_of"};
  topology.type_is_symmetric = {false, true, false};

  const uint32_t num_relations = random.Below(16);
  // Relation ids in a shuffled order, so id order is not index order.
  std::vector<std::string> ids;
  for (uint32_t i = 0; i < num_relations; ++i) ids.push_back("r" + std::to_string(10 + i));
  for (uint32_t i = num_relations; i > 1; --i) std::swap(ids[i - 1], ids[random.Below(i)]);
  for (uint32_t i = 0; i < num_relations; ++i) {
    TopologyEdge edge;
    edge.from = random.Below(num_vertices);
    // Mostly distinct ends, some self-loops.
    edge.to = random.Below(6) == 0 ? edge.from : random.Below(num_vertices);
    edge.type = static_cast<TypeIndex>(random.Below(3));
    if (random.Below(3) == 0) {
      edge.since_first_day = random.PartialDateBetween2014And2021().FirstDay();
    }
    if (random.Below(3) == 0) {
      edge.until_last_day = random.PartialDateBetween2014And2021().LastDay();
    }
    topology.edges.push_back(edge);
    topology.edge_relation_ids.push_back(ids[i]);
  }

  c.from = random.Below(num_vertices);
  c.to = random.Below(num_vertices);
  PathOptions& options = c.options;
  if (random.Below(3) == 0) {
    // A few subsets, sometimes with a type the topology does not have.
    for (TypeIndex type = 0; type < 4; ++type) {
      if (random.Coin()) options.filter.types.push_back(type);
    }
  }
  if (random.Below(4) == 0) options.filter.as_of = random.PartialDateBetween2014And2021();
  options.directed = random.Coin();
  options.max_hops = static_cast<int>(random.Below(4));
  options.all = random.Below(3) != 0;
  static constexpr size_t kMaxPaths[] = {0, 1, 2, 3, 100};
  options.max_paths = kMaxPaths[random.Below(5)];

  std::ostringstream text;
  text << "seed " << seed << ": " << topology.vertex_ids[c.from] << " to "
       << topology.vertex_ids[c.to] << (options.directed ? " directed" : " undirected")
       << " max_hops " << options.max_hops << (options.all ? " all" : "") << " max_paths "
       << options.max_paths << " as_of " << options.filter.as_of.ToString() << " types";
  for (TypeIndex type : options.filter.types) text << " " << type;
  text << "; relations:";
  for (size_t i = 0; i < topology.edges.size(); ++i) {
    const TopologyEdge& e = topology.edges[i];
    text << " " << topology.edge_relation_ids[i] << "=" << topology.vertex_ids[e.from] << ">"
         << topology.vertex_ids[e.to] << "/" << e.type << "/" << e.since_first_day << ".."
         << e.until_last_day;
  }
  c.description = text.str();
  return c;
}

// The rules restated from the contract, independently of the implementation.
bool Allowed(const Topology& topology, const EdgeFilter& filter, EdgeIndex relation) {
  const TopologyEdge& edge = topology.edges[relation];
  if (!filter.types.empty() &&
      std::find(filter.types.begin(), filter.types.end(), edge.type) == filter.types.end()) {
    return false;
  }
  return InForceAt(edge.since_first_day, edge.until_last_day, filter.as_of);
}

// Every simple path from `from` to `to`, any length.
std::vector<Path> AllSimplePaths(const Topology& topology, VertexIndex from, VertexIndex to,
                                 const EdgeFilter& filter, bool directed) {
  std::vector<Path> found;
  Path current{{from}, {}};
  std::vector<bool> on_path(topology.vertex_ids.size(), false);
  on_path[from] = true;
  auto extend = [&](auto& self, VertexIndex u) -> void {
    if (u == to) {
      found.push_back(current);
      return;
    }
    for (EdgeIndex r = 0; r < topology.edges.size(); ++r) {
      if (!Allowed(topology, filter, r)) continue;
      const TopologyEdge& edge = topology.edges[r];
      std::vector<VertexIndex> steps;
      if (edge.from == u) steps.push_back(edge.to);
      if (edge.to == u && (!directed || topology.type_is_symmetric[edge.type])) {
        steps.push_back(edge.from);
      }
      for (VertexIndex w : steps) {
        if (on_path[w]) continue;
        on_path[w] = true;
        current.vertices.push_back(w);
        current.edges.push_back(r);
        self(self, w);
        current.vertices.pop_back();
        current.edges.pop_back();
        on_path[w] = false;
      }
    }
  };
  extend(extend, from);
  return found;
}

std::vector<Path> BruteForceShortestPaths(const Topology& topology, VertexIndex from,
                                          VertexIndex to, const PathOptions& options) {
  if (from == to) return {Path{{from}, {}}};
  std::vector<Path> paths = AllSimplePaths(topology, from, to, options.filter, options.directed);
  if (paths.empty()) return {};
  size_t shortest = paths[0].edges.size();
  for (const Path& path : paths) shortest = std::min(shortest, path.edges.size());
  if (options.max_hops > 0 && shortest > static_cast<size_t>(options.max_hops)) return {};
  std::erase_if(paths, [&](const Path& path) { return path.edges.size() != shortest; });
  auto relation_ids = [&](const Path& path) {
    std::vector<std::string> ids;
    for (EdgeIndex e : path.edges) ids.push_back(topology.edge_relation_ids[e]);
    return ids;
  };
  std::sort(paths.begin(), paths.end(), [&](const Path& a, const Path& b) {
    if (a.vertices != b.vertices) return a.vertices < b.vertices;
    return relation_ids(a) < relation_ids(b);
  });
  const size_t cap = !options.all ? 1 : options.max_paths == 0 ? paths.size() : options.max_paths;
  if (paths.size() > cap) paths.resize(cap);
  return paths;
}

TEST(ShortestPathsPropertyTest, MatchesBruteForceOnRandomGraphs) {
  int with_paths = 0;
  int with_several_paths = 0;
  for (uint32_t seed = 1; seed <= kCases; ++seed) {
    const Case c = RandomCase(seed);
    const std::vector<Path> expected = BruteForceShortestPaths(c.topology, c.from, c.to, c.options);
    const Graph graph(c.topology);
    Result<std::vector<Path>> actual = graph.ShortestPaths(c.from, c.to, c.options);
    ASSERT_TRUE(actual.has_value()) << c.description << ": " << actual.error().ToString();
    EXPECT_EQ(Describe(graph, *actual), Describe(graph, expected)) << c.description;
    if (!expected.empty() && c.from != c.to) ++with_paths;
    if (expected.size() > 1) ++with_several_paths;
  }
  // The random graphs must exercise the interesting cases, not only "no path".
  EXPECT_GT(with_paths, kCases / 4);
  EXPECT_GT(with_several_paths, kCases / 20);
}

TEST(NeighboursPropertyTest, MatchesBruteForceDistancesOnRandomGraphs) {
  for (uint32_t seed = 1; seed <= kCases; ++seed) {
    const Case c = RandomCase(seed);
    const Topology& topology = c.topology;
    const int depth = c.options.max_hops;  // 0..3, reused as the depth
    // Expected: each vertex whose shortest distance is within depth, by
    // (depth, id); every allowed relation with both ends listed.
    std::vector<std::pair<int, VertexIndex>> listed;
    std::vector<bool> is_listed(topology.vertex_ids.size(), false);
    for (VertexIndex v = 0; v < topology.vertex_ids.size(); ++v) {
      PathOptions nearest;
      nearest.filter = c.options.filter;
      nearest.directed = c.options.directed;
      const std::vector<Path> paths = BruteForceShortestPaths(topology, c.from, v, nearest);
      if (paths.empty() || paths[0].edges.size() > static_cast<size_t>(depth)) continue;
      listed.emplace_back(static_cast<int>(paths[0].edges.size()), v);
      is_listed[v] = true;
    }
    std::sort(listed.begin(), listed.end());
    std::vector<EdgeIndex> expected_edges;
    for (EdgeIndex r = 0; r < topology.edges.size(); ++r) {
      if (Allowed(topology, c.options.filter, r) && is_listed[topology.edges[r].from] &&
          is_listed[topology.edges[r].to]) {
        expected_edges.push_back(r);
      }
    }

    const Graph graph(topology);
    Result<Neighbourhood> hood =
        graph.Neighbours(c.from, depth, c.options.filter, c.options.directed);
    ASSERT_TRUE(hood.has_value()) << c.description;
    std::vector<std::pair<int, VertexIndex>> actual;
    for (const NeighbourVertex& v : hood->vertices) actual.emplace_back(v.depth, v.vertex);
    EXPECT_EQ(actual, listed) << "depth " << depth << ", " << c.description;
    EXPECT_EQ(hood->edges, expected_edges) << "depth " << depth << ", " << c.description;
  }
}

}  // namespace
}  // namespace partnergraph
