// The built-in functions of the language.
#include <fmt/core.h>

#include <algorithm>
#include <iterator>

#include "sema/detail_eval.hpp"

namespace hlab::sema::detail {

using diag::Code;

// Built-in functions: all(kind), len(x), join(list, sep), keys(record).
bool Evaluator::call_builtin(const Expr& e, const std::string& name, const syntax::Call& c, const Env& env,
                             ValuePtr& result) {
  static const char* names[] = {"all", "len", "join", "keys"};
  if (std::find(std::begin(names), std::end(names), name) == std::end(names)) return false;
  result = nullptr;
  auto arity = [&](std::size_t n) {
    if (c.args.size() == n) return true;
    auto& d = sink_.report(Code::BadArgument, e.span, fmt::format("`{}` takes {} argument{}", name, n, n == 1 ? "" : "s"));
    d.help = name == "all" ? "write `all(cluster)` to list every declared cluster" : "check the call's arguments";
    return false;
  };
  if (name == "all") {
    if (!arity(1)) return true;
    const auto* kn = std::get_if<syntax::NameRef>(&c.args[0].value->node);
    const Symbol* ks = kn ? lookup(env.module, kn->name) : nullptr;
    if (!ks || ks->kind != Symbol::Kind::Schema || !model_.schemas[ks->index].is_kind) {
      auto& d = sink_.report(Code::UnknownKind, c.args[0].value->span, "`all` takes the name of a kind");
      d.help = "write `all(cluster)`; the kind must be imported";
      return true;
    }
    auto list = make(ValueKind::List, e.span);
    for (const auto& ent : model_.entities)
      if (ent.kind == model_.schemas[ks->index].name) {
        auto r = make(ValueKind::EntityRef, e.span);
        r->entity = ent.id;
        list->items.push_back(r);
      }
    result = list;
    return true;
  }
  if (name == "len" || name == "keys") {
    if (!arity(1)) return true;
    ValuePtr x = eval(*c.args[0].value, env, nullptr);
    if (!x) return true;
    if (name == "len") {
      if (x->kind != ValueKind::List && x->kind != ValueKind::Record && x->kind != ValueKind::String) {
        mismatch(*x, Type{Type::Kind::List, nullptr, {}, {}, {}, {}, {}, {}}, c.args[0].value->span);
        return true;
      }
      auto v = make(ValueKind::Int, e.span);
      v->i = static_cast<std::int64_t>(x->kind == ValueKind::List ? x->items.size()
                                       : x->kind == ValueKind::Record ? x->fields.size() : x->text.size());
      v->text = std::to_string(v->i);
      result = v;
      return true;
    }
    if (x->kind != ValueKind::Record) {
      mismatch(*x, Type{Type::Kind::Map, nullptr, {}, {}, {}, {}, {}, {}}, c.args[0].value->span);
      return true;
    }
    auto list = make(ValueKind::List, e.span);
    for (const auto& [k, v] : x->fields) {
      auto s = make(ValueKind::String, v->span);
      s->text = k;
      list->items.push_back(s);
    }
    result = list;
    return true;
  }
  // join
  if (!arity(2)) return true;
  ValuePtr xs = eval(*c.args[0].value, env, nullptr);
  ValuePtr sep = eval(*c.args[1].value, env, nullptr);
  if (!xs || !sep) return true;
  if (xs->kind != ValueKind::List) {
    mismatch(*xs, Type{Type::Kind::List, nullptr, {}, {}, {}, {}, {}, {}}, c.args[0].value->span);
    return true;
  }
  std::string text, sep_text;
  if (!to_text(*sep, sep_text, c.args[1].value->span)) return true;
  for (std::size_t k = 0; k < xs->items.size(); ++k) {
    if (k) text += sep_text;
    if (!to_text(*xs->items[k], text, xs->items[k]->span)) return true;
    if (text.size() > options_.max_string_bytes) break;
  }
  if (!text_fits(text.size(), e.span)) return true;
  auto v = make(ValueKind::String, e.span);
  v->text = std::move(text);
  result = v;
  return true;
}

}  // namespace hlab::sema::detail
