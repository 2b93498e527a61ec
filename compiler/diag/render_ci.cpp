// The renderers for CI systems: SARIF 2.1.0 for code-scanning services and GitHub Actions
// workflow commands. Both show the same Diagnostic data as render_terminal and render_json.
#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "diag/detail/display_text.hpp"
#include "diag/explain.hpp"
#include "diag/render.hpp"

namespace hlab::diag {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view kSarifSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kSrcRoot = "%SRCROOT%";
constexpr std::string_view kFingerprintKey = "hlabc/v1";

bool has_file(const base::SourceSet& sources, base::Span span) {
  return span.file.valid() && span.file.value < sources.size();
}

std::string_view level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// A file's path relative to the source root ("homelab/mesh.hlab"), or nullopt when the file
// lies outside it (an installed stdlib module).
std::optional<std::string> relative_path(std::string_view path, const std::string& root) {
  if (root.empty()) return std::nullopt;
  std::error_code ec;
  const fs::path abs = fs::absolute(fs::path(path), ec).lexically_normal();
  if (ec) return std::nullopt;
  const fs::path rel = abs.lexically_relative(fs::path(root).lexically_normal());
  if (rel.empty() || *rel.begin() == "..") return std::nullopt;
  return rel.generic_string();
}

std::string absolute_path(std::string_view path) {
  std::error_code ec;
  const fs::path abs = fs::absolute(fs::path(path), ec);
  return (ec ? fs::path(path) : abs.lexically_normal()).generic_string();
}

// RFC 3986: everything but unreserved characters and '/' is percent-encoded.
std::string uri_encode(std::string_view path) {
  std::string out;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '.' || c == '_' || c == '~' || c == '/';
    out += plain ? std::string(1, ch) : fmt::format("%{:02X}", c);
  }
  return out;
}

// The first paragraph of a code's long-form docs, joined into one line.
std::string first_paragraph(std::string_view text) {
  const std::size_t end = text.find("\n\n");
  std::string out(text.substr(0, end));
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

// The text a diagnostic's message shows on a code-scanning page: the message, then its notes
// and help line.
std::string full_message(const Diagnostic& d) {
  std::string text = d.message;
  for (const std::string& n : d.notes) text += "\nnote: " + n;
  if (!d.help.empty()) text += "\nhelp: " + d.help;
  return text;
}

// 64-bit FNV-1a: small, stable across platforms and releases, enough to tell findings apart.
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = 0xcbf29ce484222325ULL) {
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

struct Region {
  detail::Position begin;
  detail::Position end;  // the position just after the span; one column wide when empty
};

Region region_of(const base::SourceFile& file, base::Span span) {
  const std::uint32_t end = std::max(span.begin, span.end);
  Region r{detail::locate(file, span.begin), detail::locate(file, end)};
  if (end == span.begin && r.end.line == r.begin.line) r.end.column = r.begin.column + 1;
  return r;
}

class SarifWriter {
 public:
  SarifWriter(const base::SourceSet& sources, const CiOptions& options) : sources_(sources), options_(options) {}

  json rules() const {
    json list = json::array();
    for (const CodeInfo& c : all_codes()) {
      const std::string_view docs = explanation(c.code);
      json rule = {{"id", c.id},
                   {"name", c.slug},
                   {"shortDescription", {{"text", c.title}}},
                   {"fullDescription", {{"text", first_paragraph(docs)}}},
                   {"help", {{"text", docs}, {"markdown", docs}}},
                   {"defaultConfiguration", {{"level", level(c.severity)}}}};
      if (!options_.docs_url.empty())
        rule["helpUri"] = fmt::format("{}/diagnostics.md#{}-{}", options_.docs_url, lower(c.id), c.slug);
      list.push_back(std::move(rule));
    }
    return list;
  }

  json result(const Diagnostic& d) {
    const CodeInfo& ci = info(d.code);
    json r = {{"ruleId", ci.id},
              {"ruleIndex", static_cast<std::size_t>(d.code)},
              {"level", level(d.severity)},
              {"message", {{"text", full_message(d)}}}};
    if (!has_file(sources_, d.span)) return r;  // e.g. a folder without sources: no location
    json primary = location(d.span);
    if (!d.primary_label.empty()) primary["message"] = {{"text", d.primary_label}};
    r["locations"] = json::array({std::move(primary)});
    json related = json::array();
    int id = 1;
    for (const Label& l : d.labels) {
      if (!has_file(sources_, l.span)) continue;
      json loc = location(l.span);
      loc["id"] = id++;
      if (!l.message.empty()) loc["message"] = {{"text", l.message}};
      related.push_back(std::move(loc));
    }
    if (!related.empty()) r["relatedLocations"] = std::move(related);
    r["partialFingerprints"] = {{kFingerprintKey, fingerprint(d)}};
    return r;
  }

 private:
  static std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }

  json location(base::Span span) const {
    const base::SourceFile& file = sources_.get(span.file);
    json artifact;
    if (auto rel = relative_path(file.path, options_.source_root)) {
      artifact = {{"uri", uri_encode(*rel)}, {"uriBaseId", kSrcRoot}};
    } else {
      artifact = {{"uri", "file://" + uri_encode(absolute_path(file.path))}};
    }
    const Region reg = region_of(file, span);
    json region = {{"startLine", reg.begin.line},
                   {"startColumn", reg.begin.column},
                   {"endLine", reg.end.line},
                   {"endColumn", reg.end.column}};
    return {{"physicalLocation", {{"artifactLocation", std::move(artifact)}, {"region", std::move(region)}}}};
  }

  // Stays the same when lines are added above the finding: the code, the file, the message
  // and the text under the primary span; a count tells identical findings apart.
  std::string fingerprint(const Diagnostic& d) {
    const base::SourceFile& file = sources_.get(d.span.file);
    const std::uint32_t b = std::min<std::uint32_t>(d.span.begin, static_cast<std::uint32_t>(file.text.size()));
    const std::uint32_t e = std::clamp<std::uint32_t>(d.span.end, b, static_cast<std::uint32_t>(file.text.size()));
    const std::string path = relative_path(file.path, options_.source_root).value_or(absolute_path(file.path));
    const std::string_view parts[] = {info(d.code).id, path, d.message, std::string_view(file.text).substr(b, e - b)};
    std::uint64_t h = fnv1a("");
    for (std::string_view part : parts) h = fnv1a(std::string_view("\0", 1), fnv1a(part, h));
    const std::string key = fmt::format("{:016x}", h);
    return fmt::format("{}:{}", key, ++seen_[key]);
  }

  const base::SourceSet& sources_;
  const CiOptions& options_;
  std::map<std::string, int> seen_;
};

// GitHub's toolkit escapes '%', '\r' and '\n' in a command's message ...
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

// ... and also ':' and ',' in its properties.
std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string_view github_command(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "notice";
  }
  return "error";
}

}  // namespace

std::string render_sarif(const std::vector<Diagnostic>& diags, const base::SourceSet& sources,
                         const CiOptions& options) {
  SarifWriter writer(sources, options);
  json driver = {{"name", "hlabc"},
                 {"version", options.tool_version},
                 {"semanticVersion", options.tool_version},
                 {"rules", writer.rules()}};
  if (!options.docs_url.empty()) driver["informationUri"] = options.docs_url + "/diagnostics.md";
  json results = json::array();
  for (const Diagnostic& d : diags) results.push_back(writer.result(d));
  json run = {{"tool", {{"driver", std::move(driver)}}},
              {"columnKind", "unicodeCodePoints"},
              {"results", std::move(results)}};
  if (!options.source_root.empty()) {
    std::string root = fs::path(options.source_root).lexically_normal().generic_string();
    if (!root.ends_with('/')) root += '/';
    run["originalUriBaseIds"] = {{kSrcRoot, {{"uri", "file://" + uri_encode(root)}}}};
  }
  const json doc = {{"$schema", kSarifSchema}, {"version", "2.1.0"}, {"runs", json::array({std::move(run)})}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
}

std::string render_github(const std::vector<Diagnostic>& diags, const base::SourceSet& sources,
                          const CiOptions& options) {
  std::string out;
  for (const Diagnostic& d : diags) {
    const CodeInfo& ci = info(d.code);
    std::string props;
    if (has_file(sources, d.span)) {
      const base::SourceFile& file = sources.get(d.span.file);
      const std::string path = relative_path(file.path, options.source_root).value_or(file.path);
      const Region reg = region_of(file, d.span);
      // GitHub's end column is the last column of the annotation, not the one after it.
      std::uint32_t end_column = reg.end.column > 1 ? reg.end.column - 1 : reg.end.column;
      if (reg.end.line == reg.begin.line) end_column = std::max(end_column, reg.begin.column);
      props = fmt::format("file={},line={},col={},endLine={},endColumn={},", escape_property(path), reg.begin.line,
                          reg.begin.column, reg.end.line, end_column);
    }
    props += "title=" + escape_property(fmt::format("{} {}", ci.id, ci.slug));
    out += fmt::format("::{} {}::{}\n", github_command(d.severity), props, escape_data(full_message(d)));
  }
  return out;
}

}  // namespace hlab::diag
