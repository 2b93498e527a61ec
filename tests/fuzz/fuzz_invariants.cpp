#include "fuzz_invariants.hpp"

#include <cstdio>
#include <cstdlib>

#include "diag/render.hpp"

namespace hlab::fuzz {

void require(bool ok, std::string_view what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

void require_span(const base::Span& span, const base::SourceSet& sources, std::string_view what) {
  require(span.valid() && span.file.value < sources.size(), what);
  const auto size = sources.get(span.file).text.size();
  require(span.begin <= span.end && span.end <= size, what);
}

void require_diagnostics(const std::vector<diag::Diagnostic>& diags, const base::SourceSet& sources) {
  for (const auto& d : diags) {
    require(!d.message.empty(), "a diagnostic without a message");
    require(d.severity == diag::Severity::Note || !d.help.empty(), "a diagnostic without a help line");
    require_span(d.span, sources, "a diagnostic's span is outside its file");
    for (const auto& l : d.labels) require_span(l.span, sources, "a label's span is outside its file");
    for (const auto& f : d.fixes) require_span(f.span, sources, "a fix's span is outside its file");
  }
}

void render_diagnostics(const std::vector<diag::Diagnostic>& diags, const base::SourceSet& sources) {
  diag::TerminalOptions options;
  options.max_errors = 1000;
  (void)diag::render_terminal(diags, sources, options);
  (void)diag::render_json(diags, sources);
}

}  // namespace hlab::fuzz
