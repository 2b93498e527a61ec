// Every .hlab file of the repository (homelab/, stdlib/, tests/), found at test time:
// formatting is idempotent and keeps the meaning, and formatting homelab/ and stdlib/
// leaves `hlabc build homelab/` output unchanged (once the committed sources are formatted,
// `hlabc fmt --check` in CI keeps them so, and this guards whatever is added unformatted).
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "base/source.hpp"
#include "diag/diagnostic.hpp"
#include "format/format.hpp"
#include "support/files.hpp"
#include "syntax/parse.hpp"

#ifndef HLAB_SOURCE_DIR
#error "HLAB_SOURCE_DIR must name the repository"
#endif

namespace fs = std::filesystem;
using hlab::testing::read_file;
using hlab::testing::TempDir;
using hlab::testing::write_file;

namespace {

std::vector<fs::path> hlab_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".hlab") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

struct Parsed {
  bool ok = false;
  std::string dump;
  std::vector<std::string> comments;  // in source order, without trailing blanks
};

Parsed parse(const std::string& text) {
  hlab::base::SourceFile source("x.hlab", text);
  hlab::diag::DiagSink sink;
  hlab::syntax::ParsedFile file = hlab::syntax::parse(source, hlab::base::FileId{0}, sink);
  Parsed p{!sink.has_errors(), hlab::format::dump_tree(file), {}};
  for (const auto& t : file.trivia) {
    if (t.kind == hlab::syntax::Trivia::Kind::BlankLine) continue;
    std::string c = text.substr(t.span.begin, t.span.end - t.span.begin);
    while (!c.empty() && (c.back() == ' ' || c.back() == '\t' || c.back() == '\r')) c.pop_back();
    p.comments.push_back(c);
  }
  return p;
}

// Formats `text`, which parses, and checks the three promises: the same tree, every comment
// in the same order, and a fixed point.
void check_formatting(const std::string& name, const std::string& text) {
  INFO(name);
  Parsed before = parse(text);
  REQUIRE(before.ok);
  hlab::format::Result once = hlab::format::format_source(name, text);
  REQUIRE(once.ok);
  Parsed after = parse(once.text);
  REQUIRE(after.ok);
  CHECK(after.dump == before.dump);
  CHECK(after.comments == before.comments);
  hlab::format::Result twice = hlab::format::format_source(name, once.text);
  REQUIRE(twice.ok);
  CHECK(twice.text == once.text);
}

// `text` with a comment at the end of every third line, a comment line before every fourth
// and blank lines after every fifth and seventh: comments in places no author chose.
std::string with_more_comments(const std::string& text) {
  std::string out;
  std::size_t line = 0, begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    ++line;
    if (line % 4 == 1) out += "  # own line\n";
    out += text.substr(begin, end - begin);
    if (line % 3 == 0) out += " # trailing";
    out += '\n';
    if (line % 5 == 0 || line % 7 == 0) out += '\n';
    begin = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("every .hlab file of the repository: idempotent, same tree, or untouched when it does not parse",
          "[format][repository]") {
  const fs::path root = HLAB_SOURCE_DIR;
  std::size_t formatted = 0, rejected = 0;
  for (const char* dir : {"homelab", "stdlib", "tests"}) {
    for (const fs::path& file : hlab_files(root / dir)) {
      INFO(file.string());
      std::string text = read_file(file);
      if (!parse(text).ok) {
        CHECK_FALSE(hlab::format::format_source(file.string(), text).ok);
        ++rejected;
        continue;
      }
      ++formatted;
      check_formatting(file.string(), text);
    }
  }
  // The repository has well over a hundred parsing files and a few broken golden cases.
  CHECK(formatted > 100);
  CHECK(rejected > 0);
  WARN(fmt::format("{} files formatted, {} with syntax errors left alone", formatted, rejected));
}

TEST_CASE("homelab/ and stdlib/ with comments and blank lines everywhere", "[format][repository]") {
  const fs::path root = HLAB_SOURCE_DIR;
  std::size_t tried = 0;
  for (const char* dir : {"homelab", "stdlib"}) {
    for (const fs::path& file : hlab_files(root / dir)) {
      std::string text = with_more_comments(read_file(file));
      // A comment line inside a multi-line string may be indented less than its text.
      if (!parse(text).ok) continue;
      ++tried;
      check_formatting(file.string() + " (with comments)", text);
    }
  }
  CHECK(tried > 30);
  WARN(fmt::format("{} files formatted with comments and blank lines added", tried));
}

TEST_CASE("the tree dump tells different meanings apart", "[format][repository]") {
  CHECK(parse("let a = 1\n").dump == parse("let  a =\n  1 # c\n").dump);
  CHECK(parse("let a = 1\n").dump != parse("let a = 2\n").dump);
  CHECK(parse("let a = (x || y) && z\n").dump != parse("let a = x || y && z\n").dump);
  CHECK(parse("let a = { \"a.b\" = 1 }\n").dump != parse("let a = { a.b = 1 }\n").dump);
  CHECK(parse("## doc\nlet a = 1\n").dump != parse("## doc\n\nlet a = 1\n").dump);
  CHECK(parse("let s = \"x \"\n").dump != parse("let s = \"x\"\n").dump);
}

TEST_CASE("formatting homelab/ and stdlib/ leaves the output of `hlabc build homelab/` unchanged",
          "[format][repository]") {
  const fs::path root = HLAB_SOURCE_DIR;
  TempDir tmp;
  fs::copy(root / "out", tmp / "out", fs::copy_options::recursive);
  for (const char* dir : {"homelab", "stdlib"}) {
    fs::copy(root / dir, tmp / dir, fs::copy_options::recursive);
    for (const fs::path& file : hlab_files(tmp / dir)) {
      std::string text = read_file(file);
      hlab::format::Result r = hlab::format::format_source(file.string(), text);
      REQUIRE(r.ok);
      write_file(file, r.text);
    }
  }
  std::string cmd = fmt::format("cd '{}' && '{}' build homelab --check --stdlib stdlib > build.log 2>&1",
                                tmp.path().string(), HLABC_BINARY);
  int status = std::system(cmd.c_str());
  INFO(read_file(tmp / "build.log"));
  CHECK(status == 0);
  CHECK(read_file(tmp / "build.log").find("up to date") != std::string::npos);
}
