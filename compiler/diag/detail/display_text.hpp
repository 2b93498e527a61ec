// How a source line looks on a terminal: UTF-8 decoding, display widths and columns.
// Private to the renderers in render.cpp; header-only so the diag target's source list stays
// as it is.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/source.hpp"

namespace hlab::diag::detail {

// Decodes the UTF-8 sequence at `s[i]`; returns its length and sets `cp`, or returns 0 when
// the bytes there are not valid UTF-8 (overlong forms and surrogates included).
inline std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t n = 0;
  char32_t value = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    value = c & 0x1Fu;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    value = c & 0x0Fu;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    value = c & 0x07u;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if (cc < (k == 1 ? lo : 0x80) || cc > (k == 1 ? hi : 0xBF)) return 0;
    value = (value << 6) | (cc & 0x3Fu);
  }
  cp = value;
  return n;
}

// Terminal columns a code point takes: 2 for East Asian wide characters and emoji, 0 for
// combining marks and joiners, 1 otherwise. A small table, not full wcwidth: it only has to
// keep carets under the right characters in realistic configuration files.
inline std::uint32_t display_width(char32_t cp) {
  struct Range {
    char32_t lo, hi;
  };
  static constexpr Range zero[] = {{0x0300, 0x036F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
                                   {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xE0100, 0xE01EF}};
  static constexpr Range wide[] = {
      {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
      {0xA000, 0xA4CF},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE30, 0xFE4F}, {0xFF00, 0xFF60},
      {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF},
      {0x20000, 0x3FFFD}};
  for (const Range& r : zero)
    if (cp >= r.lo && cp <= r.hi) return 0;
  for (const Range& r : wide)
    if (cp >= r.lo && cp <= r.hi) return 2;
  return 1;
}

// One displayed unit of a source line: a code point, an expanded tab or an invalid byte.
struct Cell {
  std::uint32_t byte = 0;    // offset in the line
  std::uint32_t size = 0;    // bytes it covers
  std::uint32_t column = 0;  // 0-based display column where it starts
  std::uint32_t width = 0;   // display columns it takes
  std::string text;          // what is printed
};

constexpr std::uint32_t kTabWidth = 4;

// Splits a line (without its line ending) into cells. Tabs become spaces so carets can line
// up; invalid bytes become U+FFFD; control characters become their visible Control Pictures,
// so a stray escape byte in a source file cannot drive the user's terminal.
inline std::vector<Cell> layout_line(std::string_view line) {
  std::vector<Cell> cells;
  std::uint32_t column = 0;
  for (std::size_t i = 0; i < line.size();) {
    char32_t cp = 0;
    const std::size_t n = decode_utf8(line, i, cp);
    Cell c;
    c.byte = static_cast<std::uint32_t>(i);
    c.size = n == 0 ? 1 : static_cast<std::uint32_t>(n);
    c.column = column;
    if (n == 0) {
      c.text = "\xEF\xBF\xBD";
      c.width = 1;
    } else if (cp == '\t') {
      c.text.assign(kTabWidth, ' ');
      c.width = kTabWidth;
    } else if (cp < 0x20 || cp == 0x7F) {
      const char32_t picture = cp == 0x7F ? 0x2421 : 0x2400 + cp;  // always 3 bytes in UTF-8
      c.text = {static_cast<char>(0xE0 | (picture >> 12)), static_cast<char>(0x80 | ((picture >> 6) & 0x3F)),
                static_cast<char>(0x80 | (picture & 0x3F))};
      c.width = 1;
    } else {
      c.text = std::string(line.substr(i, n));
      c.width = display_width(cp);
    }
    column += c.width;
    i += c.size;
    cells.push_back(std::move(c));
  }
  return cells;
}

inline std::uint32_t total_width(const std::vector<Cell>& cells) {
  return cells.empty() ? 0 : cells.back().column + cells.back().width;
}

// Display column where a span starting at byte `byte` begins: after the cells wholly before it.
inline std::uint32_t column_before(const std::vector<Cell>& cells, std::uint32_t byte) {
  std::uint32_t column = 0;
  for (const Cell& c : cells) {
    if (c.byte + c.size > byte) break;
    column = c.column + c.width;
  }
  return column;
}

// Display column where a span ending at byte `byte` ends: after every cell it touches.
inline std::uint32_t column_after(const std::vector<Cell>& cells, std::uint32_t byte) {
  std::uint32_t column = 0;
  for (const Cell& c : cells) {
    if (c.byte >= byte) break;
    column = c.column + c.width;
  }
  return column;
}

// A 1-based line and code-point column as shown to users.
struct Position {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

// Locates `offset` in `file`. Unlike LineTable::locate, every invalid byte counts as one
// column, matching the U+FFFD the terminal renderer shows for it, and a line ending is not a
// column; elsewhere in valid UTF-8 the two agree.
inline Position locate(const base::SourceFile& file, std::uint32_t offset) {
  offset = std::min(offset, static_cast<std::uint32_t>(file.text.size()));
  const std::uint32_t index = file.lines.line_index(offset);
  // An offset inside a "\r\n" ending is shown just after the line's last character, where
  // the caret goes; the '\r' is not a column anyone can see.
  const std::string_view text = file.lines.line_text(file.text, index);
  const std::uint32_t start = file.lines.line_start(index);
  const std::string_view before = text.substr(0, std::min<std::size_t>(offset - start, text.size()));
  std::uint32_t column = 1;
  // A byte-order mark is no column: editors do not show it.
  std::size_t skip = index == 0 && before.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  for (std::size_t i = skip; i < before.size(); ++column) {
    char32_t cp = 0;
    const std::size_t n = decode_utf8(before, i, cp);
    i += n == 0 ? 1 : n;
  }
  return {index + 1, column};
}

}  // namespace hlab::diag::detail
