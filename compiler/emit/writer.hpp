// Writing the generated tree: atomically (built beside the output folder, swapped in with
// one rename), pruned through a manifest of what hlabc wrote, never touching other files,
// guarded by a lock (flock on the output's parent folder) against a second build.
#pragma once

#include <string>
#include <vector>

#include "emit/emit.hpp"

namespace hlab::emit {

struct WriteOptions {
  std::string out_dir;
  bool check_only = false;  // compare, write nothing
};

struct WriteReport {
  std::vector<std::string> added, changed, removed;  // relative paths
  std::vector<std::string> edited_by_hand;           // generated files changed since hlabc wrote them
  std::size_t unchanged = 0;
  std::string error;                                 // set when the write could not happen
  bool drift() const { return !added.empty() || !changed.empty() || !removed.empty(); }
};

// Name of the manifest file inside the output folder.
inline constexpr const char* kManifestName = ".hlabc-manifest";

// Compares `tree` with `options.out_dir` and, unless check_only, makes the folder equal to
// it. On any failure the folder is left exactly as it was and `error` says why.
WriteReport write_tree(const Tree& tree, const WriteOptions& options);

}  // namespace hlab::emit
