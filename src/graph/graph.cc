#include "partnergraph/graph.h"

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/transform_iterator.hpp>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <new>
#include <string>
#include <tuple>
#include <utility>

#include "graph/betweenness.h"
#include "graph/bfs_scratch.h"
#include "graph/relation_filter.h"

namespace partnergraph {
namespace {

using graph::BfsScratch;
using graph::RelationFilter;

// The relation an incidence comes from (the CSR's edge property).
struct Incidence {
  EdgeIndex relation = 0;
};

// Every relation is stored twice, once in the list of each of its ends
// (from -> to and to -> from), in a compressed_sparse_row_graph:
// - the graph is built once and then only read, which is what CSR is for:
//   no per-edge heap nodes as in adjacency_list, 16 bytes a relation (two
//   4-byte targets, two 4-byte relation indices) plus 8 bytes a vertex, and
//   it is built by a counting sort in O(V + E);
// - one incidence list per vertex serves all three ways of moving: undirected
//   (every incidence), directed (incidences leaving along from -> to, or of a
//   symmetric type) and, for all-shortest-paths, backwards. A bidirectionalS
//   CSR would cost the same memory but need two lists read per step.
// Type, date and direction are then an edge predicate of a filtered_graph view
// (StepRule), so filters apply while a search runs, never after it.
// CSR edge numbers are size_t: 2 * (up to 2^32 relations) overflows uint32_t.
using IncidenceGraph =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Incidence,
                                       boost::no_property, VertexIndex, size_t>;
using IncidenceEdge = boost::graph_traits<IncidenceGraph>::edge_descriptor;

// Incidence i is relation kept[i / 2] (or relation i / 2 when every relation
// is kept) read from -> to for even i and to -> from for odd i. Fed to the CSR
// constructor through transform iterators, so no list of 2E pairs is built.
class IncidenceEnds {
 public:
  IncidenceEnds() = default;  // iterators are default-constructible
  IncidenceEnds(const std::vector<TopologyEdge>* edges, const std::vector<EdgeIndex>* kept)
      : edges_(edges), kept_(kept) {}

  EdgeIndex Relation(size_t incidence) const {
    return kept_ == nullptr ? static_cast<EdgeIndex>(incidence / 2) : (*kept_)[incidence / 2];
  }
  std::pair<VertexIndex, VertexIndex> operator()(size_t incidence) const {
    const TopologyEdge& edge = (*edges_)[Relation(incidence)];
    if (incidence % 2 == 0) return {edge.from, edge.to};
    return {edge.to, edge.from};
  }

 private:
  const std::vector<TopologyEdge>* edges_ = nullptr;
  const std::vector<EdgeIndex>* kept_ = nullptr;
};

class IncidenceProperty {
 public:
  IncidenceProperty() = default;
  explicit IncidenceProperty(IncidenceEnds ends) : ends_(ends) {}
  Incidence operator()(size_t incidence) const { return Incidence{ends_.Relation(incidence)}; }

 private:
  IncidenceEnds ends_;
};

IncidenceGraph BuildIncidences(const Topology& topology) {
  const size_t num_vertices = topology.vertex_ids.size();
  auto is_valid = [num_vertices](const TopologyEdge& edge) {
    return edge.from < num_vertices && edge.to < num_vertices;
  };
  // A relation naming no vertex (a damaged store) must not become an
  // out-of-bounds write in the CSR: it is left out of the graph, and so out of
  // every query. The list is only built in that rare case.
  std::vector<EdgeIndex> kept;
  const bool keep_all = std::all_of(topology.edges.begin(), topology.edges.end(), is_valid);
  if (!keep_all) {
    for (size_t i = 0; i < topology.edges.size(); ++i) {
      if (is_valid(topology.edges[i])) kept.push_back(static_cast<EdgeIndex>(i));
    }
  }
  const size_t num_relations = keep_all ? topology.edges.size() : kept.size();
  const IncidenceEnds ends(&topology.edges, keep_all ? nullptr : &kept);
  const boost::counting_iterator<size_t> first(0);
  const boost::counting_iterator<size_t> last(2 * num_relations);
  // The counting sort is stable, so each vertex lists its incidences by
  // ascending relation index: searches visit in a deterministic order.
  return IncidenceGraph(boost::edges_are_unsorted_multi_pass,
                        boost::make_transform_iterator(first, ends),
                        boost::make_transform_iterator(last, ends),
                        boost::make_transform_iterator(first, IncidenceProperty(ends)),
                        static_cast<VertexIndex>(num_vertices));
}

// By TypeIndex, covering every type a relation uses even if the schema's list
// is shorter (a type it does not know is not symmetric). Bytes, not
// vector<bool>: read on every directed step.
std::vector<uint8_t> SymmetricTypes(const Topology& topology) {
  size_t num_types = topology.type_is_symmetric.size();
  for (const TopologyEdge& edge : topology.edges) {
    num_types = std::max(num_types, static_cast<size_t>(edge.type) + 1);
  }
  std::vector<uint8_t> symmetric(num_types, 0);
  for (size_t i = 0; i < topology.type_is_symmetric.size(); ++i) {
    symmetric[i] = topology.type_is_symmetric[i] ? 1 : 0;
  }
  return symmetric;
}

// Whether a query may step along a relation from one of its ends to the
// other: the filter allows the relation and, in directed mode, the step runs
// from -> to or the type is symmetric. As the filtered_graph edge predicate it
// judges an incidence, stepping from the vertex whose list holds it.
class StepRule {
 public:
  StepRule() = default;  // filter_iterator needs default-constructible predicates
  StepRule(const IncidenceGraph* incidences, const Topology* topology,
           const std::vector<uint8_t>* type_is_symmetric, const RelationFilter* filter,
           bool directed)
      : incidences_(incidences),
        topology_(topology),
        type_is_symmetric_(type_is_symmetric),
        filter_(filter),
        directed_(directed) {}

  bool Allows(EdgeIndex relation, VertexIndex step_from) const {
    if (!filter_->Allows(relation)) return false;
    if (!directed_) return true;
    const TopologyEdge& edge = topology_->edges[relation];
    return edge.from == step_from || (*type_is_symmetric_)[edge.type] != 0;
  }
  bool operator()(const IncidenceEdge& incidence) const {
    return Allows((*incidences_)[incidence].relation, boost::source(incidence, *incidences_));
  }

 private:
  const IncidenceGraph* incidences_ = nullptr;
  const Topology* topology_ = nullptr;
  const std::vector<uint8_t>* type_is_symmetric_ = nullptr;
  const RelationFilter* filter_ = nullptr;
  bool directed_ = false;
};

using StepView = boost::filtered_graph<IncidenceGraph, StepRule>;

constexpr int32_t kNoDepthLimit = std::numeric_limits<int32_t>::max();

// Breadth-first search from `start`, one level at a time so that the depth
// limit is exact and the search can stop the moment it has what it needs
// (breadth_first_search could only be stopped by throwing from a visitor).
// Calls on_discover(vertex, depth) for each vertex reached for the first
// time, within max_depth hops; stops when it returns true. Touches only the
// vertices and incidences it reaches.
template <typename OnDiscover>
void SearchLevels(const StepView& view, VertexIndex start, int32_t max_depth, BfsScratch& scratch,
                  OnDiscover on_discover) {
  std::vector<VertexIndex>& frontier = scratch.frontier();
  std::vector<VertexIndex>& next = scratch.next_frontier();
  scratch.Visit(start, 0);
  frontier.assign(1, start);
  for (int32_t depth = 0; depth < max_depth && !frontier.empty(); ++depth) {
    next.clear();
    for (VertexIndex u : frontier) {
      auto [it, end] = boost::out_edges(u, view);
      for (; it != end; ++it) {
        const VertexIndex w = boost::target(*it, view);
        if (scratch.visited(w)) continue;
        scratch.Visit(w, depth + 1);
        if (on_discover(w, depth + 1)) return;
        next.push_back(w);
      }
    }
    std::swap(frontier, next);
  }
}

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

// BGL and the standard library report failure by throwing (in practice only
// std::bad_alloc here); the module boundary turns that into a Status.
Status FromException(const std::exception& e, const char* query) {
  if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr) {
    return Status::IOError(std::string("out of memory computing ") + query);
  }
  return Status::NotSupported(std::string(query) + " failed: " + e.what());
}

}  // namespace

struct Graph::Impl {
  explicit Impl(Topology moved_topology)
      : topology(std::move(moved_topology)),
        type_is_symmetric(SymmetricTypes(topology)),
        incidences(BuildIncidences(topology)),
        scratch_pool(topology.vertex_ids.size()) {}

  size_t num_vertices() const { return topology.vertex_ids.size(); }

  StepRule MakeStepRule(const RelationFilter& filter, bool directed) const {
    return StepRule(&incidences, &topology, &type_is_symmetric, &filter, directed);
  }

  Result<std::vector<Path>> ShortestPaths(VertexIndex from, VertexIndex to,
                                          const PathOptions& options) const;
  Result<Neighbourhood> Neighbours(VertexIndex start, int depth, const EdgeFilter& filter,
                                   bool directed) const;
  std::vector<CentralityScore> Centrality(const EdgeFilter& filter, size_t top) const;

  // Marks every vertex on a shortest path from the search's start to `to`,
  // which lies `hops` away: walking back from `to` level by level, a vertex is
  // on one if it is a level nearer the start and may step to a marked vertex.
  void MarkShortestPathVertices(const StepRule& rule, VertexIndex to, int32_t hops,
                                BfsScratch& scratch) const;

  // The steps out of `u` (at `depth` hops from the start) onto marked
  // vertices one level further, sorted as the path order requires.
  HopChoice StepsOnShortestPaths(const StepView& view, VertexIndex u, int32_t depth,
                                 const BfsScratch& scratch) const;

  Topology topology;
  std::vector<uint8_t> type_is_symmetric;
  IncidenceGraph incidences;
  mutable graph::BfsScratchPool scratch_pool;  // const queries borrow scratch
};

void Graph::Impl::MarkShortestPathVertices(const StepRule& rule, VertexIndex to, int32_t hops,
                                           BfsScratch& scratch) const {
  // The search stopped on discovering `to`, so every vertex nearer the start
  // than `to` has its final depth: the depths below are complete.
  std::vector<VertexIndex>& level = scratch.frontier();
  std::vector<VertexIndex>& previous = scratch.next_frontier();
  scratch.Mark(to);
  level.assign(1, to);
  for (int32_t depth = hops; depth > 0; --depth) {
    previous.clear();
    for (VertexIndex v : level) {
      // v's list holds v -> u for every relation between u and v; the step
      // that matters is u -> v, judged from u.
      auto [it, end] = boost::out_edges(v, incidences);
      for (; it != end; ++it) {
        const VertexIndex u = boost::target(*it, incidences);
        if (!scratch.visited(u) || scratch.depth(u) != depth - 1 || scratch.marked(u)) continue;
        if (!rule.Allows(incidences[*it].relation, u)) continue;
        scratch.Mark(u);
        previous.push_back(u);
      }
    }
    std::swap(level, previous);
  }
}

HopChoice Graph::Impl::StepsOnShortestPaths(const StepView& view, VertexIndex u, int32_t depth,
                                            const BfsScratch& scratch) const {
  HopChoice choice;
  auto [it, end] = boost::out_edges(u, view);
  for (; it != end; ++it) {
    const VertexIndex w = boost::target(*it, view);
    if (scratch.marked(w) && scratch.depth(w) == depth + 1) {
      choice.hops.push_back(Hop{w, incidences[*it].relation});
    }
  }
  // Vertex ids are sorted, so vertex order is id order; parallel relations go
  // by relation id (then index, should two ids ever be equal).
  const std::vector<std::string>& relation_ids = topology.edge_relation_ids;
  std::sort(choice.hops.begin(), choice.hops.end(), [&](const Hop& a, const Hop& b) {
    if (a.vertex != b.vertex) return a.vertex < b.vertex;
    const int by_id = relation_ids[a.relation].compare(relation_ids[b.relation]);
    if (by_id != 0) return by_id < 0;
    return a.relation < b.relation;
  });
  choice.SelectGroupAt(0);
  return choice;
}

Result<std::vector<Path>> Graph::Impl::ShortestPaths(VertexIndex from, VertexIndex to,
                                                     const PathOptions& options) const {
  if (from >= num_vertices()) return VertexOutOfRange("start", from, num_vertices());
  if (to >= num_vertices()) return VertexOutOfRange("end", to, num_vertices());
  if (options.max_hops < 0) {
    return Status::InvalidArgument("max hops must be 0 (no limit) or more, not " +
                                   std::to_string(options.max_hops));
  }
  if (from == to) return std::vector<Path>{Path{{from}, {}}};

  const RelationFilter filter(topology, options.filter);
  const StepRule rule = MakeStepRule(filter, options.directed);
  const StepView view(incidences, rule);
  const auto scratch = scratch_pool.Acquire();

  const int32_t max_depth = options.max_hops == 0 ? kNoDepthLimit : options.max_hops;
  bool found = false;
  SearchLevels(view, from, max_depth, *scratch, [&](VertexIndex v, int32_t /*depth*/) {
    found = v == to;
    return found;
  });
  if (!found) return std::vector<Path>{};
  const int32_t hops = scratch->depth(to);
  MarkShortestPathVertices(rule, to, hops, *scratch);

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
  stack.push_back(StepsOnShortestPaths(view, from, 0, *scratch));
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
    const auto depth = static_cast<int32_t>(stack.size());
    stack.push_back(StepsOnShortestPaths(view, next, depth, *scratch));
  }
  return paths;
}

Result<Neighbourhood> Graph::Impl::Neighbours(VertexIndex start, int depth,
                                              const EdgeFilter& edge_filter, bool directed) const {
  if (start >= num_vertices()) return VertexOutOfRange("start", start, num_vertices());
  if (depth < 0) {
    return Status::InvalidArgument("depth must be 0 or more, not " + std::to_string(depth));
  }
  const RelationFilter filter(topology, edge_filter);
  const StepRule rule = MakeStepRule(filter, directed);
  const StepView view(incidences, rule);
  const auto scratch = scratch_pool.Acquire();

  Neighbourhood result;
  result.vertices.push_back(NeighbourVertex{start, 0});
  SearchLevels(view, start, depth, *scratch, [&](VertexIndex v, int32_t found_at) {
    result.vertices.push_back(NeighbourVertex{v, found_at});
    return false;
  });
  // The search lists them by depth already; within a depth, by id (= index).
  std::sort(result.vertices.begin(), result.vertices.end(),
            [](const NeighbourVertex& a, const NeighbourVertex& b) {
              return std::tie(a.depth, a.vertex) < std::tie(b.depth, b.vertex);
            });

  // Read from the listed vertices' own incidences, not from all relations:
  // each relation between two listed vertices is seen from both ends (a
  // self-loop twice from its one end), hence the unique.
  for (const NeighbourVertex& listed : result.vertices) {
    auto [it, end] = boost::out_edges(listed.vertex, incidences);
    for (; it != end; ++it) {
      const EdgeIndex relation = incidences[*it].relation;
      if (scratch->visited(boost::target(*it, incidences)) && filter.Allows(relation)) {
        result.edges.push_back(relation);
      }
    }
  }
  std::sort(result.edges.begin(), result.edges.end());
  result.edges.erase(std::unique(result.edges.begin(), result.edges.end()), result.edges.end());
  return result;
}

std::vector<CentralityScore> Graph::Impl::Centrality(const EdgeFilter& edge_filter,
                                                     size_t top) const {
  const RelationFilter filter(topology, edge_filter);
  std::vector<size_t> degree(num_vertices(), 0);
  std::vector<std::pair<VertexIndex, VertexIndex>> links;
  for (EdgeIndex relation = 0; relation < topology.edges.size(); ++relation) {
    const TopologyEdge& edge = topology.edges[relation];
    if (edge.from >= num_vertices() || edge.to >= num_vertices()) continue;  // as in the CSR
    if (!filter.Allows(relation)) continue;
    ++degree[edge.from];
    if (edge.to == edge.from) continue;  // a self-loop: one incidence, and on no shortest path
    ++degree[edge.to];
    links.emplace_back(std::min(edge.from, edge.to), std::max(edge.from, edge.to));
  }
  // Parallel relations are one link: betweenness counts paths between
  // vertices, and two relations between a pair do not make two routes.
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end()), links.end());
  const std::vector<double> betweenness = graph::UndirectedBetweenness(num_vertices(), links);

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

Graph::Graph(Topology topology) : impl_(std::make_unique<Impl>(std::move(topology))) {}
Graph::~Graph() = default;
Graph::Graph(Graph&&) noexcept = default;
Graph& Graph::operator=(Graph&&) noexcept = default;

const Topology& Graph::topology() const { return impl_->topology; }

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

Result<std::vector<CentralityScore>> Graph::Centrality(const EdgeFilter& filter, size_t top) const {
  try {
    return impl_->Centrality(filter, top);
  } catch (const std::exception& e) {
    return FromException(e, "centrality");
  }
}

}  // namespace partnergraph
