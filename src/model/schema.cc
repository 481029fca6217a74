#include "partnergraph/schema.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace partnergraph {
namespace {

using Json = nlohmann::json;

// Expands a list of kinds and group names into kinds; "*" stays empty (any).
Status ExpandKinds(const Json& list, const std::map<std::string, std::set<std::string>>& groups,
                   const std::map<std::string, std::string, std::less<>>& kinds,
                   const std::string& where, std::set<std::string>& out) {
  if (!list.is_array() || list.empty()) {
    return Status::InvalidArgument(where + ": expected a non-empty list of kinds or groups");
  }
  for (const Json& item : list) {
    if (!item.is_string()) return Status::InvalidArgument(where + ": expected strings");
    const std::string name = item.get<std::string>();
    if (name == "*") {
      out.clear();
      return Status::Ok();
    }
    if (auto group = groups.find(name); group != groups.end()) {
      out.insert(group->second.begin(), group->second.end());
    } else if (kinds.count(name) != 0) {
      out.insert(name);
    } else {
      std::string message = where;
      message.append(": \"").append(name).append("\" is neither a kind nor a group");
      return Status::InvalidArgument(message);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Schema> Schema::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read schema file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

// nlohmann throws on malformed input; the schema is small, so parse it whole
// and turn every exception into a Status naming the file.
Result<Schema> Schema::Parse(std::string_view json_text, const std::string& origin) {
  Json doc = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::InvalidArgument(origin + ": schema is not a JSON object");
  }
  Schema schema;
  schema.json_text_ = std::string(json_text);
  try {
    const Json& kinds = doc.at("kinds");
    if (!kinds.is_object() || kinds.empty()) {
      return Status::InvalidArgument(origin + ": \"kinds\" must be a non-empty object");
    }
    for (const auto& [kind, description] : kinds.items()) {
      schema.kinds_[kind] = description.is_string() ? description.get<std::string>() : "";
    }
    std::map<std::string, std::set<std::string>> groups;
    if (doc.contains("groups")) {
      for (const auto& [group, members] : doc.at("groups").items()) {
        std::set<std::string> expanded;
        std::string where = origin;
        where.append(": group ").append(group);
        Status s = ExpandKinds(members, {}, schema.kinds_, where, expanded);
        if (!s.ok()) return s;
        groups[group] = std::move(expanded);
      }
    }
    schema.groups_.insert(groups.begin(), groups.end());
    const Json& types = doc.at("types");
    if (!types.is_object() || types.empty()) {
      return Status::InvalidArgument(origin + ": \"types\" must be a non-empty object");
    }
    for (const auto& [type, spec] : types.items()) {
      RelationTypeInfo info;
      info.name = type;
      std::string where = origin;
      where.append(": type ").append(type);
      info.is_symmetric = spec.value("symmetric", false);
      info.doc = spec.value("doc", "");
      if (!spec.contains("from") || !spec.contains("to")) {
        return Status::InvalidArgument(where + ": needs \"from\" and \"to\"");
      }
      Status s =
          ExpandKinds(spec.at("from"), groups, schema.kinds_, where + ".from", info.from_kinds);
      if (!s.ok()) return s;
      s = ExpandKinds(spec.at("to"), groups, schema.kinds_, where + ".to", info.to_kinds);
      if (!s.ok()) return s;
      schema.types_[type] = std::move(info);
    }
  } catch (const Json::exception& e) {
    return Status::InvalidArgument(origin + ": " + e.what());
  }
  return schema;
}

bool Schema::HasKind(std::string_view kind) const { return kinds_.find(kind) != kinds_.end(); }

const RelationTypeInfo* Schema::FindType(std::string_view type) const {
  auto it = types_.find(type);
  return it == types_.end() ? nullptr : &it->second;
}

bool Schema::IsSymmetric(std::string_view type) const {
  const RelationTypeInfo* info = FindType(type);
  return info != nullptr && info->is_symmetric;
}

bool Schema::AllowsEndpoints(std::string_view type, std::string_view from_kind,
                             std::string_view to_kind) const {
  const RelationTypeInfo* info = FindType(type);
  if (info == nullptr) return false;
  auto allows = [](const std::set<std::string>& kinds, std::string_view kind) {
    return kinds.empty() || kinds.count(std::string(kind)) != 0;
  };
  return allows(info->from_kinds, from_kind) && allows(info->to_kinds, to_kind);
}

std::vector<std::string> Schema::KindNames() const {
  std::vector<std::string> names;
  for (const auto& [kind, description] : kinds_) names.push_back(kind);
  return names;
}

std::vector<std::string> Schema::TypeNames() const {
  std::vector<std::string> names;
  for (const auto& [type, info] : types_) names.push_back(type);
  return names;
}

const std::set<std::string>& Schema::KindsInGroup(std::string_view group) const {
  static const std::set<std::string>* const kNone = new std::set<std::string>();
  auto it = groups_.find(group);
  return it == groups_.end() ? *kNone : it->second;
}

}  // namespace partnergraph
