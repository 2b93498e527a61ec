// Rename of lets, templates, schemas, kinds and entities declared in the project, across
// its files. Uses written in another form than the bare name (a quoted string keeps its
// quotes; a path like `general/x` is not a use of `x`) are edited inside that form.
#include <map>

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
  json changes = json::object();
  for (auto& [uri, list] : edits) changes[uri] = std::move(list);
  return {{"changes", std::move(changes)}};
}

}  // namespace hlab::lsp
