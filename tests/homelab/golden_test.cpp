// The golden of goldens: the real homelab checks clean, and the tree the emitter makes of it
// is, file for file and byte for byte, the committed out/ (without out/.hlabc-manifest).
// Regenerate out/ with `hlabc build homelab/ -o out` from the repository root.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>
#include <vector>

#include "base/secrets.hpp"
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

namespace {

// Every place in a generated tree that looks like secret material: PEM blocks and known
// token formats anywhere, high-entropy words under credential-like keys in YAML, and
// Kubernetes Secrets that carry data (hlabc writes ExternalSecrets, never the values).
std::vector<std::string> secret_findings(const Files& tree) {
  std::vector<std::string> found;
  for (const auto& [path, content] : tree) {
    if (const char* what = base::secret_material("", content)) found.push_back(path + ": " + what);
    if (!path.ends_with(".yaml") && !path.ends_with(".yml")) continue;
    std::vector<YAML::Node> docs;
    try {
      docs = YAML::LoadAll(content);
    } catch (const YAML::Exception& e) {
      found.push_back(path + ": not YAML: " + e.what());
      continue;
    }
    std::function<void(const YAML::Node&, const std::string&)> walk = [&](const YAML::Node& n, const std::string& key) {
      if (n.IsScalar()) {
        if (const char* what = base::secret_material(key, n.Scalar())) found.push_back(path + ": `" + key + "` holds " + what);
      } else if (n.IsSequence()) {
        for (const auto& x : n) walk(x, key);
      } else if (n.IsMap()) {
        for (const auto& kv : n) walk(kv.second, kv.first.IsScalar() ? kv.first.Scalar() : key);
      }
    };
    for (const auto& d : docs) {
      walk(d, "");
      if (d.IsMap() && d["kind"] && d["kind"].IsScalar() && d["kind"].Scalar() == "Secret" &&
          ((d["data"] && d["data"].size() > 0) || (d["stringData"] && d["stringData"].size() > 0)))
        found.push_back(path + ": a Secret with data");
    }
  }
  return found;
}

}  // namespace

TEST_CASE("nothing in out/ looks like secret material", "[homelab][golden][secrets]") {
  Files committed = read_tree(source_out());
  REQUIRE(committed.size() > 100);
  auto found = secret_findings(committed);
  INFO(fmt::format("{}", fmt::join(found, "\n")));
  CHECK(found.empty());
}

TEST_CASE("the out/ secret audit finds keys, tokens and Secrets with data", "[homelab][secrets]") {
  Files tree = {
      {"a.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  admin_password: q8Zr2LmX9vT4kW1pN7sB3yH6\n"},
      {"b.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  user: admin\n"},
      {"c.hcl", "# -----BEGIN RSA PRIVATE KEY-----\n"},
      {"d.yaml", "url: https://example.org/glpat-AbCdEfGhIjKlMnOpQrSt\n"},
      {"e.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  password_file: /run/secrets/password\n"},
  };
  auto found = secret_findings(tree);
  INFO(fmt::format("{}", fmt::join(found, "\n")));
  // d.yaml twice: once as text, once as the value of `url`.
  REQUIRE(found.size() == 5);
  CHECK(found[0].starts_with("a.yaml"));
  CHECK(found[1].starts_with("b.yaml"));
  CHECK(found[2].starts_with("c.hcl"));
  CHECK(found[3].starts_with("d.yaml"));
  CHECK(found[4].starts_with("d.yaml"));
}
