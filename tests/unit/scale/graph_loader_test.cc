// LoadGraph: a store's query graph comes from its snapshot only when the
// snapshot matches the store's current state; otherwise it is built afresh
// and the snapshot rewritten, with the same answers either way.
#include "partnergraph/graph_loader.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/graph_snapshot.h"
#include "partnergraph/schema.h"
#include "partnergraph/store.h"

#include "generated_graphs.h"
#include "scale_test_support.h"

namespace partnergraph {
namespace {

using ::partnergraph::testing::Answers;
using ::partnergraph::testing::GenerateDataset;
using ::partnergraph::testing::ReadBytes;
using ::partnergraph::testing::TempDir;
using ::partnergraph::testing::WriteBytes;
using ::testing::HasSubstr;

class GraphLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Schema> schema = Schema::LoadFile(std::string(PARTNERGRAPH_DATA_DIR) + "/schema.json");
    ASSERT_TRUE(schema.has_value()) << schema.error().ToString();
    schema_ = *schema;
    db_path_ = (dir_.path() / "db").string();
    Result<std::unique_ptr<Store>> created = Store::Create(db_path_, schema_);
    ASSERT_TRUE(created.has_value()) << created.error().ToString();
    Result<ApplyReport> applied = (*created)->Apply(GenerateDataset(7, 300, 1200));
    ASSERT_TRUE(applied.has_value()) << applied.error().ToString();
  }

  std::unique_ptr<Store> Open(OpenMode mode) {
    Result<std::unique_ptr<Store>> opened = Store::Open(db_path_, mode);
    EXPECT_TRUE(opened.has_value()) << opened.error().ToString();
    return opened.has_value() ? std::move(*opened) : nullptr;
  }

  // Loads the graph of a freshly opened read-only store, as a query does.
  LoadedGraph Load() {
    std::unique_ptr<Store> store = Open(OpenMode::kReadOnly);
    Result<LoadedGraph> loaded = LoadGraph(*store);
    EXPECT_TRUE(loaded.has_value()) << loaded.error().ToString();
    return std::move(*loaded);
  }

  // The answers of a graph built from the store without any snapshot.
  std::vector<std::string> FreshAnswers() {
    std::unique_ptr<Store> store = Open(OpenMode::kReadOnly);
    Result<LoadedGraph> loaded = LoadGraph(*store, GraphLoadOptions{false, false});
    EXPECT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->origin, GraphOrigin::kStore);
    return Answers(loaded->graph, 1, 80, /*with_centrality=*/true);
  }

  std::string SnapshotPath() const { return db_path_ + "/topology.snapshot"; }

  TempDir dir_;
  Schema schema_;
  std::string db_path_;
};

TEST_F(GraphLoaderTest, FirstLoadBuildsFromTheStoreAndLaterLoadsMapTheSnapshot) {
  ASSERT_FALSE(std::filesystem::exists(SnapshotPath()));
  const LoadedGraph first = Load();
  EXPECT_EQ(first.origin, GraphOrigin::kStore);
  EXPECT_TRUE(std::filesystem::exists(SnapshotPath()));  // written by a read-only process
  const LoadedGraph second = Load();
  EXPECT_EQ(second.origin, GraphOrigin::kSnapshot) << second.snapshot_problem;
  EXPECT_EQ(Answers(second.graph, 1, 80, true), FreshAnswers());
  EXPECT_EQ(Answers(first.graph, 1, 80, true), FreshAnswers());
}

TEST_F(GraphLoaderTest, DisabledSnapshotIsNeitherReadNorWritten) {
  std::unique_ptr<Store> store = Open(OpenMode::kReadOnly);
  Result<LoadedGraph> loaded = LoadGraph(*store, GraphLoadOptions{false, false});
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->origin, GraphOrigin::kStore);
  EXPECT_FALSE(std::filesystem::exists(SnapshotPath()));
}

TEST_F(GraphLoaderTest, ImportMakesTheSnapshotStaleAndTheNextLoadRefreshesIt) {
  ASSERT_EQ(Load().origin, GraphOrigin::kStore);
  std::string state_before;
  {
    std::unique_ptr<Store> store = Open(OpenMode::kReadWrite);
    state_before = store->StateId().value();
    // New relations between existing entities, as an import adds them.
    Dataset more;
    Relation relation;
    relation.id = "rel-extra";
    relation.type = "mou";
    relation.from = "org-000000";
    relation.to = "org-000001";
    more.relations.push_back({relation, SourceLocation{}});
    ASSERT_TRUE(store->Apply(more).has_value());
    EXPECT_NE(store->StateId().value(), state_before);
  }
  const LoadedGraph after = Load();
  EXPECT_EQ(after.origin, GraphOrigin::kStore);
  EXPECT_THAT(after.snapshot_problem, HasSubstr("another state"));
  const StringTable& relation_ids = after.graph.topology().edge_relation_ids;
  EXPECT_NE(std::find(relation_ids.begin(), relation_ids.end(), "rel-extra"), relation_ids.end());
  const LoadedGraph refreshed = Load();
  EXPECT_EQ(refreshed.origin, GraphOrigin::kSnapshot) << refreshed.snapshot_problem;
  EXPECT_EQ(Answers(refreshed.graph, 1, 80, true), FreshAnswers());
}

TEST_F(GraphLoaderTest, ReopeningWithoutWritingKeepsTheState) {
  std::string state;
  {
    std::unique_ptr<Store> store = Open(OpenMode::kReadWrite);
    state = store->StateId().value();
  }
  EXPECT_EQ(Open(OpenMode::kReadOnly)->StateId().value(), state);
  EXPECT_EQ(Open(OpenMode::kReadWrite)->StateId().value(), state);
}

TEST_F(GraphLoaderTest, DamagedSnapshotIsRebuiltAndAnswersStayRight) {
  ASSERT_EQ(Load().origin, GraphOrigin::kStore);
  const std::string good = ReadBytes(SnapshotPath());
  struct Damage {
    const char* what;
    std::string bytes;
  };
  std::string flipped_middle = good;
  flipped_middle[good.size() / 2] = static_cast<char>(flipped_middle[good.size() / 2] ^ 0x04);
  std::string flipped_header = good;
  flipped_header[20] = static_cast<char>(flipped_header[20] ^ 0x01);
  const std::vector<Damage> damages = {
      {"a flipped byte in the middle", flipped_middle},
      {"a flipped byte in the header", flipped_header},
      {"truncated", good.substr(0, good.size() - 100)},
      {"empty", ""},
      {"garbage", std::string(4096, 'x')},
  };
  const std::vector<std::string> expected = FreshAnswers();
  for (const Damage& damage : damages) {
    WriteBytes(SnapshotPath(), damage.bytes);
    const LoadedGraph loaded = Load();
    EXPECT_EQ(loaded.origin, GraphOrigin::kStore) << damage.what;
    EXPECT_FALSE(loaded.snapshot_problem.empty()) << damage.what;
    EXPECT_EQ(Answers(loaded.graph, 1, 80, true), expected) << damage.what;
    // Rewritten whole, so the next process maps it again.
    EXPECT_EQ(ReadBytes(SnapshotPath()), good) << damage.what;
    EXPECT_EQ(Load().origin, GraphOrigin::kSnapshot) << damage.what;
  }
}

TEST_F(GraphLoaderTest, SnapshotOfARecreatedStoreWithTheSameHistoryIsNotUsed) {
  ASSERT_EQ(Load().origin, GraphOrigin::kStore);
  const std::string old_snapshot = ReadBytes(SnapshotPath());
  // init --force: a new database, the same writes, so the same generation
  // and perhaps the same sequence number; only its identity differs.
  ASSERT_TRUE(Store::Destroy(db_path_).ok());
  {
    Result<std::unique_ptr<Store>> created = Store::Create(db_path_, schema_);
    ASSERT_TRUE(created.has_value());
    ASSERT_TRUE((*created)->Apply(GenerateDataset(8, 300, 1200)).has_value());
  }
  WriteBytes(SnapshotPath(), old_snapshot);
  const LoadedGraph loaded = Load();
  EXPECT_EQ(loaded.origin, GraphOrigin::kStore);
  EXPECT_EQ(Answers(loaded.graph, 1, 80, true), FreshAnswers());
}

TEST_F(GraphLoaderTest, UnwritableSnapshotOnlyCostsTheNextLoad) {
  // A folder where the snapshot file should be: rename() cannot replace it.
  std::filesystem::create_directories(SnapshotPath());
  std::filesystem::create_directories(SnapshotPath() + "/keep");
  const LoadedGraph loaded = Load();
  EXPECT_EQ(loaded.origin, GraphOrigin::kStore);
  EXPECT_EQ(Answers(loaded.graph, 1, 80, true), FreshAnswers());
  EXPECT_EQ(Load().origin, GraphOrigin::kStore);
}

}  // namespace
}  // namespace partnergraph
