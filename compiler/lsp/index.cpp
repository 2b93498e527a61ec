// Building the index of a snapshot from its model, its syntax trees and its name uses.
#include "lsp/index.hpp"

#include <algorithm>
#include <map>

namespace hlab::lsp {

std::string_view span_text(const sema::Analysis& a, base::Span s) {
  if (!s.valid() || s.file.value >= a.sources.size()) return {};
  std::string_view text = a.sources.get(s.file).text;
  if (s.begin > s.end || s.end > text.size()) return {};
  return text.substr(s.begin, s.end - s.begin);
}

bool contains(base::Span s, base::FileId file, std::uint32_t offset) {
  return s.file == file && s.begin <= offset && offset <= s.end;
}

namespace {
Declaration make_decl(Declaration::Kind kind, std::string name, base::Span span, std::string container, std::string doc, bool is_stdlib) {
  Declaration d;
  d.kind = kind;
  d.name = std::move(name);
  d.name_span = span;
  d.container = std::move(container);
  d.doc = std::move(doc);
  d.is_stdlib = is_stdlib;
  return d;
}
}  // namespace

Index::Index(const Snapshot& snap) : snap_(snap) {
  collect_declarations();
  const auto& model = snap.analysis.model;
  for (const auto& ent : model.entities) {
    if (!ent.value || ent.value->kind != sema::ValueKind::Record || !ent.schema.valid()) continue;
    const auto& schema = model.get(ent.schema);
    records_.push_back({ent.span, &schema, ent.value.get()});
    walk(*ent.value, schema);
  }
}

void Index::collect_declarations() {
  const auto& a = snap_.analysis;
  std::map<std::string, bool> stdlib_module;
  for (const auto& m : a.modules) stdlib_module[m.name] = m.is_stdlib;
  std::map<std::uint32_t, bool> stdlib_file;
  for (const auto& m : a.modules) stdlib_file[m.file.value] = m.is_stdlib;
  std::map<std::pair<std::uint32_t, std::uint32_t>, sema::ValuePtr> let_values;
  for (const auto& l : a.lets) let_values[{l.name.file.value, l.name.begin}] = l.value;

  for (const auto& m : a.modules) {
    for (const auto& item : m.parsed.items) {
      if (const auto* let = std::get_if<syntax::LetDecl>(&item.node)) {
        Declaration d = make_decl(Declaration::Kind::Let, let->name, let->name_span, m.name, let->doc, m.is_stdlib);
        d.let = let;
        if (auto it = let_values.find({let->name_span.file.value, let->name_span.begin}); it != let_values.end()) d.value = it->second;
        decls_.push_back(std::move(d));
      } else if (const auto* t = std::get_if<syntax::TemplateDecl>(&item.node)) {
        Declaration d = make_decl(Declaration::Kind::Template, t->name, t->name_span, m.name, t->doc, m.is_stdlib);
        d.templ = t;
        decls_.push_back(std::move(d));
      }
    }
  }
  for (const auto& s : a.model.schemas) {
    bool std = stdlib_module[s.module];
    Declaration d = make_decl(s.is_kind ? Declaration::Kind::Kind : Declaration::Kind::Schema, s.name, s.span, s.module, s.doc, std);
    d.schema = &s;
    decls_.push_back(std::move(d));
    for (const auto& f : s.fields) {
      Declaration fd = make_decl(Declaration::Kind::Field, f.name, f.span, s.name, f.doc, std);
      fd.schema = &s;
      fd.field = &f;
      decls_.push_back(std::move(fd));
    }
  }
  for (const auto& e : a.model.entities) {
    if (!e.name_span.valid()) continue;
    Declaration d = make_decl(Declaration::Kind::Entity, e.name, e.name_span, e.kind, e.doc, stdlib_file[e.name_span.file.value]);
    d.entity = &e;
    if (e.schema.valid()) d.schema = &a.model.get(e.schema);
    d.value = e.value;
    decls_.push_back(std::move(d));
  }
}

void Index::walk(const sema::Value& v, const sema::SchemaInfo& schema) {
  const auto& a = snap_.analysis;
  for (std::size_t i = 0; i < v.fields.size(); ++i) {
    const auto& [name, fv] = v.fields[i];
    const sema::FieldInfo* f = schema.find(name);
    if (i < v.key_spans.size()) {
      base::Span ks = v.key_spans[i];
      std::string_view text = span_text(a, ks);
      if (text == name || (text.starts_with(name) && text.size() > name.size() && text[name.size()] == '.'))
        keys_.push_back({base::Span{ks.file, ks.begin, static_cast<std::uint32_t>(ks.begin + name.size())}, &schema, f, fv.get()});
    }
    if (f && f->type && fv) descend(*fv, *f->type);
  }
}

void Index::descend(const sema::Value& v, const sema::Type& t) {
  const auto& model = snap_.analysis.model;
  switch (t.kind) {
    case sema::Type::Kind::Record:
      if (v.kind == sema::ValueKind::Record && t.schema.valid()) {
        const auto& schema = model.get(t.schema);
        records_.push_back({v.span, &schema, &v});
        walk(v, schema);
      }
      break;
    case sema::Type::Kind::List:
      if (v.kind == sema::ValueKind::List && t.elem)
        for (const auto& item : v.items)
          if (item) descend(*item, *t.elem);
      break;
    case sema::Type::Kind::Map:
      if (v.kind == sema::ValueKind::Record && t.elem)
        for (const auto& [k, item] : v.fields)
          if (item) descend(*item, *t.elem);
      break;
    default: break;
  }
}

const Declaration* Index::declaration_at(base::FileId file, std::uint32_t offset) const {
  for (const auto& d : decls_)
    if (contains(d.name_span, file, offset)) return &d;
  return nullptr;
}

const Declaration* Index::declaration_named(base::Span name) const {
  for (const auto& d : decls_)
    if (d.name_span == name) return &d;
  return nullptr;
}

const sema::NameUse* Index::use_at(base::FileId file, std::uint32_t offset) const {
  const sema::NameUse* best = nullptr;
  for (const auto& u : snap_.analysis.uses)
    if (contains(u.use, file, offset) && (!best || u.use.end - u.use.begin < best->use.end - best->use.begin)) best = &u;
  return best;
}

const Declaration* Index::target_at(base::FileId file, std::uint32_t offset) const {
  if (const auto* u = use_at(file, offset)) return declaration_named(u->decl);
  if (const auto* d = declaration_at(file, offset)) return d;
  if (const auto* k = field_at(file, offset); k && k->field) return declaration_named(k->field->span);
  return nullptr;
}

std::vector<base::Span> Index::uses_of(const Declaration& d) const {
  std::vector<base::Span> out;
  if (d.kind == Declaration::Kind::Field) {
    for (const auto& k : keys_)
      if (k.field == d.field) out.push_back(k.key);
  } else {
    for (const auto& u : snap_.analysis.uses)
      if (u.decl == d.name_span) out.push_back(u.use);
  }
  auto key = [](const base::Span& s) { return std::tuple(s.file.value, s.begin, s.end); };
  std::sort(out.begin(), out.end(), [&](const auto& x, const auto& y) { return key(x) < key(y); });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const FieldKey* Index::field_at(base::FileId file, std::uint32_t offset) const {
  for (const auto& k : keys_)
    if (contains(k.key, file, offset)) return &k;
  return nullptr;
}

const RecordScope* Index::record_at(base::FileId file, std::uint32_t offset) const {
  const RecordScope* best = nullptr;
  for (const auto& r : records_) {
    if (r.span.file != file || offset <= r.span.begin || offset >= r.span.end) continue;
    if (!best || r.span.end - r.span.begin < best->span.end - best->span.begin) best = &r;
  }
  return best;
}

std::shared_ptr<const Index> index_of(const SnapshotPtr& snap) {
  std::call_once(snap->index_once, [&] { snap->index = std::make_shared<const Index>(*snap); });
  return snap->index;
}

}  // namespace hlab::lsp
