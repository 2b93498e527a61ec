// Rename of lets, templates, schemas, kinds and entities declared in the project, across
// its files. Uses written in another form than the bare name (a quoted string keeps its
// quotes; a path like `general/x` is not a use of `x`) are edited inside that form.
#include <fmt/core.h>

#include <map>
#include <set>

#include "lsp/handlers.hpp"
#include "syntax/lexer.hpp"

namespace hlab::lsp {
namespace {

const Declaration* renamable(const Context& c, std::string& why) {
  if (!c.file.valid()) { why = "the document is not part of an analysed project"; return nullptr; }
  const Declaration* d = c.index->target_at(c.file, c.offset);
  if (!d) { why = "there is no name to rename here"; return nullptr; }
  if (d->is_stdlib) { why = "`" + d->name + "` is declared in the standard library"; return nullptr; }
  if (d->kind == Declaration::Kind::Field) { why = "schema fields cannot be renamed"; return nullptr; }
  return d;
}

// The part of a use that spells the name: the span itself, or its inside when quoted.
std::optional<base::Span> name_part(const sema::Analysis& a, base::Span use, const std::string& name) {
  std::string_view text = span_text(a, use);
  if (text == name) return use;
  if (text.size() == name.size() + 2 && text.front() == '"' && text.back() == '"' && text.substr(1, name.size()) == name)
    return base::Span{use.file, use.begin + 1, use.end - 1};
  return std::nullopt;
}

bool valid_name(const std::string& name, bool path_allowed) {
  if (name.empty()) return false;
  const char* b = name.data();
  const char* e = b + name.size();
  const char* end = path_allowed ? syntax::lex::path(b, e) : syntax::lex::identifier(b, e);
  return end == e && !syntax::lex::is_keyword(name);
}

// Another declaration that `new_name` would collide with: an entity of the same kind, or a
// let, template, schema or kind in a file the rename edits (where a use could resolve to it).
const Declaration* clash(const Context& c, const Declaration& d, const std::string& new_name,
                         const std::set<std::uint32_t>& files) {
  using K = Declaration::Kind;
  for (const auto& other : c.index->declarations()) {
    if (&other == &d || other.name != new_name) continue;
    if (d.kind == K::Entity) {
      if (other.kind == K::Entity && other.container == d.container) return &other;
      continue;
    }
    if (other.kind == K::Entity || other.kind == K::Field) continue;
    const bool types = (d.kind == K::Schema || d.kind == K::Kind) && (other.kind == K::Schema || other.kind == K::Kind);
    if (types || files.count(other.name_span.file.value)) return &other;
  }
  return nullptr;
}

}  // namespace

json prepare_rename(const Context& c) {
  std::string why;
  const Declaration* d = renamable(c, why);
  if (!d) throw RpcError(error::kRequestFailed, why);
  base::Span at = d->name_span;
  if (const auto* u = c.index->use_at(c.file, c.offset)) {
    auto part = name_part(c.snap->analysis, u->use, d->name);
    if (!part) throw RpcError(error::kRequestFailed, "this use of `" + d->name + "` cannot be renamed in place");
    at = *part;
  }
  auto range = c.view->range(at);
  if (!range) throw RpcError(error::kRequestFailed, "the document changed; try again");
  return {{"range", *range}, {"placeholder", d->name}};
}

json rename(const Context& c, const std::string& new_name) {
  std::string why;
  const Declaration* d = renamable(c, why);
  if (!d) throw RpcError(error::kRequestFailed, why);
  if (!valid_name(new_name, d->kind == Declaration::Kind::Entity))
    throw RpcError(error::kInvalidParams, "`" + new_name + "` is not a valid name");
  const auto& a = c.snap->analysis;
  std::map<std::string, json> edits;  // uri -> TextEdit[]
  auto add = [&](base::Span s) {
    auto loc = c.view->location(s);
    if (!loc) throw RpcError(error::kRequestFailed, "a file changed since the last analysis; try again");
    json& list = edits[(*loc)["uri"].get<std::string>()];
    for (const auto& e : list)
      if (e["range"] == (*loc)["range"]) return;
    list.push_back({{"range", (*loc)["range"]}, {"newText", new_name}});
  };
  auto declared = name_part(a, d->name_span, d->name);
  if (!declared) throw RpcError(error::kRequestFailed, "`" + d->name + "` has a computed name");
  add(*declared);
  for (const auto& use : c.index->uses_of(*d))
    if (auto part = name_part(a, use, d->name)) add(*part);
  std::set<std::uint32_t> files{d->name_span.file.value};
  for (const auto& use : c.index->uses_of(*d)) files.insert(use.file.value);
  if (const Declaration* other = clash(c, *d, new_name, files)) {
    std::string where;
    if (auto loc = c.view->location(other->name_span))
      where = fmt::format(" at {}:{}", (*loc)["uri"].get<std::string>(), (*loc)["range"]["start"]["line"].get<int>() + 1);
    throw RpcError(error::kRequestFailed, fmt::format("`{}` is already declared{}; renaming would declare it twice",
                                                      new_name, where));
  }
  json changes = json::object();
  for (auto& [uri, list] : edits) changes[uri] = std::move(list);
  return {{"changes", std::move(changes)}};
}

}  // namespace hlab::lsp
