// Generated datasets for the hardening tests: big enough that an import takes
// a noticeable time (crash, concurrency) or forces RocksDB to write table
// files (corruption). Deterministic.
#ifndef PARTNERGRAPH_TESTS_INTEGRATION_SYNTHETIC_DATA_H_
#define PARTNERGRAPH_TESTS_INTEGRATION_SYNTHETIC_DATA_H_

#include <string>

namespace partnergraph::testing {

struct SyntheticOptions {
  std::string prefix = "syn";  // ids are "<prefix>-e-<n>" and "<prefix>-r-<n>"
  int entities = 100;          // institutions; at least 2
  int relations = 100;         // partners_with and funds among them, dated, sourced
  // When set, relations may also reach entities of this earlier dataset
  // ("<other_prefix>-e-<n>", n < other_entities), already in the store.
  std::string other_prefix;
  int other_entities = 0;
};

// JSON Lines: one source document "<prefix>.txt", the entities, then the
// relations. Every line is a valid record.
std::string SyntheticJsonLines(const SyntheticOptions& options);

}  // namespace partnergraph::testing

#endif  // PARTNERGRAPH_TESTS_INTEGRATION_SYNTHETIC_DATA_H_
