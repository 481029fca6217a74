#include "partnergraph/graph.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <new>
#include <string>
#include <tuple>
#include <utility>

#include "graph/adjacency_index.h"
#include "graph/betweenness.h"
#include "graph/bfs_scratch.h"
#include "graph/components.h"
#include "graph/graph_impl.h"
#include "graph/relation_filter.h"

namespace partnergraph {
namespace {

using graph::AdjacencyIndex;
using graph::BfsScratch;
using graph::RelationFilter;

constexpr int32_t kNoDepthLimit = std::numeric_limits<int32_t>::max();

// One step out of a vertex on a shortest path: to `vertex` by `relation`.
struct Hop {
  VertexIndex vertex;
  EdgeIndex relation;
};

// The steps out of one vertex that stay on shortest paths, sorted by next
// vertex then relation id, and which run of them (all to the same next
// vertex) the enumeration is currently on.
struct HopChoice {
  std::vector<Hop> hops;
  size_t group_begin = 0;
  size_t group_end = 0;

  void SelectGroupAt(size_t begin) {
    group_begin = begin;
    group_end = begin;
    while (group_end < hops.size() && hops[group_end].vertex == hops[begin].vertex) ++group_end;
  }
  bool exhausted() const { return group_begin == hops.size(); }
};

// Appends to `paths` every path whose vertices are those the stack's current
// groups choose, one per combination of parallel relations, in lexicographic
// order of relation ids (the last hop varies fastest), until `cap` paths.
void EmitParallelVariants(VertexIndex from, const std::vector<HopChoice>& stack, size_t cap,
                          std::vector<Path>& paths) {
  std::vector<size_t> pick(stack.size());
  for (size_t i = 0; i < stack.size(); ++i) pick[i] = stack[i].group_begin;
  while (paths.size() < cap) {
    Path path;
    path.vertices.reserve(stack.size() + 1);
    path.edges.reserve(stack.size());
    path.vertices.push_back(from);
    for (size_t i = 0; i < stack.size(); ++i) {
      path.vertices.push_back(stack[i].hops[pick[i]].vertex);
      path.edges.push_back(stack[i].hops[pick[i]].relation);
    }
    paths.push_back(std::move(path));
    size_t i = stack.size();
    for (;;) {
      if (i == 0) return;
      --i;
      if (++pick[i] < stack[i].group_end) break;
      pick[i] = stack[i].group_begin;
    }
  }
}

Status VertexOutOfRange(const char* role, VertexIndex vertex, size_t num_vertices) {
  return Status::InvalidArgument(std::string(role) + " vertex " + std::to_string(vertex) +
                                 " is out of range: the graph has " + std::to_string(num_vertices) +
                                 " vertices");
}

// The standard library reports failure by throwing (in practice only
// std::bad_alloc here); the module boundary turns that into a Status.
Status FromException(const std::exception& e, const char* query) {
  if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr) {
    return Status::IOError(std::string("out of memory computing ") + query);
  }
  return Status::NotSupported(std::string(query) + " failed: " + e.what());
}

}  // namespace

namespace graph {

// The moves a query may make: which relations (the filter) and which way
// (directed or not). Forward steps leave a vertex; backward steps are the
// same moves seen from their far end (the steps that arrive at a vertex),
// which is what a search from the target walks.
class Stepper {
 public:
  Stepper(const GraphData& data, const RelationFilter& filter, bool directed)
      : data_(data), filter_(filter), directed_(directed) {}

  // Calls visit(w, relation) for each step u -> w (forward) or, backward,
  // each step w -> u. Relations are read from u's own lists: leaving u
  // (to its `to`) then entering u (to its `from`), each by relation index.
  template <typename Visit>
  void ForEach(VertexIndex u, bool backward, Visit&& visit) const {
    const AdjacencyIndex& index = data_.index;
    const EdgeTable& edges = data_.topology.edges;
    // A relation is followed from -> to in every mode; to -> from only when
    // undirected or of a symmetric type. Backward, the roles swap.
    const bool out_any_type = !directed_ || !backward;
    const bool in_any_type = !directed_ || backward;
    const bool check_filter = !filter_.allows_all();
    const VertexIndex* to = edges.to.data();
    const VertexIndex* from = edges.from.data();
    for (uint32_t p = index.out_offsets[u], end = index.out_offsets[u + 1]; p < end; ++p) {
      const EdgeIndex e = index.OutEdge(p);
      if (!out_any_type && !data_.IsSymmetric(edges.type[e])) continue;
      if (check_filter && !filter_.Allows(e)) continue;
      visit(to[e], e);
    }
    const EdgeIndex* in_edges = index.in_edges.data();
    for (uint32_t p = index.in_offsets[u], end = index.in_offsets[u + 1]; p < end; ++p) {
      const EdgeIndex e = in_edges[p];
      if (!in_any_type && !data_.IsSymmetric(edges.type[e])) continue;
      if (check_filter && !filter_.Allows(e)) continue;
      visit(from[e], e);
    }
  }

  // Relations incident to u, a rough measure of what expanding it costs.
  size_t Degree(VertexIndex u) const {
    const AdjacencyIndex& index = data_.index;
    return (index.out_offsets[u + 1] - index.out_offsets[u]) +
           (index.in_offsets[u + 1] - index.in_offsets[u]);
  }

 private:
  const GraphData& data_;
  const RelationFilter& filter_;
  bool directed_;
};

}  // namespace graph

using graph::Stepper;

namespace {

// Expands one whole level of a breadth-first search: every vertex of
// `frontier` (at depth `depth`) steps to unvisited vertices, which get depth
// + 1 and form `next`. Calls on_discover(w) for each.
template <typename OnDiscover>
void ExpandLevel(const Stepper& stepper, bool backward, const std::vector<VertexIndex>& frontier,
                 int32_t depth, BfsScratch& scratch, std::vector<VertexIndex>& next,
                 OnDiscover&& on_discover) {
  next.clear();
  for (VertexIndex u : frontier) {
    stepper.ForEach(u, backward, [&](VertexIndex w, EdgeIndex /*relation*/) {
      if (scratch.visited(w)) return;
      scratch.Visit(w, depth + 1);
      next.push_back(w);
      on_discover(w);
    });
  }
}

}  // namespace

struct Graph::Impl {
  explicit Impl(graph::GraphData moved)
      : data(std::move(moved)), scratch_pool(data.topology.vertex_ids.size()) {}

  size_t num_vertices() const { return data.topology.vertex_ids.size(); }

  Result<std::vector<Path>> ShortestPaths(VertexIndex from, VertexIndex to,
                                          const PathOptions& options) const;
  Result<Neighbourhood> Neighbours(VertexIndex start, int depth, const EdgeFilter& filter,
                                   bool directed) const;
  std::vector<CentralityScore> Centrality(const EdgeFilter& filter, size_t top, size_t sample,
                                          const graph::SearchProgress& progress) const;

  graph::GraphData data;
  mutable graph::BfsScratchPool scratch_pool;  // const queries borrow scratch
};

Result<std::vector<Path>> Graph::Impl::ShortestPaths(VertexIndex from, VertexIndex to,
                                                     const PathOptions& options) const {
  if (from >= num_vertices()) return VertexOutOfRange("start", from, num_vertices());
  if (to >= num_vertices()) return VertexOutOfRange("end", to, num_vertices());
  if (options.max_hops < 0) {
    return Status::InvalidArgument("max hops must be 0 (no limit) or more, not " +
                                   std::to_string(options.max_hops));
  }
  if (from == to) return std::vector<Path>{Path{{from}, {}}};

  const RelationFilter filter(data.topology, options.filter);
  const Stepper stepper(data, filter, options.directed);
  const auto forward_lease = scratch_pool.Acquire();
  const auto backward_lease = scratch_pool.Acquire();
  BfsScratch& forward = *forward_lease;    // depth = hops from `from`
  BfsScratch& backward = *backward_lease;  // depth = hops to `to`
  const int32_t max_hops = options.max_hops == 0 ? kNoDepthLimit : options.max_hops;

  // (bench/graph_bench: on 1M relations this takes ~53 us a pair where a
  // boost::breadth_first_visit from one end on the BGL view takes ~12 ms.)
  //
  // Bidirectional breadth-first search: grow whichever side's frontier has
  // fewer relations to look at, one whole level at a time, until a level
  // reaches a vertex the other side has seen. On a random graph of millions
  // of relations this touches thousands of vertices where a search from one
  // end touches most of the graph.
  //
  // Why the first meeting gives the distance, and the meeting vertices all
  // sit at one distance from each end: before the level was grown the two
  // sides shared no vertex; a vertex w reached at depth kf + 1 from `from`
  // and seen at backward depth j < kb would have a predecessor at forward
  // depth kf and backward depth <= j + 1 <= kb, seen by both sides already.
  // So every meeting vertex has depth kf + 1 (forward) and kb (backward),
  // and the distance is their sum.
  forward.Visit(from, 0);
  backward.Visit(to, 0);
  std::vector<VertexIndex>& forward_frontier = forward.frontier();
  std::vector<VertexIndex>& backward_frontier = backward.frontier();
  forward_frontier.assign(1, from);
  backward_frontier.assign(1, to);
  int32_t forward_depth = 0;
  int32_t backward_depth = 0;
  std::vector<VertexIndex> meeting;
  while (meeting.empty()) {
    if (forward_frontier.empty() || backward_frontier.empty()) return std::vector<Path>{};
    if (forward_depth + backward_depth >= max_hops) return std::vector<Path>{};
    size_t forward_cost = 0;
    for (VertexIndex v : forward_frontier) forward_cost += stepper.Degree(v);
    size_t backward_cost = 0;
    for (VertexIndex v : backward_frontier) backward_cost += stepper.Degree(v);
    const bool grow_backward = backward_cost < forward_cost;
    BfsScratch& side = grow_backward ? backward : forward;
    const BfsScratch& other = grow_backward ? forward : backward;
    int32_t& depth = grow_backward ? backward_depth : forward_depth;
    std::vector<VertexIndex>& frontier = grow_backward ? backward_frontier : forward_frontier;
    std::vector<VertexIndex>& next = side.next_frontier();
    ExpandLevel(stepper, grow_backward, frontier, depth, side, next, [&](VertexIndex w) {
      if (other.visited(w)) meeting.push_back(w);
    });
    std::swap(frontier, next);
    ++depth;
  }
  const int32_t hops = forward_depth + backward_depth;

  // Mark the vertices on shortest paths: in the forward half, those from
  // which a meeting vertex is reached by forward steps one level at a time
  // (walking back from the meeting vertices); in the backward half, those
  // that lead on to `to` likewise. Every level below is complete, so depths
  // are exact distances.
  std::vector<VertexIndex> level;
  std::vector<VertexIndex> previous;
  for (VertexIndex v : meeting) {
    forward.Mark(v);
    backward.Mark(v);
  }
  level = meeting;
  for (int32_t depth = forward_depth; depth > 0; --depth) {
    previous.clear();
    for (VertexIndex v : level) {
      stepper.ForEach(v, /*backward=*/true, [&](VertexIndex u, EdgeIndex /*relation*/) {
        if (!forward.visited(u) || forward.depth(u) != depth - 1 || forward.marked(u)) return;
        forward.Mark(u);
        previous.push_back(u);
      });
    }
    std::swap(level, previous);
  }
  level = meeting;
  for (int32_t depth = backward_depth; depth > 0; --depth) {
    previous.clear();
    for (VertexIndex v : level) {
      stepper.ForEach(v, /*backward=*/false, [&](VertexIndex w, EdgeIndex /*relation*/) {
        if (!backward.visited(w) || backward.depth(w) != depth - 1 || backward.marked(w)) return;
        backward.Mark(w);
        previous.push_back(w);
      });
    }
    std::swap(level, previous);
  }
  // Whether w is on a shortest path as its vertex number `position`.
  auto on_path_at = [&](VertexIndex w, int32_t position) {
    return (forward.marked(w) && forward.depth(w) == position) ||
           (backward.marked(w) && backward.depth(w) == hops - position);
  };
  // The steps out of `u` (vertex number `position` of a path) onto the next
  // vertex of a shortest path, sorted as the path order requires: vertex ids
  // are sorted, so vertex order is id order; parallel relations go by
  // relation id (then index, should two ids ever be equal).
  const StringTable& relation_ids = data.topology.edge_relation_ids;
  auto steps_on_shortest_paths = [&](VertexIndex u, int32_t position) {
    HopChoice choice;
    stepper.ForEach(u, /*backward=*/false, [&](VertexIndex w, EdgeIndex relation) {
      if (on_path_at(w, position + 1)) choice.hops.push_back(Hop{w, relation});
    });
    std::sort(choice.hops.begin(), choice.hops.end(), [&](const Hop& a, const Hop& b) {
      if (a.vertex != b.vertex) return a.vertex < b.vertex;
      const int by_id = relation_ids.view(a.relation).compare(relation_ids.view(b.relation));
      if (by_id != 0) return by_id < 0;
      return a.relation < b.relation;
    });
    choice.SelectGroupAt(0);
    return choice;
  };

  // Depth-first over the marked vertices, smallest next vertex first, lists
  // the vertex sequences in lexicographic order; each sequence's parallel
  // relations then vary in relation-id order. Every marked vertex leads on to
  // `to`, so no branch is a dead end and the work is O(paths * hops * degree)
  // even when there are exponentially many shortest paths. An explicit stack,
  // not recursion: a path may be very long.
  const size_t cap = !options.all             ? 1
                     : options.max_paths == 0 ? std::numeric_limits<size_t>::max()
                                              : options.max_paths;
  std::vector<Path> paths;
  std::vector<HopChoice> stack;
  stack.push_back(steps_on_shortest_paths(from, 0));
  while (!stack.empty() && paths.size() < cap) {
    if (stack.back().exhausted()) {
      stack.pop_back();
      if (!stack.empty()) stack.back().SelectGroupAt(stack.back().group_end);
      continue;
    }
    if (stack.size() == static_cast<size_t>(hops)) {  // the current group steps onto `to`
      EmitParallelVariants(from, stack, cap, paths);
      stack.back().SelectGroupAt(stack.back().group_end);
      continue;
    }
    const HopChoice& top = stack.back();
    const VertexIndex next = top.hops[top.group_begin].vertex;
    const auto position = static_cast<int32_t>(stack.size());
    stack.push_back(steps_on_shortest_paths(next, position));
  }
  return paths;
}

Result<Neighbourhood> Graph::Impl::Neighbours(VertexIndex start, int depth,
                                              const EdgeFilter& edge_filter, bool directed) const {
  if (start >= num_vertices()) return VertexOutOfRange("start", start, num_vertices());
  if (depth < 0) {
    return Status::InvalidArgument("depth must be 0 or more, not " + std::to_string(depth));
  }
  const RelationFilter filter(data.topology, edge_filter);
  const Stepper stepper(data, filter, directed);
  const auto scratch = scratch_pool.Acquire();

  // Level by level rather than by boost::breadth_first_visit on the BGL
  // view: bench/graph_bench measures that 20-40% slower for the same result.
  Neighbourhood result;
  result.vertices.push_back(NeighbourVertex{start, 0});
  scratch->Visit(start, 0);
  std::vector<VertexIndex>& frontier = scratch->frontier();
  std::vector<VertexIndex>& next = scratch->next_frontier();
  frontier.assign(1, start);
  for (int32_t level = 0; level < depth && !frontier.empty(); ++level) {
    ExpandLevel(stepper, /*backward=*/false, frontier, level, *scratch, next, [&](VertexIndex w) {
      result.vertices.push_back(NeighbourVertex{w, level + 1});
    });
    std::swap(frontier, next);
  }
  // The search lists them by depth already; within a depth, by id (= index).
  std::sort(result.vertices.begin(), result.vertices.end(),
            [](const NeighbourVertex& a, const NeighbourVertex& b) {
              return std::tie(a.depth, a.vertex) < std::tie(b.depth, b.vertex);
            });

  // Read from the listed vertices' own lists, not from all relations: each
  // relation between two listed vertices is seen from both ends (a self-loop
  // twice from its one end), hence the unique. Direction does not matter
  // here, so the lists are read undirected.
  const Stepper any_way(data, filter, /*directed=*/false);
  for (const NeighbourVertex& listed : result.vertices) {
    any_way.ForEach(listed.vertex, /*backward=*/false, [&](VertexIndex w, EdgeIndex relation) {
      if (scratch->visited(w)) result.edges.push_back(relation);
    });
  }
  std::sort(result.edges.begin(), result.edges.end());
  result.edges.erase(std::unique(result.edges.begin(), result.edges.end()), result.edges.end());
  return result;
}

std::vector<CentralityScore> Graph::Impl::Centrality(const EdgeFilter& edge_filter, size_t top,
                                                     size_t sample,
                                                     const graph::SearchProgress& progress) const {
  const Topology& topology = data.topology;
  const RelationFilter filter(topology, edge_filter);
  std::vector<size_t> degree(num_vertices(), 0);
  const EdgeTable& edges = topology.edges;
  for (EdgeIndex relation = 0; relation < edges.size(); ++relation) {
    const VertexIndex from = edges.from[relation];
    const VertexIndex to = edges.to[relation];
    if (from >= num_vertices() || to >= num_vertices()) continue;  // as in the index
    if (!filter.Allows(relation)) continue;
    ++degree[from];
    if (to != from) ++degree[to];  // a self-loop: one incidence
  }
  const std::vector<double> betweenness =
      graph::UndirectedBetweenness(data, filter, sample, progress);

  std::vector<CentralityScore> scores(num_vertices());
  for (VertexIndex v = 0; v < num_vertices(); ++v) {
    // Rounded to 1e-9 so that equal scores reached by different sums of
    // fractions (0.5 + 0.5 against 1) tie, and the tie-breaks decide.
    scores[v] = CentralityScore{v, std::round(betweenness[v] * 1e9) / 1e9, degree[v]};
  }
  auto higher = [](const CentralityScore& a, const CentralityScore& b) {
    if (a.betweenness != b.betweenness) return a.betweenness > b.betweenness;
    if (a.degree != b.degree) return a.degree > b.degree;
    return a.vertex < b.vertex;
  };
  if (top != 0 && top < scores.size()) {
    std::partial_sort(scores.begin(), scores.begin() + static_cast<ptrdiff_t>(top), scores.end(),
                      higher);
    scores.resize(top);
  } else {
    std::sort(scores.begin(), scores.end(), higher);
  }
  return scores;
}

namespace graph {

GraphData::GraphData(Topology moved_topology)
    : topology(std::move(moved_topology)), index(AdjacencyIndex::Build(topology)) {
  FillSymmetricTypes();
}

GraphData::GraphData(Topology moved_topology, AdjacencyIndex moved_index)
    : topology(std::move(moved_topology)), index(std::move(moved_index)) {
  FillSymmetricTypes();
}

void GraphData::FillSymmetricTypes() {
  // Bytes, not vector<bool>: read on every directed step. Types a relation
  // uses beyond the list are not symmetric (IsSymmetric checks the bound).
  type_is_symmetric.assign(topology.type_is_symmetric.size(), 0);
  for (size_t i = 0; i < topology.type_is_symmetric.size(); ++i) {
    type_is_symmetric[i] = topology.type_is_symmetric[i] ? 1 : 0;
  }
}

Graph SnapshotAccess::MakeGraph(GraphData data) {
  return Graph(std::make_unique<Graph::Impl>(std::move(data)));
}

const GraphData& SnapshotAccess::Data(const Graph& graph) { return graph.impl_->data; }

}  // namespace graph

Graph::Graph(Topology topology)
    : impl_(std::make_unique<Impl>(graph::GraphData(std::move(topology)))) {}
Graph::Graph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Graph::~Graph() = default;
Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&&) noexcept = default;

const Topology& Graph::topology() const { return impl_->data.topology; }

Graph Graph::WithRecords(RecordColumns records) const {
  Topology topology = impl_->data.topology;
  topology.records = std::move(records);
  return Graph(std::make_unique<Impl>(graph::GraphData(std::move(topology), impl_->data.index)));
}

IncidentEdges Graph::OutEdges(VertexIndex v) const {
  const graph::AdjacencyIndex& index = impl_->data.index;
  return {index.out_edges.empty() ? nullptr : index.out_edges.data(), index.out_offsets[v],
          index.out_offsets[v + 1]};
}

IncidentEdges Graph::InEdges(VertexIndex v) const {
  const graph::AdjacencyIndex& index = impl_->data.index;
  return {index.in_edges.data(), index.in_offsets[v], index.in_offsets[v + 1]};
}

size_t Graph::MemoryBytes() const {
  return impl_->data.topology.MemoryBytes() + impl_->data.index.MemoryBytes();
}

Result<std::vector<Path>> Graph::ShortestPaths(VertexIndex from, VertexIndex to,
                                               const PathOptions& options) const {
  try {
    return impl_->ShortestPaths(from, to, options);
  } catch (const std::exception& e) {
    return FromException(e, "shortest paths");
  }
}

Result<Neighbourhood> Graph::Neighbours(VertexIndex start, int depth, const EdgeFilter& filter,
                                        bool directed) const {
  try {
    return impl_->Neighbours(start, depth, filter, directed);
  } catch (const std::exception& e) {
    return FromException(e, "neighbours");
  }
}

Result<std::vector<CentralityScore>> Graph::Centrality(
    const EdgeFilter& filter, size_t top, size_t sample,
    const std::function<void(size_t done, size_t total)>& progress) const {
  try {
    return impl_->Centrality(filter, top, sample, progress);
  } catch (const std::exception& e) {
    return FromException(e, "centrality");
  }
}

Result<ComponentSummary> Graph::ConnectedComponents(const EdgeFilter& filter) const {
  try {
    const graph::RelationFilter relation_filter(impl_->data.topology, filter);
    return graph::SummariseComponents(impl_->data, relation_filter);
  } catch (const std::exception& e) {
    return FromException(e, "connected components");
  }
}

}  // namespace partnergraph
