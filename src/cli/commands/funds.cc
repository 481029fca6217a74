// funds: who funds what, with totals that say what they count.
#include <map>

#include "partnergraph/amount.h"
#include "partnergraph/database.h"

#include "cli/commands/commands.h"
#include "cli/json_output.h"
#include "cli/locations.h"
#include "cli/present.h"
#include "cli/requests.h"
#include "cli/table.h"

namespace partnergraph::cli {

Status RunFunds(const GlobalOptions& global, const FundsCommandOptions& options,
                std::ostream& out) {
  FundsRequest request;
  request.funder = options.funder;
  request.recipient = options.recipient;
  request.through = options.through;
  Result<PartialDate> as_of = ParseDateOption(options.as_of, "--as-of");
  if (!as_of) return as_of.error();
  request.as_of = *as_of;
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

  if (global.json) {
    Json flows = Json::array();
    for (const FundingFlow& flow : report->flows) {
      const Relation& r = flow.relation;
      Json item;
      item["id"] = r.id;
      item["funder"] = r.from;
      item["recipient"] = r.to;
      item["amount"] = r.amount ? AmountNumber(r.amount->value) : Json(nullptr);
      item["currency"] = r.amount ? Json(r.amount->currency) : Json(nullptr);
      item["since"] = r.since.empty() ? Json(nullptr) : Json(r.since.ToString());
      item["until"] = r.until.empty() ? Json(nullptr) : Json(r.until.ToString());
      item["source"] =
          r.source ? Json{{"doc", r.source->doc}, {"quote", r.source->quote}} : Json(nullptr);
      if (options.through) {
        Json implementers = Json::array();
        Json beneficiaries = Json::array();
        for (const Relation& onward : flow.onward) {
          if (onward.type == "implements") {
            implementers.push_back(onward.from);
          } else {
            beneficiaries.push_back(onward.to);
          }
        }
        item["implementers"] = implementers;
        item["beneficiaries"] = beneficiaries;
      }
      flows.push_back(item);
    }
    Json totals = Json::array();
    for (const FundingTotal& total : report->totals) {
      totals.push_back({{"funder", total.funder},
                        {"recipients", RecipientClassName(total.recipients)},
                        {"currency", total.currency},
                        {"amount", AmountNumber(total.amount)},
                        {"flows", total.flows}});
    }
    PrintJson(Json{{"flows", flows},
                   {"totals", totals},
                   {"flows_without_amount", report->flows_without_amount}},
              out);
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
  Table table({"funder", "recipient", "amount", "period", "source"});
  table.SetMaxWidth(1, 60);
  table.SetMaxWidth(4, 50);
  for (const FundingFlow& flow : report->flows) {
    const Relation& r = flow.relation;
    table.AddRow({r.from, r.to + "  " + name_of(r.to), AmountText(r), Period(r), SourceText(r)});
    for (const Relation& onward : flow.onward) {
      const bool implementer = onward.type == "implements";
      const std::string& who = implementer ? onward.from : onward.to;
      table.AddRow(
          {"", (implementer ? "  implemented by " : "  benefits ") + who, "", Period(onward), ""});
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
  out << "Totals add each funder's own funding relations that state an amount, per currency\n"
         "(never mixed), apart for projects and for organisations: a contribution to an\n"
         "organisation may include the money it spends on projects, so the two are not added.\n"
         "Money a recipient passes on counts again under it as funder: do not add funders.\n";
  if (report->flows_without_amount > 0) {
    out << report->flows_without_amount
        << " listed flow(s) state no amount and are not in the totals.\n";
  }
  return Status::Ok();
}

}  // namespace partnergraph::cli
