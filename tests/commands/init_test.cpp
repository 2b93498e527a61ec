// `hlabc init`: the starter homelab passes check and build without a warning, and init
// never writes into a folder that has something in it.
#include <catch2/catch.hpp>

#include "commands/run.hpp"
#include "support/files.hpp"

using namespace hlab;
using commands_test::describe;

TEST_CASE("init writes a homelab that checks and builds without warnings", "[init]") {
  hlab::testing::TempDir tmp;
  auto init = commands_test::hlabc({"init", "homelab"}, tmp.path());
  INFO(describe(init));
  REQUIRE(init.exit_code == 0);
  CHECK(init.err.find("created homelab/clusters.hlab") != std::string::npos);
  CHECK(commands_test::fs::is_regular_file(tmp / "homelab/vault.hlab"));

  auto check = commands_test::hlabc({"check", "homelab"}, tmp.path());
  INFO(describe(check));
  CHECK(check.exit_code == 0);
  CHECK(check.err.empty());  // not even a warning

  auto build = commands_test::hlabc({"build", "homelab"}, tmp.path());
  INFO(describe(build));
  CHECK(build.exit_code == 0);
  CHECK(build.err.find("warning") == std::string::npos);
  CHECK(commands_test::fs::is_regular_file(tmp / "out/clusters/main/apps/podinfo.yaml"));
  CHECK(commands_test::fs::is_regular_file(tmp / "out/vault/policies/apps-reader.hcl"));

  // The secret flow is there: the policy grants exactly the path the ExternalSecret reads.
  std::string policy = hlab::testing::read_file(tmp / "out/vault/policies/apps-reader.hcl");
  CHECK(policy.find("path \"apps/data/podinfo\"") != std::string::npos);
}

TEST_CASE("init refuses a folder that is not empty, and a file", "[init]") {
  hlab::testing::TempDir tmp;
  hlab::testing::write_file(tmp / "homelab/notes.txt", "mine\n");
  auto r = commands_test::hlabc({"init", "homelab"}, tmp.path());
  INFO(describe(r));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("error: `homelab` is not empty; `init` writes only into a new or empty folder") != std::string::npos);
  CHECK(r.err.find("help: ") != std::string::npos);
  CHECK(hlab::testing::read_file(tmp / "homelab/notes.txt") == "mine\n");
  CHECK(!commands_test::fs::exists(tmp / "homelab/clusters.hlab"));

  auto file = commands_test::hlabc({"init", "homelab/notes.txt"}, tmp.path());
  CHECK(file.exit_code == 2);
  CHECK(file.err.find("exists and is not a folder") != std::string::npos);

  auto none = commands_test::hlabc({"init"}, tmp.path());
  CHECK(none.exit_code == 2);
}

TEST_CASE("init writes into an empty folder that exists", "[init]") {
  hlab::testing::TempDir tmp;
  commands_test::fs::create_directories(tmp / "empty");
  auto r = commands_test::hlabc({"init", "empty"}, tmp.path());
  CHECK(r.exit_code == 0);
  CHECK(commands_test::fs::is_regular_file(tmp / "empty/clusters.hlab"));
}
