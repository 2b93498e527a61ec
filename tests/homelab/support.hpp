// Shared pieces of the homelab tests: a scratch copy of homelab/ that a test edits by unique
// snippets, locators that turn a snippet into a line number, the in-process `hlabc check`
// (sema, then the cross-reference rules when sema is clean), and diagnostics flattened to
// code / file / line with files relative to the copied homelab folder.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "emit/emit.hpp"
#include "sema/analyze.hpp"

#ifndef HLAB_SOURCE_DIR
#error "HLAB_SOURCE_DIR must name the repository root"
#endif
#ifndef HLAB_STDLIB_DIR
#error "HLAB_STDLIB_DIR must name the repository's stdlib folder"
#endif

#include "support/files.hpp"

namespace hlab::homelab_test {

namespace fs = std::filesystem;

// The repository's homelab/ and out/.
fs::path source_homelab();
fs::path source_out();

// Reads and writes whole files (binary).
using testing::CwdGuard;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

// Number of (possibly overlapping) occurrences of `needle` in `hay`.
std::size_t count_occurrences(std::string_view hay, std::string_view needle);

// A place in a file of the homelab: its path relative to the homelab folder and a 1-based line.
struct Loc {
  std::string file;
  std::uint32_t line = 0;
  friend auto operator<=>(const Loc&, const Loc&) = default;
};

// One diagnostic label, flattened.
struct FlatLabel {
  Loc loc;
  std::string message;
};

// One diagnostic, flattened. Files inside the homelab folder are shown relative to it
// ("clusters.hlab"); stdlib files as "<stdlib>/std/x.hlab"; anything else as given.
struct FlatDiag {
  std::string code;      // "E0201"
  bool error = true;     // false for warnings and notes
  Loc loc;
  std::string message;
  std::vector<FlatLabel> labels;
  std::string help;
};

// The result of an in-process `hlabc check`.
struct CheckResult {
  sema::Analysis analysis;
  std::vector<FlatDiag> diags;
  bool sema_clean = false;   // the cross-reference rules ran

  std::vector<FlatDiag> errors() const;
  std::vector<FlatDiag> warnings() const;
  // Every diagnostic, one per line ("E0201 mesh.hlab:17 no cluster named `gitlb`").
  std::string listing() const;
};

// Loads `root` with the repository's stdlib; runs the checks when sema found no error (as
// `hlabc check` does) and sorts the diagnostics.
CheckResult check_folder(const fs::path& root);

// A scratch copy of homelab/ in a fresh temporary folder (<tmp>/homelab), removed on
// destruction. Edits fail the test loudly (REQUIRE) when a snippet is missing or not unique.
class Homelab {
 public:
  Homelab();
  ~Homelab();
  Homelab(const Homelab&) = delete;
  Homelab& operator=(const Homelab&) = delete;

  const fs::path& root() const { return root_; }
  std::string read(const std::string& file) const;

  // Replaces the one occurrence of `find` in `file` by `replacement`.
  void replace(const std::string& file, std::string_view find, std::string_view replacement);
  // Deletes the one occurrence of `snippet` in `file`.
  void remove(const std::string& file, std::string_view snippet) { replace(file, snippet, ""); }
  // Appends `text` at the end of `file` (created when absent).
  void append(const std::string& file, std::string_view text);

  // The line of a unique `snippet` in `file`; with `anchor`, the line of the first
  // occurrence of `anchor` inside the snippet.
  Loc at(const std::string& file, std::string_view snippet, std::string_view anchor = {}) const;

  CheckResult check() const { return check_folder(root_); }

 private:
  fs::path tmp_;
  fs::path root_;
};

// `text` with the one occurrence of `find` replaced (REQUIREs that it occurs exactly once).
std::string replace_once(std::string text, std::string_view find, std::string_view replacement);

// The declaration that adds the spec's example cluster (Cilium Clustermesh, "Adding a New
// Cluster": dev, id 3, mesh IP 192.168.1.41) to clusters.hlab: a workload cluster created
// through Cluster API from main like gitlab, with its own VIP, ingress IP, worker range and
// pod CIDR. No dns_zone is added: the kind's `dns` is a hostname, not a zone reference, and
// dev.m1xxos.tech already lies in the managed zone m1xxos.tech (whose issuer solves DNS01).
std::string dev_cluster();

// path -> content of every generated file; of a folder on disk, without .hlabc-manifest.
using Files = std::map<std::string, std::string>;
Files files_of(const emit::Tree& tree);
Files read_tree(const fs::path& dir);

}  // namespace hlab::homelab_test
