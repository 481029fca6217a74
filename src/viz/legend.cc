#include "viz/legend.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "viz/dot_escape.h"
#include "viz/label_text.h"

namespace partnergraph::viz {
namespace {

std::string Attribute(const DotAttributes& attributes, std::string_view name,
                      std::string_view fallback = "") {
  auto it = attributes.find(name);
  return it == attributes.end() ? std::string(fallback) : it->second;
}

bool HasStyle(const DotAttributes& attributes, std::string_view style) {
  const std::string styles = Attribute(attributes, "style");
  size_t start = 0;
  while (start <= styles.size()) {
    size_t comma = styles.find(',', start);
    if (comma == std::string::npos) comma = styles.size();
    std::string_view item = std::string_view(styles).substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item == style) return true;
    start = comma + 1;
  }
  return false;
}

double Number(const DotAttributes& attributes, std::string_view name, double fallback) {
  const std::string text = Attribute(attributes, name);
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : fallback;
}

// One colour for an HTML attribute: Graphviz colour lists ("red:blue",
// "red;0.3:blue") give their first.
std::string FirstColour(std::string_view colour) {
  const size_t end = colour.find_first_of(":;");
  return HtmlLabelText(colour.substr(0, end));
}

std::string_view HeadGlyph(std::string_view arrow) {
  // Graphviz's arrow names, with modifiers ("o", "l", "r") read loosely.
  if (arrow.empty() || arrow == "normal" || arrow == "inv") return "\xE2\x96\xB6";  // ▶
  if (arrow == "none") return "";
  if (arrow == "empty" || arrow == "onormal" || arrow == "invempty") return "\xE2\x96\xB7";  // ▷
  if (arrow == "vee" || arrow == "open") return "\xE2\x9D\xAF";                              // ❯
  if (arrow == "diamond") return "\xE2\x97\x86";                                             // ◆
  if (arrow == "odiamond" || arrow == "ediamond") return "\xE2\x97\x87";                     // ◇
  if (arrow == "dot") return "\xE2\x97\x8F";                                                 // ●
  if (arrow == "odot") return "\xE2\x97\x8B";                                                // ○
  if (arrow == "box") return "\xE2\x96\xA0";                                                 // ■
  if (arrow == "obox") return "\xE2\x96\xA1";                                                // □
  if (arrow == "tee") return "\xE2\x94\xA4";                                                 // ┤
  return "\xE2\x96\xB6";
}

std::string_view TailGlyph(std::string_view arrow) {
  if (arrow.empty() || arrow == "normal" || arrow == "inv") return "\xE2\x97\x80";           // ◀
  if (arrow == "empty" || arrow == "onormal" || arrow == "invempty") return "\xE2\x97\x81";  // ◁
  if (arrow == "vee" || arrow == "open") return "\xE2\x9D\xAE";                              // ❮
  if (arrow == "tee") return "\xE2\x94\x9C";                                                 // ├
  return HeadGlyph(arrow);  // symmetric shapes
}

std::string Text(const StyleLabel& label, std::string_view fallback, LabelLanguage lang) {
  const std::string& en = label.en;
  const std::string& zh = label.zh;
  switch (lang) {
    case LabelLanguage::kEnglish:
      if (!en.empty()) return en;
      if (!zh.empty()) return zh;
      break;
    case LabelLanguage::kChinese:
      if (!zh.empty()) return zh;
      if (!en.empty()) return en;
      break;
    case LabelLanguage::kBoth:
      if (!en.empty() && !zh.empty() && en != zh) return en + " " + zh;
      if (!en.empty()) return en;
      if (!zh.empty()) return zh;
      break;
  }
  return std::string(fallback);
}

std::string Font(double point_size, std::string_view inner, std::string_view colour = "") {
  std::string out = "<FONT POINT-SIZE=\"" + FormatDecimal(point_size) + "\"";
  if (!colour.empty()) out += " COLOR=\"" + std::string(colour) + "\"";
  return out + ">" + std::string(inner) + "</FONT>";
}

std::string NodeSample(const DotAttributes& attributes) {
  const std::string outline = FirstColour(Attribute(attributes, "color", "black"));
  const bool filled = HasStyle(attributes, "filled");
  const std::string fill =
      filled ? FirstColour(Attribute(attributes, "fillcolor", Attribute(attributes, "color")))
             : "white";
  std::string style;
  if (HasStyle(attributes, "dashed")) style = "dashed";
  if (HasStyle(attributes, "dotted")) style = "dotted";
  const std::string shape = Attribute(attributes, "shape", "ellipse");
  const bool rounded =
      HasStyle(attributes, "rounded") || shape == "ellipse" || shape == "oval" || shape == "circle";
  if (rounded) style = style.empty() ? "rounded" : "rounded," + style;
  // A fixed-size table keeps the swatch small, whatever the column's width.
  return "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\" "
         "FIXEDSIZE=\"TRUE\" "
         "WIDTH=\"18\" HEIGHT=\"10\" COLOR=\"" +
         outline + "\" BGCOLOR=\"" + (fill.empty() ? std::string("white") : fill) + "\"" +
         (style.empty() ? "" : " STYLE=\"" + style + "\"") + "><TR><TD></TD></TR></TABLE>";
}

}  // namespace

std::string EdgeSampleGlyphs(const DotAttributes& attributes) {
  if (HasStyle(attributes, "invis")) return "\xE2\x80\x83\xE2\x80\x83\xE2\x80\x83";  // em spaces
  const bool heavy = HasStyle(attributes, "bold") || Number(attributes, "penwidth", 1) >= 2;
  std::string_view dash = heavy ? "\xE2\x94\x81" : "\xE2\x94\x80";                     // ━ ─
  if (HasStyle(attributes, "dashed")) dash = heavy ? "\xE2\x95\x8D" : "\xE2\x95\x8C";  // ╍ ╌
  if (HasStyle(attributes, "dotted")) dash = heavy ? "\xE2\x94\x89" : "\xE2\x94\x88";  // ┉ ┈
  const std::string dir = Attribute(attributes, "dir", "forward");
  std::string out;
  if (dir == "both" || dir == "back") out += TailGlyph(Attribute(attributes, "arrowtail"));
  for (int i = 0; i < 3; ++i) out += dash;
  if (dir == "both" || dir == "forward") out += HeadGlyph(Attribute(attributes, "arrowhead"));
  return out;
}

void Legend::AddSection(const StyleLabel& title) { sections_.push_back({title, {}}); }

void Legend::AddNode(const StyleLabel& label, std::string_view fallback,
                     const DotAttributes& attributes) {
  if (sections_.empty()) sections_.emplace_back();
  sections_.back().entries.push_back({true, std::string(fallback), label, attributes});
}

void Legend::AddEdge(const StyleLabel& label, std::string_view fallback,
                     const DotAttributes& attributes) {
  if (sections_.empty()) sections_.emplace_back();
  sections_.back().entries.push_back({false, std::string(fallback), label, attributes});
}

bool Legend::empty() const {
  return std::all_of(sections_.begin(), sections_.end(),
                     [](const Section& section) { return section.entries.empty(); });
}

std::string Legend::Html(const StyleLabel& title, LabelLanguage lang, const DotAttributes& frame,
                         double point_size, int columns) const {
  size_t total = 0;
  for (const Section& section : sections_) total += section.entries.size();
  if (total == 0) return "";
  size_t per_row = columns > 0 ? static_cast<size_t>(columns) : 0;
  if (per_row == 0) {
    // About twice as wide as tall: an entry is some three times wider than high.
    per_row = static_cast<size_t>(std::ceil(std::sqrt(static_cast<double>(total) * 1.5)));
    per_row = std::clamp<size_t>(per_row, 3, 6);
  }
  const size_t cells = per_row * 2;
  std::string style = "rounded";
  if (HasStyle(frame, "dashed")) style += ",dashed";
  std::string out = "<TABLE BORDER=\"1\" STYLE=\"" + style + "\" COLOR=\"" +
                    FirstColour(Attribute(frame, "color", "#9e9e9e")) +
                    "\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"1\">";
  const std::string heading = Text(title, "Legend", lang);
  if (!heading.empty()) {
    out += "<TR><TD COLSPAN=\"" + std::to_string(cells) + "\">" +
           Font(point_size + 1, "<B>" + HtmlLabelText(heading) + "</B>") + "</TD></TR>";
  }
  for (const Section& section : sections_) {
    if (section.entries.empty()) continue;
    const std::string section_title = Text(section.title, "", lang);
    if (!section_title.empty()) {
      out += "<TR><TD COLSPAN=\"" + std::to_string(cells) + "\" ALIGN=\"LEFT\">" +
             Font(point_size, "<I>" + HtmlLabelText(section_title) + "</I>") + "</TD></TR>";
    }
    for (size_t i = 0; i < section.entries.size(); i += per_row) {
      out += "<TR>";
      const size_t end = std::min(section.entries.size(), i + per_row);
      for (size_t j = i; j < end; ++j) {
        const Entry& entry = section.entries[j];
        if (entry.node) {
          out += "<TD ALIGN=\"RIGHT\">" + NodeSample(entry.attributes) + "</TD>";
        } else {
          const std::string colour = FirstColour(Attribute(entry.attributes, "color", "black"));
          out += "<TD ALIGN=\"RIGHT\">" +
                 Font(point_size, HtmlLabelText(EdgeSampleGlyphs(entry.attributes)), colour) +
                 "</TD>";
        }
        out += "<TD ALIGN=\"LEFT\">" +
               Font(point_size, HtmlLabelText(Text(entry.label, entry.name, lang))) + "</TD>";
      }
      if (end - i < per_row && i != 0) {
        out += "<TD COLSPAN=\"" + std::to_string((per_row - (end - i)) * 2) + "\"></TD>";
      }
      out += "</TR>";
    }
  }
  return out + "</TABLE>";
}

}  // namespace partnergraph::viz
