#include "partnergraph/dot_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "viz/dot_escape.h"
#include "viz/label_text.h"

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

// Legend node names start with "^l", which no entity's DOT name can: in
// those every '^' is followed by two uppercase hex digits (QuoteId).
std::string LegendNodeId(std::string_view role, std::string_view name) {
  const std::string quoted = QuoteId(name);  // "\"...\""
  return "\"^legend-" + std::string(role) + "-" + quoted.substr(1);
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

class DotWriter {
 public:
  DotWriter(const GraphView& view, const VizStyle& style, const DotOptions& options)
      : view_(view), style_(style), options_(options) {}

  Result<std::string> Write() {
    Status s = Index();
    if (!s.ok()) return s;
    out_ = "digraph \"partnergraph\" {\n";
    WriteDefaults();
    WriteNodes();
    WriteEdges();
    if (options_.legend) WriteLegend();
    out_ += "}\n";
    return std::move(out_);
  }

 private:
  // Sorts the view and checks that it is consistent.
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
    if (view_.funding_layout) {
      for (const auto& [id, relation] : relations_) {
        if (relation->amount && std::isfinite(relation->amount->value)) {
          max_amount_ = std::max(max_amount_, relation->amount->value);
        }
      }
    }
    return Status::Ok();
  }

  void WriteDefaults() {
    AttributeList graph;
    graph.SetPlain("fontname", style_.font());
    graph.SetAll(style_.graph_attributes());
    if (view_.funding_layout) graph.SetPlain("rankdir", "LR");
    const bool center_shown =
        std::any_of(view_.entities.begin(), view_.entities.end(),
                    [this](const Entity& entity) { return entity.id == view_.center; });
    if (!view_.center.empty() && center_shown) graph.SetId("root", view_.center);
    if (!view_.title.empty()) {
      graph.SetHtml("label", view_.title);
      graph.SetPlain("labelloc", "t");
    }
    Append(out_, "  graph ", graph.ToString(), ";\n");
    AttributeList node;
    node.SetPlain("fontname", style_.font());
    node.SetAll(style_.node_attributes());
    Append(out_, "  node ", node.ToString(), ";\n");
    AttributeList edge;
    edge.SetPlain("fontname", style_.font());
    edge.SetAll(style_.edge_attributes());
    Append(out_, "  edge ", edge.ToString(), ";\n");
  }

  void WriteNode(const Entity& entity, std::string_view indent) {
    AttributeList attributes;
    attributes.SetHtml("label", EntityLabel(entity, options_));
    attributes.SetAll(style_.Kind(entity.kind).attributes);
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

  void WriteEdges() {
    for (const auto& [id, relation] : relations_) {
      const Entity& from = *entities_.at(relation->from);
      const Entity& to = *entities_.at(relation->to);
      const bool highlighted = highlighting_ && view_.highlighted.count(id) != 0;
      const StyleBlock& type_style = style_.Type(relation->type);

      AttributeList attributes;
      // The edge's name in Graphviz: readers of the DOT (and cgraph) see which
      // relation it is, and parallel relations stay separate edges.
      attributes.SetId("key", relation->id);
      std::string label;
      const bool has_amount = relation->amount && std::isfinite(relation->amount->value);
      if (view_.funding_layout && has_amount) {
        label = FormatAmount(*relation->amount);
        const std::string period = FormatPeriod(relation->since, relation->until);
        if (!period.empty()) label += "\n" + period;
      } else if (options_.edge_labels || highlighted) {
        label = StyleLabelText(type_style.label, relation->type, options_.lang);
      }
      if (!label.empty()) attributes.SetHtml("label", label);
      attributes.SetAll(type_style.attributes);
      if (view_.funding_layout && has_amount) {
        attributes.SetPlain("penwidth", FormatDecimal(FundingPenwidth(relation->amount->value)));
      }
      if (highlighting_) {
        const std::optional<double> width = attributes.Number("penwidth");
        attributes.SetAll(highlighted ? style_.highlight_edge() : style_.dimmed_edge());
        // A highlighted funding edge keeps its width when that is the wider.
        const std::optional<double> emphasis = attributes.Number("penwidth");
        if (width && emphasis && *width > *emphasis) {
          attributes.SetPlain("penwidth", FormatDecimal(*width));
        }
      }
      attributes.SetTooltip(RelationTooltip(*relation, from, to));
      Append(out_, "  ", QuoteId(relation->from), " -> ", QuoteId(relation->to), " ",
             attributes.ToString(), ";\n");
    }
  }

  // A cluster with one sample node per kind and one sample edge per relation
  // type in the view, labelled in the chosen language.
  void WriteLegend() {
    std::set<std::string> kinds;
    for (const auto& [id, entity] : entities_) kinds.insert(entity->kind);
    std::set<std::string> types;
    for (const auto& [id, relation] : relations_) types.insert(relation->type);
    if (kinds.empty()) return;

    AttributeList cluster;
    cluster.SetHtml("label", StyleLabelText(style_.legend().label, "Legend", options_.lang));
    cluster.SetAll(style_.legend().attributes);
    out_ += "  subgraph \"cluster_legend\" {\n";
    Append(out_, "    graph ", cluster.ToString(), ";\n");
    for (const std::string& kind : kinds) {
      AttributeList attributes;
      attributes.SetHtml("label", StyleLabelText(style_.Kind(kind).label, kind, options_.lang));
      attributes.SetAll(style_.Kind(kind).attributes);
      attributes.SetTooltip("kind: " + kind);
      Append(out_, "    ", LegendNodeId("kind", kind), " ", attributes.ToString(), ";\n");
    }
    // Invisible edges chain the kinds so that force-directed engines (sfdp,
    // neato) keep them together; constraint=false keeps dot's ranks as they are.
    for (auto it = kinds.begin(); std::next(it) != kinds.end(); ++it) {
      Append(out_, "    ", LegendNodeId("kind", *it), " -> ", LegendNodeId("kind", *std::next(it)),
             " [style=\"invis\", constraint=\"false\"];\n");
    }
    // Each type is a short edge from an invisible point to its name, both
    // kept below the kinds by an invisible edge: edge labels would need more
    // ranks, and flat (same-rank) edges are fragile inside clusters.
    const std::string last_kind = LegendNodeId("kind", *kinds.rbegin());
    for (const std::string& type : types) {
      const std::string tail = LegendNodeId("from", type);
      const std::string head = LegendNodeId("type", type);
      Append(out_, "    ", tail,
             " [label=\"\", shape=\"point\", style=\"invis\", width=\"0.01\", height=\"0.01\"];\n");
      AttributeList name;
      name.SetHtml("label", StyleLabelText(style_.Type(type).label, type, options_.lang));
      name.SetPlain("shape", "plaintext");
      name.SetPlain("height", "0.2");
      name.SetTooltip("relation type: " + type);
      Append(out_, "    ", head, " ", name.ToString(), ";\n");
      Append(out_, "    ", last_kind, " -> ", tail, " [style=\"invis\"];\n");
      AttributeList sample;
      sample.SetAll(style_.Type(type).attributes);
      sample.SetPlain("weight", "100");  // keeps the sample straight under its name
      sample.SetTooltip("relation type: " + type);
      Append(out_, "    ", tail, " -> ", head, " ", sample.ToString(), ";\n");
    }
    out_ += "  }\n";
  }

  const GraphView& view_;
  const VizStyle& style_;
  const DotOptions& options_;
  std::map<std::string, const Entity*> entities_;
  std::map<std::string, const Relation*> relations_;
  bool highlighting_ = false;
  double max_amount_ = 0;
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
