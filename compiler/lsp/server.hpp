// The method binder and the server state: lifecycle, text sync, projects, diagnostics.
// Single-threaded: the stdio loop (stdio.hpp) or a test feeds it messages and asks it to
// publish due diagnostics; in synchronous mode nothing is debounced.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "lsp/documents.hpp"
#include "lsp/handlers.hpp"
#include "lsp/project.hpp"
#include "lsp/transport.hpp"

namespace hlab::lsp {

struct ServerOptions {
  std::vector<std::string> stdlib_path;
  std::string docs_base;             // link target of diagnostic codes, without the `#code`
  std::string version = "0.0.0";
  bool synchronous = false;          // diagnostics as soon as asked, no debounce
  std::chrono::milliseconds debounce{150};
};

class Server {
 public:
  using Clock = std::chrono::steady_clock;
  using Send = std::function<void(const json&)>;

  Server(ServerOptions options, Send send);
  // One event of the frame reader: a message, or a framing error to answer.
  void receive(const FrameEvent& event);
  // One message, already parsed.
  void handle(const json& message);
  // Marks a request as cancelled; safe to call from another thread before it is handled.
  void cancel(const json& id);
  // Analyzes the projects whose debounce has expired (all of them when `force`) and
  // publishes their diagnostics.
  void publish_due(bool force = false);
  // When the next debounced analysis is due; nullopt when none is waiting.
  std::optional<Clock::time_point> next_due() const;
  bool exit_requested() const { return exit_requested_; }
  int exit_code() const { return shutdown_ ? 0 : 1; }
  bool shutdown_received() const { return shutdown_; }

 private:
  struct Project {
    SnapshotPtr latest;
    std::map<std::string, SnapshotPtr> good;  // path -> newest snapshot where it parsed cleanly
    bool dirty = true;
    Clock::time_point due{};
    std::set<std::string> published;          // paths that have diagnostics on the client
    std::shared_ptr<sema::ParseCache> parses = std::make_shared<sema::ParseCache>();
  };
  using Handler = std::function<json(const json& params)>;
  using Notification = std::function<void(const json& params)>;

  void bind();
  void dispatch_request(const json& id, const std::string& method, const json& params);
  void dispatch_notification(const std::string& method, const json& params);
  void reply(const json& id, json result);
  void reply_error(const json& id, int code, const std::string& message);
  void log(int type, const std::string& message);

  json initialize(const json& params);
  void did_open(const json& params);
  void did_change(const json& params);
  void did_close(const json& params);
  void touch(const std::string& path);
  Project& project_for(const std::string& path, std::string& folder);
  void refresh(const std::string& folder, Project& p);
  void publish(const std::string& folder, Project& p);
  // Builds the context of a request about `params.textDocument` (at `params.position` when given).
  json with_context(const json& params, bool position, const std::function<json(const Context&)>& fn);
  json all_workspace_symbols(const json& params);

  ServerOptions options_;
  Send send_;
  DocumentStore docs_;
  std::map<std::string, Project> projects_;  // folder -> project
  std::vector<std::string> roots_;
  std::map<std::string, Handler> requests_;
  std::map<std::string, Notification> notifications_;
  Encoding encoding_ = Encoding::Utf16;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exit_requested_ = false;
  mutable std::mutex cancel_mu_;
  std::set<std::string> cancelled_;          // ids, as dumped JSON
};

}  // namespace hlab::lsp
