// Expression evaluation with an expected type pushed down from schemas: the type decides
// how literals read (`10m` as a duration or a quantity), bare words become enum choices,
// names become entity references, and every mismatch is reported where it was written.
#include <fmt/core.h>

#include <cctype>


#include "base/literals.hpp"
#include "sema/detail_eval.hpp"

namespace hlab::sema::detail {

using diag::Code;
using TK = Type::Kind;

std::shared_ptr<Value> Evaluator::make(ValueKind k, base::Span span) {
  ++values_made_;
  auto v = std::make_shared<Value>();
  v->kind = k;
  v->span = span;
  return v;
}

ValuePtr Evaluator::null_value(base::Span span) { return make(ValueKind::Null, span); }

// A reference read through a variable or a let is reported where it is used; other values
// keep the span where they were written, which is where a wrong one must be fixed.
ValuePtr Evaluator::at_use(const ValuePtr& v, base::Span use) {
  if (v->kind != ValueKind::EntityRef && v->kind != ValueKind::KeyRef) return v;
  auto copy = std::make_shared<Value>(*v);
  copy->span = use;
  return copy;
}

bool Evaluator::enter(base::Span span) {
  if (depth_ < options_.max_call_depth) {
    ++depth_;
    return true;
  }
  if (!aborted_) {
    auto& d = sink_.report(Code::ExpansionLimit, span,
                           fmt::format("definitions nest deeper than {} (templates, lets or fields using each other)",
                                       options_.max_call_depth));
    d.primary_label = "while evaluating this";
    d.help = "a template that calls itself needs a condition that stops it; long chains of lets can be flattened";
  }
  aborted_ = true;
  return false;
}

bool Evaluator::budget_exhausted(base::Span span) {
  if (aborted_) return true;
  aborted_ = true;
  auto& d = sink_.report(Code::ExpansionLimit, span,
                         fmt::format("evaluation created more than {} values", options_.max_values));
  d.primary_label = "while evaluating this";
  d.help = "a comprehension or template expands far more than a homelab needs; check its input list";
  return true;
}

bool Evaluator::text_fits(std::size_t bytes, base::Span span) {
  if (aborted_) return false;
  const bool one_too_long = bytes > options_.max_string_bytes;
  if (!one_too_long && string_bytes_ + bytes <= options_.max_total_string_bytes) {
    string_bytes_ += bytes;
    return true;
  }
  aborted_ = true;
  auto& d = sink_.report(Code::ExpansionLimit, span,
                         one_too_long ? fmt::format("this string would be longer than {} MiB", options_.max_string_bytes >> 20)
                                      : fmt::format("evaluation built more than {} MiB of strings",
                                                    options_.max_total_string_bytes >> 20));
  d.primary_label = "while evaluating this";
  d.help = "strings that double in size through `+`, joins or interpolations grow without bound; build them from smaller parts";
  return false;
}

bool Evaluator::expansion_fits(const Value& root, base::Span span) {
  // Lets may share a value in several places, so a small program can describe a tree of
  // 2^40 nodes; the walkers after evaluation (checks, emitter) see the whole tree.
  std::size_t seen = 0;
  std::vector<const Value*>& todo = walk_scratch_;
  todo.clear();
  todo.push_back(&root);
  while (!todo.empty()) {
    const Value* v = todo.back();
    todo.pop_back();
    if (++seen > options_.max_values) {
      if (!aborted_) {
        auto& d = sink_.report(Code::ExpansionLimit, span,
                               fmt::format("this value expands to more than {} values when written out", options_.max_values));
        d.primary_label = "written out from here";
        d.help = "a value that uses another one twice doubles at every step; share less, or build it from a list";
      }
      aborted_ = true;
      return false;
    }
    for (const auto& i : v->items) todo.push_back(i.get());
    for (const auto& f : v->fields) todo.push_back(f.second.get());
  }
  return true;
}

ValuePtr Evaluator::mismatch(const Value& v, const Type& t, base::Span span) {
  auto& d = sink_.report(Code::TypeMismatch, span, fmt::format("expected {}, found {}", describe(t), describe(v.kind)));
  d.primary_label = fmt::format("expected {}", describe(t));
  if (t.kind == TK::String && v.kind == ValueKind::Word)
    d.help = fmt::format("write it as a string: \"{}\"", v.text);
  else if (t.kind == TK::List)
    d.help = "write a list as `[a, b]`";
  else if (t.kind == TK::Record || t.kind == TK::Map)
    d.help = "write a record as `{ field = value }`";
  else
    d.help = fmt::format("give {} here", describe(t));
  return nullptr;
}


ValuePtr Evaluator::eval_literal(const Expr& e, const syntax::Literal& l, const Type* expected) {
  using LK = syntax::Literal::Kind;
  switch (l.kind) {
    case LK::Null: return conform(null_value(e.span), expected, e.span);
    case LK::Bool: { auto v = make(ValueKind::Bool, e.span); v->b = l.bool_value; return conform(v, expected, e.span); }
    case LK::Int: {
      if (expected && expected->kind != TK::Int && expected->kind != TK::Any && expected->kind != TK::String &&
          expected->kind != TK::Enum && expected->kind != TK::List && expected->kind != TK::Map &&
          expected->kind != TK::Record && expected->kind != TK::EntityRef && expected->kind != TK::KeyRef &&
          expected->kind != TK::Bool && expected->kind != TK::Name)
        return from_text(l.text, *expected, e.span, false);  // `3` as a quantity or version
      auto v = make(ValueKind::Int, e.span);
      v->i = l.int_value;
      v->text = l.text;
      return conform(v, expected, e.span);
    }
    case LK::Word:
      if (expected) {
        switch (expected->kind) {
          case TK::Ip: case TK::Cidr: case TK::IpRange: case TK::Quantity: case TK::Duration:
          case TK::Version: case TK::Cron:
            return from_text(l.text, *expected, e.span, false);
          default: break;
        }
      }
      {
        ValuePtr v = infer_word(l.text, e.span);
        return v ? conform(v, expected, e.span) : nullptr;
      }
  }
  return nullptr;
}

bool Evaluator::to_text(const Value& v, std::string& out, base::Span span) {
  switch (v.kind) {
    case ValueKind::Null: out += "null"; return true;
    case ValueKind::Bool: out += v.b ? "true" : "false"; return true;
    case ValueKind::Int: out += std::to_string(v.i); return true;
    case ValueKind::EntityRef: out += model_.entities[v.entity.value].name; return true;
    case ValueKind::KeyRef: out += v.text; return true;
    case ValueKind::List:
    case ValueKind::Record: {
      auto& d = sink_.report(Code::TypeMismatch, span, fmt::format("cannot put {} into a string", describe(v.kind)));
      d.help = "interpolate a scalar, such as one field of the record";
      return false;
    }
    default: out += v.text; return true;
  }
}

ValuePtr Evaluator::eval_string(const Expr& e, const syntax::StringLit& s, const Env& env, const Type* expected) {
  std::string text;
  bool ok = true;
  for (const auto& part : s.parts) {
    if (!part.interp) { text += part.text; continue; }
    ValuePtr v = eval(*part.interp, env, nullptr);
    if (!v) { ok = false; continue; }
    ok = to_text(*v, text, part.interp->span) && ok;
    if (ok && text.size() > options_.max_string_bytes) {
      text_fits(text.size(), e.span);  // reports the limit
      return nullptr;
    }
  }
  if (!ok || !text_fits(text.size(), e.span)) return nullptr;
  if (expected) {
    switch (expected->kind) {
      case TK::Ip: case TK::Cidr: case TK::IpRange: case TK::Quantity: case TK::Duration: case TK::Version:
      case TK::Cron: case TK::Hostname: case TK::HostPattern: case TK::Name:
        return from_text(text, *expected, e.span, true);
      case TK::EntityRef:
        return entity_ref(expected->schema_name, text, e.span, true);
      case TK::Enum: {
        auto w = make(ValueKind::Word, e.span);
        w->text = text;
        return conform(w, expected, e.span);
      }
      default: break;
    }
  }
  auto v = make(ValueKind::String, e.span);
  v->text = std::move(text);
  return conform(v, expected, e.span);
}

ValuePtr Evaluator::entity_ref(std::string_view kind, std::string_view name, base::Span span, bool report) {
  EntityId id = model_.find(kind, name);
  if (id.valid()) {
    record_entity_use(span, id);
    auto v = make(ValueKind::EntityRef, span);
    v->entity = id;
    return v;
  }
  if (!report || poisoned(name)) return nullptr;
  std::vector<std::string> cands;
  for (const auto& ent : model_.entities)
    if (ent.kind == kind) cands.push_back(ent.name);
  auto& d = sink_.report(Code::UnknownName, span, fmt::format("no {} named `{}`", kind, name));
  d.primary_label = fmt::format("not a declared {}", kind);
  std::string near = diag::closest_match(name, cands);
  if (!near.empty()) {
    EntityId nid = model_.find(kind, near);
    d.labels.push_back({model_.entities[nid.value].name_span, "a similar name is declared here"});
    d.help = fmt::format("did you mean `{}`?", near);
    d.fixes.push_back({span, near});
  } else {
    d.help = fmt::format("declare it with `{} {} {{ ... }}`", kind, name);
  }
  if (kind == "vault_secret") add_vault_secret_fix(d, name, span);
  return nullptr;
}

// A Vault path that nothing declares: the fix declares it below its mount (the path's first
// segment, when a vault_mount of that name exists), with the key read right after the
// reference (`general/x.password`), as written into Vault by a person.
void Evaluator::add_vault_secret_fix(diag::Diagnostic& d, std::string_view name, base::Span span) {
  const auto slash = name.find('/');
  if (slash == std::string_view::npos || span.file.value >= out_.sources.size()) return;
  const std::string mount(name.substr(0, slash));
  if (!model_.find("vault_mount", mount).valid()) return;
  const std::string& text = out_.sources.get(span.file).text;
  std::string key;
  if (span.end < text.size() && text[span.end] == '.')
    for (std::size_t k = span.end + 1; k < text.size() && (std::isalnum(static_cast<unsigned char>(text[k])) ||
                                                            text[k] == '_' || text[k] == '-' || text[k] == '.');
         ++k)
      key += text[k];
  if (key.empty() || key.back() == '-' || key.back() == '.') return;
  const auto end = static_cast<std::uint32_t>(text.size());
  const std::string lead = text.empty() || text.back() == '\n' ? "\n" : "\n\n";
  d.fixes.push_back({base::Span{span.file, end, end},
                     fmt::format("{}## Written into Vault by a person: `vault kv put {} {}=...`.\n"
                                 "vault_secret {} {{\n  mount = {}\n  keys = [{}]\n"
                                 "  producer = {{ by = manual, what = \"vault kv put by hand\" }}\n}}\n",
                                 lead, name, key, name, mount, key)});
}

ValuePtr Evaluator::key_ref(const Value& ref, const std::string& key, base::Span key_span, base::Span span, bool report) {
  EntityId id = ref.entity;
  ValuePtr keys = entity_field(id, "keys", span);
  const auto& ent = model_.entities[id.value];
  std::vector<std::string> names;
  if (keys && keys->kind == ValueKind::List)
    for (const auto& k : keys->items) names.push_back(k->text);
  if (std::find(names.begin(), names.end(), key) != names.end()) {
    auto v = make(ValueKind::KeyRef, span);
    v->entity = id;
    v->text = key;
    return v;
  }
  if (!report) return nullptr;
  auto& d = sink_.report(Code::UnknownKey, key_span, fmt::format("{} `{}` has no key `{}`", ent.kind, ent.name, key));
  d.primary_label = "unknown key";
  if (keys) d.labels.push_back({keys->span, "its keys are declared here"});
  std::string near = diag::closest_match(key, names);
  d.help = near.empty() ? fmt::format("add `{}` to the keys of `{}`", key, ent.name) : fmt::format("did you mean `{}`?", near);
  if (!near.empty()) d.fixes.push_back({key_span, near});
  return nullptr;
}

ValuePtr Evaluator::eval_let(std::size_t index, base::Span use) {
  LetSlot& slot = lets_[index];
  slot.used = true;
  if (slot.state == SlotState::Done) return slot.value;
  if (slot.state == SlotState::Busy) {
    auto& d = sink_.report(Code::EvalCycle, use, fmt::format("`{}` depends on itself", slot.decl->name));
    d.labels.push_back({slot.decl->name_span, "defined here"});
    d.help = "break the cycle: a binding cannot use its own value";
    return nullptr;
  }
  if (!enter(use)) return nullptr;
  slot.state = SlotState::Busy;
  TypePtr t = slot.decl->type ? resolve_type(slot.decl->type, slot.module) : nullptr;
  slot.value = eval(*slot.decl->value, Env{slot.module, nullptr}, t.get());
  slot.state = SlotState::Done;
  --depth_;
  return slot.value;
}

ValuePtr Evaluator::eval_name(const Expr& e, const std::string& name, const Env& env, const Type* expected) {
  if (env.frame)
    if (const ValuePtr* v = env.frame->find(name)) return *v ? conform(at_use(*v, e.span), expected, e.span) : nullptr;
  if (const Symbol* sym = lookup(env.module, name)) {
    if (sym->ambiguous) {
      auto& d = sink_.report(Code::DuplicateDefinition, e.span, fmt::format("`{}` is declared by more than one imported module", name));
      d.help = "import one of the modules with an alias (`import std.x as x`) and write `x." + name + "`";
      return nullptr;
    }
    if (sym->kind == Symbol::Kind::Let) {
      record_use(e.span, *sym);
      ValuePtr v = eval_let(sym->index, e.span);
      return v ? conform(at_use(v, e.span), expected, e.span) : nullptr;
    }
    if (!expected || (expected->kind != TK::Enum && expected->kind != TK::Name)) {
      auto& d = sink_.report(Code::TypeMismatch, e.span,
                             fmt::format("`{}` is a {}, not a value", name, sym->kind == Symbol::Kind::Template ? "template" : "schema"));
      d.help = sym->kind == Symbol::Kind::Template ? fmt::format("call it: `{}(...)`", name)
                                                   : "schemas describe values; declare an entity or write a record";
      return nullptr;
    }
  }
  if (expected) {
    switch (expected->kind) {
      case TK::EntityRef: return entity_ref(expected->schema_name, name, e.span, true);
      case TK::Enum:
      case TK::Name: {
        auto w = make(ValueKind::Word, e.span);
        w->text = name;
        return conform(w, expected, e.span);
      }
      default: break;
    }
  }
  // An entity by name, when exactly one kind has one so named.
  std::vector<EntityId> found;
  if (auto it = by_name_.find(name); it != by_name_.end()) found = it->second;
  if (found.size() == 1) {
    record_entity_use(e.span, found.front());
    auto v = make(ValueKind::EntityRef, e.span);
    v->entity = found.front();
    return conform(v, expected, e.span);
  }
  if (found.size() > 1) {
    auto& d = sink_.report(Code::UnknownName, e.span, fmt::format("`{}` names entities of several kinds", name));
    for (auto id : found) d.labels.push_back({model_.entities[id.value].name_span, fmt::format("a {}", model_.entities[id.value].kind)});
    d.help = "use it where the field's type says which kind it is";
    return nullptr;
  }
  if (poisoned(name) || scopes_[static_cast<std::size_t>(env.module)].failed_import) return nullptr;
  std::vector<std::string> cands = visible_names(env.module);
  for (const Frame* f = env.frame.get(); f; f = f->parent.get())
    for (const auto& [n, v] : f->vars) cands.emplace_back(n);
  for (const auto& ent : model_.entities) cands.push_back(ent.name);
  auto& d = sink_.report(Code::UnknownName, e.span, fmt::format("unknown name `{}`", name));
  d.primary_label = "not found";
  std::string near = diag::closest_match(name, cands);
  if (!near.empty()) {
    d.help = fmt::format("did you mean `{}`?", near);
    d.fixes.push_back({e.span, near});
  } else if (expected && expected->kind == TK::String) {
    d.help = fmt::format("if this is text, quote it: \"{}\"", name);
  } else {
    d.help = "declare it with `let`, or import the module that declares it";
  }
  return nullptr;
}

ValuePtr Evaluator::eval_member(const Expr& e, const syntax::Member& m, const Env& env, const Type* expected) {
  // `alias.name`: a declaration of an imported module.
  if (const auto* base_name = std::get_if<syntax::NameRef>(&m.base->node)) {
    bool shadowed = env.frame && env.frame->find(base_name->name);
    auto& aliases = scopes_[static_cast<std::size_t>(env.module)].aliases;
    auto it = aliases.find(base_name->name);
    if (!shadowed && it != aliases.end() && !lookup(env.module, base_name->name)) {
      const auto& own = scopes_[static_cast<std::size_t>(it->second)].own;
      auto sit = own.find(m.field);
      if (sit == own.end()) {
        std::vector<std::string> cands;
        for (const auto& [n, s] : own) cands.push_back(n);
        auto& d = sink_.report(Code::UnknownName, m.field_span,
                               fmt::format("module `{}` has no `{}`", out_.modules[static_cast<std::size_t>(it->second)].name, m.field));
        std::string near = diag::closest_match(m.field, cands);
        d.help = near.empty() ? "check the module's declarations" : fmt::format("did you mean `{}`?", near);
        return nullptr;
      }
      if (sit->second.kind == Symbol::Kind::Let) {
        record_use(m.field_span, sit->second);
        ValuePtr v = eval_let(sit->second.index, e.span);
        return v ? conform(v, expected, e.span) : nullptr;
      }
      auto& d = sink_.report(Code::TypeMismatch, e.span, fmt::format("`{}` is not a value", m.field));
      d.help = "only `let` bindings are values";
      return nullptr;
    }
  }
  ValuePtr base;
  // `main.vip` where several kinds have an entity `main`: the one whose kind has the field.
  if (const auto* bn = std::get_if<syntax::NameRef>(&m.base->node);
      bn && !(env.frame && env.frame->find(bn->name)) && !lookup(env.module, bn->name)) {
    if (auto it = by_name_.find(bn->name); it != by_name_.end() && it->second.size() > 1) {
      std::vector<EntityId> fit;
      for (EntityId id : it->second) {
        const SchemaInfo& sch = model_.schemas[model_.entities[id.value].schema.value];
        if (sch.find(m.field) || (sch.find("keys") && !sch.find(m.field))) fit.push_back(id);
      }
      if (fit.size() == 1) {
        record_entity_use(m.base->span, fit.front());
        auto r = make(ValueKind::EntityRef, m.base->span);
        r->entity = fit.front();
        base = r;
      }
    }
  }
  // `general/x.password` where a key of a vault_secret is expected: the base names an
  // entity of that kind, and a missing one is reported (and fixed) as such.
  if (const auto* bn = std::get_if<syntax::NameRef>(&m.base->node);
      !base && bn && expected && expected->kind == TK::KeyRef && !expected->schema_name.empty() &&
      !(env.frame && env.frame->find(bn->name)) && !lookup(env.module, bn->name)) {
    base = entity_ref(expected->schema_name, bn->name, m.base->span, true);
    if (!base) return nullptr;
  }
  if (!base) base = eval(*m.base, env, nullptr);
  if (!base) return nullptr;
  if (base->kind == ValueKind::Record) {
    ValuePtr f = base->field_ptr(m.field);
    if (!f) {
      std::vector<std::string> cands;
      for (const auto& [k, v] : base->fields) cands.push_back(k);
      auto& d = sink_.report(Code::UnknownField, m.field_span, fmt::format("the record has no field `{}`", m.field));
      std::string near = diag::closest_match(m.field, cands);
      d.help = near.empty() ? "check the field name" : fmt::format("did you mean `{}`?", near);
      return nullptr;
    }
    return conform(f, expected, e.span);
  }
  if (base->kind == ValueKind::EntityRef) {
    const Entity& ent = model_.entities[base->entity.value];
    const SchemaInfo& schema = model_.schemas[ent.schema.value];
    if (expected && expected->kind == TK::KeyRef) return key_ref(*base, m.field, m.field_span, e.span, true);
    if (schema.find(m.field)) {
      ValuePtr v = entity_field(base->entity, m.field, e.span);
      if (!v) return nullptr;
      return conform(v, expected, e.span);
    }
    if (schema.find("keys")) return key_ref(*base, m.field, m.field_span, e.span, true);
    std::vector<std::string> cands;
    for (const auto& f : schema.fields) cands.push_back(f.name);
    auto& d = sink_.report(Code::UnknownField, m.field_span, fmt::format("`{}` has no field `{}`", ent.kind, m.field));
    std::string near = diag::closest_match(m.field, cands);
    d.help = near.empty() ? fmt::format("the fields of `{}` are declared in module {}", ent.kind, schema.module)
                          : fmt::format("did you mean `{}`?", near);
    if (!near.empty()) d.fixes.push_back({m.field_span, near});
    return nullptr;
  }
  if (base->kind == ValueKind::Null) {
    // `c.mesh.id` where the entity does not set `mesh`: say which entity and field.
    if (const auto* inner = std::get_if<syntax::Member>(&m.base->node)) {
      std::size_t before = sink_.diagnostics().size();
      ValuePtr owner = eval(*inner->base, env, nullptr);
      sink_.diagnostics().resize(before);
      if (owner && owner->kind == ValueKind::EntityRef) {
        const Entity& ent = model_.entities[owner->entity.value];
        // Every later read of the same unset field would repeat this one diagnostic.
        if (!unset_reported_.insert({owner->entity.value, inner->field}).second) return nullptr;
        auto& d = sink_.report(Code::MissingField, m.base->span,
                               fmt::format("{} `{}` does not set `{}`, which `.{}` reads here", ent.kind, ent.name,
                                           inner->field, m.field));
        d.primary_label = fmt::format("`{}` is not set", inner->field);
        d.labels.push_back({ent.name_span, fmt::format("{} `{}` declared here", ent.kind, ent.name)});
        d.help = fmt::format("set `{}` in `{}`, or test it first: `if x.{} != null then ... else ...`", inner->field,
                             ent.name, inner->field);
        return nullptr;
      }
    }
    auto& d = sink_.report(Code::TypeMismatch, m.base->span, fmt::format("`.{}` reads a field of null", m.field));
    d.help = "the value is not set; test it with `!= null` first";
    return nullptr;
  }
  auto& d = sink_.report(Code::TypeMismatch, m.base->span, fmt::format("{} has no fields", describe(base->kind)));
  d.help = "`.field` reads a field of a record or of a declared entity";
  return nullptr;
}

ValuePtr Evaluator::eval_call(const Expr& e, const syntax::Call& c, const Env& env, const Type* expected) {
  const Symbol* sym = nullptr;
  std::string name;
  if (const auto* n = std::get_if<syntax::NameRef>(&c.callee->node)) {
    name = n->name;
    sym = lookup(env.module, name);
  } else if (const auto* m = std::get_if<syntax::Member>(&c.callee->node)) {
    if (const auto* bn = std::get_if<syntax::NameRef>(&m->base->node)) {
      auto& aliases = scopes_[static_cast<std::size_t>(env.module)].aliases;
      if (auto it = aliases.find(bn->name); it != aliases.end()) {
        auto& own = scopes_[static_cast<std::size_t>(it->second)].own;
        if (auto sit = own.find(m->field); sit != own.end()) sym = &sit->second;
        name = bn->name + "." + m->field;
      }
    }
  }
  if (!sym && !name.empty()) {
    if (ValuePtr v; call_builtin(e, name, c, env, v)) return v ? conform(v, expected, e.span) : nullptr;
  }
  if ((!sym || sym->kind != Symbol::Kind::Template) &&
      (poisoned(name) || scopes_[static_cast<std::size_t>(env.module)].failed_import))
    return nullptr;
  if (!sym || sym->kind != Symbol::Kind::Template) {
    std::vector<std::string> cands;
    for (const auto& [n, s] : scopes_[static_cast<std::size_t>(env.module)].visible)
      if (s.kind == Symbol::Kind::Template) cands.push_back(n);
    auto& d = sink_.report(Code::UnknownName, c.callee->span,
                           name.empty() ? std::string("only templates can be called")
                                        : fmt::format("no template named `{}`", name));
    std::string near = diag::closest_match(name, cands);
    d.help = near.empty() ? "declare it with `template name(params) = ...`, or import its module"
                          : fmt::format("did you mean `{}`?", near);
    return nullptr;
  }
  if (const auto* m = std::get_if<syntax::Member>(&c.callee->node)) record_use(m->field_span, *sym);
  else record_use(c.callee->span, *sym);
  const TemplateSlot& t = templates_[sym->index];
  if (depth_ >= options_.max_call_depth) {
    enter(e.span);
    return nullptr;
  }
  ++values_made_;  // the call's frame counts against the budget like a value
  if (budget_exceeded(e.span)) return nullptr;
  auto frame = std::make_shared<Frame>();
  std::vector<bool> bound(t.decl->params.size(), false);
  bool ok = true;
  std::size_t positional = 0;
  for (const auto& a : c.args) {
    std::size_t idx = t.decl->params.size();
    if (a.name.empty()) {
      idx = positional++;
      if (idx >= t.decl->params.size()) {
        auto& d = sink_.report(Code::BadArgument, a.value->span, fmt::format("`{}` takes {} arguments", name, t.decl->params.size()));
        d.labels.push_back({t.decl->name_span, "template declared here"});
        d.help = "remove the extra argument";
        ok = false;
        continue;
      }
    } else {
      for (std::size_t k = 0; k < t.decl->params.size(); ++k)
        if (t.decl->params[k].name == a.name) idx = k;
      if (idx == t.decl->params.size()) {
        std::vector<std::string> cands;
        for (const auto& p : t.decl->params) cands.push_back(p.name);
        auto& d = sink_.report(Code::BadArgument, a.name_span, fmt::format("`{}` has no parameter `{}`", name, a.name));
        d.labels.push_back({t.decl->name_span, "template declared here"});
        std::string near = diag::closest_match(a.name, cands);
        d.help = near.empty() ? "check the template's parameters" : fmt::format("did you mean `{}`?", near);
        ok = false;
        continue;
      }
    }
    if (bound[idx]) {
      auto& d = sink_.report(Code::BadArgument, a.value->span, fmt::format("parameter `{}` is given twice", t.decl->params[idx].name));
      d.help = "give each parameter once";
      ok = false;
      continue;
    }
    bound[idx] = true;
    TypePtr pt = resolve_type(t.decl->params[idx].type, t.module);
    ValuePtr v = eval(*a.value, env, pt.get());
    if (!v) ok = false;
    frame->set(t.decl->params[idx].name, v);
  }
  for (std::size_t k = 0; k < t.decl->params.size(); ++k) {
    if (bound[k]) continue;
    const auto& p = t.decl->params[k];
    if (!p.default_value) {
      auto& d = sink_.report(Code::BadArgument, e.span, fmt::format("missing argument `{}` of `{}`", p.name, name));
      d.labels.push_back({p.name_span, "parameter declared here"});
      d.help = fmt::format("pass `{} = ...`", p.name);
      ok = false;
      continue;
    }
    TypePtr pt = resolve_type(p.type, t.module);
    frame->set(p.name, eval(*p.default_value, Env{t.module, nullptr}, pt.get()));
  }
  if (!ok) return nullptr;
  ++depth_;
  ValuePtr result = eval(*t.decl->body, Env{t.module, frame}, expected);
  --depth_;
  return result;
}

bool Evaluator::equal(const Value& a, const Value& b) const {
  auto scalar = [](const Value& v) { return v.kind != ValueKind::List && v.kind != ValueKind::Record; };
  if (a.kind == ValueKind::List && b.kind == ValueKind::List) {
    if (a.items.size() != b.items.size()) return false;
    for (std::size_t k = 0; k < a.items.size(); ++k)
      if (!equal(*a.items[k], *b.items[k])) return false;
    return true;
  }
  if (a.kind == ValueKind::Record && b.kind == ValueKind::Record) {
    if (a.fields.size() != b.fields.size()) return false;
    for (const auto& [k, v] : a.fields) {
      const Value* o = b.field(k);
      if (!o || !equal(*v, *o)) return false;
    }
    return true;
  }
  if (!scalar(a) || !scalar(b)) return false;
  if (a.kind == ValueKind::Null || b.kind == ValueKind::Null) return a.kind == b.kind;
  if (a.kind == ValueKind::Bool || b.kind == ValueKind::Bool) return a.kind == b.kind && a.b == b.b;
  if (a.kind == ValueKind::Int && b.kind == ValueKind::Int) return a.i == b.i;
  if (a.kind == ValueKind::EntityRef || b.kind == ValueKind::EntityRef) return a.kind == b.kind && a.entity == b.entity;
  std::string ta = a.kind == ValueKind::Int ? std::to_string(a.i) : a.text;
  std::string tb = b.kind == ValueKind::Int ? std::to_string(b.i) : b.text;
  return ta == tb;
}

ValuePtr Evaluator::merge(const ValuePtr& a, const ValuePtr& b, base::Span span) {
  auto out = make(ValueKind::Record, span);
  out->fields = a->fields;
  out->key_spans = a->key_spans;
  out->key_spans.resize(out->fields.size(), a->span);
  for (std::size_t k = 0; k < b->fields.size(); ++k) {
    const auto& [name, v] = b->fields[k];
    base::Span ks = k < b->key_spans.size() ? b->key_spans[k] : v->span;
    bool found = false;
    for (std::size_t j = 0; j < out->fields.size(); ++j) {
      if (out->fields[j].first != name) continue;
      found = true;
      const ValuePtr& old = out->fields[j].second;
      out->fields[j].second = (old->kind == ValueKind::Record && v->kind == ValueKind::Record) ? merge(old, v, v->span) : v;
    }
    if (!found) {
      out->fields.emplace_back(name, v);
      out->key_spans.push_back(ks);
    }
  }
  return out;
}

bool Evaluator::bare_word(const Expr& x, const Env& env) {
  const auto* n = std::get_if<syntax::NameRef>(&x.node);
  return n && n->name.find('/') == std::string::npos && !(env.frame && env.frame->find(n->name)) &&
         !lookup(env.module, n->name) && !by_name_.count(n->name) && !poisoned(n->name);
}

ValuePtr Evaluator::eval_binary(const Expr& e, const syntax::Binary& b, const Env& env, const Type* expected) {
  ValuePtr l, r;
  // `c.role == workload`: a bare word compared with an enum value is that enum's choice.
  bool compare = b.op == "==" || b.op == "!=";
  auto word = [&](const Expr& x) {
    auto w = make(ValueKind::Word, x.span);
    w->text = std::get<syntax::NameRef>(x.node).name;
    return w;
  };
  if (compare && bare_word(*b.rhs, env)) {
    l = eval(*b.lhs, env, nullptr);
    if (l && l->kind == ValueKind::Word) r = word(*b.rhs);
  } else if (compare && bare_word(*b.lhs, env)) {
    r = eval(*b.rhs, env, nullptr);
    if (r && r->kind == ValueKind::Word) l = word(*b.lhs);
  }
  if (!l) l = eval(*b.lhs, env, nullptr);
  if (!r) r = eval(*b.rhs, env, nullptr);
  if (!l || !r) return nullptr;
  auto boolean = [&](bool x) {
    auto v = make(ValueKind::Bool, e.span);
    v->b = x;
    return conform(v, expected, e.span);
  };
  auto fail = [&](std::string msg, std::string help) -> ValuePtr {
    auto& d = sink_.report(Code::TypeMismatch, b.op_span, std::move(msg));
    d.labels.push_back({b.lhs->span, std::string(describe(l->kind))});
    d.labels.push_back({b.rhs->span, std::string(describe(r->kind))});
    d.help = std::move(help);
    return nullptr;
  };
  if ((b.op == "==" || b.op == "!=") && (!expansion_fits(*l, b.lhs->span) || !expansion_fits(*r, b.rhs->span)))
    return nullptr;
  if (b.op == "==") return boolean(equal(*l, *r));
  if (b.op == "!=") return boolean(!equal(*l, *r));
  if (b.op == "&&" || b.op == "||") {
    if (l->kind != ValueKind::Bool || r->kind != ValueKind::Bool)
      return fail(fmt::format("`{}` needs two booleans", b.op), "compare values with `==` to get a boolean");
    return boolean(b.op == "&&" ? (l->b && r->b) : (l->b || r->b));
  }
  // "+"
  if (l->kind == ValueKind::Int && r->kind == ValueKind::Int) {
    std::int64_t sum = 0;
    if (__builtin_add_overflow(l->i, r->i, &sum)) return fail("integer overflow in `+`", "use smaller numbers");
    auto v = make(ValueKind::Int, e.span);
    v->i = sum;
    v->text = std::to_string(sum);
    return conform(v, expected, e.span);
  }
  if (l->kind == ValueKind::List && r->kind == ValueKind::List) {
    // Lists that double through `+` count against the value budget item by item.
    values_made_ += l->items.size() + r->items.size();
    if (budget_exceeded(e.span)) return nullptr;
    auto v = make(ValueKind::List, e.span);
    v->items = l->items;
    v->items.insert(v->items.end(), r->items.begin(), r->items.end());
    return conform(v, expected, e.span);
  }
  if (l->kind == ValueKind::Record && r->kind == ValueKind::Record) return conform(merge(l, r, e.span), expected, e.span);
  bool ls = l->kind != ValueKind::List && l->kind != ValueKind::Record && l->kind != ValueKind::Null;
  bool rs = r->kind != ValueKind::List && r->kind != ValueKind::Record && r->kind != ValueKind::Null;
  if ((l->kind == ValueKind::String || r->kind == ValueKind::String) && ls && rs) {
    if (!text_fits(l->text.size() + r->text.size(), e.span)) return nullptr;
    std::string text;
    if (!to_text(*l, text, b.lhs->span) || !to_text(*r, text, b.rhs->span)) return nullptr;
    auto v = make(ValueKind::String, e.span);
    v->text = std::move(text);
    return conform(v, expected, e.span);
  }
  return fail(fmt::format("cannot add {} and {}", describe(l->kind), describe(r->kind)),
              "`+` adds integers, joins strings and lists, and merges records");
}

namespace {
// `gl.m1xxos.tech` written bare: the text of a chain of field accesses on a plain name.
bool dotted_words(const Expr& e, std::string& text, std::string& root) {
  if (const auto* n = std::get_if<syntax::NameRef>(&e.node)) {
    if (n->name.find('/') != std::string::npos) return false;
    text = n->name;
    root = n->name;
    return true;
  }
  if (const auto* m = std::get_if<syntax::Member>(&e.node)) {
    if (!dotted_words(*m->base, text, root)) return false;
    text += "." + m->field;
    return true;
  }
  return false;
}
}  // namespace

bool Evaluator::is_constant(const Expr& e) {
  using LK = syntax::Literal::Kind;
  if (const auto* l = std::get_if<syntax::Literal>(&e.node)) return l->kind == LK::Bool || l->kind == LK::Int || l->kind == LK::Null;
  if (const auto* s = std::get_if<syntax::StringLit>(&e.node))
    return s->parts.size() <= 1 && (s->parts.empty() || !s->parts.front().interp);
  if (!std::holds_alternative<syntax::RecordLit>(e.node) && !std::holds_alternative<syntax::ListLit>(e.node)) return false;
  if (auto it = constant_.find(&e); it != constant_.end()) return it->second;
  bool c = false;
  if (const auto* r = std::get_if<syntax::RecordLit>(&e.node)) {
    c = true;
    for (const auto& f : r->fields) c = c && f.value && is_constant(*f.value);
  } else if (const auto* l = std::get_if<syntax::ListLit>(&e.node)) {
    c = true;
    for (const auto& i : l->items) c = c && i && is_constant(*i);
  }
  constant_.emplace(&e, c);
  return c;
}

ValuePtr Evaluator::eval(const Expr& e, const Env& env, const Type* expected) {
  if (budget_exceeded(e.span)) return nullptr;
  // A hostname literal: where a hostname is expected, a dotted name whose first word
  // names nothing is the hostname itself.
  if (expected && (expected->kind == TK::Hostname || expected->kind == TK::HostPattern) &&
      std::holds_alternative<syntax::Member>(e.node)) {
    std::string text, root;
    if (dotted_words(e, text, root) && !(env.frame && env.frame->find(root)) && !lookup(env.module, root) &&
        !scopes_[static_cast<std::size_t>(env.module)].aliases.count(root)) {
      if (!by_name_.count(root)) return from_text(text, *expected, e.span, false);
    }
  }
  // A constant (literals only) makes the same value each time it is read with the same type:
  // one value per syntax node and type, shared by every evaluation (a template's constant
  // Helm values, a schema's default in every entity). Values are immutable. Only where a
  // node is read again and again (inside templates and loops, and stdlib defaults): a data
  // file's literals are read once. Not for references, whose every use is recorded for the
  // language server.
  const bool repeated = env.frame || (env.module >= 0 && out_.modules[static_cast<std::size_t>(env.module)].is_stdlib);
  const bool shared = repeated && !(expected && (expected->kind == TK::EntityRef || expected->kind == TK::KeyRef)) &&
                      is_constant(e);
  if (shared)
    if (auto it = constant_values_.find({&e, expected}); it != constant_values_.end()) return it->second;
  ValuePtr v = eval_node(e, env, expected);
  if (shared && v) constant_values_.emplace(std::pair{&e, expected}, v);
  return v;
}

ValuePtr Evaluator::eval_node(const Expr& e, const Env& env, const Type* expected) {
  struct V {
    Evaluator& ev;
    const Expr& e;
    const Env& env;
    const Type* expected;
    ValuePtr operator()(const syntax::Literal& l) { return ev.eval_literal(e, l, expected); }
    ValuePtr operator()(const syntax::StringLit& s) { return ev.eval_string(e, s, env, expected); }
    ValuePtr operator()(const syntax::NameRef& n) { return ev.eval_name(e, n.name, env, expected); }
    ValuePtr operator()(const syntax::Member& m) { return ev.eval_member(e, m, env, expected); }
    ValuePtr operator()(const syntax::RecordLit& r) {
      return ev.eval_groups(ev.record_groups(r), e.span, env, expected, EntityId{});
    }
    ValuePtr operator()(const syntax::ListLit& l) {
      const Type* elem = expected && expected->kind == TK::List ? expected->elem.get() : nullptr;
      if (expected && expected->kind != TK::List && expected->kind != TK::Any) {
        auto tmp = ev.make(ValueKind::List, e.span);
        return ev.mismatch(*tmp, *expected, e.span);
      }
      auto v = ev.make(ValueKind::List, e.span);
      bool ok = true;
      for (const auto& item : l.items) {
        ValuePtr x = ev.eval(*item, env, elem);
        if (!x) { ok = false; continue; }
        v->items.push_back(x);
      }
      return ok ? v : nullptr;
    }
    ValuePtr operator()(const syntax::ListComp& c) {
      const Type* elem = expected && expected->kind == TK::List ? expected->elem.get() : nullptr;
      if (expected && expected->kind != TK::List && expected->kind != TK::Any) {
        auto tmp = ev.make(ValueKind::List, e.span);
        return ev.mismatch(*tmp, *expected, e.span);
      }
      ValuePtr iter = ev.eval(*c.iter, env, nullptr);
      if (!iter) return nullptr;
      std::vector<ValuePtr> xs;
      if (iter->kind == ValueKind::List) xs = iter->items;
      else if (iter->kind == ValueKind::Record)
        for (const auto& [k, val] : iter->fields) {
          auto s = ev.make(ValueKind::String, val->span);
          s->text = k;
          xs.push_back(s);
        }
      else {
        auto& d = ev.sink_.report(Code::TypeMismatch, c.iter->span, fmt::format("cannot iterate over {}", describe(iter->kind)));
        d.help = "`for` runs over a list, or over the keys of a record";
        return nullptr;
      }
      auto v = ev.make(ValueKind::List, e.span);
      bool ok = true;
      for (const auto& x : xs) {
        ++ev.values_made_;  // each round's frame counts against the budget like a value
        if (ev.budget_exceeded(e.span)) return nullptr;
        auto frame = std::make_shared<Frame>();
        frame->parent = env.frame;
        frame->set(c.var, x);
        Env inner{env.module, frame};
        if (c.cond) {
          ValuePtr cv = ev.eval(*c.cond, inner, nullptr);
          if (!cv) { ok = false; continue; }
          if (cv->kind != ValueKind::Bool) {
            auto& d = ev.sink_.report(Code::TypeMismatch, c.cond->span, fmt::format("the filter must be a boolean, found {}", describe(cv->kind)));
            d.help = "write a comparison such as `x != \"tmp\"`";
            return nullptr;
          }
          if (!cv->b) continue;
        }
        ValuePtr y = ev.eval(*c.body, inner, elem);
        if (!y) { ok = false; continue; }
        v->items.push_back(y);
      }
      return ok ? v : nullptr;
    }
    ValuePtr operator()(const syntax::IfExpr& i) {
      ValuePtr cv = ev.eval(*i.cond, env, nullptr);
      if (!cv) return nullptr;
      if (cv->kind != ValueKind::Bool) {
        auto& d = ev.sink_.report(Code::TypeMismatch, i.cond->span, fmt::format("the condition must be a boolean, found {}", describe(cv->kind)));
        d.help = "write a comparison such as `role == management`";
        return nullptr;
      }
      return ev.eval(cv->b ? *i.then_branch : *i.else_branch, env, expected);
    }
    ValuePtr operator()(const syntax::Call& c) { return ev.eval_call(e, c, env, expected); }
    ValuePtr operator()(const syntax::Unary& u) {
      ValuePtr x = ev.eval(*u.operand, env, nullptr);
      if (!x) return nullptr;
      if (x->kind != ValueKind::Bool) {
        auto& d = ev.sink_.report(Code::TypeMismatch, u.operand->span, fmt::format("`!` needs a boolean, found {}", describe(x->kind)));
        d.help = "negate a comparison or a boolean field";
        return nullptr;
      }
      auto v = ev.make(ValueKind::Bool, e.span);
      v->b = !x->b;
      return ev.conform(v, expected, e.span);
    }
    ValuePtr operator()(const syntax::Binary& b) { return ev.eval_binary(e, b, env, expected); }
    ValuePtr operator()(const syntax::ErrorExpr&) { return nullptr; }
  };
  ValuePtr result = std::visit(V{*this, e, env, expected}, e.node);
  // Literals read straight into a `secret` field skip conform(); mark them here.
  if (result && expected && expected->secret_name && !result->secret_name && result->kind == ValueKind::Word) {
    auto marked = std::make_shared<Value>(*result);
    marked->secret_name = true;
    return marked;
  }
  return result;
}

}  // namespace hlab::sema::detail
