// funds: who funds what, with totals that say what they count.
#include <map>

#include "partnergraph/query.h"

#include "cli/commands/commands.h"
#include "cli/database.h"
#include "cli/present.h"
#include "cli/table.h"
#include "model/record_json.h"

namespace partnergraph::cli {

Status RunFunds(const GlobalOptions& global, const FundsCommandOptions& options,
                std::ostream& out) {
  Result<std::unique_ptr<Store>> opened = OpenForQuery(global);
  if (!opened) return opened.error();
  const Store& store = **opened;
  FundsOptions query;
  query.through = options.through;
  if (!options.funder.empty()) {
    Result<std::string> id = ResolveEntity(store, options.funder);
    if (!id) return id.error().WithContext("--funder");
    query.funder = *id;
  }
  if (!options.recipient.empty()) {
    Result<std::string> id = ResolveEntity(store, options.recipient);
    if (!id) return id.error().WithContext("--recipient");
    query.recipient = *id;
  }
  if (!options.as_of.empty()) {
    Result<PartialDate> date = PartialDate::Parse(options.as_of);
    if (!date) return date.error().WithContext("--as-of");
    query.as_of = *date;
  }
  Result<FundingReport> report = Funds(store, query);
  if (!report) return report.error();

  if (global.json) {
    OrderedJson flows = OrderedJson::array();
    for (const FundingFlow& flow : report->flows) {
      const Relation& r = flow.relation;
      OrderedJson item;
      item["id"] = r.id;
      item["funder"] = r.from;
      item["recipient"] = r.to;
      item["amount"] = r.amount ? AmountValueToJson(r.amount->value) : OrderedJson(nullptr);
      item["currency"] = r.amount ? OrderedJson(r.amount->currency) : OrderedJson(nullptr);
      item["since"] = r.since.empty() ? OrderedJson(nullptr) : OrderedJson(r.since.ToString());
      item["until"] = r.until.empty() ? OrderedJson(nullptr) : OrderedJson(r.until.ToString());
      item["source"] = r.source ? OrderedJson{{"doc", r.source->doc}, {"quote", r.source->quote}}
                                : OrderedJson(nullptr);
      if (options.through) {
        OrderedJson implementers = OrderedJson::array();
        OrderedJson beneficiaries = OrderedJson::array();
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
    OrderedJson totals = OrderedJson::array();
    for (const FundingTotal& total : report->totals) {
      totals.push_back({{"funder", total.funder},
                        {"recipients", RecipientClassName(total.recipients)},
                        {"currency", total.currency},
                        {"amount", AmountValueToJson(total.amount)},
                        {"flows", total.flows}});
    }
    out << OrderedJson{{"flows", flows},
                       {"totals", totals},
                       {"flows_without_amount", report->flows_without_amount}}
               .dump(2)
        << '\n';
    return Status::Ok();
  }

  if (report->flows.empty()) {
    out << "No funding relations match.\n";
    return Status::Ok();
  }
  std::map<std::string, std::string> names;
  auto name_of = [&](const std::string& id) -> const std::string& {
    auto it = names.find(id);
    if (it == names.end()) {
      Result<Entity> entity = store.GetEntity(id);
      it = names.emplace(id, entity ? entity->DisplayName() : id).first;
    }
    return it->second;
  };
  Table table({"funder", "recipient", "amount", "period", "source"});
  table.SetMaxWidth(1, 60);
  table.SetMaxWidth(4, 50);
  for (const FundingFlow& flow : report->flows) {
    const Relation& r = flow.relation;
    table.AddRow({r.from, r.to + "  " + name_of(r.to), FormatAmount(r), Period(r), SourceText(r)});
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
