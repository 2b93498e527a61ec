// Shared pieces of the commands, internal to the driver.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sema/analyze.hpp"

namespace hlab::driver {

struct CommonOptions {
  std::vector<std::string> paths;
  std::vector<std::string> stdlib_dirs;  // from --stdlib
  std::vector<std::string> stdlib;       // the full search path
  std::string format = "text";
  std::string color = "auto";
  std::size_t max_errors = 50;
  std::vector<std::string> flags;        // command-specific switches that were given
  std::string out_dir;
};

// Renders diagnostics (stderr for text, stdout for JSON); returns 1 when there are errors.
int report(const sema::Analysis& a, const CommonOptions& o);
// Runs sema over the paths.
sema::Analysis analyze_paths(const CommonOptions& o);
// Runs sema and, when it found no errors, the cross-reference checks.
sema::Analysis analyze_and_check(const CommonOptions& o);
// `hlabc build`.
int cmd_build(const CommonOptions& o);
const char* build_usage();
// `hlabc lsp`.
int cmd_lsp(const std::vector<std::string>& args, const std::string& argv0);
const char* lsp_usage();
// The stdlib search path: `--stdlib` folders, then the installed and the source tree's.
std::vector<std::string> stdlib_path(const std::vector<std::string>& explicit_dirs, const std::string& argv0);

}  // namespace hlab::driver
