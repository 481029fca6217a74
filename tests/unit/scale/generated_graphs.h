// Deterministic, seeded partnership graphs for the scale tests: a few hubs
// with many relations (a UN agency), a long tail, parallel relations,
// self-loops, symmetric and directed types, open and closed periods. The
// same seed gives the same graph on every machine.
#ifndef PARTNERGRAPH_TESTS_UNIT_SCALE_GENERATED_GRAPHS_H_
#define PARTNERGRAPH_TESTS_UNIT_SCALE_GENERATED_GRAPHS_H_

#include <cstdint>
#include <string>

#include "partnergraph/dataset.h"
#include "partnergraph/topology.h"

namespace partnergraph::testing {

// A small, fast generator (splitmix64): std::mt19937's distributions differ
// between standard libraries, this does not.
class SeededRandom {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(Next() % n); }
  // Skewed towards 0: hubs. min of two uniforms has density 2(1 - x).
  uint32_t Skewed(uint32_t n) { return std::min(Below(n), std::min(Below(n), Below(n))); }

 private:
  uint64_t state_;
};

struct GraphShape {
  uint32_t num_vertices = 200;
  uint32_t num_relations = 800;
  // Edges in the order the store lists them (by from), or shuffled.
  bool sorted_by_from = true;
};

// Vertex ids "v00042", relation ids "r000017"; types funds (directed), mou
// (symmetric), member_of (directed), partners_with (symmetric).
Topology GenerateTopology(uint64_t seed, const GraphShape& shape);

// Entities and relations valid under data/schema.json, for store and import
// tests: organisations and projects, typed as the schema allows, with dates,
// amounts and names. Relation ids are "rel-<n>", entity ids "org-<n>" and
// "proj-<n>".
Dataset GenerateDataset(uint64_t seed, uint32_t num_entities, uint32_t num_relations);

}  // namespace partnergraph::testing

#endif  // PARTNERGRAPH_TESTS_UNIT_SCALE_GENERATED_GRAPHS_H_
