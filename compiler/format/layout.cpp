// The canonical layout: walks the syntax tree in source order and writes each node, one
// bracket at a time deciding between its one-line and its broken form. Leaves whose
// spelling matters (strings, quoted keys, patterns) are copied from the source.
#include "format/layout.hpp"

#include <optional>

#include "format/writer.hpp"
#include "syntax/lexer.hpp"

namespace hlab::format::detail {
namespace {

using namespace syntax;

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::size_t width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

class Layout {
 public:
  Layout(std::string_view source, const ParsedFile& file)
      : src_(source), file_(file), w_(source, file.trivia) {}

  std::string run() {
    items(file_.items, static_cast<std::uint32_t>(src_.size()) + 1);
    std::string out = w_.finish();
    return src_.starts_with("\xEF\xBB\xBF") ? "\xEF\xBB\xBF" + out : out;
  }

 private:
  // ---- source helpers ----

  std::string_view slice(std::uint32_t b, std::uint32_t e) const { return src_.substr(b, e - b); }
  bool has_newline(std::uint32_t b, std::uint32_t e) const { return slice(b, e).find('\n') != std::string_view::npos; }

  // The source of the string token at or after `b` (past parentheses and trivia).
  std::string_view string_token(std::uint32_t b, std::uint32_t e) const {
    const char* p = src_.data() + b;
    const char* end = src_.data() + e;
    while (p < end && *p != '"') {
      const char* q = lex::skip_trivia(p, end);
      p = q == p ? p + 1 : q;
    }
    lex::StringScan s = lex::string(p, end, 1 << 20);
    const char* stop = s.end ? s.end : end;
    return {p, static_cast<std::size_t>(stop - p)};
  }

  // The parser drops parentheses but keeps their span on the inner node; a node whose
  // span starts with `(` where its own first token cannot be one was parenthesized.
  bool parenthesized(const Expr& e) const {
    std::uint32_t b = e.span.begin;
    if (b >= src_.size() || src_[b] != '(') return false;
    return std::visit(Overloaded{
                          [&](const Binary& x) { return !(x.lhs->span.begin == b && x.rhs->span.end == e.span.end); },
                          [&](const Member& x) { return !(x.base->span.begin == b && x.field_span.end == e.span.end); },
                          [&](const Call& x) { return x.callee->span.begin != b; },
                          [](const auto&) { return true; },
                      },
                      e.node);
  }

  // The offset of the first token at or after `p`.
  std::uint32_t after_trivia(std::uint32_t p) const {
    const char* q = lex::skip_trivia(src_.data() + p, src_.data() + src_.size());
    return static_cast<std::uint32_t>(q - src_.data());
  }

  // The `)` closing a parameter list whose last parameter ends at `last`.
  std::uint32_t close_paren(std::uint32_t last) const {
    std::uint32_t p = after_trivia(last);
    while (p < src_.size() && (src_[p] == ',' || src_[p] == '(')) p = after_trivia(p + 1);
    return p;
  }

  bool fits(std::size_t w, std::size_t tail) const { return w_.column() + w + tail <= kLineWidth; }

  // ---- one-line forms ----

  // The expression on one line, or nothing when it must not be: it holds a comment, a
  // multi-line string, or a bracket that spans several lines in the source.
  std::optional<std::string> flat(const Expr& e) const {
    if (w_.has_comment(e.span.begin, e.span.end)) return std::nullopt;
    std::optional<std::string> inner = flat_node(e);
    if (inner && parenthesized(e)) return "(" + *inner + ")";
    return inner;
  }

  std::optional<std::string> flat_node(const Expr& e) const {
    using R = std::optional<std::string>;
    bool one_line = !has_newline(e.span.begin, e.span.end);
    return std::visit(
        Overloaded{
            [&](const Literal& x) -> R { return x.text; },
            [&](const NameRef& x) -> R { return x.name; },
            [&](const StringLit& x) -> R {
              if (x.multiline) return std::nullopt;
              return std::string(string_token(e.span.begin, e.span.end));
            },
            [&](const Member& x) -> R {
              R base = flat(*x.base);
              if (!base) return std::nullopt;
              return *base + "." + x.field;
            },
            [&](const RecordLit& x) -> R {
              if (!one_line) return std::nullopt;
              if (x.fields.empty()) return "{}";
              std::string s = "{ ";
              for (std::size_t i = 0; i < x.fields.size(); ++i) {
                R v = flat(*x.fields[i].value);
                if (!v) return std::nullopt;
                s += (i ? ", " : "") + keys(x.fields[i]) + " = " + *v;
              }
              return s + " }";
            },
            [&](const ListLit& x) -> R {
              if (!one_line) return std::nullopt;
              std::string s = "[";
              for (std::size_t i = 0; i < x.items.size(); ++i) {
                R v = flat(*x.items[i]);
                if (!v) return std::nullopt;
                s += (i ? ", " : "") + *v;
              }
              return s + "]";
            },
            [&](const ListComp& x) -> R {
              if (!one_line) return std::nullopt;
              R head = comp_head(x);
              R body = flat(*x.body);
              if (!head || !body) return std::nullopt;
              return "[" + *head + " " + *body + "]";
            },
            [&](const IfExpr& x) -> R {
              R c = flat(*x.cond), t = flat(*x.then_branch), f = flat(*x.else_branch);
              if (!c || !t || !f) return std::nullopt;
              return "if " + *c + " then " + *t + " else " + *f;
            },
            [&](const Call& x) -> R {
              if (!one_line) return std::nullopt;
              R callee = flat(*x.callee);
              if (!callee) return std::nullopt;
              std::string s = *callee + "(";
              for (std::size_t i = 0; i < x.args.size(); ++i) {
                R v = flat(*x.args[i].value);
                if (!v) return std::nullopt;
                s += (i ? ", " : "") + (x.args[i].name.empty() ? "" : x.args[i].name + " = ") + *v;
              }
              return s + ")";
            },
            [&](const Unary& x) -> R {
              R v = flat(*x.operand);
              if (!v) return std::nullopt;
              return x.op + *v;
            },
            [&](const Binary& x) -> R {
              R l = flat(*x.lhs), r = flat(*x.rhs);
              if (!l || !r) return std::nullopt;
              return *l + " " + x.op + " " + *r;
            },
            [&](const ErrorExpr&) -> R { return std::nullopt; },
        },
        e.node);
  }

  // `for x in xs if cond:` of a comprehension.
  std::optional<std::string> comp_head(const ListComp& x) const {
    std::optional<std::string> iter = flat(*x.iter);
    if (!iter) return std::nullopt;
    std::string s = "for " + x.var + " in " + *iter;
    if (x.cond) {
      std::optional<std::string> cond = flat(*x.cond);
      if (!cond) return std::nullopt;
      s += " if " + *cond;
    }
    return s + ":";
  }

  // A record field's key path as written (quoted keys stay quoted).
  std::string keys(const RecordField& f) const {
    std::string s;
    for (std::size_t i = 0; i < f.path_spans.size(); ++i) {
      if (i) s += '.';
      s += slice(f.path_spans[i].begin, f.path_spans[i].end);
    }
    return s;
  }

  std::string type(const TypeExpr& t) const {
    switch (t.kind) {
      case TypeExpr::Kind::List: return "[" + type(*t.elem) + "]";
      case TypeExpr::Kind::Map: return "{" + type(*t.elem) + "}";
      case TypeExpr::Kind::Key: return "key(" + t.name + ")";
      case TypeExpr::Kind::Enum: {
        std::string s;
        for (const auto& m : t.members) s += (s.empty() ? "" : " | ") + m;
        return s;
      }
      case TypeExpr::Kind::Named: break;
    }
    if (!t.arg_span.valid() || t.arg_span.end <= t.arg_span.begin) return t.name;
    if (t.pattern) return t.name + "(" + std::string(string_token(t.arg_span.begin, t.arg_span.end)) + ")";
    auto bound = [](const std::optional<std::int64_t>& b) { return b ? std::to_string(*b) : std::string(); };
    return t.name + "(" + bound(t.min) + ".." + bound(t.max) + ")";
  }

  // ---- broken-capable printing ----

  // Writes `e`; `tail` is the width of what must follow it on the same line.
  void expr(const Expr& e, std::size_t tail = 0) {
    w_.comments_inline(e.span.begin);
    bool paren = parenthesized(e);
    if (paren) {
      w_.text("(");
      w_.advance(e.span.begin + 1);
      w_.comments_inline(after_trivia(e.span.begin + 1));
    }
    node(e, paren ? tail + 1 : tail);
    if (paren) {
      w_.comments_inline(e.span.end);
      w_.text(")");
    }
    w_.advance(e.span.end);
  }

  void node(const Expr& e, std::size_t tail) {
    std::visit(Overloaded{
                   [&](const Literal& x) { w_.text(x.text); },
                   [&](const NameRef& x) { w_.text(x.name); },
                   [&](const StringLit&) { w_.text(string_token(e.span.begin, e.span.end)); },
                   [&](const Member& x) {
                     expr(*x.base);
                     w_.comments_inline(x.field_span.begin);
                     w_.text(".");
                     w_.text(x.field);
                   },
                   [&](const Unary& x) {
                     w_.text(x.op);
                     expr(*x.operand, tail);
                   },
                   [&](const Binary& x) {
                     expr(*x.lhs);
                     w_.comments_inline(x.op_span.begin);
                     w_.space();
                     w_.text(x.op);
                     w_.space();
                     expr(*x.rhs, tail);
                   },
                   [&](const IfExpr& x) {
                     w_.text("if ");
                     expr(*x.cond);
                     keyword("then", *x.then_branch);
                     expr(*x.then_branch);
                     keyword("else", *x.else_branch);
                     expr(*x.else_branch, tail);
                   },
                   [&](const RecordLit& x) { record(e, x, tail); },
                   [&](const ListLit& x) { list(e, x, tail); },
                   [&](const ListComp& x) { comprehension(e, x, tail); },
                   [&](const Call& x) { call(e, x, tail); },
                   [&](const ErrorExpr&) {},
               },
               e.node);
  }

  void keyword(const char* kw, const Expr& next) {
    w_.comments_inline(next.span.begin);
    w_.space();
    w_.text(kw);
    w_.space();
  }

  // Writes the one-line form of a bracket when it may and does fit; false otherwise.
  bool try_flat(const Expr& e, std::size_t tail) {
    std::optional<std::string> f = flat_node(e);
    if (!f || w_.has_comment(e.span.begin, e.span.end) || !fits(width(*f), tail)) return false;
    w_.text(*f);
    return true;
  }

  // After the opening bracket at `open`: the elements, each on a line of its own.
  template <class Each>
  void block(std::uint32_t open, std::uint32_t close, std::size_t count, Each each) {
    w_.advance(open + 1);
    w_.indent();
    for (std::size_t i = 0; i < count; ++i) each(i);
    w_.comments_between(close, count == 0, true);
    w_.newline();
    w_.dedent();
  }

  // The offset of the first `bracket` at or after `from`.
  std::uint32_t open_bracket(std::uint32_t from, char bracket) const {
    auto at = src_.find(bracket, from);
    return at == std::string_view::npos ? from : static_cast<std::uint32_t>(at);
  }

  void element(std::uint32_t begin, bool first) {
    w_.comments_between(begin, first, false);
    w_.newline();
  }

  void record(const Expr& e, const RecordLit& r, std::size_t tail) {
    if (try_flat(e, tail)) return;
    w_.text("{");
    block(open_bracket(e.span.begin, '{'), e.span.end, r.fields.size(), [&](std::size_t i) {
      const RecordField& f = r.fields[i];
      element(f.span.begin, i == 0);
      w_.text(keys(f));
      w_.text(" =");
      w_.advance(f.path_spans.back().end);
      w_.space();
      expr(*f.value);
    });
    w_.text("}");
  }

  void list(const Expr& e, const ListLit& l, std::size_t tail) {
    if (try_flat(e, tail)) return;
    w_.text("[");
    block(open_bracket(e.span.begin, '['), e.span.end, l.items.size(), [&](std::size_t i) {
      element(l.items[i]->span.begin, i == 0);
      expr(*l.items[i], 1);
      w_.text(",");
    });
    w_.text("]");
  }

  void comprehension(const Expr& e, const ListComp& c, std::size_t tail) {
    if (try_flat(e, tail)) return;
    w_.text("[");
    block(open_bracket(e.span.begin, '['), e.span.end, 1, [&](std::size_t) {
      element(c.var_span.begin, true);
      w_.text("for " + c.var + " in ");
      w_.advance(c.var_span.end);
      expr(*c.iter);
      if (c.cond) {
        keyword("if", *c.cond);
        expr(*c.cond);
      }
      w_.text(":");
      std::optional<std::string> body = flat(*c.body);
      if (body && fits(width(*body) + 1, 0)) {
        w_.space();
        expr(*c.body);
        return;
      }
      w_.indent();
      w_.newline();
      expr(*c.body);
      w_.dedent();
    });
    w_.text("]");
  }

  void call(const Expr& e, const Call& c, std::size_t tail) {
    if (try_flat(e, tail)) return;
    expr(*c.callee);
    w_.text("(");
    block(c.callee->span.end, e.span.end, c.args.size(), [&](std::size_t i) {
      const Arg& a = c.args[i];
      element(a.name.empty() ? a.value->span.begin : a.name_span.begin, i == 0);
      if (!a.name.empty()) {
        w_.text(a.name + " =");
        w_.advance(a.name_span.end);
        w_.space();
      }
      expr(*a.value, 1);
      w_.text(",");
    });
    w_.text(")");
  }

  // ---- items ----

  void items(const std::vector<Item>& list, std::uint32_t close) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      element(list[i].span.begin, i == 0);
      item(list[i]);
    }
    w_.comments_between(close, list.empty(), true);
  }

  void item(const Item& it) {
    std::visit(Overloaded{
                   [&](const Import& x) {
                     std::string s = "import ";
                     for (std::size_t i = 0; i < x.path.size(); ++i) s += (i ? "." : "") + x.path[i];
                     if (!x.alias.empty()) s += " as " + x.alias;
                     w_.text(s);
                   },
                   [&](const LetDecl& x) {
                     w_.text("let " + x.name + (x.type ? ": " + type(*x.type) : "") + " =");
                     w_.advance(x.type ? x.type->span.end : x.name_span.end);
                     w_.space();
                     expr(*x.value);
                   },
                   [&](const SchemaDecl& x) { schema(it, x); },
                   [&](const TemplateDecl& x) { template_decl(x); },
                   [&](const EntityDecl& x) { entity(x); },
                   [&](const ForDecl& x) { for_decl(it, x); },
                   [&](const ErrorItem&) {},
               },
               it.node);
    w_.advance(it.span.end);
  }

  void schema(const Item& it, const SchemaDecl& s) {
    std::string head = (s.is_kind ? "kind " : "schema ") + s.name;
    if (!s.on_field.empty()) head += " on " + s.on_field;
    if (!s.in_field.empty()) head += " in " + s.in_field;
    w_.text(head + " {");
    if (s.fields.empty() && !w_.has_comment(it.span.begin, it.span.end)) {
      w_.text("}");
      return;
    }
    block(open_bracket(it.span.begin, '{'), it.span.end, s.fields.size(), [&](std::size_t i) {
      const FieldDecl& f = s.fields[i];
      element(f.span.begin, i == 0);
      w_.text(f.name + (f.optional ? "?" : "") + ": " + type(*f.type));
      w_.advance(f.type->span.end);
      if (f.default_value) {
        w_.text(" =");
        w_.space();
        expr(*f.default_value);
      }
    });
    w_.text("}");
  }

  std::string param(const Param& p, const std::string& default_text) const {
    return p.name + (p.type ? ": " + type(*p.type) : "") + (p.default_value ? " = " + default_text : "");
  }

  void template_decl(const TemplateDecl& t) {
    w_.text("template " + t.name + "(");
    std::uint32_t last = t.name_span.end;
    std::string one_line;
    bool flat_ok = true;
    for (const Param& p : t.params) {
      std::optional<std::string> d = p.default_value ? flat(*p.default_value) : std::string();
      if (!d) flat_ok = false;
      else one_line += (one_line.empty() ? "" : ", ") + param(p, *d);
      last = p.default_value ? p.default_value->span.end : p.type ? p.type->span.end : p.name_span.end;
    }
    std::uint32_t close = close_paren(last);
    flat_ok = flat_ok && !has_newline(t.name_span.end, close) && !w_.has_comment(t.name_span.end, close) &&
              fits(width(one_line) + 4, 0);
    if (flat_ok) {
      w_.text(one_line + ") =");
    } else {
      block(t.name_span.end, close, t.params.size(), [&](std::size_t i) {
        const Param& p = t.params[i];
        element(p.name_span.begin, i == 0);
        w_.text(p.name + (p.type ? ": " + type(*p.type) : ""));
        w_.advance(p.type ? p.type->span.end : p.name_span.end);
        if (p.default_value) {
          w_.text(" =");
          w_.space();
          expr(*p.default_value, 1);
        }
        w_.text(",");
      });
      w_.text(") =");
    }
    w_.advance(last);
    w_.space();
    expr(*t.body);
  }

  void entity(const EntityDecl& d) {
    w_.text(d.kind);
    w_.advance(d.kind_span.end);
    w_.space();
    expr(*d.name);
    if (d.on) {
      keyword("on", *d.on);
      expr(*d.on);
    }
    if (d.in) {
      keyword("in", *d.in);
      expr(*d.in);
    }
    w_.space();
    expr(*d.body);
  }

  void for_decl(const Item& it, const ForDecl& f) {
    w_.text("for " + f.var + " in");
    w_.advance(f.var_span.end);
    w_.space();
    expr(*f.iter);
    if (f.cond) {
      keyword("if", *f.cond);
      expr(*f.cond);
    }
    w_.text(" {");
    if (f.items.empty() && !w_.has_comment(it.span.begin, it.span.end)) {
      w_.text("}");
      return;
    }
    w_.indent();
    items(f.items, it.span.end);
    w_.newline();
    w_.dedent();
    w_.text("}");
  }

  std::string_view src_;
  const ParsedFile& file_;
  Writer w_;
};

}  // namespace

std::string layout(std::string_view source, const ParsedFile& file) { return Layout(source, file).run(); }

}  // namespace hlab::format::detail
