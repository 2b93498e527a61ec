// The language server's frame reader on any byte stream. The first input byte picks the
// chunk sizes the stream arrives in; the rest is the stream. Invariants: next() ends with
// NeedMore after finitely many events, no body is longer than the limit or than the stream,
// and a stream shorter than the header limit gives the same events however it is chunked.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_invariants.hpp"
#include "lsp/transport.hpp"

using namespace hlab;
using Kind = lsp::FrameEvent::Kind;

namespace {

struct Event {
  Kind kind;
  std::string body;
  friend bool operator==(const Event&, const Event&) = default;
};

// Drains the reader; every call to next() must make progress or say NeedMore.
void drain(lsp::FrameReader& reader, std::size_t stream_size, std::size_t max_body, std::vector<Event>& out) {
  for (std::size_t guard = 0;; ++guard) {
    fuzz::require(guard <= stream_size + 1, "next() returns events without consuming bytes");
    lsp::FrameEvent ev = reader.next();
    if (ev.kind == Kind::NeedMore) return;
    fuzz::require(ev.body.size() <= max_body && ev.body.size() <= stream_size, "a body longer than the limit or the stream");
    fuzz::require(ev.kind == Kind::Message || !ev.error.empty(), "a framing error without a message");
    out.push_back({ev.kind, std::move(ev.body)});
  }
}

std::vector<Event> read_all(std::string_view stream, std::size_t chunk, std::size_t max_body, bool& mid_frame) {
  lsp::FrameReader reader(max_body);
  std::vector<Event> events;
  for (std::size_t at = 0; at < stream.size(); at += chunk) {
    reader.feed(stream.substr(at, chunk));
    drain(reader, stream.size(), max_body, events);
  }
  drain(reader, stream.size(), max_body, events);
  mid_frame = reader.mid_frame();
  return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = (data[0] & 0x3f) + 1;                  // 1..64 bytes per read
  const std::size_t max_body = (data[0] & 0x40) ? 64 : lsp::kMaxFrameBytes;  // also the too-large path
  std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

  bool mid_whole = false, mid_chunked = false;
  std::vector<Event> whole = read_all(stream, stream.size() + 1, max_body, mid_whole);
  std::vector<Event> chunked = read_all(stream, chunk, max_body, mid_chunked);
  // Past the header limit, an unfinished header seen early is dropped as junk: chunking may
  // then change what follows, by design.
  if (stream.size() <= lsp::kMaxHeaderBytes) {
    fuzz::require(whole == chunked, "chunking changed the frames read");
    fuzz::require(mid_whole == mid_chunked, "chunking changed mid_frame()");
  }
  return 0;
}
