// Records as columns: every field of every entity and relation but their
// attributes, kept beside the topology, so that queries and printers assemble
// an Entity or a Relation without reading and parsing its JSON record.
//
// The store keeps these fields in its index entries (no JSON parsed to load
// them), the graph snapshot maps them with the topology, and they are tied to
// the store's state as the topology is. A record that has attributes is still
// read from the store when it is assembled whole; its other fields are read
// from the columns by whoever needs only them (a query's properties, a total).
#ifndef PARTNERGRAPH_RECORD_COLUMNS_H_
#define PARTNERGRAPH_RECORD_COLUMNS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "partnergraph/column.h"
#include "partnergraph/date.h"
#include "partnergraph/entity.h"
#include "partnergraph/relation.h"

namespace partnergraph {

struct Topology;

// Bits of RecordColumns::relation_flags. Bits 0-1 and 2-3 give the precision
// of since and until: 0 none, 1 year, 2 month, 3 day.
inline constexpr uint8_t kSinceShift = 0;
inline constexpr uint8_t kUntilShift = 2;
inline constexpr uint8_t kHasAmount = 1U << 4;
inline constexpr uint8_t kHasSource = 1U << 5;
inline constexpr uint8_t kHasAttributes = 1U << 6;  // entity_flags too

// The fields of one entity as the store's index keeps them (views).
struct EntityFields {
  std::string_view name;
  std::string_view name_zh;
  std::string_view aliases;  // EncodeAliases's text
  uint8_t flags = 0;
};

// The fields of one relation as the store's index keeps them (views).
struct RelationFields {
  uint8_t flags = 0;  // precisions, kHasAmount, kHasSource, kHasAttributes
  double amount = 0;
  std::string_view currency;  // "" without an amount
  std::string_view source_doc;
  std::string_view quote;
  std::string_view title;
  std::string_view role;
};

EntityFields FieldsOf(const Entity& entity, std::string& aliases_buffer);
RelationFields FieldsOf(const Relation& relation);

// A text preceded by its length (LEB128 varint): how the store's index
// entries and the alias lists hold texts that may contain any byte.
void AppendLengthPrefixed(std::string& out, std::string_view text);
// The text at `at`, which moves past it; nullopt when malformed or cut.
std::optional<std::string_view> ReadLengthPrefixed(std::string_view in, size_t& at);

// Aliases as one text: each alias preceded by its length (LEB128 varint),
// so that any byte may appear in an alias.
std::string EncodeAliases(const std::vector<std::string>& aliases);
// nullopt when `text` is not such a text.
std::optional<std::vector<std::string>> DecodeAliases(std::string_view text);

struct RecordColumns {
  // Per vertex, parallel to Topology::vertex_ids; all empty when not loaded.
  StringTable names;     // Name::en
  StringTable names_zh;  // Name::zh
  StringTable aliases;   // EncodeAliases's text per entity
  Column<uint8_t> entity_flags;

  // Per edge, parallel to Topology::edges; all empty when not loaded.
  Column<uint8_t> relation_flags;
  Column<double> amounts;        // 0 without an amount
  Column<uint32_t> currencies;   // index into currency_names; 0 without an amount
  Column<uint32_t> source_docs;  // index into source_doc_names; 0 without a source
  StringTable currency_names;    // distinct currencies, first seen first
  StringTable source_doc_names;  // distinct source documents, first seen first
  StringTable titles;
  StringTable roles;
  StringTable quotes;  // "" without a source

  bool HasEntities(size_t vertices) const {
    return vertices > 0 && entity_flags.size() == vertices;
  }
  bool HasRelations(size_t edges) const { return edges > 0 && relation_flags.size() == edges; }
  // Bytes the columns occupy, owned or viewed.
  size_t MemoryBytes() const;
  // nullopt when the dictionaries and columns disagree (a damaged snapshot).
  std::optional<std::string> Problem(size_t vertices, size_t edges) const;

  // Accessors of one relation's fields; e must be an edge of the columns.
  bool has_amount(EdgeIndex e) const { return (relation_flags[e] & kHasAmount) != 0; }
  bool has_source(EdgeIndex e) const { return (relation_flags[e] & kHasSource) != 0; }
  std::string_view currency(EdgeIndex e) const {
    return has_amount(e) ? currency_names.view(currencies[e]) : std::string_view();
  }
  std::string_view source_doc(EdgeIndex e) const {
    return has_source(e) ? source_doc_names.view(source_docs[e]) : std::string_view();
  }
};

// Fills RecordColumns one record at a time, in vertex and edge order.
class RecordColumnsBuilder {
 public:
  void AddEntity(const EntityFields& fields);
  void AddRelation(const RelationFields& fields);
  RecordColumns Finish();

 private:
  static uint32_t Intern(StringTable& table, std::unordered_map<std::string, uint32_t>& index,
                         std::string_view text);
  RecordColumns columns_;
  std::unordered_map<std::string, uint32_t> currency_index_;
  std::unordered_map<std::string, uint32_t> doc_index_;
};

// The since and until of edge e at their original precision ("2019",
// "2019-06"), from the topology's day numbers and the columns' precisions.
PartialDate SinceOf(const Topology& topology, EdgeIndex e);
PartialDate UntilOf(const Topology& topology, EdgeIndex e);

// The whole record from the columns: nullopt when the columns are not loaded
// or the record has attributes (then read it from the store).
std::optional<Entity> EntityFromColumns(const Topology& topology, VertexIndex v);
std::optional<Relation> RelationFromColumns(const Topology& topology, EdgeIndex e);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_RECORD_COLUMNS_H_
