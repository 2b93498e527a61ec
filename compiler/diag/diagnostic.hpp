// Diagnostics as data: the code registry, the Diagnostic record and the sink phases emit into.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/source.hpp"

namespace hlab::diag {

enum class Severity : std::uint8_t { Error, Warning, Note };

// One enumerator per line of codes.def.
enum class Code : std::uint16_t {
#define HLAB_CODE(name, id, sev, slug, title) name,
#include "diag/codes.def"
#undef HLAB_CODE
};

// Static facts about a code, from codes.def.
struct CodeInfo {
  Code code;
  std::string_view id;     // "E0201"
  Severity severity;
  std::string_view slug;   // "unknown-name"
  std::string_view title;  // one line
};

// Every registered code, in registry order.
const std::vector<CodeInfo>& all_codes();
// Facts about one code.
const CodeInfo& info(Code c);
// Finds a code by its id ("E0201") or slug; nullptr when unknown.
const CodeInfo* find_code(std::string_view id_or_slug);

// A secondary location with a short label ("produced here").
struct Label {
  base::Span span;
  std::string message;
};

// A suggested edit: replace `span` with `replacement`.
struct FixEdit {
  base::Span span;
  std::string replacement;
};

// One finding about the user's sources.
struct Diagnostic {
  Code code{};
  Severity severity = Severity::Error;
  base::Span span;                // primary location
  std::string message;            // one line, names the things involved
  std::string primary_label;      // short text under the primary carets (may be empty)
  std::vector<Label> labels;      // secondary locations
  std::vector<std::string> notes; // "note: ..." lines
  std::string help;               // "help: ..." line, how to fix it
  std::vector<FixEdit> fixes;     // machine-applicable suggestions
};

// Collects diagnostics; phases emit here and never throw for a user's mistake.
class DiagSink {
 public:
  // Starts a diagnostic with the code's default severity; returns it for filling in.
  Diagnostic& report(Code code, base::Span span, std::string message);
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }
  std::vector<Diagnostic>& diagnostics() { return diags_; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  // Sorts by file path, then offset, then code, and drops exact duplicates.
  void sort(const base::SourceSet& sources);

 private:
  std::vector<Diagnostic> diags_;
};

// Computes "did you mean" candidates: the closest of `candidates` to `name` by edit
// distance, if close enough to be a plausible typo; empty otherwise.
std::string closest_match(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace hlab::diag
