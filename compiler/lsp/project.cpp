// Project folders, analyses and the mapping of old spans onto current text.
#include "lsp/project.hpp"

#include <filesystem>

#include "check/check.hpp"

namespace hlab::lsp {
namespace fs = std::filesystem;

namespace {

bool holds_hlab(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".hlab" && it->is_regular_file(ec)) return true;
  return false;
}

bool is_within(const fs::path& p, const fs::path& root) {
  auto rel = p.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

bool is_syntax_code(diag::Code c) {
  return diag::info(c).id.starts_with("E00");
}

}  // namespace

base::FileId Snapshot::file(const std::string& path) const {
  auto it = files.find(path);
  return it == files.end() ? base::FileId{} : it->second;
}

std::string Snapshot::path(base::FileId id) const {
  std::error_code ec;
  return fs::absolute(analysis.sources.get(id).path, ec).lexically_normal().generic_string();
}

std::string project_folder(const std::string& file, const std::vector<std::string>& roots) {
  fs::path dir = fs::path(file).parent_path();
  fs::path root;
  for (const auto& r : roots)
    if (is_within(dir, r) || fs::path(r).lexically_normal() == dir.lexically_normal()) root = fs::path(r).lexically_normal();
  fs::path best = dir;
  for (fs::path up = dir.parent_path(); !up.empty() && up != up.parent_path(); up = up.parent_path()) {
    if (!root.empty() && !is_within(up, root) && up != root) break;
    if (!holds_hlab(up)) break;
    best = up;
  }
  return best.lexically_normal().generic_string();
}

SnapshotPtr analyze_project(const std::string& folder, const std::vector<std::string>& stdlib, const DocumentStore& docs,
                            std::shared_ptr<sema::ParseCache> cache) {
  auto snap = std::make_shared<Snapshot>();
  snap->folder = folder;
  sema::AnalysisOptions options;
  options.inputs = {folder};
  options.stdlib_path = stdlib;
  options.parse_cache = std::move(cache);
  for (const auto& [uri, doc] : docs.all()) {
    if (doc->path.empty()) continue;
    options.overlays[doc->path] = doc->text;
    snap->versions[doc->path] = doc->version;
  }
  snap->analysis = sema::analyze(options);
  sema::Analysis& a = snap->analysis;
  if (!a.diags.has_errors()) {
    check::run_checks(a, a.diags);
    a.diags.sort(a.sources);
  }
  for (std::uint32_t i = 0; i < a.sources.size(); ++i) snap->files[snap->path(base::FileId{i})] = base::FileId{i};
  for (const auto& d : a.diags.diagnostics())
    if (d.span.valid() && is_syntax_code(d.code)) snap->broken.insert(snap->path(d.span.file));
  for (auto it = snap->versions.begin(); it != snap->versions.end();)
    it = snap->files.count(it->first) ? std::next(it) : snap->versions.erase(it);
  return snap;
}

OffsetMap::OffsetMap(std::string_view old_text, std::string_view new_text)
    : old_size_(static_cast<std::uint32_t>(old_text.size())), new_size_(static_cast<std::uint32_t>(new_text.size())) {
  if (old_text == new_text) return;
  identity_ = false;
  std::size_t n = std::min(old_text.size(), new_text.size());
  std::size_t p = 0;
  while (p < n && old_text[p] == new_text[p]) ++p;
  std::size_t s = 0;
  while (s < n - p && old_text[old_text.size() - 1 - s] == new_text[new_text.size() - 1 - s]) ++s;
  prefix_ = static_cast<std::uint32_t>(p);
  suffix_ = static_cast<std::uint32_t>(s);
}

std::optional<std::uint32_t> OffsetMap::to_new(std::uint32_t o) const {
  if (identity_ || o <= prefix_) return o;
  if (o >= old_size_ - suffix_) return o - old_size_ + new_size_;
  return std::nullopt;
}

std::optional<std::uint32_t> OffsetMap::to_old(std::uint32_t o) const {
  if (identity_ || o <= prefix_) return o;
  if (o >= new_size_ - suffix_) return o - new_size_ + old_size_;
  return std::nullopt;
}

std::uint32_t OffsetMap::to_old_clamped(std::uint32_t o) const {
  auto r = to_old(o);
  return r ? *r : prefix_;
}

View::View(SnapshotPtr snap, const DocumentStore& docs, Encoding enc) : snap_(std::move(snap)), docs_(docs), enc_(enc) {}

const OffsetMap& View::map_for(base::FileId file) const {
  auto it = maps_.find(file.value);
  if (it != maps_.end()) return it->second;
  const auto& src = snap_->analysis.sources.get(file);
  DocumentPtr doc = docs_.by_path(snap_->path(file));
  OffsetMap m = doc ? OffsetMap(src.text, doc->text) : OffsetMap();
  return maps_.emplace(file.value, m).first->second;
}

std::string View::uri(base::FileId file) const {
  std::string path = snap_->path(file);
  if (DocumentPtr doc = docs_.by_path(path)) return doc->uri;
  return path_to_uri(fs::absolute(path).lexically_normal().generic_string());
}

std::optional<json> View::range(base::Span span) const {
  if (!span.valid() || span.file.value >= snap_->analysis.sources.size()) return std::nullopt;
  const auto& src = snap_->analysis.sources.get(span.file);
  DocumentPtr doc = docs_.by_path(snap_->path(span.file));
  if (!doc) return to_range(src.text, src.lines, span.begin, span.end, enc_);
  const OffsetMap& m = map_for(span.file);
  auto b = m.to_new(span.begin), e = m.to_new(span.end);
  if (!b || !e) return std::nullopt;
  return to_range(doc->text, doc->lines, *b, *e, enc_);
}

std::optional<json> View::location(base::Span span) const {
  auto r = range(span);
  if (!r) return std::nullopt;
  return json{{"uri", uri(span.file)}, {"range", *r}};
}

std::uint32_t View::snap_offset(const Document& doc, std::uint32_t doc_offset) const {
  base::FileId f = snap_->file(doc.path);
  if (!f.valid()) return doc_offset;
  return map_for(f).to_old_clamped(doc_offset);
}

std::optional<std::uint32_t> View::doc_offset(const Document& doc, std::uint32_t snap_offset) const {
  base::FileId f = snap_->file(doc.path);
  if (!f.valid()) return std::nullopt;
  return map_for(f).to_new(snap_offset);
}

}  // namespace hlab::lsp
