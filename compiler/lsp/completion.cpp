// Completion from the text before the cursor and the schema of the record around it:
// field names (with their docs) at the start of a line, the entities of the expected kind,
// enum choices and booleans after `field =`, kinds and keywords at the top level.
#include <regex>
#include <set>

#include "lsp/handlers.hpp"
#include "syntax/lexer.hpp"

namespace hlab::lsp {
namespace {

// Keys written (`key =`) in the top-level declaration around `offset`, from the text.
std::set<std::string> keys_written_around(const Document& doc, std::uint32_t offset) {
  static const std::regex key(R"(^\s+([A-Za-z_][A-Za-z0-9_-]*)\s*[=.].*)");
  std::set<std::string> out;
  std::uint32_t here = doc.lines.line_index(offset);
  auto scan = [&](std::uint32_t line) {
    std::string text(doc.lines.line_text(doc.text, line));
    if (!text.empty() && text[0] != ' ' && text[0] != '\t') return false;
    std::smatch m;
    if (std::regex_match(text, m, key)) out.insert(m[1].str());
    return true;
  };
  for (std::uint32_t line = here; line > 0 && scan(line - 1);) --line;
  for (std::uint32_t line = here + 1; line < doc.lines.line_count() && scan(line);) ++line;
  return out;
}

enum ItemKind { kField = 5, kValue = 12, kEnumMember = 20, kKeyword = 14, kClass = 7, kReference = 18, kVariable = 6 };

struct Completer {
  explicit Completer(const Context& ctx) : c(ctx) {}
  const Context& c;
  json items = json::array();
  json edit_range;
  std::set<std::string> seen;

  void add(const std::string& label, int kind, const std::string& detail, const std::string& doc,
           const std::string& insert = "") {
    if (!seen.insert(label).second) return;
    json item = {{"label", label}, {"kind", kind}};
    if (!detail.empty()) item["detail"] = detail;
    if (!doc.empty()) item["documentation"] = {{"kind", "markdown"}, {"value", doc}};
    item["textEdit"] = {{"range", edit_range}, {"newText", insert.empty() ? label : insert}};
    items.push_back(std::move(item));
  }

  void fields(const RecordScope& r) {
    const auto& a = c.snap->analysis;
    std::set<std::string> written;
    if (r.value)
      for (std::size_t i = 0; i < r.value->fields.size() && i < r.value->key_spans.size(); ++i)
        if (span_text(a, r.value->key_spans[i]).starts_with(r.value->fields[i].first)) written.insert(r.value->fields[i].first);
    if (!r.value) written = keys_written_around(*c.doc, c.doc_offset);
    for (const auto& f : r.schema->fields) {
      if (written.count(f.name)) continue;
      add(f.name, kField, f.name + (f.optional ? "?" : "") + ": " + (f.type ? sema::describe(*f.type) : "any"), f.doc, f.name + " = ");
    }
  }

  void entities_of(const std::string& kind) {
    const auto& model = c.snap->analysis.model;
    for (const auto& e : model.entities)
      if (e.kind == kind) add(e.name, kReference, kind, e.doc);
  }

  void values(const sema::Type& t) {
    using K = sema::Type::Kind;
    switch (t.kind) {
      case K::EntityRef: entities_of(t.schema_name); break;
      case K::KeyRef:
        for (const auto& e : c.snap->analysis.model.entities) {
          if (e.kind != t.schema_name || !e.value) continue;
          if (const auto* keys = e.value->field("keys"); keys && keys->kind == sema::ValueKind::List)
            for (const auto& k : keys->items) add(e.name + "." + k->text, kReference, "key of " + e.kind + " " + e.name, e.doc);
        }
        break;
      case K::Enum:
        for (const auto& m : t.members) add(m, kEnumMember, sema::describe(t), "");
        break;
      case K::Bool:
        add("true", kKeyword, "bool", "");
        add("false", kKeyword, "bool", "");
        break;
      case K::List:
      case K::Map:
        if (t.elem) values(*t.elem);
        break;
      default: break;
    }
    lets();
  }

  void lets() {
    for (const auto& d : c.index->declarations())
      if (d.kind == Declaration::Kind::Let && !d.is_stdlib)
        add(d.name, kVariable, d.value ? render_value(*d.value, 40) : "let", d.doc);
  }

  void top_level() {
    for (const char* kw : {"import", "let", "schema", "kind", "template", "for"}) add(kw, kKeyword, "keyword", "");
    for (const auto& d : c.index->declarations())
      if (d.kind == Declaration::Kind::Kind) add(d.name, kClass, "kind (" + d.container + ")", d.doc, d.name + " ");
  }
};

// The kind of the top-level declaration around `offset`, read from the text: the nearest
// line above that starts at column 1 with `kind name ... {`. For half-typed text, where the
// analysis has no record there yet.
const sema::SchemaInfo* enclosing_kind(const Context& c, std::uint32_t offset) {
  static const std::regex head(R"(^([A-Za-z_][A-Za-z0-9_]*)\s+[^\s{]+.*\{\s*$)");
  const Document& doc = *c.doc;
  for (std::uint32_t line = doc.lines.line_index(offset) + 1; line-- > 0;) {
    std::string text(doc.lines.line_text(doc.text, line));
    if (text.empty() || text[0] == ' ' || text[0] == '\t' || text[0] == '#' || text[0] == '}') {
      if (!text.empty() && text[0] == '}' && line != doc.lines.line_index(offset)) return nullptr;
      continue;
    }
    std::smatch m;
    if (!std::regex_match(text, m, head)) return nullptr;
    for (const auto& d : c.index->declarations())
      if (d.kind == Declaration::Kind::Kind && d.name == m[1].str()) return d.schema;
    return nullptr;
  }
  return nullptr;
}

}  // namespace

json completion(const Context& c) {
  json result = {{"isIncomplete", false}, {"items", json::array()}};
  if (!c.file.valid()) return result;
  std::string_view text = c.doc->text;
  std::uint32_t line = c.doc->lines.line_index(c.doc_offset);
  std::uint32_t line_start = c.doc->lines.line_start(line);
  std::string head(text.substr(line_start, c.doc_offset - line_start));
  std::size_t word = head.size();
  while (word > 0 && (syntax::lex::is_ident_char(head[word - 1]) || head[word - 1] == '/' || head[word - 1] == '.')) --word;
  Completer k(c);
  k.edit_range = to_range(text, c.doc->lines, line_start + static_cast<std::uint32_t>(word), c.doc_offset, c.view->encoding());
  std::string before = head.substr(0, word);
  RecordScope textual;
  const RecordScope* scope = c.index->record_at(c.file, c.offset);
  if (!scope && line_start > 0)
    if (const auto* kind = enclosing_kind(c, line_start)) {
      textual.schema = kind;
      scope = &textual;
    }
  static const std::regex assign(R"(^\s*([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*)\s*=\s*[\[\s,A-Za-z0-9_/.-]*$)");
  static const std::regex clause(R"(^([A-Za-z_][A-Za-z0-9_]*)\s+\S+\s+(on|in)\s+$)");
  std::smatch m;
  if (std::regex_match(before, m, clause)) {
    for (const auto& d : c.index->declarations())
      if (d.kind == Declaration::Kind::Kind && d.name == m[1].str()) {
        const std::string& field = m[2] == "on" ? d.schema->on_field : d.schema->in_field;
        if (const auto* f = d.schema->find(field); f && f->type) k.values(*f->type);
      }
  } else if (std::regex_match(before, m, assign)) {
    std::string key = m[1].str();
    if (auto dot = key.rfind('.'); dot != std::string::npos) key = key.substr(dot + 1);
    const sema::FieldInfo* f = scope ? scope->schema->find(key) : nullptr;
    if (f && f->type) k.values(*f->type);
    else k.lets();
  } else if (before.find_first_not_of(" \t") == std::string::npos) {
    if (before.empty() && !scope) k.top_level();
    else if (scope) k.fields(*scope);
  } else {
    k.lets();
  }
  result["items"] = std::move(k.items);
  return result;
}

}  // namespace hlab::lsp
