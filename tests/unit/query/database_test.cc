// The Database front door itself: many threads on one open Database get the
// answers one thread gets; an import through it is seen by later queries;
// the modes, replacing and exporting behave as database.h says.
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "query_test_support.h"

namespace partnergraph::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// A ring of 30 institutions with chords and funding, so that paths,
// neighbourhoods, funds and centrality all have work to do.
DatasetBuilder Ring() {
  DatasetBuilder builder;
  builder.Entity("donor", "country");
  for (int i = 0; i < 30; ++i) builder.Entity("n" + std::to_string(i), "institution");
  for (int i = 0; i < 10; ++i) builder.Entity("p" + std::to_string(i), "project");
  for (int i = 0; i < 30; ++i) {
    builder.Relation("ring" + std::to_string(i), "n" + std::to_string(i), "partners_with",
                     "n" + std::to_string((i + 1) % 30));
    if (i % 4 == 0) {
      builder.Relation("chord" + std::to_string(i), "n" + std::to_string(i), "partners_with",
                       "n" + std::to_string((i + 13) % 30), "2015", "2020");
    }
  }
  for (int i = 0; i < 10; ++i) {
    builder.Funds("f" + std::to_string(i), "donor", "p" + std::to_string(i), 1000.0 * (i + 1),
                  i % 2 == 0 ? "USD" : "EUR", "2016");
    builder.Relation("i" + std::to_string(i), "n" + std::to_string(3 * i), "implements",
                     "p" + std::to_string(i));
  }
  return builder;
}

// Every answer of one round of queries, as text.
std::vector<std::string> Round(const TestDatabase& db, int round) {
  std::vector<std::string> answers;
  const std::string a = "n" + std::to_string(round % 30);
  const std::string b = "n" + std::to_string((round * 7 + 11) % 30);
  Result<std::vector<std::string>> paths = PathsOf(db, {.from = a, .to = b, .all = true});
  answers.push_back(paths ? ::testing::PrintToString(*paths) : paths.error().ToString());
  Result<NeighboursAnswer> hood = NeighboursOf(db, {.start = a, .depth = 2});
  answers.push_back(hood ? ::testing::PrintToString(hood->vertices) : hood.error().ToString());
  FundsOptions funds;
  funds.funder = "donor";
  funds.through = true;
  Result<FundsAnswer> money = FundsOf(db, funds);
  answers.push_back(money ? ::testing::PrintToString(money->totals) : money.error().ToString());
  Result<std::vector<std::string>> central = CentralityOf(db, {.top = 5});
  answers.push_back(central ? ::testing::PrintToString(*central) : central.error().ToString());
  // Cypher: a shortest path, a neighbourhood count and per-currency sums.
  CypherRequest cypher;
  cypher.text =
      "MATCH p = shortestPath((a {id: $a})-[*]-(b {id: $b})) "
      "OPTIONAL MATCH (a)-[*1..2]-(x) WITH p, count(DISTINCT x) AS near "
      "MATCH (:country)-[r:funds]->() "
      "RETURN length(p), near, r.currency, sum(r.amount) ORDER BY r.currency";
  cypher.parameters = {{"a", CypherValue(a)}, {"b", CypherValue(b)}};
  Result<CypherResult> rows = db.database().Query(cypher);
  std::string text;
  if (rows) {
    for (const auto& row : rows->rows) {
      text += ::testing::PrintToString(row[0].as<int64_t>()) + " " +
              ::testing::PrintToString(row[1].as<int64_t>()) + " " + row[2].as<std::string>() +
              " " + ::testing::PrintToString(row[3].as<double>()) + "\n";
    }
  } else {
    text = rows.error().ToString();
  }
  answers.push_back(text);
  return answers;
}

TEST(DatabaseTest, ManyThreadsOnOneDatabaseGetTheAnswersOneThreadGets) {
  TestDatabase db(Ring());
  ASSERT_TRUE(db.ok());
  constexpr int kRounds = 40;
  // Computed by the first threads too: the graph is built lazily by
  // whichever query needs it first, under the Database's lock.
  std::vector<std::vector<std::vector<std::string>>> seen(8);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&db, &seen, t] {
      for (int round = 0; round < kRounds; ++round) seen[t].push_back(Round(db, round));
    });
  }
  for (std::thread& thread : threads) thread.join();
  TestDatabase alone(Ring());
  for (int round = 0; round < kRounds; ++round) {
    const std::vector<std::string> expected = Round(alone, round);
    // The Cypher answer is a real one: the donor's 5 EUR and 5 USD flows.
    EXPECT_THAT(expected.back(), ::testing::HasSubstr(" EUR 30000\n"));
    EXPECT_THAT(expected.back(), ::testing::HasSubstr(" USD 25000\n"));
    for (size_t t = 0; t < seen.size(); ++t) {
      EXPECT_EQ(seen[t][static_cast<size_t>(round)], expected)
          << "thread " << t << " round " << round;
    }
  }
}

class DatabaseFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("pg_database_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }

  CreateRequest Empty() const {
    CreateRequest request;
    request.schema_file = std::string(PARTNERGRAPH_DATA_DIR) + "/schema.json";
    return request;
  }

  fs::path dir_;
};

constexpr const char* kTwoCountries =
    R"({"sources": [], "entities": [)"
    R"({"id": "a", "kind": "country", "name": {"en": "Aland"}},)"
    R"({"id": "b", "kind": "country", "name": {"en": "Bland"}}], "relations": []})";

TEST_F(DatabaseFilesTest, ImportIsSeenByTheQueriesAfterIt) {
  const std::string path = (dir_ / "db").string();
  ASSERT_TRUE(Database::Create(path, Empty()).has_value());
  DatabaseOptions write;
  write.mode = OpenMode::kReadWrite;
  Result<std::unique_ptr<Database>> db = Database::Open(path, write);
  ASSERT_TRUE(db.has_value()) << db.error().ToString();
  Result<DatabaseStats> before = (*db)->Stats();  // builds the graph of the empty store
  ASSERT_TRUE(before.has_value()) << before.error().ToString();
  EXPECT_EQ(before->store.entities, 0u);
  Result<ApplyReport> imported = (*db)->Import({Write("two.json", kTwoCountries)}, {});
  ASSERT_TRUE(imported.has_value()) << imported.error().ToString();
  Result<DatabaseStats> after = (*db)->Stats();
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->store.entities, 2u);
  EXPECT_EQ(after->components, 2u);  // two countries, no relation
  EXPECT_EQ(after->isolated_entities, 2u);
  Result<Entity> found = (*db)->Resolve("Bland");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, "b");
}

TEST_F(DatabaseFilesTest, ImportIntoAReadOnlyDatabaseIsRefused) {
  const std::string path = (dir_ / "db").string();
  ASSERT_TRUE(Database::Create(path, Empty()).has_value());
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  ASSERT_TRUE(db.has_value());
  Result<ApplyReport> imported = (*db)->Import({Write("two.json", kTwoCountries)}, {});
  ASSERT_FALSE(imported.has_value());
  EXPECT_EQ(imported.error().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(imported.error().message(), HasSubstr("read-only"));
}

TEST_F(DatabaseFilesTest, CreateNeverReplacesAFolderOfOtherFiles) {
  const fs::path docs = dir_ / "docs";
  fs::create_directories(docs);
  std::ofstream(docs / "notes.txt") << "keep\n";
  CreateRequest request = Empty();
  request.replace = true;
  Result<ApplyReport> created = Database::Create(docs.string(), request);
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(fs::exists(docs / "notes.txt"));
}

TEST_F(DatabaseFilesTest, CreateWithReplaceSwapsInTheNewDatabase) {
  const std::string path = (dir_ / "db").string();
  CreateRequest request = Empty();
  request.data_files = {Write("two.json", kTwoCountries)};
  ASSERT_TRUE(Database::Create(path, request).has_value());
  Result<ApplyReport> again = Database::Create(path, Empty());
  ASSERT_FALSE(again.has_value());
  EXPECT_THAT(again.error().message(), HasSubstr("already exists"));
  CreateRequest replace = Empty();
  replace.replace = true;
  ASSERT_TRUE(Database::Create(path, replace).has_value());
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  ASSERT_TRUE(db.has_value());
  Result<DatabaseStats> stats = (*db)->Stats();
  ASSERT_TRUE(stats.has_value());
  EXPECT_EQ(stats->store.entities, 0u);
}

TEST_F(DatabaseFilesTest, ExportToPathWritesTheWholeFileOrLeavesTheOldOne) {
  const std::string path = (dir_ / "db").string();
  CreateRequest request = Empty();
  request.data_files = {Write("two.json", kTwoCountries)};
  ASSERT_TRUE(Database::Create(path, request).has_value());
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  ASSERT_TRUE(db.has_value());
  const std::string out = (dir_ / "out.jsonl").string();
  ASSERT_TRUE((*db)->ExportToPath(ExportFormat::kJsonLines, out).ok());
  std::ifstream in(out);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_THAT(text, HasSubstr("\"id\":\"a\""));
  EXPECT_THAT(text, HasSubstr("\"id\":\"b\""));
  // Into a folder that does not exist: an error, and nothing written.
  const Status failed =
      (*db)->ExportToPath(ExportFormat::kJson, (dir_ / "no/such/x.json").string());
  EXPECT_EQ(failed.code(), StatusCode::kIOError);
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir_)) files += entry.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 2u);  // two.json and out.jsonl, no temporary left behind
}

}  // namespace
}  // namespace partnergraph::testing
