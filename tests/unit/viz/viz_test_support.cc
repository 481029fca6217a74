#include "viz_test_support.h"

#include <stdlib.h>  // mkdtemp

#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <graphviz/cgraph.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "partnergraph/renderer.h"

namespace partnergraph::viz_test {
namespace {

using Json = nlohmann::json;

struct AgraphCloser {
  void operator()(Agraph_t* graph) const { agclose(graph); }
};
using AgraphPtr = std::unique_ptr<Agraph_t, AgraphCloser>;

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::map<std::string, std::string> Attributes(Agraph_t* graph, int kind, void* object) {
  std::map<std::string, std::string> values;
  for (Agsym_t* sym = agnxtattr(graph, kind, nullptr); sym != nullptr;
       sym = agnxtattr(graph, kind, sym)) {
    const char* value = agxget(object, sym);
    if (value != nullptr && value[0] != '\0') values[sym->name] = value;
  }
  return values;
}

void AppendUtf8(std::string& out, uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// Decodes one XML entity at text[i] ('&'); returns its length, 0 if none.
size_t DecodeEntity(std::string_view text, size_t i, std::string& out) {
  static const std::array<std::pair<std::string_view, std::string_view>, 5> kNamed = {
      {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}}};
  for (const auto& [entity, text_value] : kNamed) {
    if (text.substr(i, entity.size()) == entity) {
      out += text_value;
      return entity.size();
    }
  }
  if (text.substr(i, 2) != "&#") return 0;
  const size_t semicolon = text.find(';', i);
  if (semicolon == std::string_view::npos) return 0;
  const std::string number(text.substr(i + 2, semicolon - i - 2));
  const bool hex = !number.empty() && (number[0] == 'x' || number[0] == 'X');
  const uint32_t code_point =
      static_cast<uint32_t>(std::stoul(hex ? number.substr(1) : number, nullptr, hex ? 16 : 10));
  AppendUtf8(out, code_point);
  return semicolon - i + 1;
}

std::string DecodeXml(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '&') {
      const size_t length = DecodeEntity(text, i, out);
      if (length > 0) {
        i += length;
        continue;
      }
    }
    out += text[i++];
  }
  // Graphviz writes runs of spaces as no-break spaces so viewers keep them.
  std::string spaced;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out.compare(i, 2, "\xC2\xA0") == 0) {
      spaced += ' ';
      ++i;
    } else {
      spaced += out[i];
    }
  }
  return spaced;
}

std::vector<std::string> ElementTexts(std::string_view svg, std::string_view tag) {
  std::vector<std::string> texts;
  const std::string open = "<" + std::string(tag);
  const std::string close = "</" + std::string(tag) + ">";
  for (size_t at = svg.find(open); at != std::string_view::npos; at = svg.find(open, at + 1)) {
    const char after = svg[at + open.size()];
    if (after != '>' && after != ' ') continue;
    const size_t start = svg.find('>', at) + 1;
    const size_t end = svg.find(close, start);
    if (end == std::string_view::npos) break;
    texts.push_back(DecodeXml(svg.substr(start, end - start)));
  }
  return texts;
}

}  // namespace

std::string FixturePath(std::string_view name) {
  return std::string(PARTNERGRAPH_SOURCE_DIR) + "/tests/fixtures/" + std::string(name);
}

std::string VizDir() { return PARTNERGRAPH_VIZ_DIR; }

std::string SchemaPath() { return std::string(PARTNERGRAPH_DATA_DIR) + "/schema.json"; }

Result<GraphView> LoadViewFixture(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text) return text.error();
  try {
    const Json doc = Json::parse(*text);
    GraphView view;
    for (const Json& record : doc.at("entities")) {
      Entity entity;
      entity.id = record.at("id").get<std::string>();
      entity.kind = record.at("kind").get<std::string>();
      entity.name.en = record.at("name").value("en", "");
      entity.name.zh = record.at("name").value("zh", "");
      for (const Json& alias : record.value("aliases", Json::array())) {
        entity.aliases.push_back(alias.get<std::string>());
      }
      // A named copy: items() of a temporary would dangle in the loop.
      const Json attributes = record.value("attributes", Json::object());
      for (const auto& [key, value] : attributes.items()) {
        entity.attributes[key] = value.get<std::string>();
      }
      view.entities.push_back(std::move(entity));
    }
    for (const Json& record : doc.at("relations")) {
      Relation relation;
      relation.id = record.at("id").get<std::string>();
      relation.type = record.at("type").get<std::string>();
      relation.from = record.at("from").get<std::string>();
      relation.to = record.at("to").get<std::string>();
      relation.title = record.value("title", "");
      relation.role = record.value("role", "");
      for (const char* field : {"since", "until"}) {
        if (!record.contains(field)) continue;
        Result<PartialDate> date = PartialDate::Parse(record.at(field).get<std::string>());
        if (!date) return date.error().WithContext(path + ": relation " + relation.id);
        (std::string_view(field) == "since" ? relation.since : relation.until) = *date;
      }
      if (record.contains("amount")) {
        relation.amount = Amount{record.at("amount").at("value").get<double>(),
                                 record.at("amount").at("currency").get<std::string>()};
      }
      if (record.contains("source")) {
        relation.source =
            Citation{record.at("source").value("doc", ""), record.at("source").value("quote", "")};
      }
      view.relations.push_back(std::move(relation));
    }
    return view;
  } catch (const Json::exception& e) {
    return Status::InvalidArgument(path + ": " + e.what());
  }
}

Result<VizStyle> DefaultStyle() { return VizStyle::LoadFile(VizDir() + "/default.json"); }

bool IsLegendNode(std::string_view name) { return name.substr(0, 8) == "^legend-"; }

std::vector<const ParsedObject*> ParsedDot::EntityNodes() const {
  std::vector<const ParsedObject*> out;
  for (const auto& [name, node] : nodes) {
    if (!IsLegendNode(name)) out.push_back(&node);
  }
  return out;
}

std::vector<const ParsedEdge*> ParsedDot::RelationEdges() const {
  std::vector<const ParsedEdge*> out;
  for (const ParsedEdge& edge : edges) {
    if (!IsLegendNode(edge.tail)) out.push_back(&edge);
  }
  return out;
}

const ParsedEdge* ParsedDot::EdgeWithKey(const std::string& key) const {
  for (const ParsedEdge& edge : edges) {
    if (edge.name == key) return &edge;
  }
  return nullptr;
}

Result<ParsedDot> ParseDot(const std::string& dot) {
  Status s = CheckDotParses(dot);
  if (!s.ok()) return s;
  AgraphPtr graph(agmemread(dot.c_str()));
  if (!graph) return Status::InvalidArgument("agmemread failed after CheckDotParses passed");
  Agraph_t* g = graph.get();
  ParsedDot parsed;
  for (int kind : {AGRAPH, AGNODE, AGEDGE}) {
    for (Agsym_t* sym = agnxtattr(g, kind, nullptr); sym != nullptr;
         sym = agnxtattr(g, kind, sym)) {
      parsed.declared_attributes.insert(sym->name);
    }
  }
  parsed.graph_attributes = Attributes(g, AGRAPH, g);
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    ParsedObject node;
    node.name = agnameof(n);
    node.attributes = Attributes(g, AGNODE, n);
    char* label = agget(n, const_cast<char*>("label"));
    node.html_label = label != nullptr && aghtmlstr(label) != 0;
    parsed.nodes[node.name] = node;
    for (Agedge_t* e = agfstout(g, n); e != nullptr; e = agnxtout(g, e)) {
      ParsedEdge edge;
      const char* key = agnameof(e);
      edge.name = key == nullptr ? "" : key;
      edge.tail = agnameof(agtail(e));
      edge.head = agnameof(aghead(e));
      edge.attributes = Attributes(g, AGEDGE, e);
      char* edge_label = agget(e, const_cast<char*>("label"));
      edge.html_label = edge_label != nullptr && aghtmlstr(edge_label) != 0;
      parsed.edges.push_back(edge);
    }
  }
  for (Agraph_t* sub = agfstsubg(g); sub != nullptr; sub = agnxtsubg(sub)) {
    ParsedCluster cluster;
    cluster.name = agnameof(sub);
    const char* label = agget(sub, const_cast<char*>("label"));
    cluster.label = label == nullptr ? "" : label;
    for (Agnode_t* n = agfstnode(sub); n != nullptr; n = agnxtnode(sub, n)) {
      cluster.nodes.push_back(agnameof(n));
    }
    parsed.clusters.push_back(cluster);
  }
  return parsed;
}

std::optional<std::string> UnescapeHtmlLabel(std::string_view html) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    if (html.substr(i, 5) == "<BR/>") {
      out += '\n';
      i += 5;
    } else if (html[i] == '<' || html[i] == '>') {
      return std::nullopt;
    } else if (html[i] == '&') {
      const size_t length = DecodeEntity(html, i, out);
      if (length == 0) return std::nullopt;
      i += length;
    } else if (html[i] == '\\') {
      if (html.substr(i, 2) != "\\\\") return std::nullopt;
      out += '\\';
      i += 2;
    } else {
      out += html[i++];
    }
  }
  return out;
}

std::optional<std::string> UnescapeTooltip(std::string_view raw) {
  std::string out;
  for (size_t i = 0; i < raw.size();) {
    if (raw[i] != '\\') {
      out += raw[i++];
    } else if (raw.substr(i, 4) == "\\\\\\\\") {
      out += '\\';
      i += 4;
    } else if (raw.substr(i, 2) == "\\n") {
      out += '\n';
      i += 2;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::string DecodeDotId(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '^' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// std::system is not thread-safe; the tests call these from one thread.
bool HasDotProgram() {
  return std::system("dot -V > /dev/null 2>&1") == 0;  // NOLINT(concurrency-mt-unsafe)
}

Result<DotRun> RunDotProgram(const std::string& dot_text) {
  std::string pattern = (std::filesystem::temp_directory_path() / "viz_test_XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return Status::IOError("mkdtemp failed");
  const std::filesystem::path dir = pattern;
  {
    std::ofstream input(dir / "in.gv", std::ios::binary);
    input << dot_text;
  }
  const std::string command = "dot -Tcanon -o '" + (dir / "out.gv").string() + "' -Tsvg -o '" +
                              (dir / "out.svg").string() + "' '" + (dir / "in.gv").string() +
                              "' 2> '" + (dir / "err.txt").string() + "'";
  const int status = std::system(command.c_str());  // NOLINT(concurrency-mt-unsafe)
  DotRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  Result<std::string> errors = ReadFile((dir / "err.txt").string());
  if (errors) run.errors = *errors;
  Result<std::string> canon = ReadFile((dir / "out.gv").string());
  if (canon) run.canon = *canon;
  Result<std::string> svg = ReadFile((dir / "out.svg").string());
  if (svg) run.svg = *svg;
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return run;
}

std::vector<std::string> SvgTexts(std::string_view svg) { return ElementTexts(svg, "text"); }

std::vector<std::string> SvgTitles(std::string_view svg) { return ElementTexts(svg, "title"); }

std::vector<std::string> SvgTooltips(std::string_view svg) {
  std::vector<std::string> tooltips;
  constexpr std::string_view kAttribute = "xlink:title=\"";
  for (size_t at = svg.find(kAttribute); at != std::string_view::npos;
       at = svg.find(kAttribute, at + 1)) {
    const size_t start = at + kAttribute.size();
    const size_t end = svg.find('"', start);
    tooltips.push_back(DecodeXml(svg.substr(start, end - start)));
  }
  return tooltips;
}

GraphView SyntheticView(int entities, int relations) {
  static const std::array<std::string_view, 15> kKinds = {
      "igo",         "un_entity",     "ifi",          "country",    "ministry",
      "trade_union", "employers_org", "regional_org", "forum",      "project",
      "initiative",  "institution",   "office",       "instrument", "event"};
  static const std::array<std::string_view, 18> kTypes = {
      "mou",      "funds",          "implements", "benefits",           "leads",
      "co_leads", "co_chairs",      "member_of",  "founding_member_of", "observer_at",
      "part_of",  "partners_with",  "covers",     "participates_in",    "organises",
      "endorses", "secretariat_of", "ratified"};
  static const std::array<std::string_view, 6> kWords = {
      "Ministry of Labour", "Programme on Social Protection", "Federation of Trade Unions",
      "Regional Office",    "Initiative for Decent Work",     "Conference on Skills"};
  GraphView view;
  for (int i = 0; i < entities; ++i) {
    Entity entity;
    entity.id = "e" + std::to_string(1000 + i);
    entity.kind = std::string(kKinds[static_cast<size_t>(i) % kKinds.size()]);
    entity.name.en =
        std::string(kWords[static_cast<size_t>(i) % kWords.size()]) + " " + std::to_string(i);
    if (i % 2 == 0) entity.name.zh = "国际劳工组织合作伙伴" + std::to_string(i);
    entity.aliases = {"E" + std::to_string(i)};
    view.entities.push_back(std::move(entity));
  }
  uint64_t state = 88172645463325252ULL;  // xorshift: the same view every run
  const auto next = [&state]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int i = 0; i < relations; ++i) {
    Relation relation;
    relation.id = "r" + std::to_string(10000 + i);
    relation.type = std::string(kTypes[static_cast<size_t>(i) % kTypes.size()]);
    // Like the bundled network: most relations touch one of a few hubs (the
    // ILO, China, UN bodies), the rest join arbitrary pairs.
    constexpr uint64_t kHubs = 10;
    const int from = static_cast<int>(next() % static_cast<uint64_t>(entities));
    int to = (next() % 10 < 7) ? static_cast<int>(next() % kHubs)
                               : static_cast<int>(next() % static_cast<uint64_t>(entities));
    if (to == from) to = (from + 1) % entities;
    relation.from = view.entities[static_cast<size_t>(from)].id;
    relation.to = view.entities[static_cast<size_t>(to)].id;
    relation.title = "Agreement " + std::to_string(i);
    if (relation.type == "funds") {
      relation.amount = Amount{1000.0 * static_cast<double>(1 + next() % 5000), "USD"};
    }
    relation.source = Citation{"doc.txt", "quote " + std::to_string(i)};
    view.relations.push_back(std::move(relation));
  }
  return view;
}

}  // namespace partnergraph::viz_test
