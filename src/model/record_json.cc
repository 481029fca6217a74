#include "model/record_json.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "partnergraph/amount.h"
#include "partnergraph/spelling.h"
#include "partnergraph/text.h"

namespace partnergraph {
namespace {

using Json = nlohmann::json;

// Reads the fields of one JSON object, remembering which it consumed so the
// rest can be reported as unknown.
class FieldReader {
 public:
  FieldReader(const Json& object, std::vector<FieldError>& errors,
              const std::vector<std::string>& skip_fields)
      : object_(object), errors_(errors) {
    consumed_.insert(skip_fields.begin(), skip_fields.end());
  }

  bool is_object() const { return object_.is_object(); }

  // A required or optional string field; "" when absent or wrong.
  std::string String(const std::string& field, bool required) {
    consumed_.insert(field);
    auto it = object_.find(field);
    if (it == object_.end() || it->is_null()) {
      if (required) errors_.push_back({field, "missing field \"" + field + "\""});
      return "";
    }
    if (!it->is_string()) {
      errors_.push_back({field, "field \"" + field + "\" must be a string"});
      return "";
    }
    std::string value = it->get<std::string>();
    if (required && value.empty()) {
      errors_.push_back({field, "field \"" + field + "\" must not be empty"});
    }
    return value;
  }

  // The sub-object at `field`, or nullptr when absent (an error if not an object).
  const Json* Object(const std::string& field) {
    consumed_.insert(field);
    auto it = object_.find(field);
    if (it == object_.end() || it->is_null()) return nullptr;
    if (!it->is_object()) {
      errors_.push_back({field, "field \"" + field + "\" must be an object"});
      return nullptr;
    }
    return &*it;
  }

  const Json* Array(const std::string& field) {
    consumed_.insert(field);
    auto it = object_.find(field);
    if (it == object_.end() || it->is_null()) return nullptr;
    if (!it->is_array()) {
      errors_.push_back({field, "field \"" + field + "\" must be a list"});
      return nullptr;
    }
    return &*it;
  }

  PartialDate Date(const std::string& field) {
    const std::string text = String(field, false);
    if (text.empty()) {
      // "" is not "no date": it is as likely a date lost on the way (a cell
      // left blank by a script), so say so rather than store none.
      auto it = object_.find(field);
      if (it != object_.end() && it->is_string()) {
        errors_.push_back({field, "field \"" + field +
                                      "\" is empty; give a date (YYYY, YYYY-MM or YYYY-MM-DD) "
                                      "or leave the field out"});
      }
      return {};
    }
    Result<PartialDate> date = PartialDate::Parse(text);
    if (!date) {
      errors_.push_back({field, date.error().message()});
      return {};
    }
    return *date;
  }

  std::map<std::string, std::string> StringMap(const std::string& field) {
    std::map<std::string, std::string> values;
    const Json* object = Object(field);
    if (object == nullptr) return values;
    for (const auto& [key, value] : object->items()) {
      if (!value.is_string()) {
        errors_.push_back({field, "attribute \"" + PrintableText(key) + "\" must be a string"});
        continue;
      }
      values[key] = value.get<std::string>();
    }
    return values;
  }

  // Reports every field of the object not consumed, suggesting the closest known one.
  void ReportUnknownFields() {
    std::vector<std::string> known(consumed_.begin(), consumed_.end());
    for (const auto& [key, value] : object_.items()) {
      if (consumed_.count(key) != 0) continue;
      std::string message = "unknown field \"" + PrintableText(key) + "\"";
      message += DidYouMean(key, known);
      errors_.push_back({key, message});
    }
  }

 private:
  const Json& object_;
  std::vector<FieldError>& errors_;
  std::set<std::string> consumed_;
};

void CheckObject(const Json& json, std::vector<FieldError>& errors) {
  if (!json.is_object()) errors.push_back({"", "a record must be a JSON object"});
}

// Strings may only sit in a known small set of sub-objects; anything else in
// them is a typo worth reporting.
void CheckKeys(const Json& object, const std::string& field,
               const std::vector<std::string>& allowed, std::vector<FieldError>& errors) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string message = "unknown field \"";
    message.append(field).append(".").append(PrintableText(key)).append("\"");
    message += DidYouMean(key, allowed, field + ".");
    errors.push_back({field, message});
  }
}

std::string SubString(const Json& object, const std::string& field, const std::string& key,
                      bool required, std::vector<FieldError>& errors) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) errors.push_back({field, "missing field \"" + field + "." + key + "\""});
    return "";
  }
  if (!it->is_string()) {
    errors.push_back({field, "field \"" + field + "." + key + "\" must be a string"});
    return "";
  }
  std::string value = it->get<std::string>();
  if (required && value.empty()) {
    errors.push_back({field, "field \"" + field + "." + key + "\" must not be empty"});
  }
  return value;
}

// A date in a sub-object ("period.since"); empty when absent or wrong.
PartialDate SubDate(const Json& object, const std::string& field, const std::string& key,
                    std::vector<FieldError>& errors) {
  const size_t before = errors.size();
  const std::string text = SubString(object, field, key, false, errors);
  if (errors.size() != before) return {};
  if (text.empty()) {
    if (object.contains(key)) {
      errors.push_back({field, "field \"" + field + "." + key +
                                   "\" is empty; give a date (YYYY, YYYY-MM or YYYY-MM-DD) "
                                   "or leave the field out"});
    }
    return {};
  }
  Result<PartialDate> date = PartialDate::Parse(text);
  if (!date) {
    errors.push_back({field, field + "." + key + ": " + date.error().message()});
    return {};
  }
  return *date;
}

// Appends `text` as a JSON string the way nlohmann's dump() does (UTF-8 kept
// as it is; quote, backslash and control characters escaped, the common ones
// by name, the rest as \u00xx).
void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  size_t plain = 0;  // start of the run not yet copied
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
  }
  out.append(text.substr(plain));
  out += '"';
}

// Appends `"key":value` to an object being written, after a comma unless
// it is the first member. Keys are escaped too: attribute names are text.
void AppendKey(std::string& out, std::string_view key) {
  if (out.back() != '{') out += ',';
  AppendJsonString(out, key);
  out += ':';
}

void AppendMember(std::string& out, std::string_view key, std::string_view value) {
  AppendKey(out, key);
  AppendJsonString(out, value);
}

void AppendStringMap(std::string& out, std::string_view key,
                     const std::map<std::string, std::string>& values) {
  AppendKey(out, key);
  out += '{';
  for (const auto& [name, value] : values) AppendMember(out, name, value);
  out += '}';
}

bool AllValidUtf8(std::initializer_list<std::string_view> texts,
                  const std::map<std::string, std::string>& attributes) {
  for (std::string_view text : texts) {
    if (!IsValidUtf8(text)) return false;
  }
  for (const auto& [key, value] : attributes) {
    if (!IsValidUtf8(key) || !IsValidUtf8(value)) return false;
  }
  return true;
}

}  // namespace

std::string SourceJsonText(const SourceDocument& source) { return SourceToJson(source).dump(); }

std::string EntityJsonText(const Entity& entity) {
  bool valid =
      AllValidUtf8({entity.id, entity.kind, entity.name.en, entity.name.zh}, entity.attributes);
  for (const std::string& alias : entity.aliases) valid = valid && IsValidUtf8(alias);
  if (!valid) return EntityToJson(entity).dump();
  std::string out = "{";
  out.reserve(128);
  AppendMember(out, "id", entity.id);
  AppendMember(out, "kind", entity.kind);
  AppendKey(out, "name");
  out += '{';
  if (!entity.name.en.empty()) AppendMember(out, "en", entity.name.en);
  if (!entity.name.zh.empty()) AppendMember(out, "zh", entity.name.zh);
  out += '}';
  if (!entity.aliases.empty()) {
    AppendKey(out, "aliases");
    out += '[';
    for (size_t i = 0; i < entity.aliases.size(); ++i) {
      if (i > 0) out += ',';
      AppendJsonString(out, entity.aliases[i]);
    }
    out += ']';
  }
  if (!entity.attributes.empty()) AppendStringMap(out, "attributes", entity.attributes);
  out += '}';
  return out;
}

std::string RelationJsonText(const Relation& relation) {
  const Amount no_amount;
  const Citation no_source;
  const Amount& amount = relation.amount ? *relation.amount : no_amount;
  const Citation& source = relation.source ? *relation.source : no_source;
  if (!AllValidUtf8({relation.id, relation.type, relation.from, relation.to, relation.title,
                     relation.role, amount.currency, source.doc, source.quote},
                    relation.attributes)) {
    return RelationToJson(relation).dump();
  }
  std::string out = "{";
  out.reserve(256);
  AppendMember(out, "id", relation.id);
  AppendMember(out, "type", relation.type);
  AppendMember(out, "from", relation.from);
  AppendMember(out, "to", relation.to);
  if (!relation.title.empty()) AppendMember(out, "title", relation.title);
  if (!relation.since.empty()) AppendMember(out, "since", relation.since.ToString());
  if (!relation.until.empty()) AppendMember(out, "until", relation.until.ToString());
  if (relation.amount) {
    AppendKey(out, "amount");
    out += '{';
    AppendKey(out, "value");
    out += AmountValueToJson(amount.value).dump();
    AppendMember(out, "currency", amount.currency);
    out += '}';
  }
  if (!relation.role.empty()) AppendMember(out, "role", relation.role);
  if (!relation.attributes.empty()) AppendStringMap(out, "attributes", relation.attributes);
  if (relation.source) {
    AppendKey(out, "source");
    out += '{';
    AppendMember(out, "doc", source.doc);
    AppendMember(out, "quote", source.quote);
    out += '}';
  }
  out += '}';
  return out;
}

OrderedJson AmountValueToJson(double value) {
  // 2^53: beyond it not every integer is a double, so keep the double form.
  if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 9007199254740992.0) {
    return static_cast<int64_t>(value);
  }
  return value;
}

OrderedJson EntityToJson(const Entity& entity) {
  OrderedJson json;
  json["id"] = entity.id;
  json["kind"] = entity.kind;
  OrderedJson name = OrderedJson::object();
  if (!entity.name.en.empty()) name["en"] = entity.name.en;
  if (!entity.name.zh.empty()) name["zh"] = entity.name.zh;
  json["name"] = name;
  if (!entity.aliases.empty()) json["aliases"] = entity.aliases;
  if (!entity.attributes.empty()) json["attributes"] = entity.attributes;
  return json;
}

OrderedJson RelationToJson(const Relation& relation) {
  OrderedJson json;
  json["id"] = relation.id;
  json["type"] = relation.type;
  json["from"] = relation.from;
  json["to"] = relation.to;
  if (!relation.title.empty()) json["title"] = relation.title;
  if (!relation.since.empty()) json["since"] = relation.since.ToString();
  if (!relation.until.empty()) json["until"] = relation.until.ToString();
  if (relation.amount) {
    json["amount"] = {{"value", AmountValueToJson(relation.amount->value)},
                      {"currency", relation.amount->currency}};
  }
  if (!relation.role.empty()) json["role"] = relation.role;
  if (!relation.attributes.empty()) json["attributes"] = relation.attributes;
  if (relation.source) {
    json["source"] = {{"doc", relation.source->doc}, {"quote", relation.source->quote}};
  }
  return json;
}

OrderedJson SourceToJson(const SourceDocument& source) {
  OrderedJson json;
  json["doc"] = source.doc;
  if (!source.title.empty()) json["title"] = source.title;
  if (!source.language.empty()) json["language"] = source.language;
  if (!source.url.empty()) json["url"] = source.url;
  if (!source.symbol.empty()) json["symbol"] = source.symbol;
  if (!source.short_title.empty()) json["short_title"] = source.short_title;
  if (!source.title_en.empty()) json["title_en"] = source.title_en;
  if (!source.published.empty()) json["published"] = source.published.ToString();
  if (!source.period_since.empty() || !source.period_until.empty()) {
    OrderedJson period = OrderedJson::object();
    if (!source.period_since.empty()) period["since"] = source.period_since.ToString();
    if (!source.period_until.empty()) period["until"] = source.period_until.ToString();
    json["period"] = period;
  }
  return json;
}

Entity EntityFromJson(const Json& json, std::vector<FieldError>& errors,
                      const std::vector<std::string>& skip_fields) {
  Entity entity;
  CheckObject(json, errors);
  if (!json.is_object()) return entity;
  FieldReader reader(json, errors, skip_fields);
  entity.id = reader.String("id", true);
  entity.kind = reader.String("kind", true);
  if (const Json* name = reader.Object("name")) {
    CheckKeys(*name, "name", {"en", "zh"}, errors);
    entity.name.en = SubString(*name, "name", "en", false, errors);
    entity.name.zh = SubString(*name, "name", "zh", false, errors);
  }
  if (entity.name.en.empty() && entity.name.zh.empty()) {
    errors.push_back({"name", "an entity needs a name in English or Chinese (name.en, name.zh)"});
  }
  if (const Json* aliases = reader.Array("aliases")) {
    for (const Json& alias : *aliases) {
      if (!alias.is_string() || alias.get<std::string>().empty()) {
        errors.push_back({"aliases", "aliases must be non-empty strings"});
        continue;
      }
      entity.aliases.push_back(alias.get<std::string>());
    }
  }
  entity.attributes = reader.StringMap("attributes");
  reader.ReportUnknownFields();
  return entity;
}

Relation RelationFromJson(const Json& json, std::vector<FieldError>& errors,
                          const std::vector<std::string>& skip_fields) {
  Relation relation;
  CheckObject(json, errors);
  if (!json.is_object()) return relation;
  FieldReader reader(json, errors, skip_fields);
  relation.id = reader.String("id", true);
  relation.type = reader.String("type", true);
  relation.from = reader.String("from", true);
  relation.to = reader.String("to", true);
  relation.title = reader.String("title", false);
  relation.since = reader.Date("since");
  relation.until = reader.Date("until");
  relation.role = reader.String("role", false);
  relation.attributes = reader.StringMap("attributes");
  if (const Json* amount = reader.Object("amount")) {
    CheckKeys(*amount, "amount", {"value", "currency"}, errors);
    Amount value;
    auto number = amount->find("value");
    if (number == amount->end() || !number->is_number()) {
      errors.push_back({"amount", "amount.value must be a number"});
    } else {
      value.value = number->get<double>();
      if (!std::isfinite(value.value)) {
        errors.push_back({"amount", "amount.value is not a finite number"});
      } else if (value.value < 0) {
        errors.push_back({"amount", "amount.value must not be negative"});
      }
      if (value.value == 0) value.value = 0;  // -0 is stored as 0
    }
    value.currency = SubString(*amount, "amount", "currency", true, errors);
    const std::string& c = value.currency;
    if (!c.empty() && !IsIsoCurrencyCode(c)) {
      errors.push_back({"amount", "amount.currency \"" + PrintableText(c) +
                                      "\" is not an ISO 4217 code (such as USD, EUR or CNY)"});
    }
    relation.amount = value;
  }
  if (const Json* source = reader.Object("source")) {
    CheckKeys(*source, "source", {"doc", "quote"}, errors);
    Citation citation;
    citation.doc = SubString(*source, "source", "doc", true, errors);
    citation.quote = SubString(*source, "source", "quote", true, errors);
    relation.source = citation;
  }
  reader.ReportUnknownFields();
  return relation;
}

SourceDocument SourceFromJson(const Json& json, std::vector<FieldError>& errors,
                              const std::vector<std::string>& skip_fields) {
  SourceDocument source;
  CheckObject(json, errors);
  if (!json.is_object()) return source;
  FieldReader reader(json, errors, skip_fields);
  source.doc = reader.String("doc", true);
  source.title = reader.String("title", false);
  source.language = reader.String("language", false);
  source.url = reader.String("url", false);
  source.symbol = reader.String("symbol", false);
  source.short_title = reader.String("short_title", false);
  source.title_en = reader.String("title_en", false);
  {
    // Named in the message: "published" is not a relation's since or until.
    const size_t before = errors.size();
    source.published = reader.Date("published");
    for (size_t i = before; i < errors.size(); ++i) {
      if (errors[i].message.rfind("field ", 0) != 0) {
        errors[i].message = "published: " + errors[i].message;
      }
    }
  }
  if (const Json* period = reader.Object("period")) {
    const size_t before = errors.size();
    CheckKeys(*period, "period", {"since", "until"}, errors);
    source.period_since = SubDate(*period, "period", "since", errors);
    source.period_until = SubDate(*period, "period", "until", errors);
    if (source.period_since.empty() && source.period_until.empty() && errors.size() == before) {
      errors.push_back({"period",
                        "field \"period\" is empty; give period.since and/or "
                        "period.until, or leave the field out"});
    }
  }
  reader.ReportUnknownFields();
  return source;
}

}  // namespace partnergraph
