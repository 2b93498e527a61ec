// The formatter's output buffer and the placement of comments and blank lines.
#include "format/writer.hpp"

#include <algorithm>

namespace hlab::format::detail {

using syntax::Trivia;

Writer::Writer(std::string_view source, const std::vector<Trivia>& trivia) : source_(source), trivia_(trivia) {}

void Writer::text(std::string_view s) {
  if (break_pending_) {
    newline();
    continuation_ = 2;
  }
  if (!line_open_) {
    out_.append(static_cast<std::size_t>(indent_ + continuation_), ' ');
    line_open_ = true;
  } else if (space_pending_) {
    out_ += ' ';
  }
  space_pending_ = false;
  out_ += s;
}

void Writer::newline() {
  if (line_open_) out_ += '\n';
  line_open_ = false;
  break_pending_ = false;
  space_pending_ = false;
  continuation_ = 0;
}

void Writer::blank_line() {
  newline();
  if (!out_.empty() && !out_.ends_with("\n\n")) out_ += '\n';
}

std::size_t Writer::column() const {
  if (break_pending_) return static_cast<std::size_t>(indent_ + 2);
  if (!line_open_) return static_cast<std::size_t>(indent_ + continuation_);
  std::size_t start = out_.rfind('\n');
  start = start == std::string::npos ? 0 : start + 1;
  std::size_t col = 0;
  for (std::size_t i = start; i < out_.size(); ++i)
    if ((static_cast<unsigned char>(out_[i]) & 0xC0) != 0x80) ++col;  // count code points
  return col + (space_pending_ ? 1 : 0);
}

bool Writer::is_trailing(const Trivia& t) const {
  if (!line_open_ || break_pending_ || last_source_ > t.span.begin) return false;
  return source_.substr(last_source_, t.span.begin - last_source_).find('\n') == std::string_view::npos;
}

void Writer::write_comment(const Trivia& t) {
  std::string_view c = source_.substr(t.span.begin, t.span.end - t.span.begin);
  if (t.kind != Trivia::Kind::BlockComment)
    while (!c.empty() && (c.back() == ' ' || c.back() == '\t' || c.back() == '\r')) c.remove_suffix(1);
  text(c);
  last_source_ = t.span.end;
  if (t.kind != Trivia::Kind::BlockComment) {
    break_pending_ = true;
    return;
  }
  // A block comment keeps the code after it on its line when the source did.
  std::size_t next = source_.find_first_not_of(" \t\r", t.span.end);
  if (next != std::string_view::npos && source_[next] == '\n') break_pending_ = true;
  else space_pending_ = true;
}

void Writer::comments_inline(std::uint32_t offset) {
  while (next_ < trivia_.size() && trivia_[next_].span.begin < offset) {
    const Trivia& t = trivia_[next_++];
    if (t.kind == Trivia::Kind::BlankLine) continue;
    if (is_trailing(t)) {
      space_pending_ = true;
    } else if (line_open_) {
      break_pending_ = true;  // a comment of its own line: the expression goes on below
    }
    write_comment(t);
  }
}

void Writer::comments_between(std::uint32_t offset, bool first, bool closing) {
  bool blank = false;
  bool wrote = false;
  while (next_ < trivia_.size() && trivia_[next_].span.begin < offset) {
    const Trivia& t = trivia_[next_++];
    if (t.kind == Trivia::Kind::BlankLine) {
      blank = true;
      continue;
    }
    if (is_trailing(t)) {
      space_pending_ = true;
      write_comment(t);
      continue;
    }
    newline();
    if (blank && (!first || wrote)) blank_line();
    blank = false;
    write_comment(t);
    newline();
    wrote = true;
  }
  if (blank && !closing && (!first || wrote)) blank_line();
}

bool Writer::has_comment(std::uint32_t begin, std::uint32_t end) const {
  auto it = std::lower_bound(trivia_.begin(), trivia_.end(), begin,
                             [](const Trivia& t, std::uint32_t b) { return t.span.begin < b; });
  for (; it != trivia_.end() && it->span.begin < end; ++it)
    if (it->kind != Trivia::Kind::BlankLine) return true;
  return false;
}

std::string Writer::finish() {
  newline();
  while (out_.ends_with("\n\n")) out_.pop_back();
  if (out_ == "\n") out_.clear();
  return std::move(out_);
}

}  // namespace hlab::format::detail
