// funds: who funds what, with totals that say what they count.
#include <map>

#include "partnergraph/amount.h"
#include "partnergraph/database.h"
#include "partnergraph/json_documents.h"

#include "cli/commands/commands.h"
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
    out << FundsJson(*report, options.through);
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
