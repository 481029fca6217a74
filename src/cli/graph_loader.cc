#include "cli/graph_loader.h"

#include <cstdlib>
#include <string_view>

#include "partnergraph/graph_loader.h"
#include "partnergraph/query.h"
#include "partnergraph/spelling.h"

namespace partnergraph::cli {

Result<Graph> LoadGraph(const Store& store) {
  GraphLoadOptions options;
  // PGRAPH_SNAPSHOT=off builds the graph from the store every time and
  // leaves the snapshot alone: for comparing the two, and a way out should a
  // snapshot ever misbehave.
  const char* setting = std::getenv("PGRAPH_SNAPSHOT");  // NOLINT(concurrency-mt-unsafe)
  if (setting != nullptr && std::string_view(setting) == "off") {
    options.use_snapshot = false;
    options.write_snapshot = false;
  }
  Result<LoadedGraph> loaded = partnergraph::LoadGraph(store, options);
  if (!loaded) return loaded.error();
  return std::move(loaded->graph);
}

Result<EdgeFilter> ParseFilter(const FilterOptions& options, const Topology& topology) {
  EdgeFilter filter;
  size_t start = 0;
  const std::string& types = options.types;
  while (start < types.size()) {
    size_t comma = types.find(',', start);
    if (comma == std::string::npos) comma = types.size();
    const std::string type = types.substr(start, comma - start);
    start = comma + 1;
    if (type.empty()) continue;
    std::optional<TypeIndex> index = topology.FindType(type);
    if (!index) {
      std::string message = "unknown relation type \"" + type + "\"";
      if (auto close = ClosestMatch(type, topology.type_names)) {
        message += " (did you mean \"" + *close + "\"?)";
      }
      return Status::InvalidArgument(message);
    }
    filter.types.push_back(*index);
  }
  if (!options.as_of.empty()) {
    Result<PartialDate> date = PartialDate::Parse(options.as_of);
    if (!date) return date.error().WithContext("--as-of");
    filter.as_of = *date;
  }
  return filter;
}

Result<VertexIndex> ResolveVertex(const Store& store, const Graph& graph, std::string_view text) {
  Result<std::string> id = ResolveEntity(store, text);
  if (!id) return id.error();
  std::optional<VertexIndex> vertex = graph.topology().FindVertex(*id);
  if (!vertex) return Status::Corruption("entity " + *id + " is missing from the graph index");
  return *vertex;
}

}  // namespace partnergraph::cli
