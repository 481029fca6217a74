// The graph's shape, what queries traverse, and beside it the records'
// fields as columns (record_columns.h). The store fills both from its index
// entries (no JSON parsed); graph algorithms run on the shape; results name
// vertices and edges by index into its tables.
//
// Its tables are compact columns (column.h: one char buffer and 4-byte
// offsets for strings, one array per field) that either own their values or
// view memory a mapped snapshot file owns, so a large graph can be opened
// without being copied (see graph_snapshot.h).
#ifndef PARTNERGRAPH_TOPOLOGY_H_
#define PARTNERGRAPH_TOPOLOGY_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partnergraph/column.h"
#include "partnergraph/record_columns.h"

namespace partnergraph {

struct TopologyEdge {
  VertexIndex from = 0;
  VertexIndex to = 0;
  TypeIndex type = 0;
  int32_t since_first_day = 0;        // PartialDate::kOpenStart when open
  int32_t until_last_day = 99991231;  // PartialDate::kOpenEnd when open
  // The first day of its source's period (ReportedFirstDay), for a relation
  // without dates of its own; 0 (kOpenStart) otherwise or when none is known.
  int32_t reported_first_day = 0;
};

// The relations of a topology, one column per field (22 bytes a relation).
// edges[e] assembles a TopologyEdge by value.
struct EdgeTable {
  Column<VertexIndex> from;
  Column<VertexIndex> to;
  Column<TypeIndex> type;
  Column<int32_t> since_first_day;
  Column<int32_t> until_last_day;
  Column<int32_t> reported_first_day;  // computed once, when the topology is built

  size_t size() const { return from.size(); }
  bool empty() const { return from.empty(); }
  TopologyEdge operator[](size_t e) const {
    return TopologyEdge{
        from[e], to[e], type[e], since_first_day[e], until_last_day[e], reported_first_day[e]};
  }
  void push_back(const TopologyEdge& edge);
  void reserve(size_t count);
  void clear();
  size_t MemoryBytes() const;
  // Every edge, for callers written against a vector of edges (a copy).
  // NOLINTNEXTLINE(google-explicit-constructor): deliberate, for source compatibility.
  operator std::vector<TopologyEdge>() const;
};

struct Topology {
  StringTable vertex_ids;         // sorted ascending; index = VertexIndex
  Column<uint16_t> vertex_kinds;  // index into kind_names
  std::vector<std::string> kind_names;
  std::vector<std::string> type_names;  // index = TypeIndex
  std::vector<bool> type_is_symmetric;  // parallel to type_names
  EdgeTable edges;                      // index = EdgeIndex
  StringTable edge_relation_ids;        // parallel to edges
  // The records' fields; empty when the topology was built without them
  // (then callers read records from the store).
  RecordColumns records;

  // Binary search over the sorted vertex_ids.
  std::optional<VertexIndex> FindVertex(std::string_view id) const;
  std::optional<TypeIndex> FindType(std::string_view type) const;

  // Bytes the per-vertex and per-edge tables of the shape occupy, owned or
  // viewed; records.MemoryBytes() counts the records' columns apart.
  size_t MemoryBytes() const;
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_TOPOLOGY_H_
