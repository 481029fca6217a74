// Read-only openCypher over a Database (Database::Query): the values a query
// returns, and what a caller passes in.
//
// Entities are nodes whose one label is their kind; relations are
// relationships whose type is their relation type. Properties: entity `id`,
// `kind`, `name` (English), `name_zh`, `aliases`; relation `id`, `type`,
// `title`, `role`, `since`, `until`, `amount`, `currency`, `source_doc`,
// `quote`; any other key reads an attribute. Attribute text is typed on read,
// as SQLite's column affinity does: a whole decimal integer reads as an
// integer, a float literal as a float, `true`/`false` as a boolean, a JSON
// array as a list, anything else as a string.
#ifndef PARTNERGRAPH_CYPHER_H_
#define PARTNERGRAPH_CYPHER_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "partnergraph/date.h"
#include "partnergraph/entity.h"
#include "partnergraph/relation.h"
#include "partnergraph/topology.h"

namespace partnergraph {

struct CypherValue;

// A node: an entity, by its index in the Database's graph.
struct CypherNode {
  VertexIndex vertex = 0;
  friend bool operator==(const CypherNode&, const CypherNode&) = default;
};

// A relationship: a relation, by its index in the Database's graph.
struct CypherRelationship {
  EdgeIndex edge = 0;
  friend bool operator==(const CypherRelationship&, const CypherRelationship&) = default;
};

// vertices.size() == edges.size() + 1; edges[i] joins vertices[i] and
// vertices[i + 1], in either direction.
struct CypherPath {
  std::vector<VertexIndex> vertices;
  std::vector<EdgeIndex> edges;
  friend bool operator==(const CypherPath&, const CypherPath&) = default;
};

using CypherList = std::vector<CypherValue>;
// A map keeps its keys in insertion order (as written in the query).
using CypherMap = std::vector<std::pair<std::string, CypherValue>>;

// One Cypher value: null, boolean, integer, float, string, list, map, node,
// relationship or path.
struct CypherValue {
  using Variant = std::variant<std::monostate, bool, int64_t, double, std::string, CypherList,
                               CypherMap, CypherNode, CypherRelationship, CypherPath>;
  Variant value;

  CypherValue() = default;
  template <typename T>
  CypherValue(T v) : value(std::move(v)) {}  // NOLINT(google-explicit-constructor)

  bool is_null() const { return std::holds_alternative<std::monostate>(value); }
  template <typename T>
  bool is() const {
    return std::holds_alternative<T>(value);
  }
  template <typename T>
  const T& as() const {
    return std::get<T>(value);
  }

  // Structural equality (same type, same value): 1 and 1.0 differ, null
  // equals null. Cypher's own `=` is three-valued and lives in the executor.
  friend bool operator==(const CypherValue& a, const CypherValue& b) { return a.value == b.value; }
};

// A query and how to run it.
struct CypherRequest {
  std::string text;  // the query
  // $name parameters: values written as Cypher literals or JSON (ParseValue).
  std::map<std::string, CypherValue> parameters;
  // Relations in force at this date only, in every pattern (as `AS OF` after
  // a MATCH does for that MATCH); empty: any date.
  PartialDate as_of;
  // How relations without dates of their own count as of a date (this one
  // or an AS OF clause's).
  DateRule dates = DateRule::kEvidence;
  // Give up with kInvalidArgument after this long (0: no limit)...
  int64_t timeout_ms = 0;
  // ... or when more than this many rows are held at once by any step.
  size_t max_rows = kDefaultMaxRows;
  static constexpr size_t kDefaultMaxRows = 10'000'000;
};

// The rows of a query, and every entity and relation they mention, so that a
// printer needs nothing else.
struct CypherResult {
  std::vector<std::string> columns;
  std::vector<std::vector<CypherValue>> rows;
  std::map<VertexIndex, Entity> entities;
  std::map<EdgeIndex, Relation> relations;
  // What the query asked that no record has, said once each: a property
  // that no entity or relation holds (read as null, as Cypher says) with
  // the closest known name, e.g. `no entity or relation has the property
  // "nme" (did you mean "name"?)`.
  std::vector<std::string> notices;
};

// A float as Cypher prints it: the shortest text that reads back as the same
// double, with a decimal point (7145000.0, 0.1, 1.0e+20 as 1e+20), NaN,
// Infinity and -Infinity.
std::string CypherFloatText(double value);

// Parses a parameter value as a user types it on the command line: JSON
// (`2019`, `"text"`, `[1, 2]`, `{"a": 1}`, `true`, `null`); anything that is
// not JSON is the string itself (`--param country=cambodia`).
CypherValue ParseParameterValue(const std::string& text);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_CYPHER_H_
