// funds: who funds what, with totals that say what they count.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <map>

#include "partnergraph/amount.h"
#include "partnergraph/database.h"
#include "partnergraph/json_documents.h"
#include "partnergraph/text.h"

#include "cli/commands/commands.h"
#include "cli/json_output.h"
#include "cli/locations.h"
#include "cli/present.h"
#include "cli/requests.h"
#include "cli/table.h"
#include "cli/usage.h"

namespace partnergraph::cli {

namespace {

// An amount as a JSON number: integral values print without ".0", as in
// the other funds documents.
Json AmountJson(double value) {
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
  if (std::floor(value) == value && std::fabs(value) < kExactIntegers) {
    return static_cast<int64_t>(value);
  }
  return value;
}

// One flow reaching a beneficiary: the funds relation, and the project it
// reaches the beneficiary through ("" when given to the beneficiary itself).
struct ReachingFlow {
  Relation relation;
  std::string via;
};

// The funds relations as of a date: what NoteDating counts for funds.
RelationFilter FundsFilter(const PartialDate& as_of, DateRule dates) {
  RelationFilter filter;
  filter.types = {"funds"};
  filter.as_of = as_of;
  filter.dates = dates;
  return filter;
}

// funds --beneficiary E: every funds relation to E, and to each project,
// initiative or event that benefits E, with totals per funder and currency.
Status RunFundsByBeneficiary(const GlobalOptions& global, const FundsCommandOptions& options,
                             std::ostream& out) {
  if (!options.recipient.empty()) {
    return UsageError("--beneficiary and --recipient: choose one");
  }
  Result<PartialDate> as_of = ParseDateOption(options.as_of, "--as-of");
  if (!as_of) return as_of.error();
  Result<DateRule> dates = ParseDateRuleOption(options.dates);
  if (!dates) return dates.error();
  Result<DateWindow> began = ParseDateWindow(options.began_between, "--began-between");
  if (!began) return began.error();
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  LoadSourceNames(**db);
  Result<Entity> beneficiary = (*db)->Resolve(options.beneficiary);
  if (!beneficiary) return beneficiary.error().WithContext("--beneficiary");
  Result<EntityDetail> detail = (*db)->Show({beneficiary->id});
  if (!detail) return detail.error();
  // The beneficiary itself, then the undertakings that benefit it.
  std::vector<std::string> recipients = {beneficiary->id};
  for (const EntityRelation& r : detail->relations) {
    if (r.relation.type == "benefits" && r.direction == Direction::kIn &&
        std::find(recipients.begin(), recipients.end(), r.relation.from) == recipients.end()) {
      recipients.push_back(r.relation.from);
    }
  }
  std::vector<ReachingFlow> flows;
  std::map<std::string, Entity> entities = detail->others;
  entities[beneficiary->id] = *beneficiary;
  for (size_t i = 0; i < recipients.size(); ++i) {
    FundsRequest request;
    request.funder = options.funder;
    request.recipient = recipients[i];
    request.as_of = *as_of;
    request.dates = *dates;
    request.began_between = *began;
    Result<FundsResult> result = (*db)->Funds(request);
    if (!result) {
      return result.error().message().starts_with("funder: ")
                 ? Status(result.error().code(), "--" + result.error().message())
                 : result.error();
    }
    for (const auto& [id, entity] : result->entities) entities.emplace(id, entity);
    for (const FundingFlow& flow : result->report.flows) {
      flows.push_back({flow.relation, i == 0 ? "" : recipients[i]});
    }
  }
  if (Result<DatingCounts> dating = NoteDating(**db, FundsFilter(*as_of, *dates)); !dating) {
    return dating.error();
  }
  // Totals per funder and currency; a flow without an amount is counted apart.
  struct Total {
    double amount = 0;
    size_t flows = 0;
  };
  std::map<std::pair<std::string, std::string>, Total> totals;
  size_t without_amount = 0;
  for (const ReachingFlow& flow : flows) {
    const Relation& r = flow.relation;
    if (!r.amount) {
      ++without_amount;
      continue;
    }
    Total& total = totals[{r.from, r.amount->currency}];
    total.amount += r.amount->value;
    ++total.flows;
  }
  auto name_of = [&](const std::string& id) -> std::string {
    auto it = entities.find(id);
    return it == entities.end() ? id : it->second.DisplayName();
  };

  if (global.json) {
    Json list = Json::array();
    for (const ReachingFlow& flow : flows) {
      const Relation& r = flow.relation;
      Json item;
      item["id"] = r.id;
      item["funder"] = r.from;
      item["recipient"] = r.to;
      item["via"] = flow.via.empty() ? Json(nullptr) : Json(flow.via);
      item["amount"] = r.amount ? AmountJson(r.amount->value) : Json(nullptr);
      item["currency"] = r.amount ? Json(r.amount->currency) : Json(nullptr);
      item["since"] = r.since.empty() ? Json(nullptr) : Json(r.since.ToString());
      item["until"] = r.until.empty() ? Json(nullptr) : Json(r.until.ToString());
      item["title"] = r.title.empty() ? Json(nullptr) : Json(r.title);
      item["role"] = r.role.empty() ? Json(nullptr) : Json(r.role);
      item["attributes"] = r.attributes;
      item["source"] =
          r.source ? Json{{"doc", r.source->doc}, {"quote", r.source->quote}} : Json(nullptr);
      list.push_back(item);
    }
    Json total_list = Json::array();
    for (const auto& [key, total] : totals) {
      total_list.push_back({{"funder", key.first},
                            {"currency", key.second},
                            {"amount", AmountJson(total.amount)},
                            {"flows", total.flows}});
    }
    PrintJson(Json{{"beneficiary", beneficiary->id},
                   {"flows", list},
                   {"totals", total_list},
                   {"flows_without_amount", without_amount}},
              out);
    return Status::Ok();
  }
  if (flows.empty()) {
    std::cerr << "No funding reaches " << TerminalText(beneficiary->id)
              << " directly or through the projects that benefit it.\n";
    return Status::Ok();
  }
  Table table({"funder", "recipient", "amount", "period", "what", "source"});
  table.SetMaxWidth(1, 60);
  table.SetMaxWidth(4, 50);
  table.SetMaxWidth(5, 50);
  for (const ReachingFlow& flow : flows) {
    const Relation& r = flow.relation;
    table.AddRow({r.from, r.to + "  " + name_of(r.to), AmountText(r), Period(r), What(r),
                  options.long_format ? "" : SourceText(r)});
  }
  table.Print(out);
  if (!totals.empty()) {
    out << '\n';
    Table total_table({"funder", "total", "flows"});
    for (const auto& [key, total] : totals) {
      total_table.AddRow(
          {key.first, FormatAmount({total.amount, key.second}), std::to_string(total.flows)});
    }
    total_table.Print(out);
  }
  std::cerr << "Funding given to " << beneficiary->id << " or to the " << recipients.size() - 1
            << " project(s) that benefit it; a project's whole amount counts for each of its "
               "beneficiaries.\n";
  if (without_amount > 0) {
    std::cerr << without_amount << " flow(s) state no amount and are not in the totals.\n";
  }
  return Status::Ok();
}

// The IATI activity chain of --through: each transfer once, who reported
// it, then per stage and currency the money entering the chain, passed on,
// and kept by each activity (the residual).
void PrintChain(const FundingReport& report, std::ostream& out) {
  out << "Money along the IATI activity chain, each transfer counted once:\n";
  Table chain(
      {"stage", "from activity", "to activity", "provider", "receiver", "amount", "reported by"});
  for (const ChainTransfer& t : report.chain) {
    std::string reported = t.outgoing && t.incoming ? "both"
                           : t.outgoing             ? "provider only"
                                                    : "receiver only";
    if (t.outgoing && t.incoming && t.difference != 0) {
      reported += " (receiver: " + std::string(t.difference > 0 ? "+" : "-") +
                  FormatAmount({t.difference > 0 ? t.difference : -t.difference, t.currency}) + ")";
    }
    chain.AddRow({t.stage, t.from_activity.empty() ? "?" : t.from_activity,
                  t.to_activity.empty() ? "?" : t.to_activity, t.provider, t.receiver,
                  FormatAmount({t.amount, t.currency}), reported});
  }
  chain.Print(out);
  out << '\n';
  Table summary({"stage", "entering the chain", "passed on", "kept (residual)"});
  for (const ChainSummary& s : report.chain_summary) {
    std::string kept;
    for (const auto& [activity, amount] : s.kept) {
      if (amount == 0) continue;
      kept += (kept.empty() ? "" : "; ") + activity + " " +
              (amount < 0 ? "-" + FormatAmount({-amount, s.currency})
                          : FormatAmount({amount, s.currency}));
    }
    summary.AddRow({s.stage, FormatAmount({s.entering, s.currency}),
                    FormatAmount({s.passed_on, s.currency}), kept.empty() ? "none" : kept});
  }
  summary.Print(out);
  out << '\n';
}

}  // namespace

Status RunFunds(const GlobalOptions& global, const FundsCommandOptions& options,
                std::ostream& out) {
  if (!options.beneficiary.empty()) return RunFundsByBeneficiary(global, options, out);
  FundsRequest request;
  request.funder = options.funder;
  request.recipient = options.recipient;
  request.through = options.through;
  Result<PartialDate> as_of = ParseDateOption(options.as_of, "--as-of");
  if (!as_of) return as_of.error();
  request.as_of = *as_of;
  Result<DateRule> dates = ParseDateRuleOption(options.dates);
  if (!dates) return dates.error();
  request.dates = *dates;
  Result<DateWindow> began = ParseDateWindow(options.began_between, "--began-between");
  if (!began) return began.error();
  request.began_between = *began;
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  Result<FundsResult> result = (*db)->Funds(request);
  if (!result) {
    // The command line names its options.
    Status error = result.error();
    for (const char* field : {"funder", "recipient"}) {
      if (error.message().starts_with(std::string(field) + ": ")) {
        return Status(error.code(), "--" + error.message());
      }
    }
    return error;
  }
  const FundingReport* report = &result->report;
  LoadSourceNames(**db);
  Result<DatingCounts> dating = NoteDating(**db, FundsFilter(request.as_of, request.dates));
  if (!dating) return dating.error();

  if (global.json) {
    out << WithDating(FundsJson(*report, options.through), request.as_of, request.dates, *dating);
    return Status::Ok();
  }

  if (report->flows.empty()) {
    out << "No funding relations match.\n";
    return Status::Ok();
  }
  auto name_of = [&](const std::string& id) -> const std::string& {
    auto it = result->entities.find(id);
    return it == result->entities.end() ? id : it->second.DisplayName();
  };
  Table table({"funder", "recipient", "amount", "period", "what", "source"});
  table.SetMaxWidth(1, 60);
  table.SetMaxWidth(4, 50);
  table.SetMaxWidth(5, 50);
  for (const FundingFlow& flow : report->flows) {
    const Relation& r = flow.relation;
    table.AddRow(
        {r.from, r.to + "  " + name_of(r.to), AmountText(r), Period(r), What(r), SourceText(r)});
    for (const Relation& onward : flow.onward) {
      const bool implementer = onward.type == "implements";
      const std::string& who = implementer ? onward.from : onward.to;
      table.AddRow({"", (implementer ? "  implemented by " : "  benefits ") + who, "",
                    Period(onward), What(onward), ""});
    }
  }
  table.Print(out);
  out << '\n';
  Table totals({"funder", "to", "total", "flows"});
  for (const FundingTotal& total : report->totals) {
    totals.AddRow({total.funder, RecipientClassName(total.recipients),
                   FormatAmount({total.amount, total.currency}), std::to_string(total.flows)});
  }
  if (!totals.empty()) {
    totals.Print(out);
    out << '\n';
  }
  if (!report->chain.empty()) PrintChain(*report, out);
  // Notes, not data: on stderr, so that the tables pipe cleanly.
  std::cerr << "Totals: each funder's own flows with an amount, per currency; projects and "
               "organisations apart (a contribution may include project money); do not add "
               "funders.\n";
  if (report->flows_without_amount > 0) {
    std::cerr << report->flows_without_amount
              << " flow(s) state no amount and are not in the totals.\n";
  }
  return Status::Ok();
}

}  // namespace partnergraph::cli
