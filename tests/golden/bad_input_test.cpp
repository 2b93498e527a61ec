// Hostile and broken inputs, generated in temp folders: each must give the right code, never
// crash and finish quickly. Every input runs in a child process (run_isolated) so that a
// crash fails its own test. Inputs that cannot be committed as case files register
// themselves here for the coverage test.
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <random>

#include "golden/golden_support.hpp"

using namespace hlab;
using namespace hlab::golden;

namespace {

// Generous enough for the sanitizer build on a busy 2-core machine; a hang or a
// quadratic blow-up on these inputs takes far longer.
constexpr double kQuick = 20.0;

const std::string kClean =
    "import std.net\n"
    "\n"
    "cluster main {\n"
    "  role = management\n"
    "  vip = 192.168.1.75\n"
    "  pod_cidr = 10.244.0.0/16\n"
    "  mesh_id = 1\n"
    "}\n";

// A project with the net schema in its stdlib and `main` as main.hlab.
std::vector<Found> analyze_main(const std::string& main, const std::function<void(sema::AnalysisOptions&)>& tweak = {}) {
  TempProject p;
  p.write_std("std/net.hlab", net_schema());
  p.write("main.hlab", main);
  sema::AnalysisOptions o = p.options();
  if (tweak) tweak(o);
  return p.analyze(o);
}

Isolated isolated_main(const std::string& main) {
  return run_isolated([main] { return analyze_main(main); });
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// `bytes` of comment lines, then nothing: valid text of an exact size.
std::string padding(std::size_t bytes) {
  std::string line = "# padding to reach the size of a very large generated file\n";
  std::string out = repeat(line, bytes / line.size());
  out += std::string(bytes - out.size(), ' ');
  return out;
}

std::vector<Found> diags(std::initializer_list<Found> l) { return std::vector<Found>(l); }

// An expected diagnostic; codes starting with E are errors.
Found E(const std::string& code, const std::string& file, std::uint32_t line, std::uint32_t col) {
  return Found{code, file, line, col, code.starts_with("E")};
}

void require_finished(const Isolated& r) {
  INFO("the analysis ended with: " << r.how);
  REQUIRE(r.finished);
  CHECK(r.seconds < kQuick);
}

// --- inputs registered for the coverage test ---

const GeneratedCase& kTooLarge = register_generated({
    "E0007", "a source file of 16 MiB + 1 byte",
    [] {
      TempProject p;
      p.write_std("std/net.hlab", net_schema());
      p.write("main.hlab", kClean);
      p.write("generated.hlab", padding((16u << 20) + 1));
      return p.analyze();
    },
    [] {
      TempProject p;
      p.write_std("std/net.hlab", net_schema());
      p.write("main.hlab", kClean);
      p.write("generated.hlab", padding(16u << 20));
      return p.analyze();
    }});

const GeneratedCase& kNoSources = register_generated({
    "E0103", "an empty project folder",
    [] {
      TempProject p;
      return p.analyze();
    },
    [] {
      TempProject p;
      p.write_std("std/net.hlab", net_schema());
      p.write("main.hlab", kClean);
      return p.analyze();
    }});

const GeneratedCase& kReadError = register_generated({
    "E0104", "a folder named like a source file (clusters.hlab/)",
    [] {
      TempProject p;
      p.write_std("std/net.hlab", net_schema());
      p.write("main.hlab", kClean);
      fs::create_directories(p.project() / "clusters.hlab");
      return p.analyze();
    },
    [] {
      TempProject p;
      p.write_std("std/net.hlab", net_schema());
      p.write("main.hlab", kClean);
      p.write("clusters.hlab", "");
      return p.analyze();
    }});

std::vector<Found> five_files(std::size_t max_files) {
  TempProject p;
  p.write_std("std/net.hlab", net_schema());
  p.write("main.hlab", kClean);
  for (int i = 1; i <= 4; ++i) p.write(fmt::format("lib/part{}.hlab", i), "# nothing here yet\n");
  sema::AnalysisOptions o = p.options();
  o.max_files = max_files;
  return p.analyze(o);
}

const GeneratedCase& kTooManyFiles = register_generated({
    "E0105", "five files with max_files = 4", [] { return five_files(4); }, [] { return five_files(5); }});

// 300 buckets, each expanded into a record of a few values: about 2,000 values.
const std::string kBuckets =
    "let buckets = [for i in [" + [] {
      std::string s;
      for (int i = 0; i < 300; ++i) s += (i ? ", " : "") + std::to_string(i);
      return s;
    }() + "]: { name = \"bucket-\\(i)\", class = \"seaweedfs\" }]\n"
          "let _count = [for b in buckets: b.name]\n";

const GeneratedCase& kExpansion = register_generated({
    "E0211", "a comprehension of 300 records with max_values = 500",
    [] { return analyze_main(kBuckets, [](sema::AnalysisOptions& o) { o.max_values = 500; }); },
    [] { return analyze_main(kBuckets); }});

}  // namespace

TEST_CASE("an empty file is an empty module", "[bad-input]") {
  auto r = isolated_main("");
  require_finished(r);
  CHECK(r.found.empty());
}

TEST_CASE("a file of only a byte-order mark or only blank lines is an empty module", "[bad-input]") {
  for (const std::string text : {"\xEF\xBB\xBF", "\n\n\n", "\r\n\r\n", "   \t  "}) {
    auto r = isolated_main(text);
    require_finished(r);
    CHECK(r.found.empty());
  }
}

TEST_CASE("a 20 MB file is refused with one E0007 and the other files are still checked", "[bad-input]") {
  auto r = run_isolated([] {
    TempProject p;
    p.write_std("std/net.hlab", net_schema());
    p.write("main.hlab", kClean + "let _x = unknown-thing\n");
    p.write("huge.hlab", padding(20'000'000));
    return p.analyze();
  });
  require_finished(r);
  CHECK(r.found == diags({E("E0007", "huge.hlab", 1, 1), E("E0201", "main.hlab", 9, 10)}));
}

TEST_CASE("the size limit is exact: 16 MiB is read, one byte more is refused", "[bad-input]") {
  auto over = run_isolated(kTooLarge.failing);
  require_finished(over);
  CHECK(over.found == diags({E("E0007", "generated.hlab", 1, 1)}));
  auto at = run_isolated(kTooLarge.passing);
  require_finished(at);
  CHECK(at.found.empty());
}

TEST_CASE("brackets nested 100,000 deep stop at the depth limit", "[bad-input]") {
  SECTION("never closed") {
    auto r = isolated_main("let x = " + std::string(100'000, '['));
    require_finished(r);
    CHECK(r.found == diags({E("E0004", "main.hlab", 1, 9), E("E0005", "main.hlab", 1, 137)}));
  }
  SECTION("balanced") {
    auto r = isolated_main("let x = " + std::string(100'000, '[') + std::string(100'000, ']') + "\n");
    require_finished(r);
    CHECK(r.found == diags({E("E0005", "main.hlab", 1, 137)}));
  }
  SECTION("records") {
    auto r = isolated_main("let x = " + repeat("{a = ", 100'000) + "1" + std::string(100'000, '}') + "\n");
    require_finished(r);
    CHECK(r.found == diags({E("E0005", "main.hlab", 1, 649)}));
  }
  SECTION("interpolations") {
    auto r = isolated_main("let x = " + repeat("\"\\(", 100'000) + "\n");
    require_finished(r);
    CHECK(r.found == diags({E("E0005", "main.hlab", 1, 9)}));
  }
  SECTION("just inside the limit is fine") {
    auto r = isolated_main("let _x = " + std::string(127, '[') + std::string(127, ']') + "\n");
    require_finished(r);
    CHECK(r.found.empty());
  }
}

// Nesting without brackets: the scanner's depth limit counts brackets only, so these reach
// the recursive grammar, evaluator and AST destructor at full depth. Each must either be
// accepted or refused with E0005 - never crash.
TEST_CASE("a chain of 100,000 `!` does not crash", "[bad-input]") {
  auto r = isolated_main("let _x = " + repeat("!", 100'000) + "true\n");
  require_finished(r);
  CHECK((r.found.empty() || has_code(r.found, "E0005")));
}

TEST_CASE("`if` nested 100,000 deep does not crash", "[bad-input]") {
  auto r = isolated_main("let _x = " + repeat("if true then ", 100'000) + "1" + repeat(" else 2", 100'000) + "\n");
  require_finished(r);
  CHECK((r.found.empty() || has_code(r.found, "E0005")));
}

TEST_CASE("a field access chain of 100,000 does not crash", "[bad-input]") {
  auto r = isolated_main("let _x = main" + repeat(".vip", 100'000) + "\n" + kClean);
  require_finished(r);
  CHECK(error_count(r.found) >= 1);
}

TEST_CASE("a sum of 100,000 terms does not crash", "[bad-input]") {
  auto r = isolated_main("let _x = 1" + repeat(" + 1", 100'000) + "\n");
  require_finished(r);
  CHECK((r.found.empty() || has_code(r.found, "E0005")));
}

TEST_CASE("100,000 chained calls do not crash", "[bad-input]") {
  auto r = isolated_main("template f(x: int) = x\nlet _x = f" + repeat("(1)", 100'000) + "\n");
  require_finished(r);
  CHECK(error_count(r.found) >= 1);
}

TEST_CASE("binary junk is refused as not UTF-8", "[bad-input]") {
  std::mt19937 rng(20251130);  // mt19937 is fully specified: the same bytes everywhere
  std::string junk(64 * 1024, '\0');
  for (auto& c : junk) c = static_cast<char>(rng() & 0xFF);
  auto r = isolated_main(junk);
  require_finished(r);
  REQUIRE(r.found.size() == 1);
  CHECK(r.found[0].code == "E0006");
  CHECK(r.found[0].file == "main.hlab");
}

TEST_CASE("invalid UTF-8 is refused at the first bad byte", "[bad-input]") {
  struct Input {
    const char* what;
    std::string text;
    std::uint32_t line, column;
  };
  const Input inputs[] = {
      {"a Latin-1 byte", "let x = \"caf\xE9\"\n", 1, 13},
      {"a bad continuation byte", "# ok\nlet x = \"\xC3\x28\"\n", 2, 10},
      {"an overlong encoding of '/'", "let x = \"\xC0\xAF\"\n", 1, 10},
      {"a UTF-16 surrogate", "let x = \"\xED\xA0\x80\"\n", 1, 10},
      {"a code point above U+10FFFF", "let x = \"\xF4\x90\x80\x80\"\n", 1, 10},
      {"a sequence cut by the end of the file", "let x = 1\n# caf\xE2\x82", 2, 6},
      {"a lone continuation byte after valid text", "# \xE2\x82\xAC 5\n\x80", 2, 1},
  };
  for (const auto& in : inputs) {
    INFO(in.what);
    auto r = isolated_main(in.text);
    require_finished(r);
    CHECK(r.found == diags({E("E0006", "main.hlab", in.line, in.column)}));
  }
}

TEST_CASE("valid UTF-8 outside ASCII is accepted", "[bad-input]") {
  auto r = isolated_main("# café, Straße, 家, 🚀\nlet _greeting = \"grüße 👋 \\u{1F600}\"\n");
  require_finished(r);
  CHECK(r.found.empty());
}

TEST_CASE("a NUL byte is refused", "[bad-input]") {
  auto r = isolated_main(std::string("let x = 1\nlet y = \"a\0b\"\n", 24));
  require_finished(r);
  CHECK(r.found == diags({E("E0006", "main.hlab", 2, 11)}));
}

namespace {

const std::string kMistakes =
    "import std.net\n"
    "\n"
    "/* the management cluster */\n"
    "cluster main {\n"
    "  role = managment\n"
    "  vip = 192.168.1.275\n"
    "  pod_cidr = 10.244.0.0/16\n"
    "  mesh_id = 1\n"
    "}\n"
    "\n"
    "let banner = \"\"\"\n"
    "  Welcome to the homelab\n"
    "  \"\"\"\n"
    "let _motd = banner + zz\n"
    "\n"
    "vault_secret general/gitlab {\n"
    "  keys = [root-password]\n"
    "}\n"
    "\n"
    "external_secret gitlab-root on [main, gitlab] in gitlab {\n"
    "  data = { password = general/gitlab.root-pasword }\n"
    "}\n"
    "let s = \"never closed\n";

std::string crlf(const std::string& lf) {
  std::string out;
  for (char c : lf) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

}  // namespace

TEST_CASE("CRLF line endings parse like LF, with the same positions", "[bad-input]") {
  auto lf = isolated_main(kMistakes);
  auto cr = isolated_main(crlf(kMistakes));
  require_finished(lf);
  require_finished(cr);
  CHECK(lf.found == diags({E("E0208", "main.hlab", 5, 10), E("E0206", "main.hlab", 6, 9), E("E0201", "main.hlab", 14, 22),
                          E("E0201", "main.hlab", 20, 39), E("E0209", "main.hlab", 21, 38),
                          E("E0002", "main.hlab", 23, 9)}));
  CHECK(cr.found == lf.found);

  auto clean = isolated_main(crlf(kClean + "let _banner = \"\"\"\n  hello\n  \"\"\"\n/* a\n   block */\n"));
  require_finished(clean);
  CHECK(clean.found.empty());
}

TEST_CASE("a byte-order mark is skipped", "[bad-input]") {
  auto plain = isolated_main(kMistakes);
  auto bom = isolated_main("\xEF\xBB\xBF" + kMistakes);
  require_finished(bom);
  CHECK(bom.found == plain.found);
  auto clean = isolated_main("\xEF\xBB\xBF" + kClean);
  require_finished(clean);
  CHECK(clean.found.empty());
}

TEST_CASE("a byte-order mark does not shift columns on the first line", "[bad-input]") {
  // Editors do not show the mark, so `zz` is in column 10 for the user either way.
  auto plain = isolated_main("let _x = zz\n");
  auto bom = isolated_main("\xEF\xBB\xBFlet _x = zz\n");
  require_finished(plain);
  require_finished(bom);
  CHECK(plain.found == diags({E("E0201", "main.hlab", 1, 10)}));
  CHECK(bom.found == plain.found);
}

TEST_CASE("an unterminated string at the end of the file", "[bad-input]") {
  SECTION("one line, no final line break") {
    auto r = isolated_main(kClean + "let s = \"abc");
    require_finished(r);
    CHECK(r.found == diags({E("E0002", "main.hlab", 9, 9)}));
  }
  SECTION("a lone quote") {
    auto r = isolated_main("\"");
    require_finished(r);
    CHECK(r.found == diags({E("E0002", "main.hlab", 1, 1)}));
  }
  SECTION("multi-line") {
    auto r = isolated_main(kClean + "let s = \"\"\"\n  text\n");
    require_finished(r);
    CHECK(r.found == diags({E("E0002", "main.hlab", 9, 9)}));
  }
  SECTION("inside an interpolation") {
    auto r = isolated_main(kClean + "let s = \"a \\(main.vip");
    require_finished(r);
    CHECK(r.found == diags({E("E0002", "main.hlab", 9, 9)}));
  }
  SECTION("ending in a backslash") {
    auto r = isolated_main(kClean + "let s = \"abc\\");
    require_finished(r);
    CHECK(r.found == diags({E("E0002", "main.hlab", 9, 9)}));
  }
}

TEST_CASE("an unterminated block comment at the end of the file", "[bad-input]") {
  SECTION("after the last declaration") {
    auto r = isolated_main(kClean + "/* TODO: the gitlab cluster");
    require_finished(r);
    CHECK(r.found == diags({E("E0003", "main.hlab", 9, 1)}));
  }
  SECTION("a lone opener") {
    auto r = isolated_main("/*");
    require_finished(r);
    CHECK(r.found == diags({E("E0003", "main.hlab", 1, 1)}));
  }
  SECTION("ending in a star") {
    auto r = isolated_main("/* note *");
    require_finished(r);
    CHECK(r.found == diags({E("E0003", "main.hlab", 1, 1)}));
  }
}

TEST_CASE("a file that imports itself", "[bad-input]") {
  auto r = run_isolated([] {
    TempProject p;
    p.write_std("std/net.hlab", net_schema());
    p.write("main.hlab", kClean);
    p.write("lib/versions.hlab", "import lib.versions\nlet cilium = 1.18.6\n");
    return p.analyze();
  });
  require_finished(r);
  CHECK(r.found == diags({E("E0102", "lib/versions.hlab", 1, 8)}));
}

TEST_CASE("an unreadable file", "[bad-input]") {
  // Tests may run as root, where mode 000 does not stop a read; a folder with a source
  // file's name and a dangling symlink fail for everyone.
  SECTION("a folder named like a source file") {
    auto r = run_isolated(kReadError.failing);
    require_finished(r);
    CHECK(r.found == diags({E("E0104", "clusters.hlab", 1, 1)}));
  }
  SECTION("a dangling symlink") {
    auto r = run_isolated([] {
      TempProject p;
      p.write_std("std/net.hlab", net_schema());
      p.write("main.hlab", kClean);
      fs::create_symlink(p.project() / "gone.hlab", p.project() / "secrets.hlab");
      return p.analyze();
    });
    require_finished(r);
    CHECK(r.found == diags({E("E0104", "secrets.hlab", 1, 1)}));
  }
  SECTION("symlink loops: files pointing at each other, folders pointing up") {
    auto r = run_isolated([] {
      TempProject p;
      p.write_std("std/net.hlab", net_schema());
      p.write("main.hlab", kClean);
      fs::create_symlink("loop2.hlab", p.project() / "loop1.hlab");
      fs::create_symlink("loop1.hlab", p.project() / "loop2.hlab");
      fs::create_directories(p.project() / "sub");
      fs::create_symlink("..", p.project() / "sub" / "up");
      fs::create_symlink(".", p.project() / "here");
      return p.analyze();
    });
    require_finished(r);
    REQUIRE(r.found.size() == 2);
    CHECK(r.found[0].code == "E0104");
    CHECK(r.found[0].file.ends_with("loop1.hlab"));
    CHECK(r.found[1].code == "E0104");
    CHECK(r.found[1].file.ends_with("loop2.hlab"));
  }
  SECTION("an input path that does not exist") {
    auto r = run_isolated([] {
      TempProject p;
      sema::AnalysisOptions o = p.options();
      o.inputs = {(p.project() / "no-such-folder").string()};
      return p.analyze(o);
    });
    require_finished(r);
    REQUIRE(r.found.size() == 1);
    CHECK(r.found[0].code == "E0104");
  }
}

TEST_CASE("a folder with no .hlab files", "[bad-input]") {
  SECTION("empty") {
    auto r = run_isolated(kNoSources.failing);
    require_finished(r);
    CHECK(r.found == diags({E("E0103", ".", 1, 1)}));
  }
  SECTION("other files only, and hidden sources") {
    auto r = run_isolated([] {
      TempProject p;
      p.write("README.md", "# my homelab\n");
      p.write("values.yaml", "replicas: 1\n");
      p.write(".draft.hlab", "cluster x {}\n");
      p.write(".git/config.hlab", "cluster y {}\n");
      return p.analyze();
    });
    require_finished(r);
    CHECK(r.found == diags({E("E0103", ".", 1, 1)}));
  }
}

TEST_CASE("more files than the limit are refused before any is parsed", "[bad-input]") {
  auto over = run_isolated(kTooManyFiles.failing);
  require_finished(over);
  REQUIRE(over.found.size() == 1);
  CHECK(over.found[0].code == "E0105");
  auto at = run_isolated(kTooManyFiles.passing);
  require_finished(at);
  CHECK(at.found.empty());
}

TEST_CASE("evaluation stops at the value budget", "[bad-input]") {
  auto over = run_isolated(kExpansion.failing);
  require_finished(over);
  REQUIRE(over.found.size() == 1);
  CHECK(over.found[0].code == "E0211");
  auto under = run_isolated(kExpansion.passing);
  require_finished(under);
  CHECK(under.found.empty());
}

// The hostile programs below run with a tenth of the default value budget, so that the
// sanitizer build on a busy machine stays quick; the limits work the same at any size.
Isolated isolated_small(const std::string& main) {
  return run_isolated([main] { return analyze_main(main, [](sema::AnalysisOptions& o) { o.max_values = 200'000; }); });
}

// Lines `let <name>1 = step(<name>0)` ... up to `<name><n>`: each line doubles the last.
std::string doubling(const std::string& first, const std::string& name, int n,
                     const std::function<std::string(const std::string&)>& step) {
  std::string out = fmt::format("let {}0 = {}\n", name, first);
  for (int k = 1; k <= n; ++k) out += fmt::format("let {}{} = {}\n", name, k, step(fmt::format("{}{}", name, k - 1)));
  return out;
}

void require_expansion_limit(const Isolated& r) {
  require_finished(r);
  REQUIRE(r.found.size() == 1);
  CHECK(r.found[0].code == "E0211");
}

TEST_CASE("a string that doubles 40 times stops at the string limit", "[bad-input]") {
  std::string src = doubling("\"0123456789abcdef\"", "s", 40, [](const std::string& p) { return p + " + " + p; });
  require_expansion_limit(isolated_small(kClean + src + "let _n = len(s40)\n"));
  // Interpolation and join double the same way.
  std::string interp = doubling("\"0123456789abcdef\"", "s", 40, [](const std::string& p) { return fmt::format("\"\\({0})\\({0})\"", p); });
  require_expansion_limit(isolated_small(kClean + interp + "let _n = len(s40)\n"));
  std::string joined = doubling("\"0123456789abcdef\"", "s", 40, [](const std::string& p) { return fmt::format("join([{0}, {0}], \"\")", p); });
  require_expansion_limit(isolated_small(kClean + joined + "let _n = len(s40)\n"));
  // Sixteen doublings (1 MiB) are fine.
  std::string fine = doubling("\"0123456789abcdef\"", "s", 16, [](const std::string& p) { return p + " + " + p; });
  auto ok = isolated_small(kClean + fine + "let _n = len(s16)\n");
  require_finished(ok);
  CHECK(ok.found.empty());
}

TEST_CASE("a list that doubles 40 times stops at the value budget", "[bad-input]") {
  std::string src = doubling("[1, 2, 3, 4]", "l", 40, [](const std::string& p) { return p + " + " + p; });
  require_expansion_limit(isolated_small(kClean + src + "let _n = len(l40)\n"));
}

TEST_CASE("a billion-element comprehension stops at the value budget", "[bad-input]") {
  std::string src = "let xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\nlet _big = ";
  for (char v = 'a'; v < 'j'; ++v) src += fmt::format("[for {} in xs: ", v);
  src += "a" + std::string(9, ']') + "\n";
  require_expansion_limit(isolated_small(kClean + src));
}

TEST_CASE("templates that call each other twice per level stop at the value budget", "[bad-input]") {
  std::string src = "template f0(x: int) = { a = x }\n";
  for (int k = 1; k <= 40; ++k) src += fmt::format("template f{}(x: int) = {{ l = f{}(x), r = f{}(x + 1) }}\n", k, k - 1, k - 1);
  require_expansion_limit(isolated_small(kClean + src + "let _big = f40(1)\n"));
}

TEST_CASE("a shared value that expands to 2^40 nodes is refused before anything walks it", "[bad-input]") {
  std::string dag = doubling("{ a = \"x\" }", "d", 40, [](const std::string& p) { return fmt::format("{{ l = {0}, r = {0} }}", p); });
  auto run = [](const std::string& main) {
    return run_isolated([main] {
      TempProject p;
      p.write_std("std/blob.hlab", "kind blob {\n  v: any\n}\n");
      p.write("main.hlab", "import std.blob\n" + main);
      sema::AnalysisOptions o = p.options();
      o.max_values = 200'000;
      return p.analyze(o);
    });
  };
  require_expansion_limit(run(dag + "blob b {\n  v = { big = d40 }\n}\n"));
  // Comparing two such values walks them too.
  require_expansion_limit(run(dag + "let _same = d40 == d40\n"));
  // Sixteen levels (131,071 nodes) are written out.
  auto ok = run(dag + "blob b {\n  v = { big = d16 }\n}\n");
  require_finished(ok);
  REQUIRE(ok.found.size() == 1);  // only the unused d40
  CHECK(ok.found[0].code == "W0201");
}

TEST_CASE("a chain of 5,000 modules importing each other loads", "[bad-input]") {
  auto r = run_isolated([] {
    TempProject p;
    p.write_std("std/net.hlab", net_schema());
    constexpr int n = 5000;
    for (int k = 0; k < n; ++k)
      p.write(fmt::format("m{}.hlab", k), (k + 1 < n ? fmt::format("import m{}\n", k + 1) : std::string()) +
                                             fmt::format("let _v{} = {}\n", k, k));
    return p.analyze();
  });
  require_finished(r);
  CHECK(r.found.empty());
}
