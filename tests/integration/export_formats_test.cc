// Exports through the real pgraph, loaded by the tools that read them: GEXF
// validated by xmllint against the GEXF 1.3 schema (../shared/ref/gexf),
// Cytoscape.js JSON loaded by the npm package cytoscape in Node.js, the AGE
// folder loaded into Apache AGE in-process (npm @electric-sql/pglite-age) and
// counted with Cypher; Neo4j CSV and GraphML checked field by field. A small
// hand-made dataset (tests/fixtures/io/export_small.json) gives the exact
// answers; the bundled dataset and its views give counts that every consumer
// must agree with pgraph's own JSON export on.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "integration/pgraph_runner.h"

namespace partnergraph::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using Counts = std::map<std::string, int64_t>;
using ::testing::HasSubstr;
using ::testing::Not;

const fs::path kGexfSchema = "/work/shared/ref/gexf/specs/1.3/gexf.xsd";

fs::path ConsumersDir() { return fs::path(PARTNERGRAPH_SOURCE_DIR) / "tests" / "consumers"; }

// Runs a shell command; its stdout, and its exit code.
std::pair<int, std::string> Shell(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed"};
  std::array<char, 4096> buffer;
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string Quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

bool ConsumersInstalled() {
  return fs::exists(ConsumersDir() / "node_modules" / "cytoscape") &&
         fs::exists(ConsumersDir() / "node_modules" / "@electric-sql" / "pglite-age") &&
         Shell("node --version").first == 0;
}

// What pgraph's own JSON export of the same view holds.
struct Expected {
  size_t entities = 0;
  size_t relations = 0;
  std::map<std::string, int64_t> kinds;
  std::map<std::string, int64_t> types;
  std::map<std::string, double> amounts;  // by relation type
};

Expected FromJsonExport(const std::string& text) {
  Expected expected;
  Json doc = Json::parse(text);
  expected.entities = doc["entities"].size();
  expected.relations = doc["relations"].size();
  for (const Json& entity : doc["entities"]) ++expected.kinds[entity["kind"].get<std::string>()];
  for (const Json& relation : doc["relations"]) {
    const std::string type = relation["type"];
    ++expected.types[type];
    if (relation.contains("amount")) {
      expected.amounts[type] += relation["amount"]["value"].get<double>();
    }
  }
  return expected;
}

class ExportFormatsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    small_ = new PgraphRunner();
    RunResult init = small_->Run({"init", "--empty"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    RunResult import = small_->Run({"import", FixturePath("io/export_small.json")});
    ASSERT_EQ(import.exit_code, 0) << import.err;
    bundled_ = new PgraphRunner();
    init = bundled_->Run({"init"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }
  static void TearDownTestSuite() {
    delete small_;
    delete bundled_;
    small_ = bundled_ = nullptr;
  }
  static PgraphRunner* small_;
  static PgraphRunner* bundled_;
};
PgraphRunner* ExportFormatsTest::small_ = nullptr;
PgraphRunner* ExportFormatsTest::bundled_ = nullptr;

// The views the consumer checks run on: the whole database and one of each
// kind dot draws.
const std::vector<std::pair<std::string, std::vector<std::string>>>& Views() {
  static const std::vector<std::pair<std::string, std::vector<std::string>>> views = {
      {"whole", {}},
      {"around", {"--around", "ilo", "--depth", "1"}},
      {"path", {"--path", "china", "cambodia"}},
      {"funding", {"--funding"}},
      {"mou-2019", {"--types", "mou", "--as-of", "2019", "--kinds", "country,un_entity"}},
  };
  return views;
}

RunResult Export(const PgraphRunner& pgraph, const std::string& format,
                 const std::vector<std::string>& view, const std::string& output = "") {
  std::vector<std::string> args = {"export", "--format", format};
  args.insert(args.end(), view.begin(), view.end());
  if (!output.empty()) {
    args.push_back("-o");
    args.push_back(output);
  }
  return pgraph.Run(args);
}

TEST_F(ExportFormatsTest, HelpListsEveryFormatAndTheViewOptions) {
  RunResult help = small_->Run({"export", "--help"}, false);
  ASSERT_EQ(help.exit_code, 0) << help.err;
  for (const char* word : {"gexf", "cytoscape", "neo4j", "age", "graphml", "--around", "--path",
                           "--funding", "--types", "--kinds", "--as-of"}) {
    EXPECT_THAT(help.out, HasSubstr(word));
  }
}

TEST_F(ExportFormatsTest, AViewExportHoldsTheViewOnly) {
  RunResult whole = Export(*small_, "json", {});
  RunResult funds = Export(*small_, "json", {"--types", "funds"});
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  ASSERT_EQ(funds.exit_code, 0) << funds.err;
  Expected all = FromJsonExport(whole.out);
  Expected only = FromJsonExport(funds.out);
  EXPECT_EQ(all.relations, 4u);
  EXPECT_EQ(only.relations, 2u);
  EXPECT_EQ(only.types, (std::map<std::string, int64_t>{{"funds", 2}}));
  EXPECT_EQ(only.amounts["funds"], 1000002.5);
  // The source the MoU cites is not in a view without the MoU.
  EXPECT_THAT(funds.out, Not(HasSubstr("mou.txt")));
  EXPECT_THAT(whole.out, HasSubstr("mou.txt"));
  RunResult bad = Export(*small_, "json", {"--around", "nobody-at-all"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("nobody-at-all"));
  RunResult folder = Export(*small_, "neo4j", {});
  EXPECT_EQ(folder.exit_code, 1);
  EXPECT_THAT(folder.err, HasSubstr("give -o DIRECTORY"));
}

TEST_F(ExportFormatsTest, GexfHasLabelsTypedAttributesAndSpells) {
  RunResult gexf = Export(*small_, "gexf", {});
  ASSERT_EQ(gexf.exit_code, 0) << gexf.err;
  const std::string& xml = gexf.out;
  EXPECT_THAT(xml, HasSubstr("<gexf xmlns=\"http://gexf.net/1.3\""));
  EXPECT_THAT(xml, HasSubstr("version=\"1.3\""));
  EXPECT_THAT(xml, HasSubstr("<node id=\"ilo\" label=\"International Labour Organization\">"));
  EXPECT_THAT(xml, HasSubstr("label=\"Skills &amp; &quot;jobs&quot; &lt;project&gt;\""));
  // founded is 1919 and 1949: long; staff 3381.5: double; tranches 2 and x:
  // string.
  EXPECT_THAT(xml, HasSubstr("<attribute id=\"founded\" title=\"founded\" type=\"long\"/>"));
  EXPECT_THAT(xml, HasSubstr("<attribute id=\"staff\" title=\"staff\" type=\"double\"/>"));
  EXPECT_THAT(xml, HasSubstr("<attribute id=\"tranches\" title=\"tranches\" type=\"string\"/>"));
  EXPECT_THAT(xml, HasSubstr("<attribute id=\"amount\" title=\"amount\" type=\"double\"/>"));
  // since 2019-06-14, until 2023: the spell ends on the last day of 2023.
  EXPECT_THAT(xml, HasSubstr("<spell start=\"2019-06-14\" end=\"2023-12-31\"/>"));
  // since 2018-03, open-ended.
  EXPECT_THAT(xml, HasSubstr("<spell start=\"2018-03-01\"/>"));
  EXPECT_THAT(xml, HasSubstr("<attvalue for=\"amount\" value=\"1000000\"/>"));
}

TEST_F(ExportFormatsTest, GexfOfEveryViewValidatesAgainstTheGexf13Schema) {
  if (!fs::exists(kGexfSchema)) {
    GTEST_SKIP() << "no GEXF 1.3 schema at " << kGexfSchema << ": GEXF left unvalidated";
  }
  if (Shell("xmllint --version").first != 0) GTEST_SKIP() << "xmllint is not installed";
  std::vector<std::pair<PgraphRunner*, std::pair<std::string, std::vector<std::string>>>> runs;
  runs.push_back({small_, {"small", {}}});
  for (const auto& view : Views()) runs.push_back({bundled_, view});
  for (const auto& [pgraph, view] : runs) {
    const std::string file = (pgraph->dir() / (view.first + ".gexf")).string();
    RunResult gexf = Export(*pgraph, "gexf", view.second, file);
    ASSERT_EQ(gexf.exit_code, 0) << view.first << ": " << gexf.err;
    auto [code, out] =
        Shell("xmllint --noout --schema " + Quoted(kGexfSchema.string()) + " " + Quoted(file));
    EXPECT_EQ(code, 0) << view.first << ": " << out;
    EXPECT_THAT(out, HasSubstr("validates")) << view.first;
  }
}

TEST_F(ExportFormatsTest, GraphMlHasALabelKeyTypedAttributesAndDatesGephiReads) {
  RunResult graphml = Export(*small_, "graphml", {});
  ASSERT_EQ(graphml.exit_code, 0) << graphml.err;
  const std::string& xml = graphml.out;
  EXPECT_THAT(xml, HasSubstr("<key id=\"label\" for=\"node\" attr.name=\"label\""));
  EXPECT_THAT(xml, HasSubstr("<key id=\"edge_label\" for=\"edge\" attr.name=\"label\""));
  EXPECT_THAT(xml, HasSubstr("<data key=\"label\">International Labour Organization</data>"));
  EXPECT_THAT(xml, HasSubstr("attr.name=\"founded\" attr.type=\"long\""));
  EXPECT_THAT(xml, HasSubstr("attr.name=\"staff\" attr.type=\"double\""));
  EXPECT_THAT(xml, HasSubstr("<data key=\"node_founded\">1919</data>"));
  EXPECT_THAT(xml, HasSubstr("<data key=\"start\">2019-06-14</data>"));
  EXPECT_THAT(xml, HasSubstr("<data key=\"end\">2023-12-31</data>"));
  const std::string file = small_->WriteFile("small.graphml", xml);
  auto [code, out] = Shell("xmllint --noout " + Quoted(file));
  EXPECT_EQ(code, 0) << out;
}

TEST_F(ExportFormatsTest, Neo4jFolderHasTypedHeadersAManifestAndTheCommand) {
  const std::string dir = (small_->dir() / "neo4j").string();
  RunResult neo4j = Export(*small_, "neo4j", {}, dir);
  ASSERT_EQ(neo4j.exit_code, 0) << neo4j.err;
  const std::string nodes = small_->ReadFile(dir + "/nodes.csv");
  const std::string relationships = small_->ReadFile(dir + "/relationships.csv");
  EXPECT_THAT(nodes, ::testing::StartsWith("id:ID,:LABEL,kind,name,name_zh,aliases:string[],"
                                           "founded:long,headquarters,staff:double\r\n"));
  EXPECT_THAT(nodes, HasSubstr("ilo,Entity|un_entity,un_entity,International Labour "
                               "Organization,国际劳工组织,ILO|劳工组织,1919,Geneva,3381.5\r\n"));
  EXPECT_THAT(relationships,
              ::testing::StartsWith(":START_ID,:END_ID,:TYPE,id,title,since:date,since_text,"
                                    "until:date,until_text,amount:double,currency,role,"
                                    "source_doc,quote,tranches\r\n"));
  // A whole day is a date; 2023 and 2018-03 are text only.
  EXPECT_THAT(relationships, HasSubstr("china,ilo,mou,r-mou,MoU on decent work,2019-06-14,"
                                       "2019-06-14,,2023,,,,mou.txt,\"signed, in Geneva\",\r\n"));
  EXPECT_THAT(relationships,
              HasSubstr("china,skills-project,funds,r-fund,,,2018-03,,,1000000,USD,,,,2\r\n"));
  Json manifest = Json::parse(small_->ReadFile(dir + "/manifest.json"));
  EXPECT_EQ(manifest["files"][0]["rows"], 3);
  EXPECT_EQ(manifest["files"][1]["rows"], 4);
  EXPECT_EQ(manifest["types"]["funds"], 2);
  EXPECT_THAT(manifest["command"].get<std::string>(),
              HasSubstr("neo4j-admin database import full --nodes=nodes.csv "
                        "--relationships=relationships.csv"));
  EXPECT_THAT(small_->ReadFile(dir + "/neo4j-admin-import.sh"),
              HasSubstr("neo4j-admin database import full"));
}

TEST_F(ExportFormatsTest, CytoscapeLoadsTheSmallDatasetWithItsCountsAndNumbers) {
  if (!ConsumersInstalled()) {
    GTEST_SKIP() << "node or tests/consumers/node_modules missing (run .ci/install-deps)";
  }
  const std::string file = (small_->dir() / "small.cyjs").string();
  RunResult cyjs = Export(*small_, "cytoscape", {}, file);
  ASSERT_EQ(cyjs.exit_code, 0) << cyjs.err;
  auto [code, out] = Shell("node " + Quoted((ConsumersDir() / "cytoscape_count.mjs").string()) +
                           " " + Quoted(file));
  ASSERT_EQ(code, 0) << out;
  Json counts = Json::parse(out);
  EXPECT_EQ(counts["nodes"], 3);
  EXPECT_EQ(counts["edges"], 4);
  EXPECT_EQ(counts["duplicate_ids"], 0);
  EXPECT_EQ(counts["dangling_edges"], 0);
  EXPECT_EQ(counts["amount_sum"], 1000002.5);
}

TEST_F(ExportFormatsTest, CytoscapeLoadsEveryViewWithPgraphsCounts) {
  if (!ConsumersInstalled()) {
    GTEST_SKIP() << "node or tests/consumers/node_modules missing (run .ci/install-deps)";
  }
  for (const auto& [name, view] : Views()) {
    RunResult json = Export(*bundled_, "json", view);
    ASSERT_EQ(json.exit_code, 0) << name << ": " << json.err;
    Expected expected = FromJsonExport(json.out);
    const std::string file = (bundled_->dir() / (name + ".cyjs")).string();
    RunResult cyjs = Export(*bundled_, "cytoscape", view, file);
    ASSERT_EQ(cyjs.exit_code, 0) << name << ": " << cyjs.err;
    auto [code, out] = Shell("node " + Quoted((ConsumersDir() / "cytoscape_count.mjs").string()) +
                             " " + Quoted(file));
    ASSERT_EQ(code, 0) << name << ": " << out;
    Json counts = Json::parse(out);
    EXPECT_EQ(counts["nodes"], expected.entities) << name;
    EXPECT_EQ(counts["edges"], expected.relations) << name;
    EXPECT_EQ(counts["duplicate_ids"], 0) << name;
    EXPECT_EQ(counts["dangling_edges"], 0) << name;
    EXPECT_EQ(counts["kinds"].get<Counts>(), expected.kinds) << name;
  }
}

TEST_F(ExportFormatsTest, AgeLoadsTheSmallDatasetAndSumsAmountsAsNumbers) {
  if (!ConsumersInstalled()) {
    GTEST_SKIP() << "node or tests/consumers/node_modules missing (run .ci/install-deps)";
  }
  const std::string dir = (small_->dir() / "age-small").string();
  RunResult age = Export(*small_, "age", {}, dir);
  ASSERT_EQ(age.exit_code, 0) << age.err;
  auto [code, out] =
      Shell("node " + Quoted((ConsumersDir() / "age_load.mjs").string()) + " " + Quoted(dir));
  ASSERT_EQ(code, 0) << out;
  Json counts = Json::parse(out);
  EXPECT_EQ(counts["labels"], Json::parse(R"({"country": 1, "project": 1, "un_entity": 1})"));
  EXPECT_EQ(counts["types"], Json::parse(R"({"funds": 2, "implements": 1, "mou": 1})"));
  EXPECT_EQ(counts["amounts"]["funds"].get<double>(), 1000002.5);
  EXPECT_EQ(counts["amount_type"], "number");
  EXPECT_EQ(counts["ilo_name"], "International Labour Organization");
}

TEST_F(ExportFormatsTest, AgeLoadsEveryViewWithPgraphsCounts) {
  if (!ConsumersInstalled()) {
    GTEST_SKIP() << "node or tests/consumers/node_modules missing (run .ci/install-deps)";
  }
  for (const auto& [name, view] : Views()) {
    RunResult json = Export(*bundled_, "json", view);
    ASSERT_EQ(json.exit_code, 0) << name << ": " << json.err;
    Expected expected = FromJsonExport(json.out);
    const std::string dir = (bundled_->dir() / ("age-" + name)).string();
    RunResult age = Export(*bundled_, "age", view, dir);
    ASSERT_EQ(age.exit_code, 0) << name << ": " << age.err;
    auto [code, out] =
        Shell("node " + Quoted((ConsumersDir() / "age_load.mjs").string()) + " " + Quoted(dir));
    ASSERT_EQ(code, 0) << name << ": " << out;
    Json counts = Json::parse(out);
    EXPECT_EQ(counts["labels"].get<Counts>(), expected.kinds) << name;
    EXPECT_EQ(counts["types"].get<Counts>(), expected.types) << name;
    for (const auto& [type, sum] : expected.amounts) {
      EXPECT_NEAR(counts["amounts"][type].get<double>(), sum, 1e-6 * sum) << name << " " << type;
    }
  }
}

}  // namespace
}  // namespace partnergraph::testing
