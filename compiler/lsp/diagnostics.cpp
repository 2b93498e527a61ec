// Diagnostics of one file as LSP Diagnostic objects: code, link to the code's docs,
// secondary spans as relatedInformation, and the machine-applicable fixes in `data`
// (read back by code actions).
#include <cctype>

#include "lsp/handlers.hpp"

namespace hlab::lsp {
namespace {

int severity_of(diag::Severity s) {
  switch (s) {
    case diag::Severity::Error: return 1;
    case diag::Severity::Warning: return 2;
    case diag::Severity::Note: return 3;
  }
  return 1;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

json diagnostics_of(const View& view, base::FileId file, const DiagnosticsOptions& options) {
  json out = json::array();
  for (const diag::Diagnostic& d : view.analysis().diags.diagnostics()) {
    if (d.span.file != file) continue;
    auto range = view.range(d.span);
    if (!range) continue;
    const diag::CodeInfo& info = diag::info(d.code);
    std::string message = d.message;
    for (const auto& note : d.notes) message += "\nnote: " + note;
    if (!d.help.empty()) message += "\nhelp: " + d.help;
    json j = {{"range", *range}, {"severity", severity_of(d.severity)}, {"code", std::string(info.id)},
              {"source", "hlabc"}, {"message", message}};
    if (!options.docs_base.empty()) j["codeDescription"] = {{"href", options.docs_base + "#" + lower(info.id)}};
    json related = json::array();
    for (const auto& label : d.labels)
      if (auto loc = view.location(label.span)) related.push_back({{"location", *loc}, {"message", label.message}});
    if (!related.empty()) j["relatedInformation"] = std::move(related);
    json fixes = json::array();
    for (const auto& fix : d.fixes)
      if (auto loc = view.location(fix.span)) fixes.push_back({{"location", *loc}, {"newText", fix.replacement}});
    if (!fixes.empty()) j["data"] = {{"fixes", std::move(fixes)}};
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace hlab::lsp
