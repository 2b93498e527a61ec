// Lowers X3 attribute structs into hlabc's AST: spans from token pointers, operator
// precedence, string escapes and interpolation, multi-line indentation stripping.
#include <fmt/core.h>

#include <charconv>

#include "syntax/detail/grammar.hpp"
#include "syntax/detail/lower.hpp"
#include "syntax/lexer.hpp"

namespace hlab::syntax::detail {
namespace {

using diag::Code;
using x3ast::Tok;
using x3ast::TokKind;
namespace x3 = boost::spirit::x3;

template <class T>
ExprPtr make(Span s, T node) {
  auto e = std::make_shared<Expr>();
  e->span = s;
  e->node = std::move(node);
  return e;
}

int precedence(std::string_view op) {
  if (op == "||") return 1;
  if (op == "&&") return 2;
  if (op == "==" || op == "!=") return 3;
  return 4;  // "+"
}

class Lowerer {
 public:
  Lowerer(const char* base, const base::SourceFile& src, base::FileId file,
          const std::vector<Trivia>& trivia, diag::DiagSink& sink)
      : base_(base), src_(src), file_(file), trivia_(trivia), sink_(sink) {}

  Span span(const char* b, const char* e) const {
    return Span{file_, static_cast<std::uint32_t>(b - base_), static_cast<std::uint32_t>(e - base_)};
  }
  Span span(const Tok& t) const { return span(t.b, t.e); }
  static std::string text(const Tok& t) { return std::string(t.b, static_cast<std::size_t>(t.e - t.b)); }
  static Span join(Span a, Span b) { return Span{a.file, a.begin, b.end}; }

  // Longer chains would make a tree too deep to evaluate without exhausting the stack.
  static constexpr std::size_t kMaxChain = 500;

  ExprPtr too_long(Span s, const char* what) {
    auto& d = sink_.report(Code::NestingTooDeep, s, fmt::format("{} longer than {}", what, kMaxChain));
    d.help = "split the expression into `let` bindings";
    return make(s, ErrorExpr{});
  }

  ExprPtr expr(const x3ast::Expr& x) {
    if (x.rest.size() > kMaxChain) return too_long(span(x.rest.front().op), "a chain of operators is");
    // Operator-precedence climbing over the flat chain the grammar produced.
    std::vector<ExprPtr> operands{unary(x.first)};
    std::vector<const Tok*> ops;
    auto reduce = [&]() {
      ExprPtr rhs = operands.back();
      operands.pop_back();
      ExprPtr lhs = operands.back();
      operands.pop_back();
      const Tok* op = ops.back();
      ops.pop_back();
      operands.push_back(make(join(lhs->span, rhs->span), Binary{text(*op), lhs, rhs, span(*op)}));
    };
    for (const auto& tail : x.rest) {
      int p = precedence(text(tail.op));
      while (!ops.empty() && precedence(text(*ops.back())) >= p) reduce();
      ops.push_back(&tail.op);
      operands.push_back(unary(tail.rhs));
    }
    while (!ops.empty()) reduce();
    return operands.back();
  }

  ExprPtr unary(const x3ast::Unary& u) {
    if (u.postfix.size() > kMaxChain || u.nots.size() > kMaxChain) {
      const Tok& t = u.nots.empty() ? boost::get<x3ast::Member>(&u.postfix.front()) ? boost::get<x3ast::Member>(u.postfix.front()).dot
                                                                                    : boost::get<x3ast::CallArgs>(u.postfix.front()).open
                                    : u.nots.front();
      return too_long(span(t), "a chain of field accesses, calls or `!` is");
    }
    ExprPtr e = primary(u.primary);
    for (const auto& pf : u.postfix) {
      if (const auto* m = boost::get<x3ast::Member>(&pf)) {
        e = make(Span{e->span.file, e->span.begin, span(m->name).end}, Member{e, text(m->name), span(m->name)});
      } else {
        const auto& c = boost::get<x3ast::CallArgs>(pf);
        Call call{e, {}};
        for (const auto& a : c.args) {
          Arg arg;
          ExprPtr first = expr(a.first.get());
          if (a.value) {
            const auto* n = std::get_if<NameRef>(&first->node);
            if (!n || n->name.find('/') != std::string::npos) {
              auto& d = sink_.report(Code::SyntaxError, first->span, "an argument name must be a plain name");
              d.help = "write named arguments as `name = value`";
            } else {
              arg.name = n->name;
              arg.name_span = first->span;
            }
            arg.value = expr(a.value->get());
          } else {
            arg.value = first;
          }
          call.args.push_back(std::move(arg));
        }
        e = make(Span{e->span.file, e->span.begin, span(c.close).end}, std::move(call));
      }
    }
    for (auto it = u.nots.rbegin(); it != u.nots.rend(); ++it)
      e = make(Span{file_, span(*it).begin, e->span.end}, Unary{"!", e});
    return e;
  }

  ExprPtr primary(const x3ast::Primary& p) {
    struct V {
      Lowerer& l;
      ExprPtr operator()(const Tok& t) { return l.token(t); }
      ExprPtr operator()(const x3::forward_ast<x3ast::Record>& r) { return l.record(r.get()); }
      ExprPtr operator()(const x3::forward_ast<x3ast::List>& r) {
        ListLit list;
        for (const auto& i : r.get().items) list.items.push_back(l.expr(i));
        return make(l.span(r.get().open.b, r.get().close.e), std::move(list));
      }
      ExprPtr operator()(const x3::forward_ast<x3ast::ListComp>& r) {
        const auto& c = r.get();
        ListComp lc{text(c.var), l.span(c.var), l.expr(c.iter), c.cond ? l.expr(*c.cond) : nullptr, l.expr(c.body)};
        return make(l.span(c.open.b, c.close.e), std::move(lc));
      }
      ExprPtr operator()(const x3::forward_ast<x3ast::IfExpr>& r) {
        const auto& c = r.get();
        ExprPtr els = l.expr(c.else_branch);
        IfExpr ie{l.expr(c.cond), l.expr(c.then_branch), els};
        return make(Span{l.file_, l.span(c.kw).begin, els->span.end}, std::move(ie));
      }
      ExprPtr operator()(const x3::forward_ast<x3ast::Paren>& r) {
        ExprPtr inner = l.expr(r.get().inner);
        auto copy = std::make_shared<Expr>(*inner);
        copy->span = l.span(r.get().open.b, r.get().close.e);
        return copy;
      }
    };
    return boost::apply_visitor(V{*this}, p);
  }

  ExprPtr record(const x3ast::Record& r) {
    RecordLit rec;
    for (const auto& entry : r.entries) {
      RecordField f;
      for (const auto& k : entry.key) {
        f.path.push_back(k.kind == TokKind::String ? plain_string(k) : text(k));
        f.path_spans.push_back(span(k));
      }
      f.value = expr(entry.value);
      f.span = Span{file_, f.path_spans.front().begin, f.value->span.end};
      rec.fields.push_back(std::move(f));
    }
    return make(span(r.open.b, r.close.e), std::move(rec));
  }

  ExprPtr token(const Tok& t) {
    std::string s = text(t);
    switch (t.kind) {
      case TokKind::Name: return make(span(t), NameRef{s});
      case TokKind::String: return string(t);
      case TokKind::Keyword: {
        Literal lit;
        lit.text = s;
        if (s == "null") lit.kind = Literal::Kind::Null;
        else { lit.kind = Literal::Kind::Bool; lit.bool_value = s == "true"; }
        return make(span(t), lit);
      }
      default: {
        Literal lit;
        lit.text = s;
        lit.kind = Literal::Kind::Word;
        bool all_digits = !s.empty();
        for (char c : s) all_digits = all_digits && lex::is_digit(c);
        if (all_digits) {
          auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), lit.int_value);
          if (ec == std::errc()) lit.kind = Literal::Kind::Int;
          else {
            auto& d = sink_.report(Code::OutOfRange, span(t), fmt::format("integer `{}` is too large", s));
            d.help = "integers are 64-bit signed: at most 9223372036854775807";
            return make(span(t), ErrorExpr{});
          }
          (void)ptr;
        }
        return make(span(t), lit);
      }
    }
  }

  // Decodes a string key (no interpolation).
  std::string plain_string(const Tok& t) {
    ExprPtr e = string(t);
    std::string out;
    if (const auto* s = std::get_if<StringLit>(&e->node))
      for (const auto& p : s->parts) {
        if (p.interp) {
          auto& d = sink_.report(Code::SyntaxError, p.span, "interpolation is not allowed in a field name");
          d.help = "write the field name as plain text";
        }
        out += p.text;
      }
    return out;
  }

  ExprPtr string(const Tok& t) {
    StringLit lit;
    bool multi = t.e - t.b >= 6 && std::string_view(t.b, 3) == "\"\"\"";
    lit.multiline = multi;
    if (!multi) {
      decode(t.b + 1, t.e - 1, lit);
      return make(span(t), std::move(lit));
    }
    // Multi-line: drop the rest of the opening line, take the closing line's indentation
    // and remove it from every line.
    const char* body = t.b + 3;
    const char* close = t.e - 3;
    const char* nl = body;
    while (nl < close && (*nl == ' ' || *nl == '\t' || *nl == '\r')) ++nl;
    if (nl >= close || *nl != '\n') {
      auto& d = sink_.report(Code::SyntaxError, span(t.b, t.b + 3), "text must start on the line after `\"\"\"`");
      d.help = "break the line after the opening `\"\"\"`, or use a one-line string";
      return make(span(t), std::move(lit));
    }
    const char* line_start = close;
    while (line_start > nl && line_start[-1] != '\n') --line_start;
    for (const char* q = line_start; q < close; ++q)
      if (*q != ' ' && *q != '\t') {
        auto& d = sink_.report(Code::SyntaxError, span(close, t.e), "closing `\"\"\"` must be on a line of its own");
        d.help = "move `\"\"\"` to the next line";
        return make(span(t), std::move(lit));
      }
    std::string_view indent(line_start, static_cast<std::size_t>(close - line_start));
    const char* p = nl + 1;
    while (p < line_start) {
      const char* eol = p;
      while (eol < line_start && *eol != '\n') ++eol;
      const char* content_end = eol;
      if (content_end > p && content_end[-1] == '\r') --content_end;
      std::string_view line(p, static_cast<std::size_t>(content_end - p));
      bool blank = line.find_first_not_of(" \t") == std::string_view::npos;
      if (!blank) {
        if (!line.starts_with(indent)) {
          auto& d = sink_.report(Code::SyntaxError, span(p, content_end),
                                 "line is indented less than the closing `\"\"\"`");
          d.help = "indent every line at least as far as the closing `\"\"\"`";
        } else {
          decode(p + indent.size(), content_end, lit);
        }
      }
      append_text(lit, "\n", span(eol, eol + 1));
      p = eol + 1;
    }
    return make(span(t), std::move(lit));
  }

  static void append_text(StringLit& lit, std::string_view s, Span sp) {
    if (!lit.parts.empty() && !lit.parts.back().interp) {
      lit.parts.back().text += s;
      lit.parts.back().span.end = sp.end;
    } else {
      lit.parts.push_back(StringPart{std::string(s), nullptr, sp});
    }
  }

  void decode(const char* p, const char* end, StringLit& lit) {
    while (p < end) {
      if (*p != '\\') {
        const char* q = p;
        while (q < end && *q != '\\') ++q;
        append_text(lit, std::string_view(p, static_cast<std::size_t>(q - p)), span(p, q));
        p = q;
        continue;
      }
      if (p + 1 >= end) {
        auto& d = sink_.report(Code::InvalidEscape, span(p, p + 1), "a lone `\\` ends the string");
        d.help = "write `\\\\` for a backslash";
        return;
      }
      char c = p[1];
      const char* esc_end = p + 2;
      switch (c) {
        case 'n': append_text(lit, "\n", span(p, esc_end)); break;
        case 't': append_text(lit, "\t", span(p, esc_end)); break;
        case 'r': append_text(lit, "\r", span(p, esc_end)); break;
        case '"': append_text(lit, "\"", span(p, esc_end)); break;
        case '\\': append_text(lit, "\\", span(p, esc_end)); break;
        case '$': append_text(lit, "$", span(p, esc_end)); break;
        case 'u': esc_end = unicode_escape(p, end, lit); break;
        case '(': esc_end = interpolation(p, end, lit); break;
        default: {
          auto& d = sink_.report(Code::InvalidEscape, span(p, esc_end), fmt::format("unknown escape `\\{}`", c));
          d.help = "known escapes: \\n \\t \\r \\\" \\\\ \\$ \\u{...} and \\(expr) for interpolation";
        }
      }
      p = esc_end;
    }
  }

  const char* unicode_escape(const char* p, const char* end, StringLit& lit) {
    const char* q = p + 2;
    if (q >= end || *q != '{') {
      auto& d = sink_.report(Code::InvalidEscape, span(p, q), "`\\u` must be followed by `{hex}`");
      d.help = "write a code point as `\\u{1F600}`";
      return q;
    }
    const char* h = q + 1;
    std::uint32_t cp = 0;
    int digits = 0;
    while (h < end && *h != '}' && digits < 7) {
      char c = *h;
      int v = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (v < 0) break;
      cp = cp * 16 + static_cast<std::uint32_t>(v);
      ++h;
      ++digits;
    }
    if (h >= end || *h != '}' || digits == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      const char* stop = h < end ? h + 1 : end;
      auto& d = sink_.report(Code::InvalidEscape, span(p, stop), "invalid unicode escape");
      d.help = "write one to six hex digits of a valid code point, e.g. `\\u{E9}`";
      return stop;
    }
    std::string utf8;
    if (cp < 0x80) utf8 += static_cast<char>(cp);
    else if (cp < 0x800) { utf8 += static_cast<char>(0xC0 | (cp >> 6)); utf8 += static_cast<char>(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) {
      utf8 += static_cast<char>(0xE0 | (cp >> 12));
      utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      utf8 += static_cast<char>(0xF0 | (cp >> 18));
      utf8 += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      utf8 += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (cp & 0x3F));
    }
    append_text(lit, utf8, span(p, h + 1));
    return h + 1;
  }

  const char* interpolation(const char* p, const char* end, StringLit& lit) {
    // Find the matching ')' the way the scanner does, skipping nested strings.
    const char* q = p + 2;
    int depth = 1;
    while (q < end && depth > 0) {
      if (*q == '"') {
        lex::StringScan s = lex::string(q, end, 1 << 20);  // depth was bounded by the scanner
        if (!s.end) break;
        q = s.end;
        continue;
      }
      if (*q == '(') ++depth;
      if (*q == ')') --depth;
      if (depth > 0) ++q;
    }
    if (q >= end) {
      auto& d = sink_.report(Code::SyntaxError, span(p, p + 2), "interpolation `\\(` is never closed");
      d.help = "close it with `)`";
      return end;
    }
    const char* first = p + 2;
    x3ast::Expr x;
    grammar::GrammarError err;
    bool ok = grammar::parse_expr(first, q, x, err);
    if (ok && lex::skip_trivia(first, q) != q) { ok = false; err.where = first; }
    if (err.expected.find("boost") != std::string::npos || err.expected.find("hlab") != std::string::npos)
      err.expected.clear();
    if (!ok) {
      const char* w = err.where ? err.where : p + 2;
      auto& d = sink_.report(Code::SyntaxError, span(w, std::min(w + 1, q)),
                             err.expected.empty() ? std::string("invalid expression in interpolation")
                                                  : fmt::format("expected {} in interpolation", err.expected));
      d.help = "write an expression such as `\\(cluster.name)` inside `\\( )`";
      return q + 1;
    }
    lit.parts.push_back(StringPart{"", expr(x), span(p, q + 1)});
    return q + 1;
  }

  TypePtr type(const x3ast::TypeExpr& t) {
    auto out = std::make_shared<TypeExpr>();
    if (!t.rest.empty()) {
      out->kind = TypeExpr::Kind::Enum;
      std::vector<const x3ast::TypeAtom*> atoms{&t.first};
      for (const auto& a : t.rest) atoms.push_back(&a);
      for (const auto* a : atoms) {
        const auto* named = boost::get<x3ast::TypeNamed>(a);
        if (!named || named->arg) {
          Span s = atom_span(*a);
          auto& d = sink_.report(Code::SyntaxError, s, "enum choices must be bare words");
          d.help = "write an enum as `a | b | c`";
          continue;
        }
        out->members.push_back(text(named->name));
        out->member_spans.push_back(span(named->name));
      }
      out->span = Span{file_, atom_span(t.first).begin, atom_span(*atoms.back()).end};
      return out;
    }
    out->span = atom_span(t.first);
    if (const auto* n = boost::get<x3ast::TypeNamed>(&t.first)) {
      out->kind = TypeExpr::Kind::Named;
      out->name = text(n->name);
      if (n->arg) {
        out->arg_span = Span{file_, span(n->name).end, span(n->after).end};
        if (const auto* pat = boost::get<Tok>(&*n->arg)) {
          out->pattern = plain_string(*pat);
        } else {
          const auto& r = boost::get<x3ast::TypeRange>(*n->arg);
          auto bound = [&](const boost::optional<Tok>& b) -> std::optional<std::int64_t> {
            if (!b) return std::nullopt;
            std::int64_t v = 0;
            auto s = text(*b);
            auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            if (ec != std::errc() || ptr != s.data() + s.size()) {
              auto& d = sink_.report(Code::InvalidLiteral, span(*b), fmt::format("`{}` is not an integer bound", s));
              d.help = "write a range as `int(1..255)`";
              return std::nullopt;
            }
            return v;
          };
          out->min = bound(r.lo);
          out->max = bound(r.hi);
        }
      }
    } else if (const auto* l = boost::get<x3ast::TypeList>(&t.first)) {
      out->kind = *l->open.b == '[' ? TypeExpr::Kind::List : TypeExpr::Kind::Map;
      out->elem = type(l->elem.get());
    } else {
      const auto& k = boost::get<x3ast::TypeKey>(t.first);
      out->kind = TypeExpr::Kind::Key;
      out->name = text(k.kind);
    }
    return out;
  }

  Span atom_span(const x3ast::TypeAtom& a) const {
    if (const auto* n = boost::get<x3ast::TypeNamed>(&a)) return span(n->name.b, n->after.e > n->name.e ? n->after.e : n->name.e);
    if (const auto* l = boost::get<x3ast::TypeList>(&a)) return span(l->open.b, l->close.e);
    const auto& k = boost::get<x3ast::TypeKey>(a);
    return span(k.kw.b, k.close.e);
  }

  // The `##` lines directly above `offset`, joined.
  std::string doc_before(std::uint32_t offset) const {
    std::uint32_t line = src_.lines.line_index(offset);
    std::vector<std::string> lines;
    for (auto it = trivia_.rbegin(); it != trivia_.rend(); ++it) {
      if (it->span.begin >= offset) continue;
      std::uint32_t l = src_.lines.line_index(it->span.begin);
      if (it->kind != Trivia::Kind::DocComment || l + 1 != line) break;
      std::string_view t(src_.text.data() + it->span.begin, it->span.end - it->span.begin);
      t.remove_prefix(2);
      if (t.starts_with(" ")) t.remove_prefix(1);
      lines.emplace_back(t);
      line = l;
    }
    std::string out;
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
      if (!out.empty()) out += '\n';
      out += *it;
    }
    return out;
  }

  Item item(const x3ast::Item& it) {
    struct V {
      Lowerer& l;
      Item operator()(const x3ast::Import& i) {
        Import imp;
        for (const auto& p : i.path) imp.path.push_back(text(p));
        imp.path_span = l.span(i.path.front().b, i.path.back().e);
        Span s{l.file_, l.span(i.kw).begin, imp.path_span.end};
        if (i.alias) {
          imp.alias = text(*i.alias);
          imp.alias_span = l.span(*i.alias);
          s.end = imp.alias_span.end;
        }
        return Item{s, std::move(imp)};
      }
      Item operator()(const x3ast::Let& i) {
        LetDecl d{text(i.name), l.span(i.name), i.type ? l.type(*i.type) : nullptr, l.expr(i.value),
                  l.doc_before(l.span(i.kw).begin)};
        Span s{l.file_, l.span(i.kw).begin, d.value->span.end};
        return Item{s, std::move(d)};
      }
      Item operator()(const x3ast::Schema& i) {
        SchemaDecl d;
        d.is_kind = text(i.kw) == "kind";
        d.name = text(i.name);
        d.name_span = l.span(i.name);
        if (i.on_field) { d.on_field = text(*i.on_field); d.on_span = l.span(*i.on_field); }
        if (i.in_field) { d.in_field = text(*i.in_field); d.in_span = l.span(*i.in_field); }
        d.doc = l.doc_before(l.span(i.kw).begin);
        for (const auto& f : i.fields) {
          FieldDecl fd;
          fd.name = text(f.name);
          fd.name_span = l.span(f.name);
          fd.optional = f.question.has_value();
          fd.type = l.type(f.type);
          if (f.value) fd.default_value = l.expr(*f.value);
          fd.doc = l.doc_before(fd.name_span.begin);
          fd.span = Span{l.file_, fd.name_span.begin, fd.default_value ? fd.default_value->span.end : fd.type->span.end};
          d.fields.push_back(std::move(fd));
        }
        return Item{l.span(i.kw.b, i.close.e), std::move(d)};
      }
      Item operator()(const x3ast::Template& i) {
        TemplateDecl d;
        d.name = text(i.name);
        d.name_span = l.span(i.name);
        for (const auto& p : i.params)
          d.params.push_back(Param{text(p.name), l.span(p.name), p.type ? l.type(*p.type) : nullptr,
                                   p.value ? l.expr(*p.value) : nullptr});
        d.body = l.expr(i.body);
        d.doc = l.doc_before(l.span(i.kw).begin);
        return Item{Span{l.file_, l.span(i.kw).begin, d.body->span.end}, std::move(d)};
      }
      Item operator()(const x3ast::Entity& i) {
        EntityDecl d;
        d.kind = text(i.kind);
        d.kind_span = l.span(i.kind);
        d.name = l.token(i.name);
        if (i.on) d.on = l.expr(*i.on);
        if (i.in) d.in = l.expr(*i.in);
        d.body = l.record(i.body);
        d.doc = l.doc_before(d.kind_span.begin);
        return Item{Span{l.file_, d.kind_span.begin, d.body->span.end}, std::move(d)};
      }
      Item operator()(const x3::forward_ast<x3ast::ForItem>& f) {
        const auto& i = f.get();
        ForDecl d;
        d.var = text(i.var);
        d.var_span = l.span(i.var);
        d.iter = l.expr(i.iter);
        if (i.cond) d.cond = l.expr(*i.cond);
        for (const auto& sub : i.items) d.items.push_back(l.item(sub));
        return Item{l.span(i.kw.b, i.close.e), std::move(d)};
      }
    };
    return boost::apply_visitor(V{*this}, it);
  }

 private:
  const char* base_;
  const base::SourceFile& src_;
  base::FileId file_;
  const std::vector<Trivia>& trivia_;
  diag::DiagSink& sink_;
};

}  // namespace

Item lower_item(const x3ast::Item& item, const char* base, const base::SourceFile& source,
                base::FileId file, const std::vector<Trivia>& trivia, diag::DiagSink& sink) {
  return Lowerer(base, source, file, trivia, sink).item(item);
}

ExprPtr lower_expr(const x3ast::Expr& expr, const char* base, const base::SourceFile& source,
                   base::FileId file, const std::vector<Trivia>& trivia, diag::DiagSink& sink) {
  return Lowerer(base, source, file, trivia, sink).expr(expr);
}

}  // namespace hlab::syntax::detail
