#include "cli/present.h"

#include <cctype>
#include <functional>
#include <map>

#include "partnergraph/amount.h"
#include "partnergraph/text.h"

#include "cli/terminal.h"

namespace partnergraph::cli {

std::string Period(const Relation& relation) {
  std::string since = relation.since.ToString();
  const std::string until = relation.until.ToString();
  if (since.empty() && until.empty()) return "";
  if (until.empty()) return "since " + since;
  if (since.empty()) return "until " + until;
  if (since == until) return since;
  return since + "–" + until;
}

std::string AmountText(const Relation& relation) {
  return relation.amount ? FormatAmount(*relation.amount) : "";
}

namespace {

// The sources' names for CitedAs: a command's tables are printed after
// UseSourceNames, on one thread.
std::map<std::string, std::string, std::less<>>& SourceNames() {
  static std::map<std::string, std::string, std::less<>> names;
  return names;
}

}  // namespace

void UseSourceNames(const std::vector<SourceDocument>& sources) {
  for (const SourceDocument& source : sources) {
    const std::string& name = !source.short_title.empty() ? source.short_title : source.symbol;
    if (!name.empty()) SourceNames()[source.doc] = name;
  }
}

std::string CitedAs(std::string_view doc) {
  auto it = SourceNames().find(doc);
  return it == SourceNames().end() ? std::string(doc) : it->second;
}

std::string SourceText(const Relation& relation) {
  if (!relation.source) return "";
  return CitedAs(relation.source->doc) + ": “" + DisplayText(relation.source->quote) + "”";
}

std::string What(const Relation& relation) {
  return relation.title.empty() ? relation.role : relation.title;
}

std::string DisplayText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    // Markdown escapes punctuation with a backslash; "\\$" is an escaped
    // backslash before an escaped dollar, and both drop one backslash.
    if (text[i] == '\\' && i + 1 < text.size() &&
        std::ispunct(static_cast<unsigned char>(text[i + 1])) != 0) {
      ++i;
      while (text[i] == '\\' && i + 1 < text.size() &&
             std::ispunct(static_cast<unsigned char>(text[i + 1])) != 0) {
        ++i;
      }
    }
    out += text[i];
  }
  return out;
}

namespace {

// `text` broken at spaces into lines of at most `width` display columns
// (a longer word stays whole), each after `indent`.
std::string Wrapped(std::string_view text, const std::string& indent, size_t width) {
  std::string out;
  std::string line;
  size_t start = 0;
  while (start <= text.size()) {
    size_t space = text.find(' ', start);
    if (space == std::string_view::npos) space = text.size();
    const std::string_view word = text.substr(start, space - start);
    start = space + 1;
    if (word.empty()) continue;
    if (!line.empty() &&
        DisplayWidth(indent) + DisplayWidth(line) + 1 + DisplayWidth(word) > width) {
      out += indent + line + "\n";
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

}  // namespace

std::string LongLines(const Relation& relation, const std::string& indent, size_t width) {
  if (width == 0) width = TerminalColumns() > 0 ? TerminalColumns() : 100;
  std::string out;
  if (!relation.title.empty() && !relation.role.empty()) {
    out += Wrapped("role: " + TerminalText(relation.role), indent, width);
  }
  for (const auto& [key, value] : relation.attributes) {
    out += Wrapped(TerminalText(key) + ": " + TerminalText(DisplayText(value)), indent, width);
  }
  if (relation.source) {
    const std::string cited = CitedAs(relation.source->doc);
    out += Wrapped("source: " + TerminalText(cited) +
                       (cited == relation.source->doc ? "" : " (" + relation.source->doc + ")"),
                   indent, width);
    out += Wrapped("“" + TerminalText(DisplayText(relation.source->quote)) + "”", indent + "  ",
                   width);
  }
  return out;
}

std::string DatingNote(const PartialDate& as_of, DateRule rule, const DatingCounts& counts) {
  const size_t total = counts.dated + counts.reported + counts.undated + counts.excluded;
  std::string note = "as of " + as_of.ToString() + " (--dates " + DateRuleName(rule) + "), of " +
                     std::to_string(total) + " relations: " + std::to_string(counts.dated) +
                     " dated and in force, ";
  switch (rule) {
    case DateRule::kEvidence:
      note += std::to_string(counts.reported) +
              " reported-only (counted from their source's period), " +
              std::to_string(counts.undated) +
              " undated (their source states no period; counted always), " +
              std::to_string(counts.excluded) + " excluded.\n";
      break;
    case DateRule::kStrict:
      note += std::to_string(counts.excluded) + " excluded (undated ones are left out).\n";
      break;
    case DateRule::kAny:
      note += std::to_string(counts.reported + counts.undated) + " undated (counted always), " +
              std::to_string(counts.excluded) + " excluded.\n";
      break;
  }
  return note;
}

std::string BothNames(const Entity& entity) {
  if (entity.name.en.empty()) return entity.name.zh;
  if (entity.name.zh.empty()) return entity.name.en;
  return entity.name.en + " / " + entity.name.zh;
}

}  // namespace partnergraph::cli
