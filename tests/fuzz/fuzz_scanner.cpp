// The item scanner on any UTF-8 text (parse() rejects other text before scanning): items
// and trivia come in order, inside the file, and items do not overlap.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "diag/diagnostic.hpp"
#include "fuzz_invariants.hpp"
#include "syntax/parse.hpp"

using namespace hlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (syntax::find_encoding_error(text) >= 0) return 0;
  base::SourceSet sources;
  base::FileId file = sources.add("main.hlab", std::string(text));
  diag::DiagSink sink;
  syntax::ScanResult r = syntax::scan_items(sources.get(file).text, file, sink, syntax::ParseLimits{}.max_depth);

  fuzz::require(r.body_begin <= size, "body_begin is past the end");
  std::uint32_t at = r.body_begin;
  for (const auto& item : r.items) {
    fuzz::require(item.begin >= at && item.begin <= item.end && item.end <= size,
                  "items out of order, overlapping or outside the file");
    at = item.end;
  }
  std::uint32_t trivia_at = 0;
  for (const auto& t : r.trivia) {
    fuzz::require_span(t.span, sources, "trivia outside the file");
    fuzz::require(t.span.begin >= trivia_at, "trivia out of order");
    trivia_at = t.span.begin;
  }
  fuzz::require_diagnostics(sink.diagnostics(), sources);
  return 0;
}
