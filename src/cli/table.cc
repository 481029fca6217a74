#include "cli/table.h"

#include <unistd.h>

#include <algorithm>
#include <iostream>

#include "partnergraph/text.h"

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
  for (std::string& cell : cells) cell = Cell(cell);
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
  const bool truncate = &out == &std::cout && isatty(STDOUT_FILENO) != 0;
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
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line.append(widths[c] - DisplayWidth(row[c]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  print_row(cells.front());
  std::string rule;
  for (size_t c = 0; c < widths.size(); ++c) {
    rule.append(widths[c], '-');
    if (c + 1 < widths.size()) rule += "  ";
  }
  out << rule << '\n';
  for (size_t r = 1; r < cells.size(); ++r) print_row(cells[r]);
}

}  // namespace partnergraph::cli
