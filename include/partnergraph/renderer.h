// Lays out and renders DOT in-process with Graphviz (libgvc): what
// `pgraph render -o FILE.svg|png|pdf` writes.
//
// Threads: any thread may call these functions. libgvc is not thread-safe,
// even on different graphs, so every call into Graphviz here runs under one
// process-wide lock: concurrent renders wait for each other. Graphviz reports
// errors through a process-global hook; it is captured for the duration of
// each call and restored afterwards, so messages land in the returned Status
// and never on stderr. One Graphviz context is created on first use and kept
// for the life of the process (creating contexts repeatedly leaks).
#ifndef PARTNERGRAPH_RENDERER_H_
#define PARTNERGRAPH_RENDERER_H_

#include <string>
#include <string_view>

#include "partnergraph/status.h"

namespace partnergraph {

enum class ImageFormat { kSvg, kPng, kPdf };

// Graphviz's name of the format: "svg", "png", "pdf".
const char* ImageFormatName(ImageFormat format);

// The format an output path asks for, by its extension, case-insensitively:
// "map.svg" -> kSvg, "MAP.PNG" -> kPng, "a/b.pdf" -> kPdf. Fails with
// kInvalidArgument naming the path and the extensions that work.
Result<ImageFormat> ImageFormatFromPath(std::string_view path);

// Checks that Graphviz's own parser (cgraph) accepts `dot`. Fails with
// kInvalidArgument carrying Graphviz's message ("syntax error in line 3
// near '->'"). HTML-like labels are only parsed at layout, so RenderDot can
// still reject text that passes here.
Status CheckDotParses(std::string_view dot);

// Lays out `dot` with `layout_engine` ("dot" for hierarchies; "sfdp" or
// "neato" suit the whole network) and renders it in `format`. Returns the
// file's bytes (SVG text, PNG or PDF data). Fails with:
//  - kInvalidArgument: DOT Graphviz rejects, an unknown layout engine, or any
//    error Graphviz reports during layout or rendering (as the `dot` program
//    would exit non-zero), with Graphviz's messages;
//  - kNotSupported: the format's or engine's plugin is not installed or not
//    registered, with advice on fixing the Graphviz installation.
Result<std::string> RenderDot(std::string_view dot, ImageFormat format,
                              std::string_view layout_engine = "dot");

}  // namespace partnergraph

#endif  // PARTNERGRAPH_RENDERER_H_
