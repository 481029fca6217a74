// The JSON documents of pgraph's --json output, which `pgraph serve`'s API
// returns too: one encoder per question, so that the command line and the
// browser get the same bytes for the same answer. Records inside them are in
// the one encoding the library gives them (record_text.h).
//
// Each function returns the document laid out with an indent of 2 and ending
// in a newline. Thread-safe: pure functions of their arguments.
#ifndef PARTNERGRAPH_JSON_DOCUMENTS_H_
#define PARTNERGRAPH_JSON_DOCUMENTS_H_

#include <ostream>
#include <string>
#include <vector>

#include "partnergraph/database.h"

namespace partnergraph {

// find --json: [entity without attributes, with "aliases" always present,
// "hit": "entity", its "score" (0 to 1) and "match" (MatchQualityName)], then
// the relations whose title matched: {"hit": "relation", id, type, title,
// role, since, until, "from" and "to" as {id, kind, name: {en, zh}}, score}.
std::string FindJson(const std::vector<FoundEntity>& found,
                     const std::vector<FoundRelation>& relations = {});

// show --json: {"entity": record, "relations": [record, ...]}.
std::string ShowJson(const EntityDetail& detail);

// path --json: {"paths": [{"nodes": [{id, kind, name: {en, zh}}, ...],
// "edges": [edge, ...]}]}.
// Written a path at a time, each entity and relation laid out once: 100000
// paths of 40 hops make 1.5 GB of text.
void WritePathJson(const PathResult& result, std::ostream& out);
std::string PathJson(const PathResult& result);

// neighbours --json: {"nodes": [record + "depth"], "edges": [edge, ...]}.
std::string NeighboursJson(const NeighbourhoodResult& hood);

// A JSON document (an object, as the functions here print them) with
// "dates" added last: {"as_of", "rule", "dated", "reported", "undated",
// "excluded"}, how the relations counted as of `as_of`; the document as it
// is when `as_of` is empty.
std::string WithDating(const std::string& document, const PartialDate& as_of, DateRule rule,
                       const DatingCounts& counts);

// funds --json: {"flows": [...], "totals": [...], "flows_without_amount": N};
// with `through`, each flow lists its implementers and beneficiaries, and
// "chain" (the IATI transfers, each once, with the transactions matched to
// it) and "chain_summary" (per stage and currency: entering, passed on, kept)
// follow; the README describes their fields.
std::string FundsJson(const FundingReport& report, bool through);

// query --json: {"columns": [...], "rows": [{column: value}, ...]}. Entities
// are their records after "~": "node", relations after "~": "relationship",
// paths {"~": "path", "nodes", "relationships"}.
std::string CypherJson(const CypherResult& result);
// One row as one line of JSON (query --format jsonl), without the newline.
std::string CypherRowJson(const CypherResult& result, size_t row);

// A drawn view, for the browser: {"title", "layout", "entities": N,
// "relations": N, "nodes": [record, ...], "edges": [edge, ...],
// "highlighted": [id, ...], "dot": text, "svg": text}, nodes by id and edges
// by relation id as the DOT writer orders them; "svg" only when not empty.
std::string ViewJson(const GraphView& view, const Picture& picture, const std::string& svg);

// The records of a view on one line, for embedding in an HTML page:
// {"title", "entities": [record, ...], "relations": [record, ...]}, sorted by
// id, with '<', '>' and '&' written as \u escapes so that no text can close
// the <script> element that holds it.
std::string ViewRecordsJson(const GraphView& view);

// The vocabulary: {"kinds": {kind: description}, "types": {type:
// {"description", "symmetric"}}}.
std::string SchemaJson(const Schema& schema);

// A failure: {"error": message, "code": "not_found" | "ambiguous" |
// "invalid_argument" | ...}.
std::string ErrorJson(const Status& status);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_JSON_DOCUMENTS_H_
