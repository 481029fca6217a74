#include "partnergraph/record_columns.h"

#include "partnergraph/topology.h"

namespace partnergraph {
namespace {

void PutVarint(std::string& out, size_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

// Reads a varint at `at`; nullopt past the end or beyond 32 bits.
std::optional<size_t> GetVarint(std::string_view text, size_t& at) {
  size_t value = 0;
  for (int shift = 0; shift <= 28; shift += 7) {
    if (at >= text.size()) return std::nullopt;
    const auto byte = static_cast<unsigned char>(text[at++]);
    value |= static_cast<size_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  return std::nullopt;
}

}  // namespace

void AppendLengthPrefixed(std::string& out, std::string_view text) {
  PutVarint(out, text.size());
  out.append(text);
}

std::optional<std::string_view> ReadLengthPrefixed(std::string_view in, size_t& at) {
  std::optional<size_t> size = GetVarint(in, at);
  if (!size || *size > in.size() - at) return std::nullopt;
  const std::string_view text = in.substr(at, *size);
  at += *size;
  return text;
}

namespace {

uint8_t Precisions(const Relation& relation) {
  return static_cast<uint8_t>((relation.since.precision() << kSinceShift) |
                              (relation.until.precision() << kUntilShift));
}

}  // namespace

std::string EncodeAliases(const std::vector<std::string>& aliases) {
  std::string text;
  for (const std::string& alias : aliases) AppendLengthPrefixed(text, alias);
  return text;
}

std::optional<std::vector<std::string>> DecodeAliases(std::string_view text) {
  std::vector<std::string> aliases;
  size_t at = 0;
  while (at < text.size()) {
    std::optional<std::string_view> alias = ReadLengthPrefixed(text, at);
    if (!alias) return std::nullopt;
    aliases.emplace_back(*alias);
  }
  return aliases;
}

EntityFields FieldsOf(const Entity& entity, std::string& aliases_buffer) {
  aliases_buffer = EncodeAliases(entity.aliases);
  EntityFields fields;
  fields.name = entity.name.en;
  fields.name_zh = entity.name.zh;
  fields.aliases = aliases_buffer;
  fields.flags = entity.attributes.empty() ? 0 : kHasAttributes;
  return fields;
}

RelationFields FieldsOf(const Relation& relation) {
  RelationFields fields;
  fields.flags = Precisions(relation);
  if (relation.amount) {
    fields.flags |= kHasAmount;
    fields.amount = relation.amount->value;
    fields.currency = relation.amount->currency;
  }
  if (relation.source) {
    fields.flags |= kHasSource;
    fields.source_doc = relation.source->doc;
    fields.quote = relation.source->quote;
  }
  if (!relation.attributes.empty()) fields.flags |= kHasAttributes;
  fields.title = relation.title;
  fields.role = relation.role;
  return fields;
}

size_t RecordColumns::MemoryBytes() const {
  return names.MemoryBytes() + names_zh.MemoryBytes() + aliases.MemoryBytes() +
         entity_flags.MemoryBytes() + relation_flags.MemoryBytes() + amounts.MemoryBytes() +
         currencies.MemoryBytes() + source_docs.MemoryBytes() + currency_names.MemoryBytes() +
         source_doc_names.MemoryBytes() + titles.MemoryBytes() + roles.MemoryBytes() +
         quotes.MemoryBytes();
}

std::optional<std::string> RecordColumns::Problem(size_t vertices, size_t edges) const {
  if (!entity_flags.empty()) {
    if (names.size() != vertices || names_zh.size() != vertices || aliases.size() != vertices ||
        entity_flags.size() != vertices) {
      return "entity columns do not match the entities";
    }
  } else if (!names.empty() || !names_zh.empty() || !aliases.empty()) {
    return "entity columns without their flags";
  }
  if (relation_flags.empty()) {
    if (!amounts.empty() || !currencies.empty() || !source_docs.empty() || !titles.empty() ||
        !roles.empty() || !quotes.empty()) {
      return "relation columns without their flags";
    }
    return std::nullopt;
  }
  if (relation_flags.size() != edges || amounts.size() != edges || currencies.size() != edges ||
      source_docs.size() != edges || titles.size() != edges || roles.size() != edges ||
      quotes.size() != edges) {
    return "relation columns do not match the relations";
  }
  for (size_t e = 0; e < edges; ++e) {
    if ((relation_flags[e] & kHasAmount) != 0 && currencies[e] >= currency_names.size()) {
      return "a relation's currency is out of range";
    }
    if ((relation_flags[e] & kHasSource) != 0 && source_docs[e] >= source_doc_names.size()) {
      return "a relation's source document is out of range";
    }
  }
  return std::nullopt;
}

void RecordColumnsBuilder::AddEntity(const EntityFields& fields) {
  columns_.names.push_back(fields.name);
  columns_.names_zh.push_back(fields.name_zh);
  columns_.aliases.push_back(fields.aliases);
  columns_.entity_flags.push_back(fields.flags);
}

void RecordColumnsBuilder::AddRelation(const RelationFields& fields) {
  columns_.relation_flags.push_back(fields.flags);
  columns_.amounts.push_back((fields.flags & kHasAmount) != 0 ? fields.amount : 0);
  columns_.currencies.push_back(
      (fields.flags & kHasAmount) != 0
          ? Intern(columns_.currency_names, currency_index_, fields.currency)
          : 0);
  columns_.source_docs.push_back(
      (fields.flags & kHasSource) != 0
          ? Intern(columns_.source_doc_names, doc_index_, fields.source_doc)
          : 0);
  columns_.titles.push_back(fields.title);
  columns_.roles.push_back(fields.role);
  columns_.quotes.push_back((fields.flags & kHasSource) != 0 ? fields.quote : std::string_view());
}

uint32_t RecordColumnsBuilder::Intern(StringTable& table,
                                      std::unordered_map<std::string, uint32_t>& index,
                                      std::string_view text) {
  auto [it, added] = index.try_emplace(std::string(text), static_cast<uint32_t>(table.size()));
  if (added) table.push_back(text);
  return it->second;
}

RecordColumns RecordColumnsBuilder::Finish() {
  RecordColumns done = std::move(columns_);
  columns_ = RecordColumns();
  currency_index_.clear();
  doc_index_.clear();
  return done;
}

PartialDate SinceOf(const Topology& topology, EdgeIndex e) {
  const int precision = (topology.records.relation_flags[e] >> kSinceShift) & 3;
  return PartialDate::FromDayNumber(topology.edges.since_first_day[e], precision);
}

PartialDate UntilOf(const Topology& topology, EdgeIndex e) {
  const int precision = (topology.records.relation_flags[e] >> kUntilShift) & 3;
  return PartialDate::FromDayNumber(topology.edges.until_last_day[e], precision);
}

std::optional<Entity> EntityFromColumns(const Topology& topology, VertexIndex v) {
  const RecordColumns& columns = topology.records;
  if (!columns.HasEntities(topology.vertex_ids.size())) return std::nullopt;
  if ((columns.entity_flags[v] & kHasAttributes) != 0) return std::nullopt;
  std::optional<std::vector<std::string>> aliases = DecodeAliases(columns.aliases.view(v));
  if (!aliases) return std::nullopt;
  Entity entity;
  entity.id = topology.vertex_ids.view(v);
  entity.kind = topology.kind_names[topology.vertex_kinds[v]];
  entity.name.en = columns.names.view(v);
  entity.name.zh = columns.names_zh.view(v);
  entity.aliases = std::move(*aliases);
  return entity;
}

std::optional<Relation> RelationFromColumns(const Topology& topology, EdgeIndex e) {
  const RecordColumns& columns = topology.records;
  if (!columns.HasRelations(topology.edges.size())) return std::nullopt;
  const uint8_t flags = columns.relation_flags[e];
  if ((flags & kHasAttributes) != 0) return std::nullopt;
  Relation relation;
  relation.id = topology.edge_relation_ids.view(e);
  relation.type = topology.type_names[topology.edges.type[e]];
  relation.from = topology.vertex_ids.view(topology.edges.from[e]);
  relation.to = topology.vertex_ids.view(topology.edges.to[e]);
  relation.title = columns.titles.view(e);
  relation.since = SinceOf(topology, e);
  relation.until = UntilOf(topology, e);
  if ((flags & kHasAmount) != 0) {
    relation.amount = Amount{columns.amounts[e], std::string(columns.currency(e))};
  }
  relation.role = columns.roles.view(e);
  if ((flags & kHasSource) != 0) {
    relation.source =
        Citation{std::string(columns.source_doc(e)), std::string(columns.quotes.view(e))};
  }
  return relation;
}

}  // namespace partnergraph
