// Lifecycle, method binding, text sync and diagnostics scheduling.
#include "lsp/server.hpp"

#include <filesystem>

namespace hlab::lsp {
namespace fs = std::filesystem;

Server::Server(ServerOptions options, Send send) : options_(std::move(options)), send_(std::move(send)) { bind(); }

void Server::bind() {
  requests_["initialize"] = [this](const json& p) { return initialize(p); };
  requests_["shutdown"] = [this](const json&) {
    shutdown_ = true;
    return json(nullptr);
  };
  requests_["textDocument/hover"] = [this](const json& p) { return with_context(p, true, hover); };
  requests_["textDocument/definition"] = [this](const json& p) { return with_context(p, true, definition); };
  requests_["textDocument/references"] = [this](const json& p) {
    bool decl = p.is_object() && p.contains("context") && p["context"].is_object() && p["context"].value("includeDeclaration", false);
    return with_context(p, true, [decl](const Context& c) { return references(c, decl); });
  };
  requests_["textDocument/prepareRename"] = [this](const json& p) { return with_context(p, true, prepare_rename); };
  requests_["textDocument/rename"] = [this](const json& p) {
    std::string name = require_string(p, "newName");
    return with_context(p, true, [&name](const Context& c) { return rename(c, name); });
  };
  requests_["textDocument/completion"] = [this](const json& p) { return with_context(p, true, completion); };
  requests_["textDocument/documentSymbol"] = [this](const json& p) { return with_context(p, false, document_symbols); };
  requests_["workspace/symbol"] = [this](const json& p) { return all_workspace_symbols(p); };
  requests_["textDocument/semanticTokens/full"] = [this](const json& p) { return with_context(p, false, semantic_tokens); };
  requests_["textDocument/codeAction"] = [this](const json& p) {
    return with_context(p, false, [&p](const Context& c) { return code_actions(c, p); });
  };
  requests_["textDocument/inlayHint"] = [this](const json& p) {
    const json& range = require(p, "range");
    return with_context(p, false, [&range](const Context& c) { return inlay_hints(c, range); });
  };

  notifications_["initialized"] = [](const json&) {};
  notifications_["exit"] = [this](const json&) { exit_requested_ = true; };
  notifications_["textDocument/didOpen"] = [this](const json& p) { did_open(p); };
  notifications_["textDocument/didChange"] = [this](const json& p) { did_change(p); };
  notifications_["textDocument/didClose"] = [this](const json& p) { did_close(p); };
  notifications_["textDocument/didSave"] = [this](const json& p) {
    touch(uri_to_path(require_string(require(p, "textDocument"), "uri")));
  };
  notifications_["workspace/didChangeWatchedFiles"] = [this](const json&) {
    for (auto& [folder, project] : projects_) {
      project.dirty = true;
      project.due = Clock::now() + options_.debounce;
    }
  };
  notifications_["$/cancelRequest"] = [this](const json& p) { cancel(require(p, "id")); };
}

void Server::receive(const FrameEvent& event) {
  switch (event.kind) {
    case FrameEvent::Kind::NeedMore: return;
    case FrameEvent::Kind::BadHeader:
    case FrameEvent::Kind::TooLarge:
      reply_error(nullptr, event.kind == FrameEvent::Kind::TooLarge ? error::kInvalidRequest : error::kParseError, event.error);
      return;
    case FrameEvent::Kind::Message: break;
  }
  json message = json::parse(event.body, nullptr, false);
  if (message.is_discarded()) {
    reply_error(nullptr, error::kParseError, "the message is not valid JSON");
    return;
  }
  handle(message);
}

void Server::handle(const json& m) {
  if (!m.is_object()) {
    reply_error(nullptr, error::kInvalidRequest, "a message must be a JSON object");
    return;
  }
  json id = m.contains("id") ? m["id"] : json();
  bool has_id = m.contains("id");
  if (has_id && !id.is_string() && !id.is_number_integer()) {
    reply_error(nullptr, error::kInvalidRequest, "`id` must be a string or an integer");
    return;
  }
  if (!m.contains("method")) return;  // a response to a request of ours; none are sent
  if (!m["method"].is_string() || m.value("jsonrpc", "") != "2.0") {
    if (has_id) reply_error(id, error::kInvalidRequest, "a request needs `jsonrpc: \"2.0\"` and a string `method`");
    return;
  }
  std::string method = m["method"].get<std::string>();
  json params = m.contains("params") ? m["params"] : json::object();
  if (has_id) dispatch_request(id, method, params);
  else dispatch_notification(method, params);
}

void Server::dispatch_request(const json& id, const std::string& method, const json& params) {
  {
    std::lock_guard lock(cancel_mu_);
    if (cancelled_.erase(id.dump())) {
      reply_error(id, error::kRequestCancelled, "the request was cancelled");
      return;
    }
  }
  if (shutdown_) return reply_error(id, error::kInvalidRequest, "the server is shut down; only `exit` is accepted");
  if (!initialized_ && method != "initialize")
    return reply_error(id, error::kServerNotInitialized, "the server is not initialized yet");
  if (initialized_ && method == "initialize") return reply_error(id, error::kInvalidRequest, "`initialize` was already sent");
  auto it = requests_.find(method);
  if (it == requests_.end()) return reply_error(id, error::kMethodNotFound, "no method `" + method + "`");
  try {
    reply(id, it->second(params));
  } catch (const RpcError& e) {
    reply_error(id, e.code, e.what());
  } catch (const json::exception& e) {
    reply_error(id, error::kInvalidParams, std::string("invalid params: ") + e.what());
  } catch (const std::exception& e) {
    reply_error(id, error::kInternalError, std::string("internal error: ") + e.what());
  }
}

void Server::dispatch_notification(const std::string& method, const json& params) {
  if (method == "exit") {
    exit_requested_ = true;
    return;
  }
  if (!initialized_ || shutdown_) return;  // dropped, as the protocol asks
  auto it = notifications_.find(method);
  if (it == notifications_.end()) return;  // unknown notifications (`$/...` included) are ignored
  try {
    it->second(params);
  } catch (const std::exception& e) {
    log(1, method + ": " + e.what());
  }
}

void Server::cancel(const json& id) {
  if (!id.is_string() && !id.is_number_integer()) return;
  std::lock_guard lock(cancel_mu_);
  if (cancelled_.size() < 10000) cancelled_.insert(id.dump());
}

void Server::reply(const json& id, json result) {
  send_(json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
}

void Server::reply_error(const json& id, int code, const std::string& message) {
  send_(json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
}

void Server::log(int type, const std::string& message) {
  send_(json{{"jsonrpc", "2.0"}, {"method", "window/logMessage"}, {"params", {{"type", type}, {"message", message}}}});
}

json Server::initialize(const json& params) {
  if (!params.is_object()) throw RpcError(error::kInvalidParams, "`initialize` needs an object of params");
  auto add_root = [this](const json& uri) {
    if (!uri.is_string()) return;
    std::string path = uri_to_path(uri.get<std::string>());
    if (!path.empty()) roots_.push_back(path);
  };
  if (params.contains("workspaceFolders") && params["workspaceFolders"].is_array())
    for (const auto& f : params["workspaceFolders"])
      if (f.is_object() && f.contains("uri")) add_root(f["uri"]);
  if (roots_.empty() && params.contains("rootUri")) add_root(params["rootUri"]);
  if (roots_.empty() && params.contains("rootPath") && params["rootPath"].is_string())
    roots_.push_back(fs::path(params["rootPath"].get<std::string>()).lexically_normal().generic_string());
  encoding_ = Encoding::Utf16;
  const json* encodings = nullptr;
  if (params.contains("capabilities") && params["capabilities"].is_object()) {
    const json& caps = params["capabilities"];
    if (caps.contains("general") && caps["general"].is_object() && caps["general"].contains("positionEncodings"))
      encodings = &caps["general"]["positionEncodings"];
  }
  if (encodings && encodings->is_array())
    for (const auto& e : *encodings)
      if (e == "utf-8") encoding_ = Encoding::Utf8;
  if (params.contains("initializationOptions") && params["initializationOptions"].is_object()) {
    const json& io = params["initializationOptions"];
    if (io.contains("docsUrl") && io["docsUrl"].is_string()) options_.docs_base = io["docsUrl"].get<std::string>();
  }
  initialized_ = true;
  json token_types = semantic_tokens_legend();
  return {
      {"capabilities",
       {{"positionEncoding", encoding_ == Encoding::Utf8 ? "utf-8" : "utf-16"},
        {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
        {"hoverProvider", true},
        {"definitionProvider", true},
        {"referencesProvider", true},
        {"renameProvider", {{"prepareProvider", true}}},
        {"completionProvider", {{"triggerCharacters", {"=", " ", "/"}}, {"resolveProvider", false}}},
        {"documentSymbolProvider", true},
        {"workspaceSymbolProvider", true},
        {"semanticTokensProvider", {{"legend", token_types}, {"full", true}, {"range", false}}},
        {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
        {"inlayHintProvider", true}}},
      {"serverInfo", {{"name", "hlabc"}, {"version", options_.version}}}};
}

void Server::did_open(const json& params) {
  const json& td = require(params, "textDocument");
  std::string uri = require_string(td, "uri");
  std::string text = require_string(td, "text");
  const json& version = require(td, "version");
  if (!version.is_number_integer()) throw RpcError(error::kInvalidParams, "`version` must be an integer");
  DocumentPtr doc = docs_.open(uri, version.get<std::int64_t>(), std::move(text));
  touch(doc->path);
}

void Server::did_change(const json& params) {
  const json& td = require(params, "textDocument");
  std::string uri = require_string(td, "uri");
  const json& version = require(td, "version");
  if (!version.is_number_integer()) throw RpcError(error::kInvalidParams, "`version` must be an integer");
  DocumentPtr doc = docs_.change(uri, version.get<std::int64_t>(), require(params, "contentChanges"), encoding_);
  touch(doc->path);
}

void Server::did_close(const json& params) {
  std::string uri = require_string(require(params, "textDocument"), "uri");
  DocumentPtr doc = docs_.get(uri);
  if (!doc) return;
  docs_.close(uri);
  touch(doc->path);  // the file on disk counts again
}

void Server::touch(const std::string& path) {
  if (path.empty() || fs::path(path).extension() != ".hlab") return;
  std::string folder;
  Project& p = project_for(path, folder);
  p.dirty = true;
  p.due = Clock::now() + options_.debounce;
}

Server::Project& Server::project_for(const std::string& path, std::string& folder) {
  folder = project_folder(path, roots_);
  return projects_[folder];
}

void Server::refresh(const std::string& folder, Project& p) {
  if (!p.dirty && p.latest) return;
  p.latest = analyze_project(folder, options_.stdlib_path, docs_, p.parses);
  p.dirty = false;
  for (const auto& [path, id] : p.latest->files)
    if (!p.latest->broken.count(path)) p.good[path] = p.latest;
  publish(folder, p);
}

void Server::publish(const std::string& folder, Project& p) {
  View view(p.latest, docs_, encoding_);
  DiagnosticsOptions dopts{options_.docs_base};
  std::set<std::string> now;
  for (const auto& [path, id] : p.latest->files) {
    bool in_project = path.starts_with(folder + "/");
    DocumentPtr doc = docs_.by_path(path);
    json diags = diagnostics_of(view, id, dopts);
    if (!in_project && !doc) continue;
    if (diags.empty() && !doc && !p.published.count(path)) continue;
    if (!diags.empty()) now.insert(path);
    json params = {{"uri", view.uri(id)}, {"diagnostics", std::move(diags)}};
    if (doc) params["version"] = doc->version;
    send_(json{{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"}, {"params", std::move(params)}});
  }
  for (const auto& path : p.published)
    if (!now.count(path) && !p.latest->files.count(path))
      send_(json{{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"},
                 {"params", {{"uri", path_to_uri(path)}, {"diagnostics", json::array()}}}});
  p.published = std::move(now);
}

void Server::publish_due(bool force) {
  auto now = Clock::now();
  for (auto& [folder, p] : projects_)
    if (p.dirty && (force || options_.synchronous || p.due <= now)) refresh(folder, p);
}

std::optional<Server::Clock::time_point> Server::next_due() const {
  std::optional<Clock::time_point> next;
  for (const auto& [folder, p] : projects_)
    if (p.dirty && (!next || p.due < *next)) next = p.due;
  return next;
}

json Server::with_context(const json& params, bool position, const std::function<json(const Context&)>& fn) {
  std::string uri = require_string(require(params, "textDocument"), "uri");
  Context c;
  c.doc = docs_.get(uri);
  if (!c.doc) throw RpcError(error::kInvalidParams, "document `" + uri + "` is not open");
  if (c.doc->path.empty()) throw RpcError(error::kInvalidParams, "`" + uri + "` is not a file URI");
  std::string folder;
  Project& p = project_for(c.doc->path, folder);
  refresh(folder, p);  // answers see every edit made before the request
  c.snap = p.latest;
  if (c.snap->broken.count(c.doc->path))
    if (auto it = p.good.find(c.doc->path); it != p.good.end()) c.snap = it->second;
  View view(c.snap, docs_, encoding_);
  c.view = &view;
  c.index = index_of(c.snap);
  c.file = c.snap->file(c.doc->path);
  if (position) {
    c.doc_offset = to_offset(c.doc->text, c.doc->lines, require(params, "position"), encoding_);
    c.offset = view.snap_offset(*c.doc, c.doc_offset);
  }
  return fn(c);
}

json Server::all_workspace_symbols(const json& params) {
  std::string query = params.is_object() && params.contains("query") && params["query"].is_string() ? params["query"].get<std::string>() : "";
  for (auto& [folder, p] : projects_) refresh(folder, p);
  std::vector<std::unique_ptr<View>> views;
  std::vector<std::pair<SnapshotPtr, const View*>> snaps;
  for (auto& [folder, p] : projects_) {
    views.push_back(std::make_unique<View>(p.latest, docs_, encoding_));
    snaps.emplace_back(p.latest, views.back().get());
  }
  return workspace_symbols(snaps, query);
}

}  // namespace hlab::lsp
