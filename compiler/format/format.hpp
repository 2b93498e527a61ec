// The canonical formatter of .hlab sources: `hlabc fmt` and the language server's
// textDocument/formatting. Built on syntax::parse; see README.md for the layout rules.
#pragma once

#include <string>
#include <string_view>

#include "base/source.hpp"
#include "diag/diagnostic.hpp"
#include "syntax/ast.hpp"

namespace hlab::format {

struct Result {
  bool ok = false;     // false: the text has syntax errors and was left unchanged
  std::string text;    // the formatted text when ok
};

// Formats one file's text. `path` is only used for messages. `ok` is also false in the
// never expected case of Status::Unstable below (the text is left unchanged then too).
Result format_source(std::string_view path, std::string_view text);

// What format_file found.
enum class Status {
  Formatted,     // `text` is the canonical form (possibly equal to the input)
  SyntaxErrors,  // the parser reported errors to the sink; nothing to write
  Unstable,      // the layout would change the meaning of the file; a formatter bug
};
struct Outcome {
  Status status = Status::SyntaxErrors;
  std::string text;
};

// Formats `source`, reporting its syntax errors to `sink`. The layout is checked before it
// is returned: the formatted text must parse to the same tree (`dump_tree`).
Outcome format_file(const base::SourceFile& source, base::FileId file, diag::DiagSink& sink);

// The parsed file as text without positions: the item and expression tree, every name,
// literal, decoded string and doc comment. Two files with equal dumps mean the same.
std::string dump_tree(const syntax::ParsedFile& file);

}  // namespace hlab::format
