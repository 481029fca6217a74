#include "partnergraph/json_documents.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "partnergraph/record_text.h"

namespace partnergraph {
namespace {

// Ordered: keys stay in the order the records are written in.
using Json = nlohmann::ordered_json;

Json EntityJson(const Entity& entity) { return Json::parse(EntityJsonText(entity)); }

Json RelationJson(const Relation& relation) { return Json::parse(RelationJsonText(relation)); }

// An entity named inline where an answer lists it: id, kind and name as
// the record has them ({"en", "zh"}).
Json EntityRefJson(const Entity& entity) {
  Json record = EntityJson(entity);
  Json ref;
  ref["id"] = entity.id;
  ref["kind"] = entity.kind;
  if (record.contains("name")) ref["name"] = record["name"];
  return ref;
}

// The short form of a relation that paths and neighbourhoods list.
Json EdgeJson(const Relation& relation) {
  Json edge;
  edge["id"] = relation.id;
  edge["type"] = relation.type;
  edge["from"] = relation.from;
  edge["to"] = relation.to;
  if (!relation.title.empty()) edge["title"] = relation.title;
  if (!relation.role.empty()) edge["role"] = relation.role;
  if (!relation.attributes.empty()) edge["attributes"] = relation.attributes;
  if (!relation.since.empty()) edge["since"] = relation.since.ToString();
  if (!relation.until.empty()) edge["until"] = relation.until.ToString();
  if (relation.source) {
    edge["source"] = {{"doc", relation.source->doc}, {"quote", relation.source->quote}};
  }
  return edge;
}

// An amount as a JSON number: integral values print without ".0".
Json AmountNumber(double value) {
  // 2^53: beyond it a double no longer holds every integer.
  constexpr double kExactIntegers = 9007199254740992.0;
  if (std::floor(value) == value && std::fabs(value) < kExactIntegers) {
    return static_cast<int64_t>(value);
  }
  return value;
}

std::string Document(const Json& document) { return document.dump(2) + "\n"; }

// `text` with `spaces` more indentation after each of its newlines.
std::string Indented(const std::string& text, size_t spaces) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(spaces, ' ');
  }
  return out;
}

// The record, after a "~" key saying what it is.
Json Tagged(const char* what, const Json& record) {
  Json json;
  json["~"] = what;
  for (const auto& [key, item] : record.items()) json[key] = item;
  return json;
}

Json CypherValueJson(const CypherResult& result, const CypherValue& value) {
  if (value.is_null()) return nullptr;
  if (value.is<bool>()) return value.as<bool>();
  if (value.is<int64_t>()) return value.as<int64_t>();
  if (value.is<double>()) {
    const double d = value.as<double>();
    if (!std::isfinite(d)) return CypherFloatText(d);  // JSON has no NaN or Infinity
    return d;
  }
  if (value.is<std::string>()) return value.as<std::string>();
  if (value.is<CypherList>()) {
    Json list = Json::array();
    for (const CypherValue& item : value.as<CypherList>()) {
      list.push_back(CypherValueJson(result, item));
    }
    return list;
  }
  if (value.is<CypherMap>()) {
    Json map = Json::object();
    for (const auto& [key, item] : value.as<CypherMap>()) map[key] = CypherValueJson(result, item);
    return map;
  }
  auto node = [&](VertexIndex v) { return Tagged("node", EntityJson(result.entities.at(v))); };
  auto relationship = [&](EdgeIndex e) {
    return Tagged("relationship", RelationJson(result.relations.at(e)));
  };
  if (value.is<CypherNode>()) return node(value.as<CypherNode>().vertex);
  if (value.is<CypherRelationship>()) return relationship(value.as<CypherRelationship>().edge);
  const CypherPath& path = value.as<CypherPath>();
  Json json;
  json["~"] = "path";
  json["nodes"] = Json::array();
  for (VertexIndex v : path.vertices) json["nodes"].push_back(node(v));
  json["relationships"] = Json::array();
  for (EdgeIndex e : path.edges) json["relationships"].push_back(relationship(e));
  return json;
}

Json CypherRowObject(const CypherResult& result, size_t row) {
  Json object = Json::object();
  const std::vector<CypherValue>& values = result.rows.at(row);
  for (size_t i = 0; i < values.size(); ++i) {
    object[result.columns[i]] = CypherValueJson(result, values[i]);
  }
  return object;
}

}  // namespace

std::string FindJson(const std::vector<FoundEntity>& found,
                     const std::vector<FoundRelation>& relations) {
  Json list = Json::array();
  for (const FoundEntity& hit : found) {
    Json entity = EntityJson(hit.entity);
    entity.erase("attributes");
    if (!entity.contains("aliases")) entity["aliases"] = Json::array();
    entity["hit"] = "entity";
    entity["score"] = hit.score;
    entity["match"] = MatchQualityName(hit.quality);
    list.push_back(entity);
  }
  for (const FoundRelation& hit : relations) {
    const Relation& r = hit.relation;
    Json item;
    item["hit"] = "relation";
    item["id"] = r.id;
    item["type"] = r.type;
    item["title"] = r.title;
    item["role"] = r.role.empty() ? Json(nullptr) : Json(r.role);
    item["since"] = r.since.empty() ? Json(nullptr) : Json(r.since.ToString());
    item["until"] = r.until.empty() ? Json(nullptr) : Json(r.until.ToString());
    item["from"] = EntityRefJson(hit.from);
    item["to"] = EntityRefJson(hit.to);
    item["score"] = hit.score;
    list.push_back(item);
  }
  return Document(list);
}

std::string ShowJson(const EntityDetail& detail) {
  Json doc;
  doc["entity"] = EntityJson(detail.entity);
  Json relations = Json::array();
  for (const EntityRelation& r : detail.relations) relations.push_back(RelationJson(r.relation));
  doc["relations"] = relations;
  return Document(doc);
}

void WritePathJson(const PathResult& result, std::ostream& out) {
  if (result.paths.empty()) {
    out << Document(Json{{"paths", Json::array()}});
    return;
  }
  std::vector<std::string> nodes;
  nodes.reserve(result.entities.size());
  for (const Entity& entity : result.entities) {
    nodes.push_back(EntityRefJson(entity).dump());
  }
  std::vector<std::string> edges;
  edges.reserve(result.relations.size());
  for (const Relation& relation : result.relations) {
    edges.push_back(Indented(EdgeJson(relation).dump(2), 8));
  }
  auto print_list = [&out](const std::vector<uint32_t>& items,
                           const std::vector<std::string>& texts) {
    if (items.empty()) {
      out << "[]";
      return;
    }
    out << '[';
    for (size_t i = 0; i < items.size(); ++i) {
      out << (i == 0 ? "\n        " : ",\n        ") << texts[items[i]];
    }
    out << "\n      ]";
  };
  out << "{\n  \"paths\": [\n";
  for (size_t p = 0; p < result.paths.size(); ++p) {
    out << "    {\n      \"nodes\": ";
    print_list(result.paths[p].entities, nodes);
    out << ",\n      \"edges\": ";
    print_list(result.paths[p].relations, edges);
    out << (p + 1 < result.paths.size() ? "\n    },\n" : "\n    }\n");
  }
  out << "  ]\n}\n";
}

std::string PathJson(const PathResult& result) {
  std::ostringstream out;
  WritePathJson(result, out);
  return out.str();
}

std::string WithDating(const std::string& document, const PartialDate& as_of, DateRule rule,
                       const DatingCounts& counts) {
  if (as_of.empty()) return document;
  nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(document, nullptr, false);
  if (!parsed.is_object()) return document;
  parsed["dates"] = nlohmann::ordered_json{
      {"as_of", as_of.ToString()},   {"rule", DateRuleName(rule)}, {"dated", counts.dated},
      {"reported", counts.reported}, {"undated", counts.undated},  {"excluded", counts.excluded}};
  return parsed.dump(2) + "\n";
}

std::string NeighboursJson(const NeighbourhoodResult& hood) {
  Json nodes = Json::array();
  for (const NeighbourEntity& n : hood.entities) {
    Json node = EntityJson(n.entity);
    node["depth"] = n.depth;
    nodes.push_back(node);
  }
  Json edges = Json::array();
  for (const Relation& relation : hood.relations) edges.push_back(EdgeJson(relation));
  return Document(Json{{"nodes", nodes}, {"edges", edges}});
}

namespace {

// One side's report of a chain transfer: the transaction as imported.
Json TransactionJson(const std::optional<Relation>& relation) {
  if (!relation) return nullptr;
  Json side;
  side["id"] = relation->id;
  side["amount"] = relation->amount ? AmountNumber(relation->amount->value) : Json(nullptr);
  side["date"] = relation->since.empty() ? Json(nullptr) : Json(relation->since.ToString());
  auto type = relation->attributes.find("transaction_type");
  side["transaction_type"] =
      type == relation->attributes.end() ? Json(nullptr) : Json(type->second);
  return side;
}

// The transfers of the activity chain as the table lists them: each once,
// with the transactions matched to it and who reported it.
Json ChainJson(const std::vector<ChainTransfer>& chain) {
  Json transfers = Json::array();
  for (const ChainTransfer& t : chain) {
    Json item;
    item["stage"] = t.stage;
    item["from_activity"] = t.from_activity.empty() ? Json(nullptr) : Json(t.from_activity);
    item["to_activity"] = t.to_activity.empty() ? Json(nullptr) : Json(t.to_activity);
    item["provider"] = t.provider;
    item["receiver"] = t.receiver;
    item["amount"] = AmountNumber(t.amount);
    item["currency"] = t.currency;
    item["reported_by"] = t.outgoing && t.incoming ? "both" : t.outgoing ? "provider" : "receiver";
    item["receiver_difference"] = AmountNumber(t.difference);
    item["outgoing"] = TransactionJson(t.outgoing);
    item["incoming"] = TransactionJson(t.incoming);
    transfers.push_back(item);
  }
  return transfers;
}

// Per stage and currency: entering, passed on, and the residual of each
// activity that keeps a non-zero amount (as the table shows them).
Json ChainSummaryJson(const std::vector<ChainSummary>& summaries) {
  Json list = Json::array();
  for (const ChainSummary& s : summaries) {
    Json kept = Json::array();
    for (const auto& [activity, amount] : s.kept) {
      if (amount != 0) kept.push_back({{"activity", activity}, {"amount", AmountNumber(amount)}});
    }
    list.push_back({{"stage", s.stage},
                    {"currency", s.currency},
                    {"entering", AmountNumber(s.entering)},
                    {"passed_on", AmountNumber(s.passed_on)},
                    {"kept", kept}});
  }
  return list;
}

}  // namespace

std::string FundsJson(const FundingReport& report, bool through) {
  Json flows = Json::array();
  for (const FundingFlow& flow : report.flows) {
    const Relation& r = flow.relation;
    Json item;
    item["id"] = r.id;
    item["funder"] = r.from;
    item["recipient"] = r.to;
    item["amount"] = r.amount ? AmountNumber(r.amount->value) : Json(nullptr);
    item["currency"] = r.amount ? Json(r.amount->currency) : Json(nullptr);
    item["since"] = r.since.empty() ? Json(nullptr) : Json(r.since.ToString());
    item["until"] = r.until.empty() ? Json(nullptr) : Json(r.until.ToString());
    item["title"] = r.title.empty() ? Json(nullptr) : Json(r.title);
    item["role"] = r.role.empty() ? Json(nullptr) : Json(r.role);
    item["attributes"] = r.attributes;
    item["source"] =
        r.source ? Json{{"doc", r.source->doc}, {"quote", r.source->quote}} : Json(nullptr);
    if (through) {
      Json implementers = Json::array();
      Json beneficiaries = Json::array();
      for (const Relation& onward : flow.onward) {
        if (onward.type == "implements") {
          implementers.push_back(onward.from);
        } else {
          beneficiaries.push_back(onward.to);
        }
      }
      item["implementers"] = implementers;
      item["beneficiaries"] = beneficiaries;
    }
    flows.push_back(item);
  }
  Json totals = Json::array();
  for (const FundingTotal& total : report.totals) {
    totals.push_back({{"funder", total.funder},
                      {"recipients", RecipientClassName(total.recipients)},
                      {"currency", total.currency},
                      {"amount", AmountNumber(total.amount)},
                      {"flows", total.flows}});
  }
  Json document{
      {"flows", flows}, {"totals", totals}, {"flows_without_amount", report.flows_without_amount}};
  if (through) {
    document["chain"] = ChainJson(report.chain);
    document["chain_summary"] = ChainSummaryJson(report.chain_summary);
  }
  return Document(document);
}

std::string CypherJson(const CypherResult& result) {
  Json document;
  document["columns"] = result.columns;
  document["rows"] = Json::array();
  for (size_t row = 0; row < result.rows.size(); ++row) {
    document["rows"].push_back(CypherRowObject(result, row));
  }
  return Document(document);
}

std::string CypherRowJson(const CypherResult& result, size_t row) {
  return CypherRowObject(result, row).dump();
}

std::string ViewJson(const GraphView& view, const Picture& picture, const std::string& svg) {
  std::vector<const Entity*> entities;
  entities.reserve(view.entities.size());
  for (const Entity& entity : view.entities) entities.push_back(&entity);
  std::sort(entities.begin(), entities.end(),
            [](const Entity* a, const Entity* b) { return a->id < b->id; });
  std::vector<const Relation*> relations;
  relations.reserve(view.relations.size());
  for (const Relation& relation : view.relations) relations.push_back(&relation);
  std::sort(relations.begin(), relations.end(),
            [](const Relation* a, const Relation* b) { return a->id < b->id; });
  Json nodes = Json::array();
  for (const Entity* entity : entities) nodes.push_back(EntityJson(*entity));
  Json edges = Json::array();
  for (const Relation* relation : relations) edges.push_back(EdgeJson(*relation));
  Json doc;
  doc["title"] = view.title;
  doc["layout"] = picture.layout;
  doc["entities"] = picture.entities;
  doc["relations"] = picture.relations;
  doc["nodes"] = nodes;
  doc["edges"] = edges;
  doc["highlighted"] = view.highlighted;
  doc["dot"] = picture.dot;
  if (!svg.empty()) doc["svg"] = svg;
  return Document(doc);
}

std::string ViewRecordsJson(const GraphView& view) {
  std::vector<const Entity*> entities;
  entities.reserve(view.entities.size());
  for (const Entity& entity : view.entities) entities.push_back(&entity);
  std::sort(entities.begin(), entities.end(),
            [](const Entity* a, const Entity* b) { return a->id < b->id; });
  std::vector<const Relation*> relations;
  relations.reserve(view.relations.size());
  for (const Relation& relation : view.relations) relations.push_back(&relation);
  std::sort(relations.begin(), relations.end(),
            [](const Relation* a, const Relation* b) { return a->id < b->id; });
  Json doc;
  doc["title"] = view.title;
  doc["entities"] = Json::array();
  for (const Entity* entity : entities) doc["entities"].push_back(EntityJson(*entity));
  doc["relations"] = Json::array();
  for (const Relation* relation : relations) doc["relations"].push_back(RelationJson(*relation));
  const std::string text = doc.dump();
  std::string safe;
  safe.reserve(text.size());
  // Outside strings JSON has none of these characters, so escaping them
  // everywhere changes no value.
  for (char c : text) {
    if (c == '<') {
      safe += "\\u003c";
    } else if (c == '>') {
      safe += "\\u003e";
    } else if (c == '&') {
      safe += "\\u0026";
    } else {
      safe += c;
    }
  }
  return safe;
}

std::string SchemaJson(const Schema& schema) {
  Json kinds = Json::object();
  for (const auto& [kind, description] : schema.kinds()) kinds[kind] = description;
  Json types = Json::object();
  for (const auto& [type, info] : schema.types()) {
    types[type] = {{"description", info.doc}, {"symmetric", info.is_symmetric}};
  }
  return Document(Json{{"kinds", kinds}, {"types", types}});
}

std::string ErrorJson(const Status& status) {
  const char* code = "error";
  switch (status.code()) {
    case StatusCode::kOk:
      code = "ok";
      break;
    case StatusCode::kInvalidArgument:
      code = "invalid_argument";
      break;
    case StatusCode::kNotFound:
      code = "not_found";
      break;
    case StatusCode::kAmbiguous:
      code = "ambiguous";
      break;
    case StatusCode::kCorruption:
      code = "corruption";
      break;
    case StatusCode::kIOError:
      code = "io_error";
      break;
    case StatusCode::kBusy:
      code = "busy";
      break;
    case StatusCode::kNotSupported:
      code = "not_supported";
      break;
  }
  return Document(Json{{"error", status.message()}, {"code", code}});
}

}  // namespace partnergraph
