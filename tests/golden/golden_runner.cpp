// Runs every tests/cases/**/*.hlab case through sema in-process and compares codes and
// positions with the case's trailing `# expect:` lines. HLAB_UPDATE_GOLDEN=1 rewrites them.
#include <catch2/catch.hpp>

#include "golden/golden_support.hpp"

using namespace hlab::golden;

TEST_CASE("every golden case gives the diagnostics it expects", "[golden]") {
  const auto& results = all_case_results();
  REQUIRE_FALSE(results.empty());
  std::size_t passed = 0;
  for (const auto& r : results) {
    if (r.passed) {
      ++passed;
      continue;
    }
    std::string why;
    for (const auto& p : r.problems) why += p + "\n";
    FAIL_CHECK("case " << r.name << ":\n" << why);
  }
  CHECK(passed == results.size());
}

TEST_CASE("the case format splits files and reads expectations", "[golden][format]") {
  const std::string text =
      "# covers: E0201, E0203\n"
      "import std.net\n"
      "let x = y\n"
      "\n"
      "# expect: E0201 main.hlab:3:9\n"
      "# expect: W0201 main.hlab:3:5\n"
      "# --- lib/versions.hlab\n"
      "let cilium = 1.18.6\n"
      "# --- std/net.hlab\n"
      "kind cluster { vip: ip }\n"
      "# --- bytes legacy.hlab\n"
      "43 61 66 e9\n"
      "0a\n";
  Case c = parse_case("fail_x.hlab", "lang/fail_x", text);
  REQUIRE(c.format_errors.empty());
  CHECK(c.expects_failure());
  CHECK(c.covers == std::set<std::string>{"E0201", "E0203"});
  REQUIRE(c.files.size() == 4);
  CHECK(c.files[0].path == "main.hlab");
  CHECK(c.files[0].content == "# covers: E0201, E0203\nimport std.net\nlet x = y\n\n");
  CHECK(c.files[1].path == "lib/versions.hlab");
  CHECK(c.files[1].where == CaseFile::Where::Project);
  CHECK(c.files[1].content == "let cilium = 1.18.6\n");
  CHECK(c.files[2].where == CaseFile::Where::Stdlib);
  CHECK(c.files[2].content == "kind cluster { vip: ip }\n");
  CHECK(c.files[3].content == std::string("Caf\xe9\n"));
  REQUIRE(c.expected.size() == 2);
  CHECK(to_string(c.expected[0]) == "E0201 main.hlab:3:9");
  CHECK(c.expected[0].error);
  CHECK_FALSE(c.expected[1].error);
}

TEST_CASE("rewriting expectations is idempotent and keeps the other parts", "[golden][format]") {
  const std::string text = "let x = y\n# --- other.hlab\nlet z = 1\n";
  Case c = parse_case("fail_x.hlab", "fail_x", text);
  std::vector<Found> found = {{"E0201", "main.hlab", 1, 9, true}};
  std::string once = rewrite_expectations(c, found);
  CHECK(once == "let x = y\n\n# expect: E0201 main.hlab:1:9\n# --- other.hlab\nlet z = 1\n");
  Case again = parse_case("fail_x.hlab", "fail_x", once);
  CHECK(again.files[0].content == "let x = y\n\n");
  CHECK(again.expected == found);
  CHECK(rewrite_expectations(again, found) == once);
  CHECK(rewrite_expectations(again, {}) == "let x = y\n\n# --- other.hlab\nlet z = 1\n");
}

TEST_CASE("malformed case files are reported, not guessed at", "[golden][format]") {
  CHECK_FALSE(parse_case("a.hlab", "a", "# expect: E9999 main.hlab:1:1\n").format_errors.empty());
  CHECK_FALSE(parse_case("a.hlab", "a", "# expect: E0201 main.hlab:x:1\n").format_errors.empty());
  CHECK_FALSE(parse_case("a.hlab", "a", "# expect: E0201 main.hlab:1:1\nlet x = 1\n").format_errors.empty());
  CHECK_FALSE(parse_case("a.hlab", "a", "# --- ../escape.hlab\n").format_errors.empty());
  CHECK_FALSE(parse_case("a.hlab", "a", "# --- x.hlab\n# --- x.hlab\n").format_errors.empty());
  CHECK_FALSE(parse_case("a.hlab", "a", "# --- bytes x.hlab\nzz\n").format_errors.empty());
  CHECK_FALSE(parse_case("a.hlab", "a", "# --- x.hlab\n# expect: E0201 x.hlab:1:1\n").format_errors.empty());
  CHECK_FALSE(parse_case("a.hlab", "a", "# covers: E02\n").format_errors.empty());
}
