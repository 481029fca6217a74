// Graph::Centrality against betweenness by definition, on small random
// multigraphs (seeded) with parallel relations, self-loops, two types and
// dates, with and without filters: for each unordered pair {s, t} and each
// other vertex v, v earns sigma(s, v) * sigma(v, t) / sigma(s, t) when it
// lies on a shortest s-t path, counting paths in the simple undirected graph
// (parallel relations one link, loops none).
#include <cmath>
#include <cstdint>
#include <random>
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

constexpr int kCases = 200;
constexpr int kUnreached = -1;

// Betweenness by definition: all-pairs distances and path counts by BFS on
// an adjacency matrix of the allowed links.
std::vector<double> BruteForceBetweenness(const Topology& topology, const EdgeFilter& filter) {
  const size_t n = topology.vertex_ids.size();
  std::vector<std::vector<bool>> linked(n, std::vector<bool>(n, false));
  for (size_t e = 0; e < topology.edges.size(); ++e) {
    const TopologyEdge edge = topology.edges[e];
    bool allowed = filter.types.empty();
    for (TypeIndex type : filter.types) allowed = allowed || type == edge.type;
    if (!filter.as_of.empty()) {
      allowed = allowed && InForceAt(edge.since_first_day, edge.until_last_day, filter.as_of);
    }
    if (allowed && edge.from != edge.to)
      linked[edge.from][edge.to] = linked[edge.to][edge.from] = true;
  }
  std::vector<std::vector<int>> distance(n, std::vector<int>(n, kUnreached));
  std::vector<std::vector<double>> paths(n, std::vector<double>(n, 0));
  for (size_t s = 0; s < n; ++s) {
    distance[s][s] = 0;
    paths[s][s] = 1;
    std::vector<size_t> frontier = {s};
    for (int depth = 0; !frontier.empty(); ++depth) {
      std::vector<size_t> next;
      for (size_t u : frontier) {
        for (size_t w = 0; w < n; ++w) {
          if (!linked[u][w]) continue;
          if (distance[s][w] == kUnreached) {
            distance[s][w] = depth + 1;
            next.push_back(w);
          }
          if (distance[s][w] == depth + 1) paths[s][w] += paths[s][u];
        }
      }
      frontier = next;
    }
  }
  std::vector<double> betweenness(n, 0);
  for (size_t s = 0; s < n; ++s) {
    for (size_t t = s + 1; t < n; ++t) {
      if (distance[s][t] == kUnreached) continue;
      for (size_t v = 0; v < n; ++v) {
        if (v == s || v == t || distance[s][v] == kUnreached || distance[v][t] == kUnreached) {
          continue;
        }
        if (distance[s][v] + distance[v][t] == distance[s][t]) {
          betweenness[v] += paths[s][v] * paths[v][t] / paths[s][t];
        }
      }
    }
  }
  return betweenness;
}

TEST(CentralityPropertyTest, MatchesTheDefinitionOnRandomMultigraphs) {
  std::mt19937 random(20240611);
  auto below = [&](uint32_t n) { return static_cast<uint32_t>(random() % n); };
  for (int c = 0; c < kCases; ++c) {
    const uint32_t num_vertices = 1 + below(12);
    std::vector<std::string> ids;
    for (uint32_t v = 0; v < num_vertices; ++v) ids.push_back("v" + std::to_string(10 + v));
    TopologyBuilder builder;
    builder.Type("funds", false).Type("mou", true).Vertices(ids);
    const uint32_t num_relations = below(3 * num_vertices);
    for (uint32_t r = 0; r < num_relations; ++r) {
      const bool dated = below(3) == 0;
      builder.Relation("r" + std::to_string(r), ids[below(num_vertices)],
                       below(2) == 0 ? "funds" : "mou", ids[below(num_vertices)],
                       dated ? std::to_string(2014 + below(4)) : "",
                       dated ? std::to_string(2017 + below(4)) : "");
    }
    const Topology topology = builder.Build();
    const Graph graph(topology);
    std::vector<EdgeFilter> filters(3);
    filters[1].types = Types(topology, {below(2) == 0 ? "funds" : "mou"});
    filters[2].as_of = Date(std::to_string(2015 + below(4)));
    for (size_t f = 0; f < filters.size(); ++f) {
      const std::vector<double> expected = BruteForceBetweenness(topology, filters[f]);
      Result<std::vector<CentralityScore>> scores = graph.Centrality(filters[f], 0);
      ASSERT_TRUE(scores.has_value()) << scores.error().ToString();
      ASSERT_EQ(scores->size(), num_vertices);
      for (const CentralityScore& score : *scores) {
        EXPECT_NEAR(score.betweenness, expected[score.vertex], 1e-9)
            << "case " << c << ", filter " << f << ", vertex " << ids[score.vertex];
      }
    }
  }
}

}  // namespace
}  // namespace partnergraph
