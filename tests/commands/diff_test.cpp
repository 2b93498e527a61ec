// `hlabc diff`: the tree comparison itself, then the command on a copy of the real homelab
// (a one-line change, no change) and against a git revision of a scratch repository.
#include <catch2/catch.hpp>

#include "commands/run.hpp"
#include "emit/tree_diff.hpp"
#include "support/files.hpp"

using namespace hlab;
using commands_test::describe;

namespace {

const commands_test::fs::path kSource = HLAB_SOURCE_DIR;

emit::Tree tree(std::vector<std::pair<std::string, std::string>> files) {
  emit::Tree t;
  for (auto& [p, c] : files) t.files.push_back({p, c, ""});
  return t;
}

// A copy of homelab/ and out/ in `dir`.
void copy_homelab(const commands_test::fs::path& dir) {
  using std::filesystem::copy_options;
  commands_test::fs::copy(kSource / "homelab", dir / "homelab", copy_options::recursive);
  commands_test::fs::copy(kSource / "out", dir / "out", copy_options::recursive);
}

const char* kCiliumFrom = "let cilium_version = 1.18.6";
const char* kCiliumTo = "let cilium_version = 1.18.7";

}  // namespace

TEST_CASE("tree diff: objects by identity, fields by path, lists by name or as sets", "[diff]") {
  auto before = tree({{"a.yaml",
                       "# header\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: app\n"
                       "  labels:\n    app.kubernetes.io/name: web\nspec:\n  template:\n    spec:\n      containers:\n"
                       "      - name: web\n        image: web:1\n      - name: side\n        image: side:1\n"
                       "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old\n"},
                      {"k/kustomization.yaml", "resources:\n- a.yaml\n- b.yaml\n"},
                      {"p.hcl", "path \"a\" {\n  capabilities = [\"read\"]\n}\n"}});
  auto after = tree({{"a.yaml",
                      "# another header\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: app\n"
                      "  labels:\n    app.kubernetes.io/name: webapp\nspec:\n  template:\n    spec:\n      containers:\n"
                      "      - name: side\n        image: side:1\n      - name: web\n        image: web:2\n"
                      "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: new\n"},
                     {"k/kustomization.yaml", "resources:\n- a.yaml\n- c.yaml\n"},
                     {"p.hcl", "path \"a\" {\n  capabilities = [\"read\", \"list\"]\n}\n"},
                     {"same.yaml", "a: 1\n"}});
  before.files.push_back({"same.yaml", "# only the comment differs\na: 1\n", ""});
  auto diffs = emit::diff_trees(before, after);
  REQUIRE(diffs.size() == 3);

  REQUIRE(diffs[0].path == "a.yaml");
  REQUIRE(diffs[0].objects.size() == 3);
  const auto& deploy = diffs[0].objects[0];
  CHECK(deploy.kind == "Deployment");
  CHECK(deploy.change == emit::Change::Changed);
  REQUIRE(deploy.fields.size() == 2);
  CHECK(deploy.fields[0].path == "metadata.labels[\"app.kubernetes.io/name\"]");
  CHECK(*deploy.fields[0].old_value == "web");
  CHECK(*deploy.fields[0].new_value == "webapp");
  CHECK(deploy.fields[1].path == "spec.template.spec.containers[name=web].image");
  CHECK(*deploy.fields[1].new_value == "web:2");
  CHECK(diffs[0].objects[1].name == "new");
  CHECK(diffs[0].objects[1].change == emit::Change::Added);
  CHECK(diffs[0].objects[2].name == "old");
  CHECK(diffs[0].objects[2].change == emit::Change::Removed);

  REQUIRE(diffs[1].path == "k/kustomization.yaml");
  REQUIRE(diffs[1].objects.size() == 1);
  CHECK(diffs[1].objects[0].name == "document 1");
  REQUIRE(diffs[1].objects[0].fields.size() == 2);
  CHECK(diffs[1].objects[0].fields[0].path == "resources[]");
  CHECK(!diffs[1].objects[0].fields[0].old_value);
  CHECK(*diffs[1].objects[0].fields[0].new_value == "c.yaml");
  CHECK(*diffs[1].objects[0].fields[1].old_value == "b.yaml");

  REQUIRE(diffs[2].path == "p.hcl");
  CHECK(!diffs[2].yaml);
  REQUIRE(diffs[2].lines.size() == 5);
  CHECK(diffs[2].lines[0].text == "@@ -1,3 +1,3 @@");
  CHECK(diffs[2].lines[2].op == '-');
  CHECK(diffs[2].lines[3].op == '+');
}

TEST_CASE("line diff: hunks with context, far changes apart, equal texts empty", "[diff]") {
  std::string a, b;
  for (int i = 1; i <= 20; ++i) {
    a += "line " + std::to_string(i) + "\n";
    b += (i == 2 ? "LINE 2" : i == 18 ? "LINE 18" : "line " + std::to_string(i)) + "\n";
  }
  auto lines = emit::line_diff(a, b, 1);
  REQUIRE(lines.size() == 10);
  CHECK(lines[0].text == "@@ -1,3 +1,3 @@");
  CHECK(lines[5].text == "@@ -17,3 +17,3 @@");
  CHECK(emit::line_diff(a, a).empty());
  auto added = emit::line_diff("", "one\ntwo\n");
  REQUIRE(added.size() == 3);
  CHECK(added[0].text == "@@ -0,0 +1,2 @@");
}

TEST_CASE("diff of a one-line change of the homelab: the chart version, object by object", "[diff]") {
  hlab::testing::TempDir tmp;
  copy_homelab(tmp.path());
  auto same = commands_test::hlabc({"diff", "homelab"}, tmp.path());
  INFO(describe(same));
  CHECK(same.exit_code == 0);
  CHECK(same.out.empty());

  commands_test::replace_once(tmp / "homelab/lib/versions.hlab", kCiliumFrom, kCiliumTo);
  auto text = commands_test::hlabc({"diff", "homelab", "--color", "never"}, tmp.path());
  INFO(describe(text));
  CHECK(text.exit_code == 1);
  CHECK(commands_test::compare_golden(kSource / "tests/commands/diff_expected/cilium_bump.txt", text.out) == "");
  auto md = commands_test::hlabc({"diff", "homelab", "--format", "markdown"}, tmp.path());
  CHECK(md.exit_code == 1);
  CHECK(commands_test::compare_golden(kSource / "tests/commands/diff_expected/cilium_bump.md", md.out) == "");
  auto json = commands_test::hlabc({"diff", "homelab", "--format", "json"}, tmp.path());
  CHECK(json.exit_code == 1);
  CHECK(commands_test::compare_golden(kSource / "tests/commands/diff_expected/cilium_bump.json", json.out) == "");
  auto color = commands_test::hlabc({"diff", "homelab", "--color", "always"}, tmp.path());
  CHECK(color.out.find("\x1b[31m1.18.6\x1b[0m → \x1b[32m1.18.7\x1b[0m") != std::string::npos);
}

TEST_CASE("diff --base builds the sources at a git revision", "[diff]") {
  hlab::testing::TempDir tmp;
  copy_homelab(tmp.path());
  REQUIRE(commands_test::git({"init", "-q"}, tmp.path()).exit_code == 0);
  REQUIRE(commands_test::git({"add", "homelab"}, tmp.path()).exit_code == 0);
  REQUIRE(commands_test::git({"commit", "-qm", "homelab"}, tmp.path()).exit_code == 0);
  commands_test::fs::remove_all(tmp / "out");  // --base does not read out/

  auto same = commands_test::hlabc({"diff", "homelab", "--base", "HEAD"}, tmp.path());
  INFO(describe(same));
  CHECK(same.exit_code == 0);
  CHECK(same.out.empty());

  commands_test::replace_once(tmp / "homelab/lib/versions.hlab", kCiliumFrom, kCiliumTo);
  auto changed = commands_test::hlabc({"diff", "homelab/", "--base", "HEAD", "--color", "never"}, tmp.path());
  INFO(describe(changed));
  CHECK(changed.exit_code == 1);
  CHECK(commands_test::compare_golden(kSource / "tests/commands/diff_expected/cilium_bump.txt", changed.out) == "");

  // From inside the sources folder, the same.
  auto inside = commands_test::hlabc({"diff", ".", "--base", "HEAD", "--color", "never"}, tmp / "homelab");
  CHECK(inside.out == changed.out);

  auto bad = commands_test::hlabc({"diff", "homelab", "--base", "no-such-ref"}, tmp.path());
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("error: cannot read `homelab` at `no-such-ref`") != std::string::npos);
}

TEST_CASE("diff exits 2 on sources with errors and outside a git repository", "[diff]") {
  hlab::testing::TempDir tmp;
  copy_homelab(tmp.path());
  auto no_git = commands_test::hlabc({"diff", "homelab", "--base", "HEAD"}, tmp.path());
  CHECK(no_git.exit_code == 2);
  CHECK(no_git.err.find("is not in a git repository") != std::string::npos);

  commands_test::replace_once(tmp / "homelab/lib/versions.hlab", kCiliumFrom, "let cilium_version = ");
  auto broken = commands_test::hlabc({"diff", "homelab"}, tmp.path());
  CHECK(broken.exit_code == 2);
  CHECK(broken.out.empty());
  CHECK(broken.err.find("error: cannot compare: the sources have errors") != std::string::npos);
}
