#include "query/began_between.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace partnergraph::query {

Result<Neighbourhood> NeighboursBegunBetween(const Graph& graph, VertexIndex start, int depth,
                                             const EdgeFilter& filter, bool directed,
                                             const DateWindow& window) {
  const Topology& topology = graph.topology();
  const size_t vertices = topology.vertex_ids.size();
  if (start >= vertices) return Status::InvalidArgument("start vertex out of range");
  if (depth < 0) return Status::InvalidArgument("the depth must be 0 or more");
  const EdgeTable& edges = topology.edges;
  // The bounds of BeganBetween, on the since column: an undated relation's
  // since is kOpenStart, before any window.
  const int32_t first_day = window.from.FirstDay();
  const int32_t last_day = window.to.LastDay();
  auto allows = [&](EdgeIndex e) {
    const int32_t since = edges.since_first_day[e];
    if (since == PartialDate::kOpenStart || since < first_day || since > last_day) return false;
    if (!filter.types.empty() &&
        std::find(filter.types.begin(), filter.types.end(), edges.type[e]) == filter.types.end()) {
      return false;
    }
    return InForceAt(since, edges.until_last_day[e], filter.as_of);
  };
  auto symmetric = [&](EdgeIndex e) {
    const TypeIndex type = edges.type[e];
    return type < topology.type_is_symmetric.size() && topology.type_is_symmetric[type];
  };

  std::vector<int> depth_of(vertices, -1);
  Neighbourhood result;
  depth_of[start] = 0;
  result.vertices.push_back({start, 0});
  std::vector<VertexIndex> frontier = {start};
  for (int level = 0; level < depth && !frontier.empty(); ++level) {
    std::vector<VertexIndex> next;
    auto reach = [&](VertexIndex w) {
      if (w >= vertices || depth_of[w] >= 0) return;
      depth_of[w] = level + 1;
      result.vertices.push_back({w, level + 1});
      next.push_back(w);
    };
    for (VertexIndex v : frontier) {
      const IncidentEdges out = graph.OutEdges(v);
      for (size_t i = 0; i < out.size(); ++i) {
        if (allows(out[i])) reach(edges.to[out[i]]);
      }
      const IncidentEdges in = graph.InEdges(v);
      for (size_t i = 0; i < in.size(); ++i) {
        if (allows(in[i]) && (!directed || symmetric(in[i]))) reach(edges.from[in[i]]);
      }
    }
    frontier = std::move(next);
  }
  std::sort(result.vertices.begin(), result.vertices.end(),
            [](const NeighbourVertex& a, const NeighbourVertex& b) {
              return std::tie(a.depth, a.vertex) < std::tie(b.depth, b.vertex);
            });
  // Every allowed relation between two listed vertices, whatever its
  // direction: each seen once, from its `from` end.
  for (const NeighbourVertex& listed : result.vertices) {
    const IncidentEdges out = graph.OutEdges(listed.vertex);
    for (size_t i = 0; i < out.size(); ++i) {
      const VertexIndex to = edges.to[out[i]];
      if (to < vertices && depth_of[to] >= 0 && allows(out[i])) result.edges.push_back(out[i]);
    }
  }
  std::sort(result.edges.begin(), result.edges.end());
  return result;
}

void KeepFlowsBegunBetween(FundingReport& report, const DateWindow& window,
                           const std::function<bool(const std::string&)>& is_undertaking) {
  std::erase_if(report.flows,
                [&](const FundingFlow& flow) { return !BeganBetween(flow.relation, window); });
  std::map<std::tuple<std::string, RecipientClass, std::string>, FundingTotal> totals;
  report.flows_without_amount = 0;
  for (const FundingFlow& flow : report.flows) {
    const Relation& relation = flow.relation;
    if (!relation.amount) {
      ++report.flows_without_amount;
      continue;
    }
    const RecipientClass recipients = is_undertaking(relation.to) ? RecipientClass::kUndertakings
                                                                  : RecipientClass::kOrganisations;
    FundingTotal& total = totals[{relation.from, recipients, relation.amount->currency}];
    total.funder = relation.from;
    total.recipients = recipients;
    total.currency = relation.amount->currency;
    total.amount += relation.amount->value;
    ++total.flows;
  }
  report.totals.clear();
  for (auto& [key, total] : totals) report.totals.push_back(std::move(total));
}

}  // namespace partnergraph::query
