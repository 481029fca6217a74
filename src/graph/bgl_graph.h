// RelationGraph: a Graph's compressed sparse rows (the AdjacencyIndex over a
// Topology, built or viewed in a mapped snapshot) presented as a Boost.Graph
// graph, so that BGL algorithms run on it in place, without a copy.
//
// One template covers the views queries need:
//   Direction::kAsStored           each relation one arc, from -> to (directed,
//                                  bidirectional: in_edges lists arcs entering)
//   Direction::kBothWays           each relation links both ends (undirected)
//   Direction::kSymmetricBothWays  from -> to, and to -> from as well for
//                                  symmetric types (directed; what a directed
//                                  query follows)
// and a Keep predicate chooses the relations the view shows, checked while
// an algorithm walks the lists (never by building a smaller graph):
// AllRelations, FilteredRelations (an EdgeFilter: types, as-of date) or
// MarkedRelations (one byte a relation, e.g. a simple-graph collapse).
//
// Models VertexListGraph, EdgeListGraph, IncidenceGraph, BidirectionalGraph
// and AdjacencyGraph, with vertex_index (identity) and edge_index (the
// relation's index) property maps. As with boost::filtered_graph,
// num_vertices() is the vertex index bound (the topology's vertex count)
// even when vertices() lists fewer, so property maps sized by it fit;
// num_edges() and filtered degrees count by walking the lists.
//
// Include this only from src/graph: BGL costs about 2 s a translation unit,
// and public headers name no boost:: type.
#ifndef PARTNERGRAPH_GRAPH_BGL_GRAPH_H_
#define PARTNERGRAPH_GRAPH_BGL_GRAPH_H_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_iterator.hpp>
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/properties.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/property_map/property_map.hpp>

#include "partnergraph/topology.h"

#include "graph/adjacency_index.h"
#include "graph/graph_impl.h"
#include "graph/relation_filter.h"

namespace partnergraph::graph {

enum class Direction { kAsStored, kBothWays, kSymmetricBothWays };

// An edge descriptor: `relation` walked from `source` to `target`;
// `reversed` when that is the relation's to -> from. In an undirected view
// the two walks of one relation are one edge and compare equal; in a
// directed view they are two arcs.
template <bool kUndirected>
struct RelationArc {
  EdgeIndex relation = 0;
  VertexIndex source = 0;
  VertexIndex target = 0;
  bool reversed = false;

  friend bool operator==(const RelationArc& a, const RelationArc& b) {
    if constexpr (kUndirected) {
      return a.relation == b.relation;
    } else {
      return a.relation == b.relation && a.reversed == b.reversed;
    }
  }
};

// Keep predicates: whether a view shows a relation.
struct AllRelations {
  bool operator()(EdgeIndex /*relation*/) const { return true; }
};

// The relations an EdgeFilter allows; the filter must outlive the view.
class FilteredRelations {
 public:
  FilteredRelations() = default;
  explicit FilteredRelations(const RelationFilter& filter) : filter_(&filter) {}
  bool operator()(EdgeIndex relation) const { return filter_->Allows(relation); }

 private:
  const RelationFilter* filter_ = nullptr;
};

// The relations whose byte in `marks` (one a relation) is not 0; the marks
// must outlive the view.
class MarkedRelations {
 public:
  MarkedRelations() = default;
  explicit MarkedRelations(const std::vector<uint8_t>& marks) : marks_(marks.data()) {}
  bool operator()(EdgeIndex relation) const { return marks_[relation] != 0; }

 private:
  const uint8_t* marks_ = nullptr;
};

template <Direction kDirection, typename Keep>
class RelationGraph;

// Walks the arcs of one vertex: those leaving it (out_edges) or entering it
// (in_edges). They come from two of the vertex's lists in turn: first the
// one whose relations run the arcs' way as stored, then (views that walk
// relations backwards) the other, reversed; each list by relation index.
template <typename Graph>
class ArcIterator : public boost::iterator_facade<ArcIterator<Graph>, typename Graph::Arc,
                                                  std::forward_iterator_tag, typename Graph::Arc> {
 public:
  using Arc = typename Graph::Arc;

  ArcIterator() = default;
  // Begin (at_end false) or end of the arcs of `vertex`; `entering`: in_edges.
  ArcIterator(const Graph* graph, VertexIndex vertex, bool entering, bool at_end)
      : graph_(graph), vertex_(vertex), entering_(entering) {
    const AdjacencyIndex& index = graph->data().index;
    const EdgeTable& edges = graph->data().topology.edges;
    // Raw pointers, read once: Column's accessors test for a view on every
    // call, and Brandes walks these lists V times over.
    const EdgeIndex* out_list = index.out_edges.empty() ? nullptr : index.out_edges.data();
    const EdgeIndex* in_list = index.in_edges.data();
    // The far end is the relation's `to` when reading an out list, its
    // `from` when reading an in list: one read, the near end is known.
    lists_[0] = entering ? in_list : out_list;
    fars_[0] = entering ? edges.from.data() : edges.to.data();
    lists_[1] = entering ? out_list : in_list;
    fars_[1] = entering ? edges.to.data() : edges.from.data();
    const Column<uint32_t>& stored = entering ? index.in_offsets : index.out_offsets;
    const Column<uint32_t>& other = entering ? index.out_offsets : index.in_offsets;
    position_ = stored[vertex];
    first_end_ = stored[vertex + 1];
    if constexpr (Graph::kWalksBackwards) {
      second_begin_ = other[vertex];
      second_end_ = other[vertex + 1];
    } else {
      second_begin_ = second_end_ = 0;
    }
    if (at_end) {
      in_second_ = true;
      position_ = second_end_;
    } else {
      SkipUnkept();
    }
  }

  // Whether the arc is a relation walked to -> from (read from the second
  // list), without building the arc.
  bool reversed() const { return in_second_; }

 private:
  friend class boost::iterator_core_access;

  // A null list is the out list of an index without one: position ==
  // relation (see AdjacencyIndex::out_edges).
  EdgeIndex relation() const {
    const EdgeIndex* list = lists_[in_second_ ? 1 : 0];
    return list != nullptr ? list[position_] : static_cast<EdgeIndex>(position_);
  }

  void SkipUnkept() {
    for (;;) {
      if (!in_second_ && position_ == first_end_) {
        in_second_ = true;
        position_ = second_begin_;
      }
      if (in_second_ && position_ == second_end_) return;
      const EdgeIndex e = relation();
      if (in_second_ ? graph_->ShowsBackward(e) : graph_->ShowsForward(e)) return;
      ++position_;
    }
  }

  Arc dereference() const {
    const EdgeIndex e = relation();
    const VertexIndex far = fars_[in_second_ ? 1 : 0][e];
    Arc arc;
    arc.relation = e;
    arc.source = entering_ ? far : vertex_;
    arc.target = entering_ ? vertex_ : far;
    arc.reversed = in_second_;
    return arc;
  }
  void increment() {
    ++position_;
    SkipUnkept();
  }
  bool equal(const ArcIterator& other) const {
    return position_ == other.position_ && in_second_ == other.in_second_;
  }

  const Graph* graph_ = nullptr;
  const EdgeIndex* lists_[2] = {nullptr, nullptr};   // the stored-direction list, the other
  const VertexIndex* fars_[2] = {nullptr, nullptr};  // the far end of a relation in each
  VertexIndex vertex_ = 0;
  bool entering_ = false;
  bool in_second_ = false;
  uint32_t position_ = 0;
  uint32_t first_end_ = 0;
  uint32_t second_begin_ = 0;
  uint32_t second_end_ = 0;
};

// The vertices 0 .. n - 1, or those of a list.
class VertexIterator : public boost::iterator_facade<VertexIterator, VertexIndex,
                                                     std::forward_iterator_tag, VertexIndex> {
 public:
  VertexIterator() = default;
  VertexIterator(const VertexIndex* listed, size_t position)
      : listed_(listed), position_(position) {}

 private:
  friend class boost::iterator_core_access;
  VertexIndex dereference() const {
    return listed_ != nullptr ? listed_[position_] : static_cast<VertexIndex>(position_);
  }
  void increment() { ++position_; }
  bool equal(const VertexIterator& other) const { return position_ == other.position_; }

  const VertexIndex* listed_ = nullptr;
  size_t position_ = 0;
};

// Every edge once: vertex by vertex, the arcs leaving it; in an undirected
// view only those read from out lists, so that each relation comes once.
template <typename Graph>
class EdgeIterator : public boost::iterator_facade<EdgeIterator<Graph>, typename Graph::Arc,
                                                   std::forward_iterator_tag, typename Graph::Arc> {
 public:
  EdgeIterator() = default;
  EdgeIterator(const Graph* graph, VertexIndex vertex) : graph_(graph), vertex_(vertex) {
    Settle();
  }

 private:
  friend class boost::iterator_core_access;
  using Arcs = ArcIterator<Graph>;

  bool AtVertexEnd() const {
    if (arc_ == arc_end_) return true;
    return Graph::kDirection == Direction::kBothWays && arc_.reversed();
  }
  // Moves to the first vertex from `vertex_` on that has an edge to list.
  void Settle() {
    const VertexIndex n = graph_->vertex_bound();
    for (; vertex_ < n; ++vertex_) {
      arc_ = Arcs(graph_, vertex_, /*entering=*/false, /*at_end=*/false);
      arc_end_ = Arcs(graph_, vertex_, /*entering=*/false, /*at_end=*/true);
      if (!AtVertexEnd()) return;
    }
  }
  typename Graph::Arc dereference() const { return *arc_; }
  void increment() {
    ++arc_;
    if (!AtVertexEnd()) return;
    ++vertex_;
    Settle();
  }
  bool equal(const EdgeIterator& other) const {
    return vertex_ == other.vertex_ && (vertex_ == graph_->vertex_bound() || arc_ == other.arc_);
  }

  const Graph* graph_ = nullptr;
  VertexIndex vertex_ = 0;
  Arcs arc_;
  Arcs arc_end_;
};

// A view of a GraphData, which must outlive it (and the Keep predicate's
// state, and the vertex list if any). Cheap to copy. Thread-safe: const.
template <Direction kDirectionValue, typename Keep = AllRelations>
class RelationGraph {
 public:
  static constexpr Direction kDirection = kDirectionValue;
  static constexpr bool kUndirected = kDirection == Direction::kBothWays;
  static constexpr bool kWalksBackwards = kDirection != Direction::kAsStored;
  using Arc = RelationArc<kUndirected>;

  RelationGraph() = default;
  // `listed`: when not null, the vertices vertices() lists (ascending, or
  // in any order the caller wants algorithms to visit them); every vertex
  // with an arc the view shows must be among them.
  explicit RelationGraph(const GraphData& data, Keep keep = Keep(),
                         const std::vector<VertexIndex>* listed = nullptr)
      : data_(&data), keep_(keep), listed_(listed) {}

  const GraphData& data() const { return *data_; }
  VertexIndex vertex_bound() const {
    return static_cast<VertexIndex>(data_->topology.vertex_ids.size());
  }
  const std::vector<VertexIndex>* listed() const { return listed_; }

  // Whether the view walks `relation` from -> to, and to -> from.
  bool ShowsForward(EdgeIndex relation) const { return keep_(relation); }
  bool ShowsBackward(EdgeIndex relation) const {
    if constexpr (kDirection == Direction::kAsStored) {
      return false;
    } else if constexpr (kDirection == Direction::kBothWays) {
      return keep_(relation);
    } else {
      return data_->IsSymmetric(data_->topology.edges.type[relation]) && keep_(relation);
    }
  }

 private:
  const GraphData* data_ = nullptr;
  Keep keep_;
  const std::vector<VertexIndex>* listed_ = nullptr;
};

struct RelationGraphTraversalTag : virtual boost::vertex_list_graph_tag,
                                   virtual boost::edge_list_graph_tag,
                                   virtual boost::bidirectional_graph_tag,
                                   virtual boost::adjacency_graph_tag {};

// The edge_index map: an arc's relation index, in [0, topology.edges.size()).
// Both arcs of a relation walked both ways share it.
template <typename ArcType>
struct RelationIndexMap : boost::put_get_helper<EdgeIndex, RelationIndexMap<ArcType>> {
  using key_type = ArcType;
  using value_type = EdgeIndex;
  using reference = EdgeIndex;
  using category = boost::readable_property_map_tag;
  EdgeIndex operator[](const ArcType& arc) const { return arc.relation; }
};

}  // namespace partnergraph::graph

namespace boost {

template <partnergraph::graph::Direction kDirection, typename Keep>
struct graph_traits<partnergraph::graph::RelationGraph<kDirection, Keep>> {
  using Graph = partnergraph::graph::RelationGraph<kDirection, Keep>;
  using vertex_descriptor = partnergraph::VertexIndex;
  using edge_descriptor = typename Graph::Arc;
  using directed_category =
      std::conditional_t<Graph::kUndirected, undirected_tag, bidirectional_tag>;
  using edge_parallel_category = allow_parallel_edge_tag;
  using traversal_category = partnergraph::graph::RelationGraphTraversalTag;
  using out_edge_iterator = partnergraph::graph::ArcIterator<Graph>;
  using in_edge_iterator = partnergraph::graph::ArcIterator<Graph>;
  using vertex_iterator = partnergraph::graph::VertexIterator;
  using edge_iterator = partnergraph::graph::EdgeIterator<Graph>;
  using adjacency_iterator =
      typename adjacency_iterator_generator<Graph, vertex_descriptor, out_edge_iterator>::type;
  using vertices_size_type = size_t;
  using edges_size_type = size_t;
  using degree_size_type = size_t;
  static vertex_descriptor null_vertex() {
    return std::numeric_limits<partnergraph::VertexIndex>::max();
  }
};

// Algorithms ask for the traits of `const G` too (brandes_betweenness_centrality).
template <partnergraph::graph::Direction kDirection, typename Keep>
struct graph_traits<const partnergraph::graph::RelationGraph<kDirection, Keep>>
    : graph_traits<partnergraph::graph::RelationGraph<kDirection, Keep>> {};

template <partnergraph::graph::Direction kDirection, typename Keep>
struct property_map<partnergraph::graph::RelationGraph<kDirection, Keep>, vertex_index_t> {
  using type = typed_identity_property_map<partnergraph::VertexIndex>;
  using const_type = type;
};

template <partnergraph::graph::Direction kDirection, typename Keep>
struct property_map<partnergraph::graph::RelationGraph<kDirection, Keep>, edge_index_t> {
  using type = partnergraph::graph::RelationIndexMap<
      typename partnergraph::graph::RelationGraph<kDirection, Keep>::Arc>;
  using const_type = type;
};

}  // namespace boost

namespace partnergraph::graph {

// The free functions BGL finds by argument-dependent lookup: their names are
// BGL's, not ours.
// NOLINTBEGIN(readability-identifier-naming)

template <Direction D, typename K>
std::pair<VertexIterator, VertexIterator> vertices(const RelationGraph<D, K>& g) {
  const std::vector<VertexIndex>* listed = g.listed();
  if (listed != nullptr) return {{listed->data(), 0}, {listed->data(), listed->size()}};
  return {{nullptr, 0}, {nullptr, g.vertex_bound()}};
}

// The vertex index bound, not the length of a vertex list (see the top).
template <Direction D, typename K>
size_t num_vertices(const RelationGraph<D, K>& g) {
  return g.vertex_bound();
}

template <Direction D, typename K>
std::pair<ArcIterator<RelationGraph<D, K>>, ArcIterator<RelationGraph<D, K>>> out_edges(
    VertexIndex u, const RelationGraph<D, K>& g) {
  return {{&g, u, /*entering=*/false, /*at_end=*/false},
          {&g, u, /*entering=*/false, /*at_end=*/true}};
}

template <Direction D, typename K>
std::pair<ArcIterator<RelationGraph<D, K>>, ArcIterator<RelationGraph<D, K>>> in_edges(
    VertexIndex v, const RelationGraph<D, K>& g) {
  return {{&g, v, /*entering=*/true, /*at_end=*/false},
          {&g, v, /*entering=*/true, /*at_end=*/true}};
}

template <Direction D, typename K>
std::pair<EdgeIterator<RelationGraph<D, K>>, EdgeIterator<RelationGraph<D, K>>> edges(
    const RelationGraph<D, K>& g) {
  return {{&g, 0}, {&g, g.vertex_bound()}};
}

template <Direction D, typename K>
VertexIndex source(const typename RelationGraph<D, K>::Arc& arc, const RelationGraph<D, K>& /*g*/) {
  return arc.source;
}

template <Direction D, typename K>
VertexIndex target(const typename RelationGraph<D, K>::Arc& arc, const RelationGraph<D, K>& /*g*/) {
  return arc.target;
}

// Degrees walk the lists (O(degree)) unless every relation is shown.
template <Direction D, typename K>
size_t out_degree(VertexIndex u, const RelationGraph<D, K>& g) {
  if constexpr (D == Direction::kAsStored && std::is_same_v<K, AllRelations>) {
    const AdjacencyIndex& index = g.data().index;
    return index.out_offsets[u + 1] - index.out_offsets[u];
  } else {
    auto [it, end] = out_edges(u, g);
    return static_cast<size_t>(std::distance(it, end));
  }
}

template <Direction D, typename K>
size_t in_degree(VertexIndex v, const RelationGraph<D, K>& g) {
  if constexpr (D == Direction::kAsStored && std::is_same_v<K, AllRelations>) {
    const AdjacencyIndex& index = g.data().index;
    return index.in_offsets[v + 1] - index.in_offsets[v];
  } else {
    auto [it, end] = in_edges(v, g);
    return static_cast<size_t>(std::distance(it, end));
  }
}

// Undirected: the edges at v (a self-loop twice, as it is listed from both
// of its ends); directed: arcs in plus arcs out.
template <Direction D, typename K>
size_t degree(VertexIndex v, const RelationGraph<D, K>& g) {
  if constexpr (RelationGraph<D, K>::kUndirected) {
    return out_degree(v, g);
  } else {
    return in_degree(v, g) + out_degree(v, g);
  }
}

template <Direction D, typename K>
size_t num_edges(const RelationGraph<D, K>& g) {
  auto [it, end] = edges(g);
  return static_cast<size_t>(std::distance(it, end));
}

template <Direction D, typename K>
std::pair<typename boost::graph_traits<RelationGraph<D, K>>::adjacency_iterator,
          typename boost::graph_traits<RelationGraph<D, K>>::adjacency_iterator>
adjacent_vertices(VertexIndex u, const RelationGraph<D, K>& g) {
  using Adjacency = typename boost::graph_traits<RelationGraph<D, K>>::adjacency_iterator;
  auto [it, end] = out_edges(u, g);
  return {Adjacency(it, &g), Adjacency(end, &g)};
}

template <Direction D, typename K>
boost::typed_identity_property_map<VertexIndex> get(boost::vertex_index_t,
                                                    const RelationGraph<D, K>& /*g*/) {
  return {};
}

template <Direction D, typename K>
RelationIndexMap<typename RelationGraph<D, K>::Arc> get(boost::edge_index_t,
                                                        const RelationGraph<D, K>& /*g*/) {
  return {};
}

template <Direction D, typename K>
VertexIndex get(boost::vertex_index_t, const RelationGraph<D, K>& /*g*/, VertexIndex v) {
  return v;
}

template <Direction D, typename K>
EdgeIndex get(boost::edge_index_t, const RelationGraph<D, K>& /*g*/,
              const typename RelationGraph<D, K>::Arc& arc) {
  return arc.relation;
}

// NOLINTEND(readability-identifier-naming)

}  // namespace partnergraph::graph

#endif  // PARTNERGRAPH_GRAPH_BGL_GRAPH_H_
