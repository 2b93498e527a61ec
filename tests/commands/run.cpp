#include "commands/run.hpp"

#include <fmt/core.h>

#include <cstdlib>
#include <stdexcept>

#include "support/files.hpp"

namespace hlab::commands_test {

driver::ProcessResult hlabc(const std::vector<std::string>& args, const fs::path& cwd, const std::string& path_env) {
  std::vector<std::string> argv;
  if (!path_env.empty()) argv = {"/usr/bin/env", "PATH=" + path_env};
  argv.push_back(HLABC_BINARY);
  argv.insert(argv.end(), args.begin(), args.end());
  return driver::run_process(argv, "", cwd.string());
}

driver::ProcessResult git(const std::vector<std::string>& args, const fs::path& cwd) {
  std::vector<std::string> argv = {"git", "-c", "user.name=hlabc tests", "-c", "user.email=tests@example.com",
                                   "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  return driver::run_process(argv, "", cwd.string());
}

std::string describe(const driver::ProcessResult& r) {
  return fmt::format("exit {}\n--- stdout\n{}--- stderr\n{}", r.exit_code, r.out, r.err);
}

std::string compare_golden(const fs::path& path, const std::string& actual) {
  const char* update = std::getenv("HLAB_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    testing::write_file(path, actual);
    return "";
  }
  std::error_code ec;
  if (!fs::exists(path, ec)) return fmt::format("{} is missing (HLAB_UPDATE_GOLDEN=1 writes it)", path.string());
  std::string expected = testing::read_file(path);
  if (expected == actual) return "";
  std::size_t line = 1, i = 0;
  while (i < expected.size() && i < actual.size() && expected[i] == actual[i]) line += expected[i++] == '\n';
  return fmt::format("{} differs from the output at line {} (HLAB_UPDATE_GOLDEN=1 rewrites it)\n--- output\n{}",
                     path.string(), line, actual);
}

void replace_once(const fs::path& p, const std::string& from, const std::string& to) {
  std::string text = testing::read_file(p);
  auto at = text.find(from);
  if (at == std::string::npos || text.find(from, at + 1) != std::string::npos)
    throw std::runtime_error(fmt::format("`{}` is not in {} exactly once", from, p.string()));
  text.replace(at, from.size(), to);
  testing::write_file(p, text);
}

}  // namespace hlab::commands_test
