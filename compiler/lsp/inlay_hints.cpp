// Inlay hints: after a use of a `let` whose value is a short scalar (a version, an IP, a
// quantity), the value it resolved to, so that `version = cilium_version` reads `= 1.18.6`.
#include <set>

#include "lsp/handlers.hpp"

namespace hlab::lsp {

json inlay_hints(const Context& c, const json& range) {
  json out = json::array();
  if (!c.file.valid()) return out;
  const Document& doc = *c.doc;
  std::uint32_t b = to_offset(doc.text, doc.lines, require(range, "start"), c.view->encoding());
  std::uint32_t e = to_offset(doc.text, doc.lines, require(range, "end"), c.view->encoding());
  const auto& a = c.snap->analysis;
  std::set<std::uint32_t> done;
  for (const auto& u : a.uses) {
    if (u.kind != sema::NameUse::Kind::Let || u.use.file != c.file) continue;
    auto at = c.view->doc_offset(doc, u.use.end);
    if (!at || *at < b || *at > e || !done.insert(*at).second) continue;
    const Declaration* d = c.index->declaration_named(u.decl);
    if (!d || !d->value) continue;
    using K = sema::ValueKind;
    if (d->value->kind == K::List || d->value->kind == K::Record || d->value->kind == K::EntityRef) continue;
    std::string shown = render_value(*d->value, 40);
    if (shown.empty() || shown == span_text(a, u.use)) continue;
    out.push_back({{"position", to_position(doc.text, doc.lines, *at, c.view->encoding())},
                   {"label", "= " + shown},
                   {"kind", 2},
                   {"paddingLeft", true}});
  }
  return out;
}

}  // namespace hlab::lsp
