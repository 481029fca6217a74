// dot, render, gallery: pictures of any view.
#include <filesystem>
#include <iostream>

#include "partnergraph/atomic_file.h"
#include "partnergraph/database.h"
#include "partnergraph/text.h"

#include "cli/commands/commands.h"
#include "cli/locations.h"
#include "cli/requests.h"
#include "cli/usage.h"

namespace partnergraph::cli {
namespace {

namespace fs = std::filesystem;

// A view as of a date: the note of how its relations counted.
Status NoteViewDating(const Database& db, const ViewRequest& view) {
  RelationFilter filter;
  filter.types = view.types;
  filter.as_of = view.as_of;
  filter.dates = view.dates;
  Result<DatingCounts> counts = NoteDating(db, filter);
  return counts ? Status::Ok() : counts.error();
}

}  // namespace

Status RunDot(const GlobalOptions& global, const ViewOptions& options, std::ostream& out) {
  Result<PictureRequest> request = ParsePictureRequest(options);
  if (!request) return request.error();
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  if (Status s = CheckTypeList((*db)->schema(), request->view.types); !s.ok()) return s;
  if (Status s = CheckKindList((*db)->schema(), request->view.kinds); !s.ok()) return s;
  Result<Picture> picture = (*db)->Dot(*request);
  if (!picture) return picture.error();
  if (Status s = NoteViewDating(**db, request->view); !s.ok()) return s;
  out << picture->dot;
  return Status::Ok();
}

Status RunRender(const GlobalOptions& global, const ViewOptions& options, std::ostream& out) {
  if (options.output.empty()) {
    return Status::InvalidArgument("give the picture's file with -o FILE.svg|png|pdf");
  }
  Result<ImageFormat> format = ImageFormatFromPath(
      options.image_format.empty() ? options.output : "-." + options.image_format);
  if (!format) return UsageError("-o: " + format.error().message());
  Result<PictureRequest> request = ParsePictureRequest(options);
  if (!request) return request.error();
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();
  if (Status s = CheckTypeList((*db)->schema(), request->view.types); !s.ok()) return s;
  if (Status s = CheckKindList((*db)->schema(), request->view.kinds); !s.ok()) return s;
  Result<Picture> picture = (*db)->Dot(*request);
  if (!picture) return picture.error();
  if (!picture->note.empty()) std::cerr << "pgraph: note: " << picture->note << '\n';
  if (Status s = NoteViewDating(**db, request->view); !s.ok()) return s;
  Result<std::string> image = RenderDot(picture->dot, *format, picture->layout);
  if (!image) return image.error();
  if (options.output == "-") {
    out.write(image->data(), static_cast<std::streamsize>(image->size()));
    return Status::Ok();
  }
  Status s = WriteFileAtomically(options.output, *image);
  if (!s.ok()) return s;
  if (!global.json) {
    out << "Wrote " << TerminalText(options.output) << " (" << image->size() << " bytes).\n";
  }
  return Status::Ok();
}

Status RunGallery(const GlobalOptions& global, const GalleryOptions& options, std::ostream& out) {
  // Into the working directory, never into the program's own tree.
  const std::string directory = options.directory.empty() ? "gallery" : options.directory;
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec) return Status::IOError("cannot create " + directory + ": " + ec.message());
  Result<std::unique_ptr<Database>> db = OpenDatabase(global, OpenMode::kReadOnly);
  if (!db) return db.error();

  struct GalleryPicture {
    const char* name;
    ViewOptions view;
  };
  std::vector<GalleryPicture> pictures;
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
  for (const GalleryPicture& picture : pictures) {
    Result<PictureRequest> request = ParsePictureRequest(picture.view);
    if (!request) return request.error().WithContext(picture.name);
    Result<Picture> dot = (*db)->Dot(*request);
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
    out << "Wrote " << TerminalText(base) << ".dot" << (options.images ? ", .svg, .png" : ", .svg")
        << '\n';
  }
  return Status::Ok();
}

}  // namespace partnergraph::cli
