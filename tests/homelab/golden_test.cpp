// The golden of goldens: the real homelab checks clean, and the tree the emitter makes of it
// is, file for file and byte for byte, the committed out/ (without out/.hlabc-manifest).
// Regenerate out/ with `hlabc build homelab/ -o out` from the repository root.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support.hpp"

using namespace hlab;
using namespace hlab::homelab_test;

TEST_CASE("hlabc check homelab/ is clean", "[homelab][golden]") {
  CwdGuard cwd(HLAB_SOURCE_DIR);
  CheckResult r = check_folder("homelab");
  INFO(r.listing());
  CHECK(r.sema_clean);
  CHECK(r.errors().empty());
  CHECK(r.warnings().empty());
}

TEST_CASE("the tree of homelab/ is the committed out/", "[homelab][golden]") {
  Files built;
  {
    // The headers name sources as the CLI does from the repository root: homelab/x.hlab.
    CwdGuard cwd(HLAB_SOURCE_DIR);
    CheckResult r = check_folder("homelab");
    INFO(r.listing());
    REQUIRE(!r.analysis.diags.has_errors());
    built = files_of(emit::build_tree(r.analysis));
  }
  REQUIRE(fs::is_directory(source_out()));
  Files committed = read_tree(source_out());

  std::vector<std::string> only_built, only_committed, differ;
  for (const auto& [path, content] : built) {
    auto it = committed.find(path);
    if (it == committed.end()) only_built.push_back(path);
    else if (it->second != content) differ.push_back(path);
  }
  for (const auto& [path, content] : committed)
    if (!built.count(path)) only_committed.push_back(path);

  INFO("built " << built.size() << " files, out/ holds " << committed.size()
                << "; regenerate with `hlabc build homelab/ -o out` if the change is intended");
  CHECK(only_built == std::vector<std::string>{});
  CHECK(only_committed == std::vector<std::string>{});
  CHECK(differ == std::vector<std::string>{});
  for (const auto& path : differ) {
    INFO("first difference: " << path << "\n--- built ---\n" << built[path] << "\n--- out/ ---\n" << committed[path]);
    CHECK(built[path] == committed[path]);
    break;
  }
  CHECK(built.size() > 100);
}
