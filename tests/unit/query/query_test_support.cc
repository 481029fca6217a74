#include "query_test_support.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <system_error>
#include <utility>

#include <gtest/gtest.h>

namespace partnergraph::testing {
namespace {

namespace fs = std::filesystem;

// A folder no other test (or test process: ctest runs them side by side) uses.
fs::path FreshTempDir() {
  static std::atomic<int> counter{0};
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name =
      info == nullptr ? "none" : std::string(info->test_suite_name()) + "." + info->name();
  std::replace(name.begin(), name.end(), '/', '_');
  const fs::path dir =
      fs::temp_directory_path() / ("pg_query_test_" + std::to_string(::getpid()) + "_" + name +
                                   "_" + std::to_string(counter.fetch_add(1)));
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  EXPECT_FALSE(ec) << "cannot create " << dir << ": " << ec.message();
  return dir;
}

Status NoDatabase() { return Status::InvalidArgument("the test database could not be created"); }

Result<PartialDate> AsOf(const std::string& text) {
  if (text.empty()) return PartialDate();
  return PartialDate::Parse(text);
}

// Type names to the graph's indices; a name the graph does not know becomes
// an index past its types, which matches no relation.
std::vector<TypeIndex> TypeIndices(const Graph& graph, const std::vector<std::string>& names) {
  std::vector<TypeIndex> types;
  for (const std::string& name : names) {
    const std::optional<TypeIndex> type = graph.topology().FindType(name);
    types.push_back(type ? *type : static_cast<TypeIndex>(graph.topology().type_names.size()));
  }
  return types;
}

Result<EdgeFilter> Filter(const Graph& graph, const std::vector<std::string>& types,
                          const std::string& as_of) {
  Result<PartialDate> date = AsOf(as_of);
  if (!date) return date.error();
  EdgeFilter filter;
  filter.types = TypeIndices(graph, types);
  filter.as_of = *date;
  return filter;
}

Result<VertexIndex> VertexOf(const Graph& graph, const std::string& id) {
  const std::optional<VertexIndex> vertex = graph.topology().FindVertex(id);
  if (!vertex) return Status::NotFound("no vertex " + id);
  return *vertex;
}

std::string Describe(const Graph& graph, const Path& path) {
  const Topology& topology = graph.topology();
  if (path.vertices.size() != path.edges.size() + 1) return "<malformed path>";
  std::string text;
  for (size_t i = 0; i < path.vertices.size(); ++i) {
    if (i > 0) text += " -" + topology.edge_relation_ids[path.edges[i - 1]] + "- ";
    text += topology.vertex_ids[path.vertices[i]];
  }
  return text;
}

std::string Exact(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

}  // namespace

const Schema& BundledSchema() {
  static const Schema schema = [] {
    Result<Schema> loaded = Schema::LoadFile(std::string(PARTNERGRAPH_DATA_DIR) + "/schema.json");
    EXPECT_TRUE(loaded.has_value()) << loaded.error().ToString();
    return loaded.has_value() ? *loaded : Schema();
  }();
  return schema;
}

PartialDate Date(const std::string& text) {
  Result<PartialDate> date = AsOf(text);
  EXPECT_TRUE(date.has_value()) << date.error().ToString();
  return date.has_value() ? *date : PartialDate();
}

DatasetBuilder& DatasetBuilder::Entity(const std::string& id, const std::string& kind) {
  partnergraph::Entity entity;
  entity.id = id;
  entity.kind = kind;
  entity.name.en = id;
  dataset_.entities.push_back({std::move(entity), {}});
  return *this;
}

DatasetBuilder& DatasetBuilder::Relation(const std::string& id, const std::string& from,
                                         const std::string& type, const std::string& to,
                                         const std::string& since, const std::string& until) {
  partnergraph::Relation relation;
  relation.id = id;
  relation.type = type;
  relation.from = from;
  relation.to = to;
  relation.since = Date(since);
  relation.until = Date(until);
  dataset_.relations.push_back({std::move(relation), {}});
  return *this;
}

DatasetBuilder& DatasetBuilder::Funds(const std::string& id, const std::string& from,
                                      const std::string& to, double amount,
                                      const std::string& currency, const std::string& since,
                                      const std::string& until) {
  Relation(id, from, "funds", to, since, until);
  dataset_.relations.back().record.amount = Amount{amount, currency};
  return *this;
}

DatasetBuilder& DatasetBuilder::FundsWithoutAmount(const std::string& id, const std::string& from,
                                                   const std::string& to, const std::string& since,
                                                   const std::string& until) {
  return Relation(id, from, "funds", to, since, until);
}

TestDatabase::TestDatabase(const Dataset& dataset) : dir_(FreshTempDir()) {
  Result<std::unique_ptr<Store>> created = Store::Create((dir_ / "db").string(), BundledSchema());
  if (!created) {
    ADD_FAILURE() << created.error().ToString();
    return;
  }
  Result<ApplyReport> applied = (*created)->Apply(dataset);
  if (!applied) {
    ADD_FAILURE() << applied.error().ToString();
    return;
  }
  Result<Topology> topology = (*created)->LoadTopology();
  if (!topology) {
    ADD_FAILURE() << topology.error().ToString();
    return;
  }
  store_ = std::move(*created);
  graph_.emplace(std::move(*topology));
}

TestDatabase::~TestDatabase() {
  graph_.reset();
  store_.reset();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

Result<FundsAnswer> FundsOf(const TestDatabase& db, const FundsOptions& options) {
  if (!db.ok()) return NoDatabase();
  Result<FundingReport> report = Funds(db.store(), options);
  if (!report) return report.error();
  FundsAnswer answer;
  for (const FundingFlow& flow : report->flows) {
    answer.flows.push_back(flow.relation.id);
    if (!options.through) {
      EXPECT_TRUE(flow.onward.empty()) << flow.relation.id << ": onward without `through`";
      continue;
    }
    std::vector<std::string> onward;
    for (const partnergraph::Relation& relation : flow.onward) onward.push_back(relation.id);
    std::sort(onward.begin(), onward.end());
    std::string text = flow.relation.id + ":";
    for (const std::string& id : onward) text += " " + id;
    answer.onward.push_back(text);
  }
  for (const FundingTotal& total : report->totals) {
    answer.totals.push_back(total.funder + " " + RecipientClassName(total.recipients) + " " +
                            total.currency + " " + Exact(total.amount) + "/" +
                            std::to_string(total.flows));
  }
  answer.flows_without_amount = report->flows_without_amount;
  return answer;
}

Result<std::vector<std::string>> PathsOf(const TestDatabase& db, const PathQuery& query) {
  if (!db.ok()) return NoDatabase();
  const Graph& graph = db.graph();
  Result<EdgeFilter> filter = Filter(graph, query.types, query.as_of);
  if (!filter) return filter.error();
  Result<VertexIndex> from = VertexOf(graph, query.from);
  if (!from) return from.error();
  Result<VertexIndex> to = VertexOf(graph, query.to);
  if (!to) return to.error();
  PathOptions options;
  options.filter = std::move(*filter);
  options.directed = query.directed;
  options.max_hops = query.max_hops;
  options.all = query.all;
  options.max_paths = query.max_paths;
  Result<std::vector<Path>> paths = graph.ShortestPaths(*from, *to, options);
  if (!paths) return paths.error();
  std::vector<std::string> texts;
  for (const Path& path : *paths) texts.push_back(Describe(graph, path));
  return texts;
}

Result<NeighboursAnswer> NeighboursOf(const TestDatabase& db, const NeighbourQuery& query) {
  if (!db.ok()) return NoDatabase();
  const Graph& graph = db.graph();
  Result<EdgeFilter> filter = Filter(graph, query.types, query.as_of);
  if (!filter) return filter.error();
  Result<VertexIndex> start = VertexOf(graph, query.start);
  if (!start) return start.error();
  Result<Neighbourhood> hood = graph.Neighbours(*start, query.depth, *filter, query.directed);
  if (!hood) return hood.error();
  EXPECT_TRUE(std::is_sorted(hood->edges.begin(), hood->edges.end()))
      << "relations of a neighbourhood are promised in ascending order";
  NeighboursAnswer answer;
  for (const NeighbourVertex& v : hood->vertices) {
    answer.vertices.push_back(graph.topology().vertex_ids[v.vertex] + "@" +
                              std::to_string(v.depth));
  }
  for (EdgeIndex e : hood->edges) answer.relations.push_back(graph.topology().edge_relation_ids[e]);
  std::sort(answer.relations.begin(), answer.relations.end());
  return answer;
}

Result<std::vector<std::string>> CentralityOf(const TestDatabase& db,
                                              const CentralityQuery& query) {
  if (!db.ok()) return NoDatabase();
  const Graph& graph = db.graph();
  Result<EdgeFilter> filter = Filter(graph, query.types, query.as_of);
  if (!filter) return filter.error();
  Result<std::vector<CentralityScore>> scores = graph.Centrality(*filter, query.top);
  if (!scores) return scores.error();
  std::vector<std::string> texts;
  for (const CentralityScore& score : *scores) {
    char betweenness[32];
    std::snprintf(betweenness, sizeof betweenness, "%g", score.betweenness);
    texts.push_back(graph.topology().vertex_ids[score.vertex] + " b=" + betweenness +
                    " d=" + std::to_string(score.degree));
  }
  return texts;
}

}  // namespace partnergraph::testing
