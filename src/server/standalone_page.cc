// pgraph render --format html: one view as a page that needs nothing but
// itself.
#include <map>
#include <string>
#include <string_view>

#include "partnergraph/json_documents.h"
#include "partnergraph/renderer.h"
#include "partnergraph/server.h"

#include "server/web_assets.h"

namespace partnergraph {
namespace {

// "ab12..." (64 hex digits) -> the digest's base64, as CSP hash sources take it.
std::string HexToBase64(std::string_view hex) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t chunk = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) chunk |= static_cast<unsigned char>(bytes[i + 2]);
    out += kDigits[(chunk >> 18) & 63];
    out += kDigits[(chunk >> 12) & 63];
    out += i + 1 < bytes.size() ? kDigits[(chunk >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kDigits[chunk & 63] : '=';
  }
  return out;
}

std::string HtmlText(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string_view AssetText(const server::WebAsset& asset) {
  return {reinterpret_cast<const char*>(asset.data), asset.size};
}

// The template with each @NAME@ replaced, in one pass: what is put in is
// never scanned for more names.
std::string Fill(std::string_view page, const std::map<std::string, std::string_view>& values) {
  std::string out;
  size_t i = 0;
  while (i < page.size()) {
    const size_t at = page.find('@', i);
    if (at == std::string_view::npos) break;
    const size_t end = page.find('@', at + 1);
    auto value = end == std::string_view::npos
                     ? values.end()
                     : values.find(std::string(page.substr(at + 1, end - at - 1)));
    if (value == values.end()) {
      out.append(page.substr(i, at + 1 - i));
      i = at + 1;
      continue;
    }
    out.append(page.substr(i, at - i));
    out.append(value->second);
    i = end + 1;
  }
  out.append(page.substr(std::min(i, page.size())));
  return out;
}

}  // namespace

Result<std::string> StandaloneViewPage(const Database& database, const PictureRequest& request) {
  const server::WebAsset* page = server::FindWebAsset("standalone.html");
  const server::WebAsset* script = server::FindWebAsset("standalone.js");
  const server::WebAsset* style = server::FindWebAsset("standalone.css");
  if (page == nullptr || script == nullptr || style == nullptr) {
    return Status::NotSupported("this pgraph was built without the HTML page's files");
  }
  Result<GraphView> view = database.View(request.view);
  if (!view) return view.error();
  Result<Picture> picture = database.DotOf(*view, request);
  if (!picture) return picture.error();
  Result<std::string> svg = RenderDot(picture->dot, ImageFormat::kSvg, picture->layout);
  if (!svg) return svg.error();
  // Inline SVG in HTML: without the XML declaration and doctype.
  const size_t start = svg->find("<svg");
  if (start == std::string::npos) return Status::InvalidArgument("Graphviz wrote no <svg>");
  const std::string_view drawing = std::string_view(*svg).substr(start);
  const std::string data = ViewRecordsJson(*view);
  const std::string csp = "default-src 'none'; script-src 'sha256-" +
                          HexToBase64(script->sha256_hex) + "'; style-src 'sha256-" +
                          HexToBase64(style->sha256_hex) +
                          "'; img-src data:; connect-src 'none'; base-uri 'none'; "
                          "form-action 'none'";
  const std::string title = HtmlText(view->title.empty() ? "PartnerGraph" : view->title);
  return Fill(AssetText(*page), {{"CSP", csp},
                                 {"TITLE", title},
                                 {"CSS", AssetText(*style)},
                                 {"SVG", drawing},
                                 {"DATA", data},
                                 {"JS", AssetText(*script)}});
}

}  // namespace partnergraph
