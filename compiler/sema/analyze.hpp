// The sema phase's front door: load the program, resolve names, check types, evaluate.
// The CLI and the language server both call analyze().
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/source.hpp"
#include "diag/diagnostic.hpp"
#include "sema/model.hpp"
#include "syntax/ast.hpp"

namespace hlab::sema {

// Parsed files kept from one analysis to the next (the language server analyses again after
// every edit): a file whose path, text and FileId are unchanged is not parsed again, and
// its syntax diagnostics are repeated. Thread-safe; share one per project.
class ParseCache {
 public:
  struct Entry {
    std::string text;
    base::FileId file;
    syntax::ParsedFile parsed;
    std::vector<diag::Diagnostic> diags;
  };
  // The entry for `path` when its text and file id match; false otherwise.
  bool find(const std::string& path, std::string_view text, base::FileId file, Entry& out) const;
  void store(const std::string& path, Entry entry);

 private:
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

struct AnalysisOptions {
  std::vector<std::string> inputs;        // folders or files
  std::vector<std::string> stdlib_path;   // searched in order for `import std.x`
  std::map<std::string, std::string> overlays;  // path -> unsaved text (language server)
  std::shared_ptr<ParseCache> parse_cache;      // optional (language server)
  std::size_t max_files = 10000;
  std::size_t max_values = 2'000'000;     // values a program may create while evaluating
  std::uint32_t max_call_depth = 100;     // templates, lets and fields evaluated inside each other
};

// One loaded module.
struct Module {
  std::string name;          // "lib.versions", "std.cilium"
  std::string path;          // file path as displayed
  base::FileId file;
  bool is_stdlib = false;
  syntax::ParsedFile parsed;
};

// A name written in the sources and the declaration it resolved to. Filled while
// evaluating; the language server's definitions, references and renames read it.
struct NameUse {
  enum class Kind : std::uint8_t { Let, Template, Schema, Entity } kind = Kind::Let;
  base::Span use;   // where the name is written (may hold more than the name: `"x"`, `a/b`)
  base::Span decl;  // the declared name
  EntityId entity;  // Entity uses
};

// The value a `let` evaluated to (null when it failed), by the span of its name.
struct LetValue {
  base::Span name;
  ValuePtr value;
};

// Everything one analysis produced. Move-only; immutable once returned.
struct Analysis {
  base::SourceSet sources;
  std::vector<Module> modules;
  Model model;
  diag::DiagSink diags;
  std::vector<std::string> roots;   // project folders
  std::vector<NameUse> uses;        // resolved names, in evaluation order (may repeat)
  std::vector<LetValue> lets;
};

// Loads `options.inputs` and the stdlib modules they import, then checks and evaluates.
// Never throws for a user's mistake; every problem is in the returned diagnostics.
Analysis analyze(const AnalysisOptions& options);

}  // namespace hlab::sema
