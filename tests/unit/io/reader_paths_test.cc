// The readers' fast paths give the answers of the simple ones: CSV rows
// decoded straight into records or through their JSON form, a file read in
// one pass or in chunks on several threads, all give the same records at the
// same lines and the same problems, on valid and broken input alike.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/store.h"

#include "io/readers.h"
#include "io_test_support.h"
#include "model/record_json.h"

namespace partnergraph::io {
namespace {

using ::testing::HasSubstr;

// " (decoding failed)" for a record kept for validation only.
template <typename Record>
const char* Mark(const Located<Record>& located) {
  return located.decoding_failed ? " (decoding failed)" : "";
}

// Everything a read produced, as text: each record with its location, then
// each problem, then the count.
std::string Describe(const Dataset& dataset, const ValidationErrors& errors) {
  std::ostringstream out;
  for (const auto& s : dataset.sources) {
    out << s.where.ToString() << " " << SourceToJson(s.record).dump() << Mark(s) << "\n";
  }
  for (const auto& e : dataset.entities) {
    out << e.where.ToString() << " " << EntityToJson(e.record).dump() << Mark(e) << "\n";
  }
  for (const auto& r : dataset.relations) {
    out << r.where.ToString() << " " << RelationToJson(r.record).dump() << Mark(r) << "\n";
  }
  for (const Problem& problem : errors.problems) out << problem.ToString() << "\n";
  out << errors.total << " problems\n";
  return out.str();
}

struct Read {
  std::string description;
  size_t records = 0;  // decoded whole
  size_t problems = 0;
};

size_t WholeRecords(const Dataset& dataset) {
  size_t whole = 0;
  for (const auto& s : dataset.sources) whole += s.decoding_failed ? 0 : 1;
  for (const auto& e : dataset.entities) whole += e.decoding_failed ? 0 : 1;
  for (const auto& r : dataset.relations) whole += r.decoding_failed ? 0 : 1;
  return whole;
}

Read ReadCsvWith(const std::string& text, const CsvReadOptions& options, size_t cap = 1000) {
  Dataset dataset;
  ValidationErrors errors;
  errors.cap = cap;
  ReadCsv("t.csv", text, dataset, errors, options);
  return {Describe(dataset, errors), WholeRecords(dataset), errors.total};
}

CsvReadOptions Options(bool fast, unsigned threads) {
  CsvReadOptions options;
  options.fast_rows = fast;
  options.threads = threads;
  options.min_parallel_bytes = 0;  // split even the smallest file
  options.min_chunk_bytes = 1;
  return options;
}

// Reads `text` every way there is and expects one answer; returns it.
Read ExpectSameEveryWay(const std::string& text, size_t cap = 1000) {
  const Read reference = ReadCsvWith(text, Options(false, 1), cap);
  for (bool fast : {true, false}) {
    for (unsigned threads : {1U, 2U, 3U, 7U}) {
      EXPECT_EQ(ReadCsvWith(text, Options(fast, threads), cap).description, reference.description)
          << "fast " << fast << ", " << threads << " threads, on:\n"
          << text;
    }
  }
  return reference;
}

const char* const kEdgeHeader =
    "id,type,from,to,title,since,until,amount,currency,role,attributes,source_doc,source_quote\n";

// Rows of every shape, good and bad, with quoted commas, doubled quotes and
// newlines inside cells, so chunk boundaries fall in awkward places.
std::string EdgesOfEveryShape(int copies) {
  const std::vector<std::string> rows = {
      "r-{n},funds,china,proj-x,\"Skills, jobs\",2018,2020,745000,USD,,,a.txt,\"quote, with "
      "comma\"",
      "r-{n}b,mou,ilo,cn-mohrss,\"A \"\"quoted\"\" title\",2019-06,,,,,,a.txt,\"line one\nline "
      "two\"",
      "r-{n}c,implements,ilo,proj-x,项目,2019-06-14,2019-12,0.5,EUR,lead,\"{\"\"k\"\":\"\"v\"\"}\","
      ",",
      "r-{n}d,funds,china,proj-x,,,,-0,CHF,,,b.txt,q",
      "r-{n}e,funds,china,proj-x,,2019-13,,,,,,,",            // a month that is not one
      "r-{n}f,funds,china,proj-x,,,,-5,USD,,,,",              // negative amount
      "r-{n}g,funds,,proj-x,,,,,,,,,",                        // no from
      "r-{n}h,funds,china,proj-x,,,,10,usd,,,,",              // not an ISO code
      "r-{n}i,funds,china,proj-x,,,,ten,USD,,,,",             // not a number
      "r-{n}j,funds,china,proj-x,,,,,,,\"{\"\"k\"\":1}\",,",  // attribute not a string
      "r-{n}k,funds,china,proj-x,,,,,,,\"[1]\",,",            // attributes not an object
      "r-{n}l,funds,china,proj-x,,,,10,,,,,",                 // amount without currency
      "r-{n}m,funds,china,proj-x,,,,,USD,,,,",                // currency without amount
      "r-{n}n,funds,china,proj-x,,,,,,,,a.txt,",              // doc without quote
      "r-{n}o,funds,china,proj-x,,,,1e309,USD,,,,",           // beyond a double
      "r-{n}p,funds,china,proj-x,,2019,2018,,,,,,",           // until before since: validation's
      "r-{n}q,funds,china,proj-x",                            // too few cells
      "",                                                     // a blank line
      "r-{n}r,funds,china,proj-x,,,,,,,,,\r",                 // CRLF
  };
  std::string text = kEdgeHeader;
  for (int n = 0; n < copies; ++n) {
    for (std::string row : rows) {
      for (size_t at = row.find("{n}"); at != std::string::npos; at = row.find("{n}")) {
        row.replace(at, 3, std::to_string(n));
      }
      text += row + "\n";
    }
  }
  return text;
}

TEST(ReaderPathsTest, EdgesOfEveryShapeReadTheSameEveryWay) {
  const Read read = ExpectSameEveryWay(EdgesOfEveryShape(40));
  // Not vacuous: both good rows and problems came out.
  EXPECT_EQ(read.records, 40U * 6);  // r-N, b, c, d, p, r
  EXPECT_EQ(read.problems, 40U * 12);
  EXPECT_THAT(read.description, HasSubstr("t.csv:3 {\"id\":\"r-0b\""));  // line of the row's start
  EXPECT_THAT(read.description, HasSubstr("\"title\":\"A \\\"quoted\\\" title\""));
  EXPECT_THAT(read.description, HasSubstr("\"quote\":\"line one\\nline two\""));
  EXPECT_THAT(read.description, HasSubstr("\"amount\":{\"value\":0,\"currency\":\"CHF\"}"));
}

TEST(ReaderPathsTest, ProblemsBeyondTheCapAreCountedTheSameEveryWay) {
  const Read read = ExpectSameEveryWay(EdgesOfEveryShape(10), /*cap=*/7);
  EXPECT_EQ(read.problems, 10U * 12);
}

TEST(ReaderPathsTest, NodesAndSourcesReadTheSameEveryWay) {
  std::string nodes = "id,kind,name_en,name_zh,aliases,attributes\n";
  std::string sources = "doc,title,language,url\n";
  for (int n = 0; n < 30; ++n) {
    const std::string id = "e-" + std::to_string(n);
    nodes += id + ",igo,\"Name, with comma\",中文,A|B||C,\"{\"\"country\"\":\"\"x\"\"}\"\n";
    nodes += id + "b,igo,,,,\n";                              // no name
    nodes += id + "c,igo,X,,\"[\"\"L1\"\",\"\"L2\"\"]\",\n";  // a JSON list of aliases
    nodes += id + "d,igo,X,,\"[\"\"\"\"]\",\n";               // an empty alias
    nodes += id + "e,,X,,,\n";                                // no kind
    sources += "doc-" + std::to_string(n) + ".txt,\"Title\nover two lines\",en,\n";
    sources += ",untitled,,\n";  // no doc
  }
  const Read node_read = ExpectSameEveryWay(nodes);
  EXPECT_EQ(node_read.records, 30U * 2);
  EXPECT_EQ(node_read.problems, 30U * 3);
  EXPECT_THAT(node_read.description, HasSubstr("\"aliases\":[\"A\",\"B\",\"C\"]"));
  const Read source_read = ExpectSameEveryWay(sources);
  EXPECT_EQ(source_read.records, 30U);
  EXPECT_EQ(source_read.problems, 30U);
}

TEST(ReaderPathsTest, SyntaxErrorsAndOddFilesGiveTheOnePassAnswer) {
  const std::string good = EdgesOfEveryShape(5);
  const std::vector<std::string> texts = {
      good + "r-x,funds,a,b,\"never closed\n",        // a quote open at the end
      good + "r-y,funds,a,b,ab\"c,,,,,,,,\n" + good,  // a stray quote mid-file
      "\"" + good,                                    // parity upset from the start
      "",                                             // empty
      "\n\n" + good,                                  // blank lines before the header
      kEdgeHeader,                                    // a header alone
      "id,type,from,to,colour\nr-1,mou,a,b,red\n",    // an unknown column
      "id,type,id,from,to\nr-1,mou,r-2,a,b\n",        // a repeated column
      "nothing,to,see\n1,2,3\n",                      // no table
      "id,type,from,to\rr-1,mou,a,b\rr-2,mou,a,b\r",  // old Mac line ends
  };
  for (const std::string& text : texts) ExpectSameEveryWay(text);
  EXPECT_THAT(ReadCsvWith(texts[1], Options(true, 2)).description, HasSubstr("CSV syntax"));
}

TEST(ReaderPathsTest, EveryCsvFixtureReadsTheSameEveryWay) {
  namespace fs = std::filesystem;
  size_t files = 0;
  for (const char* folder : {"/tests/fixtures/hostile", "/tests/fixtures/io"}) {
    const fs::path dir = fs::path(PARTNERGRAPH_SOURCE_DIR) / (folder + 1);
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() != ".csv") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      SCOPED_TRACE(entry.path().string());
      ExpectSameEveryWay(text.str());
      ++files;
    }
  }
  EXPECT_GT(files, 0U);
}

Read ReadJsonLinesWith(const std::string& text, unsigned threads) {
  Dataset dataset;
  ValidationErrors errors;
  JsonLinesReadOptions options;
  options.threads = threads;
  options.min_chunk_bytes = 1;
  ReadJsonLines("t.jsonl", text, dataset, errors, options);
  return {Describe(dataset, errors), dataset.size(), errors.total};
}

TEST(ReaderPathsTest, JsonLinesReadTheSameInChunks) {
  std::string text;
  for (int n = 0; n < 50; ++n) {
    const std::string id = std::to_string(n);
    text += R"({"record": "entity", "id": "e-)" + id +
            R"(", "kind": "igo", "name": {"en": "E"}})"
            "\n";
    text += R"({"record": "relation", "id": "r-)" + id +
            R"(", "type": "mou", "from": "e-1", "to": "e-2", "since": "2019-06"})"
            "\n";
    text += "\n";  // blank
    text += R"({"record": "relation", "id": "r-)" + id +
            R"(x", "type": )"
            "\n";  // syntax
    text += R"({"record": "thing"})"
            "\n";  // no such record
    text += R"({"record": "entity", "id": "d", "id": "e"})"
            "\n";  // repeated key
  }
  const Read reference = ReadJsonLinesWith(text, 1);
  EXPECT_EQ(reference.records, 100U);
  EXPECT_EQ(reference.problems, 150U);
  for (unsigned threads : {2U, 3U, 8U}) {
    EXPECT_EQ(ReadJsonLinesWith(text, threads).description, reference.description) << threads;
  }
}

class ValidationShardsTest : public io_test::IoTest {};

// Relations checked in shards on several threads give the problems of one
// pass, in the same order, with the same ones kept under the cap.
TEST_F(ValidationShardsTest, ShardedChecksGiveTheOnePassAnswer) {
  Dataset dataset;
  for (int n = 0; n < 100; ++n) {
    Entity entity;
    entity.id = "e-" + std::to_string(n);
    entity.kind = "igo";
    entity.name.en = "E " + std::to_string(n);
    dataset.entities.push_back({entity, SourceLocation{"e.csv", n + 2, 0, -1}});
  }
  for (int n = 0; n < 160000; ++n) {
    Relation relation;
    relation.id = "r-" + std::to_string(n);
    relation.type = "mou";
    relation.from = "e-" + std::to_string(n % 100);
    relation.to = "e-" + std::to_string((n * 7 + 1) % 100);
    if (n % 997 == 0) relation.to = "e-1000";                       // unknown, with a suggestion
    if (n % 1009 == 0) relation.id = "r-" + std::to_string(n / 3);  // a duplicate id
    if (n % 1013 == 0) relation.type = "mouu";                      // unknown type
    if (n % 4001 == 0) relation.title = "bell\a";                   // a control character
    dataset.relations.push_back({relation, SourceLocation{"r.csv", n + 2, 0, -1}});
  }
  for (size_t cap : {size_t{10}, size_t{1000000}}) {
    auto validate = [&](unsigned threads) {
      ImportOptions options;
      options.threads = threads;
      ValidationErrors errors;
      errors.cap = cap;
      Validate(dataset, store().schema(), store(), options, errors);
      return Describe(Dataset(), errors);
    };
    const std::string one_pass = validate(1);
    EXPECT_THAT(one_pass, HasSubstr("unknown entity \"e-1000\" (did you mean \"e-10\"?)"));
    EXPECT_THAT(one_pass, HasSubstr("duplicate relation id \"r-336\" (first at r.csv:338)"));
    for (unsigned threads : {2U, 3U})
      EXPECT_EQ(validate(threads), one_pass) << threads << " " << cap;
  }
}

// A reader that builds records itself (the IATI reader) gets the checks the
// JSON decoder makes: a citation names its document and quotes it, or the
// stored relation could not be read back.
TEST_F(ValidationShardsTest, CitationWithoutDocumentOrQuoteIsRefused) {
  Dataset dataset;
  for (const char* id : {"a", "b"}) {
    Entity entity;
    entity.id = id;
    entity.kind = "igo";
    entity.name.en = id;
    dataset.entities.push_back({entity, SourceLocation{"e.xml", 1, 0, -1}});
  }
  SourceDocument doc;
  doc.doc = "doc.xml";
  dataset.sources.push_back({doc, SourceLocation{"e.xml", 1, 0, -1}});
  Relation relation;
  relation.id = "r-1";
  relation.type = "mou";
  relation.from = "a";
  relation.to = "b";
  relation.source = Citation{"doc.xml", ""};
  dataset.relations.push_back({relation, SourceLocation{"e.xml", 7, 3, -1}});
  relation.id = "r-2";
  relation.source = Citation{"", "a quote"};
  dataset.relations.push_back({relation, SourceLocation{"e.xml", 9, 3, -1}});
  ValidationErrors errors;
  Validate(dataset, store().schema(), store(), ImportOptions(), errors);
  const std::string problems = Describe(Dataset(), errors);
  EXPECT_THAT(problems, HasSubstr("the source's quote is empty"));
  EXPECT_THAT(problems, HasSubstr("the source names no document"));
  EXPECT_THAT(problems, HasSubstr("e.xml:7"));
  EXPECT_THAT(problems, HasSubstr("e.xml:9"));
}

}  // namespace
}  // namespace partnergraph::io
