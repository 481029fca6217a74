// The JSON text of a record: the one encoding of entities, relations and
// sources that the store keeps, export writes and `--json` output embeds, so
// a caller that composes JSON of its own gets records exactly as export
// prints them, without depending on a JSON library's types.
#ifndef PARTNERGRAPH_RECORD_TEXT_H_
#define PARTNERGRAPH_RECORD_TEXT_H_

#include <string>

#include "partnergraph/entity.h"
#include "partnergraph/relation.h"

namespace partnergraph {

// Compact JSON objects with fields in PRODUCT.md's reading order ("id",
// "kind", "name", "aliases", "attributes" for an entity; "id", "type",
// "from", "to", "title", "since", "until", "amount", "role", "attributes",
// "source" for a relation; absent fields left out). Records must hold valid
// UTF-8, as every validated or stored record does. Thread-safe.
std::string EntityJsonText(const Entity& entity);
std::string RelationJsonText(const Relation& relation);
std::string SourceJsonText(const SourceDocument& source);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_RECORD_TEXT_H_
