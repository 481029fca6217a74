// The Store on a real RocksDB in a per-test temporary folder: creating and
// opening, atomic Apply with its indexes kept in step when records change,
// lookups, topology, statistics, locking and the format version.
#include "partnergraph/store.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include "partnergraph/text.h"

namespace partnergraph {

// Printed by gtest when a lookup does not match.
void PrintTo(const AdjacentRelation& r, std::ostream* os) {
  *os << "{" << r.relation_id << " " << r.type << " "
      << (r.direction == Direction::kOut ? "->" : "<-") << " " << r.other << "}";
}
void PrintTo(const NameMatch& m, std::ostream* os) {
  *os << "{" << m.entity_id << " \"" << m.normalised << "\" field " << static_cast<int>(m.field)
      << "}";
}

namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;

// Three kinds of organisation and a project; a symmetric type, a directed
// one and one that links anything. The store itself does not check kinds.
constexpr const char* kSchemaText = R"({
  "kinds": {"country": "", "ministry": "", "igo": "", "project": ""},
  "groups": {"organisation": ["country", "ministry", "igo"]},
  "types": {
    "mou": {"symmetric": true, "from": ["organisation"], "to": ["organisation"]},
    "funds": {"from": ["organisation"], "to": ["project", "organisation"]},
    "part_of": {"from": ["*"], "to": ["*"]}
  }
})";

Schema TestSchema() {
  Result<Schema> schema = Schema::Parse(kSchemaText, "store_test schema");
  EXPECT_TRUE(schema.has_value()) << schema.error().message();
  return schema.has_value() ? *schema : Schema();
}

PartialDate Date(const char* text) { return *PartialDate::Parse(text); }

Entity MakeEntity(const std::string& id, const std::string& kind, const std::string& en,
                  const std::string& zh, std::vector<std::string> aliases) {
  Entity entity;
  entity.id = id;
  entity.kind = kind;
  entity.name = {en, zh};
  entity.aliases = std::move(aliases);
  return entity;
}

Relation MakeRelation(const std::string& id, const std::string& type, const std::string& from,
                      const std::string& to) {
  Relation relation;
  relation.id = id;
  relation.type = type;
  relation.from = from;
  relation.to = to;
  return relation;
}

const Citation kCitation{"doc-a.txt", "a short quote"};

Entity China() { return MakeEntity("china", "country", "China", "中国", {"PRC"}); }
Entity Mohrss() {
  return MakeEntity("cn-mohrss", "ministry", "Ministry of Human Resources and Social Security",
                    "人力资源和社会保障部", {"MOHRSS", "人社部"});
}
Entity Ilo() {
  return MakeEntity("ilo", "igo", "International Labour Organization", "国际劳工组织",
                    {"ILO", "劳工组织"});
}
Entity Project() { return MakeEntity("ssc-project", "project", "South-South Project", "", {}); }

// cn-mohrss -r-1 mou- ilo (since 2019), china -r-2 funds-> ssc-project
// (2018-03 to 2020, USD 745000), cn-mohrss -r-3 part_of-> china (unsourced).
Relation Mou() {
  Relation relation = MakeRelation("r-1", "mou", "cn-mohrss", "ilo");
  relation.since = Date("2019");
  relation.source = kCitation;
  return relation;
}
Relation Funding() {
  Relation relation = MakeRelation("r-2", "funds", "china", "ssc-project");
  relation.since = Date("2018-03");
  relation.until = Date("2020");
  relation.amount = Amount{745000, "USD"};
  relation.source = kCitation;
  return relation;
}
Relation PartOf() { return MakeRelation("r-3", "part_of", "cn-mohrss", "china"); }

Dataset Records(std::vector<SourceDocument> sources, std::vector<Entity> entities,
                std::vector<Relation> relations) {
  Dataset dataset;
  for (SourceDocument& source : sources) dataset.sources.push_back({std::move(source), {}});
  for (Entity& entity : entities) dataset.entities.push_back({std::move(entity), {}});
  for (Relation& relation : relations) dataset.relations.push_back({std::move(relation), {}});
  return dataset;
}

Dataset Standard() {
  return Records({{"doc-a.txt", "Document A", "en", ""}}, {China(), Mohrss(), Ilo(), Project()},
                 {Mou(), Funding(), PartOf()});
}

Dataset OnlyEntity(Entity entity) { return Records({}, {std::move(entity)}, {}); }
Dataset OnlyRelation(Relation relation) { return Records({}, {}, {std::move(relation)}); }

std::vector<std::string> Ids(const Result<std::vector<NameMatch>>& matches) {
  EXPECT_TRUE(matches.has_value()) << matches.error().message();
  std::vector<std::string> ids;
  if (matches.has_value()) {
    for (const NameMatch& match : *matches) ids.push_back(match.entity_id);
  }
  return ids;
}

std::vector<std::string> RelationIds(const Result<std::vector<AdjacentRelation>>& relations) {
  EXPECT_TRUE(relations.has_value()) << relations.error().message();
  std::vector<std::string> ids;
  if (relations.has_value()) {
    for (const AdjacentRelation& relation : *relations) ids.push_back(relation.relation_id);
  }
  return ids;
}

auto Adjacent(const std::string& relation_id, const std::string& type, const std::string& other,
              Direction direction) {
  return AllOf(Field(&AdjacentRelation::relation_id, relation_id),
               Field(&AdjacentRelation::type, type), Field(&AdjacentRelation::other, other),
               Field(&AdjacentRelation::direction, direction));
}

auto Matched(const std::string& entity_id, const std::string& normalised, NameField field) {
  return AllOf(Field(&NameMatch::entity_id, entity_id), Field(&NameMatch::normalised, normalised),
               Field(&NameMatch::field, field));
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string test_name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = fs::temp_directory_path() /
           ("pg_store_test_" + std::to_string(::getpid()) + "_" + test_name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "db").string();
  }

  void TearDown() override {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Creates the store at path() and keeps it open for writing in store().
  void CreateStore() {
    Result<std::unique_ptr<Store>> created = Store::Create(path_, TestSchema());
    ASSERT_TRUE(created.has_value()) << created.error().message();
    store_ = std::move(*created);
  }

  // A store holding Standard().
  void CreateStandardStore() {
    ASSERT_NO_FATAL_FAILURE(CreateStore());
    Result<ApplyReport> report = store_->Apply(Standard());
    ASSERT_TRUE(report.has_value()) << report.error().message();
  }

  ApplyReport Apply(const Dataset& dataset) {
    Result<ApplyReport> report = store_->Apply(dataset);
    EXPECT_TRUE(report.has_value()) << report.error().message();
    return report.has_value() ? *report : ApplyReport();
  }

  StoreStats Stats() {
    Result<StoreStats> stats = store_->Stats();
    EXPECT_TRUE(stats.has_value()) << stats.error().message();
    return stats.has_value() ? *stats : StoreStats();
  }

  // Writes `key` = `value` in the default column family with RocksDB itself,
  // as a newer or damaged pgraph might have. The store must be closed.
  void PutRawMeta(const std::string& key, const std::string& value) {
    WithRawDb([&](rocksdb::DB& db, const std::vector<std::string>&,
                  const std::vector<rocksdb::ColumnFamilyHandle*>&) {
      return db.Put(rocksdb::WriteOptions(), db.DefaultColumnFamily(), key, value);
    });
  }

  void Reopen() {
    Result<std::unique_ptr<Store>> opened = Store::Open(path_, OpenMode::kReadWrite);
    ASSERT_TRUE(opened.has_value()) << opened.error().message();
    store_ = std::move(*opened);
  }

  // Rewrites every value of column family `family` with `rewrite` (nullopt
  // leaves it), on the closed store: how a store of an older format looks.
  void RewriteRaw(const std::string& family,
                  const std::function<std::optional<std::string>(const std::string&,
                                                                 const std::string&)>& rewrite) {
    WithRawDb([&](rocksdb::DB& db, const std::vector<std::string>& names,
                  const std::vector<rocksdb::ColumnFamilyHandle*>& handles) {
      rocksdb::WriteBatch batch;
      for (size_t i = 0; i < names.size(); ++i) {
        if (names[i] != family) continue;
        std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(rocksdb::ReadOptions(), handles[i]));
        for (it->SeekToFirst(); it->Valid(); it->Next()) {
          std::optional<std::string> value = rewrite(it->key().ToString(), it->value().ToString());
          if (value) batch.Put(handles[i], it->key(), *value).PermitUncheckedError();
        }
      }
      return db.Write(rocksdb::WriteOptions(), &batch);
    });
  }

  // Opens the closed store with RocksDB itself, every column family, and
  // runs `write` on it.
  void WithRawDb(
      const std::function<rocksdb::Status(rocksdb::DB&, const std::vector<std::string>&,
                                          const std::vector<rocksdb::ColumnFamilyHandle*>&)>&
          write) {
    rocksdb::DBOptions options;
    std::vector<std::string> names;
    rocksdb::Status s = rocksdb::DB::ListColumnFamilies(options, path_, &names);
    ASSERT_TRUE(s.ok()) << s.ToString();
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const std::string& name : names)
      descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    s = rocksdb::DB::Open(options, path_, descriptors, &handles, &raw);
    ASSERT_TRUE(s.ok()) << s.ToString();
    std::unique_ptr<rocksdb::DB> db(raw);
    s = write(*db, names, handles);
    for (rocksdb::ColumnFamilyHandle* handle : handles) {
      db->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
    }
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  const std::string& path() const { return path_; }
  Store& store() { return *store_; }
  void Close() { store_.reset(); }

 private:
  fs::path dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

// Creating and opening.

TEST_F(StoreTest, CreateThenOpenGivesBackTheSchema) {
  ASSERT_NO_FATAL_FAILURE(CreateStore());
  Close();
  Result<std::unique_ptr<Store>> opened = Store::Open(path(), OpenMode::kReadWrite);
  ASSERT_TRUE(opened.has_value()) << opened.error().message();
  EXPECT_EQ((*opened)->path(), path());
  EXPECT_EQ((*opened)->schema().json_text(), kSchemaText);
  EXPECT_TRUE((*opened)->schema().IsSymmetric("mou"));
}

TEST_F(StoreTest, CreateWhereAStoreExistsFailsWithInvalidArgument) {
  ASSERT_NO_FATAL_FAILURE(CreateStore());
  Close();
  Result<std::unique_ptr<Store>> again = Store::Create(path(), TestSchema());
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(again.error().message(),
            "a database already exists at " + path() + " (use --force to replace it)");
}

TEST_F(StoreTest, CreateOverAFileFailsWithInvalidArgument) {
  std::ofstream(path()) << "not a folder";
  Result<std::unique_ptr<Store>> created = Store::Create(path(), TestSchema());
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(created.error().message(), path() + " exists and is not a directory");
}

TEST_F(StoreTest, OpenWhereThereIsNoStoreFailsWithNotFound) {
  Result<std::unique_ptr<Store>> opened = Store::Open(path(), OpenMode::kReadOnly);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(opened.error().message(),
            "no database at " + path() + " (create one with `pgraph init`)");
}

TEST_F(StoreTest, OpenOfAnEmptyFolderFailsWithNotFound) {
  fs::create_directories(path());
  Result<std::unique_ptr<Store>> opened = Store::Open(path(), OpenMode::kReadWrite);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code(), StatusCode::kNotFound);
}

TEST_F(StoreTest, RecordsSurviveClosingAndReopening) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Close();
  Result<std::unique_ptr<Store>> opened = Store::Open(path(), OpenMode::kReadOnly);
  ASSERT_TRUE(opened.has_value()) << opened.error().message();
  Result<Relation> relation = (*opened)->GetRelation("r-2");
  ASSERT_TRUE(relation.has_value()) << relation.error().message();
  EXPECT_EQ(*relation, Funding());
}

// Apply.

TEST_F(StoreTest, ApplyToAnEmptyStoreAddsEveryRecord) {
  ASSERT_NO_FATAL_FAILURE(CreateStore());
  const ApplyReport report = Apply(Standard());
  EXPECT_EQ(report.sources.added, 1U);
  EXPECT_EQ(report.entities.added, 4U);
  EXPECT_EQ(report.relations.added, 3U);
  EXPECT_EQ(report.entities.replaced + report.entities.unchanged, 0U);
  EXPECT_EQ(report.relations.replaced + report.relations.unchanged, 0U);
}

TEST_F(StoreTest, AppliedRecordsReadBackEqual) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  EXPECT_EQ(*store().GetEntity("cn-mohrss"), Mohrss());
  EXPECT_EQ(*store().GetRelation("r-1"), Mou());
  EXPECT_EQ(*store().GetRelation("r-3"), PartOf());
  EXPECT_EQ(*store().GetSource("doc-a.txt"), (SourceDocument{"doc-a.txt", "Document A", "en", ""}));
}

TEST_F(StoreTest, ApplyingEqualRecordsAgainLeavesThemUnchanged) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  const ApplyReport report = Apply(Standard());
  EXPECT_EQ(report.sources.unchanged, 1U);
  EXPECT_EQ(report.entities.unchanged, 4U);
  EXPECT_EQ(report.relations.unchanged, 3U);
  EXPECT_EQ(report.entities.added + report.entities.replaced, 0U);
  EXPECT_EQ(report.relations.added + report.relations.replaced, 0U);
  EXPECT_EQ(Stats().entities, 4U);
}

TEST_F(StoreTest, ApplyingAChangedRecordReplacesIt) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Entity renamed = Ilo();
  renamed.name.en = "International Labour Office";
  const ApplyReport report = Apply(Records({}, {renamed, China()}, {}));
  EXPECT_EQ(report.entities.replaced, 1U);
  EXPECT_EQ(report.entities.unchanged, 1U);
  EXPECT_EQ(*store().GetEntity("ilo"), renamed);
}

TEST_F(StoreTest, ReplacingRecordsKeepsTheCounts) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Entity renamed = Ilo();
  renamed.name.en = "International Labour Office";
  Relation later = Mou();
  later.since = Date("2020");
  Apply(Records({{"doc-a.txt", "Document A, revised", "en", ""}}, {renamed}, {later}));
  const StoreStats stats = Stats();
  EXPECT_EQ(stats.sources, 1U);
  EXPECT_EQ(stats.entities, 4U);
  EXPECT_EQ(stats.relations, 3U);
}

TEST_F(StoreTest, RelationWhoseTargetChangesLeavesTheOldTargetsAdjacency) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Relation moved = Mou();
  moved.to = "china";
  Apply(OnlyRelation(moved));
  EXPECT_THAT(RelationIds(store().RelationsOf("ilo")), IsEmpty());
  EXPECT_THAT(*store().RelationsOf("china"),
              Contains(Adjacent("r-1", "mou", "cn-mohrss", Direction::kIn)));
  EXPECT_THAT(*store().RelationsOf("cn-mohrss"),
              Contains(Adjacent("r-1", "mou", "china", Direction::kOut)));
  EXPECT_THAT(*store().RelationsOf("cn-mohrss"),
              Not(Contains(Adjacent("r-1", "mou", "ilo", Direction::kOut))));
}

TEST_F(StoreTest, RelationWhoseTargetChangesMovesItsTopologyEdge) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Relation moved = Mou();
  moved.to = "china";
  Apply(OnlyRelation(moved));
  Result<Topology> topology = store().LoadTopology();
  ASSERT_TRUE(topology.has_value()) << topology.error().message();
  ASSERT_EQ(topology->edges.size(), 3U);
  for (size_t e = 0; e < topology->edges.size(); ++e) {
    if (topology->edge_relation_ids[e] != "r-1") continue;
    EXPECT_EQ(topology->vertex_ids[topology->edges[e].to], "china");
  }
}

TEST_F(StoreTest, RelationWhoseTypeChangesLeavesTheOldTypeIndex) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Relation retyped = Mou();
  retyped.type = "funds";
  Apply(OnlyRelation(retyped));
  EXPECT_THAT(*store().RelationIdsOfType("mou"), IsEmpty());
  EXPECT_THAT(*store().RelationIdsOfType("funds"), ElementsAre("r-1", "r-2"));
  EXPECT_THAT(Stats().by_type, ElementsAre(Pair("funds", 2U), Pair("part_of", 1U)));
}

TEST_F(StoreTest, RelationGivenASourceLeavesTheUnsourcedIndex) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Relation sourced = PartOf();
  sourced.source = kCitation;
  Apply(OnlyRelation(sourced));
  EXPECT_EQ(Stats().unsourced, 0U);
}

TEST_F(StoreTest, RelationLosingItsSourceJoinsTheUnsourcedIndex) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Relation unsourced = Mou();
  unsourced.source.reset();
  Apply(OnlyRelation(unsourced));
  EXPECT_EQ(Stats().unsourced, 2U);
}

TEST_F(StoreTest, EntityWhoseAliasChangesIsNotFoundByTheOldAlias) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Entity realiased = Ilo();
  realiased.aliases = {"ILO", "UN ILO"};
  Apply(OnlyEntity(realiased));
  EXPECT_THAT(Ids(store().NamesEqual(NormaliseName("劳工组织"))), IsEmpty());
  EXPECT_THAT(Ids(store().NamesEqual(NormaliseName("UN ILO"))), ElementsAre("ilo"));
}

// A replace deletes the old name entries and writes the new ones in one
// batch; a name in both must survive.
TEST_F(StoreTest, EntityKeepsNamesSharedByItsOldAndNewForms) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Entity realiased = Ilo();
  realiased.aliases = {"ILO", "UN ILO"};
  Apply(OnlyEntity(realiased));
  EXPECT_THAT(Ids(store().NamesEqual("ilo")), ElementsAre("ilo"));
  EXPECT_THAT(Ids(store().NamesEqual("国际劳工组织")), ElementsAre("ilo"));
  EXPECT_THAT(Ids(store().NamesEqual("international labour organization")), ElementsAre("ilo"));
}

TEST_F(StoreTest, EntityWhoseKindChangesIsCountedUnderTheNewKind) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Entity rekinded = Ilo();
  rekinded.kind = "country";
  Apply(OnlyEntity(rekinded));
  EXPECT_EQ(store().EntityKind("ilo"), "country");
  EXPECT_THAT(Stats().by_kind,
              ElementsAre(Pair("country", 2U), Pair("ministry", 1U), Pair("project", 1U)));
}

TEST_F(StoreTest, ApplyOnAReadOnlyStoreFailsWithInvalidArgument) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Close();
  Result<std::unique_ptr<Store>> reader = Store::Open(path(), OpenMode::kReadOnly);
  ASSERT_TRUE(reader.has_value()) << reader.error().message();
  Result<ApplyReport> report = (*reader)->Apply(OnlyEntity(Project()));
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(report.error().message(), "database opened read-only");
}

TEST_F(StoreTest, DryRunReportsWhatWouldChangeAndWritesNothing) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Entity renamed = Ilo();
  renamed.name.en = "International Labour Office";
  Result<ApplyReport> report =
      store().Apply(Records({}, {renamed, China()}, {MakeRelation("r-4", "mou", "china", "ilo")}),
                    /*dry_run=*/true);
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(report->entities.replaced, 1U);
  EXPECT_EQ(report->entities.unchanged, 1U);
  EXPECT_EQ(report->relations.added, 1U);
  EXPECT_EQ(*store().GetEntity("ilo"), Ilo());
  EXPECT_EQ(store().GetRelation("r-4").error().code(), StatusCode::kNotFound);
  EXPECT_EQ(Stats().relations, 3U);
}

TEST_F(StoreTest, DryRunIsAllowedOnAReadOnlyStore) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Close();
  Result<std::unique_ptr<Store>> reader = Store::Open(path(), OpenMode::kReadOnly);
  ASSERT_TRUE(reader.has_value()) << reader.error().message();
  Result<ApplyReport> report = (*reader)->Apply(OnlyEntity(Project()), /*dry_run=*/true);
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(report->entities.unchanged, 1U);
}

// Statistics.

TEST_F(StoreTest, StatsCountRecordsKindsTypesAndUnsourcedRelations) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  const StoreStats stats = Stats();
  EXPECT_EQ(stats.entities, 4U);
  EXPECT_EQ(stats.relations, 3U);
  EXPECT_EQ(stats.sources, 1U);
  EXPECT_THAT(stats.by_kind, ElementsAre(Pair("country", 1U), Pair("igo", 1U), Pair("ministry", 1U),
                                         Pair("project", 1U)));
  EXPECT_THAT(stats.by_type, ElementsAre(Pair("funds", 1U), Pair("mou", 1U), Pair("part_of", 1U)));
  EXPECT_EQ(stats.unsourced, 1U);
  EXPECT_EQ(stats.format_version, Store::kFormatVersion);
  EXPECT_GT(stats.size_bytes, 0U);
}

TEST_F(StoreTest, StatsOfAnEmptyStoreAreZero) {
  ASSERT_NO_FATAL_FAILURE(CreateStore());
  const StoreStats stats = Stats();
  EXPECT_EQ(stats.entities, 0U);
  EXPECT_EQ(stats.relations, 0U);
  EXPECT_EQ(stats.sources, 0U);
  EXPECT_THAT(stats.by_kind, IsEmpty());
  EXPECT_THAT(stats.by_type, IsEmpty());
  EXPECT_EQ(stats.unsourced, 0U);
}

// Topology.

TEST_F(StoreTest, TopologyListsVerticesSortedWithTheirKinds) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Result<Topology> topology = store().LoadTopology();
  ASSERT_TRUE(topology.has_value()) << topology.error().message();
  EXPECT_THAT(topology->vertex_ids, ElementsAre("china", "cn-mohrss", "ilo", "ssc-project"));
  std::vector<std::string> kinds;
  for (uint16_t kind : topology->vertex_kinds) kinds.push_back(topology->kind_names.at(kind));
  EXPECT_THAT(kinds, ElementsAre("country", "ministry", "igo", "project"));
}

TEST_F(StoreTest, TopologyTypesComeFromTheSchemaWithTheirSymmetry) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Result<Topology> topology = store().LoadTopology();
  ASSERT_TRUE(topology.has_value()) << topology.error().message();
  EXPECT_THAT(topology->type_names, ElementsAre("funds", "mou", "part_of"));
  EXPECT_THAT(topology->type_is_symmetric, ElementsAre(false, true, false));
}

TEST_F(StoreTest, TopologyEdgesCarryTheirPeriodsAsDayNumbers) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Result<Topology> topology = store().LoadTopology();
  ASSERT_TRUE(topology.has_value()) << topology.error().message();
  // In the out index's order: by from, then type, then to.
  ASSERT_THAT(topology->edge_relation_ids, ElementsAre("r-2", "r-1", "r-3"));
  const std::vector<TopologyEdge>& edges = topology->edges;
  auto describe = [&](const TopologyEdge& edge) {
    return topology->vertex_ids[edge.from] + " " + topology->type_names[edge.type] + " " +
           topology->vertex_ids[edge.to] + " " + std::to_string(edge.since_first_day) + ".." +
           std::to_string(edge.until_last_day);
  };
  EXPECT_EQ(describe(edges[0]), "china funds ssc-project 20180301..20201231");
  EXPECT_EQ(describe(edges[1]), "cn-mohrss mou ilo 20190101..99991231");
  EXPECT_EQ(describe(edges[2]), "cn-mohrss part_of china 0..99991231");
}

// Every record the columns can assemble equals the stored record; one with
// attributes is left to the store.
void ExpectColumnsEqualRecords(Store& store, const Topology& topology) {
  ASSERT_TRUE(topology.records.HasEntities(topology.vertex_ids.size()));
  ASSERT_TRUE(topology.records.HasRelations(topology.edges.size()));
  for (VertexIndex v = 0; v < topology.vertex_ids.size(); ++v) {
    Result<Entity> stored = store.GetEntity(topology.vertex_ids.view(v));
    ASSERT_TRUE(stored.has_value()) << stored.error().message();
    std::optional<Entity> assembled = EntityFromColumns(topology, v);
    if (stored->attributes.empty()) {
      ASSERT_TRUE(assembled.has_value()) << stored->id;
      EXPECT_EQ(*assembled, *stored);
    } else {
      EXPECT_FALSE(assembled.has_value()) << stored->id;
    }
  }
  for (EdgeIndex e = 0; e < topology.edges.size(); ++e) {
    Result<Relation> stored = store.GetRelation(topology.edge_relation_ids.view(e));
    ASSERT_TRUE(stored.has_value()) << stored.error().message();
    std::optional<Relation> assembled = RelationFromColumns(topology, e);
    if (stored->attributes.empty()) {
      ASSERT_TRUE(assembled.has_value()) << stored->id;
      EXPECT_EQ(*assembled, *stored);
    } else {
      EXPECT_FALSE(assembled.has_value()) << stored->id;
    }
  }
}

TEST_F(StoreTest, TopologyCarriesTheRecordsAsColumns) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Entity annotated = Project();
  annotated.attributes["status"] = "closed";
  Relation titled = PartOf();
  titled.title = "Ministry of China";
  titled.role = "a ministry";
  titled.attributes["note"] = "x";
  Apply(Records({}, {annotated}, {titled}));
  Result<Topology> topology = store().LoadTopology();
  ASSERT_TRUE(topology.has_value()) << topology.error().message();
  ExpectColumnsEqualRecords(store(), *topology);
  EXPECT_FALSE(EntityFromColumns(*topology, 3).has_value());  // ssc-project has attributes
  EXPECT_EQ(topology->records.titles.view(2), "Ministry of China");
  EXPECT_EQ(topology->records.roles.view(2), "a ministry");
  // Hand-worked: r-2 is china funds ssc-project, 2018-03..2020, USD 745000.
  const RecordColumns& records = topology->records;
  ASSERT_EQ(topology->edge_relation_ids[0], "r-2");
  EXPECT_TRUE(records.has_amount(0));
  EXPECT_EQ(records.amounts[0], 745000);
  EXPECT_EQ(records.currency(0), "USD");
  EXPECT_EQ(records.source_doc(0), "doc-a.txt");
  EXPECT_FALSE(records.has_source(2));  // r-3 is unsourced
  EXPECT_EQ(SinceOf(*topology, 0).ToString(), "2018-03");
  EXPECT_EQ(UntilOf(*topology, 0).ToString(), "2020");
}

TEST_F(StoreTest, StoreOfFormatOneLoadsItsColumnsFromTheRecords) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Close();
  // Format 1: a vertex entry held its kind, an out entry its period alone.
  ASSERT_NO_FATAL_FAILURE(RewriteRaw("vertices", [](const std::string&, const std::string& value) {
    return std::optional<std::string>(value.substr(0, value.find('\0')));
  }));
  ASSERT_NO_FATAL_FAILURE(RewriteRaw("out", [](const std::string&, const std::string& value) {
    return std::optional<std::string>(value.substr(0, 8));
  }));
  ASSERT_NO_FATAL_FAILURE(PutRawMeta("format_version", "1"));
  ASSERT_NO_FATAL_FAILURE(Reopen());
  Result<Topology> topology = store().LoadTopology();
  ASSERT_TRUE(topology.has_value()) << topology.error().message();
  ExpectColumnsEqualRecords(store(), *topology);
  EXPECT_EQ(store().EntityKind("ilo"), "igo");
}

TEST_F(StoreTest, MalformedColumnsInAnIndexEntryAreCorruption) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Close();
  ASSERT_NO_FATAL_FAILURE(RewriteRaw("out", [](const std::string&, const std::string& value) {
    return std::optional<std::string>(value.substr(0, value.size() - 1));
  }));
  ASSERT_NO_FATAL_FAILURE(Reopen());
  Result<Topology> topology = store().LoadTopology();
  ASSERT_FALSE(topology.has_value());
  EXPECT_EQ(topology.error().code(), StatusCode::kCorruption);
  EXPECT_THAT(topology.error().message(), HasSubstr("malformed index entry for relation"));
}

TEST_F(StoreTest, TopologyOfAnEmptyStoreHasTypesButNoVertices) {
  ASSERT_NO_FATAL_FAILURE(CreateStore());
  Result<Topology> topology = store().LoadTopology();
  ASSERT_TRUE(topology.has_value()) << topology.error().message();
  EXPECT_THAT(topology->vertex_ids, IsEmpty());
  EXPECT_THAT(topology->edges, IsEmpty());
  EXPECT_EQ(topology->type_names.size(), 3U);
}

// Adjacency.

TEST_F(StoreTest, RelationsOfListsOutgoingThenIncomingRelations) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  EXPECT_THAT(*store().RelationsOf("cn-mohrss"),
              ElementsAre(Adjacent("r-1", "mou", "ilo", Direction::kOut),
                          Adjacent("r-3", "part_of", "china", Direction::kOut)));
  EXPECT_THAT(*store().RelationsOf("china"),
              ElementsAre(Adjacent("r-2", "funds", "ssc-project", Direction::kOut),
                          Adjacent("r-3", "part_of", "cn-mohrss", Direction::kIn)));
  EXPECT_THAT(*store().RelationsOf("ilo"),
              ElementsAre(Adjacent("r-1", "mou", "cn-mohrss", Direction::kIn)));
}

TEST_F(StoreTest, RelationsOfOneDirectionAreOrderedByTypeThenOtherEndThenId) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Apply(OnlyRelation(MakeRelation("r-9", "funds", "cn-mohrss", "ssc-project")));
  Apply(OnlyRelation(MakeRelation("r-0", "mou", "cn-mohrss", "ilo")));
  Apply(OnlyRelation(MakeRelation("r-5", "mou", "cn-mohrss", "china")));
  EXPECT_THAT(RelationIds(store().RelationsOf("cn-mohrss")),
              ElementsAre("r-9", "r-5", "r-0", "r-1", "r-3"));
}

TEST_F(StoreTest, RelationsOfDoesNotReachEntitiesWhoseIdExtendsIt) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Apply(Records({}, {MakeEntity("ilo-beijing", "igo", "ILO Office for China", "", {})},
                {MakeRelation("r-4", "part_of", "ilo-beijing", "china")}));
  EXPECT_THAT(RelationIds(store().RelationsOf("ilo")), ElementsAre("r-1"));
}

TEST_F(StoreTest, RelationsOfAnUnknownEntityIsEmpty) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  EXPECT_THAT(RelationIds(store().RelationsOf("nobody")), IsEmpty());
}

TEST_F(StoreTest, RelationIdsOfTypeAreAscending) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Apply(OnlyRelation(MakeRelation("r-0", "mou", "china", "ilo")));
  EXPECT_THAT(*store().RelationIdsOfType("mou"), ElementsAre("r-0", "r-1"));
  EXPECT_THAT(*store().RelationIdsOfType("mo"), IsEmpty());
}

// Names.

TEST_F(StoreTest, NamesEqualFindsIdsNamesAndAliasesWithTheirField) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  EXPECT_THAT(*store().NamesEqual("cn-mohrss"),
              ElementsAre(Matched("cn-mohrss", "cn-mohrss", NameField::kId)));
  EXPECT_THAT(*store().NamesEqual("china"), ElementsAre(Matched("china", "china", NameField::kId)));
  EXPECT_THAT(*store().NamesEqual("国际劳工组织"),
              ElementsAre(Matched("ilo", "国际劳工组织", NameField::kChineseName)));
  EXPECT_THAT(*store().NamesEqual("mohrss"),
              ElementsAre(Matched("cn-mohrss", "mohrss", NameField::kAlias)));
  EXPECT_THAT(*store().NamesEqual("south-south project"),
              ElementsAre(Matched("ssc-project", "south-south project", NameField::kEnglishName)));
}

// "ILO" the alias normalises to "ilo" the id: one entry, under the id.
TEST_F(StoreTest, NameGivenTwiceIsIndexedOnceUnderTheMoreSpecificField) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  EXPECT_THAT(*store().NamesEqual("ilo"), ElementsAre(Matched("ilo", "ilo", NameField::kId)));
}

TEST_F(StoreTest, NamesEqualDoesNotMatchPrefixes) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  EXPECT_THAT(Ids(store().NamesEqual("mohrs")), IsEmpty());
  EXPECT_THAT(Ids(store().NamesEqual("chin")), IsEmpty());
}

TEST_F(StoreTest, NamesStartingWithFindsEveryNameWithThatBeginning) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  EXPECT_THAT(
      *store().NamesStartingWith("international"),
      ElementsAre(Matched("ilo", "international labour organization", NameField::kEnglishName)));
  EXPECT_THAT(*store().NamesStartingWith("ch"),
              ElementsAre(Matched("china", "china", NameField::kId)));
  EXPECT_THAT(Ids(store().NamesStartingWith("c")), ElementsAre("china", "cn-mohrss"));
}

TEST_F(StoreTest, NamesContainingFindsTextAnywhereInANameInNameOrder) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  // 劳 (U+52B3) sorts before 国 (U+56FD).
  EXPECT_THAT(*store().NamesContaining("劳工"),
              ElementsAre(Matched("ilo", "劳工组织", NameField::kAlias),
                          Matched("ilo", "国际劳工组织", NameField::kChineseName)));
  EXPECT_THAT(Ids(store().NamesContaining("labour")), ElementsAre("ilo"));
  EXPECT_THAT(Ids(store().NamesContaining("security")), ElementsAre("cn-mohrss"));
  EXPECT_THAT(Ids(store().NamesContaining("zzz")), IsEmpty());
}

TEST_F(StoreTest, EntityWithoutEnglishNameIsIndexedByItsChineseName) {
  ASSERT_NO_FATAL_FAILURE(CreateStore());
  Apply(OnlyEntity(MakeEntity("cn-acftu", "ministry", "", "中华全国总工会", {})));
  EXPECT_THAT(*store().NamesEqual("中华全国总工会"),
              ElementsAre(Matched("cn-acftu", "中华全国总工会", NameField::kChineseName)));
}

// Reading records.

TEST_F(StoreTest, MissingRecordsAreNotFound) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  EXPECT_EQ(store().GetEntity("nobody").error().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().GetEntity("nobody").error().message(), "no entity \"nobody\"");
  EXPECT_EQ(store().GetRelation("r-99").error().message(), "no relation \"r-99\"");
  EXPECT_EQ(store().GetSource("x.txt").error().message(), "no source document \"x.txt\"");
}

TEST_F(StoreTest, EntityKindAnswersWithoutDecodingAndHasEntityFollowsIt) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  EXPECT_EQ(store().EntityKind("cn-mohrss"), "ministry");
  EXPECT_EQ(store().EntityKind("nobody"), std::nullopt);
  EXPECT_TRUE(store().HasEntity("ilo"));
  EXPECT_FALSE(store().HasEntity("il"));
}

TEST_F(StoreTest, ForEachVisitsRecordsInIdOrder) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  std::vector<std::string> entity_ids;
  ASSERT_TRUE(store()
                  .ForEachEntity([&](const Entity& e) {
                    entity_ids.push_back(e.id);
                    return true;
                  })
                  .ok());
  EXPECT_THAT(entity_ids, ElementsAre("china", "cn-mohrss", "ilo", "ssc-project"));
  std::vector<std::string> relation_ids;
  ASSERT_TRUE(store()
                  .ForEachRelation([&](const Relation& r) {
                    relation_ids.push_back(r.id);
                    return true;
                  })
                  .ok());
  EXPECT_THAT(relation_ids, ElementsAre("r-1", "r-2", "r-3"));
  std::vector<std::string> ids;
  ASSERT_TRUE(store()
                  .ForEachEntityId([&](std::string_view id) {
                    ids.emplace_back(id);
                    return true;
                  })
                  .ok());
  EXPECT_EQ(ids, entity_ids);
}

TEST_F(StoreTest, ForEachStopsWhenTheVisitorReturnsFalse) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  std::vector<std::string> ids;
  ASSERT_TRUE(store()
                  .ForEachEntity([&](const Entity& e) {
                    ids.push_back(e.id);
                    return ids.size() < 2;
                  })
                  .ok());
  EXPECT_THAT(ids, ElementsAre("china", "cn-mohrss"));
}

// Locking, format version and Destroy.

// RocksDB keeps a per-process table of the LOCK files it holds, so a second
// read-write Open in the same process meets the same lock error another
// process would: the translation to kBusy can be checked here. (Two real
// processes are the integration tests' business.)
TEST_F(StoreTest, SecondReadWriteOpenIsBusy) {
  ASSERT_NO_FATAL_FAILURE(CreateStore());
  Result<std::unique_ptr<Store>> second = Store::Open(path(), OpenMode::kReadWrite);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code(), StatusCode::kBusy);
  EXPECT_THAT(second.error().message(),
              HasSubstr("database " + path() + " is in use by another process"));
}

TEST_F(StoreTest, ReadOnlyOpenBesideAWriterSeesItsRecords) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Result<std::unique_ptr<Store>> reader = Store::Open(path(), OpenMode::kReadOnly);
  ASSERT_TRUE(reader.has_value()) << reader.error().message();
  EXPECT_EQ(*(*reader)->GetEntity("ilo"), Ilo());
}

TEST_F(StoreTest, ReadWriteOpenAfterTheWriterClosedSucceeds) {
  ASSERT_NO_FATAL_FAILURE(CreateStore());
  Close();
  Result<std::unique_ptr<Store>> writer = Store::Open(path(), OpenMode::kReadWrite);
  EXPECT_TRUE(writer.has_value()) << writer.error().message();
}

TEST_F(StoreTest, NewerFormatVersionIsRefusedWithNotSupported) {
  ASSERT_NO_FATAL_FAILURE(CreateStore());
  Close();
  ASSERT_NO_FATAL_FAILURE(PutRawMeta("format_version", std::to_string(Store::kFormatVersion + 1)));
  for (OpenMode mode : {OpenMode::kReadOnly, OpenMode::kReadWrite}) {
    Result<std::unique_ptr<Store>> opened = Store::Open(path(), mode);
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code(), StatusCode::kNotSupported);
    EXPECT_EQ(opened.error().message(),
              "database " + path() + " was written in format version " +
                  std::to_string(Store::kFormatVersion + 1) + ", newer than this pgraph reads (" +
                  std::to_string(Store::kFormatVersion) +
                  "); use a newer pgraph, or export with it and re-import here");
  }
}

TEST_F(StoreTest, UnreadableFormatVersionIsCorruption) {
  ASSERT_NO_FATAL_FAILURE(CreateStore());
  Close();
  ASSERT_NO_FATAL_FAILURE(PutRawMeta("format_version", "one"));
  Result<std::unique_ptr<Store>> opened = Store::Open(path(), OpenMode::kReadOnly);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code(), StatusCode::kCorruption);
  EXPECT_THAT(opened.error().message(), HasSubstr("unreadable format version \"one\""));
}

TEST_F(StoreTest, FolderHoldingAnotherRocksDbIsNotAPartnerGraphDatabase) {
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::Open(options, path(), &raw);
    ASSERT_TRUE(s.ok()) << s.ToString();
    delete raw;  // NOLINT(cppcoreguidelines-owning-memory): RocksDB's C++ API hands it over
  }
  Result<std::unique_ptr<Store>> opened = Store::Open(path(), OpenMode::kReadWrite);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code(), StatusCode::kCorruption);
  EXPECT_THAT(opened.error().message(), HasSubstr(path() + " is not a PartnerGraph database"));
}

TEST_F(StoreTest, DestroyRemovesTheStore) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Close();
  ASSERT_TRUE(Store::Destroy(path()).ok());
  EXPECT_FALSE(fs::exists(path()));
  EXPECT_EQ(Store::Open(path(), OpenMode::kReadOnly).error().code(), StatusCode::kNotFound);
}

TEST_F(StoreTest, DestroyOfNothingSucceeds) { EXPECT_TRUE(Store::Destroy(path()).ok()); }

TEST_F(StoreTest, DestroyRefusesAFolderThatIsNotAStore) {
  fs::create_directories(path());
  std::ofstream(fs::path(path()) / "thesis.txt") << "years of work";
  Status s = Store::Destroy(path());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("is not a PartnerGraph database"));
  EXPECT_TRUE(fs::exists(fs::path(path()) / "thesis.txt"));
}

TEST_F(StoreTest, DestroyWhileAWriterHoldsTheStoreIsBusyAndRemovesNothing) {
  ASSERT_NO_FATAL_FAILURE(CreateStandardStore());
  Status s = Store::Destroy(path());
  EXPECT_EQ(s.code(), StatusCode::kBusy);
  EXPECT_TRUE(fs::exists(fs::path(path()) / "CURRENT"));
  EXPECT_TRUE(store().HasEntity("ilo"));
}

}  // namespace
}  // namespace partnergraph
