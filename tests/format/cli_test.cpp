// `hlabc fmt` as a user runs it: in place, folders, stdin, --check, --diff, exit codes.
#include <catch2/catch.hpp>
#include <fmt/core.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>

#include "support/files.hpp"

#ifndef HLABC_BINARY
#error "HLABC_BINARY must name the built hlabc"
#endif

namespace fs = std::filesystem;
using hlab::testing::read_file;
using hlab::testing::TempDir;
using hlab::testing::write_file;

namespace {

struct Run {
  int exit_code = -1;
  std::string out, err;
};

// Runs `hlabc fmt ARGS` in `dir` (arguments are shell words), stdin from `input` if given.
Run fmt_in(const fs::path& dir, const std::string& args, const std::string& input = "") {
  write_file(dir / ".stdin", input);
  std::string cmd = fmt::format("cd '{}' && '{}' fmt {} < .stdin > .stdout 2> .stderr", dir.string(),
                                HLABC_BINARY, args);
  int status = std::system(cmd.c_str());
  Run r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(dir / ".stdout");
  r.err = read_file(dir / ".stderr");
  return r;
}

const std::string kUgly = "cluster main {\n    role=management\n}\n";
const std::string kPretty = "cluster main {\n  role = management\n}\n";
const std::string kBroken = "cluster main {\n  role management\n}\n";

}  // namespace

TEST_CASE("fmt rewrites files in place and keeps their permissions", "[format][cli]") {
  TempDir tmp;
  write_file(tmp / "a.hlab", kUgly);
  ::chmod((tmp / "a.hlab").c_str(), 0640);
  Run r = fmt_in(tmp.path(), "a.hlab");
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(read_file(tmp / "a.hlab") == kPretty);
  struct stat st {};
  REQUIRE(::stat((tmp / "a.hlab").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);
  // No temporary file is left behind.
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(tmp.path()))
    if (!e.path().filename().string().starts_with(".std")) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("fmt writes through a symbolic link and keeps the link", "[format][cli]") {
  TempDir tmp;
  write_file(tmp / "real/a.hlab", kUgly);
  fs::create_symlink(tmp / "real/a.hlab", tmp / "link.hlab");
  Run r = fmt_in(tmp.path(), "link.hlab");
  CHECK(r.exit_code == 0);
  CHECK(fs::is_symlink(tmp / "link.hlab"));
  CHECK(read_file(tmp / "real/a.hlab") == kPretty);
}

TEST_CASE("fmt formats folders recursively, only .hlab files", "[format][cli]") {
  TempDir tmp;
  write_file(tmp / "src/a.hlab", kUgly);
  write_file(tmp / "src/deep/b.hlab", kUgly);
  write_file(tmp / "src/notes.txt", kUgly);
  Run r = fmt_in(tmp.path(), "src");
  CHECK(r.exit_code == 0);
  CHECK(read_file(tmp / "src/a.hlab") == kPretty);
  CHECK(read_file(tmp / "src/deep/b.hlab") == kPretty);
  CHECK(read_file(tmp / "src/notes.txt") == kUgly);
}

TEST_CASE("fmt --check lists the files that would change and exits 1; 0 when none would", "[format][cli]") {
  TempDir tmp;
  write_file(tmp / "src/ugly.hlab", kUgly);
  write_file(tmp / "src/pretty.hlab", kPretty);
  Run r = fmt_in(tmp.path(), "--check src");
  CHECK(r.exit_code == 1);
  CHECK(r.out == "src/ugly.hlab\n");
  CHECK(read_file(tmp / "src/ugly.hlab") == kUgly);  // nothing written
  Run clean = fmt_in(tmp.path(), "--check src/pretty.hlab");
  CHECK(clean.exit_code == 0);
  CHECK(clean.out.empty());
}

TEST_CASE("fmt --diff prints a unified diff and writes nothing", "[format][cli]") {
  TempDir tmp;
  write_file(tmp / "a.hlab", kUgly);
  Run r = fmt_in(tmp.path(), "--diff a.hlab");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("--- a/a.hlab") != std::string::npos);
  CHECK(r.out.find("+++ b/a.hlab") != std::string::npos);
  CHECK(r.out.find("-    role=management\n+  role = management\n") != std::string::npos);
  CHECK(read_file(tmp / "a.hlab") == kUgly);
}

TEST_CASE("fmt with no path or `-` filters standard input to standard output", "[format][cli]") {
  TempDir tmp;
  Run r = fmt_in(tmp.path(), "", kUgly);
  CHECK(r.exit_code == 0);
  CHECK(r.out == kPretty);
  Run dash = fmt_in(tmp.path(), "-", kUgly);
  CHECK(dash.exit_code == 0);
  CHECK(dash.out == kPretty);
  Run check = fmt_in(tmp.path(), "--check -", kUgly);
  CHECK(check.exit_code == 1);
  CHECK(check.out == "<stdin>\n");
  CHECK(fmt_in(tmp.path(), "--check", kPretty).exit_code == 0);
  Run diff = fmt_in(tmp.path(), "--diff", kUgly);
  CHECK(diff.exit_code == 1);
  CHECK(diff.out.find("--- a/<stdin>") != std::string::npos);
  CHECK(diff.out.find("+  role = management\n") != std::string::npos);
}

TEST_CASE("fmt leaves a file with syntax errors untouched and reports them like check", "[format][cli]") {
  TempDir tmp;
  write_file(tmp / "bad.hlab", kBroken);
  write_file(tmp / "ugly.hlab", kUgly);
  Run r = fmt_in(tmp.path(), "bad.hlab ugly.hlab");
  CHECK(r.exit_code == 1);
  CHECK(read_file(tmp / "bad.hlab") == kBroken);
  CHECK(read_file(tmp / "ugly.hlab") == kPretty);  // the other file is still formatted
  CHECK(r.err.find("error[E0001]") != std::string::npos);
  CHECK(r.err.find("bad.hlab:2:3") != std::string::npos);
  Run in = fmt_in(tmp.path(), "-", kBroken);
  CHECK(in.exit_code == 1);
  CHECK(in.out == kBroken);
  CHECK(in.err.find("<stdin>:2:3") != std::string::npos);
}

TEST_CASE("fmt usage and I/O errors exit 2", "[format][cli]") {
  TempDir tmp;
  CHECK(fmt_in(tmp.path(), "missing.hlab").exit_code == 2);
  CHECK(fmt_in(tmp.path(), "--frobnicate").exit_code == 2);
  CHECK(fmt_in(tmp.path(), "- -").exit_code == 2);
  Run help = fmt_in(tmp.path(), "--help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("SYNOPSIS") != std::string::npos);
}
