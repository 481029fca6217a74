#include "query/cypher_executor.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "partnergraph/record_columns.h"
#include "partnergraph/spelling.h"
#include "partnergraph/text.h"

#include "query/cypher_parser.h"
#include "query/cypher_regex.h"
#include "query/cypher_value.h"
#include "query/records.h"

namespace partnergraph::cypher {
namespace {

// Raised anywhere in the executor and turned into a Status by Execute: every
// failure ends the query, so unwinding is all the handling there is.
struct QueryError {
  Position position;
  std::string message;
};

using Row = std::vector<CypherValue>;

// What a variable is known to hold before the query runs, for the checks
// Cypher makes at compile time (a node variable reused as a relationship).
enum class VarType : uint8_t { kAny, kNode, kRelationship, kRelationships, kPath, kValue };

const char* VarTypeName(VarType type) {
  switch (type) {
    case VarType::kNode:
      return "a node";
    case VarType::kRelationship:
      return "a relationship";
    case VarType::kRelationships:
      return "a list of relationships";
    case VarType::kPath:
      return "a path";
    case VarType::kValue:
      return "a value";
    case VarType::kAny:
      break;
  }
  return "anything";
}

struct Table {
  std::vector<std::string> names;  // slot -> variable; "" for a hidden slot
  std::vector<VarType> types;      // parallel to names
  std::vector<Row> rows;
};

int SlotOf(const std::vector<std::string>& names, const std::string& name) {
  for (size_t i = names.size(); i-- > 0;) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

bool IsAggregate(const std::string& lower_name) {
  static const std::set<std::string> kAggregates = {
      "count",          "sum",           "avg", "min", "max", "collect", "stdev", "stdevp",
      "percentiledisc", "percentilecont"};
  return kAggregates.count(lower_name) != 0;
}

bool ContainsAggregate(const Expr& expr) {
  if (expr.kind == ExprKind::kCountStar) return true;
  if (expr.kind == ExprKind::kFunction && IsAggregate(Lower(expr.name))) return true;
  for (const ExprPtr& child : expr.children) {
    if (child && ContainsAggregate(*child)) return true;
  }
  return false;
}

void CollectAggregates(const Expr& expr, std::vector<const Expr*>& out) {
  if (expr.kind == ExprKind::kCountStar ||
      (expr.kind == ExprKind::kFunction && IsAggregate(Lower(expr.name)))) {
    out.push_back(&expr);
    return;
  }
  for (const ExprPtr& child : expr.children) {
    if (child) CollectAggregates(*child, out);
  }
}

bool CallsRand(const Expr& expr) {
  if (expr.kind == ExprKind::kFunction && Lower(expr.name) == "rand") return true;
  for (const ExprPtr& child : expr.children) {
    if (child && CallsRand(*child)) return true;
  }
  return false;
}

// Whether a WITH or RETURN gives the same rows however many times each
// input row occurs: DISTINCT without aggregates, or aggregates that are all
// DISTINCT, min or max.
bool IgnoresMultiplicity(const Clause& projection) {
  std::vector<const Expr*> aggregates;
  for (const ProjectionItem& item : projection.items) {
    if (!item.expr || CallsRand(*item.expr)) return false;
    CollectAggregates(*item.expr, aggregates);
  }
  for (const SortItem& sort : projection.order_by) {
    if (!sort.expr || CallsRand(*sort.expr)) return false;
    CollectAggregates(*sort.expr, aggregates);
  }
  if (aggregates.empty()) return projection.distinct && !projection.star;
  return std::all_of(aggregates.begin(), aggregates.end(), [](const Expr* aggregate) {
    if (aggregate->kind == ExprKind::kCountStar) return false;
    const std::string name = Lower(aggregate->name);
    return aggregate->distinct || name == "min" || name == "max";
  });
}

// The variables an expression reads from its scope (not those its own
// comprehensions bind), patterns included.
void FreeVariables(const Expr& expr, std::set<std::string>& bound_inside,
                   std::set<std::string>& out);

void PatternVariables(const Pattern& pattern, std::set<std::string>& bound_inside,
                      std::set<std::string>& out) {
  for (const NodePattern& node : pattern.nodes) {
    if (!node.variable.empty() && bound_inside.count(node.variable) == 0) out.insert(node.variable);
    if (node.properties) FreeVariables(*node.properties, bound_inside, out);
  }
  for (const RelPattern& rel : pattern.rels) {
    if (!rel.variable.empty() && bound_inside.count(rel.variable) == 0) out.insert(rel.variable);
    if (rel.properties) FreeVariables(*rel.properties, bound_inside, out);
  }
}

void FreeVariables(const Expr& expr, std::set<std::string>& bound_inside,
                   std::set<std::string>& out) {
  switch (expr.kind) {
    case ExprKind::kVariable:
      if (bound_inside.count(expr.name) == 0) out.insert(expr.name);
      return;
    case ExprKind::kListComprehension:
    case ExprKind::kQuantifier:
    case ExprKind::kReduce: {
      const size_t list_index = expr.kind == ExprKind::kReduce ? 1 : 0;
      for (size_t i = 0; i < expr.children.size(); ++i) {
        if (expr.kind == ExprKind::kReduce && i == 0 && expr.children[0]) {
          FreeVariables(*expr.children[0], bound_inside, out);
        }
      }
      if (expr.children[list_index]) FreeVariables(*expr.children[list_index], bound_inside, out);
      std::set<std::string> inner = bound_inside;
      inner.insert(expr.variable);
      if (expr.kind == ExprKind::kReduce) inner.insert(expr.keys[0]);
      for (size_t i = list_index + 1; i < expr.children.size(); ++i) {
        if (expr.children[i]) FreeVariables(*expr.children[i], inner, out);
      }
      return;
    }
    case ExprKind::kPatternPredicate:
    case ExprKind::kExists:
    case ExprKind::kPatternComprehension: {
      // Variables of the pattern that are not bound outside are its own;
      // the caller decides (a pattern predicate needs the bound ones).
      // "?x": a variable the pattern may bind itself; "!x": one a pattern
      // predicate reads and so must find bound (it cannot introduce one).
      std::set<std::string> inner;
      PatternVariables(*expr.pattern, bound_inside, inner);
      const char* mark = expr.kind == ExprKind::kPatternPredicate ? "!" : "?";
      for (const std::string& name : inner) out.insert(mark + name);
      // Its WHERE and projection see the pattern's own variables.
      std::set<std::string> with_pattern = bound_inside;
      with_pattern.insert(inner.begin(), inner.end());
      if (!expr.pattern->path_variable.empty()) with_pattern.insert(expr.pattern->path_variable);
      for (const ExprPtr& child : expr.children) {
        if (child) FreeVariables(*child, with_pattern, out);
      }
      if (expr.pattern->where) FreeVariables(*expr.pattern->where, with_pattern, out);
      return;
    }
    default:
      for (const ExprPtr& child : expr.children) {
        if (child) FreeVariables(*child, bound_inside, out);
      }
  }
}

void SplitConjuncts(const Expr* expr, std::vector<const Expr*>& out) {
  if (expr == nullptr) return;
  if (expr->kind == ExprKind::kBinary && expr->name == "AND") {
    SplitConjuncts(expr->children[0].get(), out);
    SplitConjuncts(expr->children[1].get(), out);
    return;
  }
  out.push_back(expr);
}

// Attribute text typed on read (cypher.h).
CypherValue TypedAttribute(const std::string& text) {
  if (text.empty()) return text;
  if (text == "true") return true;
  if (text == "false") return false;
  const char first = text[0];
  if ((first >= '0' && first <= '9') || first == '-' || first == '.') {
    size_t i = first == '-' ? 1 : 0;
    bool digits = i < text.size();
    for (size_t j = i; j < text.size(); ++j) {
      if (text[j] < '0' || text[j] > '9') digits = false;
    }
    if (digits) {
      errno = 0;
      char* end = nullptr;
      const long long value = std::strtoll(text.c_str(), &end, 10);
      if (errno == 0 && *end == '\0') return static_cast<int64_t>(value);
    }
    // A decimal float: -?(digits[.digits]|.digits)([eE][+-]?digits)?
    i = first == '-' ? 1 : 0;
    size_t digits_before = 0;
    size_t digits_after = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      ++i;
      ++digits_before;
    }
    if (i < text.size() && text[i] == '.') {
      ++i;
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
        ++i;
        ++digits_after;
      }
    }
    bool valid = digits_before + digits_after > 0;
    if (valid && i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
      ++i;
      if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
      size_t exponent_digits = 0;
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
        ++i;
        ++exponent_digits;
      }
      valid = exponent_digits > 0;
    }
    if (valid && i == text.size()) return std::strtod(text.c_str(), nullptr);
  }
  if (first == '[') {
    // JSON, read as a parameter value is: a list when it is one.
    CypherValue list = ParseParameterValue(text);
    if (list.is<CypherList>()) return list;
  }
  return text;
}

// The state of one aggregate in one group.
struct Aggregation {
  std::vector<CypherValue> values;  // non-null arguments, deduplicated for DISTINCT
  std::unordered_set<std::string> seen;
  int64_t count_star = 0;
  CypherValue parameter;  // percentile
};

class Executor;

// How a MATCH clause binds its patterns: the order of steps and the
// predicates checked after each.
struct MatchPlan {
  enum class StepKind { kBindNode, kExpand, kShortest, kPath };
  struct Step {
    StepKind kind = StepKind::kBindNode;
    size_t pattern = 0;
    size_t node = 0;                  // kBindNode: node index; kExpand: the node reached
    size_t rel = 0;                   // kExpand, kShortest
    bool forward = true;              // kExpand: walking in written order
    std::vector<const Expr*> checks;  // conjuncts evaluable after this step
  };
  std::vector<std::string> names;  // input names then new variables
  std::vector<VarType> types;      // parallel to names
  size_t input_slots = 0;
  std::vector<Step> steps;
  std::vector<const Expr*> initial_checks;                     // conjuncts with no new variable
  std::vector<std::vector<int>> node_slots;                    // per pattern, per node: slot
  std::vector<std::vector<int>> rel_slots;                     // per pattern, per rel: slot
  std::vector<int> path_slots;                                 // per pattern: slot or -1
  std::vector<std::vector<std::vector<TypeIndex>>> rel_types;  // resolved alternatives
  std::vector<std::vector<std::vector<uint16_t>>> node_kinds;  // per label: allowed kinds
  std::vector<const Pattern*> patterns;
  PartialDate as_of;
  // The clause that reads the matches ignores how many times a binding
  // occurs (DISTINCT, or only DISTINCT, min and max aggregates): a last
  // variable-length hop may then yield each end entity once.
  bool multiplicity_free = false;
};

class Executor {
 public:
  Executor(const Store& store, const Graph& graph, const CypherRequest& request,
           const RecordsLoader& load_records)
      : store_(store),
        graph_(graph),
        topology_(graph.topology()),
        request_(request),
        load_records_(load_records),
        start_(std::chrono::steady_clock::now()) {}

  CypherResult Run(const Query& query) {
    CypherResult result;
    std::vector<Table> parts;
    for (const SingleQuery& single : query.parts) parts.push_back(RunSingle(single));
    Table combined = std::move(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
      if (parts[i].names != combined.names) {
        throw QueryError{{}, "every part of a UNION must return the same columns"};
      }
      for (Row& row : parts[i].rows) combined.rows.push_back(std::move(row));
    }
    bool dedupe = false;
    for (bool all : query.union_all) {
      dedupe = dedupe || !all;
      if (all != query.union_all[0]) {
        throw QueryError{{}, "UNION and UNION ALL cannot be mixed in one query"};
      }
    }
    if (dedupe) combined.rows = Distinct(std::move(combined.rows));
    result.columns = combined.names;
    for (Row& row : combined.rows) {
      for (const CypherValue& value : row) Collect(value, result);
      result.rows.push_back(std::move(row));
    }
    result.notices = UnknownPropertyNotices();
    return result;
  }

 private:
  // --- limits ---
  void Tick() {
    if (++ticks_ % 4096 != 0 || request_.timeout_ms <= 0) return;
    const auto elapsed = std::chrono::steady_clock::now() - start_;
    if (std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() >
        request_.timeout_ms) {
      throw QueryError{{},
                       "the query ran longer than its limit of " +
                           std::to_string(request_.timeout_ms) +
                           " ms (--timeout-ms); narrow it or raise the limit"};
    }
  }
  void CheckRows(size_t rows) const {
    if (rows > request_.max_rows) {
      throw QueryError{{},
                       "the query holds more than " + std::to_string(request_.max_rows) +
                           " rows at once (--max-rows); narrow it or raise the limit"};
    }
  }

  // --- properties no record has ---
  // Property names every entity or relation may have (record_columns.h).
  static const std::vector<std::string>& BuiltInProperties() {
    static const std::vector<std::string> kNames = {
        "id",   "kind",  "name",  "name_zh", "aliases",  "type",       "title",
        "role", "since", "until", "amount",  "currency", "source_doc", "quote"};
    return kNames;
  }

  // A key read as null that is not built in: unknown unless some record
  // holds it as an attribute, which UnknownPropertyNotices finds out once.
  void NoteMissing(const std::string& key) {
    if (missing_keys_.size() < 16) missing_keys_.insert(key);
  }

  // The attribute names records hold, read from the records that have any
  // (the columns flag them); nullopt without columns or past a bound, when
  // nothing is said.
  std::optional<std::set<std::string>> AttributeNames() {
    const RecordColumns& records = Records().records;
    if (!records.HasEntities(topology_.vertex_ids.size()) &&
        !records.HasRelations(topology_.edges.size())) {
      return std::nullopt;
    }
    constexpr size_t kMostRecordsRead = 20000;
    size_t read = 0;
    std::set<std::string> names;
    for (VertexIndex v = 0; v < records.entity_flags.size(); ++v) {
      if ((records.entity_flags[v] & kHasAttributes) == 0) continue;
      if (++read > kMostRecordsRead) return std::nullopt;
      for (const auto& [key, value] : EntityOf(v).attributes) names.insert(key);
    }
    for (EdgeIndex e = 0; e < records.relation_flags.size(); ++e) {
      if ((records.relation_flags[e] & kHasAttributes) == 0) continue;
      if (++read > kMostRecordsRead) return std::nullopt;
      for (const auto& [key, value] : RelationOf(e).attributes) names.insert(key);
    }
    return names;
  }

  std::vector<std::string> UnknownPropertyNotices() {
    std::vector<std::string> notices;
    if (missing_keys_.empty()) return notices;
    std::optional<std::set<std::string>> attributes = AttributeNames();
    if (!attributes) return notices;
    std::vector<std::string> known = BuiltInProperties();
    known.insert(known.end(), attributes->begin(), attributes->end());
    for (const std::string& key : missing_keys_) {
      if (attributes->count(key) != 0) continue;
      notices.push_back("no entity or relation has the property \"" + PrintableText(key) + "\"" +
                        DidYouMean(key, known));
    }
    return notices;
  }

  // --- records ---
  // The topology with the records' columns: the graph's own when it has
  // them, else the same topology with them, loaded the first time a record
  // or a property other than id, kind and type is read (a query that reads
  // none, such as a path's length, never loads them).
  const Topology& Records() {
    if (records_ != nullptr) return *records_;
    records_ = &topology_;
    if (load_records_ && !topology_.records.HasRelations(topology_.edges.size())) {
      Result<const Graph*> with_records = load_records_();
      if (!with_records) throw QueryError{{}, with_records.error().message()};
      records_ = &(*with_records)->topology();
    }
    return *records_;
  }

  const Entity& EntityOf(VertexIndex v) {
    auto it = entities_.find(v);
    if (it != entities_.end()) return it->second;
    Result<Entity> entity = query::EntityAt(store_, Records(), v);
    if (!entity) throw QueryError{{}, entity.error().message()};
    return entities_.emplace(v, std::move(*entity)).first->second;
  }
  const Relation& RelationOf(EdgeIndex e) {
    auto it = relations_.find(e);
    if (it != relations_.end()) return it->second;
    Result<Relation> relation = query::RelationAt(store_, Records(), e);
    if (!relation) throw QueryError{{}, relation.error().message()};
    return relations_.emplace(e, std::move(*relation)).first->second;
  }

  void Collect(const CypherValue& value, CypherResult& result) {
    if (value.is<CypherNode>()) {
      const VertexIndex v = value.as<CypherNode>().vertex;
      if (result.entities.count(v) == 0) result.entities.emplace(v, EntityOf(v));
    } else if (value.is<CypherRelationship>()) {
      const EdgeIndex e = value.as<CypherRelationship>().edge;
      if (result.relations.count(e) == 0) result.relations.emplace(e, RelationOf(e));
    } else if (value.is<CypherPath>()) {
      for (VertexIndex v : value.as<CypherPath>().vertices) Collect(CypherNode{v}, result);
      for (EdgeIndex e : value.as<CypherPath>().edges) Collect(CypherRelationship{e}, result);
    } else if (value.is<CypherList>()) {
      for (const CypherValue& item : value.as<CypherList>()) Collect(item, result);
    } else if (value.is<CypherMap>()) {
      for (const auto& [key, item] : value.as<CypherMap>()) Collect(item, result);
    }
  }

  CypherValue NodeProperty(VertexIndex v, const std::string& key) {
    if (key == "id") return std::string(topology_.vertex_ids.view(v));
    if (key == "kind") return topology_.kind_names[topology_.vertex_kinds[v]];
    const RecordColumns& records = Records().records;
    if (records.HasEntities(topology_.vertex_ids.size())) {
      auto text = [](std::string_view s) {
        return s.empty() ? CypherValue() : CypherValue(std::string(s));
      };
      if (key == "name") return text(records.names.view(v));
      if (key == "name_zh") return text(records.names_zh.view(v));
      if ((records.entity_flags[v] & kHasAttributes) == 0 && key != "aliases") {
        if (SlotOf(BuiltInProperties(), key) < 0) NoteMissing(key);
        return {};
      }
    }
    const Entity& entity = EntityOf(v);
    if (key == "name") return entity.name.en.empty() ? CypherValue() : entity.name.en;
    if (key == "name_zh") return entity.name.zh.empty() ? CypherValue() : entity.name.zh;
    if (key == "aliases") {
      if (entity.aliases.empty()) return {};
      CypherList list(entity.aliases.begin(), entity.aliases.end());
      return list;
    }
    auto it = entity.attributes.find(key);
    if (it == entity.attributes.end()) {
      if (SlotOf(BuiltInProperties(), key) < 0) NoteMissing(key);
      return {};
    }
    return TypedAttribute(it->second);
  }

  CypherValue RelationProperty(EdgeIndex e, const std::string& key) {
    if (key == "id") return std::string(topology_.edge_relation_ids.view(e));
    if (key == "type") return topology_.type_names[topology_.edges.type[e]];
    const RecordColumns& records = Records().records;
    if (records.HasRelations(topology_.edges.size())) {
      auto text = [](std::string_view s) {
        return s.empty() ? CypherValue() : CypherValue(std::string(s));
      };
      if (key == "title") return text(records.titles.view(e));
      if (key == "role") return text(records.roles.view(e));
      if (key == "since") return text(SinceOf(Records(), e).ToString());
      if (key == "until") return text(UntilOf(Records(), e).ToString());
      if (key == "amount") {
        return records.has_amount(e) ? CypherValue(records.amounts[e]) : CypherValue();
      }
      if (key == "currency") return text(records.currency(e));
      if (key == "source_doc") return text(records.source_doc(e));
      if (key == "quote") {
        return records.has_source(e) ? text(records.quotes.view(e)) : CypherValue();
      }
      if ((records.relation_flags[e] & kHasAttributes) == 0) {
        if (SlotOf(BuiltInProperties(), key) < 0) NoteMissing(key);
        return {};
      }
    }
    const Relation& relation = RelationOf(e);
    auto text = [](const std::string& s) { return s.empty() ? CypherValue() : CypherValue(s); };
    if (key == "title") return text(relation.title);
    if (key == "role") return text(relation.role);
    if (key == "since") return text(relation.since.ToString());
    if (key == "until") return text(relation.until.ToString());
    if (key == "amount") {
      return relation.amount ? CypherValue(relation.amount->value) : CypherValue();
    }
    if (key == "currency") return relation.amount ? text(relation.amount->currency) : CypherValue();
    if (key == "source_doc") return relation.source ? text(relation.source->doc) : CypherValue();
    if (key == "quote") return relation.source ? text(relation.source->quote) : CypherValue();
    auto it = relation.attributes.find(key);
    if (it == relation.attributes.end()) {
      if (SlotOf(BuiltInProperties(), key) < 0) NoteMissing(key);
      return {};
    }
    return TypedAttribute(it->second);
  }

  CypherMap NodeProperties(VertexIndex v) {
    CypherMap map;
    for (const char* key : {"id", "kind", "name", "name_zh", "aliases"}) {
      CypherValue value = NodeProperty(v, key);
      if (!value.is_null()) map.emplace_back(key, std::move(value));
    }
    const RecordColumns& records = Records().records;
    if (records.HasEntities(topology_.vertex_ids.size()) &&
        (records.entity_flags[v] & kHasAttributes) == 0) {
      return map;
    }
    for (const auto& [key, text] : EntityOf(v).attributes) {
      if (SlotOf({"id", "kind", "name", "name_zh", "aliases"}, key) >= 0) continue;
      map.emplace_back(key, TypedAttribute(text));
    }
    return map;
  }

  CypherMap RelationProperties(EdgeIndex e) {
    static const std::vector<std::string> kKeys = {"id",         "type",  "title",  "role",
                                                   "since",      "until", "amount", "currency",
                                                   "source_doc", "quote"};
    CypherMap map;
    for (const std::string& key : kKeys) {
      CypherValue value = RelationProperty(e, key);
      if (!value.is_null()) map.emplace_back(key, std::move(value));
    }
    const RecordColumns& records = Records().records;
    if (records.HasRelations(topology_.edges.size()) &&
        (records.relation_flags[e] & kHasAttributes) == 0) {
      return map;
    }
    for (const auto& [key, text] : RelationOf(e).attributes) {
      if (SlotOf(kKeys, key) >= 0) continue;
      map.emplace_back(key, TypedAttribute(text));
    }
    return map;
  }

  // --- clauses ---
  Table RunSingle(const SingleQuery& single) {
    Table table;
    table.rows.emplace_back();  // one empty row to start from
    for (size_t c = 0; c < single.clauses.size(); ++c) {
      const Clause& clause = single.clauses[c];
      // A MATCH followed by WITH or RETURN streams its matches into the
      // projection: an aggregate holds its groups, never the matches.
      if (clause.kind == ClauseKind::kMatch && c + 1 < single.clauses.size() &&
          single.clauses[c + 1].kind != ClauseKind::kMatch &&
          single.clauses[c + 1].kind != ClauseKind::kUnwind) {
        std::vector<const Pattern*> patterns;
        MatchPlan plan = PlanMatch(clause, table, patterns);
        plan.multiplicity_free = IgnoresMultiplicity(single.clauses[c + 1]);
        table = RunProjection(
            single.clauses[c + 1], plan.names, plan.types,
            [&](const RowVisitor& visit) { StreamMatch(clause, plan, table, visit); });
        ++c;
        continue;
      }
      switch (clause.kind) {
        case ClauseKind::kMatch:
          table = RunMatch(clause, table);
          break;
        case ClauseKind::kUnwind:
          table = RunUnwind(clause, table);
          break;
        case ClauseKind::kWith:
        case ClauseKind::kReturn:
          table = RunProjection(clause, table);
          break;
      }
    }
    return table;
  }

  Table RunUnwind(const Clause& clause, const Table& in) {
    Table out;
    out.names = in.names;
    out.names.push_back(clause.unwind_variable);
    out.types = in.types;
    out.types.push_back(VarType::kAny);
    for (const Row& row : in.rows) {
      Frame frame{&in.names, &row};
      CypherValue list = Eval(*clause.unwind, frame);
      if (list.is_null()) continue;
      if (!list.is<CypherList>()) {
        Row extended = row;
        extended.push_back(std::move(list));
        out.rows.push_back(std::move(extended));
        continue;
      }
      for (const CypherValue& item : list.as<CypherList>()) {
        Tick();
        Row extended = row;
        extended.push_back(item);
        out.rows.push_back(std::move(extended));
        CheckRows(out.rows.size());
      }
    }
    return out;
  }

  // --- expressions ---
  struct Frame {
    Frame() = default;
    Frame(const std::vector<std::string>* names_in, const Row* row_in)
        : names(names_in), row(row_in) {}
    const std::vector<std::string>* names = nullptr;
    const Row* row = nullptr;
    std::vector<std::pair<std::string, CypherValue>> locals;
    const std::unordered_map<const Expr*, CypherValue>* aggregates = nullptr;
  };

  const CypherValue& Lookup(const Expr& expr, const Frame& frame) {
    for (size_t i = frame.locals.size(); i-- > 0;) {
      if (frame.locals[i].first == expr.name) return frame.locals[i].second;
    }
    const int slot = SlotOf(*frame.names, expr.name);
    if (slot < 0 || static_cast<size_t>(slot) >= frame.row->size()) {
      throw QueryError{expr.position, "unknown variable " + expr.name};
    }
    return (*frame.row)[static_cast<size_t>(slot)];
  }

  static std::optional<bool> Truth(const CypherValue& value, const Expr& expr) {
    if (value.is_null()) return std::nullopt;
    if (!value.is<bool>()) {
      throw QueryError{expr.position, "expected a boolean, got " + TypeName(value)};
    }
    return value.as<bool>();
  }

  static CypherValue FromTruth(std::optional<bool> truth) {
    return truth ? CypherValue(*truth) : CypherValue();
  }

  bool Passes(const Expr& expr, Frame& frame) {
    CypherValue value = Eval(expr, frame);
    std::optional<bool> truth = Truth(value, expr);
    return truth.value_or(false);
  }

  CypherValue Eval(const Expr& expr, Frame& frame) {
    switch (expr.kind) {
      case ExprKind::kLiteral:
        return expr.value;
      case ExprKind::kParameter: {
        auto it = request_.parameters.find(expr.name);
        if (it == request_.parameters.end()) {
          throw QueryError{expr.position, "missing parameter $" + expr.name +
                                              " (give it with --param " + expr.name + "=VALUE)"};
        }
        return it->second;
      }
      case ExprKind::kVariable:
        return Lookup(expr, frame);
      case ExprKind::kProperty:
        return Property(Eval(*expr.children[0], frame), expr.name, expr);
      case ExprKind::kIndex:
        return Index(Eval(*expr.children[0], frame), Eval(*expr.children[1], frame), expr);
      case ExprKind::kSlice:
        return Slice(expr, frame);
      case ExprKind::kList: {
        CypherList list;
        for (const ExprPtr& child : expr.children) list.push_back(Eval(*child, frame));
        return list;
      }
      case ExprKind::kMap: {
        CypherMap map;
        for (size_t i = 0; i < expr.keys.size(); ++i) {
          CypherValue value = Eval(*expr.children[i], frame);
          bool replaced = false;
          for (auto& [key, existing] : map) {
            if (key == expr.keys[i]) {
              existing = value;
              replaced = true;
            }
          }
          if (!replaced) map.emplace_back(expr.keys[i], std::move(value));
        }
        return map;
      }
      case ExprKind::kUnary:
        return Unary(expr, frame);
      case ExprKind::kBinary:
        return Binary(expr, frame);
      case ExprKind::kComparison: {
        std::optional<bool> result = true;
        CypherValue left = Eval(*expr.children[0], frame);
        for (size_t i = 0; i < expr.ops.size(); ++i) {
          CypherValue right = Eval(*expr.children[i + 1], frame);
          std::optional<bool> one = Compare(expr.ops[i], left, right);
          if (one && !*one) return false;
          if (!one) result = std::nullopt;
          left = std::move(right);
        }
        return FromTruth(result);
      }
      case ExprKind::kIsNull: {
        const bool is_null = Eval(*expr.children[0], frame).is_null();
        return expr.negated ? !is_null : is_null;
      }
      case ExprKind::kCountStar:
      case ExprKind::kFunction:
        if (frame.aggregates != nullptr) {
          auto it = frame.aggregates->find(&expr);
          if (it != frame.aggregates->end()) return it->second;
        }
        if (expr.kind == ExprKind::kCountStar || IsAggregate(Lower(expr.name))) {
          throw QueryError{expr.position, "aggregate " + expr.text +
                                              " is not allowed here (only in WITH, RETURN and "
                                              "their ORDER BY)"};
        }
        return Call(expr, frame);
      case ExprKind::kCase:
        return Case(expr, frame);
      case ExprKind::kListComprehension: {
        CypherValue list = Eval(*expr.children[0], frame);
        if (list.is_null()) return {};
        if (!list.is<CypherList>()) {
          throw QueryError{expr.position, "expected a list, got " + TypeName(list)};
        }
        CypherList out;
        for (const CypherValue& item : list.as<CypherList>()) {
          Tick();
          frame.locals.emplace_back(expr.variable, item);
          bool keep = true;
          if (expr.children[1]) keep = Passes(*expr.children[1], frame);
          if (keep) out.push_back(expr.children[2] ? Eval(*expr.children[2], frame) : item);
          frame.locals.pop_back();
        }
        return out;
      }
      case ExprKind::kQuantifier:
        return Quantifier(expr, frame);
      case ExprKind::kReduce: {
        CypherValue accumulator = Eval(*expr.children[0], frame);
        CypherValue list = Eval(*expr.children[1], frame);
        if (list.is_null()) return {};
        if (!list.is<CypherList>()) {
          throw QueryError{expr.position, "expected a list, got " + TypeName(list)};
        }
        for (const CypherValue& item : list.as<CypherList>()) {
          frame.locals.emplace_back(expr.keys[0], accumulator);
          frame.locals.emplace_back(expr.variable, item);
          accumulator = Eval(*expr.children[2], frame);
          frame.locals.pop_back();
          frame.locals.pop_back();
        }
        return accumulator;
      }
      case ExprKind::kPatternPredicate:
      case ExprKind::kExists: {
        bool found = false;
        RunPatternExpression(expr, frame, [&](const Frame&) {
          found = true;
          return false;  // one match is enough
        });
        return found;
      }
      case ExprKind::kPatternComprehension: {
        CypherList out;
        RunPatternExpression(expr, frame, [&](const Frame& inner) {
          Frame copy = inner;
          if (!expr.children[0] || Passes(*expr.children[0], copy)) {
            out.push_back(Eval(*expr.children[1], copy));
          }
          return true;
        });
        return out;
      }
    }
    return {};
  }

  CypherValue Property(const CypherValue& subject, const std::string& key, const Expr& expr) {
    if (subject.is_null()) return {};
    if (subject.is<CypherNode>()) return NodeProperty(subject.as<CypherNode>().vertex, key);
    if (subject.is<CypherRelationship>()) {
      return RelationProperty(subject.as<CypherRelationship>().edge, key);
    }
    if (subject.is<CypherMap>()) {
      for (const auto& [k, v] : subject.as<CypherMap>()) {
        if (k == key) return v;
      }
      return {};
    }
    throw QueryError{expr.position, "cannot read property " + key + " of a " + TypeName(subject)};
  }

  CypherValue Index(const CypherValue& subject, const CypherValue& index, const Expr& expr) {
    if (subject.is_null() || index.is_null()) return {};
    if (subject.is<CypherList>()) {
      if (!index.is<int64_t>()) {
        throw QueryError{expr.position, "a list index must be an Integer, got " + TypeName(index)};
      }
      const CypherList& list = subject.as<CypherList>();
      int64_t i = index.as<int64_t>();
      const auto size = static_cast<int64_t>(list.size());
      if (i < 0) i += size;
      if (i < 0 || i >= size) return {};
      return list[static_cast<size_t>(i)];
    }
    if (subject.is<CypherMap>() || subject.is<CypherNode>() || subject.is<CypherRelationship>()) {
      if (!index.is<std::string>()) {
        throw QueryError{expr.position, "a map key must be a String, got " + TypeName(index)};
      }
      return Property(subject, index.as<std::string>(), expr);
    }
    throw QueryError{expr.position, "cannot index a " + TypeName(subject)};
  }

  CypherValue Slice(const Expr& expr, Frame& frame) {
    CypherValue subject = Eval(*expr.children[0], frame);
    CypherValue from = expr.children[1] ? Eval(*expr.children[1], frame) : CypherValue();
    CypherValue to = expr.children[2] ? Eval(*expr.children[2], frame) : CypherValue();
    if (subject.is_null()) return {};
    if ((expr.children[1] && from.is_null()) || (expr.children[2] && to.is_null())) return {};
    if (!subject.is<CypherList>()) {
      throw QueryError{expr.position, "cannot slice a " + TypeName(subject)};
    }
    const CypherList& list = subject.as<CypherList>();
    const auto size = static_cast<int64_t>(list.size());
    auto bound = [&](const CypherValue& v, int64_t fallback) {
      if (v.is_null()) return fallback;
      if (!v.is<int64_t>()) {
        throw QueryError{expr.position, "a slice bound must be an Integer, got " + TypeName(v)};
      }
      int64_t i = v.as<int64_t>();
      if (i < 0) i += size;
      return std::clamp<int64_t>(i, 0, size);
    };
    const int64_t begin = bound(from, 0);
    const int64_t end = bound(to, size);
    CypherList out;
    for (int64_t i = begin; i < end; ++i) out.push_back(list[static_cast<size_t>(i)]);
    return out;
  }

  std::optional<bool> Compare(const std::string& op, const CypherValue& a, const CypherValue& b) {
    if (op == "=") return Equal(a, b);
    if (op == "<>") {
      std::optional<bool> e = Equal(a, b);
      if (!e) return std::nullopt;
      return !*e;
    }
    const bool or_equal = op == "<=" || op == ">=";
    std::optional<int> c = CompareForPredicate(a, b, or_equal);
    if (!c) return std::nullopt;
    if (*c == kUnordered) return false;
    if (op == "<") return *c < 0;
    if (op == "<=") return *c <= 0;
    if (op == ">") return *c > 0;
    return *c >= 0;
  }

  CypherValue Unary(const Expr& expr, Frame& frame) {
    CypherValue value = Eval(*expr.children[0], frame);
    if (expr.name == "NOT") {
      std::optional<bool> truth = Truth(value, expr);
      if (!truth) return {};
      return !*truth;
    }
    if (value.is_null()) return {};
    if (expr.name == "+") {
      if (value.is<int64_t>() || value.is<double>()) return value;
    } else {
      if (value.is<int64_t>()) {
        if (value.as<int64_t>() == INT64_MIN) throw QueryError{expr.position, "integer overflow"};
        return -value.as<int64_t>();
      }
      if (value.is<double>()) return -value.as<double>();
    }
    throw QueryError{expr.position, "cannot apply unary " + expr.name + " to a " + TypeName(value)};
  }

  CypherValue Binary(const Expr& expr, Frame& frame) {
    const std::string& op = expr.name;
    if (op == "AND" || op == "OR" || op == "XOR") {
      // Both sides are evaluated: `false AND 1` is a type error, as in
      // Cypher, not false.
      std::optional<bool> left = Truth(Eval(*expr.children[0], frame), *expr.children[0]);
      std::optional<bool> right = Truth(Eval(*expr.children[1], frame), *expr.children[1]);
      if (op == "AND") {
        if ((left && !*left) || (right && !*right)) return false;
        if (!left || !right) return {};
        return true;
      }
      if (op == "OR") {
        if ((left && *left) || (right && *right)) return true;
        if (!left || !right) return {};
        return false;
      }
      if (!left || !right) return {};
      return *left != *right;
    }
    CypherValue a = Eval(*expr.children[0], frame);
    CypherValue b = Eval(*expr.children[1], frame);
    if (op == "IN") {
      if (b.is_null()) return {};
      if (!b.is<CypherList>()) {
        throw QueryError{expr.position, "IN expects a list, got " + TypeName(b)};
      }
      bool unknown = false;
      for (const CypherValue& item : b.as<CypherList>()) {
        std::optional<bool> e = Equal(a, item);
        if (e && *e) return true;
        if (!e) unknown = true;
      }
      if (unknown) return {};
      return false;
    }
    if (op == "STARTS WITH" || op == "ENDS WITH" || op == "CONTAINS") {
      if (!a.is<std::string>() || !b.is<std::string>()) return {};
      const std::string& s = a.as<std::string>();
      const std::string& t = b.as<std::string>();
      if (op == "STARTS WITH") return s.compare(0, t.size(), t) == 0 && s.size() >= t.size();
      if (op == "ENDS WITH") {
        return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
      }
      return s.find(t) != std::string::npos;
    }
    if (op == "=~") {
      if (!a.is<std::string>() || !b.is<std::string>()) return {};
      Result<bool> match = regex_.FullMatch(a.as<std::string>(), b.as<std::string>());
      if (!match) throw QueryError{expr.position, match.error().message()};
      return *match;
    }
    return Arithmetic(op, a, b, expr);
  }

  CypherValue Arithmetic(const std::string& op, const CypherValue& a, const CypherValue& b,
                         const Expr& expr) {
    if (op == "+") {
      if (a.is<CypherList>() || b.is<CypherList>()) {
        if (a.is_null() || b.is_null()) {
          if (a.is<CypherList>() && b.is_null()) {
            CypherList out = a.as<CypherList>();
            out.emplace_back();
            return out;
          }
          if (b.is<CypherList>() && a.is_null()) {
            CypherList out{CypherValue()};
            for (const CypherValue& item : b.as<CypherList>()) out.push_back(item);
            return out;
          }
        }
        CypherList out;
        if (a.is<CypherList>()) {
          out = a.as<CypherList>();
        } else {
          out.push_back(a);
        }
        if (b.is<CypherList>()) {
          for (const CypherValue& item : b.as<CypherList>()) out.push_back(item);
        } else {
          out.push_back(b);
        }
        return out;
      }
    }
    if (a.is_null() || b.is_null()) return {};
    if (op == "+" && (a.is<std::string>() || b.is<std::string>())) {
      std::optional<std::string> x = ScalarText(a);
      std::optional<std::string> y = ScalarText(b);
      if (x && y && !a.is<bool>() && !b.is<bool>()) return *x + *y;
    }
    const bool numbers = (a.is<int64_t>() || a.is<double>()) && (b.is<int64_t>() || b.is<double>());
    if (!numbers) {
      throw QueryError{expr.position,
                       "cannot apply " + op + " to " + TypeName(a) + " and " + TypeName(b)};
    }
    if (a.is<int64_t>() && b.is<int64_t>() && op != "^") {
      const int64_t x = a.as<int64_t>();
      const int64_t y = b.as<int64_t>();
      int64_t r = 0;
      if (op == "+") {
        if (__builtin_add_overflow(x, y, &r)) throw QueryError{expr.position, "integer overflow"};
      } else if (op == "-") {
        if (__builtin_sub_overflow(x, y, &r)) throw QueryError{expr.position, "integer overflow"};
      } else if (op == "*") {
        if (__builtin_mul_overflow(x, y, &r)) throw QueryError{expr.position, "integer overflow"};
      } else if (op == "/" || op == "%") {
        if (y == 0) throw QueryError{expr.position, "division by zero"};
        if (x == INT64_MIN && y == -1) {
          if (op == "%") return int64_t{0};
          throw QueryError{expr.position, "integer overflow"};
        }
        r = op == "/" ? x / y : x % y;
      }
      return r;
    }
    const double x = a.is<int64_t>() ? static_cast<double>(a.as<int64_t>()) : a.as<double>();
    const double y = b.is<int64_t>() ? static_cast<double>(b.as<int64_t>()) : b.as<double>();
    if (op == "+") return x + y;
    if (op == "-") return x - y;
    if (op == "*") return x * y;
    if (op == "/") return x / y;
    if (op == "%") return std::fmod(x, y);
    return std::pow(x, y);
  }

  CypherValue Case(const Expr& expr, Frame& frame) {
    size_t i = 0;
    CypherValue subject;
    if (expr.has_subject) subject = Eval(*expr.children[i++], frame);
    const size_t end = expr.children.size() - (expr.has_else ? 1 : 0);
    for (; i + 1 < end + 1 && i < end; i += 2) {
      CypherValue when = Eval(*expr.children[i], frame);
      bool hit = false;
      if (expr.has_subject) {
        std::optional<bool> e = Equal(subject, when);
        hit = e.value_or(false);
      } else {
        hit = when.is<bool>() && when.as<bool>();
      }
      if (hit) return Eval(*expr.children[i + 1], frame);
    }
    if (expr.has_else) return Eval(*expr.children.back(), frame);
    return {};
  }

  CypherValue Quantifier(const Expr& expr, Frame& frame) {
    CypherValue list = Eval(*expr.children[0], frame);
    if (list.is_null()) return {};
    if (!list.is<CypherList>()) {
      throw QueryError{expr.position, "expected a list, got " + TypeName(list)};
    }
    size_t true_count = 0;
    size_t null_count = 0;
    size_t total = 0;
    for (const CypherValue& item : list.as<CypherList>()) {
      ++total;
      frame.locals.emplace_back(expr.variable, item);
      std::optional<bool> truth = Truth(Eval(*expr.children[1], frame), *expr.children[1]);
      frame.locals.pop_back();
      if (!truth) {
        ++null_count;
      } else if (*truth) {
        ++true_count;
        if (expr.name == "ANY") return true;
        if (expr.name == "NONE") return false;
      } else if (expr.name == "ALL") {
        return false;
      }
    }
    const size_t false_count = total - true_count - null_count;
    if (expr.name == "ALL") return null_count > 0 ? CypherValue() : CypherValue(true);
    if (expr.name == "ANY") return null_count > 0 ? CypherValue() : CypherValue(false);
    if (expr.name == "NONE") return null_count > 0 ? CypherValue() : CypherValue(true);
    // SINGLE
    if (true_count > 1) return false;
    if (null_count > 0) return {};
    (void)false_count;
    return true_count == 1;
  }

  CypherValue Call(const Expr& expr, Frame& frame);

  // --- MATCH ---
  MatchPlan Plan(const std::vector<const Pattern*>& patterns, const Expr* where,
                 const std::vector<std::string>& input_names,
                 const std::vector<VarType>& input_types, const Expr* as_of_expr,
                 Frame* as_of_frame);
  // Runs the plan's steps from `step` on; calls `emit` with every full
  // binding, which returns false to stop.
  bool RunSteps(const MatchPlan& plan, size_t step, Row& row, std::vector<EdgeIndex>& used,
                std::vector<bool>& bound,
                const std::vector<std::pair<std::string, CypherValue>>& locals,
                const std::function<bool(Row&)>& emit);
  bool BindNode(const MatchPlan& plan, size_t pattern, size_t node, VertexIndex v, Row& row,
                std::vector<bool>& bound,
                const std::vector<std::pair<std::string, CypherValue>>& locals);
  // Whether every key of the pattern's property map (null: none) equals
  // the property `property` reads.
  bool PropertiesMatch(const Expr* properties, Position position, const char* whose,
                       const MatchPlan& plan, Row& row,
                       const std::vector<std::pair<std::string, CypherValue>>& locals,
                       const std::function<CypherValue(const std::string&)>& property);
  bool NodeMatches(const MatchPlan& plan, size_t pattern, size_t node, VertexIndex v, Row& row,
                   const std::vector<std::pair<std::string, CypherValue>>& locals);
  bool EdgeAllowed(const MatchPlan& plan, size_t pattern, size_t rel, EdgeIndex e, Row& row,
                   const std::vector<std::pair<std::string, CypherValue>>& locals);
  void ForEachStep(const MatchPlan& plan, size_t pattern, size_t rel, bool forward, VertexIndex v,
                   Row& row, const std::vector<std::pair<std::string, CypherValue>>& locals,
                   const std::function<bool(EdgeIndex, VertexIndex)>& visit);
  bool Checks(const std::vector<const Expr*>& checks, const MatchPlan& plan, Row& row,
              const std::vector<std::pair<std::string, CypherValue>>& locals) {
    if (checks.empty()) return true;
    Frame frame{&plan.names, &row};
    frame.locals = locals;
    for (const Expr* check : checks) {
      if (!Passes(*check, frame)) return false;
    }
    return true;
  }
  bool RunShortest(const MatchPlan& plan, const MatchPlan::Step& step, size_t step_index, Row& row,
                   std::vector<EdgeIndex>& used, std::vector<bool>& bound,
                   const std::vector<std::pair<std::string, CypherValue>>& locals,
                   const std::function<bool(Row&)>& emit);
  // Hops to the target, in `to_target` (all kFar on entry), for the
  // entities on the shortest paths from the source within `max_hops`
  // relations the step allows; kFar elsewhere and everywhere when there is
  // no such path. Searches from both ends, the smaller frontier first.
  void ShortestHopsToTarget(const MatchPlan& plan, const MatchPlan::Step& step, VertexIndex source,
                            VertexIndex target, int max_hops, Row& row,
                            const std::vector<std::pair<std::string, CypherValue>>& locals,
                            std::vector<int>& to_target);
  // The entities a trail of 0 or 1 to `max_hops` relations the step allows
  // (none of them in `used`) reaches from `start`, each once: a breadth-
  // first search instead of every trail (see MatchPlan::multiplicity_free).
  std::vector<VertexIndex> DistinctEnds(
      const MatchPlan& plan, const MatchPlan::Step& step, VertexIndex start, int min_hops,
      int max_hops, const std::vector<EdgeIndex>& used, Row& row,
      const std::vector<std::pair<std::string, CypherValue>>& locals);
  std::optional<VertexIndex> ConstantId(const NodePattern& node, const std::string& variable,
                                        const std::vector<const Expr*>& conjuncts,
                                        const std::vector<std::string>& names);

  Table RunMatch(const Clause& clause, const Table& in);
  MatchPlan PlanMatch(const Clause& clause, const Table& in, std::vector<const Pattern*>& patterns);
  void StreamMatch(const Clause& clause, const MatchPlan& plan, const Table& in,
                   const std::function<void(const Row&)>& emit);
  void RunPatternExpression(const Expr& expr, const Frame& frame,
                            const std::function<bool(const Frame&)>& visit);

  // --- projections ---
  using RowVisitor = std::function<void(const Row&)>;
  // Calls its argument with every input row: a table, or a MATCH streaming
  // its matches, so that an aggregate never holds the rows it reads.
  using RowSource = std::function<void(const RowVisitor&)>;
  Table RunProjection(const Clause& clause, const Table& in);
  Table RunProjection(const Clause& clause, const std::vector<std::string>& in_names,
                      const std::vector<VarType>& in_types, const RowSource& source);
  std::vector<Row> Distinct(std::vector<Row> rows) {
    std::unordered_set<std::string> seen;
    std::vector<Row> out;
    for (Row& row : rows) {
      std::string key;
      for (const CypherValue& value : row) key += EquivalenceKey(value) + "|";
      if (seen.insert(key).second) out.push_back(std::move(row));
    }
    return out;
  }
  CypherValue Finish(const Expr& aggregate, Aggregation& state);

  const Store& store_;
  const Graph& graph_;
  const Topology& topology_;
  const CypherRequest& request_;
  const RecordsLoader& load_records_;
  const Topology* records_ = nullptr;
  std::chrono::steady_clock::time_point start_;
  uint64_t ticks_ = 0;
  std::unordered_map<VertexIndex, Entity> entities_;
  std::unordered_map<EdgeIndex, Relation> relations_;
  std::set<std::string> missing_keys_;
  std::unordered_map<std::string, std::shared_ptr<MatchPlan>> pattern_plans_;
  // DistinctEnds' scratch, per entity: how many first relations it was
  // reached through (0, 1 or 2) and the first one; reset after each search.
  std::vector<uint8_t> reach_count_;
  std::vector<EdgeIndex> reach_branch_;
  std::mt19937_64 random_{std::random_device{}()};
  RegexMatcher regex_;
};

// --- functions ---

CypherValue Executor::Call(const Expr& expr, Frame& frame) {
  const std::string name = Lower(expr.name);
  if (name == "size" && !expr.children.empty() &&
      expr.children[0]->kind == ExprKind::kPatternPredicate) {
    throw QueryError{expr.position,
                     "size() of a pattern is not Cypher; count the matches with "
                     "size([(a)-->(b) | b]) or COUNT"};
  }
  std::vector<CypherValue> args;
  args.reserve(expr.children.size());
  for (const ExprPtr& child : expr.children) args.push_back(Eval(*child, frame));
  auto arity = [&](size_t low, size_t high) {
    if (args.size() < low || args.size() > high) {
      throw QueryError{expr.position, expr.name + "() takes " + std::to_string(low) +
                                          (high != low ? " to " + std::to_string(high) : "") +
                                          " argument" + (high == 1 ? "" : "s") + ", got " +
                                          std::to_string(args.size())};
    }
  };
  auto bad = [&](const CypherValue& v) -> QueryError {
    return {expr.position, expr.name + "() cannot take a " + TypeName(v)};
  };
  auto number = [&](const CypherValue& v) -> double {
    if (v.is<int64_t>()) return static_cast<double>(v.as<int64_t>());
    if (v.is<double>()) return v.as<double>();
    throw bad(v);
  };
  auto string_arg = [&](const CypherValue& v) -> const std::string& {
    if (!v.is<std::string>()) throw bad(v);
    return v.as<std::string>();
  };
  auto integer_arg = [&](const CypherValue& v) -> int64_t {
    if (!v.is<int64_t>()) throw bad(v);
    return v.as<int64_t>();
  };

  if (name == "__haslabels") {
    if (args[0].is_null()) return {};
    if (!args[0].is<CypherNode>()) throw bad(args[0]);
    const std::string& kind =
        topology_.kind_names[topology_.vertex_kinds[args[0].as<CypherNode>().vertex]];
    for (size_t i = 1; i < args.size(); ++i) {
      const std::string& label = args[i].as<std::string>();
      if (label != kind && store_.schema().KindsInGroup(label).count(kind) == 0) return false;
    }
    return true;
  }
  if (name == "coalesce") {
    for (CypherValue& arg : args) {
      if (!arg.is_null()) return std::move(arg);
    }
    return {};
  }
  if (name == "exists") {
    arity(1, 1);
    return !args[0].is_null();
  }
  if (name == "rand") {
    arity(0, 0);
    return std::uniform_real_distribution<double>(0.0, 1.0)(random_);
  }
  if (name == "pi") return M_PI;
  if (name == "e") return M_E;
  if (name == "range") {
    arity(2, 3);
    const int64_t from = integer_arg(args[0]);
    const int64_t to = integer_arg(args[1]);
    const int64_t step = args.size() == 3 ? integer_arg(args[2]) : 1;
    if (step == 0) throw QueryError{expr.position, "range() step must not be 0"};
    CypherList list;
    for (int64_t i = from; step > 0 ? i <= to : i >= to; i += step) {
      list.emplace_back(i);
      CheckRows(list.size());
    }
    return list;
  }
  // Every other function returns null for a null first argument.
  if (args.empty()) {
    throw QueryError{expr.position, "unknown function " + expr.name + "()"};
  }
  if (args[0].is_null() && name != "tostring" && name != "size" && name != "length") {
    static const std::set<std::string> kKnown = {
        "size",      "length",  "nodes",      "relationships", "type",     "labels",    "id",
        "startnode", "endnode", "tolower",    "toupper",       "tostring", "tointeger", "tofloat",
        "toboolean", "keys",    "properties", "head",          "last",     "tail",      "reverse",
        "abs",       "ceil",    "floor",      "round",         "sign",     "sqrt",      "exp",
        "log",       "log10",   "sin",        "cos",           "tan",      "asin",      "acos",
        "atan",      "atan2",   "substring",  "left",          "right",    "trim",      "ltrim",
        "rtrim",     "replace", "split",      "degrees",       "radians",  "isempty"};
    if (kKnown.count(name) == 0) {
      throw QueryError{expr.position, "unknown function " + expr.name + "()" +
                                          DidYouMean(name, std::vector<std::string>(kKnown.begin(),
                                                                                    kKnown.end()))};
    }
    return {};
  }
  const CypherValue& a = args[0];
  if (name == "size" || name == "length") {
    arity(1, 1);
    if (a.is_null()) return {};
    if (a.is<CypherList>()) return static_cast<int64_t>(a.as<CypherList>().size());
    if (a.is<std::string>()) {
      int64_t count = 0;
      for (unsigned char c : a.as<std::string>()) count += (c & 0xC0) != 0x80 ? 1 : 0;
      return count;
    }
    if (a.is<CypherPath>() && name == "length") {
      return static_cast<int64_t>(a.as<CypherPath>().edges.size());
    }
    throw bad(a);
  }
  if (name == "nodes" || name == "relationships") {
    arity(1, 1);
    if (!a.is<CypherPath>()) throw bad(a);
    CypherList list;
    if (name == "nodes") {
      for (VertexIndex v : a.as<CypherPath>().vertices) list.emplace_back(CypherNode{v});
    } else {
      for (EdgeIndex e : a.as<CypherPath>().edges) list.emplace_back(CypherRelationship{e});
    }
    return list;
  }
  if (name == "type") {
    arity(1, 1);
    if (!a.is<CypherRelationship>()) throw bad(a);
    return topology_.type_names[topology_.edges.type[a.as<CypherRelationship>().edge]];
  }
  if (name == "labels") {
    arity(1, 1);
    if (!a.is<CypherNode>()) throw bad(a);
    return CypherList{
        CypherValue(topology_.kind_names[topology_.vertex_kinds[a.as<CypherNode>().vertex]])};
  }
  if (name == "id") {
    arity(1, 1);
    if (a.is<CypherNode>()) {
      return std::string(topology_.vertex_ids.view(a.as<CypherNode>().vertex));
    }
    if (a.is<CypherRelationship>()) {
      return std::string(topology_.edge_relation_ids.view(a.as<CypherRelationship>().edge));
    }
    throw bad(a);
  }
  if (name == "startnode" || name == "endnode") {
    arity(1, 1);
    if (!a.is<CypherRelationship>()) throw bad(a);
    const EdgeIndex e = a.as<CypherRelationship>().edge;
    return CypherNode{name == "startnode" ? topology_.edges.from[e] : topology_.edges.to[e]};
  }
  if (name == "tolower" || name == "toupper") {
    arity(1, 1);
    std::string text = string_arg(a);
    for (char& c : text) {
      c = static_cast<char>(name == "tolower" ? std::tolower(static_cast<unsigned char>(c))
                                              : std::toupper(static_cast<unsigned char>(c)));
    }
    return text;
  }
  if (name == "tostring") {
    arity(1, 1);
    if (a.is_null()) return {};
    std::optional<std::string> text = ScalarText(a);
    if (!text) throw bad(a);
    return *text;
  }
  if (name == "tointeger") {
    arity(1, 1);
    if (a.is<int64_t>()) return a;
    if (a.is<double>()) {
      const double d = a.as<double>();
      if (!std::isfinite(d) || std::fabs(d) >= 9.223372036854775807e18) {
        throw QueryError{expr.position,
                         "toInteger(): " + ScalarText(a).value() + " is out of range"};
      }
      return static_cast<int64_t>(d);
    }
    if (a.is<bool>()) return static_cast<int64_t>(a.as<bool>() ? 1 : 0);
    if (a.is<std::string>()) {
      const std::string& s = a.as<std::string>();
      errno = 0;
      char* end = nullptr;
      const long long value = std::strtoll(s.c_str(), &end, 10);
      if (!s.empty() && *end == '\0' && errno == 0) return static_cast<int64_t>(value);
      const double d = std::strtod(s.c_str(), &end);
      if (!s.empty() && *end == '\0' && std::isfinite(d) && std::fabs(d) < 9.2e18) {
        return static_cast<int64_t>(d);
      }
      return {};
    }
    throw bad(a);
  }
  if (name == "tofloat") {
    arity(1, 1);
    if (a.is<double>()) return a;
    if (a.is<int64_t>()) return static_cast<double>(a.as<int64_t>());
    if (a.is<std::string>()) {
      const std::string& s = a.as<std::string>();
      char* end = nullptr;
      const double d = std::strtod(s.c_str(), &end);
      if (!s.empty() && *end == '\0') return d;
      return {};
    }
    throw bad(a);
  }
  if (name == "toboolean") {
    arity(1, 1);
    if (a.is<bool>()) return a;
    if (a.is<std::string>()) {
      const std::string lower = Lower(a.as<std::string>());
      if (lower == "true") return true;
      if (lower == "false") return false;
      return {};
    }
    if (a.is<int64_t>()) return a.as<int64_t>() != 0;
    throw bad(a);
  }
  if (name == "keys" || name == "properties") {
    arity(1, 1);
    CypherMap map;
    if (a.is<CypherNode>()) {
      map = NodeProperties(a.as<CypherNode>().vertex);
    } else if (a.is<CypherRelationship>()) {
      map = RelationProperties(a.as<CypherRelationship>().edge);
    } else if (a.is<CypherMap>()) {
      map = a.as<CypherMap>();
    } else {
      throw bad(a);
    }
    if (name == "properties") return map;
    CypherList keys;
    for (const auto& [key, value] : map) keys.emplace_back(key);
    return keys;
  }
  if (name == "head" || name == "last" || name == "tail" || name == "reverse" ||
      name == "isempty") {
    arity(1, 1);
    if (name == "reverse" && a.is<std::string>()) {
      std::string text = a.as<std::string>();
      std::reverse(text.begin(), text.end());
      return text;
    }
    if (name == "isempty") {
      if (a.is<std::string>()) return a.as<std::string>().empty();
      if (a.is<CypherMap>()) return a.as<CypherMap>().empty();
    }
    if (!a.is<CypherList>()) throw bad(a);
    const CypherList& list = a.as<CypherList>();
    if (name == "isempty") return list.empty();
    if (name == "head") return list.empty() ? CypherValue() : list.front();
    if (name == "last") return list.empty() ? CypherValue() : list.back();
    if (name == "tail") {
      return list.empty() ? CypherList() : CypherList(list.begin() + 1, list.end());
    }
    return CypherList(list.rbegin(), list.rend());
  }
  if (name == "abs") {
    arity(1, 1);
    if (a.is<int64_t>()) {
      if (a.as<int64_t>() == INT64_MIN) throw QueryError{expr.position, "integer overflow"};
      return a.as<int64_t>() < 0 ? -a.as<int64_t>() : a.as<int64_t>();
    }
    return std::fabs(number(a));
  }
  if (name == "sign") {
    arity(1, 1);
    const double d = number(a);
    return static_cast<int64_t>(d > 0 ? 1 : (d < 0 ? -1 : 0));
  }
  static const std::map<std::string, double (*)(double)> kMath = {
      {"ceil", std::ceil}, {"floor", std::floor}, {"sqrt", std::sqrt}, {"exp", std::exp},
      {"log", std::log},   {"log10", std::log10}, {"sin", std::sin},   {"cos", std::cos},
      {"tan", std::tan},   {"asin", std::asin},   {"acos", std::acos}, {"atan", std::atan}};
  if (auto it = kMath.find(name); it != kMath.end()) {
    arity(1, 1);
    return it->second(number(a));
  }
  if (name == "round") {
    arity(1, 1);
    const double d = number(a);
    return std::floor(d + 0.5);
  }
  if (name == "degrees") return number(a) * 180.0 / M_PI;
  if (name == "radians") return number(a) * M_PI / 180.0;
  if (name == "atan2") {
    arity(2, 2);
    if (args[1].is_null()) return {};
    return std::atan2(number(a), number(args[1]));
  }
  if (name == "substring" || name == "left" || name == "right") {
    const std::string& text = string_arg(a);
    std::u32string chars;
    std::vector<size_t> starts;  // byte offset of each character
    for (size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
    }
    starts.push_back(text.size());
    const auto length = static_cast<int64_t>(starts.size() - 1);
    auto cut = [&](int64_t from, int64_t count) {
      from = std::clamp<int64_t>(from, 0, length);
      const int64_t to = std::clamp<int64_t>(from + count, from, length);
      return text.substr(starts[static_cast<size_t>(from)],
                         starts[static_cast<size_t>(to)] - starts[static_cast<size_t>(from)]);
    };
    if (name == "substring") {
      arity(2, 3);
      if (args[1].is_null()) return {};
      const int64_t from = integer_arg(args[1]);
      if (from < 0) throw QueryError{expr.position, "substring() start must not be negative"};
      int64_t count = length;
      if (args.size() == 3) {
        if (args[2].is_null()) return {};
        count = integer_arg(args[2]);
        if (count < 0) throw QueryError{expr.position, "substring() length must not be negative"};
      }
      return cut(from, count);
    }
    arity(2, 2);
    if (args[1].is_null()) {
      throw QueryError{expr.position, expr.name + "() length must not be null"};
    }
    const int64_t count = integer_arg(args[1]);
    if (count < 0) throw QueryError{expr.position, expr.name + "() length must not be negative"};
    return name == "left" ? cut(0, count) : cut(length - count, count);
  }
  if (name == "trim" || name == "ltrim" || name == "rtrim") {
    arity(1, 1);
    const std::string& text = string_arg(a);
    size_t begin = 0;
    size_t end = text.size();
    if (name != "rtrim") {
      while (begin < end && std::isspace(static_cast<unsigned char>(text[begin])) != 0) ++begin;
    }
    if (name != "ltrim") {
      while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1])) != 0) --end;
    }
    return text.substr(begin, end - begin);
  }
  if (name == "replace") {
    arity(3, 3);
    if (args[1].is_null() || args[2].is_null()) return {};
    std::string text = string_arg(a);
    const std::string& from = string_arg(args[1]);
    const std::string& to = string_arg(args[2]);
    if (from.empty()) return text;
    std::string out;
    size_t pos = 0;
    for (size_t hit = text.find(from); hit != std::string::npos; hit = text.find(from, pos)) {
      out += text.substr(pos, hit - pos) + to;
      pos = hit + from.size();
    }
    return out + text.substr(pos);
  }
  if (name == "split") {
    arity(2, 2);
    if (args[1].is_null()) return {};
    const std::string& text = string_arg(a);
    const std::string& separator = string_arg(args[1]);
    CypherList parts;
    if (separator.empty()) {
      for (char c : text) parts.emplace_back(std::string(1, c));
      return parts;
    }
    size_t pos = 0;
    for (size_t hit = text.find(separator); hit != std::string::npos;
         hit = text.find(separator, pos)) {
      parts.emplace_back(text.substr(pos, hit - pos));
      pos = hit + separator.size();
    }
    parts.emplace_back(text.substr(pos));
    return parts;
  }
  static const std::vector<std::string> kAll = {
      "count",     "sum",      "avg",           "min",     "max",        "collect",   "size",
      "length",    "nodes",    "relationships", "type",    "labels",     "id",        "startNode",
      "endNode",   "coalesce", "toLower",       "toUpper", "toString",   "toInteger", "toFloat",
      "keys",      "exists",   "head",          "last",    "tail",       "range",     "reverse",
      "substring", "split",    "replace",       "trim",    "properties", "abs",       "round"};
  throw QueryError{expr.position,
                   "unknown function " + expr.name + "()" + DidYouMean(expr.name, kAll)};
}

// --- MATCH planning and execution ---

std::optional<VertexIndex> Executor::ConstantId(const NodePattern& node,
                                                const std::string& variable,
                                                const std::vector<const Expr*>& conjuncts,
                                                const std::vector<std::string>& names) {
  // {id: 'x'} in the pattern, or WHERE n.id = 'x' (either side).
  auto constant = [&](const Expr& e) -> std::optional<std::string> {
    if (e.kind == ExprKind::kLiteral && e.value.is<std::string>()) return e.value.as<std::string>();
    if (e.kind == ExprKind::kParameter) {
      auto it = request_.parameters.find(e.name);
      if (it != request_.parameters.end() && it->second.is<std::string>()) {
        return it->second.as<std::string>();
      }
    }
    return std::nullopt;
  };
  std::optional<std::string> id;
  if (node.properties && node.properties->kind == ExprKind::kMap) {
    for (size_t i = 0; i < node.properties->keys.size(); ++i) {
      if (node.properties->keys[i] == "id") id = constant(*node.properties->children[i]);
    }
  }
  if (!id && !variable.empty()) {
    for (const Expr* c : conjuncts) {
      if (c->kind != ExprKind::kComparison || c->ops.size() != 1 || c->ops[0] != "=") continue;
      for (int side = 0; side < 2 && !id; ++side) {
        const Expr& property = *c->children[side];
        const Expr& other = *c->children[1 - side];
        if (property.kind == ExprKind::kProperty && property.name == "id" &&
            property.children[0]->kind == ExprKind::kVariable &&
            property.children[0]->name == variable) {
          id = constant(other);
        }
      }
    }
  }
  (void)names;
  if (!id) return std::nullopt;
  std::optional<VertexIndex> v = topology_.FindVertex(*id);
  // An id that is no entity matches nothing: an index past the end says so.
  return v ? *v : static_cast<VertexIndex>(topology_.vertex_ids.size());
}

MatchPlan Executor::Plan(const std::vector<const Pattern*>& patterns, const Expr* where,
                         const std::vector<std::string>& input_names,
                         const std::vector<VarType>& input_types, const Expr* as_of_expr,
                         Frame* as_of_frame) {
  MatchPlan plan;
  plan.patterns = patterns;
  plan.names = input_names;
  plan.types = input_types;
  plan.types.resize(plan.names.size(), VarType::kAny);
  plan.input_slots = input_names.size();
  plan.as_of = request_.as_of;
  if (as_of_expr != nullptr) {
    Frame empty_frame;
    std::vector<std::string> no_names;
    Row no_row;
    empty_frame.names = &no_names;
    empty_frame.row = &no_row;
    CypherValue value = Eval(*as_of_expr, as_of_frame != nullptr ? *as_of_frame : empty_frame);
    if (!value.is<std::string>()) {
      throw QueryError{as_of_expr->position,
                       "AS OF takes a date as a string ('2019', "
                       "'2019-06', '2019-06-14'), got " +
                           TypeName(value)};
    }
    Result<PartialDate> date = PartialDate::Parse(value.as<std::string>());
    if (!date) throw QueryError{as_of_expr->position, date.error().message()};
    plan.as_of = *date;
  }
  const Schema& schema = store_.schema();
  std::set<std::string> bound(input_names.begin(), input_names.end());
  std::vector<const Expr*> conjuncts;
  SplitConjuncts(where, conjuncts);
  std::vector<std::set<std::string>> conjunct_vars(conjuncts.size());
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    std::set<std::string> inside;
    std::set<std::string> vars;
    FreeVariables(*conjuncts[i], inside, vars);
    for (const std::string& var : vars) {
      // A pattern predicate's own variables ("?x", "!x") need only the ones bound outside.
      if (var[0] == '?' || var[0] == '!') {
        conjunct_vars[i].insert(var.substr(1));
      } else {
        conjunct_vars[i].insert(var);
      }
    }
  }
  std::vector<bool> placed(conjuncts.size(), false);
  std::set<std::string> pattern_vars;
  for (const Pattern* pattern_ptr : patterns) {
    const Pattern& pattern = *pattern_ptr;
    for (const NodePattern& node : pattern.nodes) {
      if (!node.variable.empty()) pattern_vars.insert(node.variable);
    }
    for (const RelPattern& rel : pattern.rels) {
      if (!rel.variable.empty()) pattern_vars.insert(rel.variable);
    }
    if (!pattern.path_variable.empty()) pattern_vars.insert(pattern.path_variable);
  }
  // A conjunct's "?x" variables that are neither bound nor in these
  // patterns belong to the predicate's own pattern: not waited for.
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    std::set<std::string> needed;
    for (const std::string& var : conjunct_vars[i]) {
      if (bound.count(var) != 0 || pattern_vars.count(var) != 0) needed.insert(var);
    }
    std::set<std::string> inside;
    std::set<std::string> plain;
    FreeVariables(*conjuncts[i], inside, plain);
    for (const std::string& var : plain) {
      if (var[0] == '?') continue;
      const std::string name = var[0] == '!' ? var.substr(1) : var;
      if (bound.count(name) == 0 && pattern_vars.count(name) == 0) {
        throw QueryError{conjuncts[i]->position,
                         "unknown variable " + name +
                             (var[0] == '!' ? " (a pattern used as a predicate cannot introduce "
                                              "variables; use EXISTS { MATCH ... })"
                                            : "")};
      }
    }
    conjunct_vars[i] = std::move(needed);
  }
  auto place = [&](std::vector<const Expr*>& into) {
    for (size_t i = 0; i < conjuncts.size(); ++i) {
      if (placed[i]) continue;
      bool ready = true;
      for (const std::string& var : conjunct_vars[i]) {
        if (bound.count(var) == 0) ready = false;
      }
      if (ready) {
        into.push_back(conjuncts[i]);
        placed[i] = true;
      }
    }
  };
  place(plan.initial_checks);
  // The slot of a pattern's variable, checking it against what the name
  // already holds: Cypher's VariableTypeConflict and VariableAlreadyBound.
  auto slot_for = [&](const std::string& name, VarType type, Position position) -> int {
    if (name.empty()) {
      plan.names.emplace_back();
      plan.types.push_back(type);
      return static_cast<int>(plan.names.size() - 1);
    }
    const int existing = SlotOf(plan.names, name);
    if (existing < 0) {
      plan.names.push_back(name);
      plan.types.push_back(type);
      return static_cast<int>(plan.names.size() - 1);
    }
    const VarType held = plan.types[static_cast<size_t>(existing)];
    const bool from_input = static_cast<size_t>(existing) < plan.input_slots;
    if (type == VarType::kPath || (!from_input && type != VarType::kNode && held == type)) {
      throw QueryError{position, "variable " + name + " is already bound (VariableAlreadyBound)"};
    }
    if (held != type && held != VarType::kAny) {
      throw QueryError{position, "variable " + name + " is " + VarTypeName(held) +
                                     " and cannot be used as " + VarTypeName(type) +
                                     " (VariableTypeConflict)"};
    }
    return existing;
  };
  for (size_t p = 0; p < patterns.size(); ++p) {
    const Pattern& pattern = *patterns[p];
    plan.node_slots.emplace_back();
    plan.rel_slots.emplace_back();
    plan.rel_types.emplace_back();
    plan.node_kinds.emplace_back();
    for (size_t n = 0; n < pattern.nodes.size(); ++n) {
      const NodePattern& node = pattern.nodes[n];
      plan.node_slots[p].push_back(slot_for(node.variable, VarType::kNode, node.position));
      std::vector<uint16_t> kinds;
      bool any = node.labels.empty();
      for (size_t kind = 0; kind < topology_.kind_names.size(); ++kind) {
        const auto k = static_cast<uint16_t>(kind);
        bool all = true;
        for (const std::string& label : node.labels) {
          if (topology_.kind_names[k] != label &&
              schema.KindsInGroup(label).count(topology_.kind_names[k]) == 0) {
            all = false;
          }
        }
        if (all && !any) kinds.push_back(k);
      }
      for (const std::string& label : node.labels) {
        if (!schema.HasKind(label) && schema.KindsInGroup(label).empty()) {
          std::vector<std::string> known = schema.KindNames();
          throw QueryError{node.position, "unknown label :" + label + DidYouMean(label, known) +
                                              "; labels are the schema's kinds"};
        }
      }
      plan.node_kinds[p].push_back(any ? std::vector<uint16_t>{} : kinds);
      if (!any && kinds.empty()) plan.node_kinds[p].back().push_back(UINT16_MAX);
    }
    for (const RelPattern& rel : pattern.rels) {
      plan.rel_slots[p].push_back(
          slot_for(rel.variable, rel.var_length ? VarType::kRelationships : VarType::kRelationship,
                   rel.position));
      std::vector<TypeIndex> types;
      for (const std::string& type : rel.types) {
        if (schema.FindType(type) == nullptr) {
          throw QueryError{rel.position, "unknown relationship type :" + type +
                                             DidYouMean(type, schema.TypeNames())};
        }
        std::optional<TypeIndex> index = topology_.FindType(type);
        types.push_back(index ? *index : std::numeric_limits<TypeIndex>::max());
      }
      plan.rel_types[p].push_back(types);
    }
    plan.path_slots.push_back(
        pattern.path_variable.empty()
            ? -1
            : slot_for(pattern.path_variable, VarType::kPath, pattern.position));

    // Where to start: a bound node, else a node named by id, else a labelled one.
    size_t anchor = 0;
    int best = -1;
    for (size_t n = 0; n < pattern.nodes.size(); ++n) {
      const NodePattern& node = pattern.nodes[n];
      int score = 0;
      if (!node.variable.empty() && bound.count(node.variable) != 0) {
        score = 3;
      } else if (ConstantId(node, node.variable, conjuncts, plan.names)) {
        score = 2;
      } else if (!node.labels.empty()) {
        score = 1;
      }
      if (score > best) {
        best = score;
        anchor = n;
      }
    }
    auto bind_var = [&](const std::string& var) {
      if (!var.empty()) bound.insert(var);
    };
    if (pattern.search != PathSearch::kNone) {
      for (size_t n = 0; n < 2; ++n) {
        MatchPlan::Step step;
        step.kind = MatchPlan::StepKind::kBindNode;
        step.pattern = p;
        step.node = n;
        bind_var(pattern.nodes[n].variable);
        place(step.checks);
        plan.steps.push_back(std::move(step));
      }
      MatchPlan::Step step;
      step.kind = MatchPlan::StepKind::kShortest;
      step.pattern = p;
      step.rel = 0;
      bind_var(pattern.rels[0].variable);
      bind_var(pattern.path_variable);
      place(step.checks);  // applied to each candidate path during the search
      plan.steps.push_back(std::move(step));
      continue;
    }
    {
      MatchPlan::Step step;
      step.kind = MatchPlan::StepKind::kBindNode;
      step.pattern = p;
      step.node = anchor;
      bind_var(pattern.nodes[anchor].variable);
      place(step.checks);
      plan.steps.push_back(std::move(step));
    }
    for (size_t r = anchor; r < pattern.rels.size(); ++r) {
      MatchPlan::Step step;
      step.kind = MatchPlan::StepKind::kExpand;
      step.pattern = p;
      step.rel = r;
      step.node = r + 1;
      step.forward = true;
      bind_var(pattern.rels[r].variable);
      bind_var(pattern.nodes[r + 1].variable);
      place(step.checks);
      plan.steps.push_back(std::move(step));
    }
    for (size_t r = anchor; r-- > 0;) {
      MatchPlan::Step step;
      step.kind = MatchPlan::StepKind::kExpand;
      step.pattern = p;
      step.rel = r;
      step.node = r;
      step.forward = false;
      bind_var(pattern.rels[r].variable);
      bind_var(pattern.nodes[r].variable);
      place(step.checks);
      plan.steps.push_back(std::move(step));
    }
    if (!pattern.path_variable.empty()) {
      MatchPlan::Step step;
      step.kind = MatchPlan::StepKind::kPath;
      step.pattern = p;
      bind_var(pattern.path_variable);
      place(step.checks);
      plan.steps.push_back(std::move(step));
    }
  }
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    if (!placed[i]) {
      throw QueryError{conjuncts[i]->position,
                       "WHERE refers to a variable this MATCH does not bind"};
    }
  }
  return plan;
}

bool Executor::NodeMatches(const MatchPlan& plan, size_t pattern, size_t node, VertexIndex v,
                           Row& row,
                           const std::vector<std::pair<std::string, CypherValue>>& locals) {
  const std::vector<uint16_t>& kinds = plan.node_kinds[pattern][node];
  if (!kinds.empty() &&
      std::find(kinds.begin(), kinds.end(), topology_.vertex_kinds[v]) == kinds.end()) {
    return false;
  }
  const NodePattern& spec = plan.patterns[pattern]->nodes[node];
  return PropertiesMatch(spec.properties.get(), spec.position, "a node's", plan, row, locals,
                         [&](const std::string& key) { return NodeProperty(v, key); });
}

bool Executor::PropertiesMatch(const Expr* properties, Position position, const char* whose,
                               const MatchPlan& plan, Row& row,
                               const std::vector<std::pair<std::string, CypherValue>>& locals,
                               const std::function<CypherValue(const std::string&)>& property) {
  if (properties == nullptr) return true;
  Frame frame{&plan.names, &row};
  frame.locals = locals;
  CypherValue map = Eval(*properties, frame);
  if (!map.is<CypherMap>()) {
    throw QueryError{position,
                     std::string(whose) + " properties must be a map, got " + TypeName(map)};
  }
  for (const auto& [key, value] : map.as<CypherMap>()) {
    if (!Equal(property(key), value).value_or(false)) return false;
  }
  return true;
}

bool Executor::BindNode(const MatchPlan& plan, size_t pattern, size_t node, VertexIndex v, Row& row,
                        std::vector<bool>& bound,
                        const std::vector<std::pair<std::string, CypherValue>>& locals) {
  const auto slot = static_cast<size_t>(plan.node_slots[pattern][node]);
  if (bound[slot]) {
    const CypherValue& existing = row[slot];
    return existing.is<CypherNode>() && existing.as<CypherNode>().vertex == v;
  }
  if (!NodeMatches(plan, pattern, node, v, row, locals)) return false;
  row[slot] = CypherNode{v};
  return true;
}

bool Executor::EdgeAllowed(const MatchPlan& plan, size_t pattern, size_t rel, EdgeIndex e, Row& row,
                           const std::vector<std::pair<std::string, CypherValue>>& locals) {
  const std::vector<TypeIndex>& types = plan.rel_types[pattern][rel];
  if (!types.empty() &&
      std::find(types.begin(), types.end(), topology_.edges.type[e]) == types.end()) {
    return false;
  }
  if (!plan.as_of.empty() &&
      !InForceUnder(topology_.edges.since_first_day[e], topology_.edges.until_last_day[e],
                    topology_.edges.reported_first_day[e], plan.as_of, request_.dates)) {
    return false;
  }
  const RelPattern& spec = plan.patterns[pattern]->rels[rel];
  return PropertiesMatch(spec.properties.get(), spec.position, "a relationship's", plan, row,
                         locals, [&](const std::string& key) { return RelationProperty(e, key); });
}

void Executor::ForEachStep(const MatchPlan& plan, size_t pattern, size_t rel, bool forward,
                           VertexIndex v, Row& row,
                           const std::vector<std::pair<std::string, CypherValue>>& locals,
                           const std::function<bool(EdgeIndex, VertexIndex)>& visit) {
  RelDirection direction = plan.patterns[pattern]->rels[rel].direction;
  if (!forward && direction != RelDirection::kBoth) {
    direction = direction == RelDirection::kRight ? RelDirection::kLeft : RelDirection::kRight;
  }
  const auto symmetric = [&](EdgeIndex e) {
    const TypeIndex t = topology_.edges.type[e];
    return t < topology_.type_is_symmetric.size() && topology_.type_is_symmetric[t];
  };
  // Relations leaving v (and symmetric ones entering it) when the pattern
  // points away from v; entering (and symmetric leaving) when it points to v.
  const IncidentEdges out = graph_.OutEdges(v);
  const IncidentEdges in = graph_.InEdges(v);
  for (size_t i = 0; i < out.size(); ++i) {
    const EdgeIndex e = out[i];
    Tick();
    const bool loop = topology_.edges.from[e] == topology_.edges.to[e];
    if (direction == RelDirection::kLeft && (!symmetric(e) || loop)) continue;
    if (!EdgeAllowed(plan, pattern, rel, e, row, locals)) continue;
    if (!visit(e, topology_.edges.to[e])) return;
  }
  for (size_t i = 0; i < in.size(); ++i) {
    const EdgeIndex e = in[i];
    Tick();
    const bool loop = topology_.edges.from[e] == topology_.edges.to[e];
    if (loop && direction != RelDirection::kLeft) continue;  // listed once, among the out edges
    if (direction == RelDirection::kRight && !symmetric(e)) continue;
    if (!EdgeAllowed(plan, pattern, rel, e, row, locals)) continue;
    if (!visit(e, topology_.edges.from[e])) return;
  }
}

bool Executor::RunSteps(const MatchPlan& plan, size_t step_index, Row& row,
                        std::vector<EdgeIndex>& used, std::vector<bool>& bound,
                        const std::vector<std::pair<std::string, CypherValue>>& locals,
                        const std::function<bool(Row&)>& emit) {
  if (step_index == plan.steps.size()) return emit(row);
  const MatchPlan::Step& step = plan.steps[step_index];
  const Pattern& pattern = *plan.patterns[step.pattern];
  switch (step.kind) {
    case MatchPlan::StepKind::kBindNode: {
      const auto slot = static_cast<size_t>(plan.node_slots[step.pattern][step.node]);
      auto try_vertex = [&](VertexIndex v) {
        if (!BindNode(plan, step.pattern, step.node, v, row, bound, locals)) return true;
        const bool was_bound = bound[slot];
        bound[slot] = true;
        bool go_on = true;
        if (Checks(step.checks, plan, row, locals)) {
          go_on = RunSteps(plan, step_index + 1, row, used, bound, locals, emit);
        }
        if (!was_bound) {
          bound[slot] = false;
          row[slot] = CypherValue();
        }
        return go_on;
      };
      if (bound[slot]) {
        const CypherValue& existing = row[slot];
        if (!existing.is<CypherNode>()) {
          if (existing.is_null()) return true;
          throw QueryError{pattern.nodes[step.node].position,
                           "variable " + pattern.nodes[step.node].variable + " is a " +
                               TypeName(existing) + ", not a node"};
        }
        const VertexIndex v = existing.as<CypherNode>().vertex;
        if (!NodeMatches(plan, step.pattern, step.node, v, row, locals)) return true;
        if (!Checks(step.checks, plan, row, locals)) return true;
        return RunSteps(plan, step_index + 1, row, used, bound, locals, emit);
      }
      std::vector<const Expr*> no_conjuncts;
      std::optional<VertexIndex> id = ConstantId(
          pattern.nodes[step.node], pattern.nodes[step.node].variable, step.checks, plan.names);
      if (id) {
        if (*id >= topology_.vertex_ids.size()) return true;
        return try_vertex(*id);
      }
      const std::vector<uint16_t>& kinds = plan.node_kinds[step.pattern][step.node];
      const auto count = static_cast<VertexIndex>(topology_.vertex_ids.size());
      for (VertexIndex v = 0; v < count; ++v) {
        Tick();
        if (!kinds.empty() &&
            std::find(kinds.begin(), kinds.end(), topology_.vertex_kinds[v]) == kinds.end()) {
          continue;
        }
        if (!try_vertex(v)) return false;
      }
      return true;
    }
    case MatchPlan::StepKind::kExpand: {
      const RelPattern& rel = pattern.rels[step.rel];
      const size_t from_node = step.forward ? step.rel : step.rel + 1;
      const CypherValue& start_value =
          row[static_cast<size_t>(plan.node_slots[step.pattern][from_node])];
      if (!start_value.is<CypherNode>()) return true;
      const VertexIndex start = start_value.as<CypherNode>().vertex;
      const auto rel_slot = static_cast<size_t>(plan.rel_slots[step.pattern][step.rel]);
      const auto node_slot = static_cast<size_t>(plan.node_slots[step.pattern][step.node]);
      const bool rel_was_bound = bound[rel_slot];
      auto finish = [&](VertexIndex other, const CypherValue& rel_value) {
        const bool node_was_bound = bound[node_slot];
        if (!BindNode(plan, step.pattern, step.node, other, row, bound, locals)) return true;
        bound[node_slot] = true;
        const CypherValue saved_rel = row[rel_slot];
        if (!rel_was_bound) row[rel_slot] = rel_value;
        bool go_on = true;
        bool consistent = true;
        if (rel_was_bound) {
          std::optional<bool> same = Equal(row[rel_slot], rel_value);
          consistent = same.value_or(false);
        }
        if (consistent && Checks(step.checks, plan, row, locals)) {
          go_on = RunSteps(plan, step_index + 1, row, used, bound, locals, emit);
        }
        if (!rel_was_bound) row[rel_slot] = saved_rel;
        if (!node_was_bound) {
          bound[node_slot] = false;
          row[node_slot] = CypherValue();
        }
        return go_on;
      };
      if (!rel.var_length) {
        bool go_on = true;
        ForEachStep(plan, step.pattern, step.rel, step.forward, start, row, locals,
                    [&](EdgeIndex e, VertexIndex other) {
                      if (std::find(used.begin(), used.end(), e) != used.end()) return true;
                      used.push_back(e);
                      go_on = finish(other, CypherRelationship{e});
                      used.pop_back();
                      return go_on;
                    });
        return go_on;
      }
      // Variable length: every trail (no relation twice) of min..max hops.
      const int max_hops = rel.max_hops.value_or(std::numeric_limits<int>::max());
      // Only the end entities matter when the hop is anonymous, outside a
      // named path, the plan's last step, and read by a clause that ignores
      // multiplicity: one row per entity reached instead of one per trail.
      if (plan.multiplicity_free && step_index + 1 == plan.steps.size() && rel.variable.empty() &&
          pattern.path_variable.empty() && rel.min_hops <= 1) {
        for (VertexIndex end :
             DistinctEnds(plan, step, start, rel.min_hops, max_hops, used, row, locals)) {
          if (!finish(end, CypherList{})) return false;
        }
        return true;
      }
      std::vector<EdgeIndex> trail;
      bool go_on = true;
      std::function<void(VertexIndex)> walk = [&](VertexIndex at) {
        if (!go_on) return;
        const auto hops = static_cast<int>(trail.size());
        if (hops >= rel.min_hops) {
          CypherList rels;
          // The list reads in the pattern's written order. Nobody reads the
          // list of an anonymous hop outside a named path: leave it empty.
          if (rel.variable.empty() && pattern.path_variable.empty()) {
            // nothing to build
          } else if (step.forward) {
            for (EdgeIndex e : trail) rels.emplace_back(CypherRelationship{e});
          } else {
            for (size_t i = trail.size(); i-- > 0;) rels.emplace_back(CypherRelationship{trail[i]});
          }
          go_on = finish(at, rels);
          if (!go_on) return;
        }
        if (hops >= max_hops) return;
        ForEachStep(plan, step.pattern, step.rel, step.forward, at, row, locals,
                    [&](EdgeIndex e, VertexIndex other) {
                      if (std::find(used.begin(), used.end(), e) != used.end()) return true;
                      used.push_back(e);
                      trail.push_back(e);
                      walk(other);
                      trail.pop_back();
                      used.pop_back();
                      return go_on;
                    });
      };
      walk(start);
      return go_on;
    }
    case MatchPlan::StepKind::kShortest:
      return RunShortest(plan, step, step_index, row, used, bound, locals, emit);
    case MatchPlan::StepKind::kPath: {
      CypherPath path;
      for (size_t n = 0; n < pattern.nodes.size(); ++n) {
        const CypherValue& node = row[static_cast<size_t>(plan.node_slots[step.pattern][n])];
        if (n > 0) {
          const CypherValue& rel = row[static_cast<size_t>(plan.rel_slots[step.pattern][n - 1])];
          if (rel.is<CypherRelationship>()) {
            path.edges.push_back(rel.as<CypherRelationship>().edge);
          } else if (rel.is<CypherList>()) {
            // A variable-length hop: its relations, and the entities between them.
            const CypherList& rels = rel.as<CypherList>();
            VertexIndex at = path.vertices.back();
            for (const CypherValue& r : rels) {
              const EdgeIndex e = r.as<CypherRelationship>().edge;
              path.edges.push_back(e);
              at = topology_.edges.from[e] == at ? topology_.edges.to[e] : topology_.edges.from[e];
              path.vertices.push_back(at);
            }
            continue;
          }
        }
        path.vertices.push_back(node.as<CypherNode>().vertex);
      }
      const auto slot = static_cast<size_t>(plan.path_slots[step.pattern]);
      row[slot] = path;
      bound[slot] = true;
      bool go_on = true;
      if (Checks(step.checks, plan, row, locals)) {
        go_on = RunSteps(plan, step_index + 1, row, used, bound, locals, emit);
      }
      bound[slot] = false;
      row[slot] = CypherValue();
      return go_on;
    }
  }
  return true;
}

void Executor::ShortestHopsToTarget(const MatchPlan& plan, const MatchPlan::Step& step,
                                    VertexIndex source, VertexIndex target, int max_hops, Row& row,
                                    const std::vector<std::pair<std::string, CypherValue>>& locals,
                                    std::vector<int>& to_target) {
  constexpr int kFar = std::numeric_limits<int>::max();
  std::vector<int> from_source(to_target.size(), kFar);
  from_source[source] = 0;
  to_target[target] = 0;
  // Forward levels, kept to walk back from where the searches met.
  std::vector<std::vector<VertexIndex>> levels{{source}};
  std::vector<VertexIndex> backward{target};
  int back_hops = 0;
  int length = kFar;
  // Each round completes one level on one side. The first round that
  // meets the other side finds only paths of the shortest length: none was
  // found within one hop less.
  while (length == kFar && !levels.back().empty() && !backward.empty() &&
         static_cast<int>(levels.size()) - 1 + back_hops < max_hops) {
    const bool forward = levels.back().size() <= backward.size();
    std::vector<int>& mine = forward ? from_source : to_target;
    const std::vector<int>& theirs = forward ? to_target : from_source;
    const std::vector<VertexIndex>& frontier = forward ? levels.back() : backward;
    const int hops = (forward ? static_cast<int>(levels.size()) - 1 : back_hops) + 1;
    std::vector<VertexIndex> next;
    for (VertexIndex v : frontier) {
      ForEachStep(plan, step.pattern, 0, forward, v, row, locals,
                  [&](EdgeIndex, VertexIndex other) {
                    if (mine[other] != kFar) return true;
                    mine[other] = hops;
                    next.push_back(other);
                    if (theirs[other] != kFar) length = std::min(length, hops + theirs[other]);
                    return true;
                  });
    }
    if (forward) {
      levels.push_back(std::move(next));
    } else {
      backward = std::move(next);
      back_hops = hops;
    }
  }
  if (length == kFar || length > max_hops) {
    std::fill(to_target.begin(), to_target.end(), kFar);
    return;
  }
  // Entities of the last forward level have their exact hops to the target
  // when the backward search reached them. Walk the forward levels back,
  // giving each entity on a shortest path its hops to the target; the rest
  // of the forward search keeps kFar, so the walk never enters it.
  const int last = static_cast<int>(levels.size()) - 1;
  for (int h = last - 1; h >= 0; --h) {
    for (VertexIndex v : levels[static_cast<size_t>(h)]) {
      if (to_target[v] != kFar) continue;
      ForEachStep(plan, step.pattern, 0, /*forward=*/true, v, row, locals,
                  [&](EdgeIndex, VertexIndex other) {
                    if (from_source[other] == h + 1 && to_target[other] == length - h - 1) {
                      to_target[v] = length - h;
                      return false;
                    }
                    return true;
                  });
    }
  }
}

std::vector<VertexIndex> Executor::DistinctEnds(
    const MatchPlan& plan, const MatchPlan::Step& step, VertexIndex start, int min_hops,
    int max_hops, const std::vector<EdgeIndex>& used, Row& row,
    const std::vector<std::pair<std::string, CypherValue>>& locals) {
  // Another entity is reached by a trail of at most max_hops relations when
  // its distance is at most max_hops: a shortest walk is a path. The start
  // is reached by a closed trail when some entity u at distance d through
  // first relation b has a relation e back to the start with e != b; its
  // shortest such walk uses one of u's two nearest first relations, so each
  // entity is entered at most twice, through different first relations.
  const size_t count = topology_.vertex_ids.size();
  if (reach_count_.size() != count) {
    reach_count_.assign(count, 0);
    reach_branch_.assign(count, 0);
  }
  struct Entry {
    VertexIndex vertex;
    EdgeIndex branch;
    int hops;
  };
  std::vector<Entry> queue;
  std::vector<VertexIndex> reached;
  bool start_reached = min_hops == 0;
  auto is_used = [&](EdgeIndex e) { return std::find(used.begin(), used.end(), e) != used.end(); };
  auto enter = [&](VertexIndex v, EdgeIndex branch, int hops) {
    uint8_t& seen = reach_count_[v];
    if (seen == 0) {
      seen = 1;
      reach_branch_[v] = branch;
      reached.push_back(v);
      queue.push_back({v, branch, hops});
    } else if (seen == 1 && !start_reached && reach_branch_[v] != branch) {
      seen = 2;
      queue.push_back({v, branch, hops});
    }
  };
  if (max_hops >= 1) {
    ForEachStep(plan, step.pattern, step.rel, step.forward, start, row, locals,
                [&](EdgeIndex e, VertexIndex other) {
                  if (is_used(e)) return true;
                  if (other == start) {
                    start_reached = true;  // a relation from the start to itself
                  } else {
                    enter(other, e, 1);
                  }
                  return true;
                });
  }
  for (size_t head = 0; head < queue.size(); ++head) {
    const Entry entry = queue[head];
    if (entry.hops >= max_hops) continue;
    ForEachStep(plan, step.pattern, step.rel, step.forward, entry.vertex, row, locals,
                [&](EdgeIndex e, VertexIndex other) {
                  if (is_used(e)) return true;
                  if (other == start) {
                    if (e != entry.branch) start_reached = true;
                  } else {
                    enter(other, entry.branch, entry.hops + 1);
                  }
                  return true;
                });
  }
  for (VertexIndex v : reached) reach_count_[v] = 0;
  if (start_reached) reached.insert(reached.begin(), start);
  return reached;
}

bool Executor::RunShortest(const MatchPlan& plan, const MatchPlan::Step& step, size_t step_index,
                           Row& row, std::vector<EdgeIndex>& used, std::vector<bool>& bound,
                           const std::vector<std::pair<std::string, CypherValue>>& locals,
                           const std::function<bool(Row&)>& emit) {
  const Pattern& pattern = *plan.patterns[step.pattern];
  const RelPattern& rel = pattern.rels[0];
  const CypherValue& a = row[static_cast<size_t>(plan.node_slots[step.pattern][0])];
  const CypherValue& b = row[static_cast<size_t>(plan.node_slots[step.pattern][1])];
  if (!a.is<CypherNode>() || !b.is<CypherNode>()) return true;
  const VertexIndex source = a.as<CypherNode>().vertex;
  const VertexIndex target = b.as<CypherNode>().vertex;
  const auto count = topology_.vertex_ids.size();
  const int max_hops = rel.max_hops.value_or(
      static_cast<int>(std::min<size_t>(topology_.edges.size(), std::numeric_limits<int>::max())));
  // Hops from every vertex to the target through relations the pattern
  // allows (its types, dates and properties): a lower bound that prunes the
  // search below, which then checks WHERE on each path. Filters never come
  // after the search: a path rejected by WHERE makes the search look further.
  constexpr int kFar = std::numeric_limits<int>::max();
  std::vector<int> to_target(count, kFar);
  if (step.checks.empty() && rel.min_hops <= 1 && source != target) {
    ShortestHopsToTarget(plan, step, source, target, max_hops, row, locals, to_target);
  } else {
    std::vector<VertexIndex> frontier{target};
    to_target[target] = 0;
    for (int depth = 0; !frontier.empty() && depth < max_hops; ++depth) {
      std::vector<VertexIndex> next;
      for (VertexIndex v : frontier) {
        ForEachStep(plan, step.pattern, 0, /*forward=*/false, v, row, locals,
                    [&](EdgeIndex, VertexIndex other) {
                      if (to_target[other] == kFar) {
                        to_target[other] = depth + 1;
                        next.push_back(other);
                      }
                      return true;
                    });
      }
      frontier = std::move(next);
      // Without a WHERE on the path only the shortest length is tried, and
      // its pruning needs exact hops only up to the source's: stop there.
      if (step.checks.empty() && to_target[source] != kFar && rel.min_hops <= to_target[source]) {
        break;
      }
    }
  }
  if (to_target[source] == kFar) return true;
  const auto rel_slot = static_cast<size_t>(plan.rel_slots[step.pattern][0]);
  const int path_slot = plan.path_slots[step.pattern];
  const bool all = pattern.search == PathSearch::kAllShortest;
  bool go_on = true;
  const int first_length = std::max(to_target[source], rel.min_hops);
  for (int length = first_length; length <= max_hops && go_on; ++length) {
    bool found = false;
    std::vector<EdgeIndex> trail;
    std::vector<VertexIndex> vertices{source};
    std::function<bool(VertexIndex)> walk = [&](VertexIndex at) -> bool {
      const auto hops = static_cast<int>(trail.size());
      if (hops == length) {
        if (at != target) return true;
        CypherList rels;
        for (EdgeIndex e : trail) rels.emplace_back(CypherRelationship{e});
        const CypherValue saved_rel = row[rel_slot];
        row[rel_slot] = rel.var_length ? CypherValue(rels) : CypherValue(rels[0]);
        bound[rel_slot] = true;
        if (path_slot >= 0) {
          row[static_cast<size_t>(path_slot)] = CypherPath{vertices, trail};
          bound[static_cast<size_t>(path_slot)] = true;
        }
        if (Checks(step.checks, plan, row, locals)) {
          found = true;
          go_on = RunSteps(plan, step_index + 1, row, used, bound, locals, emit);
        }
        row[rel_slot] = saved_rel;
        bound[rel_slot] = false;
        if (path_slot >= 0) {
          row[static_cast<size_t>(path_slot)] = CypherValue();
          bound[static_cast<size_t>(path_slot)] = false;
        }
        // shortestPath keeps the first path that passes; allShortestPaths all of them.
        return go_on && (all || !found);
      }
      bool keep_going = true;
      ForEachStep(plan, step.pattern, 0, /*forward=*/true, at, row, locals,
                  [&](EdgeIndex e, VertexIndex other) {
                    if (to_target[other] == kFar || to_target[other] > length - hops - 1) {
                      return true;
                    }
                    if (std::find(trail.begin(), trail.end(), e) != trail.end()) return true;
                    if (std::find(used.begin(), used.end(), e) != used.end()) return true;
                    trail.push_back(e);
                    vertices.push_back(other);
                    keep_going = walk(other);
                    vertices.pop_back();
                    trail.pop_back();
                    return keep_going;
                  });
      return keep_going;
    };
    walk(source);
    if (found) break;
    if (step.checks.empty()) break;  // no WHERE to satisfy: the shortest length had none
  }
  return go_on;
}

MatchPlan Executor::PlanMatch(const Clause& clause, const Table& in,
                              std::vector<const Pattern*>& patterns) {
  for (const Pattern& pattern : clause.patterns) patterns.push_back(&pattern);
  // AS OF is evaluated once, in the first row's scope (it may name a
  // parameter); with no rows, the clause is still checked for its errors.
  Row nothing(in.names.size());
  const Row& first = in.rows.empty() ? nothing : in.rows.front();
  Frame frame{&in.names, &first};
  return Plan(patterns, clause.where.get(), in.names, in.types, clause.as_of.get(), &frame);
}

void Executor::StreamMatch(const Clause& clause, const MatchPlan& plan, const Table& in,
                           const RowVisitor& emit) {
  const size_t input_slots = in.names.size();
  std::vector<std::pair<std::string, CypherValue>> no_locals;
  for (const Row& input : in.rows) {
    Row row = input;
    row.resize(plan.names.size());
    std::vector<bool> bound(plan.names.size(), false);
    for (size_t i = 0; i < input_slots; ++i) bound[i] = true;
    std::vector<EdgeIndex> used;
    bool matched_any = false;
    if (Checks(plan.initial_checks, plan, row, no_locals)) {
      RunSteps(plan, 0, row, used, bound, no_locals, [&](Row& matched) {
        matched_any = true;
        emit(matched);
        return true;
      });
    }
    if (clause.optional && !matched_any) {
      Row empty = input;
      empty.resize(plan.names.size());
      emit(empty);
    }
  }
}

Table Executor::RunMatch(const Clause& clause, const Table& in) {
  std::vector<const Pattern*> patterns;
  const MatchPlan plan = PlanMatch(clause, in, patterns);
  Table out;
  out.names = plan.names;
  out.types = plan.types;
  StreamMatch(clause, plan, in, [&](const Row& row) {
    out.rows.push_back(row);
    CheckRows(out.rows.size());
  });
  return out;
}

void Executor::RunPatternExpression(const Expr& expr, const Frame& frame,
                                    const std::function<bool(const Frame&)>& visit) {
  std::vector<std::string> names = *frame.names;
  Row row = *frame.row;
  for (const auto& [name, value] : frame.locals) {
    names.push_back(name);
    row.push_back(value);
  }
  std::string key = std::to_string(reinterpret_cast<uintptr_t>(&expr));
  for (const std::string& name : names) key += "|" + name;
  auto it = pattern_plans_.find(key);
  if (it == pattern_plans_.end()) {
    auto plan = std::make_shared<MatchPlan>(
        Plan({expr.pattern.get()}, expr.pattern->where.get(), names,
             std::vector<VarType>(names.size(), VarType::kAny), nullptr, nullptr));
    it = pattern_plans_.emplace(key, std::move(plan)).first;
  }
  const MatchPlan& plan = *it->second;
  row.resize(plan.names.size());
  std::vector<bool> bound(plan.names.size(), false);
  for (size_t i = 0; i < names.size(); ++i) bound[i] = true;
  std::vector<EdgeIndex> used;
  std::vector<std::pair<std::string, CypherValue>> no_locals;
  if (!Checks(plan.initial_checks, plan, row, no_locals)) return;
  RunSteps(plan, 0, row, used, bound, no_locals, [&](Row& matched) {
    Frame inner{&plan.names, &matched};
    inner.aggregates = frame.aggregates;
    return visit(inner);
  });
}

// --- projections ---

CypherValue Executor::Finish(const Expr& aggregate, Aggregation& state) {
  if (aggregate.kind == ExprKind::kCountStar) return state.count_star;
  const std::string name = Lower(aggregate.name);
  std::vector<CypherValue>& values = state.values;
  if (name == "count") return static_cast<int64_t>(values.size());
  if (name == "collect") return CypherList(values.begin(), values.end());
  if (name == "sum" || name == "avg") {
    if (values.empty()) return name == "sum" ? CypherValue(int64_t{0}) : CypherValue();
    bool all_integers = true;
    int64_t integer_sum = 0;
    double float_sum = 0;
    for (const CypherValue& v : values) {
      if (v.is<int64_t>()) {
        if (all_integers && __builtin_add_overflow(integer_sum, v.as<int64_t>(), &integer_sum)) {
          throw QueryError{aggregate.position, "integer overflow in " + aggregate.text};
        }
        float_sum += static_cast<double>(v.as<int64_t>());
      } else if (v.is<double>()) {
        all_integers = false;
        float_sum += v.as<double>();
      } else {
        throw QueryError{aggregate.position, aggregate.name + "() cannot add a " + TypeName(v)};
      }
    }
    if (name == "avg") return float_sum / static_cast<double>(values.size());
    return all_integers ? CypherValue(integer_sum) : CypherValue(float_sum);
  }
  if (name == "min" || name == "max") {
    if (values.empty()) return {};
    const CypherValue* best = &values[0];
    for (const CypherValue& v : values) {
      const int c = CompareForOrder(v, *best);
      if ((name == "min" && c < 0) || (name == "max" && c > 0)) best = &v;
    }
    return *best;
  }
  std::vector<double> numbers;
  for (const CypherValue& v : values) {
    if (v.is<int64_t>()) {
      numbers.push_back(static_cast<double>(v.as<int64_t>()));
    } else if (v.is<double>()) {
      numbers.push_back(v.as<double>());
    } else {
      throw QueryError{aggregate.position, aggregate.name + "() cannot take a " + TypeName(v)};
    }
  }
  if (name == "stdev" || name == "stdevp") {
    const size_t n = numbers.size();
    if (n < 2 && name == "stdev") return 0.0;
    if (n == 0) return 0.0;
    double mean = 0;
    for (double x : numbers) mean += x;
    mean /= static_cast<double>(n);
    double squares = 0;
    for (double x : numbers) squares += (x - mean) * (x - mean);
    return std::sqrt(squares / static_cast<double>(name == "stdev" ? n - 1 : n));
  }
  // percentileDisc / percentileCont
  if (!state.parameter.is<int64_t>() && !state.parameter.is<double>()) {
    throw QueryError{aggregate.position, aggregate.name + "() needs a number between 0 and 1"};
  }
  const double p = state.parameter.is<int64_t>()
                       ? static_cast<double>(state.parameter.as<int64_t>())
                       : state.parameter.as<double>();
  if (p < 0 || p > 1) {
    throw QueryError{aggregate.position, aggregate.name + "() needs a number between 0 and 1"};
  }
  if (values.empty()) return {};
  std::vector<size_t> order(values.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t x, size_t y) { return numbers[x] < numbers[y]; });
  if (name == "percentiledisc") {
    const double position = p * static_cast<double>(values.size());
    size_t index = position <= 0 ? 0 : static_cast<size_t>(std::ceil(position)) - 1;
    index = std::min(index, values.size() - 1);
    return values[order[index]];
  }
  const double position = p * static_cast<double>(values.size() - 1);
  const auto lower = static_cast<size_t>(std::floor(position));
  const auto upper = static_cast<size_t>(std::ceil(position));
  const double fraction = position - static_cast<double>(lower);
  return numbers[order[lower]] + (numbers[order[upper]] - numbers[order[lower]]) * fraction;
}

Table Executor::RunProjection(const Clause& clause, const Table& in) {
  return RunProjection(clause, in.names, in.types, [&](const RowVisitor& visit) {
    for (const Row& row : in.rows) visit(row);
  });
}

Table Executor::RunProjection(const Clause& clause, const std::vector<std::string>& in_names,
                              const std::vector<VarType>& in_types, const RowSource& source) {
  // A stand-in for the input's header: the rows come from `source`.
  struct Header {
    const std::vector<std::string>& names;
    const std::vector<VarType>& types;
  } in{in_names, in_types};
  // The items: explicit ones, after every visible variable for `*`.
  std::vector<std::pair<std::string, const Expr*>> items;
  std::vector<std::unique_ptr<Expr>> star_exprs;
  if (clause.star) {
    std::vector<std::string> visible;
    for (const std::string& name : in.names) {
      if (!name.empty() && std::find(visible.begin(), visible.end(), name) == visible.end()) {
        visible.push_back(name);
      }
    }
    if (clause.kind == ClauseKind::kReturn) std::sort(visible.begin(), visible.end());
    if (visible.empty() && clause.items.empty()) {
      throw QueryError{clause.position, "RETURN * has no variables to return"};
    }
    for (const std::string& name : visible) {
      auto variable = std::make_unique<Expr>();
      variable->kind = ExprKind::kVariable;
      variable->name = name;
      variable->text = name;
      items.emplace_back(name, variable.get());
      star_exprs.push_back(std::move(variable));
    }
  }
  for (const ProjectionItem& item : clause.items) items.emplace_back(item.alias, item.expr.get());
  for (size_t i = 0; i < items.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (items[i].first == items[j].first) {
        throw QueryError{items[i].second->position,
                         "column " + items[i].first + " is named twice (use AS)"};
      }
    }
  }
  // Check variables now, so that an error shows even without rows.
  for (const auto& [alias, expr] : items) {
    std::set<std::string> inside;
    std::set<std::string> vars;
    FreeVariables(*expr, inside, vars);
    for (const std::string& var : vars) {
      if (var[0] == '?') continue;
      const std::string name = var[0] == '!' ? var.substr(1) : var;
      if (SlotOf(in.names, name) < 0) {
        throw QueryError{expr->position, "unknown variable " + name};
      }
    }
  }
  bool aggregating = false;
  for (const auto& [alias, expr] : items) aggregating = aggregating || ContainsAggregate(*expr);
  for (const SortItem& sort : clause.order_by) {
    if (!aggregating && ContainsAggregate(*sort.expr)) {
      throw QueryError{sort.expr->position,
                       "ORDER BY may aggregate only when the projection does (InvalidAggregation)"};
    }
  }

  Table out;
  for (const auto& [alias, expr] : items) {
    out.names.push_back(alias);
    VarType type = VarType::kAny;
    if (expr->kind == ExprKind::kVariable) {
      const int slot = SlotOf(in.names, expr->name);
      if (slot >= 0 && static_cast<size_t>(slot) < in.types.size()) {
        type = in.types[static_cast<size_t>(slot)];
      }
    } else if ((expr->kind == ExprKind::kLiteral && !expr->value.is_null()) ||
               expr->kind == ExprKind::kList || expr->kind == ExprKind::kMap) {
      type = VarType::kValue;
    }
    out.types.push_back(type);
  }
  // Each output row keeps the input row it came from, for ORDER BY on
  // variables not returned.
  std::vector<std::pair<Row, Row>> projected;
  std::vector<std::unordered_map<const Expr*, CypherValue>> group_aggregates;

  if (!aggregating) {
    source([&](const Row& row) {
      Tick();
      Frame frame{&in.names, &row};
      Row values;
      for (const auto& [alias, expr] : items) values.push_back(Eval(*expr, frame));
      projected.emplace_back(std::move(values), row);
      CheckRows(projected.size());
    });
  } else {
    std::vector<const Expr*> aggregates;
    std::vector<bool> is_key(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      is_key[i] = !ContainsAggregate(*items[i].second);
      if (!is_key[i]) CollectAggregates(*items[i].second, aggregates);
    }
    for (const SortItem& sort : clause.order_by) CollectAggregates(*sort.expr, aggregates);
    struct Group {
      Row keys;
      Row first_row;
      std::vector<Aggregation> states;
    };
    std::vector<Group> groups;
    std::unordered_map<std::string, size_t> group_of;
    source([&](const Row& row) {
      Tick();
      Frame frame{&in.names, &row};
      Row keys;
      std::string key;
      for (size_t i = 0; i < items.size(); ++i) {
        if (!is_key[i]) continue;
        keys.push_back(Eval(*items[i].second, frame));
        key += EquivalenceKey(keys.back()) + "|";
      }
      auto [it, inserted] = group_of.emplace(key, groups.size());
      if (inserted) {
        groups.push_back({keys, row, std::vector<Aggregation>(aggregates.size())});
        CheckRows(groups.size());
      }
      Group& group = groups[it->second];
      for (size_t a = 0; a < aggregates.size(); ++a) {
        const Expr& aggregate = *aggregates[a];
        Aggregation& state = group.states[a];
        if (aggregate.kind == ExprKind::kCountStar) {
          ++state.count_star;
          continue;
        }
        if (aggregate.children.empty()) {
          throw QueryError{aggregate.position, aggregate.name + "() needs an argument"};
        }
        for (const ExprPtr& child : aggregate.children) {
          if (ContainsAggregate(*child)) {
            throw QueryError{child->position, "aggregates cannot be nested"};
          }
        }
        CypherValue value = Eval(*aggregate.children[0], frame);
        if (aggregate.children.size() > 1) state.parameter = Eval(*aggregate.children[1], frame);
        if (value.is_null()) continue;
        if (aggregate.distinct && !state.seen.insert(EquivalenceKey(value)).second) continue;
        state.values.push_back(std::move(value));
      }
    });
    // Without grouping keys, no rows still make one group (count(*) = 0).
    bool has_keys = false;
    for (bool k : is_key) has_keys = has_keys || k;
    if (groups.empty() && !has_keys) {
      groups.push_back({{}, Row(in.names.size()), std::vector<Aggregation>(aggregates.size())});
    }
    for (Group& group : groups) {
      std::unordered_map<const Expr*, CypherValue> values;
      for (size_t a = 0; a < aggregates.size(); ++a) {
        values[aggregates[a]] = Finish(*aggregates[a], group.states[a]);
      }
      Frame frame{&in.names, &group.first_row};
      frame.aggregates = &values;
      Row row;
      size_t k = 0;
      for (size_t i = 0; i < items.size(); ++i) {
        row.push_back(is_key[i] ? group.keys[k++] : Eval(*items[i].second, frame));
      }
      projected.emplace_back(std::move(row), std::move(group.first_row));
      group_aggregates.push_back(std::move(values));
    }
  }

  if (clause.distinct) {
    std::unordered_set<std::string> seen;
    std::vector<std::pair<Row, Row>> unique;
    std::vector<std::unordered_map<const Expr*, CypherValue>> unique_aggregates;
    for (size_t i = 0; i < projected.size(); ++i) {
      std::string key;
      for (const CypherValue& value : projected[i].first) key += EquivalenceKey(value) + "|";
      if (!seen.insert(key).second) continue;
      unique.push_back(std::move(projected[i]));
      if (!group_aggregates.empty()) unique_aggregates.push_back(std::move(group_aggregates[i]));
    }
    projected = std::move(unique);
    group_aggregates = std::move(unique_aggregates);
  }

  if (!clause.order_by.empty()) {
    // ORDER BY sees the new columns, and (unless DISTINCT hides them) the
    // variables before the projection; a new column shadows an old variable
    // of its name (lookups take the last slot of a name).
    const bool old_visible = !clause.distinct;
    std::vector<std::string> names;
    if (old_visible) names = in.names;
    names.insert(names.end(), out.names.begin(), out.names.end());
    std::vector<std::pair<std::vector<CypherValue>, size_t>> keyed;
    for (size_t i = 0; i < projected.size(); ++i) {
      Row combined;
      if (old_visible) combined = projected[i].second;
      combined.insert(combined.end(), projected[i].first.begin(), projected[i].first.end());
      Frame frame{&names, &combined};
      if (!group_aggregates.empty()) frame.aggregates = &group_aggregates[i];
      std::vector<CypherValue> sort_keys;
      for (const SortItem& sort : clause.order_by) {
        // An ORDER BY item written as a returned expression reads its column.
        int column = -1;
        for (size_t c = 0; c < items.size(); ++c) {
          if (items[c].second->text == sort.expr->text) column = static_cast<int>(c);
        }
        sort_keys.push_back(column >= 0 ? projected[i].first[static_cast<size_t>(column)]
                                        : Eval(*sort.expr, frame));
      }
      keyed.emplace_back(std::move(sort_keys), i);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& x, const auto& y) {
      for (size_t k = 0; k < clause.order_by.size(); ++k) {
        int c = CompareForOrder(x.first[k], y.first[k]);
        if (clause.order_by[k].descending) c = -c;
        if (c != 0) return c < 0;
      }
      return false;
    });
    std::vector<std::pair<Row, Row>> sorted;
    sorted.reserve(keyed.size());
    for (const auto& [keys, index] : keyed) sorted.push_back(std::move(projected[index]));
    projected = std::move(sorted);
  }

  auto count_of = [&](const ExprPtr& expr, const char* what) -> size_t {
    if (!expr) return 0;
    std::vector<std::string> no_names;
    Row no_row;
    Frame frame{&no_names, &no_row};
    CypherValue value = Eval(*expr, frame);
    if (!value.is<int64_t>() || value.as<int64_t>() < 0) {
      throw QueryError{expr->position,
                       std::string(what) + " takes a non-negative integer, got " +
                           (value.is<int64_t>() ? ScalarText(value).value() : TypeName(value))};
    }
    return static_cast<size_t>(value.as<int64_t>());
  };
  const size_t skip = count_of(clause.skip, "SKIP");
  const size_t limit = clause.limit ? count_of(clause.limit, "LIMIT") : projected.size();
  // WITH ... WHERE sees the new columns and, unless DISTINCT or an
  // aggregate hid them, the variables before the projection (as ORDER BY).
  const bool where_sees_old = clause.where && !aggregating;
  std::vector<std::string> where_names;
  if (where_sees_old) where_names = in.names;
  where_names.insert(where_names.end(), out.names.begin(), out.names.end());
  for (size_t i = skip; i < projected.size() && i - skip < limit; ++i) {
    if (clause.where) {
      Row combined;
      if (where_sees_old) combined = projected[i].second;
      combined.insert(combined.end(), projected[i].first.begin(), projected[i].first.end());
      Frame frame{&where_names, &combined};
      if (!Passes(*clause.where, frame)) continue;
    }
    out.rows.push_back(std::move(projected[i].first));
  }
  return out;
}

}  // namespace

Result<CypherResult> Execute(const Store& store, const Graph& graph, const Query& query,
                             const CypherRequest& request, std::string_view text,
                             const RecordsLoader& load_records) {
  try {
    Executor executor(store, graph, request, load_records);
    return executor.Run(query);
  } catch (const QueryError& error) {
    if (error.position.line == 0 || (error.position.line == 1 && error.position.column == 1 &&
                                     error.message.find("variable") == std::string::npos)) {
      return Status::InvalidArgument(error.message);
    }
    return Status::InvalidArgument(MessageAt(text, error.position, error.message));
  } catch (const std::bad_alloc&) {
    return Status::IOError("out of memory running the query; narrow it (LIMIT, --max-rows)");
  }
}

}  // namespace partnergraph::cypher
