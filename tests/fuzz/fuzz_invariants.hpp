// Checks shared by the fuzz targets: what every phase promises about the diagnostics it
// reports, whatever the input. A broken promise aborts, so libFuzzer keeps the input.
#pragma once

#include <string_view>
#include <vector>

#include "base/source.hpp"
#include "diag/diagnostic.hpp"

namespace hlab::fuzz {

// Aborts with `what` on stderr when `ok` is false.
void require(bool ok, std::string_view what);

// Every span lies inside its file (begin <= end <= size) and names a file of `sources`.
void require_span(const base::Span& span, const base::SourceSet& sources, std::string_view what);

// Every diagnostic has a message, a help line and valid spans (primary, labels, fixes).
void require_diagnostics(const std::vector<diag::Diagnostic>& diags, const base::SourceSet& sources);

// Renders the diagnostics as the terminal and JSON renderers do (their output is dropped).
void render_diagnostics(const std::vector<diag::Diagnostic>& diags, const base::SourceSet& sources);

}  // namespace hlab::fuzz
