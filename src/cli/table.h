// Aligned text tables for the terminal, measuring cells by display width so
// Chinese names line up.
#ifndef PARTNERGRAPH_CLI_TABLE_H_
#define PARTNERGRAPH_CLI_TABLE_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace partnergraph::cli {

// How every Table prints: aligned for people, or CSV (RFC 4180) or TSV
// (tabs and line breaks in cells as spaces) for other programs, chosen once
// by --format.
enum class TableFormat { kAligned, kCsv, kTsv };
void SetTableFormat(TableFormat format);
TableFormat CurrentTableFormat();

// `text` with the glyphs pgraph draws (arrows, box lines, the ellipsis, the
// en dash of periods) as ASCII, for --ascii.
std::string AsciiGlyphs(std::string text);
// Whether every Table draws its cells with AsciiGlyphs (--ascii), before
// measuring them so that columns stay aligned.
void SetAsciiOnly(bool ascii);

class Table {
 public:
  explicit Table(std::vector<std::string> headers);

  // Cells beyond the header count are dropped; missing ones are empty.
  void AddRow(std::vector<std::string> cells);
  // Caps a column's width on a terminal; longer cells end in "…" there, and
  // are never cut when the output is a pipe or a file. 0: no cap.
  void SetMaxWidth(size_t column, size_t width);
  bool empty() const { return rows_.empty(); }
  // Keep columns that are empty in every row (a query's columns are asked for).
  void KeepEmptyColumns() { keep_empty_columns_ = true; }

  // Header, a rule, then the rows; two spaces between columns; no trailing
  // spaces. Columns empty in every row are left out.
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<size_t> max_widths_;
  bool keep_empty_columns_ = false;
};

// `text` cut to at most `width` display columns, ending in "…" when cut.
std::string TruncateToWidth(std::string_view text, size_t width);

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_TABLE_H_
