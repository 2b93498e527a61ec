// Threads, the queue between them, and writes that survive a vanished client.
#include "lsp/stdio.hpp"

#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <deque>
#include <memory>
#include <thread>

namespace hlab::lsp {
namespace {

struct Inbox {
  struct Item {
    FrameEvent event;
    json message;
    bool parsed = false;
  };
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Item> items;
  std::vector<json> cancels;  // ids of `$/cancelRequest`s read so far, not yet passed on
  bool eof = false;
  bool truncated = false;
};

void read_loop(int fd, const std::shared_ptr<Inbox>& inbox) {
  FrameReader reader;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    reader.feed(std::string_view(buf, static_cast<std::size_t>(n)));
    for (FrameEvent ev = reader.next(); ev.kind != FrameEvent::Kind::NeedMore; ev = reader.next()) {
      Inbox::Item item{std::move(ev), {}, false};
      json cancel_id;
      if (item.event.kind == FrameEvent::Kind::Message) {
        item.message = json::parse(item.event.body, nullptr, false);
        item.parsed = !item.message.is_discarded();
        // Cancellations take effect before the request they name is handled.
        if (item.parsed && item.message.is_object() && item.message.contains("method") &&
            item.message["method"] == "$/cancelRequest" &&
            item.message.contains("params") && item.message["params"].is_object() && item.message["params"].contains("id"))
          cancel_id = item.message["params"]["id"];
      }
      std::lock_guard lock(inbox->mu);
      if (!cancel_id.is_null()) inbox->cancels.push_back(std::move(cancel_id));
      inbox->items.push_back(std::move(item));
      inbox->cv.notify_one();
    }
  }
  std::lock_guard lock(inbox->mu);
  inbox->eof = true;
  inbox->truncated = reader.mid_frame();
  inbox->cv.notify_one();
}

// Writes all of `data`; false when the client is gone.
bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

int serve(ServerOptions options, int in_fd, int out_fd) {
  std::signal(SIGPIPE, SIG_IGN);  // a vanished client is a failed write, not a signal
  bool output_lost = false;
  Server server(std::move(options), [&](const json& message) {
    if (output_lost) return;
    std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
    if (!write_all(out_fd, encode_frame(body))) output_lost = true;
  });
  auto inbox = std::make_shared<Inbox>();
  // The reader may stay blocked in read() after we are done; it is detached, and the
  // inbox it shares stays alive as long as it does.
  std::thread([in_fd, inbox] { read_loop(in_fd, inbox); }).detach();
  for (;;) {
    Inbox::Item item;
    bool have = false, eof = false;
    {
      std::unique_lock lock(inbox->mu);
      auto ready = [&] { return !inbox->items.empty() || inbox->eof; };
      if (auto due = server.next_due()) inbox->cv.wait_until(lock, *due, ready);
      else inbox->cv.wait(lock, ready);
      for (const json& id : inbox->cancels) server.cancel(id);
      inbox->cancels.clear();
      if (!inbox->items.empty()) {
        item = std::move(inbox->items.front());
        inbox->items.pop_front();
        have = true;
      } else if (inbox->eof) {
        eof = true;
        if (inbox->truncated) std::fputs("hlabc lsp: the input ended in the middle of a frame\n", stderr);
      }
    }
    if (eof) break;
    if (have) {
      if (item.parsed) server.handle(item.message);
      else server.receive(item.event);
    }
    if (server.exit_requested()) break;
    server.publish_due(false);
    if (output_lost) {
      std::fputs("hlabc lsp: the client closed its input; stopping\n", stderr);
      return 1;
    }
  }
  return server.exit_code();
}

}  // namespace hlab::lsp
