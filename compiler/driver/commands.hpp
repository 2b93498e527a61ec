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
// The stdlib search path: `explicit_dirs`, then the installed share folder, then the repository's.
std::vector<std::string> stdlib_path(const std::vector<std::string>& explicit_dirs, const std::string& argv0);
// Whether to colour output written to `fd` under --color `mode` (NO_COLOR, TERM=dumb, tty).
bool color_wanted(const std::string& mode, int fd);
// `hlabc build`.
int cmd_build(const CommonOptions& o);
const char* build_usage();
// `hlabc fmt`.
int cmd_fmt(const std::vector<std::string>& args);
const char* fmt_usage();
// Whether to colour output on `fd` for --color `mode` (auto looks at NO_COLOR, TERM, the tty).
bool color_wanted(const std::string& mode, int fd);
// `hlabc graph`.
int cmd_graph(const std::vector<std::string>& args, const std::string& argv0);
const char* graph_usage();
// `hlabc init`.
int cmd_init(const std::vector<std::string>& args, const std::string& argv0);
const char* init_usage();
// `hlabc diff`.
int cmd_diff(const std::vector<std::string>& args, const std::string& argv0);
const char* diff_usage();

}  // namespace hlab::driver
