#include "base/source.hpp"

#include <algorithm>

namespace hlab::base {

LineTable::LineTable(std::string_view text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(static_cast<std::uint32_t>(i + 1));
}

std::uint32_t LineTable::line_index(std::uint32_t offset) const {
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  return static_cast<std::uint32_t>(it - starts_.begin() - 1);
}

std::string_view LineTable::line_text(std::string_view text, std::uint32_t index) const {
  std::size_t b = std::min<std::size_t>(starts_[index], text.size());
  std::size_t e = index + 1 < starts_.size() ? starts_[index + 1] - 1 : text.size();
  if (e < b) e = b;
  if (e > b && text[e - 1] == '\r') --e;
  return text.substr(b, e - b);
}

namespace {
// True for bytes that start a code point (not UTF-8 continuation bytes).
bool starts_code_point(unsigned char c) { return (c & 0xC0) != 0x80; }
}  // namespace

LineCol LineTable::locate(std::string_view text, std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text.size()));
  std::uint32_t idx = line_index(offset);
  std::uint32_t col = 1;
  std::uint32_t from = starts_[idx];
  // A byte-order mark is no column: editors do not show it.
  if (idx == 0 && text.starts_with("\xEF\xBB\xBF") && offset >= 3) from = 3;
  for (std::uint32_t i = from; i < offset; ++i)
    if (starts_code_point(static_cast<unsigned char>(text[i]))) ++col;
  return {idx + 1, col};
}

std::uint32_t LineTable::utf16_column(std::string_view text, std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text.size()));
  std::uint32_t idx = line_index(offset);
  std::uint32_t col = 0;
  for (std::uint32_t i = starts_[idx]; i < offset; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (!starts_code_point(c)) continue;
    col += (c >= 0xF0) ? 2 : 1;  // 4-byte sequences are surrogate pairs in UTF-16
  }
  return col;
}

FileId SourceSet::add(std::string path, std::string text) {
  files_.emplace_back(std::move(path), std::move(text));
  return FileId{static_cast<std::uint32_t>(files_.size() - 1)};
}

FileId SourceSet::find(std::string_view path) const {
  for (std::size_t i = 0; i < files_.size(); ++i)
    if (files_[i].path == path) return FileId{static_cast<std::uint32_t>(i)};
  return {};
}

}  // namespace hlab::base
