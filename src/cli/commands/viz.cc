// dot, render, gallery: pictures of any view.
#include <filesystem>
#include <fstream>

#include "partnergraph/dot_writer.h"
#include "partnergraph/renderer.h"
#include "partnergraph/views.h"
#include "partnergraph/viz_style.h"

#include "cli/commands/commands.h"
#include "cli/database.h"
#include "cli/graph_loader.h"

namespace partnergraph::cli {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) items.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

Result<ViewRequest> RequestFrom(const ViewOptions& options) {
  const int chosen =
      (options.around.empty() ? 0 : 1) + (options.path.empty() ? 0 : 1) + (options.funding ? 1 : 0);
  if (chosen > 1) {
    return Status::InvalidArgument("choose one view: --around, --path or --funding");
  }
  if (!options.funder.empty() && !options.funding) {
    return Status::InvalidArgument("--funder goes with --funding");
  }
  ViewRequest request;
  if (!options.around.empty()) {
    request.kind = ViewKind::kAround;
    request.focus = options.around;
    request.depth = options.depth;
  } else if (!options.path.empty()) {
    request.kind = ViewKind::kPath;
    request.focus = options.path[0];
    request.target = options.path[1];
  } else if (options.funding) {
    request.kind = ViewKind::kFunding;
    request.funder = options.funder;
  }
  request.types = SplitCommas(options.filter.types);
  request.kinds = SplitCommas(options.kinds);
  request.title = options.title;
  if (!options.filter.as_of.empty()) {
    Result<PartialDate> date = PartialDate::Parse(options.filter.as_of);
    if (!date) return date.error().WithContext("--as-of");
    request.as_of = *date;
  }
  return request;
}

// The DOT text of a view and the layout engine that suits it.
struct DotPicture {
  std::string dot;
  std::string layout;
};

Result<DotPicture> MakeDot(const Store& store, const Graph& graph, const ViewOptions& options) {
  Result<ViewRequest> request = RequestFrom(options);
  if (!request) return request.error();
  Result<GraphView> view = SelectView(store, graph, *request);
  if (!view) return view.error();
  Result<VizStyle> style =
      VizStyle::LoadNamed(options.style.empty() ? "default" : options.style, BundledVizDir());
  if (!style) return style.error();
  DotOptions dot_options;
  Result<LabelLanguage> lang = LabelLanguageFromName(options.lang);
  if (!lang) return lang.error();
  dot_options.lang = *lang;
  Result<Clustering> clusters = ClusteringFromName(options.clusters);
  if (!clusters) return clusters.error();
  dot_options.clusters = *clusters;
  dot_options.legend = !options.no_legend;
  // Relation labels help in small pictures and clutter big ones.
  dot_options.edge_labels = view->relations.size() <= 60;
  Result<std::string> dot = WriteDot(*view, *style, dot_options);
  if (!dot) return dot.error();
  std::string layout = options.layout;
  if (layout.empty()) {
    // dot ranks a hub's hundred partners into one unreadable row; a radial
    // layout suits an ego network and a force layout the whole network.
    switch (request->kind) {
      case ViewKind::kWhole:
        layout = "sfdp";
        break;
      case ViewKind::kAround:
        layout = "twopi";
        break;
      case ViewKind::kPath:
      case ViewKind::kFunding:
        layout = "dot";
        break;
    }
  }
  return DotPicture{std::move(*dot), layout};
}

// Writes beside the target and renames: never a half-written picture.
Status WriteFileAtomically(const std::string& path, const std::string& bytes) {
  const std::string staging = path + ".partial";
  {
    std::ofstream out(staging, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError("cannot write " + staging);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return Status::IOError("cannot write " + staging + " (disk full?)");
  }
  std::error_code ec;
  fs::rename(staging, path, ec);
  if (ec) return Status::IOError("cannot move " + staging + " to " + path + ": " + ec.message());
  return Status::Ok();
}

struct LoadedDatabase {
  std::unique_ptr<Store> store;
  std::unique_ptr<Graph> graph;
};

Result<LoadedDatabase> Load(const GlobalOptions& global) {
  Result<std::unique_ptr<Store>> store = OpenForQuery(global);
  if (!store) return store.error();
  Result<Graph> graph = LoadGraph(**store);
  if (!graph) return graph.error();
  return LoadedDatabase{std::move(*store), std::make_unique<Graph>(std::move(*graph))};
}

}  // namespace

Status RunDot(const GlobalOptions& global, const ViewOptions& options, std::ostream& out) {
  Result<LoadedDatabase> db = Load(global);
  if (!db) return db.error();
  Result<DotPicture> picture = MakeDot(*db->store, *db->graph, options);
  if (!picture) return picture.error();
  out << picture->dot;
  return Status::Ok();
}

Status RunRender(const GlobalOptions& global, const ViewOptions& options, std::ostream& out) {
  if (options.output.empty()) {
    return Status::InvalidArgument("give the picture's file with -o FILE.svg|png|pdf");
  }
  Result<ImageFormat> format = ImageFormatFromPath(options.output);
  if (!format) return format.error();
  Result<LoadedDatabase> db = Load(global);
  if (!db) return db.error();
  Result<DotPicture> picture = MakeDot(*db->store, *db->graph, options);
  if (!picture) return picture.error();
  Result<std::string> image = RenderDot(picture->dot, *format, picture->layout);
  if (!image) return image.error();
  Status s = WriteFileAtomically(options.output, *image);
  if (!s.ok()) return s;
  if (!global.json) out << "Wrote " << options.output << " (" << image->size() << " bytes).\n";
  return Status::Ok();
}

Status RunGallery(const GlobalOptions& global, const GalleryOptions& options, std::ostream& out) {
  const std::string directory =
      options.directory.empty() ? BundledVizDir() + "/gallery" : options.directory;
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec) return Status::IOError("cannot create " + directory + ": " + ec.message());
  Result<LoadedDatabase> db = Load(global);
  if (!db) return db.error();

  struct Picture {
    const char* name;
    ViewOptions view;
  };
  std::vector<Picture> pictures;
  {
    ViewOptions view;
    view.lang = "en";
    view.title = "The partnership network of the bundled dataset";
    pictures.push_back({"network", view});
  }
  {
    ViewOptions view;
    view.around = "ilo";
    view.lang = "both";
    view.kinds = "un_entity,ifi,igo,regional_org,forum,trade_union,employers_org,ministry";
    view.title = "The ILO and the organisations it works with directly";
    pictures.push_back({"ilo-ego", view});
  }
  {
    ViewOptions view;
    view.funding = true;
    view.funder = "china";
    view.lang = "both";
    view.title = "China's funding through the ILO: projects, implementers, beneficiaries";
    pictures.push_back({"china-funding", view});
  }
  {
    ViewOptions view;
    view.around = "ilo";
    view.filter.types = "mou";
    view.filter.as_of = "2019";
    view.lang = "both";
    view.title = "Memoranda of understanding with the ILO in force in 2019";
    pictures.push_back({"mous-2019", view});
  }
  {
    ViewOptions view;
    view.around = "ilo";
    view.kinds = "un_entity";
    view.lang = "both";
    view.clusters = "none";
    view.title = "The ILO's partnerships in the UN system";
    pictures.push_back({"ilo-un-system", view});
  }
  for (const Picture& picture : pictures) {
    Result<DotPicture> dot = MakeDot(*db->store, *db->graph, picture.view);
    if (!dot) return dot.error().WithContext(picture.name);
    const std::string base = directory + "/" + picture.name;
    Status s = WriteFileAtomically(base + ".dot", dot->dot);
    if (!s.ok()) return s;
    std::vector<ImageFormat> formats = {ImageFormat::kSvg};
    if (options.images) formats.push_back(ImageFormat::kPng);
    for (ImageFormat format : formats) {
      Result<std::string> image = RenderDot(dot->dot, format, dot->layout);
      if (!image) return image.error().WithContext(picture.name);
      s = WriteFileAtomically(base + "." + ImageFormatName(format), *image);
      if (!s.ok()) return s;
    }
    out << "Wrote " << base << ".dot" << (options.images ? ", .svg, .png" : ", .svg") << '\n';
  }
  return Status::Ok();
}

}  // namespace partnergraph::cli
