// How entities and relations read in human output, shared by the commands.
#ifndef PARTNERGRAPH_CLI_PRESENT_H_
#define PARTNERGRAPH_CLI_PRESENT_H_

#include <string>

#include "partnergraph/entity.h"
#include "partnergraph/relation.h"

namespace partnergraph::cli {

// "2018–2020", "2019-06", "since 2019", "until 2020", "" when undated.
std::string Period(const Relation& relation);
// "USD 745,000" (partnergraph/amount.h) or "" without an amount.
std::string AmountText(const Relation& relation);
// "doc: “quote”" or "" without a source.
std::string SourceText(const Relation& relation);
// "International Labour Organization / 国际劳工组织"
std::string BothNames(const Entity& entity);

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_PRESENT_H_
