#include "viz/dot_escape.h"

#include <cstddef>
#include <cstdint>

#include "partnergraph/text.h"

namespace partnergraph::viz {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the well-formed UTF-8 sequence at the start of `text` (no
// overlongs, surrogates or code points above U+10FFFF), 0 if there is none.
// Stores the code point in `code_point`.
size_t DecodeUtf8(std::string_view text, char32_t& code_point) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  const uint8_t lead = byte(0);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  size_t length = 0;
  uint8_t low = 0x80;   // bounds of the second byte, which rule out overlongs,
  uint8_t high = 0xBF;  // surrogates and values beyond U+10FFFF
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  char32_t value = lead & (0xFF >> (length + 1));
  for (size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    value = (value << 6) | (byte(i) & 0x3F);
  }
  code_point = value;
  return length;
}

bool IsControl(char32_t code_point) { return code_point < 0x20 || code_point == 0x7F; }

void AppendEscaped(std::string& out, uint8_t byte) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  out += '^';
  out += kHex[byte >> 4];
  out += kHex[byte & 0x0F];
}

}  // namespace

std::string SanitiseText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    char32_t code_point = 0;
    const size_t length = DecodeUtf8(text.substr(i), code_point);
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (code_point == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;  // "\r\n" is one break
    } else if (code_point == '\t') {
      out += ' ';
    } else if (code_point == '\n') {
      out += '\n';
    } else if (IsControl(code_point) || code_point == 0xFFFE || code_point == 0xFFFF) {
      // XML forbids these, and Graphviz parses HTML labels as XML: one of them
      // would make the whole label fall back to its raw markup.
      out += kReplacement;
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::string QuoteId(std::string_view id) {
  std::string out = "\"";
  size_t i = 0;
  while (i < id.size()) {
    char32_t code_point = 0;
    const size_t length = DecodeUtf8(id.substr(i), code_point);
    if (length == 0) {
      AppendEscaped(out, static_cast<uint8_t>(id[i]));
      ++i;
      continue;
    }
    if (code_point == '^' || code_point == '%' || code_point == '\\' || IsControl(code_point)) {
      AppendEscaped(out, static_cast<uint8_t>(code_point));
    } else if (code_point == '"') {
      out += "\\\"";
    } else {
      out.append(id.substr(i, length));
    }
    i += length;
  }
  out += '"';
  return out;
}

std::string HtmlLabelText(std::string_view text) {
  const std::string clean = SanitiseText(text);
  std::string out;
  out.reserve(clean.size() + clean.size() / 8);
  // The XML of the label is text.h's XmlText; DOT adds two rules of its own.
  size_t start = 0;
  auto flush = [&](size_t end) {
    out += XmlText(std::string_view(clean).substr(start, end - start));
    start = end + 1;
  };
  for (size_t i = 0; i < clean.size(); ++i) {
    const char c = clean[i];
    switch (c) {
      // Graphviz runs its escString pass (\N, \G, \E...) over HTML text after
      // the XML parser, so "&#92;N" would still become the node name; a
      // doubled backslash is the one form it turns back into a single one.
      case '\\':
        flush(i);
        out += "\\\\";
        break;
      case '\n':
        flush(i);
        out += "<BR/>";
        break;
      default:
        break;
    }
  }
  flush(clean.size());
  return out;
}

std::string QuoteEscString(std::string_view text) {
  const std::string clean = SanitiseText(text);
  std::string out = "\"";
  for (char c : clean) {
    switch (c) {
      // The scanner keeps "\\" as two characters; the escString pass makes
      // "\\N" the node name before the tooltip pass turns "\\" into "\". Only
      // four backslashes survive both as one, whatever follows them.
      case '\\':
        out += "\\\\\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  out += '"';
  return out;
}

bool IsPlainValue(std::string_view value) {
  for (char c : value) {
    const auto byte = static_cast<uint8_t>(c);
    if (c == '"' || c == '\\' || byte < 0x20 || byte == 0x7F) return false;
  }
  return true;
}

std::string QuoteValue(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    const auto byte = static_cast<uint8_t>(c);
    if (c == '"' || c == '\\' || byte < 0x20 || byte == 0x7F) continue;
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace partnergraph::viz
