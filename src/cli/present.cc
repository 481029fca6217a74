#include "cli/present.h"

#include "partnergraph/amount.h"

namespace partnergraph::cli {

std::string Period(const Relation& relation) {
  std::string since = relation.since.ToString();
  const std::string until = relation.until.ToString();
  if (since.empty() && until.empty()) return "";
  if (until.empty()) return "since " + since;
  if (since.empty()) return "until " + until;
  if (since == until) return since;
  return since + "–" + until;
}

std::string AmountText(const Relation& relation) {
  return relation.amount ? FormatAmount(*relation.amount) : "";
}

std::string SourceText(const Relation& relation) {
  if (!relation.source) return "";
  return relation.source->doc + ": “" + relation.source->quote + "”";
}

std::string BothNames(const Entity& entity) {
  if (entity.name.en.empty()) return entity.name.zh;
  if (entity.name.zh.empty()) return entity.name.en;
  return entity.name.en + " / " + entity.name.zh;
}

}  // namespace partnergraph::cli
