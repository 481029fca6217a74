// How an amount of money reads, wherever PartnerGraph shows one: tables,
// pictures, the explorer.
#ifndef PARTNERGRAPH_AMOUNT_H_
#define PARTNERGRAPH_AMOUNT_H_

#include <string>

#include "partnergraph/relation.h"

namespace partnergraph {

// "USD 745,000"; cents only when there are any ("EUR 1,234.50"); no currency
// prefix when the currency is empty ("5"). Independent of the locale (a
// caller's setlocale never turns "2.5" into "2,5"). Thread-safe.
std::string FormatAmount(const Amount& amount);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_AMOUNT_H_
