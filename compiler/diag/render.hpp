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

// What the CI renderers need besides the diagnostics.
struct CiOptions {
  std::string source_root;   // absolute folder; paths below it are written relative to it
  std::string tool_version;  // "0.1.0"
  std::string docs_url;      // base URL of docs/ ("https://.../docs"); empty: no links
};

// SARIF 2.1.0 (one run, every registered code as a rule, one result per diagnostic, artifact
// URIs relative to `%SRCROOT%` = source_root, 1-based code-point columns, secondary spans as
// relatedLocations, a line-independent partial fingerprint). See docs/json-output.md.
std::string render_sarif(const std::vector<Diagnostic>& diags, const base::SourceSet& sources,
                         const CiOptions& options);

// GitHub Actions workflow commands, one line per diagnostic:
// "::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=E0201 unknown-name::message",
// with properties and message escaped as GitHub's toolkit does.
std::string render_github(const std::vector<Diagnostic>& diags, const base::SourceSet& sources,
                          const CiOptions& options);

}  // namespace hlab::diag
