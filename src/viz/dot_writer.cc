#include "partnergraph/dot_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "viz/diff_overlay.h"
#include "viz/dot_escape.h"
#include "viz/label_text.h"
#include "viz/legend.h"

namespace partnergraph {
namespace {

using viz::FormatDecimal;
using viz::FormatPeriod;
using viz::HtmlLabelText;
using viz::QuoteEscString;
using viz::QuoteId;
using viz::QuoteValue;
using viz::WrapAtSpaces;

constexpr std::string_view kArrow = " \xE2\x86\x92 ";  // " → "

// Appends every part to `out`, without the temporaries a chain of + makes.
template <typename... Parts>
void Append(std::string& out, const Parts&... parts) {
  (out.append(parts), ...);
}

// One DOT attribute list, "[a="1", b=<x>]", in the order attributes are set;
// setting a name again replaces its value in place. Values are stored
// already written as DOT.
class AttributeList {
 public:
  void SetPlain(std::string_view name, std::string_view value) { Set(name, QuoteValue(value)); }
  void SetHtml(std::string_view name, std::string_view text) {
    Set(name, "<" + HtmlLabelText(text) + ">");
  }
  void SetId(std::string_view name, std::string_view id) { Set(name, QuoteId(id)); }
  void SetTooltip(std::string_view text) { Set("tooltip", QuoteEscString(text)); }
  // A value already written as DOT (an HTML-like label built of markup).
  void SetRaw(std::string_view name, std::string written) { Set(name, std::move(written)); }
  void SetAll(const DotAttributes& attributes) {
    for (const auto& [name, value] : attributes) SetPlain(name, value);
  }
  // The current value of a plain attribute as a number, if it is one.
  std::optional<double> Number(std::string_view name) const {
    for (const auto& [key, written] : items_) {
      if (key != name || written.size() < 2 || written.front() != '"') continue;
      double value = 0;
      const char* first = written.data() + 1;
      const char* last = written.data() + written.size() - 1;
      auto [end, error] = std::from_chars(first, last, value);
      if (error == std::errc() && end == last) return value;
    }
    return std::nullopt;
  }
  std::string ToString() const {
    std::string out = "[";
    for (size_t i = 0; i < items_.size(); ++i) {
      if (i != 0) out += ", ";
      out += items_[i].first + "=" + items_[i].second;
    }
    return out + "]";
  }

 private:
  void Set(std::string_view name, std::string written) {
    for (auto& item : items_) {
      if (item.first == name) {
        item.second = std::move(written);
        return;
      }
    }
    items_.emplace_back(std::string(name), std::move(written));
  }

  std::vector<std::pair<std::string, std::string>> items_;
};

// Picks the language(s) to show; each part wrapped on its own.
std::string Bilingual(const std::string& en, const std::string& zh, const std::string& fallback,
                      LabelLanguage lang, int wrap_columns) {
  std::string wrapped_en = WrapAtSpaces(en, wrap_columns);
  std::string wrapped_zh = WrapAtSpaces(zh, wrap_columns);
  switch (lang) {
    case LabelLanguage::kEnglish:
      if (!en.empty()) return wrapped_en;
      if (!zh.empty()) return wrapped_zh;
      break;
    case LabelLanguage::kChinese:
      if (!zh.empty()) return wrapped_zh;
      if (!en.empty()) return wrapped_en;
      break;
    case LabelLanguage::kBoth:
      if (!en.empty() && !zh.empty() && en != zh) {
        Append(wrapped_en, "\n", wrapped_zh);
        return wrapped_en;
      }
      if (!en.empty()) return wrapped_en;
      if (!zh.empty()) return wrapped_zh;
      break;
  }
  return fallback;
}

std::string EntityLabel(const Entity& entity, const DotOptions& options) {
  return Bilingual(entity.name.en, entity.name.zh, entity.id, options.lang, options.wrap_columns);
}

std::string StyleLabelText(const StyleLabel& label, const std::string& fallback,
                           LabelLanguage lang) {
  return Bilingual(label.en, label.zh, fallback, lang, /*wrap_columns=*/0);
}

std::string EntityTooltip(const Entity& entity) {
  std::string text;
  if (!entity.name.en.empty()) text += entity.name.en + "\n";
  if (!entity.name.zh.empty()) text += entity.name.zh + "\n";
  text += "kind: " + entity.kind + "\nid: " + entity.id;
  if (!entity.aliases.empty()) {
    text += "\naliases: ";
    for (size_t i = 0; i < entity.aliases.size(); ++i) {
      if (i != 0) text += ", ";
      text += entity.aliases[i];
    }
  }
  for (const auto& [name, value] : entity.attributes) Append(text, "\n", name, ": ", value);
  return text;
}

std::string RelationTooltip(const Relation& relation, const Entity& from, const Entity& to) {
  std::string text =
      relation.type + ": " + from.DisplayName() + std::string(kArrow) + to.DisplayName();
  if (!relation.title.empty()) text += "\n" + relation.title;
  if (const std::string period = FormatPeriod(relation.since, relation.until); !period.empty()) {
    text += "\n" + period;
  }
  if (relation.amount) text += "\n" + FormatAmount(*relation.amount);
  if (!relation.role.empty()) text += "\nrole: " + relation.role;
  for (const auto& [name, value] : relation.attributes) Append(text, "\n", name, ": ", value);
  if (relation.source) {
    text += "\nsource: " + relation.source->doc;
    if (!relation.source->quote.empty()) {
      text += "\n\xE2\x80\x9C" + relation.source->quote + "\xE2\x80\x9D";  // “quote”
    }
  }
  text += "\nid: " + relation.id;
  return text;
}

// The cluster an entity belongs to under `clustering`; "" for none.
std::string ClusterKey(const Entity& entity, Clustering clustering) {
  switch (clustering) {
    case Clustering::kNone:
      return "";
    case Clustering::kByKind:
      return entity.kind;
    case Clustering::kByCountry: {
      if (entity.kind == "country") return entity.id;
      auto it = entity.attributes.find("country");
      return it == entity.attributes.end() ? "" : it->second;
    }
  }
  return "";
}

// The style's font, then the fallbacks it does not name already.
std::string FontList(const std::string& font) {
  if (font.find(',') != std::string::npos) return font;  // the style gave its own list
  std::string list = font;
  std::string_view rest = kFallbackFonts;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    std::string_view name = rest.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (name != font) Append(list, ", ", name);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return list;
}

// An edge label's text: at most two lines of `columns`, cut with "…".
std::string ShortLabel(std::string_view text, int columns) {
  std::string wrapped = WrapAtSpaces(text, columns);
  const size_t first = wrapped.find('\n');
  if (first == std::string::npos) return wrapped;
  const size_t second = wrapped.find('\n', first + 1);
  if (second == std::string::npos) return wrapped;
  return wrapped.substr(0, second) + "\xE2\x80\xA6";  // …
}

// What one relation of a merged edge says in its tooltip: its title or
// role, then period, amount and role, its source, then its id.
std::string MergedRelationText(const Relation& relation) {
  std::string text = relation.title.empty() ? relation.role : relation.title;
  std::vector<std::string> facts;
  if (std::string period = FormatPeriod(relation.since, relation.until); !period.empty()) {
    facts.push_back(std::move(period));
  }
  if (relation.amount) facts.push_back(FormatAmount(*relation.amount));
  if (!relation.title.empty() && !relation.role.empty()) facts.push_back("role: " + relation.role);
  std::string line;
  for (const std::string& fact : facts) Append(line, line.empty() ? "" : " \xC2\xB7 ", fact);
  if (!line.empty()) Append(text, text.empty() ? "" : "\n", line);
  if (relation.source) {
    Append(text, text.empty() ? "" : "\n", "source: ", relation.source->doc);
    if (!relation.source->quote.empty()) {
      Append(text, "\n\xE2\x80\x9C", relation.source->quote, "\xE2\x80\x9D");  // “quote”
    }
  }
  Append(text, text.empty() ? "" : "\n", "id: ", relation.id);
  return text;
}

// One edge of the picture: the relations of one type between two entities
// (one, or several drawn as one), all highlighted or none.
struct EdgeGroup {
  std::vector<const Relation*> relations;  // sorted by id
  bool highlighted = false;
};

class DotWriter {
 public:
  DotWriter(const GraphView& view, const VizStyle& style, const DotOptions& options)
      : view_(view), style_(style), options_(options), font_(FontList(style.font())) {}

  Result<std::string> Write() {
    Status s = Index();
    if (!s.ok()) return s;
    out_ = "digraph \"partnergraph\" {\n";
    WriteDefaults();
    WriteNodes();
    WriteEdges();
    WriteLabel();
    out_ += "}\n";
    return std::move(out_);
  }

 private:
  // dot makes room for edge labels, but with clusters its ranking fails on
  // large views ("trouble in init_rank"); there, and in the other engines,
  // labels are external.
  bool ExternalEdgeLabels() const {
    return (!options_.layout_engine.empty() && options_.layout_engine != "dot") ||
           options_.clusters != Clustering::kNone;
  }

  // Sorts the view, checks that it is consistent and groups parallel relations.
  Status Index() {
    for (const Entity& entity : view_.entities) {
      if (!entities_.emplace(entity.id, &entity).second) {
        return Status::InvalidArgument("entity \"" + entity.id + "\" appears twice in the view");
      }
    }
    for (const Relation& relation : view_.relations) {
      if (!relations_.emplace(relation.id, &relation).second) {
        return Status::InvalidArgument("relation \"" + relation.id +
                                       "\" appears twice in the view");
      }
      for (const std::string* end : {&relation.from, &relation.to}) {
        if (entities_.count(*end) == 0) {
          return Status::InvalidArgument("relation " + relation.id + ": entity \"" + *end +
                                         "\" is not in the view");
        }
      }
    }
    for (const std::string& id : view_.highlighted) {
      if (entities_.count(id) != 0 || relations_.count(id) != 0) highlighting_ = true;
    }
    // Groups in the order of their first relation id, relations by id.
    std::map<std::string, size_t> group_of;
    for (const auto& [id, relation] : relations_) {
      const bool highlighted = highlighting_ && view_.highlighted.count(id) != 0;
      // What keeps two parallel relations apart: a view that draws relations
      // of one type differently (a change overlay) adds its distinction here.
      std::string key = relation->from + '\0' + relation->to + '\0' + relation->type + '\0' +
                        (highlighted ? "h" : "");
      if (auto it = view_.changes.find(id); it != view_.changes.end()) key += '\0' + it->second;
      auto [it, added] = group_of.emplace(std::move(key), groups_.size());
      if (added) groups_.push_back({{}, highlighted});
      groups_[it->second].relations.push_back(relation);
      ++degree_[relation->from];
      ++degree_[relation->to];
    }
    if (view_.funding_layout) {
      for (const EdgeGroup& group : groups_) {
        max_amount_ = std::max(max_amount_, GroupAmount(group).value_or(0));
      }
    }
    for (const auto& [id, entity] : entities_) max_score_ = std::max(max_score_, Score(id));
    return Status::Ok();
  }

  // The sum of a group's amounts when they are all finite and in one
  // currency (the funding layout's widths and labels); nullopt otherwise.
  static std::optional<double> GroupAmount(const EdgeGroup& group) {
    double sum = 0;
    for (const Relation* relation : group.relations) {
      if (!relation->amount || !std::isfinite(relation->amount->value)) return std::nullopt;
      if (relation->amount->currency != group.relations.front()->amount->currency) {
        return std::nullopt;
      }
      sum += relation->amount->value;
    }
    return sum;
  }

  double Score(const std::string& id) const {
    switch (options_.size_by) {
      case SizeBy::kNone:
        return 0;
      case SizeBy::kDegree: {
        auto it = degree_.find(id);
        return it == degree_.end() ? 0 : static_cast<double>(it->second);
      }
      case SizeBy::kBetweenness: {
        auto it = options_.betweenness.find(id);
        return it == options_.betweenness.end() || !std::isfinite(it->second) ? 0 : it->second;
      }
    }
    return 0;
  }

  void WriteDefaults() {
    AttributeList graph;
    graph.SetPlain("fontname", font_);
    graph.SetAll(style_.graph_attributes());
    if (view_.funding_layout) graph.SetPlain("rankdir", "LR");
    if (ExternalEdgeLabels()) graph.SetPlain("forcelabels", "false");
    const bool center_shown =
        std::any_of(view_.entities.begin(), view_.entities.end(),
                    [this](const Entity& entity) { return entity.id == view_.center; });
    if (!view_.center.empty() && center_shown) graph.SetId("root", view_.center);
    Append(out_, "  graph ", graph.ToString(), ";\n");
    AttributeList node;
    node.SetPlain("fontname", font_);
    node.SetAll(style_.node_attributes());
    Append(out_, "  node ", node.ToString(), ";\n");
    AttributeList edge;
    edge.SetPlain("fontname", font_);
    edge.SetAll(style_.edge_attributes());
    Append(out_, "  edge ", edge.ToString(), ";\n");
  }

  // Font size and box height scaled by the entity's score (--size-by).
  void SetSize(const std::string& id, AttributeList& attributes) const {
    if (options_.size_by == SizeBy::kNone) return;
    const double share = max_score_ > 0 ? std::sqrt(std::max(Score(id), 0.0) / max_score_) : 0;
    const double scale = 1 + (kMaxSizeScale - 1) * share;
    const std::optional<double> font = attributes.Number("fontsize");
    const std::optional<double> height = attributes.Number("height");
    attributes.SetPlain("fontsize",
                        FormatDecimal(font.value_or(NodeDefault("fontsize", 14)) * scale));
    attributes.SetPlain("height",
                        FormatDecimal(height.value_or(NodeDefault("height", 0.5)) * scale));
  }

  double NodeDefault(std::string_view name, double fallback) const {
    auto it = style_.node_attributes().find(name);
    if (it == style_.node_attributes().end()) return fallback;
    double value = 0;
    const char* last = it->second.data() + it->second.size();
    auto [end, error] = std::from_chars(it->second.data(), last, value);
    return error == std::errc() && end == last ? value : fallback;
  }

  void WriteNode(const Entity& entity, std::string_view indent) {
    AttributeList attributes;
    attributes.SetHtml("label", EntityLabel(entity, options_));
    attributes.SetAll(style_.Kind(entity.kind).attributes);
    SetSize(entity.id, attributes);
    if (highlighting_) {
      attributes.SetAll(view_.highlighted.count(entity.id) != 0 ? style_.highlight_node()
                                                                : style_.dimmed_node());
    }
    attributes.SetTooltip(EntityTooltip(entity));
    Append(out_, indent, QuoteId(entity.id), " ", attributes.ToString(), ";\n");
  }

  void WriteNodes() {
    // entities_ is sorted by id, so clusters and their members come out sorted.
    std::map<std::string, std::vector<const Entity*>> clusters;
    for (const auto& [id, entity] : entities_) {
      const std::string key = ClusterKey(*entity, options_.clusters);
      if (key.empty()) {
        WriteNode(*entity, "  ");
      } else {
        clusters[key].push_back(entity);
      }
    }
    const std::string prefix =
        options_.clusters == Clustering::kByKind ? "cluster_kind_" : "cluster_country_";
    for (const auto& [key, members] : clusters) {
      AttributeList attributes;
      attributes.SetHtml("label", ClusterLabel(key));
      attributes.SetAll(style_.cluster_attributes());
      Append(out_, "  subgraph ", QuoteId(prefix + key), " {\n");
      Append(out_, "    graph ", attributes.ToString(), ";\n");
      for (const Entity* entity : members) WriteNode(*entity, "    ");
      out_ += "  }\n";
    }
  }

  std::string ClusterLabel(const std::string& key) const {
    if (options_.clusters == Clustering::kByKind) {
      return StyleLabelText(style_.Kind(key).label, key, options_.lang);
    }
    // A country cluster is named after the country when the view has it.
    auto it = entities_.find(key);
    if (it == entities_.end()) return key;
    return Bilingual(it->second->name.en, it->second->name.zh, key, options_.lang,
                     /*wrap_columns=*/0);
  }

  // sqrt keeps small grants visible next to large ones (a 100x larger amount
  // is 10x wider above the minimum), bounded by the style's widths.
  double FundingPenwidth(double amount) const {
    if (max_amount_ <= 0 || amount <= 0) return style_.min_penwidth();
    const double share = std::sqrt(std::min(amount / max_amount_, 1.0));
    return style_.min_penwidth() + (style_.max_penwidth() - style_.min_penwidth()) * share;
  }

  // What an edge says: a merged edge its count; a funding flow its amount
  // and period; else, where edges are labelled, the relation's title, or
  // its period when it has none. Never the type: the legend tells that.
  std::string EdgeLabel(const EdgeGroup& group) const {
    const Relation& first = *group.relations.front();
    const size_t count = group.relations.size();
    std::string label;
    if (count > 1) label = "\xC3\x97" + std::to_string(count);  // ×7
    const std::optional<double> amount = GroupAmount(group);
    if (view_.funding_layout && amount) {
      Amount total = *first.amount;
      total.value = *amount;
      Append(label, label.empty() ? "" : " ", FormatAmount(total));
      if (count == 1) {
        const std::string period = FormatPeriod(first.since, first.until);
        if (!period.empty()) label += "\n" + period;
      }
      return label;
    }
    if (count > 1 || !(options_.edge_labels || group.highlighted)) return label;
    if (!first.title.empty()) return ShortLabel(first.title, options_.wrap_columns);
    return FormatPeriod(first.since, first.until);
  }

  std::string GroupTooltip(const EdgeGroup& group) const {
    const Relation& first = *group.relations.front();
    const Entity& from = *entities_.at(first.from);
    const Entity& to = *entities_.at(first.to);
    if (group.relations.size() == 1) return RelationTooltip(first, from, to);
    std::string text = first.type + ": " + from.DisplayName() + std::string(kArrow) +
                       to.DisplayName() + " (" + std::to_string(group.relations.size()) +
                       " relations)";
    for (const Relation* relation : group.relations) {
      Append(text, "\n\n", MergedRelationText(*relation));
    }
    return text;
  }

  void WriteEdges() {
    for (const EdgeGroup& group : groups_) {
      const Relation& first = *group.relations.front();
      const StyleBlock& type_style = style_.Type(first.type);

      AttributeList attributes;
      // The edge's name in Graphviz: readers of the DOT (and cgraph) see which
      // relation it is (the first of a merged edge's).
      attributes.SetId("key", first.id);
      const std::string label = EdgeLabel(group);
      if (!label.empty()) attributes.SetHtml(ExternalEdgeLabels() ? "xlabel" : "label", label);
      attributes.SetAll(type_style.attributes);
      const std::optional<double> amount = GroupAmount(group);
      if (view_.funding_layout && amount) {
        attributes.SetPlain("penwidth", FormatDecimal(FundingPenwidth(*amount)));
      }
      if (highlighting_) {
        const std::optional<double> width = attributes.Number("penwidth");
        attributes.SetAll(group.highlighted ? style_.highlight_edge() : style_.dimmed_edge());
        // A highlighted funding edge keeps its width when that is the wider.
        const std::optional<double> emphasis = attributes.Number("penwidth");
        if (width && emphasis && *width > *emphasis) {
          attributes.SetPlain("penwidth", FormatDecimal(*width));
        }
      }
      // A change overlay draws each relation as its change, over its type.
      if (!view_.changes.empty()) attributes.SetAll(viz::ChangeAttributes(view_.changes, first.id));
      attributes.SetTooltip(GroupTooltip(group));
      Append(out_, "  ", QuoteId(first.from), " -> ", QuoteId(first.to), " ", attributes.ToString(),
             ";\n");
    }
  }

  // The legend: each kind and relation type in the view (a change overlay:
  // its changes instead of the types), as viz::Legend draws them.
  viz::Legend BuildLegend() const {
    viz::Legend legend;
    std::set<std::string> kinds;
    for (const auto& [id, entity] : entities_) kinds.insert(entity->kind);
    std::set<std::string> types;
    for (const auto& [id, relation] : relations_) types.insert(relation->type);
    legend.AddSection({});
    for (const std::string& kind : kinds) {
      legend.AddNode(style_.Kind(kind).label, kind, style_.Kind(kind).attributes);
    }
    legend.AddSection({});
    if (view_.changes.empty()) {
      for (const std::string& type : types) {
        legend.AddEdge(style_.Type(type).label, type, style_.Type(type).attributes);
      }
    } else {
      for (const viz::ChangeSample& change : viz::ChangeSamples(view_.changes)) {
        legend.AddEdge(change.label, change.change, change.attributes);
      }
    }
    return legend;
  }

  // The graph's label: the title, and under it the legend.
  void WriteLabel() {
    std::string legend;
    if (options_.legend && !entities_.empty()) {
      StyleLabel heading = style_.legend().label;
      if (heading.en.empty() && heading.zh.empty()) heading.en = "Legend";
      if (!view_.changes_legend.empty()) {
        heading.en += " \xC2\xB7 " + view_.changes_legend;
        if (!heading.zh.empty()) heading.zh += " \xC2\xB7 " + view_.changes_legend;
      }
      auto size = style_.legend().attributes.find("fontsize");
      double point_size = 12;
      if (size != style_.legend().attributes.end()) {
        const char* last = size->second.data() + size->second.size();
        auto [end, error] = std::from_chars(size->second.data(), last, point_size);
        if (error != std::errc() || end != last) point_size = 12;
      }
      legend = BuildLegend().Html(heading, options_.lang, style_.legend().attributes,
                                  std::max(6.0, point_size * 0.75));
    }
    if (view_.title.empty() && legend.empty()) return;
    std::string table = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">";
    if (!view_.title.empty()) Append(table, "<TR><TD>", HtmlLabelText(view_.title), "</TD></TR>");
    if (!legend.empty()) Append(table, "<TR><TD>", legend, "</TD></TR>");
    table += "</TABLE>";
    AttributeList graph;
    graph.SetRaw("label", "<" + table + ">");
    graph.SetPlain("labelloc", "t");
    Append(out_, "  graph ", graph.ToString(), ";\n");
  }

  const GraphView& view_;
  const VizStyle& style_;
  const DotOptions& options_;
  const std::string font_;
  std::map<std::string, const Entity*> entities_;
  std::map<std::string, const Relation*> relations_;
  std::vector<EdgeGroup> groups_;
  std::map<std::string, size_t> degree_;
  bool highlighting_ = false;
  double max_amount_ = 0;
  double max_score_ = 0;
  std::string out_;
};

}  // namespace

Result<LabelLanguage> LabelLanguageFromName(std::string_view name) {
  if (name == "en") return LabelLanguage::kEnglish;
  if (name == "zh") return LabelLanguage::kChinese;
  if (name == "both") return LabelLanguage::kBoth;
  return Status::InvalidArgument("unknown label language \"" + std::string(name) +
                                 "\" (expected en, zh or both)");
}

Result<SizeBy> SizeByFromName(std::string_view name) {
  if (name == "none") return SizeBy::kNone;
  if (name == "degree") return SizeBy::kDegree;
  if (name == "betweenness") return SizeBy::kBetweenness;
  return Status::InvalidArgument("unknown node size \"" + std::string(name) +
                                 "\" (expected none, degree or betweenness)");
}

bool LayoutDrawsClusters(std::string_view engine) {
  return engine.empty() || engine == "dot" || engine == "fdp" || engine == "osage" ||
         engine == "patchwork";
}

Result<Clustering> ClusteringFromName(std::string_view name) {
  if (name == "none") return Clustering::kNone;
  if (name == "kind") return Clustering::kByKind;
  if (name == "country") return Clustering::kByCountry;
  return Status::InvalidArgument("unknown clustering \"" + std::string(name) +
                                 "\" (expected none, kind or country)");
}

std::string_view SuggestedLayoutEngine(const GraphView& view) {
  if (view.funding_layout || view.entities.size() <= kMaxEntitiesForDot) return "dot";
  return "sfdp";
}

Result<std::string> WriteDot(const GraphView& view, const VizStyle& style,
                             const DotOptions& options) {
  return DotWriter(view, style, options).Write();
}

}  // namespace partnergraph
