// A typed, dated, sourced link between two entities, and the source
// documents that relations cite.
#ifndef PARTNERGRAPH_RELATION_H_
#define PARTNERGRAPH_RELATION_H_

#include <map>
#include <optional>
#include <string>

#include "partnergraph/date.h"

namespace partnergraph {

struct Amount {
  double value = 0;      // finite, >= 0
  std::string currency;  // ISO 4217: "USD", "EUR", "CHF"
  friend bool operator==(const Amount&, const Amount&) = default;
};

// Where a fact comes from: a document's file name and an exact short quote.
struct Citation {
  std::string doc;
  std::string quote;
  friend bool operator==(const Citation&, const Citation&) = default;
};

struct Relation {
  std::string id;
  std::string type;  // one of the schema's relation types
  std::string from;  // entity id
  std::string to;    // entity id
  std::string title;
  PartialDate since;
  PartialDate until;  // the last year, month or day in force
  std::optional<Amount> amount;
  std::string role;
  std::map<std::string, std::string> attributes;
  std::optional<Citation> source;

  friend bool operator==(const Relation&, const Relation&) = default;
};

// A document that relations cite, described once, with what the document
// says of itself.
struct SourceDocument {
  std::string doc;       // file name, the key relations cite
  std::string title;     // in the document's own language
  std::string language;  // "en", "zh"
  std::string url;
  // What the document says of itself. Default-initialised, so that a record
  // written {doc, title, language, url} leaves them empty.
  std::string symbol = {};       // the document's symbol, "GB.341/INS/8"; "" when it has none
  std::string short_title = {};  // what tables print: "GB.340/PFA/5" or a short title
  std::string title_en = {};     // an English title the document gives, besides `title`
  PartialDate published = {};    // empty when the document states no date
  // The period the document reports on; both empty when it states none.
  PartialDate period_since = {};
  PartialDate period_until = {};
  friend bool operator==(const SourceDocument&, const SourceDocument&) = default;
};

// The first day from which a relation without dates of its own is known to
// be reported by `source`: the start of the period the document reports on,
// else (no period given) its publication date; PartialDate::kOpenStart when
// the document states neither, or a period open at its start.
inline int32_t ReportedFirstDay(const SourceDocument& source) {
  if (!source.period_since.empty()) return source.period_since.FirstDay();
  if (source.period_until.empty() && !source.published.empty()) {
    return source.published.FirstDay();
  }
  return PartialDate::kOpenStart;
}

}  // namespace partnergraph

#endif  // PARTNERGRAPH_RELATION_H_
