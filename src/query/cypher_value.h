// Cypher's rules for values: equality with nulls, the order of ORDER BY, the
// keys of DISTINCT and grouping, and the text of toString. Private to the
// query module.
#ifndef PARTNERGRAPH_QUERY_CYPHER_VALUE_H_
#define PARTNERGRAPH_QUERY_CYPHER_VALUE_H_

#include <optional>
#include <string>
#include <string_view>

#include "partnergraph/cypher.h"

namespace partnergraph::cypher {

// The type's name in messages: "Integer", "String", "Node", ...
std::string TypeName(const CypherValue& value);

// a = b with Cypher's three-valued logic: nullopt (null) when either side is
// null or a list compares elements that are; 1 = 1.0.
std::optional<bool> Equal(const CypherValue& a, const CypherValue& b);

// a < b (negative), = (zero), > (positive) for <, <=, >, >=: nullopt when the
// two are not comparable (different types, null, NaN). Strings that are both
// partial dates of different precision compare by their periods, so
// '2019-06' <= '2019' and '2019-06' >= '2019' both hold.
// NaN against a number gives kUnordered: every one of <, <=, >, >= is false.
std::optional<int> CompareForPredicate(const CypherValue& a, const CypherValue& b, bool or_equal);
constexpr int kUnordered = 2;

// The total order of ORDER BY: maps, nodes, relationships, lists, paths,
// strings, booleans, numbers, then null.
int CompareForOrder(const CypherValue& a, const CypherValue& b);

// A key equal for equivalent values (DISTINCT, grouping, 1 and 1.0 alike,
// null equal to null).
std::string EquivalenceKey(const CypherValue& value);

// toString's text of a number, boolean or string; nullopt for other types.
std::optional<std::string> ScalarText(const CypherValue& value);

// A PartialDate's text ("2019", "2019-06", "2019-06-14") as a period:
// whether `text` is one, and its first and last day as yyyymmdd.
bool DatePeriod(std::string_view text, int32_t* first_day, int32_t* last_day, int* precision);

}  // namespace partnergraph::cypher

#endif  // PARTNERGRAPH_QUERY_CYPHER_VALUE_H_
