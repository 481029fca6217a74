// The vocabulary: entity kinds, relation types, which types are symmetric and
// which endpoint kinds each allows. Loaded from a JSON file (data/schema.json)
// so users can extend it without rebuilding.
#ifndef PARTNERGRAPH_SCHEMA_H_
#define PARTNERGRAPH_SCHEMA_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/status.h"

namespace partnergraph {

struct RelationTypeInfo {
  std::string name;
  bool is_symmetric = false;
  std::set<std::string> from_kinds;  // expanded from groups; empty means any kind
  std::set<std::string> to_kinds;
  std::string doc;
};

class Schema {
 public:
  // Reads and checks a schema file. Fails with kInvalidArgument naming the
  // file and the field (a group naming an unknown kind, a type without "from").
  static Result<Schema> LoadFile(const std::string& path);
  static Result<Schema> Parse(std::string_view json_text, const std::string& origin);

  // The schema as JSON text, as stored with a database.
  const std::string& json_text() const { return json_text_; }

  bool HasKind(std::string_view kind) const;
  const RelationTypeInfo* FindType(std::string_view type) const;  // nullptr if unknown
  bool IsSymmetric(std::string_view type) const;
  bool AllowsEndpoints(std::string_view type, std::string_view from_kind,
                       std::string_view to_kind) const;

  const std::map<std::string, std::string, std::less<>>& kinds() const { return kinds_; }
  const std::map<std::string, RelationTypeInfo, std::less<>>& types() const { return types_; }
  std::vector<std::string> KindNames() const;
  std::vector<std::string> TypeNames() const;
  // The kinds a group of the schema names ("undertaking": project,
  // initiative, event); empty for an unknown group.
  const std::set<std::string>& KindsInGroup(std::string_view group) const;

 private:
  std::string json_text_;
  std::map<std::string, std::string, std::less<>> kinds_;  // kind -> description
  std::map<std::string, RelationTypeInfo, std::less<>> types_;
  std::map<std::string, std::set<std::string>, std::less<>> groups_;
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_SCHEMA_H_
