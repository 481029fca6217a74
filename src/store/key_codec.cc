#include "store/key_codec.h"

#include <array>
#include <cstring>

namespace partnergraph::store {
namespace {

void PutInt32(std::string& out, int32_t value) {
  const auto bits = static_cast<uint32_t>(value);
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>(bits >> shift));
}

int32_t GetInt32(std::string_view in) {
  uint32_t bits = 0;
  for (int i = 3; i >= 0; --i) bits = (bits << 8) | static_cast<unsigned char>(in[i]);
  return static_cast<int32_t>(bits);
}

}  // namespace

std::string EncodeAdjacencyKey(std::string_view near, std::string_view type, std::string_view far,
                               std::string_view relation_id) {
  std::string key;
  key.reserve(near.size() + type.size() + far.size() + relation_id.size() + 3);
  key.append(near).push_back(kSeparator);
  key.append(type).push_back(kSeparator);
  key.append(far).push_back(kSeparator);
  key.append(relation_id);
  return key;
}

std::string AdjacencyPrefix(std::string_view entity_id) {
  std::string prefix(entity_id);
  prefix.push_back(kSeparator);
  return prefix;
}

std::optional<AdjacencyKey> DecodeAdjacencyKey(std::string_view key) {
  std::array<std::string_view, 4> parts;
  size_t start = 0;
  for (size_t i = 0; i < 3; ++i) {
    const size_t end = key.find(kSeparator, start);
    if (end == std::string_view::npos) return std::nullopt;
    parts[i] = key.substr(start, end - start);
    start = end + 1;
  }
  parts[3] = key.substr(start);
  if (parts[3].find(kSeparator) != std::string_view::npos) return std::nullopt;
  return AdjacencyKey{parts[0], parts[1], parts[2], parts[3]};
}

std::string EncodeAdjacencyValue(int32_t since_first_day, int32_t until_last_day) {
  std::string value;
  value.reserve(8);
  PutInt32(value, since_first_day);
  PutInt32(value, until_last_day);
  return value;
}

bool DecodeAdjacencyValue(std::string_view value, int32_t* since_first_day,
                          int32_t* until_last_day) {
  if (value.size() < 8) return false;
  *since_first_day = GetInt32(value.substr(0, 4));
  *until_last_day = GetInt32(value.substr(4, 4));
  return true;
}

std::string EncodeRelationValue(const Relation& relation) {
  const RelationFields fields = FieldsOf(relation);
  std::string value = EncodeAdjacencyValue(relation.since.FirstDay(), relation.until.LastDay());
  value.push_back(static_cast<char>(fields.flags));
  if ((fields.flags & kHasAmount) != 0) {
    uint64_t bits = 0;
    std::memcpy(&bits, &fields.amount, sizeof bits);
    for (int shift = 0; shift < 64; shift += 8) value.push_back(static_cast<char>(bits >> shift));
    AppendLengthPrefixed(value, fields.currency);
  }
  if ((fields.flags & kHasSource) != 0) {
    AppendLengthPrefixed(value, fields.source_doc);
    AppendLengthPrefixed(value, fields.quote);
  }
  AppendLengthPrefixed(value, fields.title);
  AppendLengthPrefixed(value, fields.role);
  return value;
}

std::optional<RelationFields> DecodeRelationValue(std::string_view value, bool* malformed) {
  *malformed = false;
  if (value.size() == 8) return std::nullopt;  // format 1
  RelationFields fields;
  size_t at = 8;
  auto text = [&](std::string_view& out) {
    std::optional<std::string_view> read = ReadLengthPrefixed(value, at);
    if (read) out = *read;
    return read.has_value();
  };
  bool ok = value.size() > 8;
  if (ok) fields.flags = static_cast<uint8_t>(value[at++]);
  if (ok && (fields.flags & kHasAmount) != 0) {
    ok = value.size() - at >= 8;
    if (ok) {
      uint64_t bits = 0;
      for (int i = 7; i >= 0; --i) bits = (bits << 8) | static_cast<unsigned char>(value[at + i]);
      std::memcpy(&fields.amount, &bits, sizeof bits);
      at += 8;
      ok = text(fields.currency);
    }
  }
  if (ok && (fields.flags & kHasSource) != 0) ok = text(fields.source_doc) && text(fields.quote);
  ok = ok && text(fields.title) && text(fields.role) && at == value.size();
  if (!ok) {
    *malformed = true;
    return std::nullopt;
  }
  return fields;
}

std::string EncodeVertexValue(const Entity& entity) {
  std::string aliases;
  const EntityFields fields = FieldsOf(entity, aliases);
  std::string value = entity.kind;
  value.push_back(kSeparator);
  value.push_back(static_cast<char>(fields.flags));
  AppendLengthPrefixed(value, fields.name);
  AppendLengthPrefixed(value, fields.name_zh);
  AppendLengthPrefixed(value, fields.aliases);
  return value;
}

std::string_view KindOfVertexValue(std::string_view value) {
  return value.substr(0, value.find(kSeparator));
}

std::optional<EntityFields> DecodeVertexValue(std::string_view value, bool* malformed) {
  *malformed = false;
  size_t at = value.find(kSeparator);
  if (at == std::string_view::npos) return std::nullopt;  // format 1
  ++at;
  EntityFields fields;
  bool ok = at < value.size();
  if (ok) fields.flags = static_cast<uint8_t>(value[at++]);
  auto text = [&](std::string_view& out) {
    std::optional<std::string_view> read = ReadLengthPrefixed(value, at);
    if (read) out = *read;
    return read.has_value();
  };
  ok = ok && text(fields.name) && text(fields.name_zh) && text(fields.aliases) &&
       at == value.size() && DecodeAliases(fields.aliases).has_value();
  if (!ok) {
    *malformed = true;
    return std::nullopt;
  }
  return fields;
}

std::string EncodeTypeKey(std::string_view type, std::string_view relation_id) {
  std::string key(type);
  key.push_back(kSeparator);
  key.append(relation_id);
  return key;
}

std::string TypePrefix(std::string_view type) {
  std::string prefix(type);
  prefix.push_back(kSeparator);
  return prefix;
}

std::string_view RelationIdOfTypeKey(std::string_view key) {
  const size_t separator = key.find(kSeparator);
  if (separator == std::string_view::npos) return {};
  return key.substr(separator + 1);
}

std::string EncodeNameKey(std::string_view normalised, std::string_view entity_id) {
  std::string key(normalised);
  key.push_back(kSeparator);
  key.append(entity_id);
  return key;
}

bool DecodeNameKey(std::string_view key, std::string_view* normalised,
                   std::string_view* entity_id) {
  const size_t separator = key.rfind(kSeparator);
  if (separator == std::string_view::npos) return false;
  *normalised = key.substr(0, separator);
  *entity_id = key.substr(separator + 1);
  return true;
}

}  // namespace partnergraph::store
