// Running the built hlabc (and git) for the tests of `graph`, `init` and `diff`, and
// comparing output with golden files.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "driver/process.hpp"

namespace hlab::commands_test {

namespace fs = std::filesystem;

// Runs hlabc with `args` in `cwd`; with `path_env`, under that PATH instead of ours.
driver::ProcessResult hlabc(const std::vector<std::string>& args, const fs::path& cwd = {},
                            const std::string& path_env = "");
// Runs git with `args` in `cwd` (author and committer set, no user config needed).
driver::ProcessResult git(const std::vector<std::string>& args, const fs::path& cwd);
// "exit N\nstdout...\nstderr..." for failure messages.
std::string describe(const driver::ProcessResult& r);

// Compares `actual` with the golden file `path`; with HLAB_UPDATE_GOLDEN=1 rewrites it and
// passes. Returns an empty string when equal, else a description of the first difference.
std::string compare_golden(const fs::path& path, const std::string& actual);

// Replaces the one occurrence of `from` in file `p` with `to`; throws when it is not there.
void replace_once(const fs::path& p, const std::string& from, const std::string& to);

}  // namespace hlab::commands_test
