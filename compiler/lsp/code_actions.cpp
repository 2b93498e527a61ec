// Quick fixes: each machine-applicable suggestion of a diagnostic in the requested range
// (did-you-mean replacements, missing declarations) becomes a code action with its edit.
#include <fmt/core.h>

#include "lsp/handlers.hpp"

namespace hlab::lsp {
namespace {

bool overlaps(const json& a, const json& b) {
  auto before = [](const json& p, const json& q) {
    return p["line"].get<std::int64_t>() < q["line"].get<std::int64_t>() ||
           (p["line"] == q["line"] && p["character"].get<std::int64_t>() <= q["character"].get<std::int64_t>());
  };
  return before(a["start"], b["end"]) && before(b["start"], a["end"]);
}

std::string title_of(const diag::FixEdit& fix) {
  if (fix.span.begin == fix.span.end) {
    std::string first = fix.replacement.substr(fix.replacement.find_first_not_of('\n') == std::string::npos ? 0 : fix.replacement.find_first_not_of('\n'));
    first = first.substr(0, first.find('\n'));
    return fmt::format("Add `{}`", first.size() > 60 ? first.substr(0, 60) + "…" : first);
  }
  return fmt::format("Replace with `{}`", fix.replacement);
}

}  // namespace

json code_actions(const Context& c, const json& params) {
  json out = json::array();
  const json& range = require(params, "range");
  if (!range.is_object() || !range.contains("start") || !range.contains("end"))
    throw RpcError(error::kInvalidParams, "`range` needs `start` and `end`");
  if (!c.file.valid()) return out;
  // The range in the snapshot's coordinates, as the client's text is now.
  json requested = to_range(c.doc->text, c.doc->lines, to_offset(c.doc->text, c.doc->lines, range["start"], c.view->encoding()),
                            to_offset(c.doc->text, c.doc->lines, range["end"], c.view->encoding()), c.view->encoding());
  DiagnosticsOptions none;
  json lsp_diags = diagnostics_of(*c.view, c.file, none);
  std::size_t k = 0;
  for (const diag::Diagnostic& d : c.snap->analysis.diags.diagnostics()) {
    if (d.span.file != c.file) continue;
    auto where = c.view->range(d.span);
    if (!where) continue;
    json lsp_diag = k < lsp_diags.size() ? lsp_diags[k] : json();
    ++k;
    if (d.fixes.empty() || !overlaps(*where, requested)) continue;
    for (const auto& fix : d.fixes) {
      auto loc = c.view->location(fix.span);
      if (!loc) continue;
      json edit = {{"changes", {{(*loc)["uri"].get<std::string>(), json::array({{{"range", (*loc)["range"]}, {"newText", fix.replacement}}})}}}};
      json action = {{"title", title_of(fix)}, {"kind", "quickfix"}, {"edit", std::move(edit)}, {"isPreferred", d.fixes.size() == 1}};
      if (!lsp_diag.is_null()) action["diagnostics"] = json::array({lsp_diag});
      out.push_back(std::move(action));
    }
  }
  return out;
}

}  // namespace hlab::lsp
