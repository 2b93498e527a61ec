// Semantic tokens: the document's current text is lexed here (comments, strings, numbers,
// keywords, names); names are classified by what the analysis resolved them to.
#include <cstring>

#include "lsp/handlers.hpp"
#include "syntax/lexer.hpp"

namespace hlab::lsp {
namespace {

enum TokenType { kKeyword, kType, kClass, kVariable, kProperty, kEnumMember, kString, kNumber, kComment, kFunction, kNone };
enum Modifier { kDeclaration = 1, kReadonly = 2, kDefaultLibrary = 4 };

struct Token {
  std::uint32_t begin, end;
  int type;
  int modifiers;
};

int type_of(Declaration::Kind k) {
  switch (k) {
    case Declaration::Kind::Let: return kVariable;
    case Declaration::Kind::Template: return kFunction;
    case Declaration::Kind::Schema: return kType;
    case Declaration::Kind::Kind: return kClass;
    case Declaration::Kind::Entity: return kEnumMember;
    case Declaration::Kind::Field: return kProperty;
  }
  return kNone;
}

Token classify_name(const Context& c, std::uint32_t b, std::uint32_t e, std::string_view word) {
  if (syntax::lex::is_keyword(word)) return {b, e, kKeyword, 0};
  if (!c.file.valid()) return {b, e, kNone, 0};
  std::uint32_t o = c.view->snap_offset(*c.doc, b);
  if (c.view->doc_offset(*c.doc, o) != b) return {b, e, kNone, 0};
  const Index& ix = *c.index;
  if (const auto* u = ix.use_at(c.file, o))
    if (const auto* d = ix.declaration_named(u->decl))
      return {b, e, type_of(d->kind), (d->kind == Declaration::Kind::Let ? kReadonly : 0) | (d->is_stdlib ? kDefaultLibrary : 0)};
  if (const auto* d = ix.declaration_at(c.file, o)) return {b, e, type_of(d->kind), kDeclaration};
  if (ix.field_at(c.file, o)) return {b, e, kProperty, 0};
  return {b, e, kNone, 0};
}

std::vector<Token> lex(const Context& c) {
  std::vector<Token> out;
  const std::string& text = c.doc->text;
  const char* base = text.data();
  const char* end = base + text.size();
  auto at = [&](const char* p) { return static_cast<std::uint32_t>(p - base); };
  const char* p = base;
  while (p < end) {
    char ch = *p;
    if (ch == '#' || (ch == '/' && p + 1 < end && p[1] == '/')) {
      const char* q = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      q = q ? q : end;
      out.push_back({at(p), at(q), kComment, 0});
      p = q;
    } else if (ch == '/' && p + 1 < end && p[1] == '*') {
      const char* q = std::strstr(p + 2, "*/");  // text is NUL-terminated by std::string
      q = (q && q < end) ? q + 2 : end;
      out.push_back({at(p), at(q), kComment, 0});
      p = q;
    } else if (ch == '"') {
      auto s = syntax::lex::string(p, end, 32);
      const char* q = s.end ? s.end : end;
      out.push_back({at(p), at(q), kString, 0});
      p = q;
    } else if (const char* q = syntax::lex::numeric_word(p, end); q && q > p) {
      out.push_back({at(p), at(q), kNumber, 0});
      p = q;
    } else if (syntax::lex::is_ident_start(ch)) {
      const char* w = syntax::lex::path(p, end);
      if (!w || w <= p) w = p + 1;
      Token t = classify_name(c, at(p), at(w), std::string_view(p, static_cast<std::size_t>(w - p)));
      if (t.type != kNone) out.push_back(t);
      p = w;
    } else {
      ++p;
    }
  }
  return out;
}

}  // namespace

json semantic_tokens_legend() {
  return {{"tokenTypes", {"keyword", "type", "class", "variable", "property", "enumMember", "string", "number", "comment", "function"}},
          {"tokenModifiers", {"declaration", "readonly", "defaultLibrary"}}};
}

json semantic_tokens(const Context& c) {
  const Document& doc = *c.doc;
  std::vector<std::uint32_t> data;
  std::uint32_t prev_line = 0, prev_char = 0;
  auto emit = [&](std::uint32_t b, std::uint32_t e, int type, int mods) {
    if (e <= b) return;
    json start = to_position(doc.text, doc.lines, b, c.view->encoding());
    json stop = to_position(doc.text, doc.lines, e, c.view->encoding());
    std::uint32_t line = start["line"], ch = start["character"];
    std::uint32_t length = stop["character"].get<std::uint32_t>() - ch;
    if (length == 0) return;
    data.insert(data.end(), {line - prev_line, line == prev_line ? ch - prev_char : ch, length,
                             static_cast<std::uint32_t>(type), static_cast<std::uint32_t>(mods)});
    prev_line = line;
    prev_char = ch;
  };
  for (const Token& t : lex(c)) {
    // Tokens never span lines in the encoding: split multi-line strings and comments.
    std::uint32_t b = t.begin;
    while (b < t.end) {
      std::uint32_t line = doc.lines.line_index(b);
      std::uint32_t line_end = line + 1 < doc.lines.line_count() ? doc.lines.line_start(line + 1) : static_cast<std::uint32_t>(doc.text.size());
      std::uint32_t e = std::min(t.end, line_end);
      std::uint32_t content_end = doc.lines.line_start(line) + static_cast<std::uint32_t>(doc.lines.line_text(doc.text, line).size());
      emit(b, std::min(e, content_end), t.type, t.modifiers);
      b = e;
    }
  }
  return {{"data", data}};
}

}  // namespace hlab::lsp
