// Renderers: the same Diagnostic data shown to people (terminal) and to machines (JSON).
#pragma once

#include <string>
#include <vector>

#include "base/source.hpp"
#include "diag/diagnostic.hpp"

namespace hlab::diag {

struct TerminalOptions {
  bool color = false;            // ANSI colours
  std::size_t max_errors = 50;   // after this many errors, "N more errors" and stop
};

// rustc-style text: "error[E0201]: message", " --> file:line:col", the source line(s)
// with carets (tabs expanded, UTF-8 aware), labelled secondary spans, notes, "help:".
// Ends with a summary line ("error: 2 errors and 1 warning emitted") when anything was shown.
std::string render_terminal(const std::vector<Diagnostic>& diags, const base::SourceSet& sources,
                            const TerminalOptions& options);

// A JSON document: {"version":1,"diagnostics":[{code,severity,message,file,line,column,
// end_line,end_column,labels:[...],notes:[...],help}],"errors":N,"warnings":N}.
std::string render_json(const std::vector<Diagnostic>& diags, const base::SourceSet& sources);

}  // namespace hlab::diag
