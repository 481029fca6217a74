// Turning arbitrary text into DOT that Graphviz parses and shows as written.
// Each function targets one place in DOT, because each place unescapes
// differently (checked against Graphviz 2.43's scanner and label code):
//  - quoted IDs: only \" is an escape, but \ before " or a newline, or at the
//    end, changes the ID, so backslashes cannot be written as themselves;
//  - HTML-like labels: XML entities, then Graphviz's escString pass (\N is the
//    node name, \\ a backslash);
//  - quoted escStrings (tooltips): two unescaping passes, so a literal
//    backslash takes four.
#ifndef PARTNERGRAPH_VIZ_DOT_ESCAPE_H_
#define PARTNERGRAPH_VIZ_DOT_ESCAPE_H_

#include <string>
#include <string_view>

namespace partnergraph::viz {

// Text Graphviz's XML parser and renderers accept: valid UTF-8 (each bad byte
// becomes U+FFFD), "\r\n" and "\r" become "\n", a tab becomes a space, and
// other control characters (NUL, C0, DEL) and the XML non-characters U+FFFE
// and U+FFFF become U+FFFD.
std::string SanitiseText(std::string_view text);

// A double-quoted DOT ID for a node name, an edge key or a subgraph name.
// '"' is written \"; '^', '%', '\', control characters and bytes of invalid
// UTF-8 are written ^XX (uppercase hex). Injective: two different ids never
// give the same DOT ID, and an id of letters, digits, '-', '_', '.' is
// unchanged. Not %XX: cgraph takes a name starting with '%' for an internal
// id and forgets it after parsing, so no DOT ID written here starts with '%'.
std::string QuoteId(std::string_view id);

// The inside of an HTML-like label (to go between '<' and '>'): sanitised,
// with & < > " as entities, '\' doubled, and "\n" as <BR/>.
std::string HtmlLabelText(std::string_view text);

// A double-quoted escString for tooltips: sanitised, '"' as \", "\n" as \n,
// and '\' as four backslashes (Graphviz unescapes tooltips twice).
std::string QuoteEscString(std::string_view text);

// A double-quoted plain attribute value from a style file. Style values are
// checked on load to contain no '"', '\' or control characters; any that
// slip through are dropped here rather than written.
std::string QuoteValue(std::string_view value);

// True for values QuoteValue writes unchanged: no '"', '\' or control characters.
bool IsPlainValue(std::string_view value);

}  // namespace partnergraph::viz

#endif  // PARTNERGRAPH_VIZ_DOT_ESCAPE_H_
