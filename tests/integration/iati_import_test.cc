// IATI activity import through the real pgraph: the annotated 2.03 example
// checked against the file by hand, every activity file of the reference set
// imported or refused as tests/integration/iati_reference_files.tsv says,
// the should-fail files refused, errors with file:line:column, all or
// nothing, re-import changing nothing, organisations mapped by their ref.
// The reference files are read in place (../shared/ref/iati); the tests that
// need them skip with a message when they are absent.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
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
using ::testing::HasSubstr;

const fs::path kReference = "/work/shared/ref/iati";
const fs::path kAnnotated =
    kReference / "examples-2.03" / "activity-standard-example-annotated.xml";

// The records of `pgraph export --format jsonl`, by id.
struct Records {
  std::map<std::string, Json> entities;
  std::map<std::string, Json> relations;
};

Records Exported(const PgraphRunner& pgraph) {
  Records records;
  RunResult out = pgraph.Run({"export", "--format", "jsonl"});
  EXPECT_EQ(out.exit_code, 0) << out.err;
  std::istringstream lines(out.out);
  std::string line;
  while (std::getline(lines, line)) {
    Json record = Json::parse(line);
    if (record["record"] == "entity") records.entities[record["id"]] = record;
    if (record["record"] == "relation") records.relations[record["id"]] = record;
  }
  return records;
}

Json Added(const RunResult& result) {
  Json report = Json::parse(result.out);
  return {report["sources"]["added"], report["entities"]["added"], report["relations"]["added"]};
}

class IatiImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RunResult init = pgraph_.Run({"init", "--empty"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }
  PgraphRunner pgraph_;
};

#define SKIP_WITHOUT_REFERENCE()                                                               \
  if (!fs::exists(kAnnotated)) {                                                               \
    GTEST_SKIP() << "no IATI reference files at " << kReference << ": IATI files not checked"; \
  }

// Every participating organisation, transaction, date and country of the
// annotated example, as read from the file by hand.
TEST_F(IatiImportTest, TheAnnotatedExampleIsReadAsTheFileSays) {
  SKIP_WITHOUT_REFERENCE();
  RunResult import = pgraph_.Run({"--json", "import", kAnnotated.string()});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_EQ(Added(import), Json::parse("[1, 8, 8]"));
  Records records = Exported(pgraph_);
  const std::string p = "iati-aa-aaa-123456789-abc123";
  ASSERT_TRUE(records.entities.contains(p));
  const Json& project = records.entities[p];
  EXPECT_EQ(project["kind"], "project");
  EXPECT_EQ(project["name"]["en"], "Activity title");
  const Json& a = project["attributes"];
  EXPECT_EQ(a["iati_identifier"], "AA-AAA-123456789-ABC123");
  EXPECT_EQ(a["title_fr"], "Titre de l'activité");
  EXPECT_EQ(a["title_es"], "Título de la actividad");
  EXPECT_EQ(a["planned_start"], "2012-04-15");
  EXPECT_EQ(a["actual_start"], "2012-04-28");
  EXPECT_EQ(a["planned_end"], "2015-12-31");
  EXPECT_EQ(a["activity_status"], "2");
  EXPECT_EQ(a["default_currency"], "USD");
  EXPECT_EQ(a["reporting_org_ref"], "AA-AAA-123456789");
  EXPECT_EQ(a["reporting_org"], "Organisation name");
  EXPECT_EQ(a["related_activity_1"], "1:AA-AAA-123456789-6789");
  EXPECT_EQ(a["description_en_type2"],
            "Objectives for the activity, for example from a logical framework.");

  // Participating organisations: role 1 Funding (Agency B, type 40),
  // 2 Accountable (Agency C, type 10), 3 Extending (Agency A, type 21).
  const Json& b = records.entities["iati-org-bb-bbb-123456789"];
  EXPECT_EQ(b["name"]["en"], "Name of Agency B");
  EXPECT_EQ(b["kind"], "igo");
  EXPECT_EQ(records.entities["iati-org-cc-ccc-123456789"]["kind"], "ministry");
  const Json& funding = records.relations[p + "-funding-iati-org-bb-bbb-123456789"];
  EXPECT_EQ(funding["type"], "funds");
  EXPECT_EQ(funding["from"], "iati-org-bb-bbb-123456789");
  EXPECT_EQ(funding["to"], p);
  EXPECT_EQ(funding["attributes"]["activity_id"], "BB-BBB-123456789-1234");
  const Json& accountable = records.relations[p + "-accountable-iati-org-cc-ccc-123456789"];
  EXPECT_EQ(accountable["type"], "leads");
  EXPECT_EQ(accountable["role"], "accountable");
  const Json& extending = records.relations[p + "-extending-iati-org-aa-aaa-123456789"];
  EXPECT_EQ(extending["type"], "leads");
  EXPECT_EQ(extending["role"], "extending");

  // Countries AF and AG, 25 % each, named in English and Chinese.
  const Json& af = records.entities["afghanistan"];
  EXPECT_EQ(af["kind"], "country");
  EXPECT_EQ(af["name"]["zh"], "阿富汗");
  EXPECT_EQ(af["attributes"]["iso_3166_1"], "AF");
  EXPECT_EQ(records.entities["antigua-and-barbuda"]["attributes"]["iso_3166_1"], "AG");
  EXPECT_EQ(records.relations[p + "-benefits-afghanistan"]["attributes"]["percentage"], "25");
  EXPECT_EQ(records.relations[p + "-benefits-antigua-and-barbuda"]["to"], "antigua-and-barbuda");
  // Regions 489 (vocabulary 1) and A1 (vocabulary 99).
  EXPECT_EQ(records.entities["iati-region-1-489"]["kind"], "region");
  EXPECT_EQ(records.relations[p + "-benefits-iati-region-99-a1"]["to"], "iati-region-99-a1");

  // The one transaction: incoming funds, 1000 EUR on 2012-01-01, from Agency B.
  const Json& tx = records.relations[p + "-tx-1"];
  EXPECT_EQ(tx["type"], "funds");
  EXPECT_EQ(tx["from"], "iati-org-bb-bbb-123456789");
  EXPECT_EQ(tx["to"], p);
  EXPECT_EQ(tx["amount"], Json::parse(R"({"value": 1000, "currency": "EUR"})"));
  EXPECT_EQ(tx["since"], "2012-01-01");
  EXPECT_EQ(tx["until"], "2012-01-01");
  EXPECT_EQ(tx["title"], "Transaction description text");
  EXPECT_EQ(tx["attributes"]["transaction_type"], "1");
  EXPECT_EQ(tx["attributes"]["value_date"], "2012-01-01");
  EXPECT_EQ(tx["attributes"]["provider_activity_id"], "BB-BBB-123456789-1234AA");
  EXPECT_EQ(tx["attributes"]["receiver_activity_id"], "AA-AAA-123456789-1234");
  EXPECT_EQ(tx["attributes"]["transaction_ref"], "1234");
  EXPECT_EQ(tx["source"]["doc"], "activity-standard-example-annotated.xml");
  EXPECT_EQ(records.relations.size(), 8u);
}

const fs::path kOrganisationExample =
    kReference / "examples-2.03" / "organisation-standard-example-annotated.xml";

// The annotated organisation file, as read from it by hand: the
// organisation AA-AAA-123456789 (type 40, its name in English and French,
// default currency EUR); a recipient-org-budget of USD 2,500,000 to
// AA-ABC-1234567 ("Org Name") and a recipient-country-budget of USD
// 25,000,000 for AF, both for 2014-01-01 to 2014-12-31, status 2, value
// date 2014-01-01; the total budget and expenditure (USD 250,000,000 each)
// and the region budget (99/A1, USD 25,000,000) kept as attributes. Budget
// lines (parts of the same money) and document links are not imported.
TEST_F(IatiImportTest, TheAnnotatedOrganisationFileIsReadAsTheFileSays) {
  SKIP_WITHOUT_REFERENCE();
  RunResult import = pgraph_.Run({"--json", "import", kOrganisationExample.string()});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_EQ(Added(import), Json::parse("[1, 3, 2]"));
  Records records = Exported(pgraph_);
  const std::string o = "iati-org-aa-aaa-123456789";
  ASSERT_TRUE(records.entities.contains(o));
  const Json& org = records.entities[o];
  EXPECT_EQ(org["kind"], "igo");
  EXPECT_EQ(org["name"], Json::parse(R"({"en": "Organisation name"})"));
  EXPECT_EQ(org["aliases"], Json::parse(R"(["Nom de l'organisme"])"));
  EXPECT_EQ(org["attributes"], Json::parse(R"({
    "iati_ref": "AA-AAA-123456789",
    "iati_organisation_type": "40",
    "name_fr": "Nom de l'organisme",
    "default_currency": "EUR",
    "total_budget_2014-01-01": "USD 250,000,000, 2014-01-01 to 2014-12-31",
    "total_expenditure_2014-01-01": "USD 250,000,000, 2014-01-01 to 2014-12-31",
    "recipient_region_budget_99_a1_2014-01-01": "USD 25,000,000, 2014-01-01 to 2014-12-31"
  })"));
  const Json& recipient = records.entities["iati-org-aa-abc-1234567"];
  EXPECT_EQ(recipient["name"]["en"], "Org Name");
  EXPECT_EQ(recipient["kind"], "institution");
  EXPECT_EQ(recipient["attributes"]["iati_ref"], "AA-ABC-1234567");
  EXPECT_EQ(records.entities["afghanistan"]["name"]["zh"], "阿富汗");

  ASSERT_EQ(records.relations.size(), 2u);
  const Json& to_org = records.relations[o + "-budget-iati-org-aa-abc-1234567-2014-01-01"];
  EXPECT_EQ(to_org["type"], "funds");
  EXPECT_EQ(to_org["from"], o);
  EXPECT_EQ(to_org["to"], "iati-org-aa-abc-1234567");
  EXPECT_EQ(to_org["amount"], Json::parse(R"({"value": 2500000, "currency": "USD"})"));
  EXPECT_EQ(to_org["since"], "2014-01-01");
  EXPECT_EQ(to_org["until"], "2014-12-31");
  EXPECT_EQ(to_org["role"], "budget");
  EXPECT_EQ(to_org["attributes"], Json::parse(R"({"iati_budget": "recipient-org-budget",
                                                  "budget_status": "2",
                                                  "value_date": "2014-01-01"})"));
  EXPECT_EQ(to_org["source"]["doc"], "organisation-standard-example-annotated.xml");
  const Json& to_country = records.relations[o + "-budget-afghanistan-2014-01-01"];
  EXPECT_EQ(to_country["type"], "funds");
  EXPECT_EQ(to_country["from"], o);
  EXPECT_EQ(to_country["to"], "afghanistan");
  EXPECT_EQ(to_country["amount"], Json::parse(R"({"value": 25000000, "currency": "USD"})"));
  EXPECT_EQ(to_country["since"], "2014-01-01");
  EXPECT_EQ(to_country["until"], "2014-12-31");
  EXPECT_EQ(to_country["role"], "country budget");
  EXPECT_EQ(to_country["attributes"]["iati_budget"], "recipient-country-budget");

  RunResult again = pgraph_.Run({"--json", "import", kOrganisationExample.string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Added(again), Json::parse("[0, 0, 0]"));
}

TEST_F(IatiImportTest, ReimportingTheSameFileChangesNothing) {
  SKIP_WITHOUT_REFERENCE();
  ASSERT_EQ(pgraph_.Run({"import", kAnnotated.string()}).exit_code, 0);
  RunResult again = pgraph_.Run({"--json", "import", kAnnotated.string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(Added(again), Json::parse("[0, 0, 0]"));
  Json report = Json::parse(again.out);
  EXPECT_EQ(report["relations"]["unchanged"], 8);
  EXPECT_EQ(report["entities"]["replaced"], 0);
}

// tests/integration/iati_reference_files.tsv: which file imports, which is
// refused, and why.
TEST_F(IatiImportTest, EveryReferenceFileImportsOrIsRefusedAsTheTableSays) {
  SKIP_WITHOUT_REFERENCE();
  std::ifstream table(std::string(PARTNERGRAPH_SOURCE_DIR) +
                      "/tests/integration/iati_reference_files.tsv");
  ASSERT_TRUE(table.good());
  std::string line;
  int rows = 0;
  while (std::getline(table, line)) {
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> cells;
    std::stringstream row(line);
    std::string cell;
    while (std::getline(row, cell, '\t')) cells.push_back(cell);
    ASSERT_EQ(cells.size(), 4u) << line;
    ++rows;
    PgraphRunner fresh;
    ASSERT_EQ(fresh.Run({"init", "--empty"}).exit_code, 0);
    const std::string path = (kReference / cells[0]).string();
    // --json for the counts; the errors as text (--json gives them as JSON).
    const bool imports = cells[1] == "imports";
    RunResult result =
        imports ? fresh.Run({"--json", "import", path}) : fresh.Run({"import", path});
    if (imports) {
      ASSERT_EQ(result.exit_code, 0) << cells[0] << ": " << result.err;
      Json added = Added(result);
      EXPECT_EQ(std::to_string(added[0].get<int>()) + " " + std::to_string(added[1].get<int>()) +
                    " " + std::to_string(added[2].get<int>()),
                cells[2])
          << cells[0];
    } else {
      EXPECT_EQ(result.exit_code, 1) << cells[0];
      EXPECT_THAT(result.err, HasSubstr(cells[2])) << cells[0];
      EXPECT_THAT(result.err, HasSubstr("nothing was imported")) << cells[0];
      // Every error names the file, line and column.
      EXPECT_TRUE(std::regex_search(result.err, std::regex(":[0-9]+:[0-9]+: ")))
          << cells[0] << ": " << result.err;
      RunResult stats = fresh.Run({"--json", "stats"});
      EXPECT_EQ(Json::parse(stats.out)["entities"], 0) << cells[0];
    }
  }
  EXPECT_EQ(rows, 12);
}

// The schema's should-fail files that break what the graph needs: an
// activity with no identifier (each of these minimal files has none) is
// refused, and so says the message.
TEST_F(IatiImportTest, ShouldFailFilesThatBreakTheGraphAreRefused) {
  SKIP_WITHOUT_REFERENCE();
  const fs::path should_fail = kReference / "tests" / "activity-tests" / "should-fail";
  for (const char* name :
       {"01-empty-activity.xml", "22-missing-title-narrative.xml",
        "participating-org/01-activity-id-empty.xml",
        "related-activity/01-missing-attribute-ref.xml", "other-identifier/04-contains-text.xml"}) {
    RunResult result = pgraph_.Run({"import", "--format", "iati", (should_fail / name).string()});
    EXPECT_EQ(result.exit_code, 1) << name;
    EXPECT_THAT(result.err, HasSubstr("an iati-activity needs an iati-identifier")) << name;
  }
  RunResult empty_root =
      pgraph_.Run({"import", (should_fail / "18-missing-iati-activities-version.xml").string()});
  EXPECT_EQ(empty_root.exit_code, 1);
  EXPECT_THAT(empty_root.err, HasSubstr("no <iati-activity> in the file"));
}

TEST_F(IatiImportTest, EveryProblemOfAFileIsListedWithItsPlaceAndNothingIsImported) {
  RunResult result = pgraph_.Run({"import", FixturePath("io/iati_bad.xml")});
  EXPECT_EQ(result.exit_code, 1);
  const std::string file = FixturePath("io/iati_bad.xml");
  EXPECT_THAT(result.err, HasSubstr(file + ":6:3: activity XX-BAD-1: participating-org role "
                                           "\"9\" is not 1-4"));
  EXPECT_THAT(result.err, HasSubstr(file + ":7:3: activity XX-BAD-1: recipient-country code "
                                           "\"ZZ\" is not an ISO 3166-1 alpha-2 code"));
  EXPECT_THAT(result.err, HasSubstr(file + ":10:4: activity XX-BAD-1: transaction 1: iso-date "
                                           "\"2020-13-45\" is not a date"));
  EXPECT_THAT(result.err, HasSubstr(file + ":11:4: activity XX-BAD-1: transaction 1: value "
                                           "\"12,5\" is not a number"));
  EXPECT_THAT(result.err, HasSubstr("4 errors; nothing was imported"));
  RunResult malformed = pgraph_.Run({"import", FixturePath("io/iati_malformed.xml")});
  EXPECT_EQ(malformed.exit_code, 1);
  EXPECT_THAT(malformed.err, HasSubstr(FixturePath("io/iati_malformed.xml") + ":6:1: XML: "));
  RunResult stats = pgraph_.Run({"--json", "stats"});
  EXPECT_EQ(Json::parse(stats.out)["entities"], 0);
}

// The ILO's ref XM-DAC-41302 is the bundled entity "ilo" (through
// data/iati-organisations.tsv); China, a stored country, stays as stored; an
// unknown donor becomes an entity named as the file names it.
TEST_F(IatiImportTest, OrganisationsAreMatchedByTheirRefAndStoredEntitiesStand) {
  PgraphRunner bundled;
  ASSERT_EQ(bundled.Run({"init"}).exit_code, 0);
  RunResult import = bundled.Run({"--json", "import", FixturePath("io/iati_ilo.xml")});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_EQ(Added(import), Json::parse("[1, 2, 4]"));
  Records records = Exported(bundled);
  const std::string p = "iati-xm-dac-41302-test-1";
  EXPECT_EQ(records.entities[p]["name"]["zh"], "体面劳动测试项目");
  EXPECT_EQ(records.relations[p + "-implementing-ilo"]["from"], "ilo");
  EXPECT_EQ(records.relations[p + "-implementing-ilo"]["type"], "implements");
  EXPECT_EQ(records.relations[p + "-benefits-china"]["to"], "china");
  EXPECT_EQ(records.entities["china"]["name"]["en"], "People's Republic of China");
  const Json& donor = records.entities["iati-org-xx-donor-1"];
  EXPECT_EQ(donor["name"]["en"], "Ministry of Test Affairs");
  EXPECT_EQ(donor["kind"], "ministry");
  const Json& tx = records.relations[p + "-tx-1"];
  EXPECT_EQ(tx["from"], "iati-org-xx-donor-1");
  EXPECT_EQ(tx["amount"]["value"], 250000);
  EXPECT_EQ(tx["attributes"]["provider_activity_id"], "XX-DONOR-1-P9");
  // A map entry that cites nothing is refused.
  const std::string map = bundled.WriteFile("orgs.tsv", "XM-DAC-41302\tilo\t\n");
  RunResult bad_map =
      bundled.Run({"import", "--iati-organisations", map, FixturePath("io/iati_ilo.xml")});
  EXPECT_EQ(bad_map.exit_code, 1);
  EXPECT_THAT(bad_map.err, HasSubstr("orgs.tsv:1:1: "));
}

// tests/fixtures/io/iati_chain.xml, worked by hand (its comment): each
// transfer once, matched through the activity ids, the residuals shown.
TEST_F(IatiImportTest, FundsThroughCountsEachTransferOfTheChainOnce) {
  PgraphRunner bundled;
  ASSERT_EQ(bundled.Run({"init"}).exit_code, 0);
  ASSERT_EQ(bundled.Run({"import", FixturePath("io/iati_chain.xml")}).exit_code, 0);
  RunResult funds = bundled.Run({"funds", "--through", "--funder", "iati-org-xx-donor"});
  ASSERT_EQ(funds.exit_code, 0) << funds.err;
  const std::string& out = funds.out;
  EXPECT_THAT(out, HasSubstr("Money along the IATI activity chain, each transfer counted once:"));
  auto row = [](std::vector<std::string> cells) {
    std::string pattern;
    for (const std::string& cell : cells) pattern += (pattern.empty() ? "" : " +") + cell;
    return std::regex(pattern);
  };
  EXPECT_TRUE(std::regex_search(out, row({"commitment", "XX-DONOR-D1", "XM-DAC-41302-C1",
                                          "iati-org-xx-donor", "ilo", "EUR 1,500", "both"})))
      << out;
  EXPECT_TRUE(std::regex_search(out, row({"disbursement", "XX-DONOR-D1", "XM-DAC-41302-C1",
                                          "iati-org-xx-donor", "ilo", "EUR 1,000", "both"})))
      << out;
  EXPECT_TRUE(std::regex_search(
      out, row({"disbursement", "XM-DAC-41302-C1", "XX-IMPL-P1", "ilo", "iati-org-xx-impl",
                "EUR 600", "both \\(receiver: \\+EUR 50\\)"})))
      << out;
  EXPECT_TRUE(std::regex_search(out, row({"disbursement", "XM-DAC-41302-C1", "XX-IMPL-P1", "ilo",
                                          "iati-org-xx-impl", "EUR 100", "provider only"})))
      << out;
  EXPECT_TRUE(std::regex_search(
      out, row({"commitment", "EUR 1,500", "EUR 0", "XM-DAC-41302-C1 EUR 1,500"})))
      << out;
  EXPECT_TRUE(std::regex_search(out, row({"disbursement", "EUR 1,000", "EUR 700",
                                          "XM-DAC-41302-C1 EUR 300; XX-IMPL-P1 EUR 700"})))
      << out;
  // Without --through, no chain.
  RunResult plain = bundled.Run({"funds", "--funder", "iati-org-xx-donor"});
  EXPECT_THAT(plain.out, ::testing::Not(HasSubstr("activity chain")));
}

// The same chain under --json: each hop with the transactions matched to it,
// and the residuals, as the table shows them (worked by hand from the
// fixture: transactions are numbered in the order of their activity).
TEST_F(IatiImportTest, FundsThroughJsonCarriesTheChainAndTheResiduals) {
  PgraphRunner bundled;
  ASSERT_EQ(bundled.Run({"init"}).exit_code, 0);
  ASSERT_EQ(bundled.Run({"import", FixturePath("io/iati_chain.xml")}).exit_code, 0);
  RunResult funds = bundled.Run({"--json", "funds", "--through", "--funder", "iati-org-xx-donor"});
  ASSERT_EQ(funds.exit_code, 0) << funds.err;
  const Json report = Json::parse(funds.out);
  const Json expected_chain = Json::parse(R"([
    {"stage": "commitment", "from_activity": "XX-DONOR-D1", "to_activity": "XM-DAC-41302-C1",
     "provider": "iati-org-xx-donor", "receiver": "ilo", "amount": 1500, "currency": "EUR",
     "reported_by": "both", "receiver_difference": 0,
     "outgoing": {"id": "iati-xx-donor-d1-tx-1", "amount": 1500, "date": "2021-01-10",
                  "transaction_type": "2"},
     "incoming": {"id": "iati-xm-dac-41302-c1-tx-1", "amount": 1500, "date": "2021-01-12",
                  "transaction_type": "11"}},
    {"stage": "disbursement", "from_activity": "XM-DAC-41302-C1", "to_activity": "XX-IMPL-P1",
     "provider": "ilo", "receiver": "iati-org-xx-impl", "amount": 100, "currency": "EUR",
     "reported_by": "provider", "receiver_difference": 0,
     "outgoing": {"id": "iati-xm-dac-41302-c1-tx-4", "amount": 100, "date": "2021-09-01",
                  "transaction_type": "3"},
     "incoming": null},
    {"stage": "disbursement", "from_activity": "XM-DAC-41302-C1", "to_activity": "XX-IMPL-P1",
     "provider": "ilo", "receiver": "iati-org-xx-impl", "amount": 600, "currency": "EUR",
     "reported_by": "both", "receiver_difference": 50,
     "outgoing": {"id": "iati-xm-dac-41302-c1-tx-3", "amount": 600, "date": "2021-06-01",
                  "transaction_type": "3"},
     "incoming": {"id": "iati-xx-impl-p1-tx-1", "amount": 650, "date": "2021-06-03",
                  "transaction_type": "1"}},
    {"stage": "disbursement", "from_activity": "XX-DONOR-D1", "to_activity": "XM-DAC-41302-C1",
     "provider": "iati-org-xx-donor", "receiver": "ilo", "amount": 1000, "currency": "EUR",
     "reported_by": "both", "receiver_difference": 0,
     "outgoing": {"id": "iati-xx-donor-d1-tx-2", "amount": 1000, "date": "2021-03-01",
                  "transaction_type": "3"},
     "incoming": {"id": "iati-xm-dac-41302-c1-tx-2", "amount": 1000, "date": "2021-03-05",
                  "transaction_type": "1"}}
  ])");
  EXPECT_EQ(report["chain"], expected_chain) << report["chain"].dump(2);
  const Json expected_summary = Json::parse(R"([
    {"stage": "commitment", "currency": "EUR", "entering": 1500, "passed_on": 0,
     "kept": [{"activity": "XM-DAC-41302-C1", "amount": 1500}]},
    {"stage": "disbursement", "currency": "EUR", "entering": 1000, "passed_on": 700,
     "kept": [{"activity": "XM-DAC-41302-C1", "amount": 300},
              {"activity": "XX-IMPL-P1", "amount": 700}]}
  ])");
  EXPECT_EQ(report["chain_summary"], expected_summary) << report["chain_summary"].dump(2);
  // Without --through the document has no chain.
  RunResult plain = bundled.Run({"--json", "funds", "--funder", "iati-org-xx-donor"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_FALSE(Json::parse(plain.out).contains("chain"));
}

}  // namespace
}  // namespace partnergraph::testing
