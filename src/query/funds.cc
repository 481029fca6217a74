#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "partnergraph/query.h"

namespace partnergraph {
namespace {

constexpr const char* kFunds = "funds";

bool InForce(const Relation& relation, const PartialDate& as_of) {
  return InForceAt(relation.since.FirstDay(), relation.until.LastDay(), as_of);
}

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
                                     const PartialDate& as_of) {
  Result<std::vector<AdjacentRelation>> adjacent = store.RelationsOf(recipient);
  if (!adjacent) return adjacent.error();
  std::vector<Relation> onward;
  for (const AdjacentRelation& a : *adjacent) {
    const bool implementer = a.type == "implements" && a.direction == Direction::kIn;
    const bool beneficiary = a.type == "benefits" && a.direction == Direction::kOut;
    if (!implementer && !beneficiary) continue;
    Result<Relation> relation = store.GetRelation(a.relation_id);
    if (!relation) return relation.error();
    if (InForce(*relation, as_of)) onward.push_back(std::move(*relation));
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
  for (const std::string& id : *ids) {
    Result<Relation> relation = store.GetRelation(id);
    if (!relation) return relation.error();
    if (!InForce(*relation, options.as_of)) continue;
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
      Result<std::vector<Relation>> onward = Onward(store, relation.to, options.as_of);
      if (!onward) return onward.error();
      flow.onward = std::move(*onward);
    }
  }
  for (auto& [key, total] : totals) report.totals.push_back(std::move(total));
  return report;
}

}  // namespace partnergraph
