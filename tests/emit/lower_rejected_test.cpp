// `hlabc build` lowers the model while the cross-reference checks run, so the lowering also
// sees models the checks reject: every failing check case (tests/cases/checks/fail_*.hlab)
// whose sema is clean must lower without an exception (and without a crash), and `hlabc
// build` must report its errors and write nothing.
#include <algorithm>
#include <catch2/catch.hpp>

#include "check/check.hpp"
#include "emit/emit.hpp"
#include "sema/analyze.hpp"
#include "support.hpp"

using namespace hlab;
using namespace hlab::emit_test;

namespace {

std::vector<fs::path> failing_check_cases() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(fs::path(HLAB_SOURCE_DIR) / "tests" / "cases" / "checks"))
    if (entry.path().filename().string().starts_with("fail_") && entry.path().extension() == ".hlab")
      out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("models the checks reject lower without failing", "[emit][build]") {
  std::size_t lowered = 0;
  for (const auto& file : failing_check_cases()) {
    INFO(file.filename().string());
    sema::AnalysisOptions options;
    options.inputs = {file.string()};
    options.stdlib_path = {HLAB_STDLIB_DIR};
    sema::Analysis a = sema::analyze(options);
    if (a.diags.has_errors()) continue;  // a sema mistake: `hlabc build` never lowers it
    diag::DiagSink findings;
    check::run_checks(a, findings);
    REQUIRE(findings.has_errors());
    emit::Tree tree;
    REQUIRE_NOTHROW(tree = emit::build_tree(a));
    ++lowered;
  }
  // Most failing cases are check findings on a well-typed model (27 when this was written).
  CHECK(lowered >= 25);
}

TEST_CASE("build reports check errors and writes nothing", "[emit][build]") {
  TempDir tmp;
  fs::path src = tmp.path() / "src";
  fs::create_directories(src);
  fs::copy_file(fs::path(HLAB_SOURCE_DIR) / "tests" / "cases" / "checks" / "fail_cidr_overlap.hlab",
                src / "main.hlab");
  fs::path out = tmp.path() / "out";
  auto r = run_hlabc({"build", src.string(), "-o", out.string(), "--stdlib", HLAB_STDLIB_DIR}, tmp.path());
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("E1402") != std::string::npos);
  CHECK(r.err.find("not writing") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  std::size_t entries = 0;
  for (const auto& entry : fs::directory_iterator(tmp.path())) entries += entry.path().filename() != "src";
  CHECK(entries == 0);  // no staging folder left beside it either
}
