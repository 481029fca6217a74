// How entities and relations read in human output, shared by the commands.
#ifndef PARTNERGRAPH_CLI_PRESENT_H_
#define PARTNERGRAPH_CLI_PRESENT_H_

#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/date.h"
#include "partnergraph/entity.h"
#include "partnergraph/graph.h"
#include "partnergraph/relation.h"

namespace partnergraph::cli {

// "2018–2020", "2019-06", "since 2019", "until 2020", "" when undated.
std::string Period(const Relation& relation);
// "USD 745,000" (partnergraph/amount.h) or "" without an amount.
std::string AmountText(const Relation& relation);
// How tables cite a source document: its short title, else its symbol, else
// its file name. UseSourceNames gives them the sources' records, once.
void UseSourceNames(const std::vector<SourceDocument>& sources);
std::string CitedAs(std::string_view doc);

// "GB.340/PFA/5: “quote”" (CitedAs) or "" without a source.
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
// with its whole quote, wrapped to `width` columns (0: the terminal's
// width, else 100).
std::string LongLines(const Relation& relation, const std::string& indent, size_t width = 0);

// The note a command applying --as-of prints on stderr, one line, counting
// the relations of the types asked for in the whole database: "as of 2015
// (--dates evidence), of 758 relations: 63 dated and in force, 0
// reported-only (counted from their source's period), 28 undated (their
// source states no period; counted always), 667 excluded."
std::string DatingNote(const PartialDate& as_of, DateRule rule, const DatingCounts& counts);

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_PRESENT_H_
