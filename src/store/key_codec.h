// How records and index entries are laid out in RocksDB keys and values.
//
// Column families (DO NOT CHANGE without bumping Store::kFormatVersion):
//   default    meta: "format_version", "schema", "count.*", "generation"
//   entities   id -> entity JSON            (properties, read for display)
//   relations  id -> relation JSON
//   sources    doc -> source JSON
//   vertices   id -> VertexValue            (topology and entity columns without JSON)
//   out        from \0 type \0 to \0 rel -> RelationValue (period and relation columns)
//   in         to \0 type \0 from \0 rel -> AdjacencyValue (period)
//   by_type    type \0 rel -> ""
//   unsourced  rel -> ""                    (relations lacking a source)
//   names      normalised \0 entity -> NameField byte
// Ids and types are slugs and normalised names are NUL-free UTF-8, so \0 is a
// safe separator that also keeps a prefix scan of "x\0" from matching "xy".
#ifndef PARTNERGRAPH_STORE_KEY_CODEC_H_
#define PARTNERGRAPH_STORE_KEY_CODEC_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "partnergraph/entity.h"
#include "partnergraph/record_columns.h"
#include "partnergraph/relation.h"

namespace partnergraph::store {

inline constexpr char kSeparator = '\0';

// The parts of an adjacency key, seen from the entity that owns the scan.
struct AdjacencyKey {
  std::string_view near;  // the entity whose adjacency this is
  std::string_view type;
  std::string_view far;  // the other end
  std::string_view relation_id;
};

std::string EncodeAdjacencyKey(std::string_view near, std::string_view type, std::string_view far,
                               std::string_view relation_id);
// The prefix shared by every adjacency key of `entity_id`.
std::string AdjacencyPrefix(std::string_view entity_id);
// nullopt if `key` does not have four separated parts.
std::optional<AdjacencyKey> DecodeAdjacencyKey(std::string_view key);

// The period of a relation as yyyymmdd day numbers (PartialDate::FirstDay /
// LastDay): 8 bytes, little-endian int32 since then int32 until. Decoding
// reads the first 8 bytes of an AdjacencyValue or a RelationValue.
std::string EncodeAdjacencyValue(int32_t since_first_day, int32_t until_last_day);
bool DecodeAdjacencyValue(std::string_view value, int32_t* since_first_day,
                          int32_t* until_last_day);

// An out entry's value (format 2): the period, then the relation's columns
// (record_columns.h): flags byte, the amount as 8 little-endian bytes of an
// IEEE double and its currency when kHasAmount, source document and quote
// when kHasSource, then title and role; texts are length-prefixed.
std::string EncodeRelationValue(const Relation& relation);
// The columns of a RelationValue (views into `value`); nullopt for a format
// 1 value (the period alone: read the record) or a malformed one (`*malformed`).
std::optional<RelationFields> DecodeRelationValue(std::string_view value, bool* malformed);

// A vertices entry's value (format 2): the kind, NUL, the flags byte, then
// name, Chinese name and aliases (EncodeAliases), length-prefixed. Format 1
// held the kind alone.
std::string EncodeVertexValue(const Entity& entity);
// The kind of either format.
std::string_view KindOfVertexValue(std::string_view value);
// The columns of a format 2 value; nullopt for format 1 (read the record) or
// a malformed one (`*malformed`).
std::optional<EntityFields> DecodeVertexValue(std::string_view value, bool* malformed);

std::string EncodeTypeKey(std::string_view type, std::string_view relation_id);
std::string TypePrefix(std::string_view type);
// The relation id of a by_type key; "" if malformed.
std::string_view RelationIdOfTypeKey(std::string_view key);

std::string EncodeNameKey(std::string_view normalised, std::string_view entity_id);
// Splits a names key; false if malformed.
bool DecodeNameKey(std::string_view key, std::string_view* normalised, std::string_view* entity_id);

}  // namespace partnergraph::store

#endif  // PARTNERGRAPH_STORE_KEY_CODEC_H_
