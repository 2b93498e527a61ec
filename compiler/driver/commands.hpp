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
  std::vector<std::string> formats = {"text", "json"};  // the values --format accepts
  std::string color = "auto";
  std::size_t max_errors = 50;
  std::vector<std::string> flags;        // command-specific switches that were given
  std::string out_dir;
};

// Renders diagnostics (stderr for text, stdout for JSON); returns exit_status(a).
int report(const sema::Analysis& a, const CommonOptions& o);
// 2 when an input could not be read, 1 when there are errors, 0 otherwise.
int exit_status(const sema::Analysis& a);
// Prints "error: MESSAGE" and the usage text to stderr; returns 2.
int usage_error(const std::string& message, const char* usage);
// Parses the options shared by commands into `o` (positional arguments go to `paths`);
// returns an exit code when parsing ends the command (--help, a usage error).
std::optional<int> parse_common(const std::vector<std::string>& args, CommonOptions& o, const char* usage,
                                const std::vector<std::string>& extra_flags);
// The stdlib search path: the --stdlib folders, the installed share folder, the repository's.
std::vector<std::string> stdlib_path(const std::vector<std::string>& explicit_dirs, const std::string& argv0);
// Runs sema over the paths.
sema::Analysis analyze_paths(const CommonOptions& o);
// Runs sema and, when it found no errors, the cross-reference checks.
sema::Analysis analyze_and_check(const CommonOptions& o);
// Whether to colour output written to `fd` under --color `mode` (NO_COLOR, TERM=dumb, tty).
bool color_wanted(const std::string& mode, int fd);
// Keeps an analysis until the process ends, never destroyed: freeing its values one by one
// costs a seventh of a check of 50,000 files, and the kernel reclaims the pages at once.
const sema::Analysis& keep_until_exit(sema::Analysis a);
// `hlabc build`.
int cmd_build(const CommonOptions& o);
const char* build_usage();
// `hlabc fmt`.
int cmd_fmt(const std::vector<std::string>& args);
const char* fmt_usage();
// `hlabc graph`.
int cmd_graph(const std::vector<std::string>& args, const std::string& argv0);
const char* graph_usage();
// `hlabc init`.
int cmd_init(const std::vector<std::string>& args, const std::string& argv0);
const char* init_usage();
// `hlabc diff`.
int cmd_diff(const std::vector<std::string>& args, const std::string& argv0);
const char* diff_usage();
// `hlabc check`: its help text (the command is `report(analyze_and_check(o), o)`).
const char* check_usage();
// `hlabc explain CODE | --list | --markdown`.
int cmd_explain(const std::vector<std::string>& args);
const char* explain_usage();
// `hlabc lint PATH... --format text|json|sarif|github`.
int cmd_lint(const std::vector<std::string>& args, const std::string& argv0);
const char* lint_usage();
// `hlabc lsp`.
int cmd_lsp(const std::vector<std::string>& args, const std::string& argv0);
const char* lsp_usage();

}  // namespace hlab::driver
