// How records and index entries are laid out in RocksDB keys and values.
//
// Column families (DO NOT CHANGE without bumping Store::kFormatVersion):
//   default    meta: "format_version", "schema", "count.*", "generation"
//   entities   id -> entity JSON            (properties, read for display)
//   relations  id -> relation JSON
//   sources    doc -> source JSON
//   vertices   id -> kind                   (topology without JSON)
//   out        from \0 type \0 to \0 rel -> AdjacencyValue
//   in         to \0 type \0 from \0 rel -> AdjacencyValue
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
// LastDay): 8 bytes, little-endian int32 since then int32 until.
std::string EncodeAdjacencyValue(int32_t since_first_day, int32_t until_last_day);
bool DecodeAdjacencyValue(std::string_view value, int32_t* since_first_day,
                          int32_t* until_last_day);

std::string EncodeTypeKey(std::string_view type, std::string_view relation_id);
std::string TypePrefix(std::string_view type);
// The relation id of a by_type key; "" if malformed.
std::string_view RelationIdOfTypeKey(std::string_view key);

std::string EncodeNameKey(std::string_view normalised, std::string_view entity_id);
// Splits a names key; false if malformed.
bool DecodeNameKey(std::string_view key, std::string_view* normalised, std::string_view* entity_id);

}  // namespace partnergraph::store

#endif  // PARTNERGRAPH_STORE_KEY_CODEC_H_
