#include "cli/table.h"

#include <algorithm>
#include <iostream>

#include "partnergraph/text.h"

#include "cli/terminal.h"

namespace partnergraph::cli {
namespace {

size_t Utf8SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

// A cell as the grid can hold it: newlines and tabs (a multi-line quote)
// shown as spaces, anything else that would move the cursor, reset the
// terminal or hide in a name escaped by TerminalText.
std::string Cell(std::string_view text) {
  std::string out(text);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return TerminalText(out);
}

TableFormat table_format = TableFormat::kAligned;
bool ascii_only = false;

// Below this many columns a table prints one record per block.
constexpr size_t kNarrowTerminal = 100;
// Wrapping never narrows a column below this.
constexpr size_t kMinWrappedWidth = 12;

// `text` in lines of at most `width` display columns, broken at spaces
// where it can and inside a word where it must.
std::vector<std::string> WrapToWidth(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t line_width = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t space = text.find(' ', pos);
    if (space == std::string_view::npos) space = text.size();
    std::string_view word = text.substr(pos, space - pos);
    pos = space + 1;
    size_t word_width = DisplayWidth(word);
    if (!line.empty() && line_width + 1 + word_width > width) {
      lines.push_back(line);
      line.clear();
      line_width = 0;
    }
    while (word_width > width) {  // a word longer than the column
      size_t taken = 0;
      size_t taken_width = 0;
      while (taken < word.size()) {
        const size_t length = std::min(Utf8SequenceLength(static_cast<unsigned char>(word[taken])),
                                       word.size() - taken);
        const size_t w = DisplayWidth(word.substr(taken, length));
        if (taken_width + w > width - line_width - (line.empty() ? 0 : 1)) break;
        taken += length;
        taken_width += w;
      }
      if (taken == 0) {
        if (line.empty()) break;
        lines.push_back(line);
        line.clear();
        line_width = 0;
        continue;
      }
      if (!line.empty()) line += ' ';
      line.append(word.substr(0, taken));
      lines.push_back(line);
      line.clear();
      line_width = 0;
      word = word.substr(taken);
      word_width = DisplayWidth(word);
    }
    if (word.empty()) continue;
    if (!line.empty()) {
      line += ' ';
      ++line_width;
    }
    line.append(word);
    line_width += word_width;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

void SetTableFormat(TableFormat format) { table_format = format; }

TableFormat CurrentTableFormat() { return table_format; }

void SetAsciiOnly(bool ascii) { ascii_only = ascii; }

std::string AsciiGlyphs(std::string text) {
  static const std::pair<std::string_view, std::string_view> kGlyphs[] = {
      {"──▶", "-->"}, {"◀──", "<--"}, {"→", "->"}, {"←", "<-"},  {"│", "|"},
      {"─", "-"},     {"▶", ">"},     {"◀", "<"},  {"…", "..."}, {"–", "-"}};
  for (const auto& [glyph, ascii] : kGlyphs) {
    for (size_t at = text.find(glyph); at != std::string::npos;
         at = text.find(glyph, at + ascii.size())) {
      text.replace(at, glyph.size(), ascii);
    }
  }
  return text;
}

std::string TruncateToWidth(std::string_view text, size_t width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  if (width == 0) return "";
  std::string out;
  size_t used = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t length =
        std::min(Utf8SequenceLength(static_cast<unsigned char>(text[pos])), text.size() - pos);
    const std::string_view character = text.substr(pos, length);
    const size_t w = DisplayWidth(character);
    if (used + w > width - 1) break;  // keep one column for the ellipsis
    out.append(character);
    used += w;
    pos += length;
  }
  return out + "…";
}

Table::Table(std::vector<std::string> headers)
    : headers_(std::move(headers)), max_widths_(headers_.size(), 0) {
  for (std::string& header : headers_) header = Cell(header);
}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  for (std::string& cell : cells) cell = ascii_only ? AsciiGlyphs(Cell(cell)) : Cell(cell);
  rows_.push_back(std::move(cells));
}

void Table::SetMaxWidth(size_t column, size_t width) {
  if (column < max_widths_.size()) max_widths_[column] = width;
}

void Table::Print(std::ostream& out) const {
  if (table_format != TableFormat::kAligned) {
    // Every column and every cell whole: the reader is a program.
    const char separator = table_format == TableFormat::kCsv ? ',' : '\t';
    auto print_record = [&](const std::vector<std::string>& cells) {
      for (size_t c = 0; c < cells.size(); ++c) {
        if (c > 0) out << separator;
        out << (table_format == TableFormat::kCsv ? CsvField(cells[c]) : cells[c]);
      }
      out << '\n';
    };
    print_record(headers_);
    for (const auto& row : rows_) print_record(row);
    return;
  }
  // A terminal even while a pager reads the output in its place.
  const bool terminal = &out == &std::cout && StdoutIsTerminal();
  const size_t columns = terminal ? TerminalColumns() : 0;
  // With a known width, cells wrap instead of being cut.
  const bool truncate = terminal && columns == 0;
  std::vector<std::vector<std::string>> cells;
  cells.push_back(headers_);
  for (const auto& row : rows_) {
    std::vector<std::string> shown;
    for (size_t c = 0; c < row.size(); ++c) {
      // Cut only for a reader at a terminal: a pipe or a file gets every cell
      // whole.
      shown.push_back(max_widths_[c] == 0 || !truncate ? row[c]
                                                       : TruncateToWidth(row[c], max_widths_[c]));
    }
    cells.push_back(std::move(shown));
  }
  // A column empty in every row says nothing; leave it out.
  std::vector<bool> shown_columns(headers_.size(), rows_.empty() || keep_empty_columns_);
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size(); ++c) shown_columns[c] = shown_columns[c] || !row[c].empty();
  }
  for (auto& row : cells) {
    std::vector<std::string> kept;
    for (size_t c = 0; c < row.size(); ++c) {
      if (shown_columns[c]) kept.push_back(std::move(row[c]));
    }
    row = std::move(kept);
  }
  std::vector<size_t> widths(cells.front().size(), 0);
  for (const auto& row : cells) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  auto total_width = [&] {
    size_t total = 0;
    for (size_t w : widths) total += w + 2;
    return total == 0 ? 0 : total - 2;
  };
  if (columns != 0 && columns < kNarrowTerminal && total_width() > columns) {
    // A narrow terminal: one record per block, as sqlite3's .mode line.
    size_t label_width = 0;
    for (const std::string& header : cells.front()) {
      label_width = std::max(label_width, DisplayWidth(header));
    }
    for (size_t r = 1; r < cells.size(); ++r) {
      if (r > 1) out << '\n';
      for (size_t c = 0; c < cells[r].size(); ++c) {
        if (cells[r][c].empty()) continue;
        const std::string& header = cells.front()[c];
        const std::string label =
            (header.empty() ? std::string("·") : header) +
            std::string(
                label_width - std::min(label_width, DisplayWidth(header.empty() ? "·" : header)),
                ' ');
        const size_t room = columns > label_width + 3 ? columns - label_width - 3 : 20;
        const std::vector<std::string> lines = WrapToWidth(cells[r][c], room);
        for (size_t l = 0; l < lines.size(); ++l) {
          out << (l == 0 ? label : std::string(label_width, ' ')) << " = " << lines[l] << '\n';
        }
      }
    }
    return;
  }
  if (columns != 0) {
    // Too wide for the terminal: narrow the widest column, a column at a
    // time, down to kMinWrappedWidth; its cells wrap onto more lines.
    while (total_width() > columns) {
      const auto widest = std::max_element(widths.begin(), widths.end());
      if (*widest <= kMinWrappedWidth) break;
      --*widest;
    }
  }
  bool bold_row = false;
  auto print_row = [&](const std::vector<std::string>& row) {
    std::vector<std::vector<std::string>> wrapped;
    size_t height = 1;
    for (size_t c = 0; c < row.size(); ++c) {
      wrapped.push_back(DisplayWidth(row[c]) <= widths[c] ? std::vector<std::string>{row[c]}
                                                          : WrapToWidth(row[c], widths[c]));
      height = std::max(height, wrapped.back().size());
    }
    for (size_t l = 0; l < height; ++l) {
      std::string line;
      for (size_t c = 0; c < row.size(); ++c) {
        const std::string& piece = l < wrapped[c].size() ? wrapped[c][l] : std::string();
        line += piece;
        if (c + 1 < row.size()) {
          line.append(widths[c] - std::min(widths[c], DisplayWidth(piece)) + 2, ' ');
        }
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out << (bold_row ? Bold(line) : line) << '\n';
    }
  };
  bold_row = true;  // the header, bold on a terminal that takes colour
  print_row(cells.front());
  bold_row = false;
  std::string rule;
  for (size_t c = 0; c < widths.size(); ++c) {
    rule.append(widths[c], '-');
    if (c + 1 < widths.size()) rule += "  ";
  }
  out << rule << '\n';
  for (size_t r = 1; r < cells.size(); ++r) print_row(cells[r]);
}

}  // namespace partnergraph::cli
