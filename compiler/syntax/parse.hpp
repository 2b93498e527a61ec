// The syntax phase's front door: source text in, ParsedFile out, diagnostics to the sink.
#pragma once

#include <cstdint>

#include "base/source.hpp"
#include "diag/diagnostic.hpp"
#include "syntax/ast.hpp"

namespace hlab::syntax {

// Limits that keep hostile input cheap; each breach is one diagnostic.
struct ParseLimits {
  std::uint32_t max_depth = 128;                // brackets and interpolations
  std::size_t max_file_bytes = 16u << 20;       // 16 MiB
  // A `let` binding a list literal at least this long has its elements parsed on two
  // threads (0: never). The tree and the diagnostics are the same either way.
  std::size_t split_list_bytes = 64u << 10;     // 64 KiB
};

// Parses one file. Never throws for bad input: every problem becomes a diagnostic and
// an ErrorItem/ErrorExpr, and parsing goes on with the next top-level item.
ParsedFile parse(const base::SourceFile& source, base::FileId file, diag::DiagSink& sink,
                 const ParseLimits& limits = {});

// One top-level item found by the scanner: its byte range and whether the scanner
// already reported an error inside it (then the grammar does not look at it).
struct ScannedItem {
  std::uint32_t begin = 0, end = 0;
  bool ok = true;
};
struct ScanResult {
  std::vector<ScannedItem> items;
  std::vector<Trivia> trivia;
  std::uint32_t body_begin = 0;  // after a byte-order mark, if any
};

// Splits a file into top-level items: an item starts at column 1 at bracket depth 0.
// Knows strings, interpolations, comments and bracket depth; reports unterminated
// strings and comments, unbalanced brackets and nesting beyond `max_depth`.
ScanResult scan_items(std::string_view text, base::FileId file, diag::DiagSink& sink,
                      std::uint32_t max_depth);

// Checks that `text` is UTF-8 without NUL bytes; returns the offset of the first bad
// byte, or -1 when the text is clean.
std::int64_t find_encoding_error(std::string_view text);

}  // namespace hlab::syntax
