// GEXF 1.3 (Gephi) and Cytoscape.js JSON: one document each, written as the
// records stream by.
#include <set>
#include <string>

#include "partnergraph/text.h"

#include "io/export_support.h"
#include "model/record_json.h"

namespace partnergraph::io {
namespace {

std::string Dump(const OrderedJson& json) {
  return json.dump(-1, ' ', false, OrderedJson::error_handler_t::strict);
}

const char* GexfType(ValueType type) {
  switch (type) {
    case ValueType::kLong:
      return "long";
    case ValueType::kDouble:
      return "double";
    case ValueType::kBoolean:
      return "boolean";
    case ValueType::kString:
      break;
  }
  return "string";
}

void GexfAttribute(std::ostream& out, std::string_view id, std::string_view type) {
  out << "      <attribute id=\"" << XmlText(id) << "\" title=\"" << XmlText(id) << "\" type=\""
      << type << "\"/>\n";
}

void GexfValue(std::ostream& out, std::string_view id, std::string_view value) {
  if (value.empty()) return;
  out << "          <attvalue for=\"" << XmlText(id) << "\" value=\"" << XmlText(value) << "\"/>\n";
}

// A label is an xs:token: no line breaks, tabs or runs of spaces.
std::string Token(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A typed attribute value as JSON: numbers and booleans as such.
OrderedJson TypedJson(const AttributeColumn& column, const std::string& value) {
  switch (column.type) {
    case ValueType::kLong:
      return std::stoll(value);
    case ValueType::kDouble:
      return std::stod(value);
    case ValueType::kBoolean:
      return value == "true";
    case ValueType::kString:
      break;
  }
  return value;
}

const AttributeColumn* FindColumn(const std::vector<AttributeColumn>& columns,
                                  const std::string& key) {
  for (const AttributeColumn& column : columns) {
    if (column.key == key) return &column;
  }
  return nullptr;
}

}  // namespace

// Each relation's period [since, until] is a spell from the first day of
// `since` to the last day of `until` (an open end when one is missing), so
// Gephi's timeline shows the network as it stood at any date.
Status WriteGexf(const ExportInput& input, std::ostream& out) {
  Result<AttributeColumns> columns = CollectAttributeColumns(input);
  if (!columns) return columns.error();
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://gexf.net/1.3\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
         "version=\"1.3\">\n"
         "  <meta>\n    <creator>pgraph</creator>\n"
         "    <description>PartnerGraph: organisations and their partnerships</description>\n"
         "  </meta>\n"
         "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\" "
         "timerepresentation=\"interval\">\n"
         "    <attributes class=\"node\" mode=\"static\">\n";
  for (const char* id : {"kind", "name_en", "name_zh", "aliases"}) GexfAttribute(out, id, "string");
  for (const AttributeColumn& column : columns->entity) {
    GexfAttribute(out, column.name, GexfType(column.type));
  }
  out << "    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n";
  for (const char* id : {"type", "title", "since", "until"}) GexfAttribute(out, id, "string");
  GexfAttribute(out, "amount", "double");
  for (const char* id : {"currency", "role", "source_doc", "quote"}) {
    GexfAttribute(out, id, "string");
  }
  for (const AttributeColumn& column : columns->relation) {
    GexfAttribute(out, column.name, GexfType(column.type));
  }
  out << "    </attributes>\n    <nodes>\n";
  Status s = input.ForEachEntity([&](const Entity& entity) {
    out << "      <node id=\"" << XmlText(entity.id) << "\" label=\""
        << XmlText(Token(entity.DisplayName())) << "\">\n        <attvalues>\n";
    GexfValue(out, "kind", entity.kind);
    GexfValue(out, "name_en", entity.name.en);
    GexfValue(out, "name_zh", entity.name.zh);
    if (!entity.aliases.empty()) GexfValue(out, "aliases", Dump(entity.aliases));
    for (const auto& [key, value] : entity.attributes) {
      const AttributeColumn* column = FindColumn(columns->entity, key);
      if (column != nullptr) GexfValue(out, column->name, value);
    }
    out << "        </attvalues>\n      </node>\n";
    return true;
  });
  if (!s.ok()) return s;
  out << "    </nodes>\n    <edges>\n";
  s = input.ForEachRelation([&](const Relation& relation) {
    out << "      <edge id=\"" << XmlText(relation.id) << "\" source=\"" << XmlText(relation.from)
        << "\" target=\"" << XmlText(relation.to) << "\" label=\""
        << XmlText(Token(relation.title.empty() ? relation.type : relation.title)) << "\" kind=\""
        << XmlText(relation.type) << "\">\n        <attvalues>\n";
    GexfValue(out, "type", relation.type);
    GexfValue(out, "title", relation.title);
    GexfValue(out, "since", relation.since.ToString());
    GexfValue(out, "until", relation.until.ToString());
    if (relation.amount) {
      GexfValue(out, "amount", NumberText(relation.amount->value));
      GexfValue(out, "currency", relation.amount->currency);
    }
    GexfValue(out, "role", relation.role);
    if (relation.source) {
      GexfValue(out, "source_doc", relation.source->doc);
      GexfValue(out, "quote", relation.source->quote);
    }
    for (const auto& [key, value] : relation.attributes) {
      const AttributeColumn* column = FindColumn(columns->relation, key);
      if (column != nullptr) GexfValue(out, column->name, value);
    }
    out << "        </attvalues>\n";
    if (!relation.since.empty() || !relation.until.empty()) {
      out << "        <spells>\n          <spell";
      if (!relation.since.empty()) out << " start=\"" << FirstDayText(relation.since) << "\"";
      if (!relation.until.empty()) out << " end=\"" << LastDayText(relation.until) << "\"";
      out << "/>\n        </spells>\n";
    }
    out << "      </edge>\n";
    return true;
  });
  out << "    </edges>\n  </graph>\n</gexf>\n";
  return s;
}

// Cytoscape.js reads {"elements": {"nodes": [{"data": {...}}], "edges": [...]}}
// (as Cytoscape desktop's .cyjs files are laid out). Every element id is
// unique across nodes and edges: a relation whose id is also an entity's
// gets "relation:" before it (its own id stays in relation_id).
Status WriteCytoscape(const ExportInput& input, std::ostream& out) {
  Result<AttributeColumns> columns = CollectAttributeColumns(input);
  if (!columns) return columns.error();
  std::set<std::string, std::less<>> entity_ids;
  out << "{\"format_version\":\"1.0\",\"generated_by\":\"pgraph\","
         "\"target_cytoscapejs_version\":\"~3\",\"data\":{\"name\":\"partnergraph\"},\n"
         "\"elements\":{\"nodes\":[";
  bool first = true;
  Status s = input.ForEachEntity([&](const Entity& entity) {
    entity_ids.insert(entity.id);
    OrderedJson data;
    data["id"] = entity.id;
    data["label"] = entity.DisplayName();
    data["kind"] = entity.kind;
    data["name"] = entity.name.en;
    if (!entity.name.zh.empty()) data["name_zh"] = entity.name.zh;
    if (!entity.aliases.empty()) data["aliases"] = entity.aliases;
    for (const auto& [key, value] : entity.attributes) {
      const AttributeColumn* column = FindColumn(columns->entity, key);
      if (column != nullptr) data[column->name] = TypedJson(*column, value);
    }
    out << (first ? "\n" : ",\n") << "{\"data\":" << Dump(data) << "}";
    first = false;
    return true;
  });
  if (!s.ok()) return s;
  out << "\n],\"edges\":[";
  first = true;
  s = input.ForEachRelation([&](const Relation& relation) {
    OrderedJson data;
    const bool clash = entity_ids.contains(relation.id);
    data["id"] = clash ? "relation:" + relation.id : relation.id;
    if (clash) data["relation_id"] = relation.id;
    data["source"] = relation.from;
    data["target"] = relation.to;
    data["label"] = relation.title.empty() ? relation.type : relation.title;
    data["type"] = relation.type;
    if (!relation.title.empty()) data["title"] = relation.title;
    if (!relation.since.empty()) data["since"] = relation.since.ToString();
    if (!relation.until.empty()) data["until"] = relation.until.ToString();
    if (relation.amount) {
      data["amount"] = AmountValueToJson(relation.amount->value);
      data["currency"] = relation.amount->currency;
    }
    if (!relation.role.empty()) data["role"] = relation.role;
    if (relation.source) {
      data["source_doc"] = relation.source->doc;
      if (!relation.source->quote.empty()) data["quote"] = relation.source->quote;
    }
    for (const auto& [key, value] : relation.attributes) {
      const AttributeColumn* column = FindColumn(columns->relation, key);
      if (column != nullptr) data[column->name] = TypedJson(*column, value);
    }
    out << (first ? "\n" : ",\n") << "{\"data\":" << Dump(data) << "}";
    first = false;
    return true;
  });
  out << "\n]}}\n";
  return s;
}

}  // namespace partnergraph::io
