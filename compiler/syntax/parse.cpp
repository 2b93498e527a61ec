// The front door of the syntax phase: encoding checks, the item scanner, the grammar
// one item at a time, and lowering. One bad item becomes one ErrorItem.
#include <fmt/core.h>

#include "syntax/detail/grammar.hpp"
#include "syntax/detail/lower.hpp"
#include "syntax/lexer.hpp"
#include "syntax/parse.hpp"

namespace hlab::syntax {
namespace {

using diag::Code;

// The token at `p`, for "found `...`" in messages: a word, a string start or one character.
std::string_view token_at(const char* p, const char* end) {
  if (p >= end) return {};
  if (const char* q = lex::numeric_word(p, end)) return {p, static_cast<std::size_t>(q - p)};
  if (const char* q = lex::path(p, end)) return {p, static_cast<std::size_t>(q - p)};
  std::size_t n = 1;
  auto c = static_cast<unsigned char>(*p);
  if (c >= 0xC0) n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  return {p, std::min<std::size_t>(n, static_cast<std::size_t>(end - p))};
}

std::string help_for(std::string_view expected) {
  if (expected == "`=`") return "fields and bindings are written `name = value`";
  if (expected == "`}`") return "close the block with `}`, or separate fields with a line break or `,`";
  if (expected == "`]`") return "close the list with `]`; separate items with `,` or a line break";
  if (expected == "`)`") return "close the parentheses with `)`";
  if (expected == "`:`") return "write a field as `name: type`, and a comprehension as `[for x in xs: body]`";
  if (expected == "a type" || expected == "a type name")
    return "types are `string`, `int`, `ip`, `[T]`, `{T}`, `a | b`, a schema or a kind name";
  if (expected == "an expression")
    return "a value is a literal, a name, a record `{ ... }`, a list `[ ... ]` or a template call";
  return "see `hlabc explain E0001` for the shape of declarations";
}

// The head of an item that failed to parse: its first word and the name after it.
ErrorItem error_item(const char* p, const char* end) {
  ErrorItem e;
  p = lex::skip_trivia(p, end);
  const char* w = lex::identifier(p, end);
  if (!w) return e;
  e.head.assign(p, w);
  const char* q = lex::skip_trivia(w, end);
  if (q != end && *q == '"') return e;
  if (const char* n = lex::path(q, end)) e.name.assign(q, n);
  return e;
}

}  // namespace

ParsedFile parse(const base::SourceFile& source, base::FileId file, diag::DiagSink& sink,
                 const ParseLimits& limits) {
  ParsedFile out;
  out.file = file;
  const std::string& text = source.text;
  if (text.size() > limits.max_file_bytes) {
    auto& d = sink.report(Code::FileTooLarge, base::Span{file, 0, 0},
                          fmt::format("file is {} bytes; the limit is {} bytes", text.size(), limits.max_file_bytes));
    d.help = "split the description into several files; each file is a module";
    return out;
  }
  if (std::int64_t bad = find_encoding_error(text); bad >= 0) {
    auto at = static_cast<std::uint32_t>(bad);
    auto byte = static_cast<unsigned char>(text[at]);
    auto& d = sink.report(Code::InvalidEncoding, base::Span{file, at, at + 1},
                          byte == 0 ? std::string("file holds a NUL byte; it is not text")
                                    : fmt::format("file is not valid UTF-8: byte 0x{:02X}", byte));
    d.help = "save the file as UTF-8 text; binary files do not belong among .hlab sources";
    return out;
  }

  ScanResult scan = scan_items(text, file, sink, limits.max_depth);
  out.trivia = std::move(scan.trivia);
  const char* base = text.data();
  for (const ScannedItem& si : scan.items) {
    base::Span item_span{file, si.begin, si.end};
    if (!si.ok) {
      out.items.push_back(Item{item_span, error_item(base + si.begin, base + si.end)});
      continue;
    }
    const char* first = base + si.begin;
    const char* last = base + si.end;
    x3ast::Item parsed;
    grammar::GrammarError err;
    bool ok = grammar::parse_item(first, last, parsed, err);
    if (ok && lex::skip_trivia(first, last) != last) {
      ok = false;
      err.where = lex::skip_trivia(first, last);
      err.expected.clear();
    }
    // X3 names composite parsers by their C++ type; those say nothing to a user.
    if (err.expected.find("boost") != std::string::npos || err.expected.find("hlab") != std::string::npos)
      err.expected.clear();
    if (!ok) {
      const char* w = err.where ? lex::skip_trivia(err.where, last) : base + si.begin;
      std::string_view found = token_at(w, last);
      std::string message;
      if (w == base + si.begin && err.expected.empty())
        message = fmt::format("expected a declaration, found `{}`", found);
      else if (found.empty())
        message = fmt::format("expected {} before the end of the declaration",
                              err.expected.empty() ? std::string("more") : err.expected);
      else if (err.expected.empty())
        message = fmt::format("unexpected `{}`", found);
      else
        message = fmt::format("expected {}, found `{}`", err.expected, found);
      auto off = static_cast<std::uint32_t>(w - base);
      auto& d = sink.report(Code::SyntaxError,
                            base::Span{file, off, off + static_cast<std::uint32_t>(found.size())}, message);
      if (w == base + si.begin && err.expected.empty())
        d.help = "a declaration starts with import, let, schema, kind, template, for, or `kind name { ... }`";
      else
        d.help = help_for(err.expected);
      out.items.push_back(Item{item_span, error_item(base + si.begin, base + si.end)});
      continue;
    }
    out.items.push_back(detail::lower_item(parsed, base, source, file, out.trivia, sink));
  }
  return out;
}

}  // namespace hlab::syntax
