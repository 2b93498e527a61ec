// The item scanner: a small hand-written pass that splits a file into top-level items
// before the grammar sees it, so one mistake produces one diagnostic and the next item
// still parses.
#include <fmt/core.h>

#include "syntax/lexer.hpp"
#include "syntax/parse.hpp"

namespace hlab::syntax {
namespace {

using diag::Code;

std::uint32_t off(const char* p, const char* base) { return static_cast<std::uint32_t>(p - base); }

// A line at column 1 that looks like the head of a declaration. Used only to recover
// from an unclosed bracket: formatted code never has such a line inside brackets.
bool looks_like_item_head(const char* p, const char* end) {
  const char* w = lex::identifier(p, end);
  if (!w) return false;
  std::string_view first(p, static_cast<std::size_t>(w - p));
  if (first == "import" || first == "let" || first == "schema" || first == "kind" ||
      first == "template" || first == "for")
    return true;
  // `kind name {`, `kind name on ...`, `kind "name" {`
  const char* q = w;
  while (q != end && (*q == ' ' || *q == '\t')) ++q;
  const char* n = (q != end && *q == '"') ? lex::string(q, end, 4).end : lex::path(q, end);
  if (!n || n == q) return false;
  while (n != end && (*n == ' ' || *n == '\t')) ++n;
  if (n == end) return false;
  if (*n == '{') return true;
  std::string_view rest(n, static_cast<std::size_t>(std::min<std::ptrdiff_t>(end - n, 3)));
  return rest.starts_with("on ") || rest.starts_with("in ");
}

struct Open {
  char bracket;
  std::uint32_t offset;
};

char closer_of(char open) { return open == '{' ? '}' : open == '[' ? ']' : ')'; }

}  // namespace

std::int64_t find_encoding_error(std::string_view text) {
  std::size_t i = 0;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  while (i < n) {
    unsigned char c = s[i];
    if (c == 0) return static_cast<std::int64_t>(i);
    if (c < 0x80) { ++i; continue; }
    std::size_t len = (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
                    : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    if (len == 0 || i + len > n) return static_cast<std::int64_t>(i);
    for (std::size_t k = 1; k < len; ++k)
      if ((s[i + k] & 0xC0) != 0x80) return static_cast<std::int64_t>(i);
    // Reject overlong forms and surrogates, as a strict UTF-8 decoder does.
    if (c == 0xE0 && s[i + 1] < 0xA0) return static_cast<std::int64_t>(i);
    if (c == 0xED && s[i + 1] > 0x9F) return static_cast<std::int64_t>(i);
    if (c == 0xF0 && s[i + 1] < 0x90) return static_cast<std::int64_t>(i);
    if (c == 0xF4 && s[i + 1] > 0x8F) return static_cast<std::int64_t>(i);
    i += len;
  }
  return -1;
}

ScanResult scan_items(std::string_view text, base::FileId file, diag::DiagSink& sink,
                      std::uint32_t max_depth) {
  ScanResult r;
  const char* const base = text.data();
  const char* const end = base + text.size();
  const char* p = base;
  if (text.starts_with("\xEF\xBB\xBF")) p += 3;
  r.body_begin = off(p, base);

  std::vector<Open> stack;
  bool item_open = false;
  ScannedItem cur;
  const char* last_token_end = p;  // end of the last non-trivia byte of the current item
  bool line_has_content = false;
  const char* line_begin = p;
  bool depth_reported = false;
  std::uint32_t ifs_in_item = 0;

  auto span = [&](const char* b, const char* e) { return base::Span{file, off(b, base), off(e, base)}; };
  auto close_item = [&]() {
    if (!item_open) return;
    cur.end = off(last_token_end, base);
    r.items.push_back(cur);
    item_open = false;
  };
  auto report_unclosed = [&]() {
    // Point at the outermost unclosed bracket: that is where the user's block began.
    const Open& o = stack.front();
    auto& d = sink.report(Code::UnbalancedBracket, base::Span{file, o.offset, o.offset + 1},
                          fmt::format("this `{}` is never closed", o.bracket));
    d.primary_label = "opened here";
    d.help = fmt::format("add the matching `{}` before the next declaration", closer_of(o.bracket));
    cur.ok = false;
  };

  while (p != end) {
    char c = *p;
    if (c == '\n') {
      if (!line_has_content) r.trivia.push_back({Trivia::Kind::BlankLine, span(line_begin, p)});
      ++p;

      line_has_content = false;
      line_begin = p;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') { ++p; continue; }
    bool column1 = p == line_begin;
    line_has_content = true;

    // Comments are trivia, never the start of an item.
    if (c == '#' || (c == '/' && p + 1 != end && p[1] == '/')) {
      const char* q = p;
      while (q != end && *q != '\n') ++q;
      bool doc = c == '#' && p + 1 != end && p[1] == '#';
      r.trivia.push_back({doc ? Trivia::Kind::DocComment : Trivia::Kind::LineComment, span(p, q)});
      p = q;
      continue;
    }
    if (c == '/' && p + 1 != end && p[1] == '*') {
      const char* q = p + 2;
      while (q + 1 < end && !(q[0] == '*' && q[1] == '/')) ++q;
      if (q + 1 >= end) {
        auto& d = sink.report(Code::UnterminatedComment, span(p, p + 2), "block comment is never closed");
        d.primary_label = "comment starts here";
        d.help = "close it with `*/`";
        if (item_open) cur.ok = false;
        r.trivia.push_back({Trivia::Kind::BlockComment, span(p, end)});
        p = end;
        break;
      }
      r.trivia.push_back({Trivia::Kind::BlockComment, span(p, q + 2)});
      p = q + 2;
      continue;
    }

    // A new item: column 1 at depth 0, or a recovered item head inside an unclosed bracket.
    if (column1 && (stack.empty() || (looks_like_item_head(p, end) && c != '}' && c != ']' && c != ')'))) {
      if (!stack.empty()) {
        report_unclosed();
        stack.clear();
      }
      if (!(c == '}' || c == ']' || c == ')') || !item_open) {
        close_item();
        cur = ScannedItem{off(p, base), off(p, base), true};
        item_open = true;
        depth_reported = false;
        ifs_in_item = 0;
      }
    } else if (!item_open) {
      cur = ScannedItem{off(p, base), off(p, base), true};
      item_open = true;
      depth_reported = false;
      ifs_in_item = 0;
    }

    if (c == '"') {
      lex::StringScan s = lex::string(p, end, static_cast<int>(max_depth));
      if (s.depth_exceeded) {
        auto& d = sink.report(Code::NestingTooDeep, span(p, p + 1),
                              fmt::format("interpolations are nested deeper than {}", max_depth));
        d.help = "split the expression into `let` bindings";
        cur.ok = false;
        s.end = nullptr;
      } else if (!s.end) {
        auto& d = sink.report(Code::UnterminatedString, span(p, p + (s.multiline ? 3 : 1)),
                              s.multiline ? "multi-line string is never closed" : "string is never closed");
        d.primary_label = "string starts here";
        d.help = s.multiline ? "close it with `\"\"\"` on a line of its own"
                             : "close it with `\"` on the same line; use `\"\"\"` for text over several lines";
        cur.ok = false;
      }
      if (!s.end) {
        if (s.multiline || s.depth_exceeded) { last_token_end = end; p = end; break; }
        const char* q = p;
        while (q != end && *q != '\n') ++q;
        p = q;
        last_token_end = q;
        continue;
      }
      p = s.end;
      last_token_end = p;
      continue;
    }
    if (c == '{' || c == '[' || c == '(') {
      stack.push_back({c, off(p, base)});
      if (stack.size() > max_depth && !depth_reported) {
        auto& d = sink.report(Code::NestingTooDeep, span(p, p + 1),
                              fmt::format("brackets are nested deeper than {}", max_depth));
        d.help = "flatten the structure with `let` bindings or templates";
        depth_reported = true;
        cur.ok = false;
      }
      ++p;
      last_token_end = p;
      continue;
    }
    if (c == '}' || c == ']' || c == ')') {
      if (stack.empty()) {
        auto& d = sink.report(Code::UnbalancedBracket, span(p, p + 1), fmt::format("unexpected `{}`", c));
        d.primary_label = "nothing to close here";
        d.help = "remove it, or add the opening bracket it belongs to";
        cur.ok = false;
      } else if (closer_of(stack.back().bracket) != c) {
        auto& d = sink.report(Code::UnbalancedBracket, span(p, p + 1),
                              fmt::format("`{}` closes `{}`", c, stack.back().bracket));
        d.primary_label = fmt::format("expected `{}`", closer_of(stack.back().bracket));
        d.labels.push_back({base::Span{file, stack.back().offset, stack.back().offset + 1}, "opened here"});
        d.help = "make the brackets match";
        cur.ok = false;
        stack.pop_back();
      } else {
        stack.pop_back();
      }
      ++p;
      last_token_end = p;
      continue;
    }
    // `if` expressions nest without brackets; bound them like brackets so that the
    // grammar's recursion stays shallow.
    if (c == 'i' && p + 1 != end && p[1] == 'f' && (p == base || !lex::is_ident_char(p[-1])) &&
        (p + 2 == end || !lex::is_ident_char(p[2]))) {
      if (++ifs_in_item > 2 * max_depth && !depth_reported) {
        auto& d = sink.report(Code::NestingTooDeep, span(p, p + 2),
                              fmt::format("more than {} `if` expressions in one declaration", 2 * max_depth));
        d.help = "split the declaration, or move conditions into `let` bindings";
        depth_reported = true;
        cur.ok = false;
      }
      p += 2;
      last_token_end = p;
      continue;
    }
    ++p;
    last_token_end = p;
  }
  if (!stack.empty()) report_unclosed();
  close_item();
  return r;
}

}  // namespace hlab::syntax
