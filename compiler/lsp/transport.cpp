// Frame reading: headers up to a blank line, then exactly Content-Length bytes.
#include "lsp/transport.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

namespace hlab::lsp {
namespace {

bool iequals_prefix(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) return false;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

void FrameReader::feed(std::string_view bytes) {
  if (skip_left_ > 0) {
    std::size_t n = std::min(skip_left_, bytes.size());
    skip_left_ -= n;
    bytes.remove_prefix(n);
  }
  buf_.append(bytes);
}

void FrameReader::compact() {
  if (pos_ > 0 && (pos_ >= buf_.size() || pos_ > (1u << 16))) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
}

FrameEvent FrameReader::parse_header(std::string_view block) {
  // Look at every line; junk before a Content-Length line (left by a previous frame whose
  // length was wrong) is tolerated so that the stream can resynchronize.
  constexpr std::string_view kName = "content-length:";
  std::size_t start = 0;
  while (start <= block.size()) {
    std::size_t end = block.find('\n', start);
    if (end == std::string_view::npos) end = block.size();
    std::string_view line = block.substr(start, end - start);
    for (std::size_t i = 0; i + kName.size() <= line.size(); ++i) {
      if (!iequals_prefix(line.substr(i), kName)) continue;
      std::string_view value = trim(line.substr(i + kName.size()));
      std::size_t n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec == std::errc::result_out_of_range || (ec == std::errc() && p == value.data() + value.size() && n > max_body_)) {
        FrameEvent ev{FrameEvent::Kind::TooLarge, {}, std::string("frame of ") + std::string(value) +
                      " bytes is larger than the limit of " + std::to_string(max_body_) + " bytes"};
        if (ec == std::errc()) skip_left_ = n;
        else skip_left_ = SIZE_MAX;  // an absurd length: everything after it is that frame
        return ev;
      }
      if (ec != std::errc() || p != value.data() + value.size())
        return {FrameEvent::Kind::BadHeader, {}, "Content-Length is not a number: `" + std::string(value) + "`"};
      body_len_ = n;
      in_body_ = true;
      return {};
    }
    start = end + 1;
  }
  return {FrameEvent::Kind::BadHeader, {}, "a header without Content-Length"};
}

FrameEvent FrameReader::next() {
  for (;;) {
    if (in_body_) {
      if (buf_.size() - pos_ < body_len_) return {};
      FrameEvent ev{FrameEvent::Kind::Message, buf_.substr(pos_, body_len_), {}};
      pos_ += body_len_;
      in_body_ = false;
      compact();
      return ev;
    }
    if (skip_left_ > 0) {
      // Bytes already buffered behind a too-large header belong to its body.
      std::size_t n = std::min(skip_left_, buf_.size() - pos_);
      skip_left_ -= n;
      pos_ += n;
      compact();
      if (skip_left_ > 0) return {};
    }
    std::string_view rest(buf_.data() + pos_, buf_.size() - pos_);
    std::size_t end = rest.find("\r\n\r\n");
    std::size_t sep = 4;
    if (std::size_t lf = rest.find("\n\n"); lf != std::string_view::npos && lf < end) { end = lf; sep = 2; }
    if (end == std::string_view::npos) {
      if (rest.size() > kMaxHeaderBytes) {
        pos_ = buf_.size();
        compact();
        return {FrameEvent::Kind::BadHeader, {}, "a header longer than " + std::to_string(kMaxHeaderBytes) + " bytes"};
      }
      return {};
    }
    std::string_view block = rest.substr(0, end);
    pos_ += end + sep;
    if (block.size() > kMaxHeaderBytes) {
      compact();
      return {FrameEvent::Kind::BadHeader, {}, "a header longer than " + std::to_string(kMaxHeaderBytes) + " bytes"};
    }
    FrameEvent ev = parse_header(block);
    compact();
    if (ev.kind != FrameEvent::Kind::NeedMore) return ev;
  }
}

bool FrameReader::mid_frame() const {
  return in_body_ || skip_left_ > 0 || std::any_of(buf_.begin() + static_cast<std::ptrdiff_t>(pos_), buf_.end(),
                                                   [](char c) { return c != '\r' && c != '\n' && c != ' '; });
}

std::string encode_frame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

}  // namespace hlab::lsp
