// The command-line interface: argument parsing and the commands. Returns the exit code:
// 0 clean (warnings allowed), 1 errors found or drift, 2 usage or I/O error.
#pragma once

#include <string>
#include <vector>

namespace hlab::driver {

// Runs `hlabc` with `args` (without the program name); `argv0` locates the installed stdlib.
int run(const std::vector<std::string>& args, const std::string& argv0);

}  // namespace hlab::driver
