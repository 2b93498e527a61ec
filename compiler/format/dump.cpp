// A position-free dump of the syntax tree, one S-expression per item: what the formatter
// must keep when it moves text around.
#include <variant>

#include "format/format.hpp"

namespace hlab::format {
namespace {

using namespace syntax;

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

class Dumper {
 public:
  std::string out;

  void quoted(std::string_view s) {
    out += '"';
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      if (c == '\n') { out += "\\n"; continue; }
      out += c;
    }
    out += '"';
  }
  void word(std::string_view s) { out += ' '; out += s; }
  void open(std::string_view head) { out += " ("; out += head; }
  void close() { out += ')'; }
  void opt(const ExprPtr& e) { e ? expr(*e) : word("-"); }

  void expr(const Expr& e) {
    std::visit(Overloaded{
                   [&](const Literal& x) { open("lit"); word(std::to_string(static_cast<int>(x.kind))); word(x.text); },
                   [&](const StringLit& x) {
                     open(x.multiline ? "text" : "str");
                     for (const auto& p : x.parts) {
                       if (p.interp) { open("interp"); expr(*p.interp); close(); }
                       else { out += ' '; quoted(p.text); }
                     }
                   },
                   [&](const NameRef& x) { open("name"); word(x.name); },
                   [&](const Member& x) { open("member"); expr(*x.base); word(x.field); },
                   [&](const RecordLit& x) {
                     open("record");
                     for (const auto& f : x.fields) {
                       open("field");
                       for (const auto& k : f.path) { out += ' '; quoted(k); }
                       expr(*f.value);
                       close();
                     }
                   },
                   [&](const ListLit& x) { open("list"); for (const auto& i : x.items) expr(*i); },
                   [&](const ListComp& x) { open("comp"); word(x.var); expr(*x.iter); opt(x.cond); expr(*x.body); },
                   [&](const IfExpr& x) { open("if"); expr(*x.cond); expr(*x.then_branch); expr(*x.else_branch); },
                   [&](const Call& x) {
                     open("call");
                     expr(*x.callee);
                     for (const auto& a : x.args) { open("arg"); word(a.name.empty() ? "-" : a.name); expr(*a.value); close(); }
                   },
                   [&](const Unary& x) { open("unary"); word(x.op); expr(*x.operand); },
                   [&](const Binary& x) { open("binary"); word(x.op); expr(*x.lhs); expr(*x.rhs); },
                   [&](const ErrorExpr&) { open("error"); },
               },
               e.node);
    close();
  }

  void type(const TypePtr& t) {
    if (!t) { word("-"); return; }
    open("type");
    word(std::to_string(static_cast<int>(t->kind)));
    word(t->name.empty() ? "-" : t->name);
    if (t->elem) type(t->elem);
    for (const auto& m : t->members) word(m);
    if (t->min) word("min=" + std::to_string(*t->min));
    if (t->max) word("max=" + std::to_string(*t->max));
    if (t->pattern) { out += ' '; quoted(*t->pattern); }
    if (t->arg_span.valid() && !t->min && !t->max && !t->pattern) word("(..)");
    close();
  }

  void doc(const std::string& d) { open("doc"); out += ' '; quoted(d); close(); }

  void item(const Item& it) {
    std::visit(Overloaded{
                   [&](const Import& x) { open("import"); for (const auto& p : x.path) word(p); word(x.alias.empty() ? "-" : x.alias); },
                   [&](const LetDecl& x) { open("let"); word(x.name); type(x.type); expr(*x.value); doc(x.doc); },
                   [&](const SchemaDecl& x) {
                     open(x.is_kind ? "kind" : "schema");
                     word(x.name);
                     word(x.on_field.empty() ? "-" : x.on_field);
                     word(x.in_field.empty() ? "-" : x.in_field);
                     doc(x.doc);
                     for (const auto& f : x.fields) {
                       open("field");
                       word(f.name);
                       word(f.optional ? "?" : "!");
                       type(f.type);
                       opt(f.default_value);
                       doc(f.doc);
                       close();
                     }
                   },
                   [&](const TemplateDecl& x) {
                     open("template");
                     word(x.name);
                     for (const auto& p : x.params) { open("param"); word(p.name); type(p.type); opt(p.default_value); close(); }
                     expr(*x.body);
                     doc(x.doc);
                   },
                   [&](const EntityDecl& x) {
                     open("entity");
                     word(x.kind);
                     expr(*x.name);
                     opt(x.on);
                     opt(x.in);
                     expr(*x.body);
                     doc(x.doc);
                   },
                   [&](const ForDecl& x) {
                     open("for");
                     word(x.var);
                     expr(*x.iter);
                     opt(x.cond);
                     for (const auto& i : x.items) item(i);
                   },
                   [&](const ErrorItem& x) { open("error-item"); word(x.head); word(x.name); },
               },
               it.node);
    close();
    out += '\n';
  }
};

}  // namespace

std::string dump_tree(const ParsedFile& file) {
  Dumper d;
  for (const auto& it : file.items) d.item(it);
  return std::move(d.out);
}

}  // namespace hlab::format
