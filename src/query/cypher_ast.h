// The syntax tree of a read-only openCypher query, as the parser builds it
// and the executor runs it. Private to the query module.
#ifndef PARTNERGRAPH_QUERY_CYPHER_AST_H_
#define PARTNERGRAPH_QUERY_CYPHER_AST_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "partnergraph/cypher.h"

namespace partnergraph::cypher {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;
struct Pattern;

// Where a piece of the query starts, for messages (1-based).
struct Position {
  int line = 1;
  int column = 1;
};

enum class ExprKind {
  kLiteral,               // value
  kParameter,             // name
  kVariable,              // name
  kProperty,              // children[0].name
  kIndex,                 // children[0][children[1]]
  kSlice,                 // children[0][children[1]..children[2]] (either may be null)
  kList,                  // [children...]
  kMap,                   // {keys[i]: children[i]}
  kUnary,                 // op children[0]: "-", "+", "NOT"
  kBinary,                // children[0] op children[1]
  kComparison,            // children[0] ops[0] children[1] ops[1] children[2] ... (chained)
  kIsNull,                // children[0] IS NULL (negated: IS NOT NULL)
  kFunction,              // name(children...), distinct for aggregates
  kCountStar,             // count(*)
  kCase,                  // CASE [children[0] when subject] WHEN..THEN.. [ELSE]
  kListComprehension,     // [name IN children[0] WHERE children[1] | children[2]]
  kQuantifier,            // name(variable IN children[0] WHERE children[1]): all/any/none/single
  kReduce,                // reduce(keys[0] = children[0], name IN children[1] | children[2])
  kPatternPredicate,      // a pattern used as a boolean: true when it matches
  kPatternComprehension,  // [pattern WHERE children[0] | children[1]]
  kExists,                // EXISTS { MATCH pattern WHERE .. } or exists(pattern)
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  Position position;
  CypherValue value;                 // kLiteral
  std::string name;                  // parameter, variable, property key, function, operator
  std::vector<std::string> ops;      // kComparison operators
  std::vector<std::string> keys;     // kMap keys; kReduce accumulator
  std::string variable;              // kListComprehension, kQuantifier, kReduce iteration variable
  std::vector<ExprPtr> children;     // null where optional parts are absent
  bool distinct = false;             // kFunction: count(DISTINCT x)
  bool negated = false;              // kIsNull: IS NOT NULL
  bool has_else = false;             // kCase
  bool has_subject = false;          // kCase: CASE x WHEN ...
  std::shared_ptr<Pattern> pattern;  // kPatternPredicate, kPatternComprehension, kExists
  std::string text;                  // the source text, for column names (RETURN a.b)
};

enum class RelDirection { kRight, kLeft, kBoth };  // -->, <--, --

struct NodePattern {
  Position position;
  std::string variable;             // empty: anonymous
  std::vector<std::string> labels;  // kinds; several must all hold
  ExprPtr properties;               // a kMap or kParameter; null when absent
};

struct RelPattern {
  Position position;
  std::string variable;
  std::vector<std::string> types;  // alternatives; empty: any type
  RelDirection direction = RelDirection::kBoth;
  bool var_length = false;  // *, *2, *1..3, *..3, *2..
  int min_hops = 1;
  std::optional<int> max_hops;  // nullopt: no upper bound
  ExprPtr properties;
};

enum class PathSearch { kNone, kShortest, kAllShortest };

// A path pattern: nodes[0] rels[0] nodes[1] ... rels[n-1] nodes[n].
struct Pattern {
  Position position;
  std::string path_variable;  // p = ...
  PathSearch search = PathSearch::kNone;
  std::vector<NodePattern> nodes;
  std::vector<RelPattern> rels;
  ExprPtr where;  // pattern comprehensions and EXISTS { } subqueries
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

struct ProjectionItem {
  ExprPtr expr;
  std::string alias;  // the column name: AS name, else the expression's text
};

enum class ClauseKind { kMatch, kUnwind, kWith, kReturn };

struct Clause {
  ClauseKind kind = ClauseKind::kMatch;
  Position position;
  // kMatch
  bool optional = false;
  std::vector<Pattern> patterns;
  ExprPtr as_of;  // AS OF 'date'
  ExprPtr where;  // also kWith
  // kUnwind
  ExprPtr unwind;
  std::string unwind_variable;
  // kWith, kReturn
  bool distinct = false;
  bool star = false;  // WITH * / RETURN *
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order_by;
  ExprPtr skip;
  ExprPtr limit;
};

struct SingleQuery {
  std::vector<Clause> clauses;
};

struct Query {
  std::vector<SingleQuery> parts;  // joined by UNION
  std::vector<bool> union_all;     // union_all[i] joins parts[i] and parts[i + 1]
};

}  // namespace partnergraph::cypher

#endif  // PARTNERGRAPH_QUERY_CYPHER_AST_H_
