// Hover: what the name under the cursor is, its docs (the `##` comments of its
// declaration or schema field) and the value it resolved to.
#include <fmt/core.h>

#include "lsp/handlers.hpp"

namespace hlab::lsp {
namespace {

void append_value(const sema::Value& v, std::string& out, std::size_t max) {
  using K = sema::ValueKind;
  if (out.size() > max) return;
  switch (v.kind) {
    case K::Null: out += "null"; break;
    case K::Bool: out += v.b ? "true" : "false"; break;
    case K::Int: out += std::to_string(v.i); break;
    case K::String: out += "\"" + v.text + "\""; break;
    case K::List:
      out += "[";
      for (std::size_t i = 0; i < v.items.size() && out.size() <= max; ++i) {
        if (i) out += ", ";
        if (v.items[i]) append_value(*v.items[i], out, max);
      }
      out += "]";
      break;
    case K::Record:
      out += "{";
      for (std::size_t i = 0; i < v.fields.size() && out.size() <= max; ++i) {
        out += i ? ", " : " ";
        out += v.fields[i].first + " = ";
        if (v.fields[i].second) append_value(*v.fields[i].second, out, max);
      }
      out += v.fields.empty() ? "}" : " }";
      break;
    case K::EntityRef: out += v.text.empty() ? "<entity>" : v.text; break;
    case K::KeyRef: out += v.text; break;
    default: out += v.text; break;
  }
}

std::string code_block(const std::string& text) { return "```hlab\n" + text + "\n```"; }

std::string entity_name(const sema::Analysis& a, const sema::Value& v) {
  if (v.entity.valid() && v.entity.value < a.model.entities.size()) {
    const auto& e = a.model.get(v.entity);
    return e.kind + " " + e.name;
  }
  return {};
}

std::string describe_declaration(const Context& c, const Declaration& d) {
  const auto& a = c.snap->analysis;
  std::string head, body = d.doc;
  switch (d.kind) {
    case Declaration::Kind::Let:
      head = "let " + d.name;
      if (d.value) head += " = " + render_value(*d.value);
      break;
    case Declaration::Kind::Template: {
      head = "template " + d.name + "(";
      for (std::size_t i = 0; i < d.templ->params.size(); ++i) {
        const auto& p = d.templ->params[i];
        head += (i ? ", " : "") + p.name;
        if (p.type) head += ": " + std::string(span_text(a, p.type->span));
        if (p.default_value) head += " = " + std::string(span_text(a, p.default_value->span));
      }
      head += ")";
      break;
    }
    case Declaration::Kind::Schema:
    case Declaration::Kind::Kind: {
      head = (d.kind == Declaration::Kind::Kind ? "kind " : "schema ") + d.name + " {";
      for (const auto& f : d.schema->fields)
        head += "\n  " + f.name + (f.optional ? "?" : "") + ": " + (f.type ? sema::describe(*f.type) : "any");
      head += "\n}";
      body += (body.empty() ? "" : "\n\n") + std::string("module `") + d.container + "`";
      break;
    }
    case Declaration::Kind::Field:
      head = d.name + (d.field->optional ? "?" : "") + ": " + (d.field->type ? sema::describe(*d.field->type) : "any");
      body = "field of `" + d.container + "`" + (d.doc.empty() ? "" : "\n\n" + d.doc);
      break;
    case Declaration::Kind::Entity:
      head = d.container + " " + d.name;
      if (d.schema && !d.schema->doc.empty()) body += (body.empty() ? "" : "\n\n") + d.schema->doc;
      break;
  }
  return code_block(head) + (body.empty() ? "" : "\n\n" + body);
}

std::string describe_field(const Context& c, const FieldKey& k) {
  std::string head = k.field->name + (k.field->optional ? "?" : "") + ": " + (k.field->type ? sema::describe(*k.field->type) : "any");
  std::string text = code_block(head) + "\n\nfield of `" + k.schema->name + "`";
  if (!k.field->doc.empty()) text += "\n\n" + k.field->doc;
  if (k.value) {
    std::string value = render_value(*k.value);
    if (k.value->kind == sema::ValueKind::EntityRef) value = entity_name(c.snap->analysis, *k.value);
    if (!value.empty()) text += "\n\nvalue: `" + value + "`";
  }
  return text;
}

}  // namespace

std::string render_value(const sema::Value& v, std::size_t max_length) {
  std::string out;
  append_value(v, out, max_length);
  if (out.size() > max_length) out = out.substr(0, max_length) + "…";
  return out;
}

json hover(const Context& c) {
  if (!c.file.valid()) return nullptr;
  const Index& ix = *c.index;
  std::string text;
  base::Span span;
  if (const auto* u = ix.use_at(c.file, c.offset)) {
    if (const auto* d = ix.declaration_named(u->decl)) {
      text = describe_declaration(c, *d);
      span = u->use;
    }
  }
  if (text.empty())
    if (const auto* k = ix.field_at(c.file, c.offset); k && k->field) {
      text = describe_field(c, *k);
      span = k->key;
    }
  if (text.empty())
    if (const auto* d = ix.declaration_at(c.file, c.offset)) {
      text = describe_declaration(c, *d);
      span = d->name_span;
    }
  if (text.empty()) return nullptr;
  json result = {{"contents", {{"kind", "markdown"}, {"value", text}}}};
  if (auto r = c.view->range(span)) result["range"] = *r;
  return result;
}

}  // namespace hlab::lsp
