#include "partnergraph/database.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "partnergraph/atomic_file.h"
#include "partnergraph/graph_loader.h"
#include "partnergraph/spelling.h"
#include "partnergraph/text.h"
#include "partnergraph/viz_style.h"

#include "query/began_between.h"
#include "query/change_between.h"
#include "query/cypher_executor.h"
#include "query/cypher_parser.h"
#include "query/filters.h"
#include "query/records.h"

namespace partnergraph {
namespace {

// Fetches records for results once each; the Database's answers carry them.
// With a graph, from its columns (query/records.h).
class EntityFetcher {
 public:
  explicit EntityFetcher(const Store& store, const Topology* topology = nullptr)
      : store_(store), topology_(topology) {}

  Status Add(const std::string& id, std::map<std::string, Entity>& into) {
    if (into.count(id) != 0) return Status::Ok();
    std::optional<VertexIndex> v;
    if (topology_ != nullptr) v = topology_->FindVertex(id);
    Result<Entity> entity = v ? query::EntityAt(store_, *topology_, *v) : store_.GetEntity(id);
    if (!entity) return entity.error();
    into.emplace(id, std::move(*entity));
    return Status::Ok();
  }

 private:
  const Store& store_;
  const Topology* topology_;
};

// The layout engine that suits a view: dot ranks a hub's hundred partners
// into one unreadable row, so a radial layout suits an ego network and a
// force layout the whole network; dot draws paths and flows well.
std::string LayoutFor(ViewKind kind) {
  switch (kind) {
    case ViewKind::kWhole:
      return "sfdp";
    case ViewKind::kAround:
      return "twopi";
    case ViewKind::kPath:
    case ViewKind::kFunding:
      return "dot";
  }
  return "dot";
}

// Relation labels help in small pictures and clutter big ones.
constexpr size_t kMaxRelationsLabelled = 60;

}  // namespace

struct Database::Impl {
  std::unique_ptr<Store> store;
  DatabaseOptions options;

  // The graph, built or mapped by the first query that needs it; with the
  // records' columns (`records` true) for the questions that read many
  // records, without them for those that read a few (a path). A graph mapped
  // without them gets them, when a later question asks, in a second Graph
  // sharing its tables: the first may be in use on another thread.
  mutable std::mutex graph_mutex;
  mutable std::unique_ptr<Graph> graph;
  mutable bool graph_has_records = false;
  mutable std::unique_ptr<Graph> graph_with_records;

  Result<const Graph*> LoadedGraph(bool records = true) const {
    std::lock_guard<std::mutex> lock(graph_mutex);
    if (graph_with_records) return graph_with_records.get();
    if (graph && (graph_has_records || !records)) return graph.get();
    const bool write_snapshot = options.write_snapshot && options.mode == OpenMode::kReadOnly;
    if (!graph) {
      GraphLoadOptions load;
      load.use_snapshot = options.use_snapshot;
      load.write_snapshot = write_snapshot;
      load.with_records = records;
      Result<partnergraph::LoadedGraph> loaded = LoadGraph(*store, load);
      if (!loaded) return loaded.error();
      graph = std::make_unique<Graph>(std::move(loaded->graph));
      // Built from the store, a graph has them whatever was asked.
      graph_has_records = records || loaded->origin == GraphOrigin::kStore;
      if (graph_has_records || !records) return graph.get();
    }
    Result<RecordColumns> columns = LoadRecords(*store, *graph, write_snapshot);
    if (!columns) return columns.error();
    try {
      graph_with_records = std::make_unique<Graph>(graph->WithRecords(std::move(*columns)));
    } catch (const std::bad_alloc&) {
      return Status::IOError("out of memory loading the records of " + store->path());
    }
    return graph_with_records.get();
  }

  Result<VertexIndex> Vertex(const Graph& g, std::string_view text) const {
    Result<std::string> id = ResolveEntity(*store, text);
    if (!id) return id.error();
    std::optional<VertexIndex> v = g.topology().FindVertex(*id);
    if (!v) return Status::Corruption("entity " + *id + " is missing from the graph index");
    return *v;
  }

  Result<EdgeFilter> Filter(const Graph& g, const RelationFilter& filter) const {
    return query::ResolveFilter(filter.types, filter.as_of, store->schema(), g.topology(),
                                filter.dates);
  }

  Result<Relation> RelationOf(const Graph& g, EdgeIndex e) const {
    return query::RelationAt(*store, g.topology(), e);
  }
  Result<Entity> EntityOf(const Graph& g, VertexIndex v) const {
    return query::EntityAt(*store, g.topology(), v);
  }
};

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                 const DatabaseOptions& options) {
  Result<std::unique_ptr<Store>> store = Store::Open(path, options.mode);
  if (!store) return store.error();
  auto impl = std::make_unique<Impl>();
  impl->store = std::move(*store);
  impl->options = options;
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

Result<ApplyReport> Database::Create(const std::string& path, const CreateRequest& request) {
  Result<Schema> schema = Schema::LoadFile(request.schema_file);
  if (!schema) return schema.error();
  Store::Filler fill;
  if (!request.data_files.empty()) {
    fill = [&request](Store& store) {
      return ImportFiles(store, request.data_files, request.import);
    };
  }
  return Store::CreateAtomically(path, *schema, request.replace, fill);
}

const std::string& Database::path() const { return impl_->store->path(); }
const Schema& Database::schema() const { return impl_->store->schema(); }

Result<ApplyReport> Database::Import(const std::vector<std::string>& files,
                                     const ImportOptions& options) {
  if (impl_->options.mode != OpenMode::kReadWrite && !options.dry_run) {
    return Status::InvalidArgument("database " + path() +
                                   " is open read-only; open it for writing");
  }
  Result<ApplyReport> report = ImportFiles(*impl_->store, files, options);
  if (report && !options.dry_run) {
    std::lock_guard<std::mutex> lock(impl_->graph_mutex);
    impl_->graph.reset();  // the next query builds the graph of the new state
    impl_->graph_with_records.reset();
    impl_->graph_has_records = false;
  }
  return report;
}

Status Database::Export(ExportFormat format, std::ostream& out) const {
  return ExportTo(*impl_->store, format, out);
}

namespace {

Status ExportInputToPath(const ExportInput& input, ExportFormat format, const std::string& path) {
  if (FindExportFormat(format).folder) return ExportToFolder(input, format, path);
  Result<std::unique_ptr<AtomicFile>> file = AtomicFile::Open(path);
  if (!file) return file.error();
  Status s = ExportTo(input, format, (*file)->stream());
  if (!s.ok()) return s.WithContext(path);
  return (*file)->Commit();
}

}  // namespace

Status Database::ExportToPath(ExportFormat format, const std::string& path) const {
  return ExportInputToPath(*StoreExportInput(*impl_->store), format, path);
}

Status Database::ExportView(const ViewRequest& view, ExportFormat format, std::ostream& out) const {
  Result<GraphView> selected = View(view);
  if (!selected) return selected.error();
  Result<std::unique_ptr<ExportInput>> input = ViewExportInput(*impl_->store, *selected);
  if (!input) return input.error();
  return ExportTo(**input, format, out);
}

Status Database::ExportViewToPath(const ViewRequest& view, ExportFormat format,
                                  const std::string& path) const {
  Result<GraphView> selected = View(view);
  if (!selected) return selected.error();
  Result<std::unique_ptr<ExportInput>> input = ViewExportInput(*impl_->store, *selected);
  if (!input) return input.error();
  return ExportInputToPath(**input, format, path);
}

Result<Entity> Database::Resolve(std::string_view text) const {
  Result<std::string> id = ResolveEntity(*impl_->store, text);
  if (!id) return id.error();
  return impl_->store->GetEntity(*id);
}

Result<std::vector<FoundEntity>> Database::Find(const FindRequest& request) const {
  return FindEntities(*impl_->store, request.text, request.limit);
}

Result<FindResult> Database::Search(const FindRequest& request) const {
  FindResult result;
  Result<std::vector<FoundEntity>> entities =
      FindEntities(*impl_->store, request.text, request.limit, &result.entities_total);
  if (!entities) return entities.error();
  result.entities = std::move(*entities);
  Result<const Graph*> graph = impl_->LoadedGraph(/*records=*/true);
  if (!graph) return graph.error();
  const Topology& topology = (*graph)->topology();
  const RecordColumns& columns = topology.records;
  if (!columns.HasRelations(topology.edges.size())) return result;
  const TextMatcher matcher(NormaliseName(request.text));
  std::vector<std::tuple<double, TextMatch, EdgeIndex>> hits;
  for (EdgeIndex e = 0; e < topology.edges.size(); ++e) {
    const std::string_view title = columns.titles.view(e);
    if (title.empty()) continue;
    std::optional<TextScore> score = matcher.Match(NormaliseName(title));
    if (!score) continue;
    hits.emplace_back(-score->Score(), score->match, e);
  }
  result.relations_total = hits.size();
  std::sort(hits.begin(), hits.end());
  if (request.limit != 0 && hits.size() > request.limit) hits.resize(request.limit);
  EntityFetcher fetch(*impl_->store, &topology);
  for (const auto& [negative_score, quality, e] : hits) {
    Result<Relation> relation = query::RelationAt(*impl_->store, topology, e);
    if (!relation) return relation.error();
    std::map<std::string, Entity> ends;
    for (const std::string& id : {relation->from, relation->to}) {
      if (Status s = fetch.Add(id, ends); !s.ok()) return s;
    }
    FoundRelation found{std::move(*relation), {}, {}, -negative_score};
    found.from = ends.at(found.relation.from);
    found.to = ends.at(found.relation.to);
    result.relations.push_back(std::move(found));
  }
  return result;
}

Result<EntityDetail> Database::Show(const ShowRequest& request) const {
  const Store& store = *impl_->store;
  Result<Entity> entity = Resolve(request.entity);
  if (!entity) return entity.error();
  Result<std::vector<AdjacentRelation>> adjacent = store.RelationsOf(entity->id);
  if (!adjacent) return adjacent.error();
  EntityDetail detail;
  detail.entity = std::move(*entity);
  // The index lists each direction by type, other end, relation; merged here
  // into one order by type, then outgoing first.
  std::vector<const AdjacentRelation*> order;
  for (const AdjacentRelation& a : *adjacent) order.push_back(&a);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    return std::tie(a->type, a->direction) < std::tie(b->type, b->direction);
  });
  EntityFetcher fetch(store);
  for (const AdjacentRelation* a : order) {
    Result<Relation> relation = store.GetRelation(a->relation_id);
    if (!relation) return relation.error();
    Status s = fetch.Add(a->other, detail.others);
    if (!s.ok()) return s;
    detail.relations.push_back({std::move(*relation), a->direction});
  }
  return detail;
}

Result<PathResult> Database::Path(const PathRequest& request) const {
  if (request.max_hops && *request.max_hops < 0) {
    return Status::InvalidArgument("the most hops must be 0 or more");
  }
  if (request.max_paths > PathRequest::kMaxPathsLimit) {
    return Status::InvalidArgument("at most " + std::to_string(PathRequest::kMaxPathsLimit) +
                                   " paths can be listed");
  }
  Result<const Graph*> graph = impl_->LoadedGraph(/*records=*/false);
  if (!graph) return graph.error();
  const Graph& g = **graph;
  const Topology& topology = g.topology();
  Result<VertexIndex> from = impl_->Vertex(g, request.from);
  if (!from) return from.error();
  Result<VertexIndex> to = impl_->Vertex(g, request.to);
  if (!to) return to.error();
  Result<EdgeFilter> filter = impl_->Filter(g, request.filter);
  if (!filter) return filter.error();

  PathResult result;
  result.from_id = topology.vertex_ids[*from];
  result.to_id = topology.vertex_ids[*to];
  std::vector<partnergraph::Path> paths;
  // The graph's 0 means no limit; a request's 0 allows only the empty path.
  if (request.max_hops == 0 && *from != *to) return result;
  PathOptions options;
  options.filter = *filter;
  options.directed = request.directed;
  options.max_hops = request.max_hops.value_or(0);
  options.all = request.all;
  options.max_paths = request.max_paths;
  Result<std::vector<partnergraph::Path>> found = g.ShortestPaths(*from, *to, options);
  if (!found) return found.error();
  // Every entity and relation is read once and shared by the paths through
  // it: a ladder of 40 diamonds has 2^40 shortest paths, and a copy of a
  // relation per hop of each took 40 KB a path.
  std::unordered_map<VertexIndex, uint32_t> entity_at;
  std::unordered_map<EdgeIndex, uint32_t> relation_at;
  result.paths.reserve(found->size());
  for (partnergraph::Path& path : *found) {
    FoundPath out;
    out.entities.reserve(path.vertices.size());
    for (VertexIndex v : path.vertices) {
      auto [at, added] = entity_at.emplace(v, static_cast<uint32_t>(result.entities.size()));
      if (added) {
        Result<Entity> entity = impl_->EntityOf(g, v);
        if (!entity) return entity.error();
        result.entities.push_back(std::move(*entity));
      }
      out.entities.push_back(at->second);
    }
    out.relations.reserve(path.edges.size());
    for (EdgeIndex e : path.edges) {
      auto [at, added] = relation_at.emplace(e, static_cast<uint32_t>(result.relations.size()));
      if (added) {
        Result<Relation> relation = impl_->RelationOf(g, e);
        if (!relation) return relation.error();
        result.relations.push_back(std::move(*relation));
      }
      out.relations.push_back(at->second);
    }
    result.paths.push_back(std::move(out));
    path = partnergraph::Path();  // the graph's copy is no longer needed
  }
  return result;
}

Result<NeighbourhoodResult> Database::Neighbours(const NeighboursRequest& request) const {
  if (request.depth < 0) return Status::InvalidArgument("the depth must be 0 or more");
  if (!request.filter.began_between.empty()) {
    if (Status s = CheckDateWindow(request.filter.began_between); !s.ok()) return s;
  }
  Result<const Graph*> graph = impl_->LoadedGraph();
  if (!graph) return graph.error();
  const Graph& g = **graph;
  Result<VertexIndex> start = impl_->Vertex(g, request.entity);
  if (!start) return start.error();
  Result<EdgeFilter> filter = impl_->Filter(g, request.filter);
  if (!filter) return filter.error();
  Result<Neighbourhood> hood =
      request.filter.began_between.empty()
          ? g.Neighbours(*start, request.depth, *filter, request.directed)
          : query::NeighboursBegunBetween(g, *start, request.depth, *filter, request.directed,
                                          request.filter.began_between);
  if (!hood) return hood.error();
  NeighbourhoodResult result;
  result.start_id = g.topology().vertex_ids[*start];
  for (const NeighbourVertex& n : hood->vertices) {
    Result<Entity> entity = impl_->EntityOf(g, n.vertex);
    if (!entity) return entity.error();
    result.entities.push_back({std::move(*entity), n.depth});
  }
  for (EdgeIndex e : hood->edges) {
    Result<Relation> relation = impl_->RelationOf(g, e);
    if (!relation) return relation.error();
    result.relations.push_back(std::move(*relation));
  }
  std::sort(result.relations.begin(), result.relations.end(),
            [](const Relation& a, const Relation& b) { return a.id < b.id; });
  return result;
}

Result<FundsResult> Database::Funds(const FundsRequest& request) const {
  const Store& store = *impl_->store;
  if (!request.began_between.empty()) {
    if (Status s = CheckDateWindow(request.began_between); !s.ok()) return s;
  }
  FundsOptions options;
  options.as_of = request.as_of;
  options.dates = request.dates;
  options.through = request.through;
  if (!request.funder.empty()) {
    Result<std::string> id = ResolveEntity(store, request.funder);
    if (!id) return id.error().WithContext("funder");
    options.funder = *id;
  }
  if (!request.recipient.empty()) {
    Result<std::string> id = ResolveEntity(store, request.recipient);
    if (!id) return id.error().WithContext("recipient");
    options.recipient = *id;
  }
  Result<const Graph*> graph = impl_->LoadedGraph();
  if (!graph) return graph.error();
  Result<FundingReport> report = partnergraph::Funds(store, **graph, options);
  if (!report) return report.error();
  FundsResult result;
  result.report = std::move(*report);
  EntityFetcher fetch(store, &(*graph)->topology());
  if (!request.began_between.empty()) {
    const std::set<std::string>& undertakings = store.schema().KindsInGroup("undertaking");
    query::KeepFlowsBegunBetween(result.report, request.began_between, [&](const std::string& id) {
      const std::optional<std::string> kind = store.EntityKind(id);
      return kind && undertakings.count(*kind) != 0;
    });
  }
  for (const FundingFlow& flow : result.report.flows) {
    for (const std::string* id : {&flow.relation.from, &flow.relation.to}) {
      Status s = fetch.Add(*id, result.entities);
      if (!s.ok()) return s;
    }
    for (const Relation& onward : flow.onward) {
      for (const std::string* id : {&onward.from, &onward.to}) {
        Status s = fetch.Add(*id, result.entities);
        if (!s.ok()) return s;
      }
    }
  }
  return result;
}

Result<std::vector<CentralEntity>> Database::Central(const CentralRequest& request) const {
  Result<const Graph*> graph = impl_->LoadedGraph(/*records=*/false);
  if (!graph) return graph.error();
  const Graph& g = **graph;
  Result<EdgeFilter> filter = impl_->Filter(g, request.filter);
  if (!filter) return filter.error();
  Result<std::vector<CentralityScore>> scores =
      g.Centrality(*filter, request.top, request.sample, request.progress);
  if (!scores) return scores.error();
  std::vector<CentralEntity> result;
  for (const CentralityScore& score : *scores) {
    Result<Entity> entity = impl_->EntityOf(g, score.vertex);
    if (!entity) return entity.error();
    result.push_back({std::move(*entity), score.betweenness, score.degree});
  }
  return result;
}

Result<CypherResult> Database::Query(const CypherRequest& request) const {
  Result<cypher::Query> query = cypher::Parse(request.text);
  if (!query) return query.error();
  Result<const Graph*> g = impl_->LoadedGraph(/*records=*/false);
  if (!g) return g.error();
  return cypher::Execute(*impl_->store, **g, *query, request, request.text,
                         [this] { return impl_->LoadedGraph(/*records=*/true); });
}

Result<DatingCounts> Database::Dating(const RelationFilter& filter) const {
  if (filter.as_of.empty()) return DatingCounts();
  Result<const Graph*> graph = impl_->LoadedGraph(/*records=*/false);
  if (!graph) return graph.error();
  Result<EdgeFilter> edges = impl_->Filter(**graph, filter);
  if (!edges) return edges.error();
  return CountDating((*graph)->topology(), *edges);
}

Result<std::vector<SourceSummary>> Database::Sources(bool with_counts) const {
  std::vector<SourceSummary> sources;
  std::map<std::string, size_t, std::less<>> index;
  Status s = impl_->store->ForEachSource([&](const SourceDocument& source) {
    index.emplace(source.doc, sources.size());
    sources.push_back({source, 0});
    return true;
  });
  if (!s.ok()) return s;
  if (!with_counts) return sources;
  Result<const Graph*> graph = impl_->LoadedGraph(/*records=*/true);
  if (!graph) return graph.error();
  const Topology& topology = (*graph)->topology();
  if (topology.records.HasRelations(topology.edges.size())) {
    for (EdgeIndex e = 0; e < topology.edges.size(); ++e) {
      auto it = index.find(topology.records.source_doc(e));
      if (it != index.end()) ++sources[it->second].relations;
    }
  }
  return sources;
}

Result<DatabaseStats> Database::Stats() const {
  Result<StoreStats> store_stats = impl_->store->Stats();
  if (!store_stats) return store_stats.error();
  DatabaseStats stats;
  stats.path = path();
  stats.store = std::move(*store_stats);
  Result<const Graph*> graph = impl_->LoadedGraph(/*records=*/false);
  if (!graph) return graph.error();
  Result<ComponentSummary> components = (*graph)->ConnectedComponents(EdgeFilter());
  if (!components) return components.error();
  stats.components = components->components;
  stats.largest_component = components->largest_component;
  stats.isolated_entities = components->isolated_vertices;
  return stats;
}

Result<DiffResult> Database::Diff(const DiffRequest& request) const {
  Result<const Graph*> graph = impl_->LoadedGraph();
  if (!graph) return graph.error();
  return query::Diff(*impl_->store, **graph, request);
}

Result<GraphView> Database::View(const ViewRequest& request) const {
  Result<const Graph*> graph = impl_->LoadedGraph();
  if (!graph) return graph.error();
  return SelectView(*impl_->store, **graph, request);
}

Result<Picture> Database::Dot(const PictureRequest& request) const {
  if (!request.diff.empty()) {
    Result<const Graph*> graph = impl_->LoadedGraph();
    if (!graph) return graph.error();
    Result<GraphView> overlay =
        query::DiffOverlay(*impl_->store, **graph, request.view, request.diff);
    if (!overlay) return overlay.error();
    return DotOf(*overlay, request);
  }
  Result<GraphView> view = View(request.view);
  if (!view) return view.error();
  return DotOf(*view, request);
}

Result<Picture> Database::DotOf(const GraphView& view, const PictureRequest& request) const {
  Result<VizStyle> style =
      VizStyle::LoadNamed(request.style.empty() ? "default" : request.style, request.style_folder);
  if (!style) return style.error();
  DotOptions dot_options = request.dot;
  dot_options.edge_labels = view.relations.size() <= kMaxRelationsLabelled;
  Picture picture;
  picture.layout = request.layout.empty() ? LayoutFor(request.view.kind) : request.layout;
  // Clusters need an engine that draws them.
  if (dot_options.clusters != Clustering::kNone && !LayoutDrawsClusters(picture.layout)) {
    if (!request.layout.empty()) {
      picture.note = request.layout + " does not draw clusters; laid out with " +
                     std::string(kClusterLayoutEngine);
    }
    picture.layout = kClusterLayoutEngine;
  }
  dot_options.layout_engine = picture.layout;
  if (dot_options.size_by == SizeBy::kBetweenness) {
    // The view's relation filter, over the whole graph: `pgraph central`'s scores.
    Result<const Graph*> graph = impl_->LoadedGraph(/*records=*/false);
    if (!graph) return graph.error();
    RelationFilter relations;
    relations.types = request.view.types;
    relations.as_of = request.view.as_of;
    relations.dates = request.view.dates;
    Result<EdgeFilter> filter = impl_->Filter(**graph, relations);
    if (!filter) return filter.error();
    Result<std::vector<CentralityScore>> scores = (*graph)->Centrality(*filter, /*top=*/0);
    if (!scores) return scores.error();
    for (const CentralityScore& score : *scores) {
      dot_options.betweenness[(*graph)->topology().vertex_ids[score.vertex]] = score.betweenness;
    }
  }
  Result<std::string> dot = WriteDot(view, *style, dot_options);
  if (!dot) return dot.error();
  picture.dot = std::move(*dot);
  picture.entities = view.entities.size();
  picture.relations = view.relations.size();
  return picture;
}

Result<std::string> Database::Render(const PictureRequest& request, ImageFormat format) const {
  Result<Picture> picture = Dot(request);
  if (!picture) return picture.error();
  return RenderDot(picture->dot, format, picture->layout);
}

Result<const Graph*> Database::graph() const { return impl_->LoadedGraph(); }

}  // namespace partnergraph
