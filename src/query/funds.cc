#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>

#include "partnergraph/query.h"
#include "partnergraph/record_columns.h"

#include "query/records.h"

namespace partnergraph {
namespace {

constexpr const char* kFunds = "funds";

// Whether a relation read from the store counts as of the options' date,
// under their rule: the first day each source reports from is read once.
class RecordDates {
 public:
  RecordDates(const Store& store, const FundsOptions& options)
      : as_of_(options.as_of), rule_(options.dates) {
    if (as_of_.empty()) return;
    static_cast<void>(store.ForEachSource([this](const SourceDocument& source) {
      reported_from_.emplace(source.doc, ReportedFirstDay(source));
      return true;
    }));
  }
  bool InForce(const Relation& relation) const {
    if (as_of_.empty()) return true;
    int32_t reported = PartialDate::kOpenStart;
    if (relation.source) {
      auto it = reported_from_.find(relation.source->doc);
      if (it != reported_from_.end()) reported = it->second;
    }
    return InForceUnder(relation.since.FirstDay(), relation.until.LastDay(), reported, as_of_,
                        rule_);
  }

 private:
  PartialDate as_of_;
  DateRule rule_;
  std::map<std::string, int32_t, std::less<>> reported_from_;
};

// Ids of the funds relations to consider: the narrowest adjacency scan the
// options allow, else the type index.
Result<std::vector<std::string>> CandidateIds(const Store& store, const FundsOptions& options) {
  if (options.funder.empty() && options.recipient.empty()) {
    return store.RelationIdsOfType(kFunds);
  }
  const bool by_funder = !options.funder.empty();
  Result<std::vector<AdjacentRelation>> adjacent =
      store.RelationsOf(by_funder ? options.funder : options.recipient);
  if (!adjacent) return adjacent.error();
  std::vector<std::string> ids;
  for (const AdjacentRelation& a : *adjacent) {
    if (a.type != kFunds) continue;
    if (a.direction != (by_funder ? Direction::kOut : Direction::kIn)) continue;
    if (by_funder && !options.recipient.empty() && a.other != options.recipient) continue;
    ids.push_back(a.relation_id);
  }
  return ids;
}

// What the money reaches: who implements the funded project and whom it benefits.
Result<std::vector<Relation>> Onward(const Store& store, const std::string& recipient,
                                     const RecordDates& dates) {
  Result<std::vector<AdjacentRelation>> adjacent = store.RelationsOf(recipient);
  if (!adjacent) return adjacent.error();
  std::vector<Relation> onward;
  for (const AdjacentRelation& a : *adjacent) {
    const bool implementer = a.type == "implements" && a.direction == Direction::kIn;
    const bool beneficiary = a.type == "benefits" && a.direction == Direction::kOut;
    if (!implementer && !beneficiary) continue;
    Result<Relation> relation = store.GetRelation(a.relation_id);
    if (!relation) return relation.error();
    if (dates.InForce(*relation)) onward.push_back(std::move(*relation));
  }
  return onward;
}

// Projects, initiatives and events: the schema's "undertaking" group.
bool IsUndertaking(const Schema& schema, const std::optional<std::string>& kind) {
  return kind && schema.KindsInGroup("undertaking").count(*kind) != 0;
}

}  // namespace

const char* RecipientClassName(RecipientClass recipients) {
  return recipients == RecipientClass::kUndertakings ? "projects" : "organisations";
}

Result<FundingReport> Funds(const Store& store, const FundsOptions& options) {
  Result<std::vector<std::string>> ids = CandidateIds(store, options);
  if (!ids) return ids.error();
  FundingReport report;
  const RecordDates dates(store, options);
  for (const std::string& id : *ids) {
    Result<Relation> relation = store.GetRelation(id);
    if (!relation) return relation.error();
    if (!dates.InForce(*relation)) continue;
    if (!options.recipient.empty() && relation->to != options.recipient) continue;
    report.flows.push_back({std::move(*relation), {}});
  }
  std::sort(report.flows.begin(), report.flows.end(), [](const auto& a, const auto& b) {
    return std::tie(a.relation.from, a.relation.to, a.relation.id) <
           std::tie(b.relation.from, b.relation.to, b.relation.id);
  });

  std::map<std::tuple<std::string, RecipientClass, std::string>, FundingTotal> totals;
  for (FundingFlow& flow : report.flows) {
    const Relation& relation = flow.relation;
    if (relation.amount) {
      const RecipientClass recipients = IsUndertaking(store.schema(), store.EntityKind(relation.to))
                                            ? RecipientClass::kUndertakings
                                            : RecipientClass::kOrganisations;
      FundingTotal& total = totals[{relation.from, recipients, relation.amount->currency}];
      total.funder = relation.from;
      total.recipients = recipients;
      total.currency = relation.amount->currency;
      total.amount += relation.amount->value;
      ++total.flows;
    } else {
      ++report.flows_without_amount;
    }
    if (options.through) {
      Result<std::vector<Relation>> onward = Onward(store, relation.to, dates);
      if (!onward) return onward.error();
      flow.onward = std::move(*onward);
    }
  }
  for (auto& [key, total] : totals) report.totals.push_back(std::move(total));
  if (options.through) {
    Status s = FollowFundingChain(store, options, report);
    if (!s.ok()) return s;
  }
  return report;
}

Result<FundingReport> Funds(const Store& store, const Graph& graph, const FundsOptions& options) {
  const Topology& topology = graph.topology();
  if (!topology.records.HasRelations(topology.edges.size())) return Funds(store, options);
  FundingReport report;
  const std::optional<TypeIndex> funds = topology.FindType(kFunds);
  if (!funds) return report;
  auto vertex = [&](const std::string& id) -> Result<std::optional<VertexIndex>> {
    if (id.empty()) return std::optional<VertexIndex>();
    std::optional<VertexIndex> v = topology.FindVertex(id);
    if (!v) return Status::NotFound("no entity " + id);
    return v;
  };
  Result<std::optional<VertexIndex>> funder = vertex(options.funder);
  if (!funder) return funder.error();
  Result<std::optional<VertexIndex>> recipient = vertex(options.recipient);
  if (!recipient) return recipient.error();
  auto in_force = [&](EdgeIndex e) {
    return InForceUnder(topology.edges.since_first_day[e], topology.edges.until_last_day[e],
                        topology.edges.reported_first_day[e], options.as_of, options.dates);
  };

  // The flows, in the order of the record answer: by funder, recipient, id.
  std::vector<EdgeIndex> chosen;
  auto consider = [&](EdgeIndex e) {
    if (topology.edges.type[e] != *funds || !in_force(e)) return;
    if (*funder && topology.edges.from[e] != **funder) return;
    if (*recipient && topology.edges.to[e] != **recipient) return;
    chosen.push_back(e);
  };
  if (*funder) {
    const IncidentEdges out = graph.OutEdges(**funder);
    for (size_t i = 0; i < out.size(); ++i) consider(out[i]);
  } else if (*recipient) {
    const IncidentEdges in = graph.InEdges(**recipient);
    for (size_t i = 0; i < in.size(); ++i) consider(in[i]);
  } else {
    for (EdgeIndex e = 0; e < topology.edges.size(); ++e) consider(e);
  }
  std::sort(chosen.begin(), chosen.end(), [&](EdgeIndex a, EdgeIndex b) {
    const auto key = [&](EdgeIndex e) {
      return std::make_tuple(topology.edges.from[e], topology.edges.to[e],
                             topology.edge_relation_ids.view(e));
    };
    return key(a) < key(b);
  });

  // Totals from the columns, keyed by funder, class and currency index.
  const RecordColumns& records = topology.records;
  const std::set<std::string>& undertakings = store.schema().KindsInGroup("undertaking");
  std::vector<bool> kind_is_undertaking;
  for (const std::string& kind : topology.kind_names) {
    kind_is_undertaking.push_back(undertakings.count(kind) != 0);
  }
  std::map<std::tuple<VertexIndex, RecipientClass, std::string_view>, FundingTotal> totals;
  report.flows.reserve(chosen.size());
  for (EdgeIndex e : chosen) {
    Result<Relation> relation = query::RelationAt(store, topology, e);
    if (!relation) return relation.error();
    report.flows.push_back({std::move(*relation), {}});
    if (records.has_amount(e)) {
      const VertexIndex from = topology.edges.from[e];
      const RecipientClass recipients =
          kind_is_undertaking[topology.vertex_kinds[topology.edges.to[e]]]
              ? RecipientClass::kUndertakings
              : RecipientClass::kOrganisations;
      FundingTotal& total = totals[{from, recipients, records.currency(e)}];
      if (total.flows == 0) {
        total.funder = topology.vertex_ids.view(from);
        total.recipients = recipients;
        total.currency = records.currency(e);
      }
      total.amount += records.amounts[e];
      ++total.flows;
    } else {
      ++report.flows_without_amount;
    }
    if (options.through) {
      // The recipient's benefits (out) then implements (in), as the store's
      // adjacency lists them: each sorted by the other end, then id.
      const VertexIndex to = topology.edges.to[e];
      std::vector<Relation>& onward = report.flows.back().onward;
      const std::optional<TypeIndex> benefits = topology.FindType("benefits");
      const std::optional<TypeIndex> implements = topology.FindType("implements");
      auto add = [&](IncidentEdges edges, std::optional<TypeIndex> type) -> Status {
        for (size_t i = 0; type && i < edges.size(); ++i) {
          const EdgeIndex o = edges[i];
          if (topology.edges.type[o] != *type || !in_force(o)) continue;
          Result<Relation> next = query::RelationAt(store, topology, o);
          if (!next) return next.error();
          onward.push_back(std::move(*next));
        }
        return Status::Ok();
      };
      Status s = add(graph.OutEdges(to), benefits);
      if (s.ok()) s = add(graph.InEdges(to), implements);
      if (!s.ok()) return s;
    }
  }
  for (auto& [key, total] : totals) report.totals.push_back(std::move(total));
  if (options.through) {
    Status s = FollowFundingChain(store, options, report);
    if (!s.ok()) return s;
  }
  return report;
}

}  // namespace partnergraph
