// The --json output of the commands: documents composed around records in
// the one JSON encoding the library gives them (partnergraph/record_text.h).
#ifndef PARTNERGRAPH_CLI_JSON_OUTPUT_H_
#define PARTNERGRAPH_CLI_JSON_OUTPUT_H_

#include <ostream>

#include <nlohmann/json.hpp>

#include "partnergraph/entity.h"
#include "partnergraph/relation.h"

namespace partnergraph::cli {

using Json = nlohmann::ordered_json;

// The record as export writes it.
Json EntityJson(const Entity& entity);
Json RelationJson(const Relation& relation);
// The short form path and neighbours list: id, type, from, to, title, since,
// until, source.
Json EdgeJson(const Relation& relation);
// An amount as a JSON number: integral values print without ".0".
Json AmountNumber(double value);
// null for an empty text.
Json TextOrNull(const std::string& text);

// The document, indented by 2, and a newline.
void PrintJson(const Json& document, std::ostream& out);

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_JSON_OUTPUT_H_
