#include "viz/graphviz_session.h"

#include <cstdlib>
#include <vector>

namespace partnergraph::viz {
namespace {

std::mutex& GraphvizMutex() {
  static std::mutex mutex;
  return mutex;
}

// Where the hook writes: the current session's buffer. Only touched under
// GraphvizMutex(), so one pointer suffices.
std::string* active_buffer = nullptr;

// Graphviz calls its error hook with pieces of a message ("Error", ": ",
// "syntax error in line 1 near 'x'\n"), so append rather than replace.
int CaptureMessage(char* text) {
  if (active_buffer != nullptr && text != nullptr) *active_buffer += text;
  return 0;
}

struct ContextFreer {
  void operator()(GVC_t* context) const { gvFreeContext(context); }
};

// Copies and frees the list gvPluginList() returns: each name, then the array.
std::vector<std::string> PluginList(GVC_t* context, const char* kind) {
  int size = 0;
  char** list = gvPluginList(context, kind, &size, nullptr);
  std::vector<std::string> names;
  if (list == nullptr) return names;
  for (int i = 0; i < size; ++i) {
    names.emplace_back(list[i]);
    free(list[i]);  // allocated by Graphviz with malloc
  }
  free(static_cast<void*>(list));
  return names;
}

}  // namespace

GraphvizSession::GraphvizSession() : lock_(GraphvizMutex()) {
  previous_hook_ = agseterrf(CaptureMessage);
  active_buffer = &reported_;
  agreseterrors();  // had_error() reports this session only
}

GraphvizSession::~GraphvizSession() {
  agreseterrors();
  active_buffer = nullptr;
  agseterrf(previous_hook_);
}

GVC_t* GraphvizSession::context() {
  // Function-local: created on first use under the session lock, freed at
  // exit. gvContext() reads the plugin configuration (config6a) and loads
  // plugins on demand.
  static const std::unique_ptr<GVC_t, ContextFreer> kShared(gvContext());
  return kShared.get();
}

bool GraphvizSession::had_error() const { return agerrors() >= AGERR; }

std::string GraphvizSession::messages() const {
  std::string joined;
  size_t start = 0;
  while (start < reported_.size()) {
    size_t end = reported_.find('\n', start);
    if (end == std::string::npos) end = reported_.size();
    const std::string line = reported_.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) {
      if (!joined.empty()) joined += "; ";
      joined += line.substr(0, line.find_last_not_of(" \t\r") + 1);
    }
    start = end + 1;
  }
  return joined;
}

bool GraphvizSession::HasPlugin(const char* kind, std::string_view name) {
  GVC_t* gvc = context();
  if (gvc == nullptr) return false;
  for (const std::string& plugin : PluginList(gvc, kind)) {
    if (plugin == name) return true;
  }
  return false;
}

std::string GraphvizSession::PluginNames(const char* kind) {
  GVC_t* gvc = context();
  if (gvc == nullptr) return "";
  std::string names;
  for (const std::string& plugin : PluginList(gvc, kind)) {
    if (!names.empty()) names += ", ";
    names += plugin;
  }
  return names;
}

}  // namespace partnergraph::viz
