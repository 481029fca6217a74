// Graph algorithms over a Topology: shortest paths, neighbourhoods,
// centrality and connected components, with relation-type and as-of-date filters applied during the
// traversal (never after it).
#ifndef PARTNERGRAPH_GRAPH_H_
#define PARTNERGRAPH_GRAPH_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "partnergraph/date.h"
#include "partnergraph/status.h"
#include "partnergraph/topology.h"

namespace partnergraph {

namespace graph {
class SnapshotAccess;  // graph_snapshot.cc: reads and restores a Graph's index
}  // namespace graph

// Which relations a query may use.
struct EdgeFilter {
  std::vector<TypeIndex> types;  // empty: every type
  PartialDate as_of;             // empty: any date; else relations in force then (InForceUnder)
  DateRule dates = DateRule::kEvidence;  // how undated relations count as of `as_of`
};

// How the relations of a filter's types count as of its date: dated ones in
// force, reported-only ones counted from their source's period, undated ones
// (their source gives no period) counted always, and those left out.
struct DatingCounts {
  size_t dated = 0;
  size_t reported = 0;
  size_t undated = 0;
  size_t excluded = 0;
};
DatingCounts CountDating(const Topology& topology, const EdgeFilter& filter);

struct PathOptions {
  EdgeFilter filter;
  // Follow relations from -> to only; symmetric types are followed both ways.
  // Otherwise every relation links both of its ends.
  bool directed = false;
  int max_hops = 0;                     // 0: no limit; a path of more hops counts as none
  bool all = false;                     // every shortest path rather than one
  size_t max_paths = kDefaultMaxPaths;  // cap on `all`; 0: no cap
  static constexpr size_t kDefaultMaxPaths = 100;
};

// vertices.size() == edges.size() + 1; edges[i] joins vertices[i] and vertices[i + 1].
struct Path {
  std::vector<VertexIndex> vertices;
  std::vector<EdgeIndex> edges;
};

struct NeighbourVertex {
  VertexIndex vertex;
  int depth;  // hops from the start; 0 for the start itself
};

struct Neighbourhood {
  std::vector<NeighbourVertex> vertices;  // by depth, then id
  // Every relation between two listed vertices (self-loops included) that the
  // filter allows, whatever its direction; ascending.
  std::vector<EdgeIndex> edges;
};

struct CentralityScore {
  VertexIndex vertex;
  double betweenness;  // Brandes, each unordered pair of vertices counted once
  size_t degree;       // relations incident to the vertex that pass the filter; a self-loop once
};

// How the relations a filter allows split the vertices, every relation
// linking both of its ends (weakly connected components).
struct ComponentSummary {
  size_t components = 0;         // isolated vertices included; 0 without vertices
  size_t largest_component = 0;  // vertices in the largest; 0 without vertices
  // Vertices linked to no other vertex (components of one); a vertex whose
  // only relations are self-loops is isolated.
  size_t isolated_vertices = 0;
};

// The relations at one vertex, as positions into the adjacency index: a view,
// valid while the Graph lives.
class IncidentEdges {
 public:
  IncidentEdges(const EdgeIndex* edges, uint32_t begin, uint32_t end)
      : edges_(edges), begin_(begin), end_(end) {}
  size_t size() const { return end_ - begin_; }
  // The i-th relation, ascending by relation index.
  EdgeIndex operator[](size_t i) const {
    const uint32_t position = begin_ + static_cast<uint32_t>(i);
    return edges_ == nullptr ? position : edges_[position];
  }

 private:
  const EdgeIndex* edges_;  // null: the position is the relation index
  uint32_t begin_;
  uint32_t end_;
};

// An in-memory graph built once from a topology and then queried many times.
// Relations whose ends are not vertices of the topology are left out.
// Unknown type indices in a filter match no relation.
// Thread-safe: const methods may run concurrently. A moved-from Graph may only
// be destroyed or assigned to.
class Graph {
 public:
  // Builds the adjacency index: O(V + E) time; 4 bytes a relation and 8 a
  // vertex beyond the topology itself when the edges are sorted by `from`
  // (as the store lists them), 8 a relation otherwise.
  explicit Graph(Topology topology);
  ~Graph();
  Graph(Graph&&) noexcept;
  Graph& operator=(Graph&&) noexcept;

  const Topology& topology() const;

  // This graph with `records` as its records' columns (topology().records),
  // which must be of the same entities and relations: the topology's tables
  // and the adjacency index are shared when mapped, copied when owned. May
  // throw std::bad_alloc.
  Graph WithRecords(RecordColumns records) const;

  // The relations leaving (`from` is v) or entering (`to` is v) a vertex, in
  // O(1), without copying: what callers running their own traversals use.
  // v must be a vertex of the topology.
  IncidentEdges OutEdges(VertexIndex v) const;
  IncidentEdges InEdges(VertexIndex v) const;

  // Bytes the topology and the adjacency index occupy, owned or mapped (not
  // counting the per-query search state, 12 bytes a vertex touched).
  size_t MemoryBytes() const;

  // Shortest paths by hop count, using only relations the filter allows.
  // Searches from both ends at once, so it touches the vertices within about
  // half the distance of either end rather than all within the distance.
  // Paths are ordered by their sequence of vertex ids, then by their sequence
  // of relation ids (parallel relations make distinct paths); without
  // `options.all` the result is the first path in that order. from == to: one
  // path of that vertex alone. No path within max_hops: an empty vector (not
  // an error). Fails with kInvalidArgument for a vertex out of range or a
  // negative max_hops; kIOError when out of memory.
  Result<std::vector<Path>> ShortestPaths(VertexIndex from, VertexIndex to,
                                          const PathOptions& options) const;

  // Every vertex within `depth` hops of `start` (0: `start` alone) through
  // relations the filter allows, undirected unless `directed` (as in
  // PathOptions). Fails with kInvalidArgument for a vertex out of range or a
  // negative depth; kIOError when out of memory.
  Result<Neighbourhood> Neighbours(VertexIndex start, int depth, const EdgeFilter& filter,
                                   bool directed = false) const;

  // Betweenness (undirected, parallel relations and self-loops collapsed) and
  // degree of every vertex, highest betweenness first, ties by degree then id;
  // at most `top` (0: all). Betweenness is rounded to 1e-9 so that ties are
  // exact. Brandes' algorithm: O(V * E) time. With `sample` pivots (fewer
  // than the vertices with a relation), Brandes and Pich's estimate: paths
  // are counted from `sample` vertices drawn at random (seeded: the same
  // answer every time) and scaled up, in O(sample * E). With probability
  // 95% each score is within sqrt(ln(40) / (2 * sample)) * n(n-2)/2 of the
  // exact one (Hoeffding's bound; n counts the vertices with a relation, and
  // (n-1)(n-2)/2 is the largest score possible): 4.3% of that largest score
  // for 1000 pivots. Fails with kIOError when out of memory.
  // `progress`, when given, is called after each search with the searches
  // done and their total (the vertices with a relation, or `sample`), from
  // the calling thread.
  Result<std::vector<CentralityScore>> Centrality(
      const EdgeFilter& filter, size_t top, size_t sample = 0,
      const std::function<void(size_t done, size_t total)>& progress = {}) const;

  // The weakly connected components of the graph over the relations the
  // filter allows (direction ignored, every vertex of the topology counted):
  // how many, the largest's size and how many vertices stand alone.
  // O(V + E) time, 4 bytes a vertex and the search's stack. Fails with
  // kIOError when out of memory. Thread-safe, as every const method.
  Result<ComponentSummary> ConnectedComponents(const EdgeFilter& filter) const;

 private:
  friend class graph::SnapshotAccess;
  struct Impl;
  explicit Graph(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_GRAPH_H_
