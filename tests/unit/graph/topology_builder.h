// Test helpers: TopologyBuilder writes a Topology the way one would draw it
// ("a --mou r1--> b since 2019-06"), and Describe() prints paths the same way,
// so expectations read like the graph they test.
#ifndef PARTNERGRAPH_TESTS_UNIT_GRAPH_TOPOLOGY_BUILDER_H_
#define PARTNERGRAPH_TESTS_UNIT_GRAPH_TOPOLOGY_BUILDER_H_

#include <string>
#include <vector>

#include "partnergraph/graph.h"
#include "partnergraph/topology.h"

namespace partnergraph::testing {

class TopologyBuilder {
 public:
  // Vertex ids in any order; Build() sorts them, as the store does.
  TopologyBuilder& Vertices(std::vector<std::string> ids);
  // Types get indices in the order they are added.
  TopologyBuilder& Type(std::string name, bool symmetric);
  // A relation `id` of `type` from -> to; since/until "" (open), "2019",
  // "2019-06" or "2019-06-14". Relations get indices in the order added.
  TopologyBuilder& Relation(std::string id, std::string from, std::string type, std::string to,
                            std::string since = "", std::string until = "");

  Topology Build() const;

 private:
  struct PendingRelation {
    std::string id, from, type, to, since, until;
  };
  std::vector<std::string> vertex_ids_;
  std::vector<std::string> type_names_;
  std::vector<bool> type_is_symmetric_;
  std::vector<PendingRelation> relations_;
};

// Type indices by name; fails the test on an unknown name.
std::vector<TypeIndex> Types(const Topology& topology, const std::vector<std::string>& names);
// "2019-06" parsed; fails the test on a bad date.
PartialDate Date(const std::string& text);
VertexIndex Vertex(const Graph& graph, const std::string& id);

// "a -r1- b -r2- c": vertex ids joined by relation ids.
std::string Describe(const Graph& graph, const Path& path);
std::vector<std::string> Describe(const Graph& graph, const std::vector<Path>& paths);

}  // namespace partnergraph::testing

#endif  // PARTNERGRAPH_TESTS_UNIT_GRAPH_TOPOLOGY_BUILDER_H_
