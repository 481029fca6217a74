// The words and numbers pictures show: amounts, periods, wrapped names and
// Graphviz attribute numbers. Plain text; escaping for DOT is dot_escape.h's.
#ifndef PARTNERGRAPH_VIZ_LABEL_TEXT_H_
#define PARTNERGRAPH_VIZ_LABEL_TEXT_H_

#include <string>
#include <string_view>

#include "partnergraph/amount.h"
#include "partnergraph/date.h"
#include "partnergraph/relation.h"

namespace partnergraph::viz {

// "2019–2021", "2019-06–" (open end), "–2021", "2019" (one date), "" (none).
std::string FormatPeriod(const PartialDate& since, const PartialDate& until);

// A number for a Graphviz attribute: fixed, at most 2 decimals, no trailing
// zeros ("2", "2.5", "0.75"). Independent of the locale.
std::string FormatDecimal(double value);

// Replaces spaces by line breaks so that no line is wider than `columns`
// (CJK counts two) where a space allows it; a Latin word wider than
// `columns` stays whole. Text in CJK characters, written without spaces,
// also breaks between two of them (never before closing punctuation such as
// "，" or "）"), into lines as even as the fewest lines allow and never
// leaving one character alone on a line. 0 returns `text`.
std::string WrapAtSpaces(std::string_view text, int columns);

// The same, breaking at spaces only.
std::string WrapAtSpacesOnly(std::string_view text, int columns);

}  // namespace partnergraph::viz

#endif  // PARTNERGRAPH_VIZ_LABEL_TEXT_H_
