// Unicode text helpers shared by the store (name index), queries and the
// command line (table alignment). Backed by utf8proc.
#ifndef PARTNERGRAPH_TEXT_H_
#define PARTNERGRAPH_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace partnergraph {

// True when `text` is well-formed UTF-8 without NUL bytes. On failure,
// `bad_offset` (if given) receives the byte offset of the first bad byte.
bool IsValidUtf8(std::string_view text, size_t* bad_offset = nullptr);

// The form names are indexed and looked up under: Unicode compatibility
// normalisation (full-width "ＩＬＯ" -> "ILO"), case folding, typographic
// dashes and quotes lumped to ASCII, runs of whitespace (including the
// ideographic space) collapsed to one space, ends trimmed. "" for invalid UTF-8.
// DO NOT CHANGE without bumping the store's format version: stored in keys.
std::string NormaliseName(std::string_view text);

// Whether `text` holds no character but whitespace (ASCII, and Unicode's
// space separators such as the ideographic space U+3000): true for "". A
// blank name can be neither read nor looked up. False for invalid UTF-8.
bool IsBlank(std::string_view text);

// `text` as a message may quote it: escaped as TerminalText does (so no
// escape sequence reaches the terminal), and text longer than `max_bytes`
// cut at a character boundary, ending "... (N bytes)", so a huge value
// cannot flood it.
std::string PrintableText(std::string_view text, size_t max_bytes = 80);

// `text` as a terminal may show it: control characters (C0, DEL, C1) and
// bytes of invalid UTF-8 written \xNN, and the invisible characters that
// make one text look like another (bidi embeddings, overrides and isolates
// U+202A-U+202E and U+2066-U+2069, the marks U+200E, U+200F and U+061C,
// zero-width characters U+200B-U+200D, U+2060 and U+FEFF, the separators
// U+2028 and U+2029) written \uNNNN. Not cut. Every table cell, every
// error message (line by line) and every name pgraph prints goes through
// it, so nothing a record holds can move the cursor, reset the terminal or
// pass for a different name.
std::string TerminalText(std::string_view text);

// TerminalText of each line of `text`, the newlines kept: for a message
// that lists several errors, one a line.
std::string TerminalLines(std::string_view text);

// Whether `text` holds one of the invisible characters TerminalText writes
// \uNNNN (bidi controls, zero-width characters): none belongs in a name.
bool HasInvisibleFormatCharacter(std::string_view text);

// `text` as XML character data or a double-quoted attribute value (GraphML,
// the HTML-like labels of DOT): '&', '<', '>' and '"' written as entities, and
// what XML 1.0 cannot carry at all (control characters other than tab,
// newline and carriage return; U+FFFE and U+FFFF; invalid UTF-8) replaced by
// U+FFFD, so the document stays well-formed whatever a record holds.
std::string XmlText(std::string_view text);

// Columns `text` takes in a terminal: CJK ideographs and full-width forms
// count two, combining marks zero.
size_t DisplayWidth(std::string_view text);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_TEXT_H_
