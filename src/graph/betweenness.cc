#include "graph/betweenness.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <stack>

#include <boost/graph/betweenness_centrality.hpp>
#include <boost/property_map/property_map.hpp>

#include "graph/bgl_graph.h"

namespace partnergraph::graph {
namespace {

// Brandes' searches and accumulation from `sources` only, each vertex's
// dependency added times `scale`. Predecessors are found again from the
// distances rather than kept in lists: no allocation per search.
template <typename Links>
void AccumulateFrom(const Links& links, const std::vector<VertexIndex>& sources,
                    size_t num_vertices, double scale, std::vector<double>& betweenness,
                    const SearchProgress& progress) {
  size_t done = 0;
  std::vector<int64_t> distance(num_vertices, -1);
  std::vector<double> paths(num_vertices, 0.0);       // shortest paths from the source
  std::vector<double> dependency(num_vertices, 0.0);  // Brandes' delta
  std::vector<VertexIndex> order;                     // the search's queue, kept
  for (const VertexIndex source : sources) {
    order.clear();
    order.push_back(source);
    distance[source] = 0;
    paths[source] = 1;
    for (size_t head = 0; head < order.size(); ++head) {
      const VertexIndex v = order[head];
      auto [arc, end] = out_edges(v, links);
      for (; arc != end; ++arc) {
        const VertexIndex w = (*arc).target;
        if (distance[w] < 0) {
          distance[w] = distance[v] + 1;
          order.push_back(w);
        }
        if (distance[w] == distance[v] + 1) paths[w] += paths[v];
      }
    }
    for (size_t i = order.size(); i-- > 0;) {
      const VertexIndex w = order[i];
      auto [arc, end] = out_edges(w, links);
      for (; arc != end; ++arc) {
        const VertexIndex v = (*arc).target;
        if (distance[v] == distance[w] - 1) {
          dependency[v] += paths[v] / paths[w] * (1.0 + dependency[w]);
        }
      }
      if (w != source) betweenness[w] += scale * dependency[w];
    }
    for (const VertexIndex v : order) {
      distance[v] = -1;
      paths[v] = 0.0;
      dependency[v] = 0.0;
    }
    if (progress) progress(++done, sources.size());
  }
}

// Boost's own search from each source (the one brandes_betweenness_centrality
// runs), counted: Boost offers no progress, so its implementation is called
// with this wrapper, with the maps brandes_betweenness_centrality makes for an
// unweighted graph, and gives the same scores.
struct CountedSearches {
  boost::detail::graph::brandes_unweighted_shortest_paths search;
  const SearchProgress* progress = nullptr;
  size_t total = 0;
  size_t done = 0;

  template <typename Graph, typename IncomingMap, typename DistanceMap, typename PathCountMap,
            typename VertexIndexMap>
  void operator()(Graph& g, typename boost::graph_traits<Graph>::vertex_descriptor s,
                  std::stack<typename boost::graph_traits<Graph>::vertex_descriptor>& order,
                  IncomingMap incoming, DistanceMap distance, PathCountMap path_count,
                  VertexIndexMap vertex_index) {
    search(g, s, order, incoming, distance, path_count, vertex_index);
    (*progress)(++done, total);
  }
};

template <typename Links>
void ExactWithProgress(const Links& links, size_t linked, std::vector<double>& betweenness,
                       const SearchProgress& progress) {
  using Edge = typename boost::graph_traits<Links>::edge_descriptor;
  const size_t n = betweenness.size();
  std::vector<std::vector<Edge>> incoming(n);
  std::vector<double> distance(n);
  std::vector<double> dependency(n);
  std::vector<typename boost::graph_traits<Links>::degree_size_type> path_count(n);
  const auto index = get(boost::vertex_index, links);
  boost::detail::graph::brandes_betweenness_centrality_impl(
      links, boost::make_iterator_property_map(betweenness.begin(), index),
      boost::dummy_property_map(), boost::make_iterator_property_map(incoming.begin(), index),
      boost::make_iterator_property_map(distance.begin(), index),
      boost::make_iterator_property_map(dependency.begin(), index),
      boost::make_iterator_property_map(path_count.begin(), index), index,
      CountedSearches{{}, &progress, linked});
}

}  // namespace

std::vector<double> UndirectedBetweenness(const GraphData& data, const RelationFilter& filter,
                                          size_t sample, const SearchProgress& progress) {
  const size_t num_vertices = data.topology.vertex_ids.size();
  std::vector<double> betweenness(num_vertices, 0.0);

  // Brandes counts shortest paths edge by edge, so two relations between a
  // pair would count as two routes, and a self-loop is on no shortest path.
  // Rather than copy a collapsed graph, mark one relation per linked pair,
  // the first the lower vertex lists, and let the view walk only marked ones:
  // a byte a relation, and the algorithm runs on the index itself. Each pair
  // is decided from its lower vertex alone, so both ends agree.
  const RelationGraph<Direction::kBothWays, FilteredRelations> allowed(data,
                                                                       FilteredRelations(filter));
  std::vector<uint8_t> is_link(data.topology.edges.size(), 0);
  std::vector<uint8_t> is_linked(num_vertices, 0);
  std::vector<VertexIndex> last_linked_from(num_vertices, 0);  // u + 1: {u, w} has its link
  for (VertexIndex u = 0; u < num_vertices; ++u) {
    auto [arc, end] = out_edges(u, allowed);
    for (; arc != end; ++arc) {
      const VertexIndex w = (*arc).target;
      if (w <= u || last_linked_from[w] == u + 1) continue;
      last_linked_from[w] = u + 1;
      is_link[(*arc).relation] = 1;
      is_linked[u] = is_linked[w] = 1;
    }
  }
  // Brandes runs one search from every vertex vertices() lists and resets
  // the state of every listed vertex for each, so an isolated vertex listed
  // would cost O(V) for nothing: list the linked ones only.
  std::vector<VertexIndex> linked;
  for (VertexIndex v = 0; v < num_vertices; ++v) {
    if (is_linked[v] != 0) linked.push_back(v);
  }
  if (linked.empty()) return betweenness;

  const RelationGraph<Direction::kBothWays, MarkedRelations> links(data, MarkedRelations(is_link),
                                                                   &linked);
  if (sample != 0 && sample < linked.size()) {
    // Fixed seed: the same database and request give the same estimate.
    std::mt19937_64 random(20070101);
    std::vector<VertexIndex> pivots = linked;
    std::shuffle(pivots.begin(), pivots.end(), random);
    pivots.resize(sample);
    // Searches from every vertex count each unordered pair twice; from
    // `sample` of them, linked / sample times fewer.
    const double scale = static_cast<double>(linked.size()) / (2.0 * static_cast<double>(sample));
    AccumulateFrom(links, pivots, num_vertices, scale, betweenness, progress);
    return betweenness;
  }
  // The view is undirected, so Boost halves the scores itself: each
  // unordered pair counts once.
  if (progress) {
    ExactWithProgress(links, linked.size(), betweenness, progress);
    return betweenness;
  }
  boost::brandes_betweenness_centrality(
      links,
      boost::make_iterator_property_map(betweenness.begin(), get(boost::vertex_index, links)));
  return betweenness;
}

}  // namespace partnergraph::graph
