// Owning Graphviz's C handles, and using Graphviz one call at a time.
// Only the viz module includes Graphviz headers.
#ifndef PARTNERGRAPH_VIZ_GRAPHVIZ_SESSION_H_
#define PARTNERGRAPH_VIZ_GRAPHVIZ_SESSION_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

namespace partnergraph::viz {

// Owns an Agraph_t. unique_ptr skips the deleter for nullptr, so a failed
// agmemread() needs no special case.
struct AgraphCloser {
  void operator()(Agraph_t* graph) const { agclose(graph); }
};
using AgraphPtr = std::unique_ptr<Agraph_t, AgraphCloser>;

// Owns the buffer gvRenderData() allocates.
struct RenderDataFreer {
  void operator()(char* data) const { gvFreeRenderData(data); }
};
using RenderDataPtr = std::unique_ptr<char, RenderDataFreer>;

// Owns a computed layout. A layout lives in the graph's records, so it must
// be freed before the graph is closed: declare the LayoutGuard after the
// AgraphPtr, and it is destroyed first.
class LayoutGuard {
 public:
  LayoutGuard(GVC_t* context, Agraph_t* graph) : context_(context), graph_(graph) {}
  ~LayoutGuard() { gvFreeLayout(context_, graph_); }
  LayoutGuard(const LayoutGuard&) = delete;
  LayoutGuard& operator=(const LayoutGuard&) = delete;

 private:
  GVC_t* context_;
  Agraph_t* graph_;
};

// Exclusive use of Graphviz for the lifetime of the object. libgvc and cgraph
// keep global state (the parser, the error hook, plugin tables), so every use
// in the process takes one lock. Meanwhile everything Graphviz reports is
// captured here rather than printed on stderr; the previous error hook is
// restored on destruction.
class GraphvizSession {
 public:
  GraphvizSession();
  ~GraphvizSession();
  GraphvizSession(const GraphvizSession&) = delete;
  GraphvizSession& operator=(const GraphvizSession&) = delete;

  // The process's one Graphviz context, created on first use and freed at
  // exit (creating one per render leaks); nullptr if Graphviz cannot start.
  GVC_t* context();

  // Whether Graphviz reported an error (not just a warning) in this session:
  // what makes the `dot` program exit non-zero.
  bool had_error() const;

  // What Graphviz reported in this session, one message a line joined by
  // "; ", without trailing newlines; "" when nothing.
  std::string messages() const;

  // Whether `name` is among Graphviz's plugins of `kind` ("layout", "device").
  bool HasPlugin(const char* kind, std::string_view name);
  // The names of Graphviz's plugins of `kind`, comma-separated, for messages.
  std::string PluginNames(const char* kind);

 private:
  std::unique_lock<std::mutex> lock_;
  agusererrf previous_hook_;
  std::string reported_;
};

}  // namespace partnergraph::viz

#endif  // PARTNERGRAPH_VIZ_GRAPHVIZ_SESSION_H_
