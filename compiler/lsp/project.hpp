// Projects and their analyses. A project is the folder of .hlab files that holds an open
// document; each analysis of it is an immutable Snapshot. Requests are answered from the
// newest snapshot in which the document parsed cleanly, so a half-typed line does not take
// hover or completion away; positions are carried across the edits made since.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "lsp/documents.hpp"
#include "sema/analyze.hpp"

namespace hlab::lsp {

class Index;

// One analysis of a project, with the document versions it saw.
struct Snapshot {
  sema::Analysis analysis;
  std::string folder;
  std::map<std::string, base::FileId> files;        // normalized path -> file
  std::map<std::string, std::int64_t> versions;     // open documents analyzed -> version
  std::set<std::string> broken;                     // paths with syntax errors
  mutable std::once_flag index_once;                // the Index, built on first use (index.hpp)
  mutable std::shared_ptr<const Index> index;
  base::FileId file(const std::string& path) const;
  std::string path(base::FileId id) const;
};
using SnapshotPtr = std::shared_ptr<const Snapshot>;

// The folder to analyze for `file`: its own folder, or the highest folder above it that
// still holds .hlab files, not leaving the workspace root that contains it.
std::string project_folder(const std::string& file, const std::vector<std::string>& roots);

// Analyzes `folder` with the open documents as overlays, then runs the cross-reference
// checks when sema found no errors (as `hlabc check` does).
// `cache` (optional) keeps the parses of files that did not change since the last call.
SnapshotPtr analyze_project(const std::string& folder, const std::vector<std::string>& stdlib, const DocumentStore& docs,
                            std::shared_ptr<sema::ParseCache> cache = nullptr);

// Maps offsets between a snapshot's text of a file and the current text, across one edited
// region (common prefix and suffix); offsets inside the region have no counterpart.
class OffsetMap {
 public:
  OffsetMap() = default;
  OffsetMap(std::string_view old_text, std::string_view new_text);
  std::optional<std::uint32_t> to_new(std::uint32_t old_offset) const;
  std::optional<std::uint32_t> to_old(std::uint32_t new_offset) const;
  // Like to_old, but an offset inside the edit goes to the edit's start.
  std::uint32_t to_old_clamped(std::uint32_t new_offset) const;

 private:
  std::uint32_t prefix_ = 0, old_size_ = 0, new_size_ = 0, suffix_ = 0;
  bool identity_ = true;
};

// A snapshot seen from the current documents: turns snapshot spans into LSP locations in
// the text the client has now.
class View {
 public:
  View(SnapshotPtr snap, const DocumentStore& docs, Encoding enc);
  const Snapshot& snap() const { return *snap_; }
  const sema::Analysis& analysis() const { return snap_->analysis; }
  Encoding encoding() const { return enc_; }
  // The range of `span` in the client's text; nullopt when that text was edited away.
  std::optional<json> range(base::Span span) const;
  std::optional<json> location(base::Span span) const;
  std::string uri(base::FileId file) const;
  // Offset in the snapshot's text of `doc` for a position of the client's text.
  std::uint32_t snap_offset(const Document& doc, std::uint32_t doc_offset) const;
  std::optional<std::uint32_t> doc_offset(const Document& doc, std::uint32_t snap_offset) const;

 private:
  const OffsetMap& map_for(base::FileId file) const;

  SnapshotPtr snap_;
  const DocumentStore& docs_;
  Encoding enc_;
  mutable std::map<std::uint32_t, OffsetMap> maps_;
};

}  // namespace hlab::lsp
