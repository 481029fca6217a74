// graph_bench: Google Benchmark of our traversals against Boost.Graph's
// algorithms run on the same adjacency index through bgl_graph.h (no copy),
// to decide which a query uses.
//
//   graph_bench [benchmark flags]   e.g. --benchmark_repetitions=5
//                                        --benchmark_report_aggregates_only=true
//
// The graph is generated in memory, deterministically: 300,000 vertices and
// 1,000,000 relations, each joining a uniformly chosen vertex to one chosen
// half the time uniformly and half the time as the end of an earlier
// relation (so degrees follow a power law, with hubs, as partnerships do);
// sorted by `from`, as the store lists them; four types, one symmetric; a
// third of the relations dated.
//   Neighbours2Hop/Ours         Graph::Neighbours(v, 2), undirected, no filter,
//                               from each of 64 fixed random vertices in turn
//   Neighbours2Hop/BglBfs       the same result (vertices by depth, then the
//                               relations among them) with the first part by
//                               boost::breadth_first_visit, depth-limited
//   Neighbours1HopFromHub/...   the largest hub's 1-hop neighbourhood
//   ShortestPath/Ours           Graph::ShortestPaths, one path, undirected,
//                               for each of 64 fixed random pairs in turn
//   ShortestPath/BglBfs         boost::breadth_first_visit from one end until
//                               the other is reached, then one path read back
//   Betweenness/...             Graph::Centrality on a 5,000-vertex,
//                               15,000-relation graph made the same way, and
//                               the copy into a BGL compressed_sparse_row_graph
//                               that it replaced
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "partnergraph/graph.h"
#include "partnergraph/topology.h"

#include "graph/bfs_scratch.h"
#include "graph/bgl_graph.h"
#include "graph/graph_impl.h"
#include "graph/relation_filter.h"

namespace partnergraph::bench {
namespace {

using graph::BfsScratch;
using graph::Direction;
using graph::FilteredRelations;
using graph::GraphData;
using graph::RelationFilter;
using graph::RelationGraph;

Topology Generate(uint32_t num_vertices, uint32_t num_relations, uint32_t seed) {
  std::mt19937 random(seed);
  auto below = [&](uint32_t n) { return static_cast<uint32_t>(random() % n); };
  std::vector<TopologyEdge> edges;
  edges.reserve(num_relations);
  for (uint32_t r = 0; r < num_relations; ++r) {
    TopologyEdge edge;
    edge.from = below(num_vertices);
    edge.to = r > 0 && below(2) == 0 ? (below(2) == 0 ? edges[below(r)].to : edges[below(r)].from)
                                     : below(num_vertices);
    edge.type = static_cast<TypeIndex>(below(4));
    if (below(3) == 0) {
      edge.since_first_day = 20000101 + 10000 * static_cast<int32_t>(below(20));
      edge.until_last_day = edge.since_first_day + 10000 * static_cast<int32_t>(1 + below(5));
    } else {
      edge.since_first_day = PartialDate::kOpenStart;
      edge.until_last_day = PartialDate::kOpenEnd;
    }
    edges.push_back(edge);
  }
  std::stable_sort(edges.begin(), edges.end(),
                   [](const TopologyEdge& a, const TopologyEdge& b) { return a.from < b.from; });
  Topology topology;
  char id[32];
  for (uint32_t v = 0; v < num_vertices; ++v) {
    std::snprintf(id, sizeof id, "v%08u", v);
    topology.vertex_ids.push_back(id);
  }
  topology.vertex_kinds.assign(num_vertices, 0);
  topology.kind_names = {"organisation"};
  topology.type_names = {"funds", "implements", "member-of", "mou"};
  topology.type_is_symmetric = {false, false, false, true};
  for (uint32_t r = 0; r < num_relations; ++r) {
    topology.edges.push_back(edges[r]);
    std::snprintf(id, sizeof id, "r%08u", r);
    topology.edge_relation_ids.push_back(id);
  }
  return topology;
}

struct State {
  Graph graph{Generate(300'000, 1'000'000, 7)};
  Graph small{Generate(5'000, 15'000, 11)};
  std::vector<VertexIndex> starts;
  std::vector<std::pair<VertexIndex, VertexIndex>> pairs;
  VertexIndex hub = 0;

  State() {
    std::mt19937 random(3);
    const auto n = static_cast<uint32_t>(graph.topology().vertex_ids.size());
    for (int i = 0; i < 64; ++i) {
      starts.push_back(static_cast<VertexIndex>(random() % n));
      pairs.emplace_back(static_cast<VertexIndex>(random() % n),
                         static_cast<VertexIndex>(random() % n));
    }
    const GraphData& data = graph::SnapshotAccess::Data(graph);
    size_t best = 0;
    for (VertexIndex v = 0; v < n; ++v) {
      const size_t degree = data.index.out_offsets[v + 1] - data.index.out_offsets[v] +
                            data.index.in_offsets[v + 1] - data.index.in_offsets[v];
      if (degree > best) std::tie(best, hub) = std::make_pair(degree, v);
    }
  }
};

State& Loaded() {
  static State state;
  return state;
}

// --- Neighbours by BGL's breadth-first search --------------------------------

// BGL's colour map over a BfsScratch, so that a search costs what it visits
// rather than O(V) to colour every vertex white (breadth_first_visit, unlike
// breadth_first_search, does not initialise it). Grey means visited; the
// visitor records visits (with their depth), so put() has nothing to do.
struct ScratchColorMap {
  using key_type = VertexIndex;
  using value_type = boost::default_color_type;
  using reference = boost::default_color_type;
  using category = boost::read_write_property_map_tag;
  BfsScratch* scratch;
};
boost::default_color_type get(const ScratchColorMap& map, VertexIndex v) {
  return map.scratch->visited(v) ? boost::gray_color : boost::white_color;
}
void put(const ScratchColorMap& /*map*/, VertexIndex /*v*/, boost::default_color_type /*c*/) {}

// A FIFO that drops vertices at the depth limit: their arcs lead beyond it.
struct DepthLimitedQueue {
  using value_type = VertexIndex;
  std::vector<VertexIndex>* items;
  size_t head = 0;
  const BfsScratch* scratch;
  int32_t limit;
  void push(VertexIndex v) {
    if (scratch->depth(v) < limit) items->push_back(v);
  }
  void pop() { ++head; }
  VertexIndex& top() { return (*items)[head]; }
  const VertexIndex& top() const { return (*items)[head]; }
  bool empty() const { return head == items->size(); }
  size_t size() const { return items->size() - head; }
};

struct RecordDepths : boost::default_bfs_visitor {
  BfsScratch* scratch;
  Neighbourhood* result;
  template <typename Arc, typename G>
  void tree_edge(const Arc& arc, const G& /*g*/) const {
    scratch->Visit(arc.target, scratch->depth(arc.source) + 1);
    result->vertices.push_back(NeighbourVertex{arc.target, scratch->depth(arc.target)});
  }
};

Neighbourhood NeighboursByBgl(const GraphData& data, BfsScratch& scratch, VertexIndex start,
                              int depth) {
  const RelationFilter filter(data.topology, EdgeFilter{});
  const RelationGraph<Direction::kBothWays, FilteredRelations> view(data,
                                                                    FilteredRelations(filter));
  scratch.Reset();
  Neighbourhood result;
  result.vertices.push_back(NeighbourVertex{start, 0});
  scratch.Visit(start, 0);
  std::vector<VertexIndex>& items = scratch.frontier();
  items.clear();
  DepthLimitedQueue queue{&items, 0, &scratch, depth};
  RecordDepths visitor;
  visitor.scratch = &scratch;
  visitor.result = &result;
  if (depth > 0) boost::breadth_first_visit(view, start, queue, visitor, ScratchColorMap{&scratch});
  std::sort(result.vertices.begin(), result.vertices.end(),
            [](const NeighbourVertex& a, const NeighbourVertex& b) {
              return std::tie(a.depth, a.vertex) < std::tie(b.depth, b.vertex);
            });
  for (const NeighbourVertex& listed : result.vertices) {
    auto [arc, end] = out_edges(listed.vertex, view);
    for (; arc != end; ++arc) {
      if (scratch.visited((*arc).target)) result.edges.push_back((*arc).relation);
    }
  }
  std::sort(result.edges.begin(), result.edges.end());
  result.edges.erase(std::unique(result.edges.begin(), result.edges.end()), result.edges.end());
  return result;
}

void CheckSameNeighbours(const Neighbourhood& ours, const Neighbourhood& bgl) {
  const bool same_vertices =
      std::equal(ours.vertices.begin(), ours.vertices.end(), bgl.vertices.begin(),
                 bgl.vertices.end(), [](const NeighbourVertex& a, const NeighbourVertex& b) {
                   return a.vertex == b.vertex && a.depth == b.depth;
                 });
  if (!same_vertices || ours.edges != bgl.edges) {
    std::fprintf(stderr, "graph_bench: the BGL neighbourhood differs from ours\n");
    std::exit(1);
  }
}

void BM_Neighbours2HopOurs(benchmark::State& state) {
  State& loaded = Loaded();
  size_t i = 0;
  size_t vertices = 0;
  for (auto _ : state) {
    Result<Neighbourhood> result =
        loaded.graph.Neighbours(loaded.starts[i++ % loaded.starts.size()], 2, {});
    vertices += result->vertices.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["vertices"] =
      benchmark::Counter(static_cast<double>(vertices), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_Neighbours2HopOurs)->Name("Neighbours2Hop/Ours");

void BM_Neighbours2HopBgl(benchmark::State& state) {
  State& loaded = Loaded();
  const GraphData& data = graph::SnapshotAccess::Data(loaded.graph);
  BfsScratch scratch(data.topology.vertex_ids.size());
  for (VertexIndex start : loaded.starts) {
    CheckSameNeighbours(*loaded.graph.Neighbours(start, 2, {}),
                        NeighboursByBgl(data, scratch, start, 2));
  }
  size_t i = 0;
  for (auto _ : state) {
    Neighbourhood result =
        NeighboursByBgl(data, scratch, loaded.starts[i++ % loaded.starts.size()], 2);
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_Neighbours2HopBgl)->Name("Neighbours2Hop/BglBfs");

void BM_Neighbours1HopFromHubOurs(benchmark::State& state) {
  State& loaded = Loaded();
  for (auto _ : state) {
    Result<Neighbourhood> result = loaded.graph.Neighbours(loaded.hub, 1, {});
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_Neighbours1HopFromHubOurs)->Name("Neighbours1HopFromHub/Ours");

void BM_Neighbours1HopFromHubBgl(benchmark::State& state) {
  State& loaded = Loaded();
  const GraphData& data = graph::SnapshotAccess::Data(loaded.graph);
  BfsScratch scratch(data.topology.vertex_ids.size());
  CheckSameNeighbours(*loaded.graph.Neighbours(loaded.hub, 1, {}),
                      NeighboursByBgl(data, scratch, loaded.hub, 1));
  for (auto _ : state) {
    Neighbourhood result = NeighboursByBgl(data, scratch, loaded.hub, 1);
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_Neighbours1HopFromHubBgl)->Name("Neighbours1HopFromHub/BglBfs");

// --- Shortest paths ------------------------------------------------------------

void BM_ShortestPathOurs(benchmark::State& state) {
  State& loaded = Loaded();
  size_t i = 0;
  for (auto _ : state) {
    const auto& [from, to] = loaded.pairs[i++ % loaded.pairs.size()];
    Result<std::vector<Path>> paths = loaded.graph.ShortestPaths(from, to, PathOptions{});
    benchmark::DoNotOptimize(paths);
  }
}
BENCHMARK(BM_ShortestPathOurs)->Name("ShortestPath/Ours");

// Stops the search once `to` is discovered: the queue reports itself empty.
struct UntilFound {
  using value_type = VertexIndex;
  std::vector<VertexIndex>* items;
  size_t head = 0;
  const bool* found;
  void push(VertexIndex v) { items->push_back(v); }
  void pop() { ++head; }
  VertexIndex& top() { return (*items)[head]; }
  const VertexIndex& top() const { return (*items)[head]; }
  bool empty() const { return *found || head == items->size(); }
  size_t size() const { return items->size() - head; }
};

struct RecordParents : boost::default_bfs_visitor {
  BfsScratch* scratch;
  std::vector<std::pair<VertexIndex, EdgeIndex>>* parent;  // by vertex
  VertexIndex to;
  bool* found;
  template <typename Arc, typename G>
  void tree_edge(const Arc& arc, const G& /*g*/) const {
    if (*found) return;
    scratch->Visit(arc.target, scratch->depth(arc.source) + 1);
    (*parent)[arc.target] = {arc.source, arc.relation};
    if (arc.target == to) *found = true;
  }
};

void BM_ShortestPathBgl(benchmark::State& state) {
  State& loaded = Loaded();
  const GraphData& data = graph::SnapshotAccess::Data(loaded.graph);
  const size_t n = data.topology.vertex_ids.size();
  BfsScratch scratch(n);
  // A parent per vertex, as BGL's predecessor recorder wants; allocated
  // once, outside the timing, to be fair to the BFS.
  std::vector<std::pair<VertexIndex, EdgeIndex>> parent(n);
  const RelationFilter filter(data.topology, EdgeFilter{});
  const RelationGraph<Direction::kBothWays, FilteredRelations> view(data,
                                                                    FilteredRelations(filter));
  size_t i = 0;
  size_t hops = 0;
  for (auto _ : state) {
    const auto& [from, to] = loaded.pairs[i++ % loaded.pairs.size()];
    scratch.Reset();
    scratch.Visit(from, 0);
    bool found = from == to;
    std::vector<VertexIndex>& items = scratch.frontier();
    items.clear();
    UntilFound queue{&items, 0, &found};
    RecordParents visitor;
    visitor.scratch = &scratch;
    visitor.parent = &parent;
    visitor.to = to;
    visitor.found = &found;
    boost::breadth_first_visit(view, from, queue, visitor, ScratchColorMap{&scratch});
    Path path;
    if (found) {
      for (VertexIndex v = to; v != from; v = parent[v].first) {
        path.vertices.push_back(v);
        path.edges.push_back(parent[v].second);
      }
      path.vertices.push_back(from);
      std::reverse(path.vertices.begin(), path.vertices.end());
      std::reverse(path.edges.begin(), path.edges.end());
      hops += path.edges.size();
    }
    benchmark::DoNotOptimize(path);
  }
  state.counters["hops"] =
      benchmark::Counter(static_cast<double>(hops), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_ShortestPathBgl)->Name("ShortestPath/BglBfs");

// --- Betweenness -----------------------------------------------------------------

void BM_BetweennessOnTheIndex(benchmark::State& state) {
  State& loaded = Loaded();
  for (auto _ : state) {
    Result<std::vector<CentralityScore>> scores = loaded.small.Centrality({}, 10);
    benchmark::DoNotOptimize(scores);
  }
}
BENCHMARK(BM_BetweennessOnTheIndex)->Name("Betweenness/OnTheIndex")->Unit(benchmark::kMillisecond);

// What Centrality did before running on the index: collapse the links into
// pairs, renumber the linked vertices densely and copy both arcs of each
// link into a BGL compressed_sparse_row_graph.
void BM_BetweennessCopiedToBglCsr(benchmark::State& state) {
  State& loaded = Loaded();
  const Topology& topology = loaded.small.topology();
  using LinkGraph =
      boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                         boost::no_property, VertexIndex, size_t>;
  for (auto _ : state) {
    const size_t n = topology.vertex_ids.size();
    std::vector<std::pair<VertexIndex, VertexIndex>> links;
    for (size_t e = 0; e < topology.edges.size(); ++e) {
      const VertexIndex a = topology.edges.from[e];
      const VertexIndex b = topology.edges.to[e];
      if (a != b) links.emplace_back(std::min(a, b), std::max(a, b));
    }
    std::sort(links.begin(), links.end());
    links.erase(std::unique(links.begin(), links.end()), links.end());
    std::vector<VertexIndex> dense_of(n, UINT32_MAX);
    std::vector<VertexIndex> sparse_of;
    auto densify = [&](VertexIndex v) {
      if (dense_of[v] == UINT32_MAX) {
        dense_of[v] = static_cast<VertexIndex>(sparse_of.size());
        sparse_of.push_back(v);
      }
      return dense_of[v];
    };
    std::vector<std::pair<VertexIndex, VertexIndex>> arcs;
    for (const auto& [a, b] : links) {
      const VertexIndex dense_a = densify(a);
      const VertexIndex dense_b = densify(b);
      arcs.emplace_back(dense_a, dense_b);
      arcs.emplace_back(dense_b, dense_a);
    }
    const LinkGraph graph(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(),
                          static_cast<VertexIndex>(sparse_of.size()));
    std::vector<double> scores(sparse_of.size(), 0.0);
    boost::brandes_betweenness_centrality(
        graph,
        boost::make_iterator_property_map(scores.begin(), boost::get(boost::vertex_index, graph)));
    benchmark::DoNotOptimize(scores);
  }
}
BENCHMARK(BM_BetweennessCopiedToBglCsr)
    ->Name("Betweenness/CopiedToBglCsr")
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace partnergraph::bench

BENCHMARK_MAIN();
