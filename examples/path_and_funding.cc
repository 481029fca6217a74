// Opens a PartnerGraph database read-only, prints the shortest path from
// China to Cambodia hop by hop, then China's funding totals.
//
//   path_and_funding DB
#include <cstddef>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/graph.h"
#include "partnergraph/graph_loader.h"
#include "partnergraph/query.h"
#include "partnergraph/status.h"
#include "partnergraph/store.h"

namespace pg = partnergraph;

namespace {

int Fail(const pg::Status& status) {
  std::fprintf(stderr, "path_and_funding: %s\n", status.ToString().c_str());
  return 1;
}

// "china  People's Republic of China"
std::string Describe(const pg::Store& store, std::string_view id) {
  pg::Result<pg::Entity> entity = store.GetEntity(id);
  return std::string(id) + (entity ? "  " + entity->name.en : "");
}

int Run(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DB\n", argv[0]);
    return 2;
  }
  pg::Result<std::unique_ptr<pg::Store>> opened = pg::Store::Open(argv[1], pg::OpenMode::kReadOnly);
  if (!opened) return Fail(opened.error());
  const pg::Store& store = **opened;

  // Names as a user types them; ResolveEntity turns each into one entity id.
  pg::Result<std::string> from = pg::ResolveEntity(store, "china");
  if (!from) return Fail(from.error());
  pg::Result<std::string> to = pg::ResolveEntity(store, "cambodia");
  if (!to) return Fail(to.error());

  pg::Result<pg::LoadedGraph> loaded = pg::LoadGraph(store);
  if (!loaded) return Fail(loaded.error());
  const pg::Graph& graph = loaded->graph;
  const pg::Topology& topology = graph.topology();
  // Every resolved entity is a vertex of the store's graph.
  pg::VertexIndex from_vertex = *topology.FindVertex(*from);
  pg::VertexIndex to_vertex = *topology.FindVertex(*to);

  pg::Result<std::vector<pg::Path>> paths = graph.ShortestPaths(from_vertex, to_vertex, {});
  if (!paths) return Fail(paths.error());
  if (paths->empty()) {
    std::printf("No path from %s to %s.\n", from->c_str(), to->c_str());
  } else {
    const pg::Path& path = paths->front();
    std::printf("Shortest path from %s to %s, %zu hops:\n", from->c_str(), to->c_str(),
                path.edges.size());
    std::printf("  %s\n", Describe(store, topology.vertex_ids.view(path.vertices[0])).c_str());
    for (size_t i = 0; i < path.edges.size(); ++i) {
      const pg::TopologyEdge edge = topology.edges[path.edges[i]];
      // Paths follow relations either way; the arrow shows the relation's own direction.
      const bool forward = edge.from == path.vertices[i];
      std::printf("    %s%s%s  (relation %s)\n", forward ? "--" : "<--",
                  topology.type_names[edge.type].c_str(), forward ? "-->" : "--",
                  topology.edge_relation_ids[path.edges[i]].c_str());
      std::printf("  %s\n",
                  Describe(store, topology.vertex_ids.view(path.vertices[i + 1])).c_str());
    }
  }

  pg::FundsOptions options;
  options.funder = *from;
  pg::Result<pg::FundingReport> funds = pg::Funds(store, options);
  if (!funds) return Fail(funds.error());
  std::printf("\nFunding by %s, per recipient class and currency:\n", from->c_str());
  for (const pg::FundingTotal& total : funds->totals) {
    std::printf("  %-13s  %s %.0f  (%zu flows)\n", pg::RecipientClassName(total.recipients),
                total.currency.c_str(), total.amount, total.flows);
  }
  std::printf("  and %zu flows without an amount\n", funds->flows_without_amount);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // The library reports failures as Status values; this catches only what
  // the standard library throws (std::bad_alloc).
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "path_and_funding: %s\n", e.what());
    return 1;
  }
}
