// pgraph serve: the partnership explorer in the browser. An HTTP server on
// Boost.Beast that serves the page (HTML, CSS and JavaScript embedded in the
// binary) and a read-only JSON API over one database (see README, "Exploring
// in the browser", for the endpoints).
//
// Security, for a server any web page the user visits could reach through
// the browser: it answers 421 to a Host other than localhost, 127.0.0.1 or
// [::1] with its port (DNS rebinding); GET and HEAD only (405), no request
// bodies (413); URIs up to kMaxTargetBytes (414) and headers up to
// kMaxHeaderBytes (431); no CORS headers; every response carries
// kContentSecurityPolicy and "X-Content-Type-Options: nosniff"; static files
// come only from the embedded set, so no part of a URL names a file on disk;
// a client that does not finish its headers within header_timeout_ms is
// dropped.
#ifndef PARTNERGRAPH_SERVER_H_
#define PARTNERGRAPH_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include "partnergraph/database.h"
#include "partnergraph/status.h"

namespace partnergraph {

inline constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
inline constexpr size_t kMaxTargetBytes = 4096;
inline constexpr size_t kMaxHeaderBytes = 16384;

struct ServeOptions {
  std::string db_path;       // the database (must exist)
  std::string style_folder;  // viz/, where the named styles live
  std::string bind = "127.0.0.1";
  uint16_t port = 8470;  // 0: any free port (the URL printed says which)
  // Threads answering questions (find, entity, path, funds, query); renders
  // have a thread of their own, so a slow layout never holds up a search.
  int query_threads = 3;
  int64_t header_timeout_ms = 10000;   // to receive a request's headers
  int64_t request_timeout_ms = 30000;  // to answer it (503 after that)
  // Called once the server listens, with its URL.
  std::function<void(const std::string& url)> on_listening;
};

// Serves until SIGINT or SIGTERM, then stops accepting, finishes the
// requests in progress and returns Ok. Fails with kIOError when it cannot
// listen (address in use), kInvalidArgument for a bind address that is not
// an IP address, or as Database::Open fails. Writes a warning to `log` when
// the bind address is not a loopback one. The database is opened read-only
// and opened again when its files change (an import by another process), so
// each request sees one whole state of it.
Status Serve(const ServeOptions& options, std::ostream& log);

// One view as a self-contained page that works offline (pgraph render
// --format html): the SVG Graphviz draws for `request` (the same DOT as
// Database::Dot), pan and zoom, search within the view, and each entity's
// panel from the view's records embedded as JSON. Its Content-Security-Policy
// is the server's, with the page's own inline script and style allowed by
// their SHA-256 hashes instead of 'self' (a file has no origin to trust):
// nothing else runs, loads or connects. Fails as Database::Dot and RenderDot do.
Result<std::string> StandaloneViewPage(const Database& database, const PictureRequest& request);

}  // namespace partnergraph

#endif  // PARTNERGRAPH_SERVER_H_
