#include <algorithm>
#include <cstdlib>
#include <memory>

#include <utf8proc.h>

#include "partnergraph/text.h"

namespace partnergraph {
namespace {

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

bool IsSpace(utf8proc_int32_t cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') {
    return true;
  }
  const utf8proc_category_t category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
         category == UTF8PROC_CATEGORY_ZP;
}

// The code point at byte `pos` of `text` into `cp`: its length in bytes, or
// 0 or less for invalid UTF-8 (utf8proc_iterate's answer).
utf8proc_ssize_t DecodeAt(std::string_view text, size_t pos, utf8proc_int32_t* cp) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos);
  return utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - pos), cp);
}

// Characters that show as nothing yet reorder or join what a terminal
// shows around them: with them "I\u200bL\u200bO" passes for "ILO" and
// U+202E prints a name backwards (Trojan Source, CVE-2021-42574).
bool IsInvisibleFormat(utf8proc_int32_t cp) {
  return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2060 || cp == 0xFEFF || cp == 0x061C ||
         cp == 0x2028 || cp == 0x2029;
}

// TerminalText, cut after `max_bytes` of output (npos: never).
std::string EscapeForTerminal(std::string_view text, size_t max_bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + 16);
  size_t pos = 0;
  while (pos < text.size()) {
    if (out.size() >= max_bytes) {
      out += "... (" + std::to_string(text.size()) + " bytes)";
      break;
    }
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = DecodeAt(text, pos, &cp);
    if (n <= 0 || cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
      // One byte at a time: a control character is one byte (C1 two), and
      // invalid UTF-8 is shown byte by byte.
      const size_t length = n > 0 ? static_cast<size_t>(n) : 1;
      for (size_t i = 0; i < length; ++i) {
        const auto byte = static_cast<unsigned char>(text[pos + i]);
        out += "\\x";
        out += kHex[byte >> 4];
        out += kHex[byte & 15];
      }
      pos += length;
      continue;
    }
    if (IsInvisibleFormat(cp)) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 15];
    } else {
      out.append(text.substr(pos, static_cast<size_t>(n)));
    }
    pos += static_cast<size_t>(n);
  }
  return out;
}

}  // namespace

bool IsValidUtf8(std::string_view text, size_t* bad_offset) {
  size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = DecodeAt(text, pos, &cp);
    if (n <= 0 || cp == 0) {
      if (bad_offset != nullptr) *bad_offset = pos;
      return false;
    }
    pos += static_cast<size_t>(n);
  }
  return true;
}

bool IsBlank(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = DecodeAt(text, pos, &cp);
    if (n <= 0 || !IsSpace(cp)) return false;
    pos += static_cast<size_t>(n);
  }
  return true;
}

std::string NormaliseName(std::string_view text) {
  if (!IsValidUtf8(text)) return "";
  utf8proc_uint8_t* mapped = nullptr;
  const int options = UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                      UTF8PROC_LUMP | UTF8PROC_IGNORE;
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &mapped, static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(mapped);
  if (length < 0) return "";

  // Collapse whitespace runs; utf8proc has no option that does this.
  std::string out;
  out.reserve(static_cast<size_t>(length));
  bool pending_space = false;
  utf8proc_ssize_t pos = 0;
  while (pos < length) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(mapped + pos, length - pos, &cp);
    if (n <= 0) return "";
    if (IsSpace(cp)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(reinterpret_cast<const char*>(mapped + pos), static_cast<size_t>(n));
    }
    pos += n;
  }
  return out;
}

std::string PrintableText(std::string_view text, size_t max_bytes) {
  return EscapeForTerminal(text, max_bytes);
}

std::string TerminalText(std::string_view text) {
  return EscapeForTerminal(text, std::string_view::npos);
}

std::string TerminalLines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t start = 0;
  for (;;) {
    const size_t end = text.find('\n', start);
    out += TerminalText(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    out += '\n';
    start = end + 1;
  }
}

bool HasInvisibleFormatCharacter(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = DecodeAt(text, pos, &cp);
    if (n <= 0) return false;
    if (IsInvisibleFormat(cp)) return true;
    pos += static_cast<size_t>(n);
  }
  return false;
}

std::string XmlText(std::string_view text) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = DecodeAt(text, pos, &cp);
    if (n <= 0) {
      out += kReplacement;
      ++pos;
      continue;
    }
    const bool allowed =
        cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        if (allowed) {
          out.append(text.substr(pos, static_cast<size_t>(n)));
        } else {
          out += kReplacement;
        }
    }
    pos += static_cast<size_t>(n);
  }
  return out;
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = DecodeAt(text, pos, &cp);
    if (n <= 0) {  // count a stray byte as one column rather than stop
      ++width;
      ++pos;
      continue;
    }
    width += static_cast<size_t>(utf8proc_charwidth(cp));
    pos += static_cast<size_t>(n);
  }
  return width;
}

}  // namespace partnergraph
