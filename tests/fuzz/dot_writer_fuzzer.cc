// Fuzzes the DOT writer with hostile names, ids, titles, amounts and
// options: WriteDot either refuses an inconsistent view (kInvalidArgument) or
// writes DOT that Graphviz parses (CheckDotParses) and that holds exactly
// the view's entities and relations, under their own ids: no text can add,
// drop or rename a node or an edge.
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <graphviz/cgraph.h>

#include "partnergraph/dot_writer.h"
#include "partnergraph/renderer.h"

#include "fuzz_support.h"
#include "viz/graphviz_session.h"

namespace {

using partnergraph::fuzz::FuzzInput;

constexpr const char* kKinds[] = {"igo", "un_entity", "country", "ministry", "project", "event"};
constexpr const char* kTypes[] = {"mou", "funds", "implements", "benefits", "partners_with"};

// Undoes QuoteId's ^XX (cgraph has already undone \").
std::string DecodeDotId(const std::string& text) {
  auto hex = [](char c) { return c <= '9' ? c - '0' : c - 'A' + 10; };
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '^' && i + 2 < text.size()) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool IsLegend(const std::string& name) { return name.starts_with("^legend-"); }

// Some text: often plain, often hostile, sometimes arbitrary bytes.
std::string Text(FuzzInput& in, const std::string& plain) {
  static const char* kHostile[] = {
      "\"",   "\\",           "<",    ">",  "&",  "]", "[", "{", "}",     "->",       "--",
      "\\N",  "\\G",          "\n",   "\r", "\t", "%", "^", ";", "</TD>", "<B>x</B>", "&amp;",
      "&#0;", "\xE2\x80\xAE", "\xFF", "\0"};
  switch (in.Below(4)) {
    case 0:
      return plain;
    case 1: {
      std::string text = plain;
      for (size_t n = in.Below(4); n > 0; --n) {
        text.insert(in.Below(text.size() + 1), kHostile[in.Below(std::size(kHostile))]);
      }
      return text;
    }
    default:
      return in.String(40);
  }
}

std::string DateText(FuzzInput& in) {
  static const char* kDates[] = {"", "2019", "2019-06", "2019-06-14", "2021", "1999-12-31"};
  return kDates[in.Below(std::size(kDates))];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const partnergraph::VizStyle style = [] {
    partnergraph::Result<partnergraph::VizStyle> loaded =
        partnergraph::VizStyle::LoadFile(std::string(PARTNERGRAPH_VIZ_DIR) + "/default.json");
    PG_FUZZ_CHECK(loaded.has_value(), "cannot load viz/default.json");
    return *loaded;
  }();
  FuzzInput in(data, size);
  partnergraph::GraphView view;
  view.title = Text(in, "Title");
  view.funding_layout = in.Bool();
  const size_t entity_count = 1 + in.Below(8);
  for (size_t e = 0; e < entity_count; ++e) {
    partnergraph::Entity entity;
    entity.id = in.Below(4) == 0 ? in.String(20) : "e" + std::to_string(e);
    entity.kind = in.Below(8) == 0 ? in.String(10) : kKinds[in.Below(std::size(kKinds))];
    entity.name.en = Text(in, "Entity " + std::to_string(e));
    entity.name.zh = in.Bool() ? Text(in, "机构" + std::to_string(e)) : "";
    for (size_t a = in.Below(3); a > 0; --a) entity.aliases.push_back(Text(in, "E"));
    if (in.Bool()) entity.attributes["country"] = in.Bool() ? "e0" : in.String(10);
    view.entities.push_back(std::move(entity));
  }
  const size_t relation_count = in.Below(10);
  for (size_t r = 0; r < relation_count; ++r) {
    partnergraph::Relation relation;
    relation.id = in.Below(4) == 0 ? in.String(20) : "r" + std::to_string(r);
    relation.type = in.Below(8) == 0 ? in.String(10) : kTypes[in.Below(std::size(kTypes))];
    relation.from = view.entities[in.Below(entity_count)].id;
    relation.to = in.Below(16) == 0 ? in.String(8) : view.entities[in.Below(entity_count)].id;
    relation.title = in.Bool() ? Text(in, "Agreement") : "";
    relation.role = in.Bool() ? Text(in, "lead") : "";
    if (auto since = partnergraph::PartialDate::Parse(DateText(in))) relation.since = *since;
    if (auto until = partnergraph::PartialDate::Parse(DateText(in))) relation.until = *until;
    if (in.Bool()) {
      static const double kAmounts[] = {0, 1, 0.5, 745000, 1e9, 1e15, 1e300, 123.456, 1e-300};
      relation.amount = partnergraph::Amount{kAmounts[in.Below(std::size(kAmounts))],
                                             in.Bool() ? "USD" : in.String(4)};
    }
    if (in.Bool()) relation.source = partnergraph::Citation{in.String(10), Text(in, "quote")};
    view.relations.push_back(std::move(relation));
  }
  for (size_t h = in.Below(4); h > 0; --h) {
    view.highlighted.insert(in.Bool() ? view.entities[in.Below(entity_count)].id
                                      : "r" + std::to_string(in.Below(10)));
  }
  partnergraph::DotOptions options;
  options.lang = static_cast<partnergraph::LabelLanguage>(in.Below(3));
  options.clusters = static_cast<partnergraph::Clustering>(in.Below(3));
  options.legend = in.Bool();
  options.wrap_columns = static_cast<int>(in.Below(40));
  options.edge_labels = in.Bool();

  partnergraph::Result<std::string> dot = partnergraph::WriteDot(view, style, options);
  if (!dot) {
    PG_FUZZ_CHECK(dot.error().code() == partnergraph::StatusCode::kInvalidArgument,
                  "WriteDot failed oddly: " + dot.error().ToString());
    return 0;
  }
  partnergraph::Status parses = partnergraph::CheckDotParses(*dot);
  PG_FUZZ_CHECK(parses.ok(), "Graphviz rejects the DOT: " + parses.message() + "\n" + *dot);

  // Exactly the view's nodes and edges, under their own names.
  std::set<std::string> entity_ids;
  for (const auto& entity : view.entities) entity_ids.insert(entity.id);
  // Relations of one type between the same two entities may be drawn as one
  // edge, named by the first of them ("×N"): every relation must be drawn by
  // an edge of its kind, and every edge must be named by one relation.
  std::map<std::string, const partnergraph::Relation*> relations_by_id;
  for (const auto& relation : view.relations) relations_by_id.emplace(relation.id, &relation);
  partnergraph::viz::GraphvizSession session;
  partnergraph::viz::AgraphPtr graph(agmemread(dot->c_str()));
  PG_FUZZ_CHECK(graph != nullptr, "agmemread fails after CheckDotParses passed");
  std::set<std::string> nodes;
  std::vector<std::string> edge_keys;
  for (Agnode_t* node = agfstnode(graph.get()); node != nullptr;
       node = agnxtnode(graph.get(), node)) {
    const std::string name = agnameof(node);
    if (IsLegend(name)) continue;
    nodes.insert(DecodeDotId(name));
    for (Agedge_t* edge = agfstout(graph.get(), node); edge != nullptr;
         edge = agnxtout(graph.get(), edge)) {
      const char* key = agnameof(edge);
      edge_keys.push_back(DecodeDotId(key == nullptr ? "" : key));
    }
  }
  PG_FUZZ_CHECK(nodes == entity_ids, "the DOT's nodes are not the view's entities\n" + *dot);
  std::set<std::tuple<std::string, std::string, std::string>> drawn;
  for (const std::string& key : edge_keys) {
    auto it = relations_by_id.find(key);
    PG_FUZZ_CHECK(it != relations_by_id.end(), "an edge of the DOT is no relation\n" + *dot);
    drawn.emplace(it->second->from, it->second->to, it->second->type);
  }
  PG_FUZZ_CHECK(
      std::set<std::string>(edge_keys.begin(), edge_keys.end()).size() == edge_keys.size(),
      "two edges of the DOT name the same relation\n" + *dot);
  for (const auto& relation : view.relations) {
    PG_FUZZ_CHECK(drawn.count({relation.from, relation.to, relation.type}) == 1,
                  "a relation of the view is not drawn\n" + *dot);
  }
  return 0;
}
