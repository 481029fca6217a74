#include "viz/label_text.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "partnergraph/text.h"

namespace partnergraph::viz {
namespace {

// Fixed notation with `precision` decimals, via to_chars because printf and
// streams follow the global locale (a caller's setlocale would turn "2.5"
// into "2,5" and break the DOT).
std::string ToFixed(double value, int precision) {
  std::array<char, 400> buffer{};  // enough for any finite double in fixed notation
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                    std::chars_format::fixed, precision);
  if (error != std::errc()) return "0";
  return std::string(buffer.data(), end);
}

}  // namespace

std::string FormatPeriod(const PartialDate& since, const PartialDate& until) {
  constexpr std::string_view kDash = "\xE2\x80\x93";  // en dash: a range, not a minus
  if (since.empty() && until.empty()) return "";
  if (since == until) return since.ToString();
  return since.ToString() + std::string(kDash) + until.ToString();
}

std::string FormatDecimal(double value) {
  if (!std::isfinite(value)) return "0";
  std::string text = ToFixed(value, 2);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

namespace {

size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;  // a stray continuation byte: step over it alone
}

// CJK punctuation that must not begin a line.
bool ClosesALine(std::string_view character) {
  static constexpr std::string_view kClosing[] = {"，", "。", "、", "：", "；", "！", "？",
                                                  "）", "》", "」", "』", "】", "·"};
  for (std::string_view closing : kClosing) {
    if (character == closing) return true;
  }
  return false;
}

// One line's characters (UTF-8 sequences).
std::vector<std::string_view> Characters(std::string_view line) {
  std::vector<std::string_view> characters;
  for (size_t i = 0; i < line.size();) {
    const size_t length =
        std::min(Utf8Length(static_cast<unsigned char>(line[i])), line.size() - i);
    characters.push_back(line.substr(i, length));
    i += length;
  }
  return characters;
}

// Greedy: as many characters on each line as fit in `limit` columns,
// breaking only next to a wide (CJK) character, which needs no space to
// part, and never before closing punctuation. Latin words stay whole.
std::vector<std::string> GreedyLines(const std::vector<std::string_view>& characters,
                                     size_t limit) {
  std::vector<std::string> lines;
  std::string current;
  size_t width = 0;
  bool previous_wide = false;
  for (std::string_view character : characters) {
    const size_t char_width = DisplayWidth(character);
    const bool wide = char_width >= 2;
    if (width + char_width > limit && !current.empty() && (wide || previous_wide) &&
        !ClosesALine(character)) {
      lines.push_back(std::move(current));
      current.clear();
      width = 0;
    }
    current += character;
    width += char_width;
    previous_wide = wide;
  }
  lines.push_back(std::move(current));
  return lines;
}

size_t WidestLine(const std::vector<std::string>& lines) {
  size_t widest = 0;
  for (const std::string& line : lines) widest = std::max(widest, DisplayWidth(line));
  return widest;
}

bool IsLoneWideCharacter(std::string_view line) {
  const std::vector<std::string_view> characters = Characters(line);
  return characters.size() == 1 && DisplayWidth(characters[0]) >= 2;
}

// Breaks a line with no space left to break at, but wider than `limit`,
// between wide (CJK) characters: Chinese names are written without spaces.
// As few lines as the greedy break gives, made as even as they can be
// ("中国-联合国和" / "平与发展基金", not "中国-联合国和平与发展基" / "金"),
// and no line left holding one character: one that would be joins its
// neighbour, even if that line then runs past `limit`.
std::string BreakWideText(std::string_view line, size_t limit) {
  const std::vector<std::string_view> characters = Characters(line);
  std::vector<std::string> lines = GreedyLines(characters, limit);
  if (lines.size() > 1) {
    // The narrowest widest line among breaks into as few lines.
    const size_t count = lines.size();
    size_t widest = WidestLine(lines);
    for (size_t target = (DisplayWidth(line) + count - 1) / count; target < widest; ++target) {
      std::vector<std::string> even = GreedyLines(characters, target);
      if (even.size() <= count && WidestLine(even) < widest) {
        widest = WidestLine(even);
        lines = std::move(even);
      }
    }
  }
  for (size_t i = 0; i < lines.size() && lines.size() > 1;) {
    if (!IsLoneWideCharacter(lines[i])) {
      ++i;
      continue;
    }
    if (i == 0) {
      lines[0] += lines[1];
      lines.erase(lines.begin() + 1);
      continue;
    }
    // Take the previous line's last character along when that leaves it
    // two or more and the character may begin a line; else join it.
    const std::vector<std::string_view> previous = Characters(lines[i - 1]);
    if (previous.size() >= 3 && DisplayWidth(previous.back()) >= 2 &&
        !ClosesALine(previous.back())) {
      lines[i] = std::string(previous.back()) + lines[i];
      lines[i - 1].resize(lines[i - 1].size() - previous.back().size());
      ++i;
    } else {
      lines[i - 1] += lines[i];
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i != 0) out += '\n';
    out += lines[i];
  }
  return out;
}

}  // namespace

namespace {

// WrapAtSpaces, and, if `break_wide`, lines still too wide broken between
// wide characters too.
std::string Wrap(std::string_view text, int columns, bool break_wide) {
  if (columns <= 0) return std::string(text);
  const size_t limit = static_cast<size_t>(columns);
  std::string out;
  auto emit = [&](const std::string& line) {
    out += break_wide && DisplayWidth(line) > limit ? BreakWideText(line, limit) : line;
  };
  size_t line_start = 0;
  while (line_start <= text.size()) {
    size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::string_view line = text.substr(line_start, line_end - line_start);

    // Greedy: add words while the line fits; break at the space before the
    // word that would overflow. Empty words (runs of spaces) are kept.
    std::vector<std::string_view> words;
    for (size_t start = 0;;) {
      const size_t space = line.find(' ', start);
      if (space == std::string_view::npos) {
        words.push_back(line.substr(start));
        break;
      }
      words.push_back(line.substr(start, space - start));
      start = space + 1;
    }
    std::string current(words.front());
    for (size_t i = 1; i < words.size(); ++i) {
      const std::string candidate = current + " " + std::string(words[i]);
      if (DisplayWidth(candidate) > limit && !words[i].empty() &&
          current.find_first_not_of(' ') != std::string::npos) {
        emit(current);
        out += '\n';
        current = std::string(words[i]);
      } else {
        current = candidate;
      }
    }
    emit(current);
    if (line_end == text.size()) break;
    out += '\n';
    line_start = line_end + 1;
  }
  return out;
}

}  // namespace

std::string WrapAtSpaces(std::string_view text, int columns) { return Wrap(text, columns, true); }

std::string WrapAtSpacesOnly(std::string_view text, int columns) {
  return Wrap(text, columns, false);
}

}  // namespace partnergraph::viz
