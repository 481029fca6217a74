// Bulk import: a large import into an empty store goes through SST files
// ingested in one step, and must leave exactly the store a WriteBatch would
// (byte-identical exports), stay atomic and validated, and make the graph
// snapshot stale.
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "partnergraph/exporter.h"
#include "partnergraph/graph_loader.h"
#include "partnergraph/importer.h"
#include "partnergraph/schema.h"
#include "partnergraph/store.h"

#include "generated_graphs.h"
#include "scale_test_support.h"

namespace partnergraph {
namespace {

using ::partnergraph::testing::Answers;
using ::partnergraph::testing::GenerateDataset;
using ::partnergraph::testing::TempDir;
using ::testing::HasSubstr;

class BulkImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Schema> schema = Schema::LoadFile(std::string(PARTNERGRAPH_DATA_DIR) + "/schema.json");
    ASSERT_TRUE(schema.has_value()) << schema.error().ToString();
    schema_ = *schema;
  }

  std::unique_ptr<Store> NewStore(const std::string& name) {
    Result<std::unique_ptr<Store>> created = Store::Create((dir_.path() / name).string(), schema_);
    EXPECT_TRUE(created.has_value()) << created.error().ToString();
    return created.has_value() ? std::move(*created) : nullptr;
  }

  static std::string Export(const Store& store, ExportFormat format) {
    std::ostringstream out;
    Status s = ExportTo(store, format, out);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out.str();
  }

  // A generated dataset with one source document, cited by some relations.
  static Dataset Generated(uint64_t seed, uint32_t entities, uint32_t relations) {
    Dataset dataset = GenerateDataset(seed, entities, relations);
    SourceDocument doc;
    doc.doc = "report.pdf";
    doc.title = "Annual report";
    doc.language = "en";
    dataset.sources.push_back({doc, SourceLocation{}});
    for (size_t i = 0; i < dataset.relations.size(); i += 3) {
      dataset.relations[i].record.source = Citation{"report.pdf", "as stated"};
    }
    return dataset;
  }

  TempDir dir_;
  Schema schema_;
};

ApplyOptions Bulk() {
  ApplyOptions options;
  options.bulk_load_min_records = 1;
  return options;
}

ApplyOptions Batched() {
  ApplyOptions options;
  options.bulk_load_min_records = 0;
  return options;
}

TEST_F(BulkImportTest, BulkAndBatchedWritesGiveByteIdenticalExports) {
  const Dataset dataset = Generated(3, 1500, 9000);
  std::unique_ptr<Store> bulk = NewStore("bulk");
  std::unique_ptr<Store> batched = NewStore("batched");
  Result<ApplyReport> bulk_report = bulk->Apply(dataset, Bulk());
  Result<ApplyReport> batched_report = batched->Apply(dataset, Batched());
  ASSERT_TRUE(bulk_report.has_value()) << bulk_report.error().ToString();
  ASSERT_TRUE(batched_report.has_value()) << batched_report.error().ToString();
  EXPECT_EQ(bulk_report->relations.added, 9000U);
  EXPECT_EQ(bulk_report->entities.added, batched_report->entities.added);
  EXPECT_EQ(bulk_report->sources.added, batched_report->sources.added);

  EXPECT_EQ(Export(*bulk, ExportFormat::kJsonLines), Export(*batched, ExportFormat::kJsonLines));
  EXPECT_EQ(Export(*bulk, ExportFormat::kJson), Export(*batched, ExportFormat::kJson));
  // The indexes too: counts, types, names, adjacency.
  Result<StoreStats> a = bulk->Stats();
  Result<StoreStats> b = batched->Stats();
  ASSERT_TRUE(a.has_value() && b.has_value());
  EXPECT_EQ(a->entities, b->entities);
  EXPECT_EQ(a->relations, b->relations);
  EXPECT_EQ(a->by_kind, b->by_kind);
  EXPECT_EQ(a->by_type, b->by_type);
  EXPECT_EQ(a->unsourced, b->unsourced);
  EXPECT_EQ(bulk->NamesStartingWith("organisation 12").value().size(),
            batched->NamesStartingWith("organisation 12").value().size());
  EXPECT_EQ(bulk->RelationsOf("org-000000").value().size(),
            batched->RelationsOf("org-000000").value().size());
  Result<LoadedGraph> bulk_graph = LoadGraph(*bulk, GraphLoadOptions{false, false});
  Result<LoadedGraph> batched_graph = LoadGraph(*batched, GraphLoadOptions{false, false});
  ASSERT_TRUE(bulk_graph.has_value() && batched_graph.has_value());
  EXPECT_EQ(Answers(bulk_graph->graph, 4, 50, true), Answers(batched_graph->graph, 4, 50, true));
  // Nothing of the load is left in the folder.
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "bulk" / "bulk-import.tmp"));
}

TEST_F(BulkImportTest, BulkLoadedStoreReopensAndTakesLaterWrites) {
  const Dataset dataset = Generated(5, 400, 2000);
  const std::string path = (dir_.path() / "db").string();
  {
    std::unique_ptr<Store> store = NewStore("db");
    ASSERT_TRUE(store->Apply(dataset, Bulk()).has_value());
  }
  Result<std::unique_ptr<Store>> reopened = Store::Open(path, OpenMode::kReadWrite);
  ASSERT_TRUE(reopened.has_value()) << reopened.error().ToString();
  Store& store = **reopened;
  EXPECT_EQ(store.Stats().value().relations, 2000U);
  // Importing the same records again changes nothing (a non-empty store
  // always takes the batch path, with its lookups).
  Result<ApplyReport> again = store.Apply(dataset, Bulk());
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->relations.unchanged, 2000U);
  EXPECT_EQ(again->relations.added, 0U);
  Dataset one_more;
  Relation relation = dataset.relations[0].record;
  relation.id = "rel-new";
  one_more.relations.push_back({relation, SourceLocation{}});
  ASSERT_TRUE(store.Apply(one_more, Bulk()).has_value());
  EXPECT_EQ(store.Stats().value().relations, 2001U);
  EXPECT_TRUE(store.GetRelation("rel-new").has_value());
}

TEST_F(BulkImportTest, ImportedFilesGiveTheSameStoreEitherWay) {
  // The whole path: files read, validated, then written each way.
  std::unique_ptr<Store> origin = NewStore("origin");
  ASSERT_TRUE(origin->Apply(Generated(9, 800, 4000), Batched()).has_value());
  const std::string jsonl = Export(*origin, ExportFormat::kJsonLines);
  const std::string file = (dir_.path() / "graph.jsonl").string();
  std::ofstream(file) << jsonl;
  const std::string csv_dir = (dir_.path() / "csv").string();
  ASSERT_TRUE(ExportCsv(*origin, csv_dir).ok());

  for (size_t min_records : {size_t{1}, size_t{0}}) {
    ImportOptions options;
    options.bulk_load_min_records = min_records;
    std::unique_ptr<Store> from_jsonl = NewStore("jsonl" + std::to_string(min_records));
    Result<ApplyReport> report = ImportFiles(*from_jsonl, {file}, options);
    ASSERT_TRUE(report.has_value()) << report.error().ToString();
    EXPECT_EQ(Export(*from_jsonl, ExportFormat::kJsonLines), jsonl) << min_records;

    std::unique_ptr<Store> from_csv = NewStore("csv" + std::to_string(min_records));
    report = ImportFiles(*from_csv,
                         {csv_dir + "/sources.csv", csv_dir + "/nodes.csv", csv_dir + "/edges.csv"},
                         options);
    ASSERT_TRUE(report.has_value()) << report.error().ToString();
    EXPECT_EQ(Export(*from_csv, ExportFormat::kJsonLines), jsonl) << min_records;
  }
}

TEST_F(BulkImportTest, BulkImportIsValidatedAndWritesNothingOnAnError) {
  Dataset dataset = Generated(2, 300, 1500);
  dataset.relations[700].record.to = "org-nowhere";
  std::unique_ptr<Store> store = NewStore("db");
  const std::string before = Export(*store, ExportFormat::kJsonLines);
  ValidationErrors errors;
  ImportOptions options;
  Validate(dataset, schema_, *store, options, errors);
  ASSERT_EQ(errors.total, 1U);
  EXPECT_THAT(errors.problems[0].message, HasSubstr("unknown entity \"org-nowhere\""));
  // Through ImportFiles, from a file.
  const std::string file = (dir_.path() / "bad.jsonl").string();
  {
    std::unique_ptr<Store> scratch = NewStore("scratch");
    dataset.relations[700].record.to = "org-000001";
    ASSERT_TRUE(scratch->Apply(dataset, Batched()).has_value());
    std::string text = Export(*scratch, ExportFormat::kJsonLines);
    const size_t at = text.find("\"org-000001\"", text.size() / 2);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 12, "\"org-nowhere\"");
    std::ofstream(file) << text;
  }
  options.bulk_load_min_records = 1;
  Result<ApplyReport> report = ImportFiles(*store, {file}, options);
  ASSERT_FALSE(report.has_value());
  EXPECT_THAT(report.error().message(), HasSubstr("nothing was imported"));
  EXPECT_EQ(Export(*store, ExportFormat::kJsonLines), before);
  EXPECT_TRUE(store->IsEmpty());
}

TEST_F(BulkImportTest, ValidationStillChecksAgainstAStoreThatHoldsRecords) {
  std::unique_ptr<Store> store = NewStore("db");
  Dataset first = Generated(4, 50, 100);
  ASSERT_TRUE(store->Apply(first, Bulk()).has_value());
  EXPECT_FALSE(store->IsEmpty());
  Dataset changed;
  Relation relation = first.relations[0].record;
  relation.title = "Something else";
  changed.relations.push_back({relation, SourceLocation{"changed.jsonl", 1, 1, 0}});
  ValidationErrors errors;
  Validate(changed, schema_, *store, ImportOptions{}, errors);
  ASSERT_EQ(errors.total, 1U);
  EXPECT_THAT(errors.problems[0].message, HasSubstr("already stored with different content"));
}

TEST_F(BulkImportTest, BulkImportMakesTheSnapshotStaleAndTheNextLoadRefreshesIt) {
  std::unique_ptr<Store> store = NewStore("db");
  Result<LoadedGraph> empty = LoadGraph(*store);
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->graph.topology().vertex_ids.size(), 0U);
  ASSERT_TRUE(std::filesystem::exists(GraphSnapshotPath(*store)));
  ASSERT_TRUE(store->Apply(Generated(6, 500, 3000), Bulk()).has_value());
  Result<LoadedGraph> after = LoadGraph(*store);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->origin, GraphOrigin::kStore);
  EXPECT_EQ(after->graph.topology().edges.size(), 3000U);
  Result<LoadedGraph> again = LoadGraph(*store);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->origin, GraphOrigin::kSnapshot) << again->snapshot_problem;
  EXPECT_EQ(Answers(again->graph, 8, 50, true), Answers(after->graph, 8, 50, true));
}

TEST_F(BulkImportTest, ImportReportsProgressThroughEachPhase) {
  std::unique_ptr<Store> origin = NewStore("origin");
  ASSERT_TRUE(origin->Apply(Generated(1, 300, 70000), Batched()).has_value());
  const std::string file = (dir_.path() / "graph.jsonl").string();
  std::ofstream(file) << Export(*origin, ExportFormat::kJsonLines);
  std::vector<std::string> phases;
  uint64_t last_validated = 0;
  uint64_t validating_reports = 0;
  ImportOptions options;
  options.progress = [&](std::string_view phase, uint64_t done, uint64_t total,
                         std::string_view unit) {
    if (phases.empty() || phases.back() != phase) phases.emplace_back(phase);
    EXPECT_LE(done, total) << phase;
    if (phase == "validating") {
      EXPECT_EQ(unit, "records");
      EXPECT_GE(done, last_validated);
      last_validated = done;
      ++validating_reports;
    }
  };
  std::unique_ptr<Store> store = NewStore("db");
  ASSERT_TRUE(ImportFiles(*store, {file}, options).has_value());
  EXPECT_THAT(phases, ::testing::ElementsAre("reading", "validating", "writing"));
  EXPECT_EQ(last_validated, 70301U);  // 300 entities, 70000 relations, 1 source
  EXPECT_GE(validating_reports, 3U);  // start, one in between, end
}

}  // namespace
}  // namespace partnergraph
