// What pgraph knows of the terminal it writes to: whether stdout is one (as
// it was when pgraph started, before a pager took it over), its width,
// whether to colour, and the pager long answers go through.
#ifndef PARTNERGRAPH_CLI_TERMINAL_H_
#define PARTNERGRAPH_CLI_TERMINAL_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace partnergraph::cli {

// Whether stdout was a terminal when pgraph started (true while a pager
// reads the output in its place).
bool StdoutIsTerminal();

// The terminal's width: its window size, else $COLUMNS, else 0 (unknown),
// as it was when pgraph started.
size_t TerminalColumns();

// Colour and bold on stdout (stderr): only on a terminal, never when
// $NO_COLOR is set (https://no-color.org) or $TERM is "dumb".
bool ColourOnStdout();
bool ColourOnStderr();

// `text` bold (table headers) or dim (notes on stderr) when colour is on
// for that stream; unchanged otherwise.
std::string Bold(std::string_view text);
std::string DimNote(std::string_view text);

// Sends the rest of the output through a pager, as git does: when stdout is
// a terminal with a window size (a pseudo-terminal nobody sized, as
// script(1) makes for a test, has none), with $PGRAPH_PAGER, else $PAGER, else `less -FRX` (less
// gets LESS=FRX unless $LESS is set: one screen prints and exits; colours pass); none when the
// command is "" or "cat". stderr goes to the pager too when it is a terminal, so notes follow the
// output. The pager is waited for at exit. Returns whether one started.
bool StartPager();

}  // namespace partnergraph::cli

#endif  // PARTNERGRAPH_CLI_TERMINAL_H_
