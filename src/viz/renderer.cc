#include "partnergraph/renderer.h"

#include <array>
#include <cctype>

#include "viz/graphviz_session.h"
#include "viz/isolated_render.h"

namespace partnergraph {
namespace {

// Graphviz's layout engines. A name outside this list is a typo; a name in it
// that the installation lacks is a missing plugin.
constexpr std::array<std::string_view, 8> kKnownEngines = {"dot",   "neato", "fdp",   "sfdp",
                                                           "circo", "twopi", "osage", "patchwork"};

constexpr std::string_view kPluginAdvice =
    "Graphviz's plugins are missing or not registered: install them (Debian/Ubuntu: "
    "libgvc6; Fedora: graphviz) and run `dot -c` as root to register them";

std::string WithMessages(std::string text, const std::string& messages) {
  if (!messages.empty()) text += ": " + messages;
  return text;
}

// The checks every call makes before handing text to cgraph, whose parser
// reads a C string.
Status CheckText(std::string_view dot) {
  if (dot.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument("DOT rejected: the text contains a NUL byte");
  }
  return Status::Ok();
}

}  // namespace

const char* ImageFormatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::kSvg:
      return "svg";
    case ImageFormat::kPng:
      return "png";
    case ImageFormat::kPdf:
      return "pdf";
  }
  return "svg";
}

Result<ImageFormat> ImageFormatFromPath(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = file.find_last_of('.');
  std::string extension;
  if (dot != std::string_view::npos) {
    for (char c : file.substr(dot + 1)) {
      extension += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (extension == "svg") return ImageFormat::kSvg;
  if (extension == "png") return ImageFormat::kPng;
  if (extension == "pdf") return ImageFormat::kPdf;
  return Status::InvalidArgument("cannot tell the image format of \"" + std::string(path) +
                                 "\": use a name ending in .svg, .png or .pdf");
}

Status CheckDotParses(std::string_view dot) {
  Status s = CheckText(dot);
  if (!s.ok()) return s;
  const std::string text(dot);
  viz::GraphvizSession session;
  viz::AgraphPtr graph(agmemread(text.c_str()));
  if (!graph) {
    return Status::InvalidArgument(
        WithMessages("DOT rejected by Graphviz",
                     session.messages().empty() ? "no graph in the text" : session.messages()));
  }
  if (session.had_error()) {
    return Status::InvalidArgument(WithMessages("DOT rejected by Graphviz", session.messages()));
  }
  return Status::Ok();
}

Result<std::string> RenderDot(std::string_view dot, ImageFormat format,
                              std::string_view layout_engine) {
  Status s = CheckText(dot);
  if (!s.ok()) return s;
  const std::string text(dot);
  const std::string engine(layout_engine);
  const char* format_name = ImageFormatName(format);

  viz::GraphvizSession session;
  GVC_t* context = session.context();
  if (context == nullptr) {
    return Status::NotSupported(WithMessages("Graphviz could not start", session.messages()) +
                                "; " + std::string(kPluginAdvice));
  }
  // Check plugins before parsing and layout, so a broken installation says
  // so rather than failing halfway with Graphviz's terser message.
  if (!session.HasPlugin("layout", engine)) {
    bool known = false;
    for (std::string_view name : kKnownEngines) known = known || name == engine;
    if (!known) {
      return Status::InvalidArgument("unknown layout engine \"" + engine +
                                     "\" (available: " + session.PluginNames("layout") + ")");
    }
    return Status::NotSupported("Graphviz has no \"" + engine + "\" layout engine; " +
                                std::string(kPluginAdvice));
  }
  if (!session.HasPlugin("device", format_name)) {
    return Status::NotSupported("Graphviz cannot write " + std::string(format_name) + "; " +
                                std::string(kPluginAdvice));
  }

  viz::AgraphPtr graph(agmemread(text.c_str()));
  if (!graph) {
    return Status::InvalidArgument(
        WithMessages("DOT rejected by Graphviz",
                     session.messages().empty() ? "no graph in the text" : session.messages()));
  }
  Result<viz::IsolatedRender> rendered =
      viz::LayOutAndRenderIsolated(session, graph.get(), engine, format_name);
  if (!rendered) {
    return Status::InvalidArgument("Graphviz failed on this view; try --layout " +
                                   std::string(engine == "fdp" ? "neato" : "fdp"));
  }
  const std::string& messages = rendered->messages;
  switch (rendered->outcome) {
    case viz::RenderOutcome::kLayoutFailed: {
      const std::string what = WithMessages("Graphviz layout (" + engine + ") failed", messages);
      if (messages.find("not recognized") != std::string::npos) {
        return Status::NotSupported(what + "; " + std::string(kPluginAdvice));
      }
      return Status::InvalidArgument(what);
    }
    case viz::RenderOutcome::kRenderFailed: {
      const std::string what =
          WithMessages("Graphviz could not render " + std::string(format_name), messages);
      if (messages.find("not recognized") != std::string::npos) {
        return Status::NotSupported(what + "; " + std::string(kPluginAdvice));
      }
      return Status::InvalidArgument(what);
    }
    case viz::RenderOutcome::kReportedErrors:
      // Like the `dot` program, treat any reported error as failure: Graphviz
      // carries on past a bad HTML label, say, drawing its raw markup instead.
      return Status::InvalidArgument(
          WithMessages("Graphviz reported errors while rendering", messages));
    case viz::RenderOutcome::kOk:
      break;
  }
  return std::move(rendered->data);
}

}  // namespace partnergraph
