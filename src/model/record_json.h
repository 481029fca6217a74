// The JSON form of entities, relations and sources: the one encoding shared by
// the store's property records and by import and export, so that a record
// read, stored and written back is byte-for-byte what export printed.
#ifndef PARTNERGRAPH_MODEL_RECORD_JSON_H_
#define PARTNERGRAPH_MODEL_RECORD_JSON_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "partnergraph/entity.h"
#include "partnergraph/record_text.h"
#include "partnergraph/relation.h"

namespace partnergraph {

// Field order is the reading order of PRODUCT.md, so exports read naturally.
using OrderedJson = nlohmann::ordered_json;

OrderedJson EntityToJson(const Entity& entity);
OrderedJson RelationToJson(const Relation& relation);
OrderedJson SourceToJson(const SourceDocument& source);

// The compact JSON text of a record, exactly EntityToJson(e).dump() and
// RelationToJson(r).dump(), written straight into a string: the store keeps
// millions of them, and building the JSON tree first costs more than the
// text. Text that is not valid UTF-8 (which validation never lets through)
// is left to dump(), which throws as it always did.
// Declared in partnergraph/record_text.h: EntityJsonText, RelationJsonText,
// SourceJsonText.

// An amount value as a JSON number: integral values print without ".0".
OrderedJson AmountValueToJson(double value);

// One problem in a record: the field it concerns ("" for the whole record)
// and what is wrong.
struct FieldError {
  std::string field;
  std::string message;
};

// Decode a record. Every problem found is appended to `errors` (not just the
// first); on any error the returned record is incomplete. Unknown fields are
// errors, with a "did you mean" when one is close, so typos do not vanish.
// `skip_fields` are ignored (e.g. "record" in JSON Lines).
Entity EntityFromJson(const nlohmann::json& json, std::vector<FieldError>& errors,
                      const std::vector<std::string>& skip_fields = {});
Relation RelationFromJson(const nlohmann::json& json, std::vector<FieldError>& errors,
                          const std::vector<std::string>& skip_fields = {});
SourceDocument SourceFromJson(const nlohmann::json& json, std::vector<FieldError>& errors,
                              const std::vector<std::string>& skip_fields = {});

}  // namespace partnergraph

#endif  // PARTNERGRAPH_MODEL_RECORD_JSON_H_
