// Export: JSON and JSON Lines hold everything and come back identical through
// an empty store; CSV tables give the same store back; GraphML is XML with a
// node per entity and an edge per relation.
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/exporter.h"

#include "io_test_support.h"

namespace partnergraph {
namespace {

namespace fs = std::filesystem;
using ::partnergraph::io_test::ExportJson;
using ::partnergraph::io_test::ExportText;
using ::partnergraph::io_test::Fixture;
using ::partnergraph::io_test::IoTest;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

size_t Count(const std::string& text, const std::string& what) {
  size_t count = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

// The bundled dataset's files: every data/*.json but the schema.
std::vector<std::string> BundledFiles() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(PARTNERGRAPH_DATA_DIR)) {
    const fs::path& path = entry.path();
    if (path.extension() == ".json" && path.filename() != "schema.json") {
      files.push_back(path.string());
    }
  }
  return files;
}

class ExportTest : public IoTest {
 protected:
  // Imports `paths` into store(), failing the test if they do not import.
  void Load(const std::vector<std::string>& paths) {
    Result<ApplyReport> report = Import(paths);
    ASSERT_TRUE(report.has_value()) << report.error().message();
  }

  // Exports store() as `format` to a file, imports that into a new empty
  // store and returns the new store's export in the same format.
  std::string ThroughAnEmptyStore(ExportFormat format, const std::string& file_name) {
    const std::string file = WriteFile(file_name, ExportText(store(), format));
    std::unique_ptr<Store> copy = NewStore("copy");
    if (copy == nullptr) return "<no store>";
    Result<ApplyReport> report = ImportInto(*copy, {file});
    EXPECT_TRUE(report.has_value()) << report.error().message();
    return ExportText(*copy, format);
  }
};

TEST_F(ExportTest, JsonOfAnEmptyStoreHasThreeEmptySections) {
  EXPECT_EQ(ExportJson(store()),
            "{\n"
            "  \"sources\": [],\n"
            "  \"entities\": [],\n"
            "  \"relations\": []\n"
            "}\n");
}

TEST_F(ExportTest, JsonPutsOneRecordOnEachLineInIdOrder) {
  const std::string path = WriteFile("a.json", R"({"entities": [
  {"id": "ilo", "kind": "un_entity", "name": {"en": "ILO", "zh": "国际劳工组织"}},
  {"id": "china", "kind": "country", "name": {"en": "China"}}
], "relations": [
  {"id": "r-1", "type": "mou", "from": "china", "to": "ilo", "amount": {"currency": "USD", "value": 1.0}}
]})");
  ASSERT_NO_FATAL_FAILURE(Load({path}));
  EXPECT_EQ(
      ExportJson(store()),
      "{\n"
      "  \"sources\": [],\n"
      "  \"entities\": [\n"
      "    {\"id\":\"china\",\"kind\":\"country\",\"name\":{\"en\":\"China\"}},\n"
      "    "
      "{\"id\":\"ilo\",\"kind\":\"un_entity\",\"name\":{\"en\":\"ILO\",\"zh\":\"国际劳工组织\"}}\n"
      "  ],\n"
      "  \"relations\": [\n"
      "    {\"id\":\"r-1\",\"type\":\"mou\",\"from\":\"china\",\"to\":\"ilo\","
      "\"amount\":{\"value\":1,\"currency\":\"USD\"}}\n"
      "  ]\n"
      "}\n");
}

TEST_F(ExportTest, JsonLinesPutsTheRecordClassFirst) {
  ASSERT_NO_FATAL_FAILURE(Load({Fixture("base.json")}));
  const std::string text = ExportText(store(), ExportFormat::kJsonLines);
  EXPECT_THAT(text, StartsWith("{\"record\":\"source\",\"doc\":\"001_brochure.txt\","
                               "\"title\":\"China ILO Cooperation\",\"language\":\"en\"}\n"
                               "{\"record\":\"entity\",\"id\":\"c-100\","));
  EXPECT_EQ(Count(text, "\n"), 1U + 5U + 2U);
}

TEST_F(ExportTest, JsonExportImportExportIsByteIdentical) {
  ASSERT_NO_FATAL_FAILURE(Load({Fixture("round_trip.json")}));
  const std::string exported = ExportJson(store());
  EXPECT_EQ(ThroughAnEmptyStore(ExportFormat::kJson, "export.json"), exported);
}

TEST_F(ExportTest, JsonLinesExportImportExportIsByteIdentical) {
  ASSERT_NO_FATAL_FAILURE(Load({Fixture("round_trip.json")}));
  const std::string exported = ExportText(store(), ExportFormat::kJsonLines);
  EXPECT_EQ(ThroughAnEmptyStore(ExportFormat::kJsonLines, "export.jsonl"), exported);
}

TEST_F(ExportTest, BundledDatasetComesBackIdenticalThroughJson) {
  ASSERT_NO_FATAL_FAILURE(Load(BundledFiles()));
  const std::string exported = ExportJson(store());
  EXPECT_EQ(ThroughAnEmptyStore(ExportFormat::kJson, "export.json"), exported);
}

TEST_F(ExportTest, CsvWritesNodesEdgesAndSourcesTables) {
  ASSERT_NO_FATAL_FAILURE(Load({Fixture("base.json")}));
  ASSERT_TRUE(ExportCsv(store(), PathOf("csv")).ok());
  EXPECT_EQ(
      ReadBack(PathOf("csv/sources.csv")),
      "doc,title,language,url,symbol,short_title,title_en,published,period_since,period_until\r\n"
      "001_brochure.txt,China ILO Cooperation,en,,,,,,,\r\n");
  EXPECT_THAT(ReadBack(PathOf("csv/nodes.csv")),
              StartsWith("id,kind,name_en,name_zh,aliases,attributes\r\n"
                         "c-100,instrument,Equal Remuneration Convention,,C100,\r\n"));
  EXPECT_THAT(ReadBack(PathOf("csv/edges.csv")),
              HasSubstr("\r\nr-2,funds,china,ssc-project,,2018-06,2020,745000,USD,,,"
                        "001_brochure.txt,\"US$745,000\"\r\n"));
}

// libcsv trims spaces and tabs around unquoted cells, so padded text is quoted.
TEST_F(ExportTest, CsvQuotesCellsWithLeadingOrTrailingSpace) {
  ASSERT_NO_FATAL_FAILURE(Load({Fixture("round_trip.json")}));
  ASSERT_TRUE(ExportCsv(store(), PathOf("csv")).ok());
  EXPECT_THAT(ReadBack(PathOf("csv/nodes.csv")),
              HasSubstr("\r\nspaced,institution,\"  Leading and trailing spaces  \",,"
                        "\" padded alias |\ttabbed\",\r\n"));
  EXPECT_THAT(ReadBack(PathOf("csv/edges.csv")), HasSubstr(",\"  spaced role \","));
}

TEST_F(ExportTest, CsvExportThenImportGivesTheSameStore) {
  ASSERT_NO_FATAL_FAILURE(Load({Fixture("round_trip.json")}));
  ASSERT_TRUE(ExportCsv(store(), PathOf("csv")).ok());
  std::unique_ptr<Store> copy = NewStore("copy");
  ASSERT_NE(copy, nullptr);
  Result<ApplyReport> report = ImportInto(
      *copy, {PathOf("csv/sources.csv"), PathOf("csv/nodes.csv"), PathOf("csv/edges.csv")});
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(ExportJson(*copy), ExportJson(store()));
}

// What a source says of itself (symbol, titles, dates, period) survives
// every export and import.
TEST_F(ExportTest, SourceDescriptionComesBackThroughCsvAndJsonLines) {
  const std::string path = WriteFile("sources.json", R"({"sources": [
  {"doc": "004_report.txt", "title": "计划执行报告", "language": "zh", "symbol": "GB.340/PFA/5",
   "short_title": "GB.340/PFA/5", "title_en": "Programme Implementation Report",
   "published": "2020-03-02", "period": {"since": "2018", "until": "2019"}},
  {"doc": "003_update.txt", "period": {"since": "2018"}}
]})");
  ASSERT_NO_FATAL_FAILURE(Load({path}));
  ASSERT_TRUE(ExportCsv(store(), PathOf("csv")).ok());
  EXPECT_THAT(ReadBack(PathOf("csv/sources.csv")),
              HasSubstr("004_report.txt,计划执行报告,zh,,GB.340/PFA/5,GB.340/PFA/5,"
                        "Programme Implementation Report,2020-03-02,2018,2019\r\n"));
  std::unique_ptr<Store> copy = NewStore("copy");
  ASSERT_NE(copy, nullptr);
  Result<ApplyReport> report = ImportInto(
      *copy, {PathOf("csv/sources.csv"), PathOf("csv/nodes.csv"), PathOf("csv/edges.csv")});
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(ExportJson(*copy), ExportJson(store()));

  const std::string lines = WriteFile("all.jsonl", ExportText(store(), ExportFormat::kJsonLines));
  std::unique_ptr<Store> again = NewStore("again");
  ASSERT_NE(again, nullptr);
  report = ImportInto(*again, {lines});
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(ExportJson(*again), ExportJson(store()));
  EXPECT_THAT(ExportJson(store()),
              HasSubstr(R"("published":"2020-03-02","period":{"since":"2018","until":"2019"})"));
}

TEST_F(ExportTest, BundledDatasetComesBackIdenticalThroughCsv) {
  ASSERT_NO_FATAL_FAILURE(Load(BundledFiles()));
  ASSERT_TRUE(ExportCsv(store(), PathOf("csv")).ok());
  std::unique_ptr<Store> copy = NewStore("copy");
  ASSERT_NE(copy, nullptr);
  Result<ApplyReport> report = ImportInto(
      *copy, {PathOf("csv/sources.csv"), PathOf("csv/nodes.csv"), PathOf("csv/edges.csv")});
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(ExportJson(*copy), ExportJson(store()));
}

TEST_F(ExportTest, CsvToAStreamIsRefused) {
  std::ostringstream out;
  Status s = ExportTo(store(), ExportFormat::kCsv, out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "CSV export writes a folder of tables: give -o DIRECTORY");
}

TEST_F(ExportTest, GraphMlHasANodePerEntityAndAnEdgePerRelation) {
  ASSERT_NO_FATAL_FAILURE(Load({Fixture("round_trip.json")}));
  const std::string xml = ExportText(store(), ExportFormat::kGraphMl);
  EXPECT_THAT(xml, StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml "));
  EXPECT_THAT(xml, HasSubstr("</graphml>\n"));
  EXPECT_EQ(Count(xml, "<node "), 6U);
  EXPECT_EQ(Count(xml, "</node>"), 6U);
  EXPECT_EQ(Count(xml, "<edge "), 5U);
  EXPECT_EQ(Count(xml, "</edge>"), 5U);
  EXPECT_THAT(xml, HasSubstr("<edge id=\"r-a\" source=\"country-x\" target=\"p-1\">"));
}

// The GraphML schema makes key ids unique; nodes and edges both have attributes.
TEST_F(ExportTest, GraphMlKeyIdsAreUnique) {
  ASSERT_NO_FATAL_FAILURE(Load({Fixture("round_trip.json")}));
  const std::string xml = ExportText(store(), ExportFormat::kGraphMl);
  EXPECT_EQ(Count(xml, "<key id=\"attributes\""), 1U);
  EXPECT_THAT(xml, HasSubstr("<key id=\"edge_attributes\" for=\"edge\" attr.name=\"attributes\""));
  EXPECT_THAT(xml,
              HasSubstr("<data key=\"edge_attributes\">{&quot;phase&quot;:&quot;2&quot;}</data>"));
  EXPECT_THAT(xml, HasSubstr("<data key=\"attributes\">{&quot;founded&quot;:&quot;1949&quot;,"));
}

TEST_F(ExportTest, GraphMlEscapesMarkupInNames) {
  ASSERT_NO_FATAL_FAILURE(Load({Fixture("round_trip.json")}));
  const std::string xml = ExportText(store(), ExportFormat::kGraphMl);
  EXPECT_THAT(xml, HasSubstr("<data key=\"name_en\">Republic of &quot;X&quot; &lt;&amp;&gt; "
                             "{braces}</data>"));
  EXPECT_THAT(xml, Not(HasSubstr("<&>")));
  EXPECT_THAT(xml, HasSubstr("<data key=\"amount\">745000.5</data>"));
}

struct FormatName {
  const char* name;
  ExportFormat format;
};

TEST(ParseExportFormatTest, KnowsEveryFormatByName) {
  const FormatName cases[] = {
      {"json", ExportFormat::kJson},        {"jsonl", ExportFormat::kJsonLines},
      {"ndjson", ExportFormat::kJsonLines}, {"csv", ExportFormat::kCsv},
      {"graphml", ExportFormat::kGraphMl},
  };
  for (const FormatName& c : cases) {
    Result<ExportFormat> format = ParseExportFormat(c.name);
    ASSERT_TRUE(format.has_value()) << c.name;
    EXPECT_EQ(*format, c.format) << c.name;
  }
}

TEST(ParseExportFormatTest, UnknownFormatListsTheKnownOnes) {
  Result<ExportFormat> format = ParseExportFormat("xml");
  ASSERT_FALSE(format.has_value());
  EXPECT_EQ(format.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(format.error().message(),
            "unknown export format \"xml\" (use json, jsonl, csv, graphml, gexf, cytoscape, neo4j "
            "or age)");
}

}  // namespace
}  // namespace partnergraph
