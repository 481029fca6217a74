// IATI activity files into PartnerGraph records.
//
// The mapping (README, Importing IATI activity files, has a worked example):
// - each <iati-activity> is a `project` entity, its id "iati-" and the
//   iati-identifier as a slug; its name the title (English, or the first
//   language given; Chinese as name.zh), other titles and the descriptions as
//   attributes title_LANG / description_LANG; activity dates, status,
//   default currency, the reporting organisation's ref and name too;
// - <participating-org> by role: 1 Funding -> `funds` (org -> project: it
//   provides the money); 2 Accountable -> `leads` (it answers for the
//   activity, which is what "leads" records); 3 Extending -> `leads` with role
//   "extending" (it manages the funds and the activity on the funder's
//   behalf: direction, not money of its own, so not `funds`); 4 Implementing
//   -> `implements`. The 1.0x names (Funding, Accountable, Extending,
//   Implementing) are read the same; other 1.0x words (donor) as Funding;
// - <recipient-country> -> `benefits` (project -> the country, by its
//   ISO 3166-1 code, named from Debian's iso-codes in English and Chinese),
//   <recipient-region> -> `benefits` (project -> a region entity, kind
//   `region`); the percentage kept;
// - <transaction> -> `funds` with the amount (value, its currency or the
//   activity's default), dated by transaction-date (value-date kept), from
//   the provider (the reporting organisation when none is named and the
//   money goes out) to the receiver (this project for incoming funds);
//   transaction type, provider-activity-id and receiver-activity-id are
//   attributes, which is how `funds --through` matches a provider's outgoing
//   transaction with the receiver's incoming one;
// - <related-activity> is kept on the project as related_activity_N =
//   "TYPE:IDENTIFIER" (1 parent, 2 child, 3 sibling, 4 co-funded, 5 third
//   party): the other activity need not be imported.
// Organisations are matched by their IATI ref through the map in
// data/iati-organisations.json (ref -> entity id, each citing its source);
// an unknown one becomes an entity named as the file names it, its id
// "iati-org-" and the ref (or the name) as a slug.
#include "io/iati_reader.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include <libxml/xmlreader.h>
#include <nlohmann/json.hpp>

#include "partnergraph/amount.h"
#include "partnergraph/date.h"
#include "partnergraph/text.h"

namespace partnergraph::io {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// One element of an activity, as read.
struct Node {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;
  int line = 0;
  int column = 0;
  std::vector<std::unique_ptr<Node>> children;

  const std::string* Attribute(const std::string& key) const {
    auto it = attributes.find(key);
    return it == attributes.end() ? nullptr : &it->second;
  }
  // An attribute left empty (currency="", as early files write) counts as
  // absent.
  std::string AttributeOr(const std::string& key, const std::string& otherwise = "") const {
    const std::string* value = Attribute(key);
    return value == nullptr || value->empty() ? otherwise : *value;
  }
  const Node* Child(std::string_view child) const {
    for (const auto& node : children) {
      if (node->name == child) return node.get();
    }
    return nullptr;
  }
  template <typename F>
  void Each(std::string_view child, F visit) const {
    for (const auto& node : children) {
      if (node->name == child) visit(*node);
    }
  }
};

std::string Trim(std::string_view text) {
  size_t start = 0;
  size_t end = text.size();
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (start < end && space(text[start])) ++start;
  while (end > start && space(text[end - 1])) --end;
  // Runs of white space inside (line breaks of a wrapped narrative) as one space.
  std::string out;
  for (size_t i = start; i < end; ++i) {
    if (space(text[i])) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// A lowercase slug of a-z, 0-9 and '-', as record ids are.
std::string Slug(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
    if (keep) {
      out.push_back(static_cast<char>(c));
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  return out;
}

// Texts by language: 2.0x <narrative xml:lang="fr">; 1.0x text in the
// element itself. "" is the activity's default language.
std::map<std::string, std::string> Narratives(const Node& node, const std::string& language) {
  std::map<std::string, std::string> texts;
  bool any = false;
  node.Each("narrative", [&](const Node& narrative) {
    any = true;
    std::string text = Trim(narrative.text);
    if (text.empty()) return;
    std::string lang = narrative.AttributeOr("xml:lang", language);
    texts.emplace(lang.empty() ? "en" : lang, std::move(text));
  });
  if (!any) {
    std::string text = Trim(node.text);
    if (!text.empty()) {
      std::string lang = node.AttributeOr("xml:lang", language);
      texts.emplace(lang.empty() ? "en" : lang, std::move(text));
    }
  }
  return texts;
}

// What a relation cites: its element as the file gives it, in short
// (`transaction ref="1234": transaction-type code="1", value currency="EUR"
// 1000, ...`), so a reader finds it in the file.
std::string Quote(const Node& node) {
  std::string quote = node.name;
  for (const auto& [key, value] : node.attributes) {
    quote.append(" ").append(key).append("=\"").append(value).append("\"");
  }
  std::string inner;
  for (const auto& child : node.children) {
    if (child->name == "narrative") {
      if (inner.empty()) inner = Trim(child->text);
      continue;
    }
    std::string part = child->name;
    for (const auto& [key, value] : child->attributes) {
      part.append(" ").append(key).append("=\"").append(value).append("\"");
    }
    const std::string text = Trim(child->text);
    if (!text.empty()) part += " " + text;
    inner += (inner.empty() ? "" : ", ") + part;
  }
  if (inner.empty()) inner = Trim(node.text);
  if (!inner.empty()) quote += ": " + inner;
  if (quote.size() > 400) quote = quote.substr(0, 397) + "...";
  return quote;
}

std::string FirstText(const std::map<std::string, std::string>& texts) {
  auto en = texts.find("en");
  if (en != texts.end()) return en->second;
  return texts.empty() ? std::string() : texts.begin()->second;
}

// The role of a participating organisation: 2.0x codes 1-4, 1.0x names.
int RoleCode(const std::string& role) {
  std::string lower;
  for (char c : role) lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  if (lower == "1" || lower == "funding" || lower == "donor") return 1;
  if (lower == "2" || lower == "accountable") return 2;
  if (lower == "3" || lower == "extending") return 3;
  if (lower == "4" || lower == "implementing") return 4;
  if (lower == "beneficiary") return 5;  // drafts before 1.01
  return 0;
}

// IATI OrganisationType codes to the schema's kinds.
std::string KindOfOrganisationType(const std::string& type) {
  if (type == "10" || type == "11" || type == "15") return "ministry";
  if (type == "40") return "igo";
  return "institution";
}

// Transaction types: 1.0x used letter codes.
std::string TransactionTypeCode(const std::string& code) {
  static const std::map<std::string, std::string> kOld = {
      {"IF", "1"}, {"C", "2"}, {"D", "3"},  {"E", "4"},  {"IR", "5"},
      {"LR", "6"}, {"R", "7"}, {"QP", "8"}, {"QS", "9"}, {"CG", "10"}};
  auto it = kOld.find(code);
  return it == kOld.end() ? code : it->second;
}

bool IncomingTransaction(const std::string& code) {
  return code == "1" || code == "11" || code == "13";
}

class ActivityReader {
 public:
  ActivityReader(const std::string& path, IatiState& state, Dataset& dataset,
                 ValidationErrors& errors)
      : path_(path), state_(state), dataset_(dataset), errors_(errors) {}

  void Read(const Node& activity, const std::string& file_language,
            const std::string& file_currency);
  // An <iati-organisation> of an organisation file: the organisation and
  // its budgets (see ReadOrganisation below).
  void ReadOrganisation(const Node& organisation, const std::string& file_language,
                        const std::string& file_currency);

 private:
  SourceLocation At(const Node& node) const {
    SourceLocation where;
    where.file = path_;
    where.line = node.line;
    where.column = node.column;
    return where;
  }
  void Error(const Node& node, const std::string& subject, const std::string& field,
             const std::string& message) {
    errors_.Add(Problem{At(node), subject, field, message});
    if (errors_.problems.size() == errors_.total) {
      elements_.emplace_back(errors_.problems.size() - 1, node.name);
    }
  }

 public:
  // Each problem reported (by index) and the element it concerns.
  std::vector<std::pair<size_t, std::string>> elements_;

 private:
  // The entity id of an organisation element (participating-org,
  // provider-org, receiver-org, reporting-org); emits an entity for an
  // unknown one. "" when it names no organisation.
  std::string Organisation(const Node& org, const std::string& language);
  std::string Country(const Node& node, const std::string& subject);
  // The amount of a budget's <value> and its period-start / period-end;
  // false, with the problems reported, when they are not usable.
  bool Budget(const Node& budget, const std::string& subject, const std::string& where,
              const std::string& default_currency, Amount& amount, PartialDate& start,
              PartialDate& end);
  std::string Region(const Node& node, const std::string& subject);
  void Emit(Entity entity, const Node& node) {
    if (!state_.emitted.insert(entity.id).second) return;
    state_.referenced_entities.insert(entity.id);
    dataset_.entities.push_back({std::move(entity), At(node), false});
  }
  void AddRelation(Relation relation, const Node& node) {
    relation.source = Citation{fs::path(path_).filename().string(), Quote(node)};
    dataset_.relations.push_back({std::move(relation), At(node), false});
  }

  const std::string& path_;
  IatiState& state_;
  Dataset& dataset_;
  ValidationErrors& errors_;
};

std::string ActivityReader::Organisation(const Node& org, const std::string& language) {
  const std::string ref = Trim(org.AttributeOr("ref"));
  if (!ref.empty()) {
    auto known = state_.organisations.find(ref);
    if (known != state_.organisations.end()) return known->second;
  }
  const std::string name = FirstText(Narratives(org, language));
  if (ref.empty() && name.empty()) return "";
  std::string id = "iati-org-" + Slug(ref.empty() ? name : ref);
  if (id.size() > 100) id.resize(100);
  Entity entity;
  entity.id = id;
  entity.kind = KindOfOrganisationType(org.AttributeOr("type"));
  entity.name.en = name.empty() ? ref : name;
  if (!ref.empty()) entity.attributes["iati_ref"] = ref;
  Emit(std::move(entity), org);
  return id;
}

std::string ActivityReader::Country(const Node& node, const std::string& subject) {
  std::string code = Trim(node.AttributeOr("code"));
  for (char& c : code) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  if (code.size() == 3) {
    auto alpha2 = state_.alpha3.find(code);
    if (alpha2 != state_.alpha3.end()) code = alpha2->second;
  }
  auto it = state_.countries.find(code);
  if (it == state_.countries.end()) {
    Error(
        node, subject, "recipient-country",
        "recipient-country code \"" + PrintableText(code) + "\" is not an ISO 3166-1 alpha-2 code");
    return "";
  }
  Entity entity;
  entity.id = Slug(it->second.first);
  entity.kind = "country";
  entity.name.en = it->second.first;
  entity.name.zh = it->second.second;
  entity.attributes["iso_3166_1"] = code;
  std::string id = entity.id;
  Emit(std::move(entity), node);
  return id;
}

std::string ActivityReader::Region(const Node& node, const std::string& subject) {
  const std::string code = Trim(node.AttributeOr("code"));
  const std::string vocabulary = node.AttributeOr("vocabulary", "1");
  if (code.empty()) {
    Error(node, subject, "recipient-region", "recipient-region without a code");
    return "";
  }
  Entity entity;
  entity.id = "iati-region-" + Slug(vocabulary) + "-" + Slug(code);
  entity.kind = "region";
  const std::string name = FirstText(Narratives(node, ""));
  entity.name.en =
      name.empty() ? "Region " + code + " (IATI region vocabulary " + vocabulary + ")" : name;
  entity.attributes["iati_region_code"] = code;
  entity.attributes["iati_region_vocabulary"] = vocabulary;
  std::string id = entity.id;
  Emit(std::move(entity), node);
  return id;
}

void ActivityReader::Read(const Node& activity, const std::string& file_language,
                          const std::string& file_currency) {
  const std::string language = activity.AttributeOr("xml:lang", file_language);
  const std::string currency = activity.AttributeOr("default-currency", file_currency);
  const Node* identifier = activity.Child("iati-identifier");
  std::string iati_id = identifier == nullptr ? "" : Trim(identifier->text);
  bool from_other_identifier = false;
  if (const Node* other = activity.Child("other-identifier"); iati_id.empty() && other) {
    // Files written before iati-identifier (early 1.0x) name an activity by
    // the publisher's code and the publisher: unique with the owner only.
    const std::string owner = Trim(other->AttributeOr("owner-ref")).empty()
                                  ? Trim(other->AttributeOr("owner-name"))
                                  : Trim(other->AttributeOr("owner-ref"));
    const std::string code = Trim(other->text);
    if (!owner.empty() && !code.empty()) {
      iati_id = owner + "-" + code;
      from_other_identifier = true;
    }
  }
  if (iati_id.empty()) {
    const Node* other = activity.Child("other-identifier");
    std::string hint;
    if (other != nullptr && !Trim(other->text).empty()) {
      hint = " (other-identifier \"" + PrintableText(Trim(other->text)) +
             "\" names no owner-ref or owner-name: without one it is not unique across "
             "publishers)";
    }
    Error(identifier == nullptr ? activity : *identifier, "", "iati-identifier",
          "an iati-activity needs an iati-identifier: its project's id is made from it" + hint);
    return;
  }
  std::string project_id = "iati-" + Slug(iati_id);
  if (project_id.size() > 100) project_id.resize(100);
  const std::string subject = "activity " + PrintableText(iati_id);

  Entity project;
  project.id = project_id;
  project.kind = "project";
  project.attributes["iati_identifier"] = iati_id;
  if (from_other_identifier) project.attributes["identifier_from"] = "other-identifier";
  activity.Each("title", [&](const Node& title) {
    for (const auto& [lang, text] : Narratives(title, language)) {
      if (lang == "en" && project.name.en.empty()) {
        project.name.en = text;
      } else if ((lang == "zh" || lang.starts_with("zh-")) && project.name.zh.empty()) {
        project.name.zh = text;
      } else {
        project.attributes["title_" + lang] = text;
      }
    }
  });
  if (project.name.en.empty() && project.name.zh.empty()) {
    // No English or Chinese title: the first other language names it.
    auto first = project.attributes.lower_bound("title_");
    if (first != project.attributes.end() && first->first.starts_with("title_")) {
      project.name.en = first->second;
    }
  }
  if (project.name.en.empty() && project.name.zh.empty()) {
    const Node* title = activity.Child("title");
    Error(title != nullptr ? *title : activity, subject, "title",
          "the activity has no title: a project needs a name");
  }
  int description_count = 0;
  activity.Each("description", [&](const Node& description) {
    const std::string type = description.AttributeOr("type", "1");
    for (const auto& [lang, text] : Narratives(description, language)) {
      std::string key = "description_" + lang + (type == "1" ? "" : "_type" + type);
      if (project.attributes.contains(key)) key += "_" + std::to_string(++description_count);
      project.attributes[key] = text;
    }
  });
  if (const Node* status = activity.Child("activity-status")) {
    std::string code = status->AttributeOr("code");
    if (!code.empty()) project.attributes["activity_status"] = code;
  }
  activity.Each("activity-date", [&](const Node& date) {
    static const std::map<std::string, std::string> kTypes = {{"1", "planned_start"},
                                                              {"2", "actual_start"},
                                                              {"3", "planned_end"},
                                                              {"4", "actual_end"},
                                                              {"start-planned", "planned_start"},
                                                              {"start-actual", "actual_start"},
                                                              {"end-planned", "planned_end"},
                                                              {"end-actual", "actual_end"}};
    auto type = kTypes.find(date.AttributeOr("type"));
    std::string iso = Trim(date.AttributeOr("iso-date"));
    if (type == kTypes.end() || iso.empty()) return;
    if (!PartialDate::Parse(iso.substr(0, 10))) {
      Error(date, subject, "activity-date",
            "iso-date \"" + PrintableText(iso) + "\" is not a date");
      return;
    }
    project.attributes[type->second] = iso.substr(0, 10);
  });
  if (!currency.empty()) project.attributes["default_currency"] = currency;
  if (const Node* reporting = activity.Child("reporting-org")) {
    const std::string ref = Trim(reporting->AttributeOr("ref"));
    if (!ref.empty()) project.attributes["reporting_org_ref"] = ref;
    const std::string name = FirstText(Narratives(*reporting, language));
    if (!name.empty()) project.attributes["reporting_org"] = name;
  }
  const std::string reporting_org = activity.Child("reporting-org") == nullptr
                                        ? std::string()
                                        : Organisation(*activity.Child("reporting-org"), language);
  if (!reporting_org.empty()) project.attributes["reporting_org_entity"] = reporting_org;
  // Related activities: kept as attributes of the project (the other
  // activity may not be imported), type by type.
  int related_count = 0;
  activity.Each("related-activity", [&](const Node& related) {
    const std::string ref = Trim(related.AttributeOr("ref"));
    if (ref.empty()) return;
    ++related_count;
    project.attributes["related_activity_" + std::to_string(related_count)] =
        related.AttributeOr("type") + ":" + ref;
  });
  if (state_.emitted.contains(project_id)) {
    Error(activity, subject, "iati-identifier",
          "activity " + PrintableText(iati_id) + " appears twice in the files imported");
    return;
  }
  state_.emitted.insert(project_id);
  dataset_.entities.push_back({project, At(activity), false});

  // Participating organisations, by role.
  int org_count = 0;
  activity.Each("participating-org", [&](const Node& org) {
    ++org_count;
    const int role = RoleCode(org.AttributeOr("role"));
    if (role == 0) {
      Error(org, subject, "participating-org",
            "participating-org role \"" + PrintableText(org.AttributeOr("role")) +
                "\" is not 1-4 (Funding, Accountable, Extending, Implementing) or beneficiary");
      return;
    }
    const std::string org_id = Organisation(org, language);
    if (org_id.empty()) {
      Error(org, subject, "participating-org", "participating-org with neither ref nor name");
      return;
    }
    static const char* const kTypes[] = {"", "funds", "leads", "leads", "implements", "benefits"};
    static const char* const kRoles[] = {"",          "funding",      "accountable",
                                         "extending", "implementing", "beneficiary"};
    Relation relation;
    relation.type = kTypes[role];
    relation.from = role == 5 ? project_id : org_id;
    relation.to = role == 5 ? org_id : project_id;
    relation.role = kRoles[role];
    relation.id = project_id + "-" + relation.role + "-" + Slug(org_id);
    if (relation.id.size() > 100) relation.id = project_id + "-org-" + std::to_string(org_count);
    const std::string activity_id = Trim(org.AttributeOr("activity-id"));
    if (!activity_id.empty()) relation.attributes["activity_id"] = activity_id;
    relation.attributes["iati_role"] = std::to_string(role);
    AddRelation(std::move(relation), org);
  });

  // Recipients.
  activity.Each("recipient-country", [&](const Node& node) {
    const std::string country = Country(node, subject);
    if (country.empty()) return;
    Relation relation;
    relation.type = "benefits";
    relation.from = project_id;
    relation.to = country;
    relation.id = project_id + "-benefits-" + country;
    const std::string percentage = node.AttributeOr("percentage");
    if (!percentage.empty()) relation.attributes["percentage"] = percentage;
    AddRelation(std::move(relation), node);
  });
  activity.Each("recipient-region", [&](const Node& node) {
    const std::string region = Region(node, subject);
    if (region.empty()) return;
    Relation relation;
    relation.type = "benefits";
    relation.from = project_id;
    relation.to = region;
    relation.id = project_id + "-benefits-" + region;
    const std::string percentage = node.AttributeOr("percentage");
    if (!percentage.empty()) relation.attributes["percentage"] = percentage;
    AddRelation(std::move(relation), node);
  });

  // Transactions: money with amounts and dates.
  int transaction_count = 0;
  activity.Each("transaction", [&](const Node& transaction) {
    ++transaction_count;
    const std::string where = "transaction " + std::to_string(transaction_count);
    const Node* type_node = transaction.Child("transaction-type");
    const std::string type =
        type_node == nullptr ? "" : TransactionTypeCode(type_node->AttributeOr("code"));
    // Every problem of the transaction is reported before giving up on it.
    bool failed = false;
    const Node* value = transaction.Child("value");
    const std::string value_text = value == nullptr ? "" : Trim(value->text);
    double amount = 0;
    if (value_text.empty()) {
      Error(value == nullptr ? transaction : *value, subject, "value", where + " has no value");
      failed = true;
    } else {
      try {
        size_t used = 0;
        amount = std::stod(value_text, &used);
        if (used != value_text.size()) throw std::invalid_argument("trailing text");
      } catch (const std::exception&) {
        Error(*value, subject, "value",
              where + ": value \"" + PrintableText(value_text) +
                  "\" is not a number (xsd:decimal: digits and one '.')");
        failed = true;
      }
    }
    const std::string value_currency =
        value == nullptr ? currency : value->AttributeOr("currency", currency);
    if (value_currency.empty()) {
      Error(value == nullptr ? transaction : *value, subject, "currency",
            where + " has no currency, and the activity no default-currency");
      failed = true;
    }
    PartialDate date_value;
    if (const Node* date = transaction.Child("transaction-date")) {
      const std::string iso = Trim(date->AttributeOr("iso-date")).substr(0, 10);
      Result<PartialDate> parsed = PartialDate::Parse(iso);
      if (!parsed) {
        Error(*date, subject, "transaction-date",
              where + ": iso-date \"" + PrintableText(iso) + "\" is not a date");
        failed = true;
      } else {
        date_value = *parsed;
      }
    }
    const Node* provider = transaction.Child("provider-org");
    const Node* receiver = transaction.Child("receiver-org");
    const bool incoming =
        IncomingTransaction(type) || transaction.AttributeOr("flow") == "incoming";
    std::string from = provider == nullptr ? "" : Organisation(*provider, language);
    std::string to = receiver == nullptr ? "" : Organisation(*receiver, language);
    if (incoming) {
      to = project_id;
    } else if (from.empty()) {
      from = reporting_org;
    }
    // Money an organisation passes to itself (a receiver with the provider's
    // ref: its own office or trust fund) goes to the project it is for.
    if (to.empty() || to == from) to = project_id;
    if (from.empty()) {
      Error(transaction, subject, "provider-org",
            where + " names no provider-org and the activity no reporting-org");
      return;
    }
    if (failed) return;
    Relation relation;
    relation.type = "funds";
    relation.from = from;
    relation.to = to;
    relation.id = project_id + "-tx-" + std::to_string(transaction_count);
    relation.amount = Amount{amount < 0 ? -amount : amount, value_currency};
    if (amount < 0) relation.attributes["negative"] = "true";
    relation.attributes["activity"] = project_id;
    relation.attributes["iati_identifier"] = iati_id;
    if (!type.empty()) relation.attributes["transaction_type"] = type;
    relation.since = date_value;
    relation.until = date_value;
    const std::string value_date = Trim(value->AttributeOr("value-date"));  // value is set
    if (!value_date.empty()) relation.attributes["value_date"] = value_date;
    if (provider != nullptr) {
      std::string id = Trim(provider->AttributeOr("provider-activity-id"));
      if (!id.empty()) relation.attributes["provider_activity_id"] = id;
    }
    if (receiver != nullptr) {
      std::string id = Trim(receiver->AttributeOr("receiver-activity-id"));
      if (!id.empty()) relation.attributes["receiver_activity_id"] = id;
    }
    const std::string ref = transaction.AttributeOr("ref");
    if (!ref.empty()) relation.attributes["transaction_ref"] = ref;
    if (const Node* description = transaction.Child("description")) {
      relation.title = FirstText(Narratives(*description, language));
    }
    AddRelation(std::move(relation), transaction);
  });
}

bool ActivityReader::Budget(const Node& budget, const std::string& subject,
                            const std::string& where, const std::string& default_currency,
                            Amount& amount, PartialDate& start, PartialDate& end) {
  bool ok = true;
  const Node* value = budget.Child("value");
  const std::string value_text = value == nullptr ? "" : Trim(value->text);
  double number = 0;
  if (value_text.empty()) {
    Error(value == nullptr ? budget : *value, subject, "value", where + " has no value");
    ok = false;
  } else {
    try {
      size_t used = 0;
      number = std::stod(value_text, &used);
      if (used != value_text.size()) throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
      Error(*value, subject, "value",
            where + ": value \"" + PrintableText(value_text) +
                "\" is not a number (xsd:decimal: digits and one '.')");
      ok = false;
    }
    if (ok && number < 0) {
      Error(*value, subject, "value",
            where + ": value \"" + PrintableText(value_text) + "\" is negative: a budget is not");
      ok = false;
    }
  }
  const std::string currency =
      value == nullptr ? default_currency : value->AttributeOr("currency", default_currency);
  if (currency.empty()) {
    Error(value == nullptr ? budget : *value, subject, "currency",
          where + " has no currency, and the organisation no default-currency");
    ok = false;
  }
  auto date = [&](const char* element, PartialDate& out) {
    const Node* node = budget.Child(element);
    if (node == nullptr) {
      Error(budget, subject, element, where + " has no " + element);
      ok = false;
      return;
    }
    const std::string iso = Trim(node->AttributeOr("iso-date")).substr(0, 10);
    Result<PartialDate> parsed = PartialDate::Parse(iso);
    if (!parsed) {
      Error(*node, subject, element,
            where + ": " + element + " iso-date \"" + PrintableText(iso) + "\" is not a date");
      ok = false;
      return;
    }
    out = *parsed;
  };
  date("period-start", start);
  date("period-end", end);
  if (ok) amount = Amount{number == 0 ? 0 : number, currency};
  return ok;
}

// An organisation file describes one organisation per <iati-organisation>:
// - the organisation becomes (or, by its ref through the organisation map,
//   matches) an entity, as organisations named in activity files do; its
//   name in every language: English and Chinese as its names, the others as
//   attributes name_LANG and as aliases, so that any of them finds it;
// - <recipient-org-budget>: `funds` from the organisation to the recipient
//   organisation, with the budget's amount and period (since = period-start,
//   until = period-end), role "budget";
// - <recipient-country-budget>: `funds` from the organisation to the
//   country, role "country budget". Not `benefits`: the schema has benefits
//   go from a project, initiative or instrument, and an organisation file
//   names none; the money is the organisation's, allotted to the country;
// - <total-budget>, <total-expenditure> and <recipient-region-budget>
//   (a region receives no funds in the schema) are kept as attributes of
//   the organisation; budget lines break the same money down and are not
//   added; document links are not imported.
// Budgets are plans: each funds relation says so in iati_budget (the
// element's name) and budget_status (1 indicative, 2 committed).
void ActivityReader::ReadOrganisation(const Node& organisation, const std::string& file_language,
                                      const std::string& file_currency) {
  const std::string language = organisation.AttributeOr("xml:lang", file_language);
  const std::string currency = organisation.AttributeOr("default-currency", file_currency);
  const Node* identifier = organisation.Child("organisation-identifier");
  const std::string ref = identifier == nullptr ? "" : Trim(identifier->text);
  if (ref.empty()) {
    Error(identifier == nullptr ? organisation : *identifier, "", "organisation-identifier",
          "an iati-organisation needs an organisation-identifier: its entity is matched or "
          "made by it");
    return;
  }
  const std::string subject = "organisation " + PrintableText(ref);
  std::map<std::string, std::string> names;
  if (const Node* name = organisation.Child("name")) names = Narratives(*name, language);
  std::string org_id;
  auto known = state_.organisations.find(ref);
  if (known != state_.organisations.end()) {
    org_id = known->second;  // a stored entity: used as stored
  } else {
    org_id = "iati-org-" + Slug(ref);
    if (org_id.size() > 100) org_id.resize(100);
    Entity entity;
    entity.id = org_id;
    for (const auto& [lang, text] : names) {
      if (lang == "en" && entity.name.en.empty()) {
        entity.name.en = text;
      } else if ((lang == "zh" || lang.starts_with("zh-")) && entity.name.zh.empty()) {
        entity.name.zh = text;
      } else {
        entity.attributes["name_" + lang] = text;
        if (std::find(entity.aliases.begin(), entity.aliases.end(), text) == entity.aliases.end()) {
          entity.aliases.push_back(text);
        }
      }
    }
    if (entity.name.en.empty() && entity.name.zh.empty()) {
      if (names.empty()) {
        entity.name.en = ref;
      } else {
        // No English or Chinese name: the first other language names it.
        entity.name.en = names.begin()->second;
        std::erase(entity.aliases, entity.name.en);
      }
    }
    // The organisation's type is given where it reports for itself.
    const Node* reporting = organisation.Child("reporting-org");
    const bool reports_itself = reporting != nullptr && Trim(reporting->AttributeOr("ref")) == ref;
    entity.kind = KindOfOrganisationType(reports_itself ? reporting->AttributeOr("type") : "");
    entity.attributes["iati_ref"] = ref;
    if (reports_itself && !reporting->AttributeOr("type").empty()) {
      entity.attributes["iati_organisation_type"] = reporting->AttributeOr("type");
    }
    if (!currency.empty()) entity.attributes["default_currency"] = currency;
    // Totals and region budgets: no relation in the schema carries them.
    int totals = 0;
    for (const char* element : {"total-budget", "total-expenditure", "recipient-region-budget"}) {
      organisation.Each(element, [&](const Node& budget) {
        const std::string where = std::string(element) + " " + std::to_string(++totals);
        Amount amount;
        PartialDate start;
        PartialDate end;
        if (!Budget(budget, subject, where, currency, amount, start, end)) return;
        std::string key = element;
        std::replace(key.begin(), key.end(), '-', '_');
        std::string text = FormatAmount(amount) + ", " + start.ToString() + " to " + end.ToString();
        if (const Node* region = budget.Child("recipient-region")) {
          key += "_" + Slug(region->AttributeOr("vocabulary", "1")) + "_" +
                 Slug(region->AttributeOr("code"));
        }
        key += "_" + start.ToString();
        entity.attributes[key] = text;
      });
    }
    Emit(std::move(entity), organisation);
  }

  auto add_budget = [&](const Node& budget, const std::string& recipient, const std::string& role,
                        const std::string& where) {
    Amount amount;
    PartialDate start;
    PartialDate end;
    if (!Budget(budget, subject, where, currency, amount, start, end)) return;
    Relation relation;
    relation.type = "funds";
    relation.from = org_id;
    relation.to = recipient;
    relation.role = role;
    relation.amount = amount;
    relation.since = start;
    relation.until = end;
    relation.id = org_id + "-budget-" + Slug(recipient) + "-" + start.ToString();
    if (relation.id.size() > 100) relation.id = org_id + "-budget-" + Slug(where);
    relation.attributes["iati_budget"] = budget.name;
    const std::string status = budget.AttributeOr("status");
    if (!status.empty()) relation.attributes["budget_status"] = status;
    if (const Node* value = budget.Child("value")) {
      const std::string value_date = Trim(value->AttributeOr("value-date"));
      if (!value_date.empty()) relation.attributes["value_date"] = value_date;
    }
    AddRelation(std::move(relation), budget);
  };
  int org_budgets = 0;
  organisation.Each("recipient-org-budget", [&](const Node& budget) {
    const std::string where = "recipient-org-budget " + std::to_string(++org_budgets);
    const Node* recipient = budget.Child("recipient-org");
    const std::string recipient_id = recipient == nullptr ? "" : Organisation(*recipient, language);
    if (recipient_id.empty()) {
      Error(recipient == nullptr ? budget : *recipient, subject, "recipient-org",
            where + " names no recipient-org (neither ref nor name)");
      return;
    }
    add_budget(budget, recipient_id, "budget", where);
  });
  int country_budgets = 0;
  organisation.Each("recipient-country-budget", [&](const Node& budget) {
    const std::string where = "recipient-country-budget " + std::to_string(++country_budgets);
    const Node* country = budget.Child("recipient-country");
    if (country == nullptr) {
      Error(budget, subject, "recipient-country", where + " names no recipient-country");
      return;
    }
    const std::string country_id = Country(*country, subject);
    if (country_id.empty()) return;
    add_budget(budget, country_id, "country budget", where);
  });
}

// --- Streaming the file ---------------------------------------------------

struct ReaderDeleter {
  void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};

std::string Str(const xmlChar* text) {
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text));
}

// The last libxml2 error, as text without its trailing line break.
std::string LastXmlError() {
  const xmlError* error = xmlGetLastError();
  if (error == nullptr || error->message == nullptr) return "malformed XML";
  std::string message = error->message;
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

void ReportXmlError(const std::string& path, ValidationErrors& errors) {
  const xmlError* error = xmlGetLastError();
  SourceLocation where;
  where.file = path;
  if (error != nullptr) {
    where.line = error->line;
    where.column = error->int2;
  }
  errors.Add(Problem{where, "", "", "XML: " + LastXmlError()});
}

// Silences libxml2's printing to stderr: errors are reported as problems.
void IgnoreXmlError(void*, const char*, ...) {}

}  // namespace

// Sets the column of each problem to where its element's tag opens on its
// line (1 when it cannot be found), reading only the lines needed.
void FillColumns(const std::string& path,
                 const std::vector<std::pair<size_t, std::string>>& elements,
                 ValidationErrors& errors) {
  if (elements.empty()) return;
  std::map<int, std::string> lines;
  for (const auto& [index, name] : elements) lines[errors.problems[index].where.line];
  std::ifstream in(path, std::ios::binary);
  std::string text;
  int number = 0;
  auto next = lines.begin();
  while (next != lines.end() && std::getline(in, text)) {
    ++number;
    if (number == next->first) {
      next->second = text;
      ++next;
    }
  }
  for (const auto& [index, name] : elements) {
    SourceLocation& where = errors.problems[index].where;
    const std::string& line = lines[where.line];
    const size_t at = line.find("<" + name);  // name "": the first tag
    where.column = at == std::string::npos ? 1 : static_cast<int>(at) + 1;
  }
}

void PlaceIatiProblems(const std::set<std::string>& files, ValidationErrors& errors) {
  std::map<std::string, std::vector<std::pair<size_t, std::string>>> by_file;
  for (size_t i = 0; i < errors.problems.size(); ++i) {
    const SourceLocation& where = errors.problems[i].where;
    if (where.line > 0 && where.column == 0 && files.contains(where.file)) {
      by_file[where.file].emplace_back(i, "");  // "": the first tag on the line
    }
  }
  for (const auto& [file, elements] : by_file) FillColumns(file, elements, errors);
}

Status ReadIati(const std::string& path, IatiState& state, Dataset& dataset,
                ValidationErrors& errors) {
  {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) return Status::IOError("cannot open " + path + ": " + ErrnoText(errno));
  }
  xmlSetGenericErrorFunc(nullptr, IgnoreXmlError);
  xmlResetLastError();
  std::unique_ptr<xmlTextReader, ReaderDeleter> reader(
      xmlReaderForFile(path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_COMPACT));
  if (!reader) return Status::IOError("cannot read " + path);
  xmlTextReader* r = reader.get();

  SourceDocument source;
  source.doc = fs::path(path).filename().string();
  source.title = "IATI activity file " + source.doc;
  dataset.sources.push_back({source, SourceLocation{path, 1, 1, -1}, false});

  state.files.insert(path);
  ActivityReader activities(path, state, dataset, errors);
  std::string file_language;
  std::string file_currency;
  bool root_seen = false;
  bool organisations = false;  // an organisation file: <iati-organisation> records
  size_t activity_count = 0;
  std::unique_ptr<Node> activity;
  std::vector<Node*> stack;  // open elements inside the current activity
  int result = 0;
  while ((result = xmlTextReaderRead(r)) == 1) {
    const int type = xmlTextReaderNodeType(r);
    if (type == XML_READER_TYPE_ELEMENT) {
      const std::string name = Str(xmlTextReaderConstName(r));
      // The node's own line (the parser's position runs ahead, reading in
      // chunks); its column is found in the file when a problem needs it.
      const int line = static_cast<int>(xmlGetLineNo(xmlTextReaderCurrentNode(r)));
      const int column = 0;
      const bool empty = xmlTextReaderIsEmptyElement(r) == 1;
      if (!root_seen) {
        root_seen = true;
        // The 1.0x worked example holds one activity, without the wrapper.
        organisations = name == "iati-organisations" || name == "iati-organisation";
        if (name != "iati-activities" && name != "iati-activity" && !organisations) {
          errors.Add(Problem{SourceLocation{path, line, 1, -1}, "", "",
                             "the root element is <" + PrintableText(name) +
                                 ">, not <iati-activities> or <iati-organisations>: not an "
                                 "IATI activity or organisation file"});
          return Status::Ok();
        }
        if (organisations) {
          dataset.sources.back().record.title = "IATI organisation file " + source.doc;
        }
        if (name == "iati-activities" || name == "iati-organisations") continue;
      }
      auto node = std::make_unique<Node>();
      node->name = name;
      node->line = line;
      node->column = column;
      while (xmlTextReaderMoveToNextAttribute(r) == 1) {
        node->attributes[Str(xmlTextReaderConstName(r))] = Str(xmlTextReaderConstValue(r));
      }
      xmlTextReaderMoveToElement(r);
      Node* raw = node.get();
      if (activity == nullptr) {
        // Other top-level elements are skipped.
        if (name != (organisations ? "iati-organisation" : "iati-activity")) continue;
        activity = std::move(node);
      } else {
        stack.back()->children.push_back(std::move(node));
      }
      if (!empty) {
        stack.push_back(raw);
      } else if (raw == activity.get()) {
        stack.clear();
      }
    } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
               type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
      if (!stack.empty()) stack.back()->text += Str(xmlTextReaderConstValue(r));
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      if (!stack.empty()) stack.pop_back();
    }
    if (activity != nullptr && stack.empty()) {
      ++activity_count;
      if (organisations) {
        activities.ReadOrganisation(*activity, file_language, file_currency);
      } else {
        activities.Read(*activity, file_language, file_currency);
      }
      activity.reset();
    }
  }
  FillColumns(path, activities.elements_, errors);
  if (result < 0) {
    ReportXmlError(path, errors);
  } else if (!root_seen) {
    errors.Add(Problem{SourceLocation{path, 1, 1, -1}, "", "", "no XML element in the file"});
  } else if (activity_count == 0) {
    errors.Add(Problem{SourceLocation{path, 1, 1, -1}, "", "",
                       organisations ? "no <iati-organisation> in the file: nothing to import"
                                     : "no <iati-activity> in the file: nothing to import"});
  }
  return Status::Ok();
}

namespace {

// Reads a GNU gettext catalogue (.mo): msgid -> msgstr.
std::map<std::string, std::string> ReadMoCatalogue(const std::string& path) {
  std::map<std::string, std::string> catalogue;
  std::ifstream in(path, std::ios::binary);
  if (!in) return catalogue;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto word = [&data](size_t at, bool swap) -> uint32_t {
    if (at + 4 > data.size()) return 0;
    uint32_t value = 0;
    std::memcpy(&value, data.data() + at, 4);
    if (swap) value = __builtin_bswap32(value);
    return value;
  };
  if (data.size() < 28) return catalogue;
  const uint32_t magic = word(0, false);
  bool swap = false;
  if (magic == 0xde120495) {
    swap = true;
  } else if (magic != 0x950412de) {
    return catalogue;
  }
  const uint32_t count = word(8, swap);
  const uint32_t originals = word(12, swap);
  const uint32_t translations = word(16, swap);
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t id_length = word(originals + 8 * i, swap);
    const uint32_t id_offset = word(originals + 8 * i + 4, swap);
    const uint32_t text_length = word(translations + 8 * i, swap);
    const uint32_t text_offset = word(translations + 8 * i + 4, swap);
    if (uint64_t{id_offset} + id_length > data.size() ||
        uint64_t{text_offset} + text_length > data.size()) {
      break;
    }
    catalogue.emplace(data.substr(id_offset, id_length), data.substr(text_offset, text_length));
  }
  return catalogue;
}

}  // namespace

Status LoadIatiState(const ImportOptions& options, IatiState& state) {
  if (state.loaded) return Status::Ok();
  state.loaded = true;
  // ISO 3166-1 from Debian's iso-codes: English names, Chinese from its
  // gettext catalogue.
  const std::string iso_json = options.iso_codes_dir + "/json/iso_3166-1.json";
  std::ifstream in(iso_json);
  if (!in) {
    return Status::InvalidArgument("cannot read " + iso_json +
                                   ": IATI import names countries from Debian's iso-codes "
                                   "package (apt-get install iso-codes)");
  }
  const std::map<std::string, std::string> chinese =
      ReadMoCatalogue(options.iso_codes_locale_dir + "/zh_CN/LC_MESSAGES/iso_3166-1.mo");
  try {
    Json doc = Json::parse(in);
    for (const Json& country : doc.at("3166-1")) {
      const std::string code = country.at("alpha_2");
      const std::string name = country.at("name");
      std::string english = country.value("common_name", name);
      // "Bolivia, Plurinational State of": the part before the comma.
      if (!country.contains("common_name") && english.find(", ") != std::string::npos) {
        english = english.substr(0, english.find(", "));
      }
      auto zh = chinese.find(name);
      state.countries[code] = {english, zh == chinese.end() ? "" : zh->second};
      if (country.contains("alpha_3")) state.alpha3[country.at("alpha_3")] = code;
    }
  } catch (const Json::exception& e) {
    return Status::InvalidArgument(iso_json + ": " + e.what());
  }
  if (options.iati_organisations.empty()) return Status::Ok();
  // One organisation a line: REF, a tab, the entity id, a tab, where the ref
  // comes from; '#' starts a comment line.
  std::ifstream map_file(options.iati_organisations);
  if (!map_file) {
    return Status::InvalidArgument("cannot read " + options.iati_organisations + ": " +
                                   ErrnoText(errno));
  }
  std::string line;
  int number = 0;
  while (std::getline(map_file, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Trim(line).empty() || Trim(line).front() == '#') continue;
    std::vector<std::string> cells;
    std::stringstream row(line);
    std::string cell;
    while (std::getline(row, cell, '\t')) cells.push_back(Trim(cell));
    const std::string at = options.iati_organisations + ":" + std::to_string(number) + ":1: ";
    if (cells.size() < 3 || cells[0].empty() || cells[1].empty()) {
      return Status::InvalidArgument(at + "expected REF<tab>ENTITY<tab>SOURCE");
    }
    if (cells[2].empty()) {
      return Status::InvalidArgument(at + "the entry for " + cells[0] +
                                     " cites no source: say where the ref comes from");
    }
    if (!state.organisations.emplace(cells[0], cells[1]).second) {
      return Status::InvalidArgument(at + cells[0] + " is mapped twice");
    }
  }
  return Status::Ok();
}

}  // namespace partnergraph::io
