// The real `hlabc lsp` process over pipes: a 100 MB Content-Length, a frame sent byte by
// byte, EOF in the middle of a frame, a client that closes its end mid-request, and a
// clean shutdown.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "lsp/protocol.hpp"
#include "lsp/transport.hpp"

using hlab::lsp::json;

namespace {

class Process {
 public:
  Process() {
    int in[2], out[2], err[2];
    REQUIRE(pipe(in) == 0);
    REQUIRE(pipe(out) == 0);
    REQUIRE(pipe(err) == 0);
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      dup2(in[0], 0);
      dup2(out[1], 1);
      dup2(err[1], 2);
      for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
      execl(HLABC_BINARY, HLABC_BINARY, "lsp", "--debounce", "0", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    to_ = in[1];
    from_ = out[0];
    err_ = err[0];
    signal(SIGPIPE, SIG_IGN);
  }
  ~Process() {
    if (pid_ > 0 && !waited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    for (int fd : {to_, from_, err_})
      if (fd >= 0) close(fd);
  }

  bool write(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::write(to_, bytes.data(), bytes.size());
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  void send(const json& m) { REQUIRE(write(hlab::lsp::encode_frame(m.dump()))); }
  void close_input() { close(to_); to_ = -1; }
  void close_output() { close(from_); from_ = -1; }

  // The next message from the server, waiting up to 20 s.
  json receive() {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      auto ev = reader_.next();
      if (ev.kind == hlab::lsp::FrameEvent::Kind::Message) return json::parse(ev.body);
      REQUIRE(ev.kind == hlab::lsp::FrameEvent::Kind::NeedMore);
      pollfd p{from_, POLLIN, 0};
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
      REQUIRE(left > 0);
      REQUIRE(poll(&p, 1, static_cast<int>(left)) == 1);
      char buf[65536];
      ssize_t n = read(from_, buf, sizeof buf);
      REQUIRE(n > 0);
      reader_.feed(std::string_view(buf, static_cast<std::size_t>(n)));
    }
  }
  // The next response (messages without an id are skipped).
  json response() {
    for (;;) {
      json m = receive();
      if (m.contains("id")) return m;
    }
  }

  // Waits up to 20 s for the exit; returns the wait status.
  int wait() {
    int status = 0;
    for (int i = 0; i < 2000; ++i) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        waited_ = true;
        return status;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL("hlabc lsp did not exit");
    return -1;
  }
  std::string stderr_text() {
    std::string out;
    char buf[4096];
    fcntl(err_, F_SETFL, O_NONBLOCK);
    for (ssize_t n; (n = read(err_, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    return out;
  }
  // Peak resident memory in KiB, from /proc.
  long peak_kib() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(in, line))
      if (line.starts_with("VmHWM:")) return std::stol(line.substr(6));
    return -1;
  }

 private:
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1, err_ = -1;
  bool waited_ = false;
  hlab::lsp::FrameReader reader_;
};

json initialize(int id) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"method", "initialize"}, {"params", {{"capabilities", json::object()}}}};
}

}  // namespace

TEST_CASE("process: shutdown then exit ends with status 0", "[lsp][process]") {
  Process p;
  p.send(initialize(1));
  CHECK(p.response()["result"].contains("capabilities"));
  p.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}});
  CHECK(p.response()["result"].is_null());
  p.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  int status = p.wait();
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("process: a 100 MB Content-Length is refused without storing it", "[lsp][process]") {
  // Under AddressSanitizer freed memory waits in a quarantine (256 MB by default) before it
  // is reused, which would count the reader's freed buffers as held; keep it small here.
  const char* asan = std::getenv("ASAN_OPTIONS");
  const std::string saved = asan ? asan : "";
  ::setenv("ASAN_OPTIONS", (saved + (saved.empty() ? "" : ":") + "quarantine_size_mb=1").c_str(), 1);
  Process p;
  if (asan) ::setenv("ASAN_OPTIONS", saved.c_str(), 1);
  else ::unsetenv("ASAN_OPTIONS");
  p.send(initialize(1));
  p.response();
  const long before = p.peak_kib();
  REQUIRE(p.write("Content-Length: 100000000\r\n\r\n"));
  json refused = p.response();
  CHECK(refused["id"].is_null());
  CHECK(refused["error"]["code"] == -32600);
  std::string chunk(1 << 20, 'x');
  std::size_t left = 100000000;
  for (; left > chunk.size(); left -= chunk.size()) REQUIRE(p.write(chunk));
  REQUIRE(p.write(chunk.substr(0, left)));
  p.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "workspace/symbol"}, {"params", {{"query", ""}}}});
  json after = p.response();
  CHECK(after["id"] == 2);
  CHECK(after["result"].is_array());
  long peak = p.peak_kib();
  INFO("peak resident memory: " << peak << " KiB, " << before << " KiB after initialize");
  CHECK(before > 0);
  CHECK(peak - before < 40 * 1024);
  p.close_input();
  int status = p.wait();
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 1);  // the input ended without shutdown
}

TEST_CASE("process: a frame sent one byte at a time is answered", "[lsp][process]") {
  Process p;
  std::string frame = hlab::lsp::encode_frame(initialize(7).dump());
  for (char c : frame) {
    REQUIRE(p.write(std::string_view(&c, 1)));
    std::this_thread::sleep_for(std::chrono::microseconds(300));
  }
  json r = p.response();
  CHECK(r["id"] == 7);
  CHECK(r["result"].contains("capabilities"));
}

TEST_CASE("process: EOF in the middle of a frame ends the server with status 1", "[lsp][process]") {
  Process p;
  p.send(initialize(1));
  p.response();
  REQUIRE(p.write("Content-Length: 200\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2,"));
  p.close_input();
  int status = p.wait();
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 1);
  CHECK_THAT(p.stderr_text(), Catch::Contains("middle of a frame"));
}

TEST_CASE("process: a client that closes its end mid-request ends the server cleanly", "[lsp][process]") {
  Process p;
  p.send(initialize(1));
  p.response();
  p.close_output();  // the server's next write fails with EPIPE
  p.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "workspace/symbol"}, {"params", {{"query", ""}}}});
  p.close_input();
  int status = p.wait();
  REQUIRE(WIFEXITED(status));  // not killed by SIGPIPE
  CHECK(WEXITSTATUS(status) == 1);
}
