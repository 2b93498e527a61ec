// The document store: open documents as immutable snapshots. An edit makes a new
// snapshot; readers holding the old one are unaffected.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "base/source.hpp"
#include "lsp/protocol.hpp"

namespace hlab::lsp {

struct Document {
  std::string uri;
  std::string path;       // normalized file path, "" when the URI is not a file
  std::int64_t version = 0;
  std::string text;
  base::LineTable lines;
  Document(std::string u, std::string p, std::int64_t v, std::string t)
      : uri(std::move(u)), path(std::move(p)), version(v), text(std::move(t)), lines(text) {}
};
using DocumentPtr = std::shared_ptr<const Document>;

// LSP positions <-> byte offsets in `text`, in the negotiated encoding. Positions past a
// line's end clamp to it, lines past the end clamp to the end of the text.
std::uint32_t to_offset(std::string_view text, const base::LineTable& lines, const json& position, Encoding enc);
json to_position(std::string_view text, const base::LineTable& lines, std::uint32_t offset, Encoding enc);
json to_range(std::string_view text, const base::LineTable& lines, std::uint32_t begin, std::uint32_t end, Encoding enc);

// file:///a%20b/c.hlab -> /a b/c.hlab; "" when not a file URI.
std::string uri_to_path(std::string_view uri);
std::string path_to_uri(std::string_view path);

class DocumentStore {
 public:
  DocumentPtr open(const std::string& uri, std::int64_t version, std::string text);
  // Applies `contentChanges` of didChange in order; throws RpcError for malformed ones.
  DocumentPtr change(const std::string& uri, std::int64_t version, const json& changes, Encoding enc);
  void close(const std::string& uri);
  DocumentPtr get(const std::string& uri) const;
  DocumentPtr by_path(const std::string& path) const;
  const std::map<std::string, DocumentPtr>& all() const { return docs_; }

 private:
  std::map<std::string, DocumentPtr> docs_;
};

}  // namespace hlab::lsp
