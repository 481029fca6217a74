// What the server answers: the page's files and the JSON API. Knows nothing
// of HTTP connections; http_server.cc does the protocol and the security
// rules, then asks Api for the reply to a GET of a target.
#ifndef PARTNERGRAPH_SERVER_API_H_
#define PARTNERGRAPH_SERVER_API_H_

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "partnergraph/status.h"

#include "server/database_holder.h"

namespace partnergraph::server {

struct Reply {
  unsigned status = 200;
  std::string content_type;
  std::string body;
  // Extra headers (e.g. Content-Disposition).
  std::vector<std::pair<std::string, std::string>> headers;
};

// A URL's query: name -> value, percent- and '+'-decoded; the last of a
// repeated name wins.
using QueryParams = std::map<std::string, std::string, std::less<>>;

// "%41+b" -> "A b" (with `plus_is_space`). Fails (nullopt-like empty
// Result) on a malformed escape.
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);
Result<QueryParams> ParseQuery(std::string_view query);

class Api {
 public:
  Api(DatabaseHolder& databases, std::string style_folder)
      : databases_(databases), style_folder_(std::move(style_folder)) {}

  // Whether answering `target` lays out a picture with Graphviz (it then
  // runs on the render thread).
  static bool Renders(std::string_view target);

  // The reply to GET `target` (path and query, as sent). Thread-safe.
  Reply Get(std::string_view target) const;

 private:
  Reply Static(std::string_view path) const;
  Reply Find(const QueryParams& params) const;
  Reply Entity(std::string_view id) const;
  Reply View(std::string_view target, const QueryParams& params) const;
  Reply Path(const QueryParams& params) const;
  Reply Funds(const QueryParams& params) const;
  Reply Query(const QueryParams& params) const;
  Reply Neighbours(const QueryParams& params) const;
  Reply Schema() const;

  // Views are drawn again only when the database changed: the same target
  // on the same Database gives the same bytes (DOT is stable, and Graphviz
  // lays the same DOT out the same way). At most kCachedViews replies, the
  // oldest dropped first.
  static constexpr size_t kCachedViews = 64;
  bool CachedView(const std::shared_ptr<const Database>& db, std::string_view target,
                  Reply& reply) const;
  void CacheView(const std::shared_ptr<const Database>& db, std::string_view target,
                 const Reply& reply) const;

  DatabaseHolder& databases_;
  const std::string style_folder_;
  mutable std::mutex cache_mutex_;
  mutable std::shared_ptr<const Database> cache_database_;  // what the cache was drawn from
  mutable std::map<std::string, Reply, std::less<>> cache_;
  mutable std::deque<std::string> cache_order_;  // oldest first
};

// The JSON reply of a failure, with the HTTP status its code maps to:
// 404 not found, 409 ambiguous, 400 invalid argument, 503 busy, else 500.
Reply ErrorReply(const Status& status);

}  // namespace partnergraph::server

#endif  // PARTNERGRAPH_SERVER_API_H_
