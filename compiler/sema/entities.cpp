// Entity declarations: collection (including `for` expansions), lazily evaluated fields,
// record building against schemas, and the analysis driver.
#include <fmt/core.h>

#include <regex>
#include <set>

#include "base/secrets.hpp"
#include "sema/detail_eval.hpp"

namespace hlab::sema {
namespace detail {

using diag::Code;
using TK = Type::Kind;

std::vector<FieldGroup> Evaluator::group_fields(
    const std::vector<std::pair<std::size_t, const syntax::RecordField*>>& entries) {
  std::vector<FieldGroup> groups;
  for (const auto& [offset, f] : entries) {
    const std::string& key = f->path[offset];
    auto it = std::find_if(groups.begin(), groups.end(), [&](const FieldGroup& g) { return g.name == key; });
    if (it == groups.end()) {
      groups.push_back(FieldGroup{key, f->path_spans[offset], {}});
      it = groups.end() - 1;
    } else {
      // `a = x` twice, or `a = x` next to `a.b = y`, is a conflict; `a.b` and `a.c` are not.
      bool this_direct = offset + 1 == f->path.size();
      bool other_direct = false;
      for (const auto& [o, g] : it->entries) other_direct = other_direct || o + 1 == g->path.size();
      if (this_direct || other_direct) {
        auto& d = sink_.report(Code::DuplicateDefinition, f->path_spans[offset], fmt::format("field `{}` is set twice", key));
        d.primary_label = "set again here";
        d.labels.push_back({it->key_span, "first set here"});
        d.help = "remove one of them";
        continue;
      }
    }
    it->entries.emplace_back(offset, f);
  }
  return groups;
}

const std::vector<FieldGroup>& Evaluator::record_groups(const syntax::RecordLit& r) {
  auto it = group_cache_.find(&r);
  if (it != group_cache_.end()) return it->second;
  std::vector<std::pair<std::size_t, const syntax::RecordField*>> entries;
  entries.reserve(r.fields.size());
  for (const auto& f : r.fields) entries.emplace_back(0, &f);
  return group_cache_.emplace(&r, group_fields(entries)).first->second;
}

const std::vector<FieldGroup>& Evaluator::sub_groups(const FieldGroup& g) {
  auto it = group_cache_.find(&g);
  if (it != group_cache_.end()) return it->second;
  std::vector<std::pair<std::size_t, const syntax::RecordField*>> sub;
  sub.reserve(g.entries.size());
  for (const auto& [o, f] : g.entries) sub.emplace_back(o + 1, f);
  return group_cache_.emplace(&g, group_fields(sub)).first->second;
}

ValuePtr Evaluator::eval_group(const FieldGroup& g, const Env& env, const Type* expected) {
  if (g.entries.size() == 1 && g.entries.front().first + 1 == g.entries.front().second->path.size())
    return eval(*g.entries.front().second->value, env, expected);
  base::Span span{g.key_span.file, g.key_span.begin, g.entries.back().second->span.end};
  return eval_groups(sub_groups(g), span, env, expected, EntityId{});
}

ValuePtr Evaluator::eval_groups(const std::vector<FieldGroup>& groups, base::Span span, const Env& env,
                                const Type* expected, EntityId owner) {
  auto out = make(ValueKind::Record, span);
  if (expected && expected->kind != TK::Record && expected->kind != TK::Map && expected->kind != TK::Any) {
    auto tmp = make(ValueKind::Record, span);
    return mismatch(*tmp, *expected, span);
  }
  bool ok = true;
  if (!expected || expected->kind != TK::Record) {
    const Type* elem = expected && expected->kind == TK::Map ? expected->elem.get() : nullptr;
    for (const auto& g : groups) {
      ValuePtr v = eval_group(g, env, elem);
      if (!v) { ok = false; continue; }
      out->fields.emplace_back(g.name, v);
      out->key_spans.push_back(g.key_span);
    }
    return ok ? out : nullptr;
  }
  const SchemaInfo& s = model_.schemas[expected->schema.value];
  // By schema field: the value written, the group that wrote it, and whether it was
  // written but wrong (already reported, not "missing").
  std::vector<ValuePtr> got(s.fields.size());
  std::vector<const FieldGroup*> got_group(s.fields.size(), nullptr);
  std::vector<char> failed(s.fields.size(), 0);
  // A field `_` opens the schema: other fields are allowed, with its type (Helm values,
  // where only the keys hlabc knows are typed).
  const FieldInfo* rest = s.find("_");
  std::vector<std::pair<std::string, ValuePtr>> extra;
  std::vector<base::Span> extra_spans;
  for (const auto& g : groups) {
    const FieldInfo* fi = g.name == "_" ? nullptr : s.find(g.name);
    if (!fi && rest && g.name != "_") {
      ValuePtr v = eval_group(g, env, rest->type.get());
      if (!v) { ok = false; continue; }
      extra.emplace_back(g.name, v);
      extra_spans.push_back(g.key_span);
      continue;
    }
    if (!fi) {
      std::vector<std::string> cands;
      for (const auto& f : s.fields)
        if (f.name != "_") cands.push_back(f.name);
      auto& d = sink_.report(Code::UnknownField, g.key_span, fmt::format("`{}` has no field `{}`", s.name, g.name));
      d.primary_label = "unknown field";
      std::string near = diag::closest_match(g.name, cands);
      if (!near.empty()) {
        d.help = fmt::format("did you mean `{}`?", near);
        d.fixes.push_back({g.key_span, near});
      } else {
        std::string list;
        for (const auto& f : s.fields) list += (list.empty() ? "" : ", ") + f.name;
        d.help = fmt::format("`{}` declares: {}", s.name, list);
      }
      ok = false;
      continue;
    }
    const auto fk = static_cast<std::size_t>(fi - s.fields.data());
    ValuePtr v = eval_group(g, env, fi->type.get());
    if (!v) { ok = false; failed[fk] = 1; continue; }
    if (!got_group[fk]) got_group[fk] = &g;
    got[fk] = std::move(v);
  }
  out->fields.reserve(groups.size());
  out->key_spans.reserve(groups.size());
  for (std::size_t fk = 0; fk < s.fields.size(); ++fk) {
    const FieldInfo& f = s.fields[fk];
    if (f.name == "_") continue;
    if (got[fk]) {
      out->fields.emplace_back(f.name, got[fk]);
      out->key_spans.push_back(got_group[fk]->key_span);
      continue;
    }
    const auto* decl = schema_decls_[s.id.value];
    const syntax::FieldDecl* fd = nullptr;
    for (const auto& x : decl->fields)
      if (x.name == f.name) fd = &x;
    if (fd && fd->default_value) {
      ValuePtr dv = eval(*fd->default_value, Env{schema_modules_[s.id.value], nullptr}, f.type.get());
      if (dv) {
        out->fields.emplace_back(f.name, dv);
        out->key_spans.push_back(span);  // a default: the record that left it out
      }
      continue;
    }
    if (!f.optional && !failed[fk]) {
      std::string whose = owner.valid() ? fmt::format("{} `{}`", model_.entities[owner.value].kind, model_.entities[owner.value].name)
                                        : fmt::format("this `{}`", s.name);
      auto& d = sink_.report(Code::MissingField, owner.valid() ? model_.entities[owner.value].name_span : span,
                             fmt::format("{} is missing field `{}`", whose, f.name));
      d.primary_label = fmt::format("`{}` is required", f.name);
      d.labels.push_back({f.span, fmt::format("`{}` declared here", f.name)});
      d.help = fmt::format("add `{} = ...` ({})", f.name, describe(*f.type));
      ok = false;
    }
  }
  for (std::size_t k = 0; k < extra.size(); ++k) {
    out->fields.push_back(std::move(extra[k]));
    out->key_spans.push_back(extra_spans[k]);
  }
  if (!ok) return nullptr;
  // Every field was evaluated against its type and every required one is present: passing
  // this record where the schema is expected (a template parameter, a typed let) needs no
  // second check and no copy.
  out->conformed.schema = s.id.value;
  return out;
}

void Evaluator::collect_entity(const syntax::EntityDecl& decl, base::Span span, Env env) {
  const Symbol* sym = lookup(env.module, decl.kind);
  if (!sym || sym->kind != Symbol::Kind::Schema || !model_.schemas[sym->index].is_kind) {
    // Uses of this entity would only repeat the problem.
    if (const auto* n = std::get_if<syntax::NameRef>(&decl.name->node)) poisoned_.insert(n->name);
    if (poisoned(decl.kind) || scopes_[static_cast<std::size_t>(env.module)].failed_import) return;
    if (sym && sym->kind == Symbol::Kind::Schema) {
      auto& d = sink_.report(Code::UnknownKind, decl.kind_span, fmt::format("`{}` is a schema, not a kind", decl.kind));
      d.labels.push_back({model_.schemas[sym->index].span, "declared with `schema` here"});
      d.help = "only kinds can be declared at the top level; declare it with `kind` to make it one";
      return;
    }
    std::vector<std::string> kinds;
    for (const auto& [n, s] : scopes_[static_cast<std::size_t>(env.module)].visible)
      if (s.kind == Symbol::Kind::Schema && model_.schemas[s.index].is_kind) kinds.push_back(n);
    auto& d = sink_.report(Code::UnknownKind, decl.kind_span, fmt::format("unknown kind `{}`", decl.kind));
    d.primary_label = "no kind of this name is in scope";
    std::string near = diag::closest_match(decl.kind, kinds);
    std::string mod = suggest_import_for_kind(decl.kind);
    if (!mod.empty()) d.help = fmt::format("add `import {}` at the top of this file", mod);
    else if (!near.empty()) { d.help = fmt::format("did you mean `{}`?", near); d.fixes.push_back({decl.kind_span, near}); }
    else d.help = "declare the kind with `kind`, or import the stdlib module that declares it";
    return;
  }
  const SchemaInfo& schema = model_.schemas[sym->index];
  record_use(decl.kind_span, *sym);
  std::string name;
  if (const auto* n = std::get_if<syntax::NameRef>(&decl.name->node)) {
    name = n->name;
  } else {
    ValuePtr v = eval(*decl.name, env, nullptr);
    if (!v) return;
    if (v->kind != ValueKind::String) {
      auto& d = sink_.report(Code::TypeMismatch, decl.name->span, "an entity name must be a string");
      d.help = "write the name as a string, e.g. \"\\(b)-bucket\"";
      return;
    }
    name = v->text;
    if (name.empty()) {
      auto& d = sink_.report(Code::BadFormat, decl.name->span, "an entity name must not be empty");
      d.help = "give the entity a name";
      return;
    }
  }
  if (EntityId prev = model_.find(schema.name, name); prev.valid()) {
    auto& d = sink_.report(Code::DuplicateDefinition, decl.name->span, fmt::format("{} `{}` is declared twice", schema.name, name));
    d.primary_label = "declared again here";
    d.labels.push_back({model_.entities[prev.value].name_span, "first declared here"});
    d.help = "rename one of them, or merge the two declarations";
    return;
  }
  Entity ent;
  ent.id = EntityId{static_cast<std::uint32_t>(model_.entities.size())};
  ent.kind = schema.name;
  ent.name = name;
  ent.schema = schema.id;
  ent.name_span = decl.name->span;
  ent.span = span;
  ent.doc = decl.doc;
  ent.module = out_.modules[static_cast<std::size_t>(env.module)].name;
  model_.index[{ent.kind, ent.name}] = ent.id;
  by_name_[ent.name].push_back(ent.id);
  model_.entities.push_back(std::move(ent));

  EntitySlot slot;
  slot.decl = &decl;
  slot.env = env;
  const auto& groups = record_groups(std::get<syntax::RecordLit>(decl.body->node));
  slot.fields.reserve(groups.size() + 2);
  auto field_index = [&](std::string_view key) {
    const FieldInfo* fi = schema.find(key);
    return fi ? static_cast<std::uint32_t>(fi - schema.fields.data()) : FieldSlot::kNoField;
  };
  for (const auto& g : groups) {
    FieldSlot fs;
    fs.name = g.name;
    fs.field = field_index(g.name);
    fs.key_span = g.key_span;
    fs.group = &g;
    slot.fields.push_back(std::move(fs));
  }
  auto clause = [&](const ExprPtr& e, const std::string& field, const char* word) {
    if (!e) return;
    if (field.empty()) {
      auto& d = sink_.report(Code::UnknownField, e->span, fmt::format("kind `{}` takes no `{}` clause", schema.name, word));
      d.labels.push_back({schema.span, "kind declared here"});
      d.help = fmt::format("remove `{} ...`, or set the field in the block", word);
      return;
    }
    if (auto k = slot.find(field); k != slot.fields.size()) {
      auto& d = sink_.report(Code::DuplicateDefinition, slot.fields[k].key_span,
                             fmt::format("field `{}` is set twice: by `{}` and in the block", field, word));
      d.labels.push_back({e->span, fmt::format("set by `{}` here", word)});
      d.help = "keep one of them";
      return;
    }
    FieldSlot fs;
    fs.name = field;
    fs.field = field_index(field);
    fs.key_span = e->span;
    fs.clause = e;
    slot.fields.push_back(std::move(fs));
  };
  clause(decl.on, schema.on_field, "on");
  clause(decl.in, schema.in_field, "in");
  entity_slots_.push_back(std::move(slot));
}

void Evaluator::poison_names(const std::vector<syntax::Item>& items, const Env& env) {
  for (const auto& item : items) {
    if (const auto* e = std::get_if<syntax::EntityDecl>(&item.node)) {
      if (const auto* n = std::get_if<syntax::NameRef>(&e->name->node)) {
        poisoned_.insert(n->name);
      } else {
        std::size_t before = sink_.diagnostics().size();
        ValuePtr v = eval(*e->name, env, nullptr);
        sink_.diagnostics().resize(before);  // a name we only try to learn reports nothing
        if (v && v->kind == ValueKind::String) poisoned_.insert(v->text);
      }
    } else if (const auto* f = std::get_if<syntax::ForDecl>(&item.node)) {
      poison_names(f->items, env);
    }
  }
}

void Evaluator::collect_items(std::span<const syntax::Item> items, Env env) {
  for (const auto& item : items) {
    if (aborted_) return;
    if (const auto* e = std::get_if<syntax::EntityDecl>(&item.node)) {
      collect_entity(*e, item.span, env);
    } else if (const auto* f = std::get_if<syntax::ForDecl>(&item.node)) {
      ValuePtr iter = eval(*f->iter, env, nullptr);
      if (!iter) continue;
      std::vector<ValuePtr> xs;
      if (iter->kind == ValueKind::List) {
        xs = iter->items;
      } else if (iter->kind == ValueKind::Record) {
        for (const auto& [k, v] : iter->fields) {
          auto s = make(ValueKind::String, v->span);
          s->text = k;
          xs.push_back(s);
        }
      } else {
        auto& d = sink_.report(Code::TypeMismatch, f->iter->span, fmt::format("cannot iterate over {}", describe(iter->kind)));
        d.help = "`for` runs over a list, or over the keys of a record";
        continue;
      }
      for (const auto& x : xs) {
        ++values_made_;  // each round's frame counts against the budget like a value
        if (budget_exceeded(item.span)) return;
        auto frame = std::make_shared<Frame>();
        frame->parent = env.frame;
        frame->set(f->var, x);
        Env inner{env.module, frame};
        if (f->cond) {
          ValuePtr c = eval(*f->cond, inner, nullptr);
          if (!c) {
            // The filter failed on a value already reported: the names this iteration
            // would declare are unknown, so uses of them stay quiet.
            poison_names(f->items, inner);
            continue;
          }
          if (c->kind != ValueKind::Bool) {
            auto& d = sink_.report(Code::TypeMismatch, f->cond->span, "the filter must be a boolean");
            d.help = "write a comparison such as `b != \"tmp\"`";
            break;
          }
          if (!c->b) continue;
        }
        collect_items(f->items, inner);
      }
    }
  }
}

ValuePtr Evaluator::entity_field(EntityId id, std::string_view field, base::Span use) {
  const SchemaInfo& schema = model_.schemas[model_.entities[id.value].schema.value];
  if (const FieldInfo* fi = schema.find(field)) return entity_field(id, *fi, use);
  return nullptr;  // not in the schema: a field written by mistake is reported by finish_entity
}

ValuePtr Evaluator::entity_field(EntityId id, const FieldInfo& field_info, base::Span use) {
  EntitySlot& slot = entity_slots_[id.value];
  const Entity& ent = model_.entities[id.value];
  const SchemaInfo& schema = model_.schemas[ent.schema.value];
  const FieldInfo* fi = &field_info;
  const std::string_view field = fi->name;
  const auto index = static_cast<std::uint32_t>(fi - schema.fields.data());
  std::size_t k = slot.find_field(index);
  if (k == slot.fields.size()) {
    FieldSlot fs;
    fs.name = fi->name;
    fs.field = index;
    fs.is_default = true;
    fs.key_span = fi->span;
    const auto* decl = schema_decls_[ent.schema.value];
    for (const auto& x : decl->fields)
      if (x.name == field && x.default_value) {
        fs.clause = x.default_value;
      }
    if (!fs.clause) return null_value(ent.name_span);
    // Defaults are evaluated in the schema's module.
    fs.state = SlotState::Busy;
    ExprPtr clause = fs.clause;
    slot.fields.push_back(std::move(fs));
    // Evaluation may add slots to this entity: refer to this one by index.
    ValuePtr v = eval(*clause, Env{schema_modules_[ent.schema.value], nullptr}, fi->type.get());
    FieldSlot& done = entity_slots_[id.value].fields[k];
    done.value = v;
    done.state = SlotState::Done;
    return v;
  }
  {
    FieldSlot& fs = slot.fields[k];
    if (fs.state == SlotState::Done) return fs.value;
    if (fs.state == SlotState::Busy) {
      auto& d = sink_.report(Code::EvalCycle, use, fmt::format("`{}.{}` depends on itself", ent.name, field));
      d.labels.push_back({fs.key_span, "defined here"});
      d.help = "break the cycle: a field cannot be computed from its own value";
      return nullptr;
    }
  }
  if (!enter(use)) return nullptr;
  slot.fields[k].state = SlotState::Busy;
  ExprPtr clause = slot.fields[k].clause;
  const FieldGroup* group = slot.fields[k].group;
  Env env = slot.env;
  ValuePtr v = clause ? eval(*clause, env, fi->type.get()) : eval_group(*group, env, fi->type.get());
  FieldSlot& done = entity_slots_[id.value].fields[k];
  done.value = v;
  done.state = SlotState::Done;
  --depth_;
  return v;
}

void Evaluator::finish_entity(EntityId id) {
  EntitySlot& slot = entity_slots_[id.value];
  Entity& ent = model_.entities[id.value];
  const SchemaInfo& schema = model_.schemas[ent.schema.value];
  auto rec = make(ValueKind::Record, ent.span);
  // The slot of each schema field (fields.size() for none), and the fields the schema lacks.
  std::vector<std::size_t> slot_of(schema.fields.size(), slot.fields.size());
  for (std::size_t k = 0; k < slot.fields.size(); ++k)
    if (slot.fields[k].field != FieldSlot::kNoField) slot_of[slot.fields[k].field] = k;
  for (const auto& fs : slot.fields) {
    const std::string_view name = fs.name;
    if (fs.field != FieldSlot::kNoField) continue;
    std::vector<std::string> cands;
    for (const auto& f : schema.fields) cands.push_back(f.name);
    auto& d = sink_.report(Code::UnknownField, fs.key_span, fmt::format("`{}` has no field `{}`", schema.name, name));
    d.primary_label = "unknown field";
    std::string near = diag::closest_match(name, cands);
    if (!near.empty()) {
      d.help = fmt::format("did you mean `{}`?", near);
      d.fixes.push_back({fs.key_span, near});
    } else {
      std::string list;
      for (const auto& f : schema.fields) list += (list.empty() ? "" : ", ") + f.name;
      d.help = fmt::format("`{}` declares: {}", schema.name, list);
    }
  }
  // Room for the fields that can have a value (written, or with a default), not for every
  // field of the schema: thousands of entities keep these records.
  const std::size_t none = slot.fields.size();
  std::size_t room = 0;
  for (std::size_t fk = 0; fk < schema.fields.size(); ++fk) room += schema.fields[fk].has_default || slot_of[fk] != none;
  rec->fields.reserve(room);
  rec->key_spans.reserve(room);
  for (std::size_t fk = 0; fk < schema.fields.size(); ++fk) {
    const FieldInfo& f = schema.fields[fk];
    const std::size_t k = slot_of[fk];
    const bool written = k != none && !slot.fields[k].is_default;
    if (written || f.has_default) {
      ValuePtr v = entity_field(id, f, ent.name_span);
      if (v && v->kind != ValueKind::Null) {
        rec->fields.emplace_back(f.name, v);
        // A default has no key in the user's file: point at the declaration, not the stdlib.
        rec->key_spans.push_back(written ? entity_slots_[id.value].fields[k].key_span : ent.name_span);
      }
      continue;
    }
    if (!f.optional) {
      auto& d = sink_.report(Code::MissingField, ent.name_span, fmt::format("{} `{}` is missing field `{}`", ent.kind, ent.name, f.name));
      d.primary_label = fmt::format("`{}` is required", f.name);
      d.labels.push_back({f.span, fmt::format("`{}` declared here", f.name)});
      d.help = fmt::format("add `{} = ...` ({})", f.name, describe(*f.type));
    }
  }
  ent.value = rec;
}

void Evaluator::check_secret_literal(const std::string& field, const Value& v) {
  if (v.kind == ValueKind::List) {
    for (const auto& i : v.items) check_secret_literal(field, *i);
    return;
  }
  if (v.kind == ValueKind::Record) {
    for (const auto& [k, x] : v.fields) check_secret_literal(k, *x);
    return;
  }
  if (v.kind != ValueKind::String) return;
  const char* what = base::secret_material(field, v.text);
  if (!what) return;
  auto& d = sink_.report(Code::SecretLiteral, v.span,
                         field.empty() ? fmt::format("this string holds {}", what)
                                       : fmt::format("field `{}` holds {}", field, what));
  d.primary_label = "secret material in the source";
  d.help = "keep secret values out of .hlab files: declare a vault_secret and read it with an external_secret, "
           "or reference a SOPS-encrypted secret";
}

void Evaluator::report_unused_lets() {
  for (const auto& slot : lets_) {
    if (slot.used || out_.modules[static_cast<std::size_t>(slot.module)].is_stdlib) continue;
    if (slot.decl->name.starts_with("_")) continue;
    // A let in a module that others import may be used by them later; only lets of
    // modules nobody imports can be known to be unused.
    bool imported = false;
    for (const auto& targets : graph_.targets)
      for (int t : targets) imported = imported || t == slot.module;
    if (imported) continue;
    auto& d = sink_.report(Code::UnusedLet, slot.decl->name_span, fmt::format("`{}` is never used", slot.decl->name));
    d.primary_label = "unused";
    d.help = fmt::format("remove it, or prefix it with `_` (`_{}`) to keep it", slot.decl->name);
  }
}

void Evaluator::run() {
  declare_symbols();
  build_scopes();
  resolve_schemas();
  // Entities with literal names first, so that lets and loops can refer to them.
  for (std::size_t m = 0; m < out_.modules.size(); ++m)
    for (const auto& item : out_.modules[m].parsed.items)
      if (const auto* e = std::get_if<syntax::EntityDecl>(&item.node))
        if (std::holds_alternative<syntax::NameRef>(e->name->node)) collect_entity(*e, item.span, Env{static_cast<int>(m), nullptr});
  for (std::size_t m = 0; m < out_.modules.size(); ++m)
    for (const auto& item : out_.modules[m].parsed.items) {
      if (const auto* e = std::get_if<syntax::EntityDecl>(&item.node)) {
        if (!std::holds_alternative<syntax::NameRef>(e->name->node)) collect_entity(*e, item.span, Env{static_cast<int>(m), nullptr});
      } else if (std::holds_alternative<syntax::ForDecl>(item.node)) {
        collect_items(std::span<const syntax::Item>(&item, 1), Env{static_cast<int>(m), nullptr});
      }
    }
  for (std::size_t k = 0; k < lets_.size() && !aborted_; ++k) {
    bool used = lets_[k].used;
    eval_let(k, lets_[k].decl->name_span);
    lets_[k].used = used;
  }
  for (std::size_t k = 0; k < model_.entities.size() && !aborted_; ++k) finish_entity(EntityId{static_cast<std::uint32_t>(k)});
  for (const auto& ent : model_.entities) {
    bool stdlib = false;
    for (const auto& m : out_.modules)
      if (m.name == ent.module) stdlib = m.is_stdlib;
    if (!ent.value) continue;
    bool fits = true;
    for (const auto& [name, v] : ent.value->fields) fits = fits && expansion_fits(*v, v->span);
    if (fits && !stdlib) check_secret_literal("", *ent.value);
  }
  if (!aborted_) report_unused_lets();
  for (const auto& slot : lets_) out_.lets.push_back(LetValue{slot.decl->name_span, slot.value});
}

}  // namespace detail

Analysis analyze(const AnalysisOptions& options) {
  Analysis out;
  detail::ImportGraph graph = detail::load_modules(options, out);
  if (graph.targets.size() == out.modules.size()) {
    detail::Evaluator ev(options, out, graph);
    ev.run();
  }
  out.diags.sort(out.sources);
  return out;
}

}  // namespace hlab::sema
