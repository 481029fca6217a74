// engine_bench: Google Benchmark for the engine's pieces.
//
//   engine_bench [--db=PATH] [--pairs=FILE] [--hub=ID] [--viz-dir=DIR] [benchmark flags]
//
// Without --db: name normalisation only. With --db (a store made by
// `pgraph import` of a pg_generate graph), the store is opened and its graph
// loaded once, before any benchmark runs, and these run on it warm:
//   LoadTopology           store -> Topology (what a cold query without a snapshot pays)
//   BuildGraph             Topology -> Graph (adjacency index)
//   OpenSnapshot           LoadGraph() from the store's snapshot file (map and verify
//                          it: what a cold query pays), when the store has one
//   ShortestPath/<i>       one of the fixed pairs (--pairs, "from to" a line):
//                          id -> vertex lookups and Graph::ShortestPaths, undirected,
//                          no filter; one benchmark per pair, so bench/run.sh can
//                          take the median over pairs as it does for the peers
//   PathQuery/<i>          what `pgraph path` does warm: resolve both names through
//                          the store's name index, shortest path, read each hop's
//                          relation
//   Neighbours2Hop         the 2-hop neighbourhood of --hub (the largest hub)
//   FundsAllFunders        Funds() over every funder: flows and totals
//   DotAround              what `pgraph dot --around HUB --depth 1` does warm: select
//                          the view (entities and relations read from the store) and
//                          write its DOT text with the default style (--viz-dir)
// The whole-graph benchmarks run three repetitions of one iteration each, so
// that bench/run.py can report a median and range.
// Counters report the loaded graph's size; "bytes_per_relation" is what the
// heap grows by to hold a topology and its graph (the Graph built from a copy
// of the loaded Topology), divided by the relations; "memory_per_relation" is
// what Graph::MemoryBytes() counts (topology and index, owned or mapped).
#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "partnergraph/dot_writer.h"
#include "partnergraph/graph.h"
#include "partnergraph/graph_loader.h"
#include "partnergraph/query.h"
#include "partnergraph/store.h"
#include "partnergraph/text.h"
#include "partnergraph/views.h"
#include "partnergraph/viz_style.h"

namespace partnergraph::bench {
namespace {

struct Loaded {
  std::unique_ptr<Store> store;
  std::unique_ptr<Graph> graph;
  std::unique_ptr<Topology> topology;  // a copy, for BuildGraph
  std::vector<std::pair<std::string, std::string>> pairs;
  std::string hub;
  std::string viz_dir;
  size_t heap_bytes = 0;  // heap growth for topology + graph
  double load_seconds = 0;
};

Loaded& State() {
  static Loaded loaded;
  return loaded;
}

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "engine_bench: %s\n", message.c_str());
  std::exit(1);
}

size_t HeapInUse() {
  struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

void Load(const std::string& db, const std::string& pairs_file, const std::string& hub) {
  Loaded& s = State();
  Result<std::unique_ptr<Store>> store = Store::Open(db, OpenMode::kReadOnly);
  if (!store) Die(db + ": " + store.error().message());
  s.store = std::move(*store);
  const auto start = std::chrono::steady_clock::now();
  Result<Topology> topology = s.store->LoadTopology();
  if (!topology) Die("LoadTopology: " + topology.error().message());
  s.topology = std::make_unique<Topology>(std::move(*topology));
  // The heap a graph needs, measured on a copy built away from RocksDB (whose
  // block cache also grows while the store is read).
  const size_t heap_before = HeapInUse();
  Topology copy = *s.topology;
  s.graph = std::make_unique<Graph>(std::move(copy));
  s.heap_bytes = HeapInUse() - heap_before;
  s.load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!pairs_file.empty()) {
    std::ifstream in(pairs_file);
    if (!in) Die("cannot read " + pairs_file);
    std::string from;
    std::string to;
    while (in >> from >> to) s.pairs.emplace_back(from, to);
  }
  s.hub = hub;
}

VertexIndex VertexOf(const Graph& graph, std::string_view id) {
  std::optional<VertexIndex> vertex = graph.topology().FindVertex(id);
  if (!vertex) Die("no entity " + std::string(id) + " in the graph");
  return *vertex;
}

void SetSizeCounters(benchmark::State& state) {
  const Loaded& s = State();
  const double relations = static_cast<double>(s.graph->topology().edges.size());
  state.counters["vertices"] = static_cast<double>(s.graph->topology().vertex_ids.size());
  state.counters["relations"] = relations;
  state.counters["bytes_per_relation"] = static_cast<double>(s.heap_bytes) / relations;
  state.counters["memory_per_relation"] = static_cast<double>(s.graph->MemoryBytes()) / relations;
}

// ---- without a store ------------------------------------------------------

void BM_NormaliseName(benchmark::State& state) {
  const std::vector<std::string> names = {
      "International Labour Organization",
      "ＩＬＯ",
      "国际劳工组织",
      "  Ministry of Human Resources   and Social Security ",
      "Côte d’Ivoire — Ministère de l’Emploi",
      "United Nations Entity for Gender Equality and the Empowerment of Women",
      "人力资源和社会保障部",
      "UN-Habitat",
  };
  size_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& name : names) {
      std::string normalised = NormaliseName(name);
      benchmark::DoNotOptimize(normalised);
      bytes += name.size();
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * names.size()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_NormaliseName);

// ---- on a loaded store ----------------------------------------------------

void BM_LoadTopology(benchmark::State& state) {
  for (auto _ : state) {
    Result<Topology> topology = State().store->LoadTopology();
    if (!topology) state.SkipWithError(topology.error().message().c_str());
    benchmark::DoNotOptimize(topology);
  }
  SetSizeCounters(state);
}

void BM_BuildGraph(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    Topology copy = *State().topology;
    state.ResumeTiming();
    Graph graph(std::move(copy));
    benchmark::DoNotOptimize(graph);
    state.PauseTiming();
    { Graph dropped = std::move(graph); }  // destruction is not building
    state.ResumeTiming();
  }
  SetSizeCounters(state);
}

void BM_OpenSnapshot(benchmark::State& state) {
  GraphLoadOptions options;
  options.write_snapshot = false;
  size_t bytes = 0;
  for (auto _ : state) {
    Result<LoadedGraph> loaded = LoadGraph(*State().store, options);
    if (!loaded) {
      state.SkipWithError(loaded.error().message().c_str());
      break;
    }
    if (loaded->origin != GraphOrigin::kSnapshot) {
      state.SkipWithError(("no usable snapshot: " + loaded->snapshot_problem).c_str());
      break;
    }
    bytes = loaded->graph.MemoryBytes();
    benchmark::DoNotOptimize(loaded);
  }
  state.counters["mapped_bytes_per_relation"] =
      static_cast<double>(bytes) / static_cast<double>(State().graph->topology().edges.size());
}

void BM_ShortestPath(benchmark::State& state, size_t pair) {
  const Loaded& s = State();
  const auto& [from_id, to_id] = s.pairs[pair];
  PathOptions options;
  size_t hops = 0;
  for (auto _ : state) {
    const VertexIndex from = VertexOf(*s.graph, from_id);
    const VertexIndex to = VertexOf(*s.graph, to_id);
    Result<std::vector<Path>> paths = s.graph->ShortestPaths(from, to, options);
    if (!paths) {
      state.SkipWithError(paths.error().message().c_str());
      break;
    }
    hops = paths->empty() ? 0 : paths->front().edges.size();
    benchmark::DoNotOptimize(paths);
  }
  state.counters["hops"] = static_cast<double>(hops);
}

void BM_PathQuery(benchmark::State& state, size_t pair) {
  const Loaded& s = State();
  const auto& [from_id, to_id] = s.pairs[pair];
  PathOptions options;
  for (auto _ : state) {
    Result<std::string> from = ResolveEntity(*s.store, from_id);
    Result<std::string> to = ResolveEntity(*s.store, to_id);
    if (!from || !to) {
      state.SkipWithError("cannot resolve a pair's names");
      break;
    }
    Result<std::vector<Path>> paths =
        s.graph->ShortestPaths(VertexOf(*s.graph, *from), VertexOf(*s.graph, *to), options);
    if (!paths) {
      state.SkipWithError(paths.error().message().c_str());
      break;
    }
    for (const Path& path : *paths) {
      for (EdgeIndex edge : path.edges) {
        Result<Relation> relation =
            s.store->GetRelation(s.graph->topology().edge_relation_ids[edge]);
        benchmark::DoNotOptimize(relation);
      }
    }
  }
}

void BM_Neighbours2Hop(benchmark::State& state) {
  const Loaded& s = State();
  const VertexIndex hub = VertexOf(*s.graph, s.hub);
  size_t vertices = 0;
  for (auto _ : state) {
    Result<Neighbourhood> around = s.graph->Neighbours(hub, 2, EdgeFilter{});
    if (!around) {
      state.SkipWithError(around.error().message().c_str());
      break;
    }
    vertices = around->vertices.size();
    benchmark::DoNotOptimize(around);
  }
  state.counters["vertices"] = static_cast<double>(vertices);
}

void BM_FundsAllFunders(benchmark::State& state) {
  size_t flows = 0;
  for (auto _ : state) {
    Result<FundingReport> report = Funds(*State().store, FundsOptions{});
    if (!report) {
      state.SkipWithError(report.error().message().c_str());
      break;
    }
    flows = report->flows.size();
    benchmark::DoNotOptimize(report);
  }
  state.counters["flows"] = static_cast<double>(flows);
}

void BM_DotAround(benchmark::State& state) {
  const Loaded& s = State();
  Result<VizStyle> style = VizStyle::LoadNamed("default", s.viz_dir);
  if (!style) {
    state.SkipWithError(style.error().message().c_str());
    return;
  }
  ViewRequest request;
  request.kind = ViewKind::kAround;
  request.focus = s.hub;
  request.depth = 1;
  size_t bytes = 0;
  for (auto _ : state) {
    Result<GraphView> view = SelectView(*s.store, *s.graph, request);
    if (!view) {
      state.SkipWithError(view.error().message().c_str());
      break;
    }
    DotOptions options;
    options.edge_labels = view->relations.size() <= 60;  // as pgraph decides
    Result<std::string> dot = WriteDot(*view, *style, options);
    if (!dot) {
      state.SkipWithError(dot.error().message().c_str());
      break;
    }
    bytes = dot->size();
    benchmark::DoNotOptimize(dot);
  }
  state.counters["dot_bytes"] = static_cast<double>(bytes);
}

void RegisterStoreBenchmarks() {
  const Loaded& s = State();
  benchmark::RegisterBenchmark("LoadTopology", BM_LoadTopology)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(1)
      ->Repetitions(3);
  benchmark::RegisterBenchmark("BuildGraph", BM_BuildGraph)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(1)
      ->Repetitions(3);
  benchmark::RegisterBenchmark("OpenSnapshot", BM_OpenSnapshot)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(1)
      ->Repetitions(3);
  for (size_t i = 0; i < s.pairs.size(); ++i) {
    benchmark::RegisterBenchmark(("ShortestPath/" + std::to_string(i)).c_str(), BM_ShortestPath, i)
        ->Unit(benchmark::kMicrosecond);
  }
  for (size_t i = 0; i < s.pairs.size(); ++i) {
    benchmark::RegisterBenchmark(("PathQuery/" + std::to_string(i)).c_str(), BM_PathQuery, i)
        ->Unit(benchmark::kMicrosecond);
  }
  if (!s.hub.empty()) {
    benchmark::RegisterBenchmark("Neighbours2Hop", BM_Neighbours2Hop)
        ->Unit(benchmark::kMillisecond)
        ->Repetitions(3);
    benchmark::RegisterBenchmark("DotAround", BM_DotAround)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1)
        ->Repetitions(3);
  }
  benchmark::RegisterBenchmark("FundsAllFunders", BM_FundsAllFunders)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(1)
      ->Repetitions(3);
}

}  // namespace
}  // namespace partnergraph::bench

int main(int argc, char** argv) {
  namespace pb = partnergraph::bench;
  std::string db;
  std::string pairs;
  std::string hub;
  std::string viz_dir = PARTNERGRAPH_VIZ_DIR;
  // Our flags first; the rest go to Google Benchmark.
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.rfind("--db=", 0) == 0) {
      db = arg.substr(5);
    } else if (arg.rfind("--pairs=", 0) == 0) {
      pairs = arg.substr(8);
    } else if (arg.rfind("--hub=", 0) == 0) {
      hub = arg.substr(6);
    } else if (arg.rfind("--viz-dir=", 0) == 0) {
      viz_dir = arg.substr(10);
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_count = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_count, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_count, rest.data())) return 2;
  if (!db.empty()) {
    pb::Load(db, pairs, hub);
    pb::State().viz_dir = viz_dir;
    const pb::Loaded& s = pb::State();
    std::fprintf(
        stderr, "engine_bench: loaded %s: %zu vertices, %zu relations in %.3f s, heap %.1f MB\n",
        db.c_str(), s.graph->topology().vertex_ids.size(), s.graph->topology().edges.size(),
        s.load_seconds, static_cast<double>(s.heap_bytes) / 1e6);
    benchmark::AddCustomContext("db", db);
    benchmark::AddCustomContext("load_seconds", std::to_string(s.load_seconds));
    benchmark::AddCustomContext("heap_bytes", std::to_string(s.heap_bytes));
    benchmark::AddCustomContext("relations", std::to_string(s.graph->topology().edges.size()));
    pb::RegisterStoreBenchmarks();
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  // Close the store before static destruction, which tears down RocksDB's
  // own statics first.
  pb::State() = pb::Loaded{};
  return 0;
}
