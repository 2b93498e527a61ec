// The formatter's output: lines, indentation, and the comments and blank lines of the
// source (its trivia), placed as the layout walks the tree in source order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/ast.hpp"

namespace hlab::format::detail {

class Writer {
 public:
  Writer(std::string_view source, const std::vector<syntax::Trivia>& trivia);

  // Writes `s` on the current line, starting the line (with its indentation) if needed.
  void text(std::string_view s);
  // Ends the current line, if one is open.
  void newline();
  // One space before the next text on this line (none at the start of a line).
  void space() { space_pending_ = line_open_ && !break_pending_; }
  void indent() { indent_ += 2; }
  void dedent() { indent_ -= 2; }
  // The column the next character goes to (0-based, in code points).
  std::size_t column() const;
  // Records that the source up to `offset` has been written (for trailing comments).
  void advance(std::uint32_t offset) { last_source_ = offset; }

  // Writes the comments before `offset` that are not written yet, where no element
  // boundary is: a comment on the line of the code before it stays there; a line comment
  // ends the line and the code goes on at one more indentation. Blank lines are dropped.
  void comments_inline(std::uint32_t offset);
  // Writes the comments before `offset` at an element boundary (before a field, a list
  // item, an item): trailing comments stay on their line, the others get lines of their
  // own, and a run of blank lines becomes one. `first` drops blank lines before the first
  // element of a block; `closing` drops those before the block's closing bracket.
  void comments_between(std::uint32_t offset, bool first, bool closing);

  // True when a comment starts in [begin, end).
  bool has_comment(std::uint32_t begin, std::uint32_t end) const;
  // The formatted text: lines without trailing spaces, one final line break.
  std::string finish();

 private:
  bool is_trailing(const syntax::Trivia& t) const;
  void write_comment(const syntax::Trivia& t);
  void blank_line();

  std::string_view source_;
  const std::vector<syntax::Trivia>& trivia_;
  std::size_t next_ = 0;           // first trivia not yet consumed
  std::uint32_t last_source_ = 0;  // end of the source written so far
  std::string out_;
  bool line_open_ = false;
  bool break_pending_ = false;     // a line comment was written: the next text starts a line
  bool space_pending_ = false;     // the next text on this line is preceded by one space
  int indent_ = 0;
  int continuation_ = 0;           // extra indentation after a comment broke an expression
};

}  // namespace hlab::format::detail
