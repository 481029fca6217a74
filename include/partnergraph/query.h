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
enum class MatchQuality {
  kExactId,
  kExactName,
  kPrefix,     // a name starts with the text
  kWordStart,  // the text starts at a word of a name
  kSubstring,  // the text starts inside a word of a name
  kWords,      // every word of the text starts a word of a name, in any order
  kTypos,      // every word of the text is a typo or two away from a word of a name
};
const char* MatchQualityName(MatchQuality quality);  // "exact_id", "prefix", ...

struct FoundEntity {
  Entity entity;
  MatchQuality quality = MatchQuality::kSubstring;
  std::string matched;  // the normalised name or alias that matched
  double score = 0;     // 0 to 1 (TextScore::Score), higher is better
};

// Entities whose id, English or Chinese name or alias matches `text` after
// normalisation (case, width, whitespace) and spelling variants folded
// (labour/labor, spelling.h): exact matches first, then names starting with
// it, then names where it starts a word, then inside a word, then names
// holding every word of it in any order, then names within a typo or two per
// word (TyposForgiven); ties by id. At most `limit` (0: all). An empty text
// is kInvalidArgument. One pass over the name index.
Result<std::vector<FoundEntity>> FindEntities(const Store& store, std::string_view text,
                                              size_t limit = 0);
// The same, setting `*total` to how many entities match before the limit.
Result<std::vector<FoundEntity>> FindEntities(const Store& store, std::string_view text,
                                              size_t limit, size_t* total);

// Resolves what a user typed (an id, a name in English or Chinese, or an
// alias) to exactly one entity id. An exact id wins; otherwise exact names and
// aliases. Fails with kNotFound (suggesting close names) or kAmbiguous listing
// every candidate.
Result<std::string> ResolveEntity(const Store& store, std::string_view text);

struct FundsOptions {
  std::string funder;                    // entity id; empty: any
  std::string recipient;                 // entity id; empty: any
  PartialDate as_of;                     // empty: any date
  DateRule dates = DateRule::kEvidence;  // how undated flows count as of `as_of`
  bool through = false;  // follow each recipient on to implementers and beneficiaries
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

// One transfer of money between IATI activities (imported transactions:
// funds relations with a transaction_type), counted once. The provider
// reports it as an outgoing commitment (2) or disbursement (3) naming the
// receiver's activity; the receiver as an incoming commitment (11) or
// incoming funds (1) naming the provider's activity. When both report it
// the two are one transfer: its amount is the provider's, and `difference`
// what the receiver reported beyond it (negative: less).
struct ChainTransfer {
  std::string stage;          // "commitment", "disbursement" or "expenditure"
  std::string from_activity;  // IATI identifier of the provider's activity ("" unknown)
  std::string to_activity;    // of the receiver's activity ("" unknown)
  std::string provider;       // entity ids
  std::string receiver;
  std::string currency;
  double amount = 0;
  double difference = 0;
  std::optional<Relation> outgoing;  // as the provider reported it
  std::optional<Relation> incoming;  // as the receiver reported it
};

// The activity chain: money entering it and passed on, per stage and
// currency, and what each activity kept (received in the chain minus passed
// on): the residual, shown rather than added twice.
struct ChainSummary {
  std::string stage;
  std::string currency;
  double entering = 0;   // transfers from activities that received nothing in the chain
  double passed_on = 0;  // transfers out of activities that received money in it
  std::map<std::string, double> kept;  // activity -> received minus passed on
};

struct FundingReport {
  std::vector<FundingFlow> flows;    // by funder, recipient, relation id
  std::vector<FundingTotal> totals;  // by funder, recipient class, currency
  size_t flows_without_amount = 0;   // listed in flows, not in totals
  // With `through`: the IATI transfers reachable from the funder (all, with
  // no funder) along the activity ids, each once, and their summary.
  std::vector<ChainTransfer> chain;
  std::vector<ChainSummary> chain_summary;
};

// Fills report.chain and report.chain_summary from the store's IATI
// transactions (FundingReport says what they hold).
Status FollowFundingChain(const Store& store, const FundsOptions& options, FundingReport& report);

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
