// The front door of the syntax phase: encoding checks, the item scanner, the grammar
// one item at a time, and lowering. One bad item becomes one ErrorItem.
#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <system_error>
#include <thread>

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

// The list literal a long `let` binds, when the item is exactly `let NAME [: TYPE] = [ ... ]`
// (not a comprehension): where it opens, where it closes, and the position after the
// top-level comma nearest its middle. Strings and comments are skipped as the grammar's
// skipper does; any other shape gives nullopt.
struct ListShape {
  const char* open;
  const char* close;
  const char* middle;
};
std::optional<ListShape> long_list_shape(const char* p, const char* end) {
  const char* w = lex::identifier(p, end);
  if (!w || std::string_view(p, static_cast<std::size_t>(w - p)) != "let") return std::nullopt;
  // The `=` of the binding: the first one outside brackets (a type has none elsewhere).
  int depth = 0;
  const char* eq = nullptr;
  for (const char* q = lex::skip_trivia(w, end); q < end && !eq; q = lex::skip_trivia(q, end)) {
    if (*q == '"') {
      q = lex::string(q, end, 64).end;
      if (!q) return std::nullopt;
      continue;
    }
    if (*q == '(' || *q == '[' || *q == '{') ++depth;
    else if (*q == ')' || *q == ']' || *q == '}') --depth;
    else if (*q == '=' && depth == 0) eq = q;
    ++q;
  }
  if (!eq || eq + 1 >= end || eq[1] == '=') return std::nullopt;
  const char* open = lex::skip_trivia(eq + 1, end);
  if (open == end || *open != '[') return std::nullopt;
  const char* first = lex::skip_trivia(open + 1, end);
  if (const char* fw = lex::identifier(first, end); fw && std::string_view(first, static_cast<std::size_t>(fw - first)) == "for")
    return std::nullopt;
  const char* mid_target = open + (end - open) / 2;
  const char* middle = nullptr;
  depth = 0;
  for (const char* q = first; q < end;) {
    const char c = *q;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      ++q;
      continue;
    }
    if (c == '#' || c == '/') {
      if (const char* t = lex::skip_trivia(q, end); t != q) {
        q = t;
        continue;
      }
    }
    if (c == '"') {
      q = lex::string(q, end, 64).end;
      if (!q) return std::nullopt;
      continue;
    }
    if (*q == '(' || *q == '[' || *q == '{') {
      ++depth;
    } else if (*q == ')' || *q == ']' || *q == '}') {
      if (depth == 0) {
        if (*q != ']' || lex::skip_trivia(q + 1, end) != end || !middle) return std::nullopt;
        return ListShape{open, q, middle};
      }
      --depth;
    } else if (*q == ',' && depth == 0 && (!middle || std::abs(q - mid_target) < std::abs(middle - 1 - mid_target))) {
      middle = q + 1;
    }
    ++q;
  }
  return std::nullopt;
}

// The elements of a list body [b, e) as the grammar's `*(expr >> -",")` reads them, each
// lowered as soon as it is parsed. False when an element does not parse or lowering reports
// anything: the caller then parses the item whole, for the usual diagnostics.
bool parse_list_elements(const char* b, const char* e, const base::SourceFile& source, base::FileId file,
                         const std::vector<Trivia>& trivia, std::vector<ExprPtr>& items) {
  diag::DiagSink sink;
  const char* base = source.text.data();
  for (const char* p = lex::skip_trivia(b, e); p != e;) {
    x3ast::Expr x;
    grammar::GrammarError err;
    if (!grammar::parse_expr(p, e, x, err)) return false;
    items.push_back(detail::lower_expr(x, base, source, file, trivia, sink));
    p = lex::skip_trivia(p, e);
    if (p != e && *p == ',') p = lex::skip_trivia(p + 1, e);
  }
  return sink.diagnostics().empty();
}

// A long `let` binding one list literal (the data of a large homelab: thousands of records)
// has its elements parsed and lowered in two halves on two threads; the rest of the item is
// parsed from a copy of the file cut just after the list's `[` and closed with `]`, so that
// every span stays an offset into the real file. Nullopt when the item is not of that shape,
// or anything in it would be reported: the caller parses it whole, as for any item.
std::optional<Item> parse_long_list_let(const base::SourceFile& source, base::FileId file, const ScannedItem& si,
                                        const std::vector<Trivia>& trivia, std::size_t min_bytes) {
  const std::string& text = source.text;
  if (min_bytes == 0 || si.end - si.begin < min_bytes) return std::nullopt;
  const char* base = text.data();
  auto shape = long_list_shape(base + si.begin, base + si.end);
  if (!shape) return std::nullopt;

  std::vector<ExprPtr> first_half, second_half;
  bool first_ok = false;
  std::optional<std::thread> worker;
  try {
    worker.emplace([&] {
      try {
        first_ok = parse_list_elements(shape->open + 1, shape->middle, source, file, trivia, first_half);
      } catch (...) {
        first_ok = false;  // out of memory, say: the whole item is parsed again on this thread
      }
    });
  } catch (const std::system_error&) {
    first_ok = parse_list_elements(shape->open + 1, shape->middle, source, file, trivia, first_half);
  }
  bool second_ok = false;
  try {
    second_ok = parse_list_elements(shape->middle, shape->close, source, file, trivia, second_half);
  } catch (...) {
    if (worker) worker->join();
    throw;
  }
  if (worker) worker->join();
  if (!first_ok || !second_ok) return std::nullopt;

  // The head: the file up to the list's `[`, then `]` right after it. Spans before the list
  // are offsets into the real file; the list's own span and the item's end are set below.
  std::string head(text, 0, static_cast<std::size_t>(shape->open + 1 - base));
  head += ']';
  const char* first = head.data() + si.begin;
  const char* last = head.data() + head.size();
  x3ast::Item parsed;
  grammar::GrammarError err;
  if (!grammar::parse_item(first, last, parsed, err) || lex::skip_trivia(first, last) != last) return std::nullopt;
  diag::DiagSink sink;
  Item item = detail::lower_item(parsed, head.data(), source, file, trivia, sink);
  auto* let = std::get_if<LetDecl>(&item.node);
  if (!sink.diagnostics().empty() || !let || !let->value || !std::holds_alternative<ListLit>(let->value->node))
    return std::nullopt;
  auto list = std::make_shared<Expr>();
  list->span = base::Span{file, static_cast<std::uint32_t>(shape->open - base), static_cast<std::uint32_t>(shape->close + 1 - base)};
  item.span.end = list->span.end;
  ListLit lit;
  lit.items = std::move(first_half);
  lit.items.insert(lit.items.end(), std::make_move_iterator(second_half.begin()), std::make_move_iterator(second_half.end()));
  list->node = std::move(lit);
  let->value = std::move(list);
  return item;
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
    if (auto item = parse_long_list_let(source, file, si, out.trivia, limits.split_list_bytes)) {
      out.items.push_back(std::move(*item));
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
