// Laying out and rendering a graph in a child process, so that a fault in
// Graphviz cannot take the caller's process down.
//
// Graphviz's dot engine has a long-standing family of memory bugs with
// clusters and edge labels: after "Unable to reclaim box space in spline
// routing" its cleanup (gvFreeLayout) frees the same block twice and glibc
// aborts the process. The picture itself comes out right; the `dot` program
// survives only because it exits without freeing the layout. So the layout
// and the rendering run in a forked child, which sends the bytes back
// through a pipe and ends with _exit() without freeing anything; a child
// that dies on a signal is reported, never followed.
#ifndef PARTNERGRAPH_VIZ_ISOLATED_RENDER_H_
#define PARTNERGRAPH_VIZ_ISOLATED_RENDER_H_

#include <string>

#include "partnergraph/status.h"

#include "viz/graphviz_session.h"

namespace partnergraph::viz {

enum class RenderOutcome {
  kOk,              // data holds the file's bytes
  kLayoutFailed,    // gvLayout() returned an error
  kRenderFailed,    // gvRenderData() returned an error or no data
  kReportedErrors,  // rendered, but Graphviz reported an error (not a warning)
};

struct IsolatedRender {
  RenderOutcome outcome = RenderOutcome::kOk;
  std::string messages;  // what Graphviz reported, as GraphvizSession::messages()
  std::string data;      // the rendered file, when kOk
};

// Lays out `graph` with `engine` and renders it as `format` ("svg", "png",
// "pdf") in a forked child of this process. `session` must be the caller's
// open session (it holds the Graphviz lock, so no other thread is inside
// Graphviz when the process forks). Fails with kIOError when
// the child could not be started or died (a crash inside Graphviz); the
// caller's graph is left untouched either way.
Result<IsolatedRender> LayOutAndRenderIsolated(GraphvizSession& session, Agraph_t* graph,
                                               const std::string& engine, const char* format);

}  // namespace partnergraph::viz

#endif  // PARTNERGRAPH_VIZ_ISOLATED_RENDER_H_
