// The page's files, embedded in the binary at build time from viz/web/
// (embed_assets.cmake writes web_assets.cc): the only files the server
// serves, so no part of a URL ever names a file on disk.
#ifndef PARTNERGRAPH_SERVER_WEB_ASSETS_H_
#define PARTNERGRAPH_SERVER_WEB_ASSETS_H_

#include <cstddef>
#include <string_view>

namespace partnergraph::server {

struct WebAsset {
  const char* name;  // "index.html", "app.js", ...
  const unsigned char* data;
  size_t size;
  const char* sha256_hex;  // of the bytes, for Content-Security-Policy hashes
};

// The embedded file called `name`, or nullptr.
const WebAsset* FindWebAsset(std::string_view name);

}  // namespace partnergraph::server

#endif  // PARTNERGRAPH_SERVER_WEB_ASSETS_H_
