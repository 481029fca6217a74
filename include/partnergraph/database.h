// The front door: a PartnerGraph database, opened once, that answers every
// question pgraph answers. A C++ caller starts here:
//
//   Result<std::unique_ptr<Database>> db = Database::Open("partners.db");
//   if (!db) return db.error();
//   PathRequest request;
//   request.from = "china";
//   request.to = "cambodia";
//   Result<PathResult> paths = (*db)->Path(request);
//
// Requests name entities as a user types them (an id, a name in English or
// Chinese, an alias: resolved as `pgraph find` does), relation types and
// entity kinds by their schema names; the Database checks them all and fails
// with a message that says what is wrong and what was probably meant.
// Results carry everything a printer needs (entities with their names and
// kind, relations with type, title, role, dates, amount, attributes and
// source), so nothing needs to go back to the store.
//
// Errors: every method returns a Status or Result (status.h): kNotFound for an
// entity that matches nothing (with close names), kAmbiguous listing every
// candidate, kInvalidArgument for an unknown type, kind or option,
// kCorruption for a damaged store (with the recovery), kBusy when another
// process writes it, kIOError for the disk.
//
// Threads: one open Database may be queried from many threads at once; every
// const method is safe to call concurrently (the store's reads are, and the
// graph is built once, under a lock, by whichever query needs it first).
// Import is not: call it while no query runs on the same Database. Other
// processes may read the same database while one imports into it; each
// Database sees the store as it was when it was opened.
#ifndef PARTNERGRAPH_DATABASE_H_
#define PARTNERGRAPH_DATABASE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "partnergraph/cypher.h"
#include "partnergraph/date.h"
#include "partnergraph/diff.h"
#include "partnergraph/dot_writer.h"
#include "partnergraph/entity.h"
#include "partnergraph/exporter.h"
#include "partnergraph/graph.h"
#include "partnergraph/importer.h"
#include "partnergraph/query.h"
#include "partnergraph/relation.h"
#include "partnergraph/renderer.h"
#include "partnergraph/status.h"
#include "partnergraph/store.h"
#include "partnergraph/views.h"

namespace partnergraph {

struct DatabaseOptions {
  // kReadOnly for queries (many processes may, beside one writer);
  // kReadWrite to import (one process at a time; others get kBusy).
  OpenMode mode = OpenMode::kReadOnly;
  // Map the graph snapshot (topology.snapshot) when it matches the store.
  bool use_snapshot = true;
  // After building the graph from the store, save the snapshot for the next
  // process (best effort).
  bool write_snapshot = true;
};

// What a new database is made of.
struct CreateRequest {
  std::string schema_file;              // the vocabulary: data/schema.json
  std::vector<std::string> data_files;  // imported into it; empty: an empty database
  ImportOptions import;                 // how they are read and validated
  // Replace a database already at the path (never a folder holding anything
  // else), atomically: readers see the old one or the new one.
  bool replace = false;
};

// Which relations a query may use, by name.
struct RelationFilter {
  std::vector<std::string> types;        // relation types; empty: every type
  PartialDate as_of;                     // empty: any date; else relations in force then
  DateRule dates = DateRule::kEvidence;  // how undated relations count as of `as_of`
  // Empty: any; else only relations that began within it (BeganBetween,
  // diff.h: undated relations never). Used by Neighbours.
  DateWindow began_between;
};

struct FindRequest {
  std::string text;   // what the user typed
  size_t limit = 20;  // 0: all
};

// A relation whose title matched what was searched (Database::Search).
struct FoundRelation {
  Relation relation;
  Entity from;
  Entity to;
  double score = 0;  // as FoundEntity's
};

struct FindResult {
  std::vector<FoundEntity> entities;     // best first, at most the request's limit
  size_t entities_total = 0;             // how many matched before the limit
  std::vector<FoundRelation> relations;  // titles matched, best first, at most the limit
  size_t relations_total = 0;
};

struct ShowRequest {
  std::string entity;
};

// One relation of an entity, seen from it.
struct EntityRelation {
  Relation relation;
  Direction direction = Direction::kOut;  // kOut: the entity is `from`
};

struct EntityDetail {
  Entity entity;
  // Grouped by type (ascending), then outgoing before incoming, then by the
  // other end and the relation id.
  std::vector<EntityRelation> relations;
  std::map<std::string, Entity> others;  // the other end of every relation, by id
};

struct PathRequest {
  std::string from;
  std::string to;
  RelationFilter filter;
  // Follow relations from -> to only; symmetric types go both ways.
  bool directed = false;
  // Give up beyond this many hops (0: only a path from an entity to itself);
  // nullopt: no limit.
  std::optional<int> max_hops;
  bool all = false;        // every shortest path rather than the first
  size_t max_paths = 100;  // with `all`: at most this many; at most kMaxPathsLimit
  static constexpr size_t kMaxPathsLimit = 100000;
};

// One path, as indices into its PathResult's entities and relations:
// relations[i] joins entities[i] and entities[i + 1], in either direction.
// Indices, not records, so that 100000 paths of 40 hops take about 32 MB.
struct FoundPath {
  std::vector<uint32_t> entities;
  std::vector<uint32_t> relations;
};

struct PathResult {
  std::string from_id;
  std::string to_id;
  std::vector<FoundPath> paths;     // empty when there is none: an answer, not an error
  std::vector<Entity> entities;     // every entity on a path, once
  std::vector<Relation> relations;  // every relation on a path, once

  const Entity& EntityOf(const FoundPath& path, size_t i) const {
    return entities[path.entities[i]];
  }
  const Relation& RelationOf(const FoundPath& path, size_t i) const {
    return relations[path.relations[i]];
  }
};

struct NeighboursRequest {
  std::string entity;
  int depth = 1;  // 0: the entity alone
  RelationFilter filter;
  bool directed = false;
};

struct NeighbourEntity {
  Entity entity;
  int depth = 0;  // hops from the start; 0 for the start itself
};

struct NeighbourhoodResult {
  std::string start_id;
  std::vector<NeighbourEntity> entities;  // by depth, then id
  std::vector<Relation> relations;        // every allowed relation among them, by id
};

// A source document and the number of relations that cite it.
struct SourceSummary {
  SourceDocument source;
  size_t relations = 0;
};

struct FundsRequest {
  std::string funder;     // as typed; empty: any
  std::string recipient;  // as typed; empty: any
  PartialDate as_of;
  DateRule dates = DateRule::kEvidence;  // how undated flows count as of `as_of`
  bool through = false;  // follow each recipient on to implementers and beneficiaries
  // Empty: any; else only flows that began within it (BeganBetween), the
  // totals adding those alone.
  DateWindow began_between;
};

struct FundsResult {
  FundingReport report;                    // flows, totals (query.h says what they add)
  std::map<std::string, Entity> entities;  // every funder, recipient and onward entity
};

struct CentralRequest {
  RelationFilter filter;
  size_t top = 10;  // 0: all
  // Estimate betweenness from this many pivots (Graph::Centrality); 0: exact.
  size_t sample = 0;
  // Called after each search with the searches done and their total, on the
  // calling thread (a progress bar); may be empty.
  std::function<void(size_t done, size_t total)> progress;
};

struct CentralEntity {
  Entity entity;
  double betweenness = 0;
  size_t degree = 0;
};

struct DatabaseStats {
  std::string path;
  StoreStats store;
  size_t components = 0;         // connected components of the graph (undirected)
  size_t largest_component = 0;  // entities in the largest
  size_t isolated_entities = 0;  // entities with no relation
};

// A picture of a view: which view, and how it is drawn.
struct PictureRequest {
  ViewRequest view;
  std::string style = "default";  // a style name in `style_folder`, or a file
  std::string style_folder;       // where named styles live (viz/)
  DotOptions dot;
  // Graphviz layout engine; empty: the one that suits the view (sfdp for the
  // whole network, twopi around an entity, dot for paths and funding flows).
  std::string layout;
  // Empty: a picture of the view; else the view's change between the two
  // dates drawn as an overlay (diff.h: began, ended, first reported,
  // unchanged, each in its own style, with a legend). view.as_of must then
  // be empty.
  DateWindow diff;
};

struct Picture {
  std::string dot;     // Graphviz DOT, byte-identical for the same database and request
  std::string layout;  // the engine to lay it out with
  // Said to the user when the engine is not the one asked for: clusters
  // need one that draws them ("twopi does not draw clusters; laid out with fdp").
  std::string note;
  size_t entities = 0;
  size_t relations = 0;
};

class Database {
 public:
  // Opens the database at `path`. Fails with kNotFound when there is none,
  // kCorruption when it is damaged, kBusy (kReadWrite) when another process
  // writes it, kNotSupported for a newer format. Read-only opens beside a
  // writer see one state of the store, before or after its import.
  static Result<std::unique_ptr<Database>> Open(const std::string& path,
                                                const DatabaseOptions& options = {});

  // Creates a database at `path` from `request`: built beside it and moved
  // into place only when complete (see Store::CreateAtomically for what may
  // be replaced). Fails with the import's errors (kInvalidArgument listing
  // them), or as CreateAtomically does. Not for a path another thread of
  // this process has open.
  static Result<ApplyReport> Create(const std::string& path, const CreateRequest& request);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& path() const;
  const Schema& schema() const;

  // Validates `files` and writes them in one atomic, synced write (see
  // importer.h). Needs a kReadWrite open; kInvalidArgument otherwise. Queries
  // made afterwards see the import. Not thread-safe (see above).
  Result<ApplyReport> Import(const std::vector<std::string>& files, const ImportOptions& options);

  // Writes every source, entity and relation in `format` to `out`. CSV is a
  // folder of files: use ExportToPath.
  Status Export(ExportFormat format, std::ostream& out) const;
  // Writes the export to `path` (a folder for CSV, Neo4j and AGE): a file
  // only when the whole export succeeded (AtomicFile), never a truncated one.
  Status ExportToPath(ExportFormat format, const std::string& path) const;
  // The same, of one view (as View selects it: max_nodes applies) and the
  // sources its relations cite.
  Status ExportView(const ViewRequest& view, ExportFormat format, std::ostream& out) const;
  Status ExportViewToPath(const ViewRequest& view, ExportFormat format,
                          const std::string& path) const;

  // The entity `text` names (resolved as everywhere): kNotFound, kAmbiguous.
  Result<Entity> Resolve(std::string_view text) const;

  Result<std::vector<FoundEntity>> Find(const FindRequest& request) const;
  // What `pgraph find` lists: Find's entities with how many matched, and the
  // relations whose title matches the text as names do (so "maritime" finds
  // the MoU about the Maritime Labour Convention).
  Result<FindResult> Search(const FindRequest& request) const;
  Result<EntityDetail> Show(const ShowRequest& request) const;
  Result<PathResult> Path(const PathRequest& request) const;
  Result<NeighbourhoodResult> Neighbours(const NeighboursRequest& request) const;
  Result<FundsResult> Funds(const FundsRequest& request) const;
  Result<std::vector<CentralEntity>> Central(const CentralRequest& request) const;
  Result<DatabaseStats> Stats() const;
  // How the relations of `filter`'s types count as of its date under its
  // rule (graph.h): what a command applying an as-of date reports beside
  // its answer. All zero when the filter has no date.
  Result<DatingCounts> Dating(const RelationFilter& filter) const;
  // Every source document, by file name, with how many relations cite it
  // (left 0 without `with_counts`, which spares loading the graph).
  Result<std::vector<SourceSummary>> Sources(bool with_counts = true) const;
  // The relations that began, ended or were first reported between two
  // dates (diff.h says how each is told), grouped by type, with counts.
  // Fails with kInvalidArgument for a window whose first date is after its
  // second, an unknown type or kind, a negative depth; kNotFound or
  // kAmbiguous for `around`.
  Result<DiffResult> Diff(const DiffRequest& request) const;

  // Runs a read-only openCypher query (cypher.h says how entities and
  // relations look in it). Fails with kInvalidArgument for a syntax error
  // (line, column and a caret under the query), a write clause ("pgraph
  // query is read-only"), an unknown label, type, variable or function
  // (with the closest name), a type error, a missing parameter, or a query
  // past request.timeout_ms or request.max_rows; kIOError when out of
  // memory. Thread-safe: each query keeps its own state.
  Result<CypherResult> Query(const CypherRequest& request) const;

  // The entities and relations a picture of `request` shows.
  Result<GraphView> View(const ViewRequest& request) const;
  // The DOT text of a picture and the layout engine to draw it with.
  Result<Picture> Dot(const PictureRequest& request) const;
  // The DOT text of `view`, a view the caller assembled (merged
  // neighbourhoods, say), drawn as Dot draws request.view's: the same style,
  // options and engine. Fails as WriteDot does.
  Result<Picture> DotOf(const GraphView& view, const PictureRequest& request) const;
  // The picture laid out and rendered in `format` (SVG text, PNG or PDF
  // bytes). Renders are serialised process-wide (libgvc is not thread-safe).
  Result<std::string> Render(const PictureRequest& request, ImageFormat format) const;

  // The in-memory graph, built or mapped on first use. For callers that run
  // their own algorithms over it; its indices name vertices and edges.
  Result<const Graph*> graph() const;

 private:
  struct Impl;
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_DATABASE_H_
