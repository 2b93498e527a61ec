// Source files, byte-offset spans and line tables.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hlab::base {

// Index of a file in a SourceSet; stable for the lifetime of the set.
struct FileId {
  std::uint32_t value = UINT32_MAX;
  bool valid() const { return value != UINT32_MAX; }
  friend bool operator==(FileId, FileId) = default;
  friend auto operator<=>(FileId, FileId) = default;
};

// A half-open byte range [begin, end) in one file.
struct Span {
  FileId file;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool valid() const { return file.valid(); }
  friend bool operator==(const Span&, const Span&) = default;
};

// A 1-based line and column; column counts Unicode code points, tabs count as one.
struct LineCol {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

// Maps byte offsets to lines; built once per file.
class LineTable {
 public:
  // Builds the table for `text`; '\n' ends a line, a preceding '\r' belongs to the ending.
  explicit LineTable(std::string_view text);
  // Number of lines (an empty text has one line).
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(starts_.size()); }
  // 0-based line index holding byte `offset` (offsets past the end map to the last line).
  std::uint32_t line_index(std::uint32_t offset) const;
  // Byte offset where 0-based line `index` starts.
  std::uint32_t line_start(std::uint32_t index) const { return starts_[index]; }
  // The text of 0-based line `index`, without its line ending.
  std::string_view line_text(std::string_view text, std::uint32_t index) const;
  // 1-based line and code-point column of `offset` within `text`.
  LineCol locate(std::string_view text, std::uint32_t offset) const;
  // 0-based UTF-16 code unit column of `offset` (for the language server).
  std::uint32_t utf16_column(std::string_view text, std::uint32_t offset) const;

 private:
  std::vector<std::uint32_t> starts_;
};

// One loaded source file: its display path, its bytes and its line table.
struct SourceFile {
  std::string path;     // as shown to the user (relative when given relative)
  std::string text;     // raw bytes, exactly as read
  LineTable lines;
  SourceFile(std::string p, std::string t) : path(std::move(p)), text(std::move(t)), lines(text) {}
};

// All files of one analysis; FileIds index into it.
class SourceSet {
 public:
  // Adds a file and returns its id.
  FileId add(std::string path, std::string text);
  const SourceFile& get(FileId id) const { return files_[id.value]; }
  std::size_t size() const { return files_.size(); }
  // Looks a file up by its display path; invalid id when absent.
  FileId find(std::string_view path) const;
  // 1-based line/column of a span's start.
  LineCol locate(Span s) const { return get(s.file).lines.locate(get(s.file).text, s.begin); }

 private:
  std::vector<SourceFile> files_;
};

}  // namespace hlab::base
