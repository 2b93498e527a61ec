// The whole syntax phase on any bytes: encoding check, item scanner, X3 grammar and
// lowering. Items keep spans inside the file, in order; diagnostics are well formed.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "diag/diagnostic.hpp"
#include "fuzz_invariants.hpp"
#include "syntax/parse.hpp"

using namespace hlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  base::SourceSet sources;
  base::FileId file = sources.add("main.hlab", std::string(reinterpret_cast<const char*>(data), size));
  diag::DiagSink sink;
  syntax::ParsedFile parsed = syntax::parse(sources.get(file), file, sink);

  fuzz::require(parsed.file == file, "the parsed file names another file");
  std::uint32_t at = 0;
  for (const auto& item : parsed.items) {
    fuzz::require_span(item.span, sources, "an item's span is outside the file");
    fuzz::require(item.span.begin >= at, "items out of order");
    at = item.span.begin;
  }
  for (const auto& t : parsed.trivia) fuzz::require_span(t.span, sources, "trivia outside the file");
  sink.sort(sources);
  fuzz::require_diagnostics(sink.diagnostics(), sources);
  fuzz::render_diagnostics(sink.diagnostics(), sources);
  return 0;
}
