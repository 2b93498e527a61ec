// `hlabc build` through the binary, as a user and CI run it: sources with errors, an output
// inside the sources, --check, a lock held by another build, and a full disk (ulimit -f).
// Whatever goes wrong, the previous out/ must stay byte for byte.
#include <fcntl.h>
#include <fmt/core.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "emit/writer.hpp"
#include "support.hpp"

using namespace hlab;
using namespace hlab::emit_test;

namespace {

// A project with a clean build in root/out.
struct Built {
  TempDir tmp;
  Files tree;  // with the manifest
  Built() {
    write_medium_project(tmp.path(), 'a');
    Run r = run_hlabc({"build", "src", "--color", "never"}, tmp.path());
    INFO(r.describe());
    REQUIRE(r.exit_code == 0);
    tree = read_tree(tmp / "out", true);
    REQUIRE(tree.size() > 200);
  }
  const fs::path& root() const { return tmp.path(); }
};

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("hlabc build: sources with errors exit 1 and leave out/ untouched", "[emit][cli]") {
  Built b;
  SECTION("a type error (sema)") {
    write_file(b.root() / "src/broken.hlab",
               "import std.core\nnamespace oops { at = clusters/main/configs, labels = 42 }\n");
  }
  SECTION("a syntax error") {
    write_file(b.root() / "src/broken.hlab", "import std.core\nnamespace oops { at = \n");
  }
  SECTION("a cross-reference error (check): a namespace that exists nowhere") {
    write_file(b.root() / "src/broken.hlab",
               "import std.core\nimport std.flux\n"
               "config_map orphan in nowhere { at = clusters/main/configs, data = { a = \"b\" } }\n");
  }
  Snapshot before = snapshot(b.root());
  Run r = run_hlabc({"build", "src", "--color", "never"}, b.root());
  INFO(r.describe());
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "error["));
  CHECK(contains(r.err, "not writing `out`"));
  CHECK(describe_differences(before, snapshot(b.root())) == "");
  CHECK(read_tree(b.root() / "out", true) == b.tree);
}

TEST_CASE("hlabc build: an output folder inside the sources, or around them, exits 2", "[emit][cli]") {
  TempDir tmp;
  write_medium_project(tmp.path(), 'a');
  Snapshot before = snapshot(tmp.path());
  for (const char* out : {"src/out", "src", "src/generated/deeper", ".", ".."}) {
    INFO("-o " << out);
    Run r = run_hlabc({"build", "src", "-o", out}, tmp.path());
    INFO(r.describe());
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "overlap"));
  }
  // Also when the sources are given through another spelling of the same folder.
  Run r = run_hlabc({"build", "./src/", "-o", "src/../src/out"}, tmp.path());
  CHECK(r.exit_code == 2);
  CHECK(describe_differences(before, snapshot(tmp.path())) == "");
  CHECK(names_starting_with(tmp / "src", ".").size() == 0);
}

TEST_CASE("hlabc build: an output path that is a file exits 2 and keeps the file", "[emit][cli]") {
  TempDir tmp;
  write_medium_project(tmp.path(), 'a');
  write_file(tmp / "out", "not a folder\n");
  Run r = run_hlabc({"build", "src"}, tmp.path());
  INFO(r.describe());
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "not a folder"));
  CHECK(read_file(tmp / "out") == "not a folder\n");
}

TEST_CASE("hlabc build --check: 0 when up to date, 1 listing what drifted", "[emit][cli]") {
  Built b;
  Snapshot before = snapshot(b.root());
  Run ok = run_hlabc({"build", "src", "--check"}, b.root());
  INFO(ok.describe());
  CHECK(ok.exit_code == 0);
  CHECK(contains(ok.err, "up to date"));
  CHECK(describe_differences(before, snapshot(b.root())) == "");

  // A generated file edited by hand.
  const std::string edited = "clusters/main/apps-0/app-000.yaml";
  std::string text = read_file(b.root() / "out" / edited);
  write_file(b.root() / "out" / edited, text + "# a quick fix\n");
  before = snapshot(b.root());
  Run drift = run_hlabc({"build", "src", "--check"}, b.root());
  INFO(drift.describe());
  CHECK(drift.exit_code == 1);
  CHECK(contains(drift.err, "changed: out/" + edited));
  CHECK(contains(drift.err, "out/" + edited + " was edited by hand"));
  CHECK(contains(drift.err, "1 changed"));
  CHECK(describe_differences(before, snapshot(b.root())) == "");  // --check wrote nothing

  // Sources that moved on: added and removed files are listed as well.
  write_medium_project(b.root(), 'b');
  Run moved = run_hlabc({"build", "src", "--check"}, b.root());
  INFO(moved.describe());
  CHECK(moved.exit_code == 1);
  CHECK(contains(moved.err, "added:   out/clusters/main/apps-0/app-200.yaml"));
  CHECK(contains(moved.err, "removed: out/clusters/main/apps-0/app-000.yaml"));

  // A build puts it right; --check agrees afterwards.
  Run build = run_hlabc({"build", "src"}, b.root());
  CHECK(build.exit_code == 0);
  CHECK(contains(build.err, "was edited by hand"));
  CHECK(run_hlabc({"build", "src", "--check"}, b.root()).exit_code == 0);
}

TEST_CASE("hlabc build: a lock held by another build exits 2 and leaves out/ as it was", "[emit][cli]") {
  Built b;
  write_medium_project(b.root(), 'b');
  // hlabc locks the folder that holds the output.
  int fd = ::open(b.root().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  Run r = run_hlabc({"build", "src"}, b.root());
  ::close(fd);
  INFO(r.describe());
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "another hlabc build"));
  CHECK(contains(r.err, "was left as it was"));
  CHECK(read_tree(b.root() / "out", true) == b.tree);
  // Released: the build goes through.
  CHECK(run_hlabc({"build", "src"}, b.root()).exit_code == 0);
}

TEST_CASE("hlabc build on a full disk (ulimit -f): no partial tree", "[emit][cli][disk-full]") {
  Built b;
  write_medium_project(b.root(), 'b');
  // 8 blocks of 512 bytes (dash) or 1 KiB (bash): the manifest and bulk.yaml are larger.
  const std::string cmd = "ulimit -f 8; exec " + shell_quote(HLABC_BINARY) + " build src --color never";
  Run r = run_shell(cmd, b.root());
  // Either a clean error (exit 2) or death by SIGXFSZ, and nothing else.
  if (r.signal)
    WARN("hlabc under ulimit -f 8: killed by signal " << r.signal << " (" << ::strsignal(r.signal)
                                                      << "); stderr: [" << r.err << "]");
  else
    WARN("hlabc under ulimit -f 8: exit " << r.exit_code << "; stderr: [" << r.err << "]");
  INFO(r.describe());
  CHECK((r.signal == SIGXFSZ || r.exit_code == 2));
  if (r.exit_code == 2) {
    CHECK(contains(r.err, "File too large"));
    CHECK(contains(r.err, "was left as it was"));
  }
  std::string diff = describe_differences(b.tree, read_tree(b.root() / "out", true));
  CHECK(diff == "");
  // The next build, with room to write, succeeds and cleans up after the failed one.
  Run again = run_hlabc({"build", "src"}, b.root());
  INFO(again.describe());
  CHECK(again.exit_code == 0);
  CHECK(names_starting_with(b.root(), ".out.hlabc-tmp-").empty());
  CHECK(read_tree(b.root() / "out", true) != b.tree);
}

TEST_CASE("hlabc bug: a full disk gives a clear error rather than death by SIGXFSZ",
          "[emit][cli][disk-full][regression]") {
  Built b;
  write_medium_project(b.root(), 'b');
  Run r = run_shell("ulimit -f 8; exec " + shell_quote(HLABC_BINARY) + " build src --color never", b.root());
  INFO(r.describe());
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "was left as it was"));
}

TEST_CASE("hlabc bug: an object's `file` cannot place a file outside out/", "[emit][cli][regression]") {
  Built b;
  write_file(b.root() / "src/escape.hlab",
             "import std.core\nimport std.flux\n"
             "config_map escape in kube-system {\n  at = clusters/main/configs\n"
             "  file = \"../../../../escaped.yaml\"\n  data = { a = \"b\" }\n}\n");
  Run r = run_hlabc({"build", "src", "--color", "never"}, b.root());
  INFO(r.describe());
  CHECK(!fs::exists(b.root() / "escaped.yaml"));
  CHECK(r.exit_code != 0);
}
