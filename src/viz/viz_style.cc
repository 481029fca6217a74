#include "partnergraph/viz_style.h"

#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "viz/dot_escape.h"

namespace partnergraph {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kFormat = "partnergraph-style";
constexpr int kVersion = 1;
constexpr std::string_view kDefaultFont = "Noto Sans CJK SC";

// Attributes the DOT writer sets from the data; a style setting them would
// hide or replace what pgraph writes.
bool IsReservedAttribute(std::string_view name) {
  return name == "tooltip" || name == "key" || name == "id" || name == "fontname";
}

// "kinds.igo": where a value sits in the file, for messages.
std::string KeyPath(std::string_view parent, std::string_view key) {
  std::string path;
  path.reserve(parent.size() + 1 + key.size());
  path.append(parent).append(".").append(key);
  return path;
}

bool IsAttributeName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

// "file:line:column" for a byte offset, as editors and compilers print it.
std::string Position(std::string_view text, size_t byte, const std::string& origin) {
  size_t line = 1;
  size_t column = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return origin + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace

// Turns a parsed style document into a VizStyle; every failure names the
// file and the key path, e.g. "viz/x.json: kinds.igo.shape: ...".
class VizStyleParser {
 public:
  explicit VizStyleParser(std::string origin) : origin_(std::move(origin)) {}

  Result<VizStyle> Parse(const Json& doc) {
    if (!doc.is_object()) return Error("", "a style file is a JSON object");
    static const std::set<std::string, std::less<>> kKeys = {
        "format", "version", "description",  "font",   "graph",        "node",
        "edge",   "kinds",   "default_kind", "types",  "default_type", "highlight",
        "dimmed", "cluster", "legend",       "funding"};
    for (const auto& [key, value] : doc.items()) {
      if (kKeys.count(key) == 0) return Error(key, "unknown key");
    }
    if (!doc.contains("format") || doc["format"] != kFormat) {
      return Error("format", "expected \"" + std::string(kFormat) + "\"");
    }
    if (!doc.contains("version") || !doc["version"].is_number_integer()) {
      return Error("version", "expected an integer");
    }
    if (doc["version"].get<int64_t>() > kVersion) {
      return Status::NotSupported(
          origin_ + ": style format version " + std::to_string(doc["version"].get<int64_t>()) +
          " is newer than this pgraph reads (" + std::to_string(kVersion) + ")");
    }

    VizStyle style;
    style.origin_ = origin_;
    if (doc.contains("font")) {
      const Json& font = doc["font"];
      if (!font.is_string() || font.get<std::string>().empty() ||
          !viz::IsPlainValue(font.get<std::string>())) {
        return Error("font", "expected a font family name");
      }
      style.font_ = font.get<std::string>();
    }
    Status s = Attributes(doc, "graph", style.graph_);
    if (s.ok()) s = Attributes(doc, "node", style.node_);
    if (s.ok()) s = Attributes(doc, "edge", style.edge_);
    if (s.ok()) s = Attributes(doc, "cluster", style.cluster_);
    if (s.ok()) s = Block(doc, "legend", style.legend_);
    if (s.ok()) s = Block(doc, "default_kind", style.default_kind_);
    if (s.ok()) s = Block(doc, "default_type", style.default_type_);
    if (s.ok()) s = Blocks(doc, "kinds", style.default_kind_, style.kinds_);
    if (s.ok()) s = Blocks(doc, "types", style.default_type_, style.types_);
    if (s.ok()) s = NodeEdgePair(doc, "highlight", style.highlight_node_, style.highlight_edge_);
    if (s.ok()) s = NodeEdgePair(doc, "dimmed", style.dimmed_node_, style.dimmed_edge_);
    if (s.ok()) s = Funding(doc, style);
    if (!s.ok()) return s;
    return style;
  }

 private:
  Status Error(const std::string& path, const std::string& message) const {
    return Status::InvalidArgument(origin_ + ": " + (path.empty() ? "" : path + ": ") + message);
  }

  // Reads {"name": value, ..., "label": {"en": ..., "zh": ...}} into `block`;
  // `label` is only accepted where a display name means something.
  Status ReadBlock(const Json& object, const std::string& path, bool label_allowed,
                   StyleBlock& block) const {
    if (!object.is_object()) return Error(path, "expected an object of Graphviz attributes");
    for (const auto& [name, value] : object.items()) {
      const std::string where = KeyPath(path, name);
      if (name == "label") {
        if (!label_allowed) return Error(where, "a label is not allowed here");
        if (!value.is_object()) return Error(where, "expected {\"en\": ..., \"zh\": ...}");
        for (const auto& [lang, text] : value.items()) {
          if (!text.is_string()) return Error(KeyPath(where, lang), "expected a string");
          if (lang == "en") {
            block.label.en = text.get<std::string>();
          } else if (lang == "zh") {
            block.label.zh = text.get<std::string>();
          } else {
            return Error(KeyPath(where, lang), "expected \"en\" or \"zh\"");
          }
        }
        continue;
      }
      if (!IsAttributeName(name)) return Error(where, "not a Graphviz attribute name");
      if (IsReservedAttribute(name)) {
        return Error(where, "set by pgraph from the data (use \"font\" for the font)");
      }
      std::string text;
      if (value.is_string()) {
        text = value.get<std::string>();
      } else if (value.is_number() || value.is_boolean()) {
        text = value.dump();  // locale-independent, like the JSON itself
      } else {
        return Error(where, "expected a string or a number");
      }
      // Values go inside DOT quotes as they are; these characters would need
      // escaping there and no Graphviz attribute value needs them.
      if (!viz::IsPlainValue(text)) {
        return Error(where, "must not contain '\"', '\\' or control characters");
      }
      block.attributes[name] = std::move(text);
    }
    return Status::Ok();
  }

  // `path` names the block in messages; the key itself by default.
  Status Attributes(const Json& doc, const std::string& key, DotAttributes& out,
                    const std::string& path = "") const {
    if (!doc.contains(key)) return Status::Ok();
    StyleBlock block;
    Status s = ReadBlock(doc[key], path.empty() ? key : path, /*label_allowed=*/false, block);
    out = std::move(block.attributes);
    return s;
  }

  Status Block(const Json& doc, const std::string& key, StyleBlock& out) const {
    if (!doc.contains(key)) return Status::Ok();
    return ReadBlock(doc[key], key, /*label_allowed=*/true, out);
  }

  // "kinds" / "types": each entry merged over the default block, so lookups
  // need no second step.
  Status Blocks(const Json& doc, const std::string& key, const StyleBlock& fallback,
                std::map<std::string, StyleBlock, std::less<>>& out) const {
    if (!doc.contains(key)) return Status::Ok();
    if (!doc[key].is_object()) return Error(key, "expected an object");
    for (const auto& [name, value] : doc[key].items()) {
      StyleBlock own;
      Status s = ReadBlock(value, KeyPath(key, name), /*label_allowed=*/true, own);
      if (!s.ok()) return s;
      StyleBlock merged = fallback;
      for (auto& [attribute, text] : own.attributes) merged.attributes[attribute] = text;
      merged.label = own.label;
      out[name] = std::move(merged);
    }
    return Status::Ok();
  }

  Status NodeEdgePair(const Json& doc, const std::string& key, DotAttributes& node,
                      DotAttributes& edge) const {
    if (!doc.contains(key)) return Status::Ok();
    const Json& pair = doc[key];
    if (!pair.is_object()) return Error(key, "expected {\"node\": {...}, \"edge\": {...}}");
    for (const auto& [name, value] : pair.items()) {
      if (name != "node" && name != "edge") {
        return Error(KeyPath(key, name), "expected \"node\" or \"edge\"");
      }
    }
    Status s = Attributes(pair, "node", node, KeyPath(key, "node"));
    if (s.ok()) s = Attributes(pair, "edge", edge, KeyPath(key, "edge"));
    return s;
  }

  Status Funding(const Json& doc, VizStyle& style) const {
    if (!doc.contains("funding")) return Status::Ok();
    const Json& funding = doc["funding"];
    if (!funding.is_object()) return Error("funding", "expected an object");
    for (const auto& [name, value] : funding.items()) {
      const std::string where = KeyPath("funding", name);
      if (!value.is_number() || value.get<double>() <= 0 || value.get<double>() > 100) {
        return Error(where, "expected a width in points, above 0 and at most 100");
      }
      if (name == "min_penwidth") {
        style.min_penwidth_ = value.get<double>();
      } else if (name == "max_penwidth") {
        style.max_penwidth_ = value.get<double>();
      } else {
        return Error(where, "unknown key (expected min_penwidth or max_penwidth)");
      }
    }
    if (style.min_penwidth_ > style.max_penwidth_) {
      return Error("funding", "min_penwidth is larger than max_penwidth");
    }
    return Status::Ok();
  }

  std::string origin_;
};

VizStyle::VizStyle() : font_(kDefaultFont) {}

Result<VizStyle> VizStyle::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read style file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read style file " + path);
  return Parse(text.str(), path);
}

Result<VizStyle> VizStyle::LoadNamed(std::string_view name_or_path, const std::string& viz_dir) {
  if (name_or_path.empty()) return Status::InvalidArgument("empty style name");
  std::string name(name_or_path);
  if (name.find('/') != std::string::npos) return LoadFile(name);
  const bool has_extension = name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0;
  // "x.json" in the current directory wins over viz/x.json, as a path would.
  if (has_extension && std::ifstream(name).good()) return LoadFile(name);
  if (!has_extension) name += ".json";
  return LoadFile(viz_dir + "/" + name);
}

Result<VizStyle> VizStyle::Parse(std::string_view json_text, const std::string& origin) {
  // nlohmann throws on malformed input and on type mismatches; everything it
  // can throw becomes a Status naming the file.
  try {
    const Json doc = Json::parse(json_text);
    return VizStyleParser(origin).Parse(doc);
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line
    // L, column C: " prefix: the position is printed our way.
    if (const size_t colon = what.find(": "); colon != std::string::npos) {
      what = what.substr(colon + 2);
    }
    const size_t byte = e.byte == 0 ? 0 : e.byte - 1;
    return Status::InvalidArgument(Position(json_text, byte, origin) + ": invalid JSON: " + what);
  } catch (const Json::exception& e) {
    return Status::InvalidArgument(origin + ": " + e.what());
  }
}

const StyleBlock& VizStyle::Kind(std::string_view kind) const {
  auto it = kinds_.find(kind);
  return it == kinds_.end() ? default_kind_ : it->second;
}

const StyleBlock& VizStyle::Type(std::string_view type) const {
  auto it = types_.find(type);
  return it == types_.end() ? default_type_ : it->second;
}

}  // namespace partnergraph
