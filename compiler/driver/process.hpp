// Running an external program (Graphviz, git, tar, diff) without a shell: arguments are
// passed as they are, stdin is fed from memory and stdout and stderr are captured.
#pragma once

#include <string>
#include <vector>

namespace hlab::driver {

struct ProcessResult {
  bool started = false;  // false when the program could not be run (not on PATH)
  int exit_code = -1;    // the exit status; -1 when killed by a signal
  std::string out, err;
};

// Runs argv[0] (looked up on PATH) with `input` on stdin, in `cwd` when not empty.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = "",
                          const std::string& cwd = "");

// True when `program` is an executable file in a folder of PATH.
bool on_path(const std::string& program);

}  // namespace hlab::driver
