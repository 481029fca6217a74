// How an amount of money reads, wherever PartnerGraph shows one: tables,
// pictures, the explorer.
#ifndef PARTNERGRAPH_AMOUNT_H_
#define PARTNERGRAPH_AMOUNT_H_

#include <string>
#include <string_view>

#include "partnergraph/relation.h"

namespace partnergraph {

// "USD 745,000"; cents only when there are any ("EUR 1,234.50"); no currency
// prefix when the currency is empty ("5"). Independent of the locale (a
// caller's setlocale never turns "2.5" into "2,5"). Thread-safe.
std::string FormatAmount(const Amount& amount);

// Whether `code` is an ISO 4217 currency code: a current one (list one, as
// Debian's iso-codes has it, plus ZWG and XCG) or one of the national
// currencies the euro replaced, which older funding documents state amounts
// in. Exact: "usd" and "US$" are not codes. Thread-safe.
bool IsIsoCurrencyCode(std::string_view code);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_AMOUNT_H_
