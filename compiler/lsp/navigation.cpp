// Go to definition and find references, across the project's files and into the stdlib.
#include "lsp/handlers.hpp"

namespace hlab::lsp {

json definition(const Context& c) {
  if (!c.file.valid()) return nullptr;
  const Declaration* d = c.index->target_at(c.file, c.offset);
  if (!d) return nullptr;
  auto loc = c.view->location(d->name_span);
  return loc ? *loc : json(nullptr);
}

json references(const Context& c, bool include_declaration) {
  json out = json::array();
  if (!c.file.valid()) return out;
  const Declaration* d = c.index->target_at(c.file, c.offset);
  if (!d) return out;
  if (include_declaration)
    if (auto loc = c.view->location(d->name_span)) out.push_back(*loc);
  for (const auto& span : c.index->uses_of(*d))
    if (auto loc = c.view->location(span)) out.push_back(*loc);
  return out;
}

}  // namespace hlab::lsp
