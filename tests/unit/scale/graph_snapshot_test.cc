// Graph snapshots: a mapped snapshot answers exactly as the graph it was
// saved from, and a snapshot that is stale, truncated or damaged anywhere is
// refused rather than trusted.
#include "partnergraph/graph_snapshot.h"

#include <filesystem>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "generated_graphs.h"
#include "scale_test_support.h"

namespace partnergraph {
namespace {

using ::partnergraph::testing::Answers;
using ::partnergraph::testing::GenerateTopology;
using ::partnergraph::testing::GraphShape;
using ::partnergraph::testing::ReadBytes;
using ::partnergraph::testing::TempDir;
using ::partnergraph::testing::WriteBytes;

constexpr const char* kState = "identity-1/7/1234";

// The records' columns of a generated topology: every third relation has an
// amount in one of two currencies, every second a source, some attributes.
Topology WithRecords(Topology topology) {
  RecordColumnsBuilder builder;
  for (VertexIndex v = 0; v < topology.vertex_ids.size(); ++v) {
    Entity entity;
    entity.name.en = "Name " + std::to_string(v);
    if (v % 2 == 0) entity.name.zh = "名" + std::to_string(v);
    if (v % 3 == 0) entity.aliases = {"A" + std::to_string(v), "别名"};
    if (v % 7 == 0) entity.attributes["founded"] = "1919";
    std::string aliases;
    builder.AddEntity(FieldsOf(entity, aliases));
  }
  for (EdgeIndex e = 0; e < topology.edges.size(); ++e) {
    Relation relation;
    if (e % 3 == 0) relation.amount = Amount{1000.5 * e, e % 2 == 0 ? "USD" : "EUR"};
    if (e % 2 == 0)
      relation.source = Citation{"doc-" + std::to_string(e % 5), "quote " + std::to_string(e)};
    if (e % 4 == 0) relation.title = "Title " + std::to_string(e);
    if (e % 5 == 0) relation.role = "role";
    if (e % 11 == 0) relation.attributes["note"] = "n";
    builder.AddRelation(FieldsOf(relation));
  }
  topology.records = builder.Finish();
  return topology;
}

class GraphSnapshotTest : public ::testing::Test {
 protected:
  std::string SnapshotPath() const { return (dir_.path() / "topology.snapshot").string(); }

  std::string RecordsPath() const { return (dir_.path() / "records.snapshot").string(); }

  // Saves a generated graph and returns it.
  Graph SaveGenerated(uint64_t seed, const GraphShape& shape) {
    Graph graph(GenerateTopology(seed, shape));
    Status s = WriteGraphSnapshot(graph, kState, SnapshotPath());
    EXPECT_TRUE(s.ok()) << s.ToString();
    return graph;
  }

  TempDir dir_;
};

TEST_F(GraphSnapshotTest, MappedSnapshotAnswersLikeTheGraphItWasSavedFrom) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    GraphShape shape;
    shape.num_vertices = 50 + static_cast<uint32_t>(seed) * 40;
    shape.num_relations = shape.num_vertices * 3;
    shape.sorted_by_from = seed % 2 == 1;  // both index layouts
    const Graph fresh = SaveGenerated(seed, shape);
    Result<Graph> mapped = OpenGraphSnapshot(SnapshotPath(), kState);
    ASSERT_TRUE(mapped.has_value()) << mapped.error().ToString();
    EXPECT_EQ(Answers(*mapped, seed, 60, /*with_centrality=*/true),
              Answers(fresh, seed, 60, /*with_centrality=*/true))
        << "seed " << seed;
  }
}

TEST_F(GraphSnapshotTest, MappedTopologyHasTheSameTables) {
  GraphShape shape;
  const Graph fresh = SaveGenerated(42, shape);
  Result<Graph> mapped = OpenGraphSnapshot(SnapshotPath(), kState);
  ASSERT_TRUE(mapped.has_value()) << mapped.error().ToString();
  const Topology& a = fresh.topology();
  const Topology& b = mapped->topology();
  EXPECT_EQ(a.vertex_ids, b.vertex_ids);
  EXPECT_EQ(a.vertex_kinds, b.vertex_kinds);
  EXPECT_EQ(a.kind_names, b.kind_names);
  EXPECT_EQ(a.type_names, b.type_names);
  EXPECT_EQ(a.type_is_symmetric, b.type_is_symmetric);
  EXPECT_EQ(a.edges.from, b.edges.from);
  EXPECT_EQ(a.edges.to, b.edges.to);
  EXPECT_EQ(a.edges.type, b.edges.type);
  EXPECT_EQ(a.edges.since_first_day, b.edges.since_first_day);
  EXPECT_EQ(a.edges.until_last_day, b.edges.until_last_day);
  EXPECT_EQ(a.edge_relation_ids, b.edge_relation_ids);
  // Viewed in place, not copied.
  EXPECT_TRUE(b.edges.to.is_view());
  EXPECT_TRUE(b.edge_relation_ids.chars().is_view());
  EXPECT_EQ(b.FindVertex("v00007"), a.FindVertex("v00007"));
}

TEST_F(GraphSnapshotTest, MappedRecordColumnsAssembleTheSameRecords) {
  GraphShape shape;
  const Graph fresh(WithRecords(GenerateTopology(7, shape)));
  ASSERT_TRUE(WriteGraphSnapshot(fresh, kState, SnapshotPath()).ok());
  ASSERT_TRUE(WriteRecordsSnapshot(fresh.topology(), kState, RecordsPath()).ok());
  Result<Graph> shape_only = OpenGraphSnapshot(SnapshotPath(), kState);
  ASSERT_TRUE(shape_only.has_value()) << shape_only.error().ToString();
  // The topology's file holds no records; they are mapped apart.
  EXPECT_TRUE(shape_only->topology().records.relation_flags.empty());
  Result<RecordColumns> records =
      OpenRecordsSnapshot(RecordsPath(), kState, shape_only->topology());
  ASSERT_TRUE(records.has_value()) << records.error().ToString();
  const Graph mapped = shape_only->WithRecords(std::move(*records));
  EXPECT_EQ(Answers(mapped, 7, 20, /*with_centrality=*/false),
            Answers(fresh, 7, 20, /*with_centrality=*/false));
  const Topology& a = fresh.topology();
  const Topology& b = mapped.topology();
  ASSERT_TRUE(b.records.HasEntities(b.vertex_ids.size()));
  ASSERT_TRUE(b.records.HasRelations(b.edges.size()));
  EXPECT_TRUE(b.records.quotes.chars().is_view());
  for (VertexIndex v = 0; v < a.vertex_ids.size(); ++v) {
    EXPECT_EQ(EntityFromColumns(a, v), EntityFromColumns(b, v)) << v;
    EXPECT_EQ(EntityFromColumns(b, v).has_value(), v % 7 != 0) << v;
  }
  for (EdgeIndex e = 0; e < a.edges.size(); ++e) {
    EXPECT_EQ(RelationFromColumns(a, e), RelationFromColumns(b, e)) << e;
    EXPECT_EQ(b.records.amounts[e], a.records.amounts[e]);
    EXPECT_EQ(b.records.currency(e), a.records.currency(e));
  }
  EXPECT_EQ(b.records.currency(3), "EUR");
  EXPECT_EQ(b.records.amounts[3], 3001.5);
}

TEST_F(GraphSnapshotTest, RecordColumnOutOfItsDictionaryIsRefused) {
  GraphShape shape;
  Topology topology = WithRecords(GenerateTopology(8, shape));
  topology.records.currencies.mutable_data()[0] = 99;  // relation 0 has an amount
  const Status saved = WriteRecordsSnapshot(topology, kState, RecordsPath());
  EXPECT_EQ(saved.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(saved.message(), ::testing::HasSubstr("currency is out of range"));
}

TEST_F(GraphSnapshotTest, EveryFlippedByteOfTheRecordsIsDetected) {
  GraphShape shape;
  shape.num_vertices = 20;
  shape.num_relations = 40;
  const Topology topology = WithRecords(GenerateTopology(9, shape));
  ASSERT_TRUE(WriteRecordsSnapshot(topology, kState, RecordsPath()).ok());
  const std::string good = ReadBytes(RecordsPath());
  ASSERT_TRUE(OpenRecordsSnapshot(RecordsPath(), kState, topology).has_value());
  for (size_t offset = 0; offset < good.size(); offset += offset < 400 ? 1 : 3) {
    std::string bad = good;
    bad[offset] = static_cast<char>(bad[offset] ^ 0x20);
    WriteBytes(RecordsPath(), bad);
    EXPECT_FALSE(OpenRecordsSnapshot(RecordsPath(), kState, topology).has_value())
        << "byte " << offset << " of " << good.size();
  }
}

TEST_F(GraphSnapshotTest, RecordsOfAnotherStateOrSizeAreNotUsed) {
  GraphShape shape;
  const Topology topology = WithRecords(GenerateTopology(10, shape));
  ASSERT_TRUE(WriteRecordsSnapshot(topology, kState, RecordsPath()).ok());
  EXPECT_EQ(OpenRecordsSnapshot(RecordsPath(), "another", topology).error().code(),
            StatusCode::kNotFound);
  GraphShape bigger = shape;
  bigger.num_relations += 1;
  EXPECT_EQ(OpenRecordsSnapshot(RecordsPath(), kState, GenerateTopology(10, bigger)).error().code(),
            StatusCode::kCorruption);
}

TEST_F(GraphSnapshotTest, TopologyCopiedOutOfAMappedGraphOutlivesIt) {
  SaveGenerated(3, GraphShape{});
  Topology copy;
  {
    Result<Graph> mapped = OpenGraphSnapshot(SnapshotPath(), kState);
    ASSERT_TRUE(mapped.has_value()) << mapped.error().ToString();
    copy = mapped->topology();
  }
  std::filesystem::remove(SnapshotPath());
  ASSERT_EQ(copy.vertex_ids.size(), 200U);
  EXPECT_EQ(copy.vertex_ids[199], "v00199");
  copy.edges.push_back(TopologyEdge{0, 1, 0, 0, 99991231});  // copy on write
  EXPECT_EQ(copy.edges.size(), 801U);
}

TEST_F(GraphSnapshotTest, WritingTheSameGraphTwiceGivesIdenticalBytes) {
  const Graph graph = SaveGenerated(5, GraphShape{});
  const std::string first = ReadBytes(SnapshotPath());
  ASSERT_TRUE(WriteGraphSnapshot(graph, kState, SnapshotPath()).ok());
  EXPECT_EQ(ReadBytes(SnapshotPath()), first);
  // And no temporary files are left beside it.
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    static_cast<void>(entry);
    ++files;
  }
  EXPECT_EQ(files, 1U);
}

TEST_F(GraphSnapshotTest, EmptyGraphRoundTrips) {
  Topology empty;
  empty.type_names = {"mou"};
  empty.type_is_symmetric = {true};
  ASSERT_TRUE(WriteGraphSnapshot(Graph(empty), kState, SnapshotPath()).ok());
  Result<Graph> mapped = OpenGraphSnapshot(SnapshotPath(), kState);
  ASSERT_TRUE(mapped.has_value()) << mapped.error().ToString();
  EXPECT_EQ(mapped->topology().vertex_ids.size(), 0U);
  EXPECT_EQ(mapped->topology().type_names, std::vector<std::string>{"mou"});
}

TEST_F(GraphSnapshotTest, MissingSnapshotIsNotFound) {
  Result<Graph> mapped = OpenGraphSnapshot(SnapshotPath(), kState);
  ASSERT_FALSE(mapped.has_value());
  EXPECT_EQ(mapped.error().code(), StatusCode::kNotFound);
}

TEST_F(GraphSnapshotTest, SnapshotOfAnotherStoreStateIsNotUsed) {
  SaveGenerated(1, GraphShape{});
  for (const char* other : {"identity-1/8/1235", "identity-2/7/1234", "", "identity-1/7/123"}) {
    Result<Graph> mapped = OpenGraphSnapshot(SnapshotPath(), other);
    ASSERT_FALSE(mapped.has_value()) << other;
    EXPECT_EQ(mapped.error().code(), StatusCode::kNotFound) << other;
  }
}

TEST_F(GraphSnapshotTest, EveryFlippedByteIsDetected) {
  GraphShape shape;
  shape.num_vertices = 20;
  shape.num_relations = 40;
  SaveGenerated(9, shape);
  const std::string good = ReadBytes(SnapshotPath());
  ASSERT_GT(good.size(), 400U);
  // Every byte of the header and section table, then every third byte of
  // the state, each table and the padding (each rewrite of the file costs a
  // few milliseconds of disk).
  for (size_t offset = 0; offset < good.size(); offset += offset < 400 ? 1 : 3) {
    std::string bad = good;
    bad[offset] = static_cast<char>(bad[offset] ^ 0x20);
    WriteBytes(SnapshotPath(), bad);
    Result<Graph> mapped = OpenGraphSnapshot(SnapshotPath(), kState);
    EXPECT_FALSE(mapped.has_value()) << "byte " << offset << " of " << good.size();
  }
}

TEST_F(GraphSnapshotTest, FlippedByteInALargeSnapshotIsCorruption) {
  SaveGenerated(11, GraphShape{2000, 20000, true});
  const std::string good = ReadBytes(SnapshotPath());
  for (size_t offset : {good.size() / 3, good.size() / 2, good.size() - 9}) {
    std::string bad = good;
    bad[offset] = static_cast<char>(bad[offset] ^ 0x01);
    WriteBytes(SnapshotPath(), bad);
    Result<Graph> mapped = OpenGraphSnapshot(SnapshotPath(), kState);
    ASSERT_FALSE(mapped.has_value()) << "byte " << offset;
    EXPECT_EQ(mapped.error().code(), StatusCode::kCorruption) << "byte " << offset;
    EXPECT_THAT(mapped.error().message(), ::testing::HasSubstr("checksum")) << "byte " << offset;
  }
}

TEST_F(GraphSnapshotTest, TruncatedOrEmptySnapshotIsCorruption) {
  SaveGenerated(2, GraphShape{});
  const std::string good = ReadBytes(SnapshotPath());
  for (size_t size : {size_t{0}, size_t{7}, size_t{40}, good.size() / 2, good.size() - 1}) {
    WriteBytes(SnapshotPath(), good.substr(0, size));
    Result<Graph> mapped = OpenGraphSnapshot(SnapshotPath(), kState);
    ASSERT_FALSE(mapped.has_value()) << size;
    EXPECT_EQ(mapped.error().code(), StatusCode::kCorruption) << size;
  }
  WriteBytes(SnapshotPath(), good + "extra");
  EXPECT_FALSE(OpenGraphSnapshot(SnapshotPath(), kState).has_value());
}

TEST_F(GraphSnapshotTest, UnwritableFolderIsAnIOError) {
  const Graph graph(GenerateTopology(1, GraphShape{}));
  Status s = WriteGraphSnapshot(graph, kState, (dir_.path() / "no" / "such" / "x").string());
  EXPECT_EQ(s.code(), StatusCode::kIOError);
}

TEST_F(GraphSnapshotTest, GraphWithRelationsNamingNoVertexIsNotSaved) {
  Topology topology = GenerateTopology(1, GraphShape{10, 10, true});
  topology.edges.push_back(TopologyEdge{0, 99, 0, 0, 99991231});
  topology.edge_relation_ids.push_back("broken");
  Status s = WriteGraphSnapshot(Graph(topology), kState, SnapshotPath());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(SnapshotPath()));
}

}  // namespace
}  // namespace partnergraph
