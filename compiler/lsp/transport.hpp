// The byte layer of the protocol: `Content-Length` framed messages in, frames out.
// The reader works on bytes handed to it, so tests and fuzz targets drive it without a
// stream; it never allocates more than the frame limit, whatever a header claims.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hlab::lsp {

constexpr std::size_t kMaxFrameBytes = 64u << 20;   // 64 MiB
constexpr std::size_t kMaxHeaderBytes = 8u << 10;   // a header block longer than this is junk

// What the reader found in the bytes fed so far.
struct FrameEvent {
  enum class Kind {
    NeedMore,   // no complete frame yet
    Message,    // `body` holds one frame's payload (not yet parsed as JSON)
    BadHeader,  // a header block without a usable Content-Length; it was dropped
    TooLarge,   // a frame over the limit; its body is being skipped without being stored
  } kind = Kind::NeedMore;
  std::string body;
  std::string error;  // for BadHeader and TooLarge: what was wrong
};

class FrameReader {
 public:
  explicit FrameReader(std::size_t max_body = kMaxFrameBytes) : max_body_(max_body) {}
  // Appends bytes from the stream. Bytes of a skipped (too large) frame are dropped here.
  void feed(std::string_view bytes);
  // The next frame or error among the bytes fed so far.
  FrameEvent next();
  // True when a frame was begun but not finished: EOF now means a truncated frame.
  bool mid_frame() const;

 private:
  FrameEvent parse_header(std::string_view block);
  void compact();

  std::size_t max_body_;
  std::string buf_;
  std::size_t pos_ = 0;        // start of unread bytes in buf_
  std::size_t body_len_ = 0;   // when reading a body
  bool in_body_ = false;
  std::size_t skip_left_ = 0;  // bytes of a too-large frame still to drop
};

// Frames one JSON text for writing.
std::string encode_frame(std::string_view body);

}  // namespace hlab::lsp
