// The transcript format, one directive or message per line:
//   # comment                 ignored (so are blank lines)
//   {json}                    a message, framed and fed to the reader
//   @init                     initialize (rootUri $ROOT) + initialized; the response
//                             is left out of the output
//   @init-utf8                the same, offering the UTF-8 position encoding
//   @open REL                 didOpen of $ROOT/REL with its text on disk, version 1
//   @raw "json string"        the decoded bytes, fed as they are (bad frames)
//   @bytewise {json}          a framed message fed one byte at a time
//   @fill N                   N bytes of 'x' (the body of a huge frame)
//   @batch ... @end           messages read before any is handled, so that a
//                             `$/cancelRequest` reaches the request it names first;
//                             diagnostics are published once, after the last
// At the end, `@exit CODE` tells the exit code the server would have, and `@truncated`
// follows when the input stopped in the middle of a frame.
#include "lsp/transcript.hpp"

#include <fstream>
#include <sstream>
#include <vector>

#include "lsp/server.hpp"

namespace hlab::lsp::testing {
namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Runner {
  std::string root;
  std::string stdlib;
  std::ostringstream out;
  FrameReader reader;
  Server server;
  std::vector<json> batch;
  bool in_batch = false;

  Runner(const std::string& r, const std::string& stdlib_dir)
      : root(r), stdlib(stdlib_dir), server(options(stdlib_dir), [this](const json& m) { record(m); }) {}

  static ServerOptions options(const std::string& stdlib) {
    ServerOptions o;
    o.stdlib_path = {stdlib};
    o.docs_base = "https://hlabc.invalid/docs/diagnostics.md";
    o.version = "test";
    o.synchronous = true;
    return o;
  }

  bool quiet_init = false;  // @init: the initialize response is not part of the output

  void record(const json& m) {
    if (quiet_init && m.contains("id") && m["id"] == 0 && m.contains("result")) {
      quiet_init = false;
      return;
    }
    out << replace_all(replace_all(m.dump(2), stdlib, "$STDLIB"), root, "$ROOT") << "\n\n";
  }

  void feed(std::string_view bytes) {
    reader.feed(bytes);
    for (FrameEvent ev = reader.next(); ev.kind != FrameEvent::Kind::NeedMore; ev = reader.next()) {
      if (in_batch && ev.kind == FrameEvent::Kind::Message) {
        json m = json::parse(ev.body, nullptr, false);
        if (!m.is_discarded() && m.is_object() && m.contains("method") && m["method"] == "$/cancelRequest" &&
            m.contains("params") && m["params"].is_object() && m["params"].contains("id"))
          server.cancel(m["params"]["id"]);
        batch.push_back(std::move(m));
        continue;
      }
      server.receive(ev);
      if (!in_batch) server.publish_due();
    }
  }

  void message(const json& m) { feed(encode_frame(m.dump())); }

  void line(std::string text) {
    if (text.empty() || text[0] == '#') return;
    text = replace_all(text, "$ROOT", root);
    if (text == "@init" || text == "@init-utf8") {
      quiet_init = true;
      json caps = text == "@init" ? json::object() : json{{"general", {{"positionEncodings", {"utf-8", "utf-16"}}}}};
      message({{"jsonrpc", "2.0"}, {"id", 0}, {"method", "initialize"},
               {"params", {{"rootUri", path_to_uri(root)}, {"capabilities", caps}}}});
      message({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
    } else if (text.starts_with("@open ")) {
      std::string rel = text.substr(6);
      message({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
               {"params", {{"textDocument", {{"uri", path_to_uri(root + "/" + rel)}, {"languageId", "hlab"}, {"version", 1},
                                             {"text", read_file(root + "/" + rel)}}}}}});
    } else if (text.starts_with("@raw ")) {
      feed(json::parse(text.substr(5)).get<std::string>());
    } else if (text.starts_with("@bytewise ")) {
      std::string frame = encode_frame(json::parse(text.substr(10)).dump());
      for (char ch : frame) feed(std::string_view(&ch, 1));
    } else if (text.starts_with("@fill ")) {
      std::size_t n = std::stoull(text.substr(6));
      std::string chunk(1 << 16, 'x');
      for (; n > chunk.size(); n -= chunk.size()) feed(chunk);
      feed(chunk.substr(0, n));
    } else if (text == "@batch") {
      in_batch = true;
    } else if (text == "@end") {
      in_batch = false;
      for (const json& m : batch) {
        if (m.is_discarded()) server.receive({FrameEvent::Kind::Message, "{", {}});
        else server.handle(m);
      }
      batch.clear();
      server.publish_due();
    } else {
      feed(encode_frame(text));  // sent as written, even when it is not valid JSON
    }
  }
};

}  // namespace

std::string run_transcript(const std::string& input, const std::string& root, const std::string& stdlib) {
  Runner r(root, stdlib);
  std::istringstream in(input);
  std::string text;
  while (std::getline(in, text) && !r.server.exit_requested()) r.line(text);
  r.out << "@exit " << r.server.exit_code() << "\n";
  if (r.reader.mid_frame()) r.out << "@truncated\n";
  return r.out.str();
}

}  // namespace hlab::lsp::testing
