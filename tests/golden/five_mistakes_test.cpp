// Five independent mistakes in two files give exactly five diagnostics, each with its own
// code and position: one mistake never hides or duplicates another.
#include <catch2/catch.hpp>

#include "golden/golden_support.hpp"

using namespace hlab::golden;

namespace {

const std::string kClusters =
    "import std.net\n"
    "\n"
    "cluster main {\n"
    "  role = management\n"
    "  vip = 192.168.1.75\n"
    "  pod_cidr = 10.244.0.0/16\n"
    "  mesh_id = 1\n"
    "  dnss = \"local.m1xxos.tech\"   # (2) unknown field\n"
    "}\n"
    "\n"
    "cluster gitlab {\n"
    "  role = workload\n"
    "  vip = 192.168.1.300          # (3) bad IP\n"
    "  pod_cidr = 10.168.0.0/16\n"
    "  mesh_id = 256                # (5) mesh id out of range\n"
    "}\n"
    "\n"
    "cluster media {                # (4) missing pod_cidr\n"
    "  role = workload\n"
    "  vip = 192.168.1.40\n"
    "  mesh_id = 3\n"
    "}\n";

const std::string kSecrets =
    "import std.net\n"
    "\n"
    "vault_secret general/dragonfly-gl-password {\n"
    "  keys = [password]\n"
    "}\n"
    "\n"
    "# (1) unknown name: a typo in a cluster name\n"
    "external_secret dragonfly-gl on [main, gitlb] in gitlab {\n"
    "  data = { password = general/dragonfly-gl-password.password }\n"
    "}\n";

}  // namespace

TEST_CASE("five independent mistakes in two files give exactly five diagnostics", "[golden][five]") {
  TempProject p;
  p.write_std("std/net.hlab", net_schema());
  p.write("clusters.hlab", kClusters);
  p.write("secrets.hlab", kSecrets);
  std::vector<Found> found = p.analyze();
  const std::vector<Found> expected = {
      {"E0203", "clusters.hlab", 8, 3, true},    // dnss
      {"E0206", "clusters.hlab", 13, 9, true},   // 192.168.1.300
      {"E0207", "clusters.hlab", 15, 13, true},  // 256
      {"E0204", "clusters.hlab", 18, 9, true},   // media lacks pod_cidr
      {"E0201", "secrets.hlab", 8, 40, true},    // gitlb
  };
  INFO("actual:\n" << to_string(found));
  CHECK(found == expected);
}

TEST_CASE("fixing the five mistakes leaves a clean program", "[golden][five]") {
  auto fix = [](std::string text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  std::string clusters = kClusters;
  clusters = fix(clusters, "dnss", "dns");
  clusters = fix(clusters, "192.168.1.300", "192.168.1.20");
  clusters = fix(clusters, "mesh_id = 256", "mesh_id = 2");
  clusters = fix(clusters, "  mesh_id = 3\n", "  mesh_id = 3\n  pod_cidr = 10.169.0.0/16\n");
  TempProject p;
  p.write_std("std/net.hlab", net_schema());
  p.write("clusters.hlab", clusters);
  p.write("secrets.hlab", fix(kSecrets, "gitlb", "gitlab"));
  std::vector<Found> found = p.analyze();
  INFO("actual:\n" << to_string(found));
  CHECK(found.empty());
}
