#include "server/api.h"

#include <algorithm>
#include <charconv>
#include <memory>
#include <set>

#include "partnergraph/database.h"
#include "partnergraph/json_documents.h"

#include "server/web_assets.h"

namespace partnergraph::server {
namespace {

constexpr const char* kJsonType = "application/json; charset=utf-8";
// Views larger than this are refused (as `pgraph dot` does by default).
constexpr size_t kMaxViewEntities = 2000;
// A Cypher query gives up after this long, and holds at most this many rows.
constexpr int64_t kQueryTimeoutMs = 10000;
constexpr size_t kQueryMaxRows = 100000;

Reply JsonReply(std::string body) { return {200, kJsonType, std::move(body), {}}; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string ContentTypeOf(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  if (name.ends_with(".png")) return "image/png";
  return "application/octet-stream";
}

std::string Param(const QueryParams& params, std::string_view name) {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

bool Flag(const QueryParams& params, std::string_view name) {
  const std::string value = Param(params, name);
  return value == "1" || value == "true" || value == "yes";
}

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

Result<int> IntParam(const QueryParams& params, std::string_view name, int fallback, int low,
                     int high) {
  const std::string text = Param(params, name);
  if (text.empty()) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    return Status::InvalidArgument(std::string(name) + ": expected a whole number from " +
                                   std::to_string(low) + " to " + std::to_string(high));
  }
  return value;
}

Result<PartialDate> DateParam(const QueryParams& params) {
  const std::string text = Param(params, "as_of");
  if (text.empty()) return PartialDate();
  Result<PartialDate> date = PartialDate::Parse(text);
  if (!date) return date.error().WithContext("as_of");
  return *date;
}

// dates=evidence|strict|any (as --dates): how undated relations count as of a date.
Result<DateRule> DatesParam(const QueryParams& params) {
  const std::string text = Param(params, "dates");
  if (text.empty()) return DateRule::kEvidence;
  std::optional<DateRule> rule = ParseDateRule(text);
  if (!rule) return Status::InvalidArgument("dates: expected evidence, strict or any");
  return *rule;
}

Result<RelationFilter> FilterParams(const QueryParams& params) {
  RelationFilter filter;
  filter.types = SplitCommas(Param(params, "types"));
  Result<PartialDate> as_of = DateParam(params);
  if (!as_of) return as_of.error();
  filter.as_of = *as_of;
  Result<DateRule> dates = DatesParam(params);
  if (!dates) return dates.error();
  filter.dates = *dates;
  return filter;
}

// The picture /api/view draws: the parameters of `pgraph dot`, by name.
Result<PictureRequest> PictureParams(const QueryParams& params, const std::string& style_folder) {
  PictureRequest request;
  ViewRequest& view = request.view;
  const std::string around = Param(params, "around");
  const std::string from = Param(params, "from");
  const std::string to = Param(params, "to");
  const bool funding = Flag(params, "funding");
  if ((around.empty() ? 0 : 1) + (from.empty() && to.empty() ? 0 : 1) + (funding ? 1 : 0) > 1) {
    return Status::InvalidArgument("choose one view: around, from and to, or funding");
  }
  if (!around.empty()) {
    view.kind = ViewKind::kAround;
    view.focus = around;
    Result<int> depth = IntParam(params, "depth", 1, 0, 6);
    if (!depth) return depth.error();
    view.depth = *depth;
  } else if (!from.empty() || !to.empty()) {
    if (from.empty() || to.empty()) return Status::InvalidArgument("a path needs from and to");
    view.kind = ViewKind::kPath;
    view.focus = from;
    view.target = to;
  } else if (funding) {
    view.kind = ViewKind::kFunding;
    view.funder = Param(params, "funder");
  }
  view.types = SplitCommas(Param(params, "types"));
  view.kinds = SplitCommas(Param(params, "kinds"));
  view.title = Param(params, "title");
  view.max_nodes = kMaxViewEntities;
  Result<PartialDate> as_of = DateParam(params);
  if (!as_of) return as_of.error();
  view.as_of = *as_of;
  Result<DateRule> dates = DatesParam(params);
  if (!dates) return dates.error();
  view.dates = *dates;
  request.style = "default";
  request.style_folder = style_folder;
  const std::string lang = Param(params, "lang");
  Result<LabelLanguage> language = LabelLanguageFromName(lang.empty() ? "en" : lang);
  if (!language) return language.error().WithContext("lang");
  request.dot.lang = *language;
  view.lang = lang.empty() ? "en" : lang;  // the title's language
  const std::string clusters = Param(params, "clusters");
  Result<Clustering> clustering = ClusteringFromName(clusters.empty() ? "none" : clusters);
  if (!clustering) return clustering.error().WithContext("clusters");
  request.dot.clusters = *clustering;
  request.dot.legend = Param(params, "legend") != "0";
  request.layout = Param(params, "layout");
  static const std::set<std::string, std::less<>> kEngines = {"",     "dot",   "neato", "fdp",
                                                              "sfdp", "circo", "twopi"};
  if (!kEngines.contains(request.layout)) {
    return Status::InvalidArgument("layout: one of dot, neato, fdp, sfdp, circo, twopi");
  }
  return request;
}

// Adds to `view` what `more` holds that it lacks (by id): merged, never duplicated.
void Merge(GraphView& view, GraphView more) {
  std::set<std::string> entities;
  for (const Entity& entity : view.entities) entities.insert(entity.id);
  std::set<std::string> relations;
  for (const Relation& relation : view.relations) relations.insert(relation.id);
  for (Entity& entity : more.entities) {
    if (entities.insert(entity.id).second) view.entities.push_back(std::move(entity));
  }
  for (Relation& relation : more.relations) {
    if (relations.insert(relation.id).second) view.relations.push_back(std::move(relation));
  }
}

// The picture /api/view asks for, drawn.
// The picture /api/view asks for, drawn.
Reply Draw(const Database& database, const QueryParams& params, const std::string& style_folder) {
  const Database* db = &database;
  Result<PictureRequest> request = PictureParams(params, style_folder);
  if (!request) return ErrorReply(request.error());
  const std::string format = Param(params, "format").empty() ? "json" : Param(params, "format");
  if (format != "json" && format != "svg" && format != "dot" && format != "png") {
    return ErrorReply(Status::InvalidArgument("format: one of json, svg, dot, png"));
  }
  const std::vector<std::string> expand = SplitCommas(Param(params, "expand"));
  const std::vector<std::string> remove = SplitCommas(Param(params, "remove"));
  Result<GraphView> view = db->View(request->view);
  if (!view) return ErrorReply(view.error());
  // Expanded entities add their neighbours (with the view's filters);
  // removed ones go with their relations. Without either, the view is
  // exactly `pgraph dot`'s.
  for (const std::string& entity : expand) {
    ViewRequest around = request->view;
    around.kind = ViewKind::kAround;
    around.focus = entity;
    around.depth = 1;
    Result<GraphView> more = db->View(around);
    if (!more) return ErrorReply(more.error().WithContext("expand"));
    Merge(*view, std::move(*more));
  }
  if (!remove.empty()) {
    const std::set<std::string> gone(remove.begin(), remove.end());
    std::erase_if(view->entities,
                  [&](const partnergraph::Entity& e) { return gone.contains(e.id); });
    std::erase_if(view->relations,
                  [&](const Relation& r) { return gone.contains(r.from) || gone.contains(r.to); });
  }
  if (view->entities.size() > kMaxViewEntities) {
    return ErrorReply(Status::InvalidArgument("the view holds more than " +
                                              std::to_string(kMaxViewEntities) +
                                              " entities: narrow it with types, kinds or as_of"));
  }
  Result<Picture> picture = db->DotOf(*view, *request);
  if (!picture) return ErrorReply(picture.error());
  if (format == "dot") return {200, "text/vnd.graphviz; charset=utf-8", picture->dot, {}};
  const ImageFormat image = format == "png" ? ImageFormat::kPng : ImageFormat::kSvg;
  Result<std::string> rendered = RenderDot(picture->dot, image, picture->layout);
  if (!rendered) return ErrorReply(rendered.error());
  if (format == "svg") return {200, "image/svg+xml", std::move(*rendered), {}};
  if (format == "png") return {200, "image/png", std::move(*rendered), {}};
  return JsonReply(ViewJson(*view, *picture, *rendered));
}

}  // namespace

Result<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      const int high = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (high < 0 || low < 0) return Status::InvalidArgument("malformed %-escape in the URL");
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

Result<QueryParams> ParseQuery(std::string_view query) {
  QueryParams params;
  size_t start = 0;
  while (start < query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    const size_t equals = pair.find('=');
    Result<std::string> name = PercentDecode(pair.substr(0, equals), true);
    if (!name) return name.error();
    Result<std::string> value = PercentDecode(
        equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
    if (!value) return value.error();
    params[*name] = std::move(*value);
  }
  return params;
}

Reply ErrorReply(const Status& status) {
  unsigned code = 500;
  switch (status.code()) {
    case StatusCode::kNotFound:
      code = 404;
      break;
    case StatusCode::kAmbiguous:
      code = 409;
      break;
    case StatusCode::kInvalidArgument:
      code = 400;
      break;
    case StatusCode::kBusy:
      code = 503;
      break;
    default:
      break;
  }
  return {code, kJsonType, ErrorJson(status), {}};
}

bool Api::Renders(std::string_view target) { return target.starts_with("/api/view"); }

Reply Api::Get(std::string_view target) const {
  const size_t question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  Result<QueryParams> params = ParseQuery(
      question == std::string_view::npos ? std::string_view() : target.substr(question + 1));
  if (!params) return ErrorReply(params.error());
  if (!raw_path.starts_with("/api/")) return Static(raw_path);
  const std::string_view route = raw_path.substr(5);
  if (route == "find") return Find(*params);
  if (route.starts_with("entity/")) {
    Result<std::string> id = PercentDecode(route.substr(7), false);
    if (!id) return ErrorReply(id.error());
    return Entity(*id);
  }
  if (route == "view") return View(target, *params);
  if (route == "path") return Path(*params);
  if (route == "funds") return Funds(*params);
  if (route == "query") return Query(*params);
  if (route == "neighbours") return Neighbours(*params);
  if (route == "schema") return Schema();
  return ErrorReply(Status::NotFound("no such endpoint: " + std::string(raw_path)));
}

Reply Api::Static(std::string_view path) const {
  // Only the embedded files, by exact name: "..", "%2e" or "/" never match one.
  std::string_view name;
  if (path == "/" || path == "/index.html") {
    name = "index.html";
  } else if (path.starts_with("/static/")) {
    name = path.substr(8);
  }
  const WebAsset* asset = name.empty() ? nullptr : FindWebAsset(name);
  if (asset == nullptr || (name == "index.html" && path.starts_with("/static/"))) {
    return {404, "text/plain; charset=utf-8", "Not found\n", {}};
  }
  return {200,
          ContentTypeOf(name),
          std::string(reinterpret_cast<const char*>(asset->data), asset->size),
          {}};
}

Reply Api::Find(const QueryParams& params) const {
  Result<int> limit = IntParam(params, "limit", 20, 0, 10000);
  if (!limit) return ErrorReply(limit.error());
  const std::string text = Param(params, "q");
  if (text.empty()) return JsonReply("[]\n");
  std::shared_ptr<const Database> db = databases_.Current();
  // As `pgraph find --json`: the entities, then the relations whose title matches.
  Result<FindResult> found = db->Search({text, static_cast<size_t>(*limit)});
  if (!found) return ErrorReply(found.error());
  return JsonReply(FindJson(found->entities, found->relations));
}

Reply Api::Entity(std::string_view id) const {
  std::shared_ptr<const Database> db = databases_.Current();
  Result<EntityDetail> detail = db->Show({std::string(id)});
  if (!detail) return ErrorReply(detail.error());
  return JsonReply(ShowJson(*detail));
}

bool Api::CachedView(const std::shared_ptr<const Database>& db, std::string_view target,
                     Reply& reply) const {
  std::lock_guard<std::mutex> lock(cache_mutex_);
  if (db != cache_database_) return false;
  auto found = cache_.find(target);
  if (found == cache_.end()) return false;
  reply = found->second;
  return true;
}

void Api::CacheView(const std::shared_ptr<const Database>& db, std::string_view target,
                    const Reply& reply) const {
  std::lock_guard<std::mutex> lock(cache_mutex_);
  if (db != cache_database_) {
    cache_.clear();
    cache_order_.clear();
    cache_database_ = db;
  }
  if (!cache_.emplace(std::string(target), reply).second) return;
  cache_order_.emplace_back(target);
  if (cache_order_.size() > kCachedViews) {
    cache_.erase(cache_order_.front());
    cache_order_.pop_front();
  }
}

Reply Api::View(std::string_view target, const QueryParams& params) const {
  std::shared_ptr<const Database> db = databases_.Current();
  Reply cached;
  if (CachedView(db, target, cached)) return cached;
  Reply reply = Draw(*db, params, style_folder_);
  // Failures are cheap to find again; only pictures are kept.
  if (reply.status == 200) CacheView(db, target, reply);
  return reply;
}

Reply Api::Path(const QueryParams& params) const {
  Result<RelationFilter> filter = FilterParams(params);
  if (!filter) return ErrorReply(filter.error());
  PathRequest request;
  request.from = Param(params, "from");
  request.to = Param(params, "to");
  if (request.from.empty() || request.to.empty()) {
    return ErrorReply(Status::InvalidArgument("a path needs from and to"));
  }
  request.filter = *filter;
  request.directed = Flag(params, "directed");
  request.all = Flag(params, "all");
  request.max_paths = 100;
  if (!Param(params, "max_hops").empty()) {
    Result<int> hops = IntParam(params, "max_hops", 0, 0, 100);
    if (!hops) return ErrorReply(hops.error());
    request.max_hops = *hops;
  }
  std::shared_ptr<const Database> db = databases_.Current();
  Result<PathResult> result = db->Path(request);
  if (!result) return ErrorReply(result.error());
  return JsonReply(PathJson(*result));
}

Reply Api::Funds(const QueryParams& params) const {
  FundsRequest request;
  request.funder = Param(params, "funder");
  request.recipient = Param(params, "recipient");
  request.through = Flag(params, "through");
  Result<PartialDate> as_of = DateParam(params);
  if (!as_of) return ErrorReply(as_of.error());
  request.as_of = *as_of;
  Result<DateRule> dates = DatesParam(params);
  if (!dates) return ErrorReply(dates.error());
  request.dates = *dates;
  std::shared_ptr<const Database> db = databases_.Current();
  Result<FundsResult> result = db->Funds(request);
  if (!result) return ErrorReply(result.error());
  return JsonReply(FundsJson(result->report, request.through));
}

Reply Api::Query(const QueryParams& params) const {
  CypherRequest request;
  request.text = Param(params, "q");
  if (request.text.empty()) return ErrorReply(Status::InvalidArgument("no query: give q"));
  Result<PartialDate> as_of = DateParam(params);
  if (!as_of) return ErrorReply(as_of.error());
  request.as_of = *as_of;
  Result<DateRule> dates = DatesParam(params);
  if (!dates) return ErrorReply(dates.error());
  request.dates = *dates;
  request.timeout_ms = kQueryTimeoutMs;
  request.max_rows = kQueryMaxRows;
  std::shared_ptr<const Database> db = databases_.Current();
  Result<CypherResult> result = db->Query(request);
  if (!result) return ErrorReply(result.error());
  return JsonReply(CypherJson(*result));
}

Reply Api::Neighbours(const QueryParams& params) const {
  Result<RelationFilter> filter = FilterParams(params);
  if (!filter) return ErrorReply(filter.error());
  NeighboursRequest request;
  request.entity = Param(params, "entity");
  Result<int> depth = IntParam(params, "depth", 1, 0, 6);
  if (!depth) return ErrorReply(depth.error());
  request.depth = *depth;
  request.filter = *filter;
  request.directed = Flag(params, "directed");
  std::shared_ptr<const Database> db = databases_.Current();
  Result<NeighbourhoodResult> hood = db->Neighbours(request);
  if (!hood) return ErrorReply(hood.error());
  Result<DatingCounts> dating = db->Dating(request.filter);
  if (!dating) return ErrorReply(dating.error());
  return JsonReply(
      WithDating(NeighboursJson(*hood), request.filter.as_of, request.filter.dates, *dating));
}

Reply Api::Schema() const {
  std::shared_ptr<const Database> db = databases_.Current();
  return JsonReply(SchemaJson(db->schema()));
}

}  // namespace partnergraph::server
