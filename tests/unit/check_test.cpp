// The pure pieces of the check phase: Flux placeholder parsing and substitution, and the
// placement facts (which folders reach which clusters through which Kustomization) that the
// rules and the emitter share. The rules themselves are tested by tests/cases/checks.
#include <catch2/catch.hpp>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "check/check.hpp"
#include "check/placement.hpp"
#include "sema/analyze.hpp"

#ifndef HLAB_STDLIB_DIR
#error "HLAB_STDLIB_DIR must name the repository's stdlib folder"
#endif

using namespace hlab;
using check::FluxVars;
using check::Placement;

namespace {

namespace fs = std::filesystem;

// Analyses one main.hlab against the repository's stdlib, in a folder removed afterwards.
sema::Analysis analyse(const std::string& text) {
  std::string tmpl = (fs::temp_directory_path() / "hlab-check-XXXXXX").string();
  const char* dir = mkdtemp(tmpl.data());
  REQUIRE(dir != nullptr);
  fs::path root(dir);
  std::ofstream(root / "main.hlab") << text;
  sema::AnalysisOptions o;
  o.inputs = {root.string()};
  o.stdlib_path = {HLAB_STDLIB_DIR};
  sema::Analysis a = sema::analyze(o);
  std::error_code ec;
  fs::remove_all(root, ec);
  return a;
}

std::string names(const sema::Model& m, const std::vector<sema::EntityId>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : " ") + m.get(id).name;
  return out;
}

const char* kProgram = R"(
import std.core
import std.flux
import std.eso

cluster main {
  role = management, vip = 192.168.1.75, ingress_ip = 192.168.1.80
  dns = "local.m1xxos.tech", flux_name = main-cluster, talos_version = v1.12.2
}
cluster gitlab {
  role = workload, vip = 192.168.1.20, ingress_ip = 192.168.1.30, pod_cidr = 10.168.0.0/16
  dns = "gl.m1xxos.tech", flux_name = gitlab-cluster, talos_version = v1.12.2
}

folder clusters/main {}
folder clusters/main/apps {}
folder clusters/main/apps/deep {}
folder clusters/gitlab {}
folder infra/configs { include = [infra/extra] }
folder infra/extra { include = [infra/configs] }

flux_kustomization main-configs {
  at = clusters/main/apps, cluster = main, path = infra/configs
  vars = { DNS_NAME = "local.m1xxos.tech" }
}
flux_kustomization gitlab-configs in gitlab-cluster {
  at = clusters/main, cluster = gitlab, path = infra/configs, kubeconfig = proxmox-gitlab-kubeconfig
  vars = { DNS_NAME = "gl.m1xxos.tech" }
}
flux_kustomization gitlab-root in gitlab-cluster {
  at = clusters/main, cluster = gitlab, path = clusters/gitlab, kubeconfig = proxmox-gitlab-kubeconfig
}

namespace gitlab-cluster { at = clusters/main }
namespace monitoring { at = infra/extra }
config_map cluster-info in monitoring { at = infra/configs, data = { domain = "${DNS_NAME}" } }
k8s_secret vault-rid in kube-system { cluster = gitlab, keys = ["role-id"], created_by = sops }
# CAPI writes gitlab's kubeconfig on main, where the remote Kustomizations read it.
k8s_secret proxmox-gitlab-kubeconfig in gitlab-cluster { cluster = main, keys = ["value"], created_by = capi }
)";

}  // namespace

TEST_CASE("placeholders are read as Flux reads them", "[check][placeholders]") {
  auto ps =
      check::placeholders("a ${DNS_NAME} b ${X:=1} c ${Y:-two} d $${ESCAPED} e ${var.x} f $PLAIN ${_ok9}");
  REQUIRE(ps.size() == 4);
  CHECK(ps[0].name == "DNS_NAME");
  CHECK_FALSE(ps[0].fallback);
  CHECK(ps[0].begin == 2);
  CHECK(ps[0].end == 13);
  CHECK(ps[1].name == "X");
  CHECK(ps[1].fallback == std::optional<std::string>("1"));
  CHECK(ps[2].name == "Y");
  CHECK(ps[2].fallback == std::optional<std::string>("two"));
  CHECK(ps[3].name == "_ok9");
  CHECK(check::placeholders("${unterminated").empty());
  CHECK(check::placeholders("${9starts_with_digit}").empty());
  CHECK_FALSE(check::has_placeholders("$${ONLY_ESCAPED}"));
  CHECK(check::has_placeholders("clustermesh/${CILIUM_CLUSTER_NAME}"));
}

TEST_CASE("substitution uses values, then defaults, and fails on a missing variable",
          "[check][placeholders]") {
  FluxVars vars{{"CILIUM_CLUSTER_NAME", "main"}, {"EMPTY", ""}};
  CHECK(check::substitute("clustermesh/${CILIUM_CLUSTER_NAME}", vars) ==
        std::optional<std::string>("clustermesh/main"));
  CHECK(check::substitute("*.${DNS_NAME:=local.m1xxos.tech}", vars) ==
        std::optional<std::string>("*.local.m1xxos.tech"));
  CHECK(check::substitute("${EMPTY:-fallback}", vars) == std::optional<std::string>("fallback"));
  CHECK(check::substitute("${EMPTY}", vars) == std::optional<std::string>(""));
  CHECK_FALSE(check::substitute("${DNS_NAME}", vars));
  CHECK(check::substitute("no placeholders", {}) == std::optional<std::string>("no placeholders"));
}

TEST_CASE("placements follow folders, includes and Kustomizations", "[check][placement]") {
  sema::Analysis a = analyse(kProgram);
  REQUIRE_FALSE(a.diags.has_errors());
  const sema::Model& m = a.model;
  check::Placements p(m);
  auto folder = [&](const char* n) { return m.find("folder", n); };
  auto ks = [&](const char* n) { return m.find("flux_kustomization", n); };
  const auto main = m.find("cluster", "main");
  const auto gitlab = m.find("cluster", "gitlab");

  SECTION("a folder contains its children (one segment deeper, transitively) and includes") {
    CHECK(names(m, p.closure(folder("clusters/main"))) ==
          "clusters/main clusters/main/apps clusters/main/apps/deep");
    // The include cycle is walked once.
    CHECK(names(m, p.closure(folder("infra/configs"))) == "infra/configs infra/extra");
    CHECK(names(m, p.closure(folder("infra/extra"))) == "infra/extra infra/configs");
    CHECK(p.closure(m.find("cluster", "main")).empty());
  }

  SECTION("a shared layer lands once per Kustomization, with that Kustomization's variables") {
    const auto& ps = p.of_folder(folder("infra/extra"));
    REQUIRE(ps.size() == 2);
    std::set<std::pair<std::string, std::string>> got;
    for (const Placement& x : ps) got.insert({m.get(x.cluster).name, p.vars(x).at("DNS_NAME")});
    CHECK(got == std::set<std::pair<std::string, std::string>>{{"main", "local.m1xxos.tech"},
                                                               {"gitlab", "gl.m1xxos.tech"}});
    const auto ns = m.find("namespace", "monitoring");
    CHECK(p.of(ns) == ps);
    CHECK(p.clusters(ns) == std::vector<sema::EntityId>{std::min(main, gitlab), std::max(main, gitlab)});
    CHECK(names(m, p.placed_by(ks("main-configs"))) == "monitoring cluster-info");
  }

  SECTION("bootstrap applies clusters/<c> unless a Kustomization targeting c already does") {
    const auto& root = p.of_folder(folder("clusters/main/apps/deep"));
    REQUIRE(root.size() == 1);
    CHECK(root[0].bootstrap());
    CHECK(root[0].cluster == main);
    CHECK(p.vars(root[0]).empty());
    const auto& gl = p.of_folder(folder("clusters/gitlab"));
    REQUIRE(gl.size() == 1);
    CHECK(gl[0].kustomization == ks("gitlab-root"));
    CHECK(gl[0].cluster == gitlab);
  }

  SECTION("a Kustomization lives where its own folder lands; kinds without `at` use `cluster`") {
    CHECK(p.clusters(ks("gitlab-configs")) == std::vector<sema::EntityId>{main});
    CHECK(p.folder_of(ks("main-configs")) == folder("clusters/main/apps"));
    CHECK(p.clusters(m.find("k8s_secret", "vault-rid")) == std::vector<sema::EntityId>{gitlab});
    CHECK(p.of(m.find("k8s_secret", "vault-rid")).empty());
  }
}

TEST_CASE("the checks find nothing in a consistent program", "[check]") {
  sema::Analysis a = analyse(kProgram);
  REQUIRE_FALSE(a.diags.has_errors());
  diag::DiagSink sink;
  check::run_checks(a, sink);
  std::string found;
  for (const auto& d : sink.diagnostics())
    found += std::string(diag::info(d.code).id) + " " + d.message + "\n";
  CHECK(found == "");
}

namespace {
// The value a let of main.hlab was bound to.
sema::ValuePtr let_value(const sema::Analysis& a, std::string_view name) {
  for (const auto& l : a.lets) {
    const std::string& text = a.sources.get(l.name.file).text;
    if (text.substr(l.name.begin, l.name.end - l.name.begin) == name) return l.value;
  }
  FAIL("no let " << name);
  return nullptr;
}
}  // namespace

TEST_CASE("constants read again and again share one value; computed values do not", "[sema][constants]") {
  sema::Analysis a = analyse(R"(
template t(n: string) = { a = "x", b = [1, { c = true }], d = "\(n)-y" }
let one = t(n = "p")
let two = t(n = "q")
let _both = [one, two]
)");
  REQUIRE_FALSE(a.diags.has_errors());
  sema::ValuePtr one = let_value(a, "one"), two = let_value(a, "two");
  REQUIRE(one);
  REQUIRE(two);
  CHECK(one->field("a") == two->field("a"));
  CHECK(one->field("b") == two->field("b"));
  CHECK(one->field("d") != two->field("d"));
  CHECK(one->field("d")->text == "p-y");
  CHECK(two->field("d")->text == "q-y");
}

TEST_CASE("a wrong constant read in every round of a loop is reported once", "[sema][constants]") {
  sema::Analysis a = analyse(R"(
schema S {
  port: int(1..10)
}
let _xs: [S] = [for i in [1, 2, 3]: { port = 99 }]
let _ys: [S] = [for i in [1, 2, 3]: { port = 9 }]
)");
  int out_of_range = 0;
  for (const auto& d : a.diags.diagnostics()) out_of_range += d.code == diag::Code::OutOfRange;
  CHECK(out_of_range == 1);
  CHECK(a.diags.error_count() == 1);
}
