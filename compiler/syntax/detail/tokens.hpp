// X3 primitive parsers built on the hand-written lexemes of lexer.hpp: each skips
// trivia, matches one token and yields an x3ast::Tok with its text range.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <cstring>
#include <string>
#include <string_view>

#include "syntax/detail/x3ast.hpp"
#include "syntax/lexer.hpp"

namespace hlab::syntax::grammar {
namespace x3 = boost::spirit::x3;
using x3ast::Tok;
using x3ast::TokKind;

// Skips whitespace and comments; used as the grammar's skipper.
struct trivia_skipper : x3::parser<trivia_skipper> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
    const char* p = lex::skip_trivia(first, last);
    if (p == first) return false;
    first = p;
    return true;
  }
};

enum class TokClass { Ident, AnyIdent, Path, Word, String, Keyword, Punct, Op };

// One token of class `cls`; for Keyword and Punct, `text` is the exact spelling.
struct tok_parser : x3::parser<tok_parser> {
  using attribute_type = Tok;
  static bool const has_attribute = true;
  TokClass cls;
  const char* text;
  std::size_t len;  // of text
  constexpr tok_parser(TokClass c, const char* t = "") : cls(c), text(t), len(std::char_traits<char>::length(t)) {}

  const char* match(const char* p, const char* end) const {
    switch (cls) {
      case TokClass::Ident: {
        const char* q = lex::identifier(p, end);
        if (!q || lex::is_keyword(std::string_view(p, static_cast<std::size_t>(q - p)))) return nullptr;
        return q;
      }
      case TokClass::AnyIdent: return lex::identifier(p, end);
      case TokClass::Path: {
        const char* w = lex::identifier(p, end);
        if (!w || lex::is_keyword(std::string_view(p, static_cast<std::size_t>(w - p)))) return nullptr;
        return lex::path(p, end);
      }
      case TokClass::Word: return lex::numeric_word(p, end);
      case TokClass::String: return lex::string(p, end, 1 << 20).end;
      case TokClass::Keyword: {
        const std::size_t n = len;
        if (static_cast<std::size_t>(end - p) < n || *p != text[0] || std::memcmp(p, text, n) != 0) return nullptr;
        if (p + n != end && lex::is_ident_char(p[n])) return nullptr;
        return p + n;
      }
      case TokClass::Punct:
      case TokClass::Op: {
        const std::size_t n = len;
        if (static_cast<std::size_t>(end - p) < n || *p != text[0] || std::memcmp(p, text, n) != 0) return nullptr;
        // `=` must not be the start of `==`, `!` not of `!=`, `.` not of `..`.
        if (n == 1 && p + 1 != end && (text[0] == '=' || text[0] == '!') && p[1] == '=') return nullptr;
        if (n == 1 && p + 1 != end && text[0] == '.' && p[1] == '.') return nullptr;
        return p + n;
      }
    }
    return nullptr;
  }

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr& attr) const {
    x3::skip_over(first, last, ctx);
    const char* q = match(first, last);
    if (!q) return false;
    Tok t;
    t.kind = cls == TokClass::Ident || cls == TokClass::AnyIdent || cls == TokClass::Path ? TokKind::Name
           : cls == TokClass::Word ? TokKind::Word
           : cls == TokClass::String ? TokKind::String
           : cls == TokClass::Keyword ? TokKind::Keyword : TokKind::Punct;
    t.b = first;
    t.e = q;
    first = q;
    x3::traits::move_to(t, attr);
    return true;
  }
};

// A keyword or punctuation that yields no attribute.
struct lit_parser : x3::parser<lit_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  tok_parser inner;
  constexpr lit_parser(TokClass c, const char* t) : inner(c, t) {}
  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx&, Attr&) const {
    x3::skip_over(first, last, ctx);
    const char* q = inner.match(first, last);
    if (!q) return false;
    first = q;
    return true;
  }
};

// A zero-width token marking the current position (after skipping nothing).
struct here_parser : x3::parser<here_parser> {
  using attribute_type = Tok;
  static bool const has_attribute = true;
  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const&, Ctx const&, RCtx&, Attr& attr) const {
    Tok t;
    t.kind = TokKind::Punct;
    t.b = t.e = first;
    x3::traits::move_to(t, attr);
    return true;
  }
};

constexpr tok_parser ident{TokClass::Ident};
constexpr tok_parser any_ident{TokClass::AnyIdent};
constexpr tok_parser path_name{TokClass::Path};
constexpr tok_parser word{TokClass::Word};
constexpr tok_parser string_tok{TokClass::String};
constexpr tok_parser kw_tok(const char* t) { return tok_parser{TokClass::Keyword, t}; }
constexpr tok_parser punct_tok(const char* t) { return tok_parser{TokClass::Punct, t}; }
constexpr lit_parser kw(const char* t) { return lit_parser{TokClass::Keyword, t}; }
constexpr lit_parser punct(const char* t) { return lit_parser{TokClass::Punct, t}; }
constexpr here_parser here{};

}  // namespace hlab::syntax::grammar

// Names the grammar shows in "expected ..." messages.
namespace boost::spirit::x3 {
template <>
struct get_info<hlab::syntax::grammar::tok_parser> {
  using result_type = std::string;
  std::string operator()(const hlab::syntax::grammar::tok_parser& p) const {
    using hlab::syntax::grammar::TokClass;
    switch (p.cls) {
      case TokClass::Ident:
      case TokClass::AnyIdent: return "a name";
      case TokClass::Path: return "a name";
      case TokClass::Word: return "a number";
      case TokClass::String: return "a string";
      default: return std::string("`") + p.text + "`";
    }
  }
};
template <>
struct get_info<hlab::syntax::grammar::lit_parser> {
  using result_type = std::string;
  std::string operator()(const hlab::syntax::grammar::lit_parser& p) const {
    return get_info<hlab::syntax::grammar::tok_parser>()(p.inner);
  }
};
}  // namespace boost::spirit::x3
