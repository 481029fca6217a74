#include "topology_builder.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace partnergraph::testing {

TopologyBuilder& TopologyBuilder::Vertices(std::vector<std::string> ids) {
  vertex_ids_ = std::move(ids);
  return *this;
}

TopologyBuilder& TopologyBuilder::Type(std::string name, bool symmetric) {
  type_names_.push_back(std::move(name));
  type_is_symmetric_.push_back(symmetric);
  return *this;
}

TopologyBuilder& TopologyBuilder::Relation(std::string id, std::string from, std::string type,
                                           std::string to, std::string since, std::string until) {
  relations_.push_back(PendingRelation{std::move(id), std::move(from), std::move(type),
                                       std::move(to), std::move(since), std::move(until)});
  return *this;
}

Topology TopologyBuilder::Build() const {
  Topology topology;
  std::vector<std::string> sorted_ids = vertex_ids_;
  std::sort(sorted_ids.begin(), sorted_ids.end());
  topology.vertex_ids = StringTable(sorted_ids);
  topology.vertex_kinds.assign(topology.vertex_ids.size(), 0);
  topology.kind_names = {"igo"};
  topology.type_names = type_names_;
  topology.type_is_symmetric = type_is_symmetric_;
  for (const PendingRelation& pending : relations_) {
    TopologyEdge edge;
    const auto from = topology.FindVertex(pending.from);
    const auto to = topology.FindVertex(pending.to);
    const auto type = topology.FindType(pending.type);
    EXPECT_TRUE(from && to && type) << "relation " << pending.id << " names an unknown vertex "
                                    << "or type";
    if (!from || !to || !type) continue;
    edge.from = *from;
    edge.to = *to;
    edge.type = *type;
    edge.since_first_day =
        pending.since.empty() ? PartialDate::kOpenStart : Date(pending.since).FirstDay();
    edge.until_last_day =
        pending.until.empty() ? PartialDate::kOpenEnd : Date(pending.until).LastDay();
    topology.edges.push_back(edge);
    topology.edge_relation_ids.push_back(pending.id);
  }
  return topology;
}

std::vector<TypeIndex> Types(const Topology& topology, const std::vector<std::string>& names) {
  std::vector<TypeIndex> types;
  for (const std::string& name : names) {
    const auto type = topology.FindType(name);
    EXPECT_TRUE(type.has_value()) << "unknown type " << name;
    if (type) types.push_back(*type);
  }
  return types;
}

PartialDate Date(const std::string& text) {
  Result<PartialDate> date = PartialDate::Parse(text);
  EXPECT_TRUE(date.has_value()) << date.error().ToString();
  return date.has_value() ? *date : PartialDate();
}

VertexIndex Vertex(const Graph& graph, const std::string& id) {
  const auto vertex = graph.topology().FindVertex(id);
  EXPECT_TRUE(vertex.has_value()) << "unknown vertex " << id;
  return vertex.value_or(0);
}

std::string Describe(const Graph& graph, const Path& path) {
  const Topology& topology = graph.topology();
  if (path.vertices.size() != path.edges.size() + 1) return "<malformed path>";
  std::string text;
  for (size_t i = 0; i < path.vertices.size(); ++i) {
    if (i > 0) text += " -" + topology.edge_relation_ids[path.edges[i - 1]] + "- ";
    text += topology.vertex_ids[path.vertices[i]];
  }
  return text;
}

std::vector<std::string> Describe(const Graph& graph, const std::vector<Path>& paths) {
  std::vector<std::string> texts;
  texts.reserve(paths.size());
  for (const Path& path : paths) texts.push_back(Describe(graph, path));
  return texts;
}

}  // namespace partnergraph::testing
