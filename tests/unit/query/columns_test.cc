// Answers from the records' columns equal answers from the records: funds,
// neighbourhoods, the DOT of views and Cypher rows, on the bundled dataset
// and on generated ones. The reference is the same graph with its columns
// dropped, so that every record is read and parsed from the store.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "partnergraph/cypher.h"
#include "partnergraph/dot_writer.h"
#include "partnergraph/graph.h"
#include "partnergraph/importer.h"
#include "partnergraph/query.h"
#include "partnergraph/record_columns.h"
#include "partnergraph/store.h"
#include "partnergraph/views.h"
#include "partnergraph/viz_style.h"

#include "query/cypher_executor.h"
#include "query/cypher_parser.h"
#include "query/records.h"
#include "query_test_support.h"

namespace partnergraph {
namespace {

namespace fs = std::filesystem;

// A store in a temporary folder, its graph with the records' columns and
// the same graph without them.
class TwoGraphs {
 public:
  explicit TwoGraphs(const std::string& name) {
    dir_ = fs::temp_directory_path() / ("pg_columns_test_" + std::to_string(::getpid()) + name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~TwoGraphs() {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  TwoGraphs(const TwoGraphs&) = delete;
  TwoGraphs& operator=(const TwoGraphs&) = delete;

  void Create(const Schema& schema) {
    Result<std::unique_ptr<Store>> created = Store::Create((dir_ / "db").string(), schema);
    ASSERT_TRUE(created.has_value()) << created.error().ToString();
    store_ = std::move(*created);
  }
  void Load() {
    Result<Topology> topology = store_->LoadTopology();
    ASSERT_TRUE(topology.has_value()) << topology.error().ToString();
    ASSERT_TRUE(topology->records.HasEntities(topology->vertex_ids.size()));
    ASSERT_TRUE(topology->records.HasRelations(topology->edges.size()));
    Topology bare = *topology;
    bare.records = RecordColumns();
    columns_ = std::make_unique<Graph>(std::move(*topology));
    records_ = std::make_unique<Graph>(std::move(bare));
  }

  Store& store() { return *store_; }
  const Graph& columns() const { return *columns_; }
  const Graph& records() const { return *records_; }

 private:
  fs::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Graph> columns_;
  std::unique_ptr<Graph> records_;
};

std::string Describe(const Relation& r) {
  std::string text = r.id + " " + r.type + " " + r.from + ">" + r.to + " [" + r.title + "|" +
                     r.role + "|" + r.since.ToString() + ".." + r.until.ToString() + "]";
  if (r.amount) {
    char amount[64];
    std::snprintf(amount, sizeof amount, " %.17g %s", r.amount->value, r.amount->currency.c_str());
    text += amount;
  }
  if (r.source) text += " {" + r.source->doc + ": " + r.source->quote + "}";
  for (const auto& [key, value] : r.attributes) text += " " + key + "=" + value;
  return text;
}

std::string Describe(const FundingReport& report) {
  std::string text;
  for (const FundingFlow& flow : report.flows) {
    text += Describe(flow.relation) + "\n";
    for (const Relation& onward : flow.onward) text += "  " + Describe(onward) + "\n";
  }
  for (const FundingTotal& total : report.totals) {
    char amount[64];
    std::snprintf(amount, sizeof amount, "%.17g", total.amount);
    text += total.funder + " " + RecipientClassName(total.recipients) + " " + total.currency + " " +
            amount + "/" + std::to_string(total.flows) + "\n";
  }
  return text + std::to_string(report.flows_without_amount);
}

// Funds from the columns equal funds from the records, for every funder and
// recipient, at a few dates, with and without `through`.
void ExpectSameFunds(TwoGraphs& graphs, const std::vector<std::string>& as_of_dates) {
  const Topology& topology = graphs.columns().topology();
  std::vector<FundsOptions> cases;
  for (const std::string& date : as_of_dates) {
    for (bool through : {false, true}) {
      FundsOptions options;
      options.as_of = date.empty() ? PartialDate() : *PartialDate::Parse(date);
      options.through = through;
      cases.push_back(options);
    }
  }
  for (VertexIndex v = 0; v < topology.vertex_ids.size(); ++v) {
    FundsOptions by_funder;
    by_funder.funder = topology.vertex_ids[v];
    by_funder.through = v % 2 == 0;
    cases.push_back(by_funder);
    FundsOptions by_recipient;
    by_recipient.recipient = topology.vertex_ids[v];
    cases.push_back(by_recipient);
  }
  size_t flows = 0;
  for (const FundsOptions& options : cases) {
    Result<FundingReport> expected = Funds(graphs.store(), options);
    ASSERT_TRUE(expected.has_value()) << expected.error().ToString();
    Result<FundingReport> from_columns = Funds(graphs.store(), graphs.columns(), options);
    ASSERT_TRUE(from_columns.has_value()) << from_columns.error().ToString();
    Result<FundingReport> from_records = Funds(graphs.store(), graphs.records(), options);
    ASSERT_TRUE(from_records.has_value()) << from_records.error().ToString();
    EXPECT_EQ(Describe(*from_columns), Describe(*expected))
        << "funder " << options.funder << ", recipient " << options.recipient << ", as of "
        << options.as_of.ToString() << (options.through ? ", through" : "");
    EXPECT_EQ(Describe(*from_records), Describe(*expected));
    flows += expected->flows.size();
  }
  EXPECT_GT(flows, 0U);
}

// The DOT of views around every tenth entity (depth 1 and 2), of the whole
// graph and of the funding flows: byte for byte the same.
void ExpectSameDot(TwoGraphs& graphs) {
  Result<VizStyle> style = VizStyle::LoadNamed("default", PARTNERGRAPH_VIZ_DIR);
  ASSERT_TRUE(style.has_value()) << style.error().ToString();
  const Topology& topology = graphs.columns().topology();
  std::vector<ViewRequest> requests;
  ViewRequest whole;
  requests.push_back(whole);
  ViewRequest funding;
  funding.kind = ViewKind::kFunding;
  requests.push_back(funding);
  for (VertexIndex v = 0; v < topology.vertex_ids.size(); v += 10) {
    ViewRequest around;
    around.kind = ViewKind::kAround;
    around.focus = topology.vertex_ids[v];
    around.depth = 1 + static_cast<int>(v % 2);
    requests.push_back(around);
  }
  for (const ViewRequest& request : requests) {
    Result<GraphView> a = SelectView(graphs.store(), graphs.columns(), request);
    ASSERT_TRUE(a.has_value()) << a.error().ToString();
    Result<GraphView> b = SelectView(graphs.store(), graphs.records(), request);
    ASSERT_TRUE(b.has_value()) << b.error().ToString();
    Result<std::string> dot_a = WriteDot(*a, *style);
    Result<std::string> dot_b = WriteDot(*b, *style);
    ASSERT_TRUE(dot_a.has_value() && dot_b.has_value());
    EXPECT_EQ(*dot_a, *dot_b) << "view around " << request.focus;
  }
}

// Cypher rows reading every property, from the columns and from the records.
void ExpectSameCypher(TwoGraphs& graphs) {
  const char* queries[] = {
      "MATCH (a)-[r]->(b) RETURN a.id, a.name, a.name_zh, a.aliases, a.kind, r.id, r.type, "
      "r.title, r.role, r.since, r.until, r.amount, r.currency, r.source_doc, r.quote, b.id "
      "ORDER BY r.id",
      "MATCH (a)-[r]->(b) RETURN properties(a) AS pa, properties(r) AS pr ORDER BY r.id",
      "MATCH (f)-[r:funds]->() WHERE r.amount IS NOT NULL "
      "RETURN f.id, r.currency, sum(r.amount) AS total, count(*) AS n ORDER BY f.id, r.currency",
  };
  for (const char* text : queries) {
    Result<cypher::Query> query = cypher::Parse(text);
    ASSERT_TRUE(query.has_value()) << query.error().ToString();
    CypherRequest request;
    request.text = text;
    Result<CypherResult> a =
        cypher::Execute(graphs.store(), graphs.columns(), *query, request, text);
    ASSERT_TRUE(a.has_value()) << a.error().ToString();
    Result<CypherResult> b =
        cypher::Execute(graphs.store(), graphs.records(), *query, request, text);
    ASSERT_TRUE(b.has_value()) << b.error().ToString();
    ASSERT_EQ(a->rows.size(), b->rows.size()) << text;
    EXPECT_GT(a->rows.size(), 0U) << text;
    for (size_t i = 0; i < a->rows.size(); ++i) {
      ASSERT_EQ(a->rows[i].size(), b->rows[i].size());
      for (size_t c = 0; c < a->rows[i].size(); ++c) {
        EXPECT_TRUE(a->rows[i][c] == b->rows[i][c]) << text << " row " << i << " column " << c;
      }
    }
  }
}

// Every entity and relation assembled from the columns equals its record.
void ExpectSameRecords(TwoGraphs& graphs) {
  const Topology& topology = graphs.columns().topology();
  for (VertexIndex v = 0; v < topology.vertex_ids.size(); ++v) {
    Result<Entity> a = query::EntityAt(graphs.store(), topology, v);
    Result<Entity> b = graphs.store().GetEntity(topology.vertex_ids.view(v));
    ASSERT_TRUE(a.has_value() && b.has_value());
    EXPECT_EQ(*a, *b) << b->id;
  }
  for (EdgeIndex e = 0; e < topology.edges.size(); ++e) {
    Result<Relation> a = query::RelationAt(graphs.store(), topology, e);
    Result<Relation> b = graphs.store().GetRelation(topology.edge_relation_ids.view(e));
    ASSERT_TRUE(a.has_value() && b.has_value());
    EXPECT_EQ(Describe(*a), Describe(*b));
  }
}

TEST(ColumnsTest, BundledDatasetAnswersFromColumnsAsFromRecords) {
  TwoGraphs graphs("bundled");
  ASSERT_NO_FATAL_FAILURE(graphs.Create(testing::BundledSchema()));
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(PARTNERGRAPH_DATA_DIR)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".json" && name != "schema.json") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  Result<ApplyReport> imported = ImportFiles(graphs.store(), files, ImportOptions());
  ASSERT_TRUE(imported.has_value()) << imported.error().ToString();
  ASSERT_NO_FATAL_FAILURE(graphs.Load());
  ExpectSameRecords(graphs);
  ExpectSameFunds(graphs, {"", "2015", "2019", "2021-06"});
  ExpectSameDot(graphs);
  ExpectSameCypher(graphs);
}

// Generated: kinds of every group, funds with amounts in three currencies
// (some without), dates of every precision, titles, roles, quotes and a few
// attributes, implements and benefits around the projects.
Dataset Generated(uint32_t seed) {
  std::mt19937 random(seed);
  auto pick = [&](uint32_t n) { return static_cast<uint32_t>(random() % n); };
  testing::DatasetBuilder data;
  const char* kinds[] = {"country", "igo", "ministry", "project", "initiative", "un_entity"};
  constexpr uint32_t kEntities = 60;
  std::vector<std::string> ids;
  for (uint32_t i = 0; i < kEntities; ++i) {
    ids.push_back("e" + std::to_string(100 + i));
    data.Entity(ids.back(), kinds[i % 6]);
  }
  Dataset dataset = data.dataset();
  for (uint32_t i = 0; i < kEntities; ++i) {
    Entity& entity = dataset.entities[i].record;
    entity.name = {"Entity " + std::to_string(i), i % 2 == 0 ? "实体" + std::to_string(i) : ""};
    if (i % 3 == 0) entity.aliases = {"E" + std::to_string(i)};
    if (i % 13 == 0) entity.attributes["founded"] = "1919";
  }
  const char* dates[] = {"", "2015", "2018-03", "2019-06-30", "2020", "2021-11"};
  const char* currencies[] = {"USD", "EUR", "CHF"};
  const char* types[] = {"funds", "funds", "implements", "benefits", "partners_with"};
  for (uint32_t r = 0; r < 400; ++r) {
    Relation relation;
    relation.id = "r" + std::to_string(1000 + r);
    relation.type = types[pick(5)];
    relation.from = ids[pick(kEntities)];
    relation.to = ids[pick(kEntities)];
    if (relation.type == "implements" || relation.type == "benefits") {
      // implements: into a project; benefits: out of one (e103, e109, ...).
      const std::string project = ids[3 + 6 * pick(kEntities / 6)];
      (relation.type == "implements" ? relation.to : relation.from) = project;
    }
    const char* since = dates[pick(6)];
    if (*since != '\0') relation.since = *PartialDate::Parse(since);
    const char* until = dates[pick(6)];
    if (*until != '\0' && !relation.since.empty() &&
        PartialDate::Parse(until)->LastDay() >= relation.since.FirstDay()) {
      relation.until = *PartialDate::Parse(until);
    }
    if (relation.type == "funds" && pick(4) != 0) {
      relation.amount = Amount{1000.0 * pick(5000) + 0.25 * pick(4), currencies[pick(3)]};
    }
    if (pick(5) != 0)
      relation.source = Citation{"doc-" + std::to_string(pick(3)) + ".md", "quote " + relation.id};
    if (pick(4) == 0) relation.title = "Title of " + relation.id;
    if (pick(4) == 0) relation.role = "role " + std::to_string(pick(9));
    if (pick(17) == 0) relation.attributes["note"] = "n";
    dataset.relations.push_back({std::move(relation), {}});
  }
  for (const char* doc : {"doc-0.md", "doc-1.md", "doc-2.md"}) {
    dataset.sources.push_back({SourceDocument{doc, "A document", "en", ""}, {}});
  }
  return dataset;
}

TEST(ColumnsTest, GeneratedDatasetsAnswerFromColumnsAsFromRecords) {
  for (uint32_t seed = 1; seed <= 3; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    TwoGraphs graphs("generated" + std::to_string(seed));
    ASSERT_NO_FATAL_FAILURE(graphs.Create(testing::BundledSchema()));
    Result<ApplyReport> applied = graphs.store().Apply(Generated(seed));
    ASSERT_TRUE(applied.has_value()) << applied.error().ToString();
    ASSERT_NO_FATAL_FAILURE(graphs.Load());
    ExpectSameRecords(graphs);
    ExpectSameFunds(graphs, {"", "2016", "2019-06", "2021"});
    ExpectSameDot(graphs);
    ExpectSameCypher(graphs);
  }
}

}  // namespace
}  // namespace partnergraph
