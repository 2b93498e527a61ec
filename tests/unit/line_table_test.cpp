#include "base/source.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>

using namespace hlab::base;

namespace {

using namespace std::string_literals;

// Line and column as a pair, so one CHECK shows both on failure.
std::pair<std::uint32_t, std::uint32_t> at(const LineTable& t, std::string_view text,
                                           std::uint32_t offset) {
  LineCol lc = t.locate(text, offset);
  return {lc.line, lc.column};
}

using LC = std::pair<std::uint32_t, std::uint32_t>;

}  // namespace

TEST_CASE("LineTable: an empty text has one empty line", "[source][line_table]") {
  std::string_view text;
  LineTable t(text);
  CHECK(t.line_count() == 1);
  CHECK(t.line_start(0) == 0);
  CHECK(t.line_index(0) == 0);
  CHECK(t.line_index(100) == 0);
  CHECK(t.line_text(text, 0).empty());
  CHECK(at(t, text, 0) == LC{1, 1});
  CHECK(at(t, text, 50) == LC{1, 1});
  CHECK(t.utf16_column(text, 0) == 0);
}

TEST_CASE("LineTable: a text without a line break is one line", "[source][line_table]") {
  std::string_view text = "abc";
  LineTable t(text);
  CHECK(t.line_count() == 1);
  CHECK(t.line_text(text, 0) == "abc");
  CHECK(at(t, text, 0) == LC{1, 1});
  CHECK(at(t, text, 2) == LC{1, 3});
  CHECK(at(t, text, 3) == LC{1, 4});  // the end of the text
}

TEST_CASE("LineTable: '\\n' ends lines", "[source][line_table]") {
  std::string_view text = "ab\ncde\n\nf";
  LineTable t(text);
  REQUIRE(t.line_count() == 4);
  CHECK(t.line_start(0) == 0);
  CHECK(t.line_start(1) == 3);
  CHECK(t.line_start(2) == 7);
  CHECK(t.line_start(3) == 8);
  CHECK(t.line_text(text, 0) == "ab");
  CHECK(t.line_text(text, 1) == "cde");
  CHECK(t.line_text(text, 2) == "");
  CHECK(t.line_text(text, 3) == "f");

  // The '\n' itself belongs to the line it ends.
  CHECK(t.line_index(2) == 0);
  CHECK(t.line_index(3) == 1);
  CHECK(t.line_index(6) == 1);
  CHECK(t.line_index(7) == 2);
  CHECK(t.line_index(8) == 3);
  CHECK(at(t, text, 2) == LC{1, 3});
  CHECK(at(t, text, 3) == LC{2, 1});
  CHECK(at(t, text, 5) == LC{2, 3});
  CHECK(at(t, text, 7) == LC{3, 1});
  CHECK(at(t, text, 8) == LC{4, 1});
}

TEST_CASE("LineTable: a final line break starts an empty line", "[source][line_table]") {
  std::string_view text = "a\nb\n";
  LineTable t(text);
  REQUIRE(t.line_count() == 3);
  CHECK(t.line_text(text, 0) == "a");
  CHECK(t.line_text(text, 1) == "b");
  CHECK(t.line_text(text, 2) == "");
  CHECK(t.line_index(4) == 2);
  CHECK(at(t, text, 4) == LC{3, 1});
}

TEST_CASE("LineTable: only line breaks", "[source][line_table]") {
  std::string_view text = "\n\n\n";
  LineTable t(text);
  REQUIRE(t.line_count() == 4);
  for (std::uint32_t i = 0; i < 4; ++i) {
    CHECK(t.line_start(i) == i);
    CHECK(t.line_text(text, i).empty());
    CHECK(t.line_index(i) == i);
    CHECK(at(t, text, i) == LC{i + 1, 1});
  }
}

TEST_CASE("LineTable: CRLF line endings", "[source][line_table]") {
  std::string_view text = "a\r\nbc\r\n\r\nd";
  LineTable t(text);
  REQUIRE(t.line_count() == 4);
  CHECK(t.line_text(text, 0) == "a");
  CHECK(t.line_text(text, 1) == "bc");
  CHECK(t.line_text(text, 2) == "");
  CHECK(t.line_text(text, 3) == "d");
  CHECK(t.line_start(1) == 3);
  CHECK(at(t, text, 3) == LC{2, 1});
  CHECK(at(t, text, 4) == LC{2, 2});
  CHECK(t.line_index(1) == 0);  // the '\r'
  CHECK(t.line_index(2) == 0);  // the '\n'
  CHECK(at(t, text, 9) == LC{4, 1});
}

TEST_CASE("LineTable: a lone '\\r' does not end a line", "[source][line_table]") {
  std::string_view text = "a\rb\nc";
  LineTable t(text);
  REQUIRE(t.line_count() == 2);
  CHECK(t.line_text(text, 0) == "a\rb");
  CHECK(at(t, text, 2) == LC{1, 3});
  CHECK(at(t, text, 4) == LC{2, 1});

  std::string_view mac = "a\rb\rc";
  LineTable m(mac);
  CHECK(m.line_count() == 1);
  CHECK(m.line_text(mac, 0) == "a\rb\rc");

  // Only the '\r' right before the '\n' belongs to the ending.
  std::string_view doubled = "a\r\r\nb";
  LineTable d(doubled);
  CHECK(d.line_text(doubled, 0) == "a\r");
}

TEST_CASE("LineTable: offsets past the end map to the last line", "[source][line_table]") {
  std::string_view text = "ab\ncd";
  LineTable t(text);
  CHECK(t.line_index(5) == 1);
  CHECK(t.line_index(6) == 1);
  CHECK(t.line_index(UINT32_MAX) == 1);
  CHECK(at(t, text, 5) == LC{2, 3});
  CHECK(at(t, text, 100) == LC{2, 3});
  CHECK(at(t, text, UINT32_MAX) == LC{2, 3});
  CHECK(t.utf16_column(text, UINT32_MAX) == 2);
}

TEST_CASE("LineTable: columns count code points", "[source][line_table]") {
  std::string_view text = "h\xC3\xA9llo\n\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9Ex\n\xF0\x9F\x98\x80y";
  // "héllo", "日本語x", "😀y"
  LineTable t(text);
  REQUIRE(t.line_count() == 3);
  CHECK(t.line_text(text, 0) == "h\xC3\xA9llo");
  CHECK(at(t, text, 1) == LC{1, 2});  // é
  CHECK(at(t, text, 3) == LC{1, 3});  // the first l
  CHECK(at(t, text, 6) == LC{1, 6});  // the '\n'
  std::uint32_t line2 = t.line_start(1);
  CHECK(at(t, text, line2 + 3) == LC{2, 2});
  CHECK(at(t, text, line2 + 9) == LC{2, 4});  // x
  std::uint32_t line3 = t.line_start(2);
  CHECK(at(t, text, line3 + 4) == LC{3, 2});  // y
}

TEST_CASE("LineTable: tabs count as one column", "[source][line_table]") {
  std::string_view text = "\t\tx";
  LineTable t(text);
  CHECK(at(t, text, 2) == LC{1, 3});
  CHECK(t.utf16_column(text, 2) == 2);
}

TEST_CASE("LineTable: utf16_column counts UTF-16 code units", "[source][line_table]") {
  std::string_view text =
      "a\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80z\n\xF0\x9F\x98\x80\xF0\x9F\x98\x80q";
  // "aé日😀z", "😀😀q"
  LineTable t(text);
  CHECK(t.utf16_column(text, 0) == 0);
  CHECK(t.utf16_column(text, 1) == 1);   // é
  CHECK(t.utf16_column(text, 3) == 2);   // 日
  CHECK(t.utf16_column(text, 6) == 3);   // 😀
  CHECK(t.utf16_column(text, 10) == 5);  // z: the emoji is a surrogate pair
  CHECK(t.utf16_column(text, 11) == 6);  // the '\n'
  std::uint32_t line2 = t.line_start(1);
  CHECK(line2 == 12);
  CHECK(t.utf16_column(text, line2) == 0);
  CHECK(t.utf16_column(text, line2 + 4) == 2);
  CHECK(t.utf16_column(text, line2 + 8) == 4);
  CHECK(at(t, text, line2 + 8) == LC{2, 3});
}

TEST_CASE("LineTable: NULs and invalid UTF-8 are ordinary bytes", "[source][line_table]") {
  std::string text = "a\0b\n\xFF\xFEz"s;
  LineTable t(text);
  REQUIRE(t.line_count() == 2);
  CHECK(t.line_text(text, 0) == "a\0b"s);
  CHECK(at(t, text, 3) == LC{1, 4});
  CHECK(at(t, text, 6) == LC{2, 3});
  CHECK(t.utf16_column(text, 2) == 2);
}

TEST_CASE("LineTable: line_index agrees with line_start", "[source][line_table]") {
  std::string text;
  for (int i = 0; i < 20'000; ++i) text += std::string(static_cast<std::size_t>(i % 7), 'x') + "\n";
  LineTable t(text);
  REQUIRE(t.line_count() == 20'001);
  std::uint32_t bad = UINT32_MAX;
  for (std::uint32_t off = 0; off <= text.size() && bad == UINT32_MAX; ++off) {
    std::uint32_t idx = t.line_index(off);
    bool inside = idx < t.line_count() && t.line_start(idx) <= off &&
                  (idx + 1 == t.line_count() || off < t.line_start(idx + 1));
    if (!inside) bad = off;
  }
  CHECK(bad == UINT32_MAX);
  CHECK(t.line_text(text, 6) == "xxxxxx");
  CHECK(t.line_text(text, 7) == "");
}

TEST_CASE("SourceSet adds, finds and locates files", "[source]") {
  SourceSet set;
  CHECK(set.size() == 0);
  CHECK_FALSE(set.find("main.hlab").valid());
  FileId a = set.add("main.hlab", "let a = 1\nlet b = 2\n");
  FileId b = set.add("lib/versions.hlab", "x\r\ny");
  CHECK(a.valid());
  CHECK(b.valid());
  CHECK(a != b);
  CHECK(set.size() == 2);
  CHECK(set.find("main.hlab") == a);
  CHECK(set.find("lib/versions.hlab") == b);
  CHECK_FALSE(set.find("missing.hlab").valid());
  CHECK(set.get(a).path == "main.hlab");
  CHECK(set.get(b).lines.line_count() == 2);

  // Adding many files moves the earlier ones; their line tables must stay usable.
  for (int i = 0; i < 100; ++i) set.add("f" + std::to_string(i), std::string(100, '\n'));
  LineCol lc = set.locate(Span{a, 14, 15});
  CHECK(lc.line == 2);
  CHECK(lc.column == 5);
  LineCol y = set.locate(Span{b, 3, 4});
  CHECK(y.line == 2);
  CHECK(y.column == 1);
  CHECK(set.get(b).lines.line_text(set.get(b).text, 0) == "x");
}

TEST_CASE("FileId and Span validity", "[source]") {
  CHECK_FALSE(FileId{}.valid());
  CHECK(FileId{0}.valid());
  CHECK_FALSE(Span{}.valid());
  CHECK(Span{FileId{3}, 1, 2}.valid());
  CHECK(Span{FileId{3}, 1, 2} == Span{FileId{3}, 1, 2});
  CHECK_FALSE(Span{FileId{3}, 1, 2} == Span{FileId{3}, 1, 3});
  CHECK(FileId{1} < FileId{2});
}
