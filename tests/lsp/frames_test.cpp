// The frame reader on its own: split input, bad headers, huge lengths, resynchronization.
#include <catch2/catch.hpp>

#include "lsp/transport.hpp"

using hlab::lsp::FrameEvent;
using hlab::lsp::FrameReader;

namespace {

std::vector<FrameEvent> drain(FrameReader& r) {
  std::vector<FrameEvent> out;
  for (FrameEvent ev = r.next(); ev.kind != FrameEvent::Kind::NeedMore; ev = r.next()) out.push_back(ev);
  return out;
}

}  // namespace

TEST_CASE("frames: whole, split at every byte, and two in one read", "[lsp][frames]") {
  std::string two = hlab::lsp::encode_frame("{\"a\":1}") + hlab::lsp::encode_frame("{}");
  FrameReader whole;
  whole.feed(two);
  auto evs = drain(whole);
  REQUIRE(evs.size() == 2);
  CHECK(evs[0].body == "{\"a\":1}");
  CHECK(evs[1].body == "{}");
  CHECK_FALSE(whole.mid_frame());

  FrameReader bytewise;
  std::vector<std::string> bodies;
  for (char c : two) {
    bytewise.feed(std::string_view(&c, 1));
    for (auto& ev : drain(bytewise)) bodies.push_back(ev.body);
  }
  CHECK(bodies == std::vector<std::string>{"{\"a\":1}", "{}"});
}

TEST_CASE("frames: a length over the limit is refused and its body skipped unstored", "[lsp][frames]") {
  FrameReader r(1024);
  r.feed("Content-Length: 100000000\r\n\r\n");
  auto evs = drain(r);
  REQUIRE(evs.size() == 1);
  CHECK(evs[0].kind == FrameEvent::Kind::TooLarge);
  CHECK(r.mid_frame());
  std::string chunk(1 << 20, 'x');
  for (int i = 0; i < 95; ++i) r.feed(chunk);  // 95 MiB: still inside the refused body
  CHECK(drain(r).empty());
  r.feed(std::string(100000000 - 95 * (1 << 20), 'x'));
  r.feed(hlab::lsp::encode_frame("{}"));
  evs = drain(r);
  REQUIRE(evs.size() == 1);
  CHECK(evs[0].body == "{}");
}

TEST_CASE("frames: missing, non-numeric and absurd lengths", "[lsp][frames]") {
  FrameReader r;
  r.feed("Content-Type: x\r\n\r\n");
  r.feed("Content-Length: twelve\r\n\r\n");
  r.feed("Content-Length: 99999999999999999999999999\r\n\r\n");
  auto evs = drain(r);
  REQUIRE(evs.size() == 3);
  CHECK(evs[0].kind == FrameEvent::Kind::BadHeader);
  CHECK(evs[1].kind == FrameEvent::Kind::BadHeader);
  CHECK(evs[2].kind == FrameEvent::Kind::TooLarge);
}

TEST_CASE("frames: a too-short length leaves junk before the next header, which is skipped", "[lsp][frames]") {
  FrameReader r;
  r.feed("Content-Length: 5\r\n\r\n{\"a\":1}");
  r.feed(hlab::lsp::encode_frame("{}"));
  auto evs = drain(r);
  REQUIRE(evs.size() == 2);
  CHECK(evs[0].body == "{\"a\":");
  CHECK(evs[1].body == "{}");
}

TEST_CASE("frames: an endless header is dropped at the header limit", "[lsp][frames]") {
  FrameReader r;
  r.feed(std::string(hlab::lsp::kMaxHeaderBytes + 10, 'h'));
  auto evs = drain(r);
  REQUIRE(evs.size() == 1);
  CHECK(evs[0].kind == FrameEvent::Kind::BadHeader);
  r.feed(hlab::lsp::encode_frame("{}"));
  evs = drain(r);
  REQUIRE(evs.size() == 1);
  CHECK(evs[0].body == "{}");
}

TEST_CASE("frames: EOF inside a frame is visible as mid_frame", "[lsp][frames]") {
  FrameReader r;
  r.feed("Content-Length: 10\r\n\r\n{\"a\"");
  CHECK(drain(r).empty());
  CHECK(r.mid_frame());
}
