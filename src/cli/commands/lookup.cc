// find and show: looking entities up.
#include <map>

#include <nlohmann/json.hpp>

#include "partnergraph/query.h"

#include "cli/commands/commands.h"
#include "cli/database.h"
#include "cli/present.h"
#include "cli/table.h"
#include "model/record_json.h"

namespace partnergraph::cli {
namespace {

std::string Join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

}  // namespace

Status RunFind(const GlobalOptions& global, const FindOptions& options, std::ostream& out) {
  Result<std::unique_ptr<Store>> store = OpenForQuery(global);
  if (!store) return store.error();
  Result<std::vector<FoundEntity>> found = FindEntities(**store, options.text, options.limit);
  if (!found) return found.error();
  if (global.json) {
    OrderedJson list = OrderedJson::array();
    for (const FoundEntity& hit : *found) {
      OrderedJson entity = EntityToJson(hit.entity);
      entity.erase("attributes");
      if (!entity.contains("aliases")) entity["aliases"] = OrderedJson::array();
      list.push_back(entity);
    }
    out << list.dump(2) << '\n';
  } else if (found->empty()) {
    out << "No entity matches \"" << options.text << "\".\n";
  } else {
    Table table({"id", "kind", "name", "中文名", "aliases"});
    table.SetMaxWidth(2, 60);
    table.SetMaxWidth(4, 40);
    for (const FoundEntity& hit : *found) {
      table.AddRow({hit.entity.id, hit.entity.kind, hit.entity.name.en, hit.entity.name.zh,
                    Join(hit.entity.aliases, ", ")});
    }
    table.Print(out);
  }
  // Finding nothing is an answer, not an error: exit 0 like grep -c would not.
  return Status::Ok();
}

Status RunShow(const GlobalOptions& global, const ShowOptions& options, std::ostream& out) {
  Result<std::unique_ptr<Store>> opened = OpenForQuery(global);
  if (!opened) return opened.error();
  const Store& store = **opened;
  Result<std::string> id = ResolveEntity(store, options.entity);
  if (!id) return id.error();
  Result<Entity> entity = store.GetEntity(*id);
  if (!entity) return entity.error();
  Result<std::vector<AdjacentRelation>> adjacent = store.RelationsOf(*id);
  if (!adjacent) return adjacent.error();

  // Grouped by type; within a type, outgoing first, then by the other end.
  std::map<std::string, std::vector<std::pair<Relation, Direction>>> by_type;
  for (const AdjacentRelation& a : *adjacent) {
    Result<Relation> relation = store.GetRelation(a.relation_id);
    if (!relation) return relation.error();
    by_type[a.type].emplace_back(std::move(*relation), a.direction);
  }

  if (global.json) {
    OrderedJson doc;
    doc["entity"] = EntityToJson(*entity);
    OrderedJson relations = OrderedJson::array();
    for (const auto& [type, list] : by_type) {
      for (const auto& [relation, direction] : list) relations.push_back(RelationToJson(relation));
    }
    doc["relations"] = relations;
    out << doc.dump(2) << '\n';
    return Status::Ok();
  }

  out << entity->id << "  (" << entity->kind << ")\n";
  if (!entity->name.en.empty()) out << "  name     " << entity->name.en << '\n';
  if (!entity->name.zh.empty()) out << "  中文名   " << entity->name.zh << '\n';
  if (!entity->aliases.empty()) out << "  aliases  " << Join(entity->aliases, ", ") << '\n';
  for (const auto& [key, value] : entity->attributes) out << "  " << key << ": " << value << '\n';
  if (by_type.empty()) {
    out << "\nNo relations.\n";
    return Status::Ok();
  }
  std::map<std::string, std::string> names;  // other end id -> display name
  for (const auto& [type, list] : by_type) {
    out << '\n' << type << " (" << list.size() << ")\n";
    Table table({"", "entity", "name", "period", "amount", "title", "source"});
    table.SetMaxWidth(2, 40);
    table.SetMaxWidth(5, 40);
    table.SetMaxWidth(6, 60);
    for (const auto& [relation, direction] : list) {
      const std::string& other = direction == Direction::kOut ? relation.to : relation.from;
      if (names.count(other) == 0) {
        Result<Entity> other_entity = store.GetEntity(other);
        names[other] = other_entity ? other_entity->DisplayName() : "";
      }
      table.AddRow({direction == Direction::kOut ? "→" : "←", other, names[other], Period(relation),
                    FormatAmount(relation), relation.title, SourceText(relation)});
    }
    table.Print(out);
  }
  return Status::Ok();
}

}  // namespace partnergraph::cli
