// Document symbols (the outline of one file, from its syntax tree) and workspace symbols
// (every declaration of the open projects whose name matches the query).
#include <algorithm>
#include <cctype>

#include "lsp/handlers.hpp"

namespace hlab::lsp {
namespace {

enum SymbolKind { kModule = 2, kNamespace = 3, kClass = 5, kField = 8, kFunction = 12, kVariable = 13, kObject = 19, kStruct = 23 };

std::optional<json> symbol(const Context& c, const std::string& name, int kind, const std::string& detail, base::Span whole,
                           base::Span selection) {
  auto range = c.view->range(whole);
  auto sel = c.view->range(selection);
  if (!range || !sel || name.empty()) return std::nullopt;
  json s = {{"name", name}, {"kind", kind}, {"range", *range}, {"selectionRange", *sel}};
  if (!detail.empty()) s["detail"] = detail;
  return s;
}

void outline(const Context& c, const std::vector<syntax::Item>& items, json& out) {
  const auto& a = c.snap->analysis;
  for (const auto& item : items) {
    std::optional<json> s;
    if (const auto* e = std::get_if<syntax::EntityDecl>(&item.node)) {
      s = symbol(c, std::string(span_text(a, e->name->span)), kObject, e->kind, item.span, e->name->span);
    } else if (const auto* l = std::get_if<syntax::LetDecl>(&item.node)) {
      s = symbol(c, l->name, kVariable, "let", item.span, l->name_span);
    } else if (const auto* sc = std::get_if<syntax::SchemaDecl>(&item.node)) {
      s = symbol(c, sc->name, sc->is_kind ? kClass : kStruct, sc->is_kind ? "kind" : "schema", item.span, sc->name_span);
      if (s) {
        json children = json::array();
        for (const auto& f : sc->fields)
          if (auto fs = symbol(c, f.name, kField, f.type ? std::string(span_text(a, f.type->span)) : "", f.span, f.name_span))
            children.push_back(*fs);
        (*s)["children"] = std::move(children);
      }
    } else if (const auto* t = std::get_if<syntax::TemplateDecl>(&item.node)) {
      s = symbol(c, t->name, kFunction, "template", item.span, t->name_span);
    } else if (const auto* imp = std::get_if<syntax::Import>(&item.node)) {
      std::string name;
      for (const auto& part : imp->path) name += (name.empty() ? "" : ".") + part;
      s = symbol(c, name, kModule, "import", item.span, imp->path_span);
    } else if (const auto* f = std::get_if<syntax::ForDecl>(&item.node)) {
      s = symbol(c, "for " + f->var, kNamespace, "", item.span, f->var_span);
      if (s) {
        json children = json::array();
        outline(c, f->items, children);
        (*s)["children"] = std::move(children);
      }
    }
    if (s) out.push_back(std::move(*s));
  }
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

int kind_of(const Declaration& d) {
  switch (d.kind) {
    case Declaration::Kind::Let: return kVariable;
    case Declaration::Kind::Template: return kFunction;
    case Declaration::Kind::Schema: return kStruct;
    case Declaration::Kind::Kind: return kClass;
    case Declaration::Kind::Entity: return kObject;
    case Declaration::Kind::Field: return kField;
  }
  return kVariable;
}

}  // namespace

json document_symbols(const Context& c) {
  json out = json::array();
  if (!c.file.valid()) return out;
  for (const auto& m : c.snap->analysis.modules)
    if (m.file == c.file) outline(c, m.parsed.items, out);
  return out;
}

json workspace_symbols(const std::vector<std::pair<SnapshotPtr, const View*>>& projects, const std::string& query) {
  json out = json::array();
  std::string q = lower(query);
  for (const auto& [snap, view] : projects) {
    for (const auto& d : index_of(snap)->declarations()) {
      if (d.is_stdlib || d.kind == Declaration::Kind::Field) continue;
      if (!q.empty() && lower(d.name).find(q) == std::string::npos) continue;
      auto loc = view->location(d.name_span);
      if (!loc) continue;
      out.push_back({{"name", d.name}, {"kind", kind_of(d)}, {"location", *loc}, {"containerName", d.container}});
      if (out.size() >= 1000) return out;
    }
  }
  return out;
}

}  // namespace hlab::lsp
