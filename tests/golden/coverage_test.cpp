// Walks codes.def: every code needs an input that emits it and a passing twin that shows
// the valid form. Inputs come from the golden cases and from the generated cases that
// C++ tests register (inputs too large or too odd to commit).
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <algorithm>

#include "diag/diagnostic.hpp"
#include "golden/golden_support.hpp"

using namespace hlab;
using namespace hlab::golden;

namespace {

std::string file_slug(std::string_view slug) {
  std::string s(slug);
  std::replace(s.begin(), s.end(), '-', '_');
  return s;
}

// The code whose slug a case name starts with after `prefix` (the longest such slug).
const diag::CodeInfo* code_named_by(std::string_view stem, std::string_view prefix) {
  if (!stem.starts_with(prefix)) return nullptr;
  stem.remove_prefix(prefix.size());
  const diag::CodeInfo* best = nullptr;
  for (const auto& c : diag::all_codes()) {
    std::string s = file_slug(c.slug);
    if (stem.starts_with(s) && (!best || s.size() > best->slug.size())) best = &c;
  }
  return best;
}

struct Coverage {
  std::vector<std::string> failing;  // what emits the code
  std::vector<std::string> passing;  // what shows the valid form
};

}  // namespace

TEST_CASE("every diagnostic code has a case that emits it and a passing twin", "[golden][coverage]") {
  std::map<std::string, Coverage> cov;
  for (const auto& c : diag::all_codes()) cov[std::string(c.id)];

  for (const auto& r : all_case_results()) {
    if (!r.passed) continue;  // reported by the golden runner
    for (const auto& code : r.emitted) {
      const diag::CodeInfo* info = diag::find_code(code);
      // An error counts from a `fail_` case; a warning from any case, as a case that
      // expects only warnings is not a `fail_` case.
      if (info && (r.expects_failure || info->severity != diag::Severity::Error)) cov[code].failing.push_back(r.name);
    }
    if (r.expects_failure) continue;
    for (const auto& c : diag::all_codes()) {
      std::string id(c.id);
      bool named = r.stem.starts_with(file_slug(c.slug) + "_ok");
      if ((named || r.covers.count(id)) && !r.emitted.count(id)) cov[id].passing.push_back(r.name);
    }
  }

  for (const auto& g : generated_cases()) {
    INFO("generated case for " << g.code << ": " << g.description);
    std::vector<Found> bad = g.failing();
    std::vector<Found> good = g.passing();
    CHECK(has_code(bad, g.code));
    CHECK(error_count(good) == 0);
    CHECK_FALSE(has_code(good, g.code));
    if (has_code(bad, g.code)) cov[g.code].failing.push_back("generated: " + g.description);
    if (error_count(good) == 0 && !has_code(good, g.code)) cov[g.code].passing.push_back("generated: " + g.description);
  }

  std::string missing;
  for (const auto& c : diag::all_codes()) {
    const Coverage& k = cov[std::string(c.id)];
    if (k.failing.empty())
      missing += fmt::format("  {} ({}): no passing `fail_{}*` case or generated case emits it\n", c.id, c.slug,
                             file_slug(c.slug));
    if (k.passing.empty())
      missing += fmt::format("  {} ({}): no passing twin `{}_ok*.hlab` (or `# covers: {}`) shows the valid form\n",
                             c.id, c.slug, file_slug(c.slug), c.id);
  }
  if (!missing.empty()) FAIL("codes without coverage:\n" << missing);
  SUCCEED("all " << diag::all_codes().size() << " codes are covered");
}

TEST_CASE("a case named after a code emits it, and its twin does not", "[golden][coverage]") {
  for (const auto& r : all_case_results()) {
    if (!r.passed) continue;
    INFO("case " << r.name);
    if (const auto* c = code_named_by(r.stem, "fail_")) CHECK(r.emitted.count(std::string(c->id)) == 1);
    if (const auto* c = code_named_by(r.stem, "warn_")) CHECK(r.emitted.count(std::string(c->id)) == 1);
    if (const auto* c = code_named_by(r.stem, "")) {
      if (r.stem.starts_with(file_slug(c->slug) + "_ok")) CHECK(r.emitted.count(std::string(c->id)) == 0);
    }
  }
}
