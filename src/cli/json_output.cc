#include "cli/json_output.h"

#include <cmath>
#include <cstdint>

#include "partnergraph/record_text.h"

namespace partnergraph::cli {

Json EntityJson(const Entity& entity) { return Json::parse(EntityJsonText(entity)); }

Json RelationJson(const Relation& relation) { return Json::parse(RelationJsonText(relation)); }

Json EdgeJson(const Relation& relation) {
  Json edge;
  edge["id"] = relation.id;
  edge["type"] = relation.type;
  edge["from"] = relation.from;
  edge["to"] = relation.to;
  if (!relation.title.empty()) edge["title"] = relation.title;
  if (!relation.since.empty()) edge["since"] = relation.since.ToString();
  if (!relation.until.empty()) edge["until"] = relation.until.ToString();
  if (relation.source) {
    edge["source"] = {{"doc", relation.source->doc}, {"quote", relation.source->quote}};
  }
  return edge;
}

Json AmountNumber(double value) {
  // 2^53: beyond it a double no longer holds every integer.
  constexpr double kExactIntegers = 9007199254740992.0;
  if (std::floor(value) == value && std::fabs(value) < kExactIntegers) {
    return static_cast<int64_t>(value);
  }
  return value;
}

Json TextOrNull(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

void PrintJson(const Json& document, std::ostream& out) { out << document.dump(2) << '\n'; }

}  // namespace partnergraph::cli
