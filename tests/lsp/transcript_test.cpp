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
  REQUIRE(inputs.size() >= 15);
  for (const auto& in : inputs) {
    DYNAMIC_SECTION(in.filename().string()) {
      std::string actual = hlab::lsp::testing::run_transcript(slurp(in), root, fs::canonical(HLAB_STDLIB_DIR).generic_string());
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

TEST_CASE("a storm of edits ends in one publication of the last version", "[lsp][transcript]") {
  const std::string root = fs::canonical(HLAB_LSP_WORKSPACE_DIR).generic_string();
  const std::string uri = "file://" + root + "/project/hosts.hlab";
  std::string in = "@init\n@open project/hosts.hlab\n@batch\n";
  constexpr int kEdits = 4000;
  for (int v = 2; v < kEdits + 2; ++v) {
    // Type `x` after `router`, then take it away again.
    std::string range = v % 2 == 0 ? R"({"start":{"line":3,"character":11},"end":{"line":3,"character":11}})"
                                   : R"({"start":{"line":3,"character":11},"end":{"line":3,"character":12}})";
    in += R"({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":")" + uri +
          R"(","version":)" + std::to_string(v) + R"(},"contentChanges":[{"range":)" + range + R"(,"text":")" +
          (v % 2 == 0 ? "x" : "") + "\"}]}}\n";
  }
  in += "@end\n";
  in += R"({"jsonrpc":"2.0","id":1,"method":"textDocument/definition","params":{"textDocument":{"uri":")" + uri +
        R"("},"position":{"line":5,"character":13}}})" "\n";
  std::string out = hlab::lsp::testing::run_transcript(in, root, fs::canonical(HLAB_STDLIB_DIR).generic_string());
  std::size_t publications = 0;
  for (std::size_t at = out.find("publishDiagnostics"); at != std::string::npos; at = out.find("publishDiagnostics", at + 1)) ++publications;
  CHECK(publications == 2);  // on open, and once after the storm
  CHECK(out.find("\"version\": " + std::to_string(kEdits + 1)) != std::string::npos);
  CHECK(out.find("\"uri\": \"file://$ROOT/project/net.hlab\"") != std::string::npos);
  CHECK(out.find("\"error\"") == std::string::npos);
}
