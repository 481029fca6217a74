// What the query tests share: datasets drawn record by record, a real store
// holding one in a temporary folder of its own, and one helper per query that
// runs it and prints the answer as ids, so that expectations read like the
// data they test. Every call into the library goes through these helpers.
#ifndef PARTNERGRAPH_TESTS_UNIT_QUERY_QUERY_TEST_SUPPORT_H_
#define PARTNERGRAPH_TESTS_UNIT_QUERY_QUERY_TEST_SUPPORT_H_

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "partnergraph/database.h"
#include "partnergraph/dataset.h"
#include "partnergraph/graph.h"
#include "partnergraph/query.h"
#include "partnergraph/schema.h"
#include "partnergraph/status.h"
#include "partnergraph/store.h"

namespace partnergraph::testing {

// The bundled vocabulary (data/schema.json): the kinds and types, and which
// types are symmetric (mou, partners_with, co_leads, co_chairs), that users see.
const Schema& BundledSchema();

// "2019-06" parsed; "" is the empty date. Fails the test on a bad date.
PartialDate Date(const std::string& text);

// Builds a Dataset one record at a time:
//   DatasetBuilder().Entity("china", "country").Entity("p1", "project")
//       .Funds("f1", "china", "p1", 745000, "USD", "2018", "2020")
class DatasetBuilder {
 public:
  DatasetBuilder& Entity(const std::string& id, const std::string& kind);
  // A relation of any type; since/until "" (open), "2019", "2019-06" or "2019-06-14".
  DatasetBuilder& Relation(const std::string& id, const std::string& from, const std::string& type,
                           const std::string& to, const std::string& since = "",
                           const std::string& until = "");
  // A funds relation stating an amount.
  DatasetBuilder& Funds(const std::string& id, const std::string& from, const std::string& to,
                        double amount, const std::string& currency, const std::string& since = "",
                        const std::string& until = "");
  // A funds relation that states no amount.
  DatasetBuilder& FundsWithoutAmount(const std::string& id, const std::string& from,
                                     const std::string& to, const std::string& since = "",
                                     const std::string& until = "");

  const Dataset& dataset() const { return dataset_; }

 private:
  Dataset dataset_;
};

// A real database (RocksDB) with the bundled schema in a fresh temporary
// folder, holding `dataset`, opened read-only through the Database front door
// as pgraph opens it; the folder is removed when it goes. A failure to create
// it fails the test, and every query on it then fails too.
class TestDatabase {
 public:
  explicit TestDatabase(const Dataset& dataset);
  explicit TestDatabase(const DatasetBuilder& builder) : TestDatabase(builder.dataset()) {}
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  bool ok() const { return database_ != nullptr; }
  const Database& database() const { return *database_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Database> database_;
};

// ---- funds -------------------------------------------------------------

// A funding report as ids and numbers.
struct FundsAnswer {
  std::vector<std::string> flows;  // relation ids, in the report's order
  // "funder class currency amount/flows", in the report's order, e.g.
  // "china projects USD 745000/2"; amounts printed exactly (%.17g).
  std::vector<std::string> totals;
  size_t flows_without_amount = 0;
  // With `through`: per flow, "flow: onward ids" sorted (the header promises
  // which relations, not their order), e.g. "f1: i1 b1 b2" as "f1: b1 b2 i1".
  std::vector<std::string> onward;
};

Result<FundsAnswer> FundsOf(const TestDatabase& db, const FundsOptions& options);

// ---- paths -------------------------------------------------------------

// A path query by names, as pgraph takes it. Every member has a default, so
// that a row names only what it sets ({.from = "a", .to = "b", .all = true}).
struct PathQuery {
  std::string from = "";
  std::string to = "";
  std::vector<std::string> types = {};  // empty: every type
  std::string as_of = "";               // "": any date
  bool directed = false;
  int max_hops = 0;  // 0: no limit
  bool all = false;
  size_t max_paths = PathOptions::kDefaultMaxPaths;
};

// Each path as "a -r1- b -r2- c", in the order returned.
Result<std::vector<std::string>> PathsOf(const TestDatabase& db, const PathQuery& query);

// ---- neighbours --------------------------------------------------------

struct NeighbourQuery {
  std::string start = "";
  int depth = 1;
  std::vector<std::string> types = {};
  std::string as_of = "";
  bool directed = false;
};

struct NeighboursAnswer {
  std::vector<std::string> vertices;   // "id@depth", in the order returned
  std::vector<std::string> relations;  // ids of the listed relations, sorted
};

// Also checks the promise that the relations come in ascending id order.
Result<NeighboursAnswer> NeighboursOf(const TestDatabase& db, const NeighbourQuery& query);

// ---- centrality --------------------------------------------------------

struct CentralityQuery {
  std::vector<std::string> types = {};
  std::string as_of = "";
  size_t top = 0;
};

// "id b=<betweenness> d=<degree>" (betweenness as %g), in the order returned.
Result<std::vector<std::string>> CentralityOf(const TestDatabase& db, const CentralityQuery& query);

}  // namespace partnergraph::testing

#endif  // PARTNERGRAPH_TESTS_UNIT_QUERY_QUERY_TEST_SUPPORT_H_
