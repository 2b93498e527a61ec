// The item scanner and the encoding check: the pieces that keep one mistake from hiding
// every later diagnostic and keep hostile input cheap.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "syntax/parse.hpp"

using hlab::base::FileId;
using hlab::diag::Code;
using hlab::diag::DiagSink;
using hlab::syntax::find_encoding_error;
using hlab::syntax::scan_items;
using hlab::syntax::ScanResult;
using hlab::syntax::Trivia;

namespace {

constexpr FileId kFile{0};

struct Scanned {
  ScanResult result;
  DiagSink sink;
};

Scanned scan(std::string_view text, std::uint32_t max_depth = 128) {
  Scanned s;
  s.result = scan_items(text, kFile, s.sink, max_depth);
  return s;
}

// The text of each item, for readable expectations.
std::vector<std::string> item_texts(std::string_view text, const ScanResult& r) {
  std::vector<std::string> out;
  for (const auto& it : r.items) out.emplace_back(text.substr(it.begin, it.end - it.begin));
  return out;
}

std::vector<Code> codes(const DiagSink& sink) {
  std::vector<Code> out;
  for (const auto& d : sink.diagnostics()) out.push_back(d.code);
  return out;
}

std::uint32_t offset_of(std::string_view text, std::string_view needle, std::size_t from = 0) {
  std::size_t at = text.find(needle, from);
  REQUIRE(at != std::string_view::npos);
  return static_cast<std::uint32_t>(at);
}

}  // namespace

TEST_CASE("an item starts at column 1 at bracket depth 0", "[scanner]") {
  const std::string_view text =
      "import std.net\n"
      "\n"
      "let lan = 192.168.1.0/24\n"
      "let buckets = [\n"
      "  \"git-lfs\",\n"
      "  \"tmp\",\n"
      "]\n"
      "cluster main {\n"
      "  role = management\n"
      "}\n"
      "let after =\n"
      "  lan\n";
  auto s = scan(text);
  CHECK(s.sink.diagnostics().empty());
  CHECK(item_texts(text, s.result) ==
        std::vector<std::string>{"import std.net", "let lan = 192.168.1.0/24",
                                 "let buckets = [\n  \"git-lfs\",\n  \"tmp\",\n]",
                                 "cluster main {\n  role = management\n}", "let after =\n  lan"});
  for (const auto& it : s.result.items) CHECK(it.ok);
}

TEST_CASE("an item ends at its last token, before trailing comments", "[scanner]") {
  const std::string_view text = "let a = 1   # the first\n\n# about b\nlet b = 2\n";
  auto s = scan(text);
  CHECK(item_texts(text, s.result) == std::vector<std::string>{"let a = 1", "let b = 2"});
}

TEST_CASE("an unclosed brace is reported once and the next declaration still scans", "[scanner]") {
  const std::string_view text =
      "cluster main {\n"
      "  role = management\n"
      "  vip = 192.168.1.75\n"
      "\n"
      "cluster gitlab {\n"
      "  role = workload\n"
      "}\n";
  auto s = scan(text);
  REQUIRE(codes(s.sink) == std::vector<Code>{Code::UnbalancedBracket});
  CHECK(s.sink.diagnostics()[0].span.begin == offset_of(text, "{"));
  REQUIRE(s.result.items.size() == 2);
  CHECK_FALSE(s.result.items[0].ok);
  CHECK(s.result.items[1].ok);
  CHECK(item_texts(text, s.result)[1] == "cluster gitlab {\n  role = workload\n}");
}

TEST_CASE("recovery at column 1 knows every declaration head", "[scanner]") {
  for (std::string head : {"import std.net", "let x = 1", "schema S {}", "kind k {}", "template t() = 1",
                           "for b in xs {}", "vault_secret general/x {}", "bucket_claim \"b\" in gitlab {}",
                           "external_secret e on [a] in b {}"}) {
    INFO(head);
    std::string text = "let broken = [1, 2\n" + head + "\n";
    auto s = scan(text);
    CHECK(codes(s.sink) == std::vector<Code>{Code::UnbalancedBracket});
    REQUIRE(s.result.items.size() == 2);
    CHECK_FALSE(s.result.items[0].ok);
    CHECK(s.result.items[1].begin == offset_of(text, head));
  }
}

TEST_CASE("a declaration head at column 1 inside a bracket is taken as recovery", "[scanner]") {
  // Formatted code never has such a line inside brackets, so the scanner takes it as the
  // start of the next item and the bracket as never closed.
  const std::string_view text = "cluster main {\n  role = management\nlet inside = 1\n}\n";
  auto s = scan(text);
  CHECK(codes(s.sink) == std::vector<Code>{Code::UnbalancedBracket, Code::UnbalancedBracket});
  CHECK(item_texts(text, s.result) == std::vector<std::string>{"cluster main {\n  role = management", "let inside = 1\n}"});
}

TEST_CASE("a line at column 1 that is not a declaration head stays inside the bracket", "[scanner]") {
  const std::string_view text = "let hosts = [\nmain,\ngitlab\n]\n";
  auto s = scan(text);
  CHECK(s.sink.diagnostics().empty());
  CHECK(s.result.items.size() == 1);
}

TEST_CASE("brackets inside strings and interpolations do not count", "[scanner]") {
  const std::string_view text =
      "let s = \"a } ] ) { [ (\"\n"
      "let t = \"first: \\(xs[0]) and \\(f(a, \"(\")) done }\"\n"
      "let u = \"\"\"\n"
      "  {\n"
      "  let not_an_item = [\n"
      "  \"\"\"\n"
      "let v = \"\\\"}\"\n";
  auto s = scan(text);
  CHECK(s.sink.diagnostics().empty());
  REQUIRE(s.result.items.size() == 4);
  for (const auto& it : s.result.items) CHECK(it.ok);
  CHECK(item_texts(text, s.result)[3] == "let v = \"\\\"}\"");
}

TEST_CASE("an interpolation may hold a string that holds an interpolation", "[scanner]") {
  const std::string_view text = "let s = \"a \\(\"b \\(\"c\")\")\"\nlet t = 1\n";
  auto s = scan(text);
  CHECK(s.sink.diagnostics().empty());
  CHECK(s.result.items.size() == 2);
}

TEST_CASE("comments hide brackets and quotes", "[scanner]") {
  const std::string_view text =
      "let a = 1 # { [ \"\n"
      "let b = 2 // ( \"\n"
      "let c = /* { \" */ 3\n"
      "/* {\n"
      "let d = [\n"
      "*/\n"
      "let e = 4\n";
  auto s = scan(text);
  CHECK(s.sink.diagnostics().empty());
  CHECK(item_texts(text, s.result) ==
        std::vector<std::string>{"let a = 1", "let b = 2", "let c = /* { \" */ 3", "let e = 4"});
}

TEST_CASE("trivia records comments, doc comments and blank lines with their spans", "[scanner]") {
  const std::string_view text =
      "# a comment\n"
      "## documents main\n"
      "\n"
      "cluster main { /* inline */ }\n"
      "// slashes\n";
  auto s = scan(text);
  using K = Trivia::Kind;
  std::vector<std::pair<K, std::string>> got;
  for (const auto& t : s.result.trivia) got.emplace_back(t.kind, std::string(text.substr(t.span.begin, t.span.end - t.span.begin)));
  CHECK(got == std::vector<std::pair<K, std::string>>{{K::LineComment, "# a comment"},
                                                      {K::DocComment, "## documents main"},
                                                      {K::BlankLine, ""},
                                                      {K::BlockComment, "/* inline */"},
                                                      {K::LineComment, "// slashes"}});
}

TEST_CASE("a byte-order mark is skipped", "[scanner]") {
  const std::string_view text = "\xEF\xBB\xBFlet a = 1\n";
  auto s = scan(text);
  CHECK(s.result.body_begin == 3);
  CHECK(item_texts(text, s.result) == std::vector<std::string>{"let a = 1"});
}

TEST_CASE("CRLF line endings split items like LF", "[scanner]") {
  const std::string_view text = "let a = [\r\n  1,\r\n]\r\nlet b = 2\r\n";
  auto s = scan(text);
  CHECK(s.sink.diagnostics().empty());
  CHECK(item_texts(text, s.result) == std::vector<std::string>{"let a = [\r\n  1,\r\n]", "let b = 2"});
}

TEST_CASE("nesting beyond the limit is one diagnostic per item", "[scanner]") {
  SECTION("brackets") {
    const std::string text = "let a = [[[[[1]]]]]\nlet b = [[[[1]]]]\n";
    auto s = scan(text, 4);
    REQUIRE(codes(s.sink) == std::vector<Code>{Code::NestingTooDeep});
    CHECK(s.sink.diagnostics()[0].span.begin == 12);  // the fifth `[`
    REQUIRE(s.result.items.size() == 2);
    CHECK_FALSE(s.result.items[0].ok);
    CHECK(s.result.items[1].ok);
  }
  SECTION("100,000 brackets cost one diagnostic, not 100,000") {
    const std::string text = "let a = " + std::string(100'000, '[') + std::string(100'000, ']') + "\nlet b = 1\n";
    auto s = scan(text);
    CHECK(codes(s.sink) == std::vector<Code>{Code::NestingTooDeep});
    CHECK(s.result.items.size() == 2);
  }
  SECTION("interpolations") {
    const std::string text = "let a = \"\\(\"\\(\"\\(\"x\")\")\")\"\n";
    CHECK(scan(text, 2).sink.diagnostics().size() == 1);
    CHECK(scan(text, 2).sink.diagnostics()[0].code == Code::NestingTooDeep);
    CHECK(scan(text, 3).sink.diagnostics().empty());
  }
}

TEST_CASE("unterminated strings, comments and stray closers are reported", "[scanner]") {
  SECTION("a one-line string ends at the line break") {
    const std::string_view text = "let a = \"abc\nlet b = 1\n";
    auto s = scan(text);
    REQUIRE(codes(s.sink) == std::vector<Code>{Code::UnterminatedString});
    CHECK(s.sink.diagnostics()[0].span.begin == 8);
    REQUIRE(s.result.items.size() == 2);
    CHECK_FALSE(s.result.items[0].ok);
    CHECK(s.result.items[1].ok);
  }
  SECTION("a multi-line string runs to the end of the file") {
    auto s = scan("let a = \"\"\"\n  text\nlet b = 1\n");
    CHECK(codes(s.sink) == std::vector<Code>{Code::UnterminatedString});
    CHECK(s.result.items.size() == 1);
  }
  SECTION("a block comment runs to the end of the file") {
    auto s = scan("let a = 1\n/* note\nlet b = 2\n");
    CHECK(codes(s.sink) == std::vector<Code>{Code::UnterminatedComment});
    CHECK(s.result.items.size() == 1);
  }
  SECTION("a stray closer") {
    auto s = scan("let a = 1 }\nlet b = 2\n");
    CHECK(codes(s.sink) == std::vector<Code>{Code::UnbalancedBracket});
    REQUIRE(s.result.items.size() == 2);
    CHECK_FALSE(s.result.items[0].ok);
    CHECK(s.result.items[1].ok);
  }
  SECTION("a mismatched closer") {
    auto s = scan("let a = [1, 2)\n");
    REQUIRE(codes(s.sink) == std::vector<Code>{Code::UnbalancedBracket});
    CHECK(s.sink.diagnostics()[0].labels.size() == 1);  // "opened here"
  }
}

TEST_CASE("an empty text has no items", "[scanner]") {
  CHECK(scan("").result.items.empty());
  CHECK(scan("\n\n").result.items.empty());
  CHECK(scan("# only a comment").result.items.empty());
}

TEST_CASE("find_encoding_error accepts UTF-8 and points at the first bad byte", "[scanner][encoding]") {
  CHECK(find_encoding_error("") == -1);
  CHECK(find_encoding_error("let a = 1\n") == -1);
  CHECK(find_encoding_error("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x9A\x80 \xEF\xBB\xBF") == -1);
  CHECK(find_encoding_error("\xF4\x8F\xBF\xBF") == -1);  // U+10FFFF, the last code point
  CHECK(find_encoding_error(std::string_view("ab\0c", 4)) == 2);
  CHECK(find_encoding_error("abc\xE9") == 3);                  // Latin-1
  CHECK(find_encoding_error("a\x80") == 1);                    // lone continuation byte
  CHECK(find_encoding_error("a\xC3(") == 1);                   // bad continuation
  CHECK(find_encoding_error("a\xC0\xAF") == 1);                // overlong, 2 bytes
  CHECK(find_encoding_error("a\xC1\xBF") == 1);                // overlong, 2 bytes
  CHECK(find_encoding_error("a\xE0\x80\xAF") == 1);            // overlong, 3 bytes
  CHECK(find_encoding_error("a\xF0\x80\x80\xAF") == 1);        // overlong, 4 bytes
  CHECK(find_encoding_error("a\xED\xA0\x80") == 1);            // surrogate
  CHECK(find_encoding_error("a\xF4\x90\x80\x80") == 1);        // above U+10FFFF
  CHECK(find_encoding_error("a\xF5\x80\x80\x80") == 1);        // never valid lead byte
  CHECK(find_encoding_error("a\xFF") == 1);
  CHECK(find_encoding_error("ok \xE2\x82") == 3);              // cut by the end
}
