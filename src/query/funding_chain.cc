// Money along chains of IATI activities, each unit counted once: a
// provider's outgoing transaction and the receiver's incoming one are
// matched through the activity ids each names, so a transfer both report is
// one transfer; what only one side reports is still shown, once, and marked.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "partnergraph/query.h"

namespace partnergraph {
namespace {

std::string Attribute(const Relation& relation, const char* key) {
  auto it = relation.attributes.find(key);
  return it == relation.attributes.end() ? std::string() : it->second;
}

// The stage of a transaction type, and whether the money goes out.
bool StageOf(const std::string& type, std::string& stage, bool& outgoing) {
  if (type == "2" || type == "11") {
    stage = "commitment";
  } else if (type == "3" || type == "1") {
    stage = "disbursement";
  } else if (type == "4") {
    stage = "expenditure";
  } else {
    return false;
  }
  outgoing = type == "2" || type == "3" || type == "4";
  return true;
}

}  // namespace

Status FollowFundingChain(const Store& store, const FundsOptions& options, FundingReport& report) {
  Result<std::vector<std::string>> ids = store.RelationIdsOfType("funds");
  if (!ids) return ids.error();
  std::vector<Relation> outgoing;
  std::vector<Relation> incoming;
  for (const std::string& id : *ids) {
    Result<Relation> relation = store.GetRelation(id);
    if (!relation) return relation.error();
    if (!relation->amount || !relation->attributes.contains("transaction_type")) continue;
    if (!options.as_of.empty() &&
        !InForceAt(relation->since.FirstDay(),
                   relation->until.empty() ? PartialDate::kOpenEnd : relation->until.LastDay(),
                   options.as_of)) {
      continue;
    }
    std::string stage;
    bool out = false;
    if (!StageOf(Attribute(*relation, "transaction_type"), stage, out)) continue;
    (out ? outgoing : incoming).push_back(std::move(*relation));
  }

  std::vector<ChainTransfer> transfers;
  std::vector<bool> incoming_used(incoming.size(), false);
  for (Relation& o : outgoing) {
    ChainTransfer transfer;
    bool out = true;
    StageOf(Attribute(o, "transaction_type"), transfer.stage, out);
    transfer.from_activity = Attribute(o, "iati_identifier");
    transfer.to_activity = Attribute(o, "receiver_activity_id");
    transfer.provider = o.from;
    transfer.receiver = o.to;
    transfer.currency = o.amount->currency;
    transfer.amount = o.amount->value;
    // The receiver's report of it: in the activity the provider names, of
    // the same stage and currency, naming the provider's activity.
    for (size_t i = 0; i < incoming.size() && !transfer.to_activity.empty(); ++i) {
      const Relation& in = incoming[i];
      std::string stage;
      bool in_out = false;
      StageOf(Attribute(in, "transaction_type"), stage, in_out);
      if (incoming_used[i] || stage != transfer.stage ||
          Attribute(in, "iati_identifier") != transfer.to_activity ||
          Attribute(in, "provider_activity_id") != transfer.from_activity ||
          in.amount->currency != transfer.currency) {
        continue;
      }
      incoming_used[i] = true;
      transfer.difference = in.amount->value - transfer.amount;
      transfer.incoming = in;
      break;
    }
    transfer.outgoing = std::move(o);
    transfers.push_back(std::move(transfer));
  }
  for (size_t i = 0; i < incoming.size(); ++i) {
    if (incoming_used[i]) continue;
    Relation& in = incoming[i];
    ChainTransfer transfer;
    bool out = false;
    StageOf(Attribute(in, "transaction_type"), transfer.stage, out);
    transfer.from_activity = Attribute(in, "provider_activity_id");
    transfer.to_activity = Attribute(in, "iati_identifier");
    transfer.provider = in.from;
    transfer.receiver = Attribute(in, "activity");
    transfer.currency = in.amount->currency;
    transfer.amount = in.amount->value;
    transfer.incoming = std::move(in);
    transfers.push_back(std::move(transfer));
  }

  // With a funder: its transfers, then onward from the activities they reach.
  std::vector<bool> keep(transfers.size(), options.funder.empty());
  if (!options.funder.empty()) {
    std::set<std::string> reached;
    for (size_t t = 0; t < transfers.size(); ++t) {
      if (transfers[t].provider == options.funder) {
        keep[t] = true;
        if (!transfers[t].to_activity.empty()) reached.insert(transfers[t].to_activity);
      }
    }
    for (bool grew = true; grew;) {
      grew = false;
      for (size_t t = 0; t < transfers.size(); ++t) {
        if (keep[t] || !reached.contains(transfers[t].from_activity)) continue;
        keep[t] = true;
        grew = true;
        if (!transfers[t].to_activity.empty()) reached.insert(transfers[t].to_activity);
      }
    }
  }
  for (size_t t = 0; t < transfers.size(); ++t) {
    if (keep[t]) report.chain.push_back(std::move(transfers[t]));
  }
  std::sort(report.chain.begin(), report.chain.end(), [](const auto& a, const auto& b) {
    return std::tie(a.stage, a.from_activity, a.to_activity, a.currency, a.amount) <
           std::tie(b.stage, b.from_activity, b.to_activity, b.currency, b.amount);
  });

  // Per stage and currency: money entering, passed on, and kept.
  std::map<std::pair<std::string, std::string>, ChainSummary> summaries;
  std::map<std::tuple<std::string, std::string, std::string>, double> received;
  for (const ChainTransfer& t : report.chain) {
    if (!t.to_activity.empty()) received[{t.stage, t.currency, t.to_activity}] += t.amount;
  }
  for (const ChainTransfer& t : report.chain) {
    ChainSummary& summary = summaries[{t.stage, t.currency}];
    summary.stage = t.stage;
    summary.currency = t.currency;
    if (received.contains({t.stage, t.currency, t.from_activity})) {
      summary.passed_on += t.amount;
      summary.kept[t.from_activity] -= t.amount;
    } else {
      summary.entering += t.amount;
    }
  }
  for (const auto& [key, amount] : received) {
    const auto& [stage, currency, activity] = key;
    summaries[{stage, currency}].kept[activity] += amount;
  }
  for (auto& [key, summary] : summaries) report.chain_summary.push_back(std::move(summary));
  return Status::Ok();
}

}  // namespace partnergraph
