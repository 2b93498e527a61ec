// The sema phase's front door: load the program, resolve names, check types, evaluate.
// The CLI and the language server both call analyze().
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/source.hpp"
#include "diag/diagnostic.hpp"
#include "sema/model.hpp"
#include "syntax/ast.hpp"

namespace hlab::sema {

struct AnalysisOptions {
  std::vector<std::string> inputs;        // folders or files
  std::vector<std::string> stdlib_path;   // searched in order for `import std.x`
  std::map<std::string, std::string> overlays;  // path -> unsaved text (language server)
  std::size_t max_files = 10000;
  std::size_t max_values = 2'000'000;     // values a program may create while evaluating
  std::uint32_t max_call_depth = 100;     // templates, lets and fields evaluated inside each other
  std::size_t max_string_bytes = 16u << 20;        // one string value built by evaluation
  std::size_t max_total_string_bytes = 256u << 20; // all strings built by evaluation together
};

// One loaded module.
struct Module {
  std::string name;          // "lib.versions", "std.cilium"
  std::string path;          // file path as displayed
  base::FileId file;
  bool is_stdlib = false;
  syntax::ParsedFile parsed;
};

// Everything one analysis produced. Move-only; immutable once returned.
struct Analysis {
  base::SourceSet sources;
  std::vector<Module> modules;
  Model model;
  diag::DiagSink diags;
  std::vector<std::string> roots;   // project folders
};

// Loads `options.inputs` and the stdlib modules they import, then checks and evaluates.
// Never throws for a user's mistake; every problem is in the returned diagnostics.
Analysis analyze(const AnalysisOptions& options);

}  // namespace hlab::sema
