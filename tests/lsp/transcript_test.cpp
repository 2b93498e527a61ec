// Every tests/lsp/cases/<name>.in against <name>.out; HLAB_UPDATE_GOLDEN=1 rewrites them.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lsp/transcript.hpp"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("language server transcripts", "[lsp][transcript]") {
  const fs::path cases = HLAB_LSP_CASES_DIR;
  const std::string root = fs::canonical(HLAB_LSP_WORKSPACE_DIR).generic_string();
  const char* update = std::getenv("HLAB_UPDATE_GOLDEN");
  std::vector<fs::path> inputs;
  for (const auto& e : fs::directory_iterator(cases))
    if (e.path().extension() == ".in") inputs.push_back(e.path());
  std::sort(inputs.begin(), inputs.end());
  REQUIRE(!inputs.empty());
  for (const auto& in : inputs) {
    DYNAMIC_SECTION(in.filename().string()) {
      std::string actual = hlab::lsp::testing::run_transcript(slurp(in), root, HLAB_STDLIB_DIR);
      fs::path expected_path = fs::path(in).replace_extension(".out");
      if (update && std::string(update) == "1") {
        std::ofstream(expected_path, std::ios::binary) << actual;
      } else {
        REQUIRE(fs::exists(expected_path));
        CHECK(actual == slurp(expected_path));
      }
    }
  }
}
