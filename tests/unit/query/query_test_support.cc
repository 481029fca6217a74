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

RelationFilter FilterOf(const std::vector<std::string>& types, const std::string& as_of) {
  RelationFilter filter;
  filter.types = types;
  filter.as_of = Date(as_of);
  return filter;
}

std::string Describe(const PathResult& result, const FoundPath& path) {
  if (path.entities.size() != path.relations.size() + 1) return "<malformed path>";
  std::string text;
  for (size_t i = 0; i < path.entities.size(); ++i) {
    if (i > 0) text += " -" + result.RelationOf(path, i - 1).id + "- ";
    text += result.EntityOf(path, i).id;
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
  const std::string path = (dir_ / "db").string();
  {
    Result<std::unique_ptr<Store>> created = Store::Create(path, BundledSchema());
    if (!created) {
      ADD_FAILURE() << created.error().ToString();
      return;
    }
    Result<ApplyReport> applied = (*created)->Apply(dataset);
    if (!applied) {
      ADD_FAILURE() << applied.error().ToString();
      return;
    }
  }
  Result<std::unique_ptr<Database>> opened = Database::Open(path);
  if (!opened) {
    ADD_FAILURE() << opened.error().ToString();
    return;
  }
  database_ = std::move(*opened);
}

TestDatabase::~TestDatabase() {
  database_.reset();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

Result<FundsAnswer> FundsOf(const TestDatabase& db, const FundsOptions& options) {
  if (!db.ok()) return NoDatabase();
  FundsRequest request;
  request.funder = options.funder;
  request.recipient = options.recipient;
  request.as_of = options.as_of;
  request.through = options.through;
  Result<FundsResult> result = db.database().Funds(request);
  if (!result) return result.error();
  const FundingReport* report = &result->report;
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
  PathRequest request;
  request.from = query.from;
  request.to = query.to;
  request.filter = FilterOf(query.types, query.as_of);
  request.directed = query.directed;
  if (query.max_hops > 0) request.max_hops = query.max_hops;
  request.all = query.all;
  request.max_paths = query.max_paths;
  Result<PathResult> result = db.database().Path(request);
  if (!result) return result.error();
  std::vector<std::string> texts;
  for (const FoundPath& path : result->paths) texts.push_back(Describe(*result, path));
  return texts;
}

Result<NeighboursAnswer> NeighboursOf(const TestDatabase& db, const NeighbourQuery& query) {
  if (!db.ok()) return NoDatabase();
  NeighboursRequest request;
  request.entity = query.start;
  request.depth = query.depth;
  request.filter = FilterOf(query.types, query.as_of);
  request.directed = query.directed;
  Result<NeighbourhoodResult> hood = db.database().Neighbours(request);
  if (!hood) return hood.error();
  NeighboursAnswer answer;
  for (const NeighbourEntity& v : hood->entities) {
    answer.vertices.push_back(v.entity.id + "@" + std::to_string(v.depth));
  }
  for (const partnergraph::Relation& relation : hood->relations) {
    answer.relations.push_back(relation.id);
  }
  EXPECT_TRUE(std::is_sorted(answer.relations.begin(), answer.relations.end()))
      << "relations of a neighbourhood are promised in id order";
  std::sort(answer.relations.begin(), answer.relations.end());
  return answer;
}

Result<std::vector<std::string>> CentralityOf(const TestDatabase& db,
                                              const CentralityQuery& query) {
  if (!db.ok()) return NoDatabase();
  CentralRequest request;
  request.filter = FilterOf(query.types, query.as_of);
  request.top = query.top;
  Result<std::vector<CentralEntity>> scores = db.database().Central(request);
  if (!scores) return scores.error();
  // With a progress callback Boost's searches run one by one, counted: the
  // same scores, and the count reaches the total once.
  size_t calls = 0;
  size_t last_done = 0;
  size_t total = 0;
  request.progress = [&](size_t done, size_t of) {
    ++calls;
    EXPECT_EQ(done, last_done + 1);
    last_done = done;
    total = of;
  };
  Result<std::vector<CentralEntity>> counted = db.database().Central(request);
  EXPECT_TRUE(counted.has_value());
  if (counted) {
    EXPECT_EQ(counted->size(), scores->size());
    for (size_t i = 0; i < std::min(counted->size(), scores->size()); ++i) {
      EXPECT_EQ((*counted)[i].entity.id, (*scores)[i].entity.id);
      EXPECT_EQ((*counted)[i].betweenness, (*scores)[i].betweenness);
    }
  }
  EXPECT_EQ(calls, total);
  std::vector<std::string> texts;
  for (const CentralEntity& score : *scores) {
    char betweenness[32];
    std::snprintf(betweenness, sizeof betweenness, "%g", score.betweenness);
    texts.push_back(score.entity.id + " b=" + betweenness + " d=" + std::to_string(score.degree));
  }
  return texts;
}

}  // namespace partnergraph::testing
