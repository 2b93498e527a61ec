// Document snapshots, incremental edits and position conversion.
#include "lsp/documents.hpp"

#include <filesystem>

namespace hlab::lsp {

const json& require(const json& params, const char* key) {
  if (!params.is_object() || !params.contains(key)) throw RpcError(error::kInvalidParams, std::string("missing `") + key + "`");
  return params[key];
}

std::string require_string(const json& params, const char* key) {
  const json& v = require(params, key);
  if (!v.is_string()) throw RpcError(error::kInvalidParams, std::string("`") + key + "` must be a string");
  return v.get<std::string>();
}

namespace {

std::uint32_t require_uint(const json& pos, const char* key) {
  const json& v = require(pos, key);
  if (!v.is_number_integer() || v.get<std::int64_t>() < 0)
    throw RpcError(error::kInvalidParams, std::string("`") + key + "` must be a non-negative integer");
  std::int64_t n = v.get<std::int64_t>();
  return n > UINT32_MAX ? UINT32_MAX : static_cast<std::uint32_t>(n);
}

// Length in bytes of the UTF-8 sequence starting with `c` (1 for stray bytes).
std::uint32_t utf8_length(unsigned char c) {
  if (c >= 0xF0 && c < 0xF8) return 4;
  if (c >= 0xE0) return c < 0xF0 ? 3 : 1;
  if (c >= 0xC0) return 2;
  return 1;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::uint32_t to_offset(std::string_view text, const base::LineTable& lines, const json& position, Encoding enc) {
  std::uint32_t line = require_uint(position, "line");
  std::uint32_t character = require_uint(position, "character");
  if (line >= lines.line_count()) return static_cast<std::uint32_t>(text.size());
  std::string_view content = lines.line_text(text, line);
  std::uint32_t start = lines.line_start(line);
  std::uint32_t i = 0, units = 0;
  while (i < content.size() && units < character) {
    std::uint32_t len = utf8_length(static_cast<unsigned char>(content[i]));
    if (i + len > content.size()) len = 1;
    if (enc == Encoding::Utf8) units += len;
    else units += len == 4 ? 2 : 1;
    if (units > character) break;  // inside a surrogate pair or a sequence: stay before it
    i += len;
  }
  return start + i;
}

json to_position(std::string_view text, const base::LineTable& lines, std::uint32_t offset, Encoding enc) {
  if (offset > text.size()) offset = static_cast<std::uint32_t>(text.size());
  std::uint32_t line = lines.line_index(offset);
  std::uint32_t start = lines.line_start(line);
  std::uint32_t character = enc == Encoding::Utf8 ? offset - start : lines.utf16_column(text, offset);
  return {{"line", line}, {"character", character}};
}

json to_range(std::string_view text, const base::LineTable& lines, std::uint32_t begin, std::uint32_t end, Encoding enc) {
  return {{"start", to_position(text, lines, begin, enc)}, {"end", to_position(text, lines, end, enc)}};
}

std::string uri_to_path(std::string_view uri) {
  constexpr std::string_view kScheme = "file://";
  if (!uri.starts_with(kScheme)) return {};
  uri.remove_prefix(kScheme.size());
  // file://host/path: only the local host (empty or "localhost") is understood.
  if (uri.starts_with("localhost/")) uri.remove_prefix(9);
  if (!uri.starts_with("/")) return {};
  std::string out;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(uri[i + 1]) * 16 + hex(uri[i + 2])));
      i += 2;
    } else if (uri[i] == '?' || uri[i] == '#') {
      break;
    } else {
      out.push_back(uri[i]);
    }
  }
  if (out.find('\0') != std::string::npos) return {};
  return std::filesystem::path(out).lexically_normal().generic_string();
}

std::string path_to_uri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : path) {
    bool plain = std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

DocumentPtr DocumentStore::open(const std::string& uri, std::int64_t version, std::string text) {
  auto doc = std::make_shared<const Document>(uri, uri_to_path(uri), version, std::move(text));
  docs_[uri] = doc;
  return doc;
}

DocumentPtr DocumentStore::change(const std::string& uri, std::int64_t version, const json& changes, Encoding enc) {
  auto it = docs_.find(uri);
  if (it == docs_.end()) throw RpcError(error::kInvalidParams, "document `" + uri + "` is not open");
  if (!changes.is_array()) throw RpcError(error::kInvalidParams, "`contentChanges` must be an array");
  std::string text = it->second->text;
  for (const json& c : changes) {
    if (!c.is_object() || !c.contains("text") || !c["text"].is_string())
      throw RpcError(error::kInvalidParams, "a content change needs a `text` string");
    if (!c.contains("range")) {
      text = c["text"].get<std::string>();
      continue;
    }
    base::LineTable lines(text);
    const json& range = c["range"];
    std::uint32_t b = to_offset(text, lines, require(range, "start"), enc);
    std::uint32_t e = to_offset(text, lines, require(range, "end"), enc);
    if (e < b) throw RpcError(error::kInvalidParams, "a change's range ends before it starts");
    text.replace(b, e - b, c["text"].get_ref<const std::string&>());
  }
  auto doc = std::make_shared<const Document>(uri, it->second->path, version, std::move(text));
  it->second = doc;
  return doc;
}

void DocumentStore::close(const std::string& uri) { docs_.erase(uri); }

DocumentPtr DocumentStore::get(const std::string& uri) const {
  auto it = docs_.find(uri);
  return it == docs_.end() ? nullptr : it->second;
}

DocumentPtr DocumentStore::by_path(const std::string& path) const {
  for (const auto& [uri, doc] : docs_)
    if (doc->path == path) return doc;
  return nullptr;
}

}  // namespace hlab::lsp
