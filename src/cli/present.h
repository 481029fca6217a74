// How entities and relations read in human output, shared by the commands.
#ifndef PARTNERGRAPH_CLI_PRESENT_H_
#define PARTNERGRAPH_CLI_PRESENT_H_

#include <string>
#include <string_view>

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

// What a relation is about: its title, else its role, else "".
std::string What(const Relation& relation);

// Source text as a reader sees it: the Markdown escapes the source documents
// carry dropped ("US\$ 1 million" shows as "US$ 1 million"). Display only: the
// data keeps the quote verbatim.
std::string DisplayText(std::string_view text);

// The lines --long prints under a relation, each starting with `indent`:
// its title and role when not already shown, every attribute, and the source
// with its whole quote, wrapped to `width` columns.
std::string LongLines(const Relation& relation, const std::string& indent, size_t width = 100);

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_PRESENT_H_
