// Questions asked of the store directly: finding and resolving entities by
// what a user typed, and who funds what.
#ifndef PARTNERGRAPH_QUERY_H_
#define PARTNERGRAPH_QUERY_H_

#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/date.h"
#include "partnergraph/entity.h"
#include "partnergraph/graph.h"
#include "partnergraph/relation.h"
#include "partnergraph/status.h"
#include "partnergraph/store.h"

namespace partnergraph {

// How well a find result matched, best first.
enum class MatchQuality { kExactId, kExactName, kPrefix, kSubstring };

struct FoundEntity {
  Entity entity;
  MatchQuality quality;
  std::string matched;  // the normalised name or alias that matched
};

// Entities whose id, English or Chinese name or alias matches `text` after
// normalisation (case, width, whitespace): exact matches first, then names
// starting with it, then names containing it; ties by id. At most `limit`
// (0: all). An empty text is kInvalidArgument.
Result<std::vector<FoundEntity>> FindEntities(const Store& store, std::string_view text,
                                              size_t limit = 0);

// Resolves what a user typed (an id, a name in English or Chinese, or an
// alias) to exactly one entity id. An exact id wins; otherwise exact names and
// aliases. Fails with kNotFound (suggesting close names) or kAmbiguous listing
// every candidate.
Result<std::string> ResolveEntity(const Store& store, std::string_view text);

struct FundsOptions {
  std::string funder;     // entity id; empty: any
  std::string recipient;  // entity id; empty: any
  PartialDate as_of;      // empty: any date
  bool through = false;   // follow each recipient on to implementers and beneficiaries
};

struct FundingFlow {
  Relation relation;  // the funds relation
  std::vector<Relation>
      onward;  // with `through`: the recipient's implements (in) and benefits (out)
};

// What a total adds up: funding of projects, initiatives and events, or
// contributions to organisations. Kept apart because a contribution to an
// organisation often includes the money it then spends on the projects
// (China's contributions to the ILO include the projects China funds).
enum class RecipientClass { kUndertakings, kOrganisations };
const char* RecipientClassName(RecipientClass recipients);  // "projects", "organisations"

// Per funder, recipient class and currency. Adds the funder's own funds
// relations only: money a recipient passes on appears again under that
// recipient as funder, so totals of different funders must not be added.
struct FundingTotal {
  std::string funder;
  RecipientClass recipients = RecipientClass::kUndertakings;
  std::string currency;
  double amount = 0;
  size_t flows = 0;  // relations summed
};

struct FundingReport {
  std::vector<FundingFlow> flows;    // by funder, recipient, relation id
  std::vector<FundingTotal> totals;  // by funder, recipient class, currency
  size_t flows_without_amount = 0;   // listed in flows, not in totals
};

// From the store's records: what the answer is by definition.
Result<FundingReport> Funds(const Store& store, const FundsOptions& options);
// The same report from a graph of the store's state, in one pass over its
// columns: candidates from the adjacency index (or every relation of type
// funds), dates, amounts, currencies and kinds from the columns, and the
// records assembled from the records' columns (read from the store only for
// one with attributes). Equal to Funds(store, options).
Result<FundingReport> Funds(const Store& store, const Graph& graph, const FundsOptions& options);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_QUERY_H_
