// Talos patches (v1.12: the VIP as a Layer2VIPConfig document, not the deprecated
// machine.network.interfaces), the Terraform cilium-values template derived from the
// cilium HelmRelease, and least-privilege Vault policies derived from the secret flows.
#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <cstring>
#include <set>

#include "base/literals.hpp"
#include "check/placement.hpp"
#include "emit/detail/access.hpp"
#include "emit/detail/platform.hpp"
#include "emit/doc.hpp"

namespace hlab::emit::detail {
namespace {

std::string src(const sema::Analysis& a, const Entity& e) { return source_name(a, e.span.file); }

Node talos_common(const Model& m, const Entity& c, bool control_plane) {
  Node d = Node::map();
  Node& machine = d["machine"];
  if (control_plane) machine["certSANs"].push(Node(text(m, field(c, "vip"))));
  // Talos reads kubelet flags as strings; "true" stays quoted.
  machine["kubelet"]["extraArgs"]["rotate-server-certificates"] = "true";
  Node& cluster = d["cluster"];
  cluster["network"]["cni"]["name"] = "none";
  cluster["network"]["podSubnets"].push(Node(text(m, field(c, "pod_cidr"))));
  cluster["network"]["serviceSubnets"].push(Node(text(m, field(c, "service_cidr"))));
  cluster["proxy"]["disabled"] = true;
  cluster["externalCloudProvider"]["enabled"] = true;
  if (control_plane) {
    Node& api = cluster["apiServer"];
    api["certSANs"].push(Node(text(m, field(c, "vip"))));
    if (const Value* oidc = field(c, "oidc")) {
      api["extraArgs"]["oidc-issuer-url"] = text(m, oidc->field("issuer"));
      api["extraArgs"]["oidc-client-id"] = text(m, oidc->field("client_id"));
      api["extraArgs"]["oidc-username-claim"] = "email";
      api["extraArgs"]["oidc-groups-claim"] = "groups";
    }
  }
  return d;
}

void talos(const sema::Analysis& a, std::vector<OutputFile>& out) {
  const Model& m = a.model;
  for (auto id : m.of_kind("cluster")) {
    const Entity& c = m.get(id);
    if (!c.value) continue;
    std::string s = src(a, c);
    std::string cp = header(s) + to_yaml(talos_common(m, c, true));
    Node vip = Node::map();
    vip["apiVersion"] = "v1alpha1";
    vip["kind"] = "Layer2VIPConfig";
    vip["name"] = text(m, field(c, "vip"));
    vip["link"] = text(m, field(c, "vip_interface"));
    cp += "---\n" + to_yaml(vip);
    out.push_back({fmt::format("talos/{}/controlplane.yaml", c.name), cp, s});
    out.push_back({fmt::format("talos/{}/worker.yaml", c.name), header(s) + to_yaml(talos_common(m, c, false)), s});
  }
}

// Flux variables of the cilium release, renamed to the talos-cluster-module's variables.
void rename_placeholders(Node& n) {
  static const std::pair<const char*, const char*> names[] = {
      {"${CILIUM_CLUSTER_NAME}", "${cluster_name}"},
      {"${CILIUM_CLUSTER_ID}", "${cluster_id}"},
      {"${CILIUM_CLUSTERMESH_ENDPOINT}", "${clustermesh_endpoint}"}};
  if (n.kind() == Node::Kind::Str) {
    std::string s = n.str();
    for (const auto& [from, to] : names) {
      for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + std::strlen(to)))
        s.replace(p, std::strlen(from), to);
    }
    n = n.raw_scalar() || is_placeholder(s) ? Node::raw(s) : Node(s);
    return;
  }
  if (n.kind() == Node::Kind::Map)
    for (auto& [k, v] : n.entries()) rename_placeholders(v);
  if (n.kind() == Node::Kind::Seq) {
    Node copy = Node::seq();
    for (auto item : n.items()) {
      rename_placeholders(item);
      copy.push(std::move(item));
    }
    n = std::move(copy);
  }
}

void cilium_template(const sema::Analysis& a, std::vector<OutputFile>& out) {
  const Model& m = a.model;
  for (auto id : m.of_kind("helm_release")) {
    const Entity& r = m.get(id);
    const Value* chart = field(r, "chart");
    if (text(m, field(chart, "name")) != "cilium") continue;
    const Value* values = field(r, "values");
    if (!values || values->kind != ValueKind::Record) continue;
    Node n = to_node(m, *values);
    rename_placeholders(n);
    std::string s = src(a, r);
    out.push_back({"terraform/0-infra/talos-cluster-module/cilium-values.yaml",
                   header(s) + "# Rendered by Terraform templatefile(): ${cluster_name}, ${cluster_id} and\n"
                               "# ${clustermesh_endpoint} are the module's variables, not Flux's.\n" + to_yaml(n),
                   s});
    return;
  }
}

// The Vault policies each store's role carries.
std::vector<const Entity*> store_policies(const Model& m, const Entity& store) {
  const Value* auth = field(store, "approle");
  if (!auth) auth = field(store, "kubernetes");
  std::vector<const Entity*> out;
  if (!auth) return out;
  const Entity* role = deref(m, auth->field("role"));
  if (!role) return out;
  if (const Value* ps = field(*role, "policies"))
    for (const auto& p : ps->items) out.push_back(&m.get(p->entity));
  return out;
}

void vault_policies(const sema::Analysis& a, std::vector<OutputFile>& out) {
  const Model& m = a.model;
  check::Placements placements(m);
  // policy name -> data path -> capabilities
  std::map<std::string, std::map<std::string, std::set<std::string>>> uses;
  auto grant = [&](const Entity& policy, const std::string& path, std::initializer_list<const char*> caps) {
    const Value* grants = field(policy, "grants");
    if (!grants) return;
    for (const auto& g : grants->items) {
      if (!base::vault_glob_matches(g->field("path")->text, path)) continue;
      std::set<std::string> have;
      for (const auto& c : g->field("capabilities")->items) have.insert(c->text);
      for (const char* c : caps)
        if (have.count(c)) uses[policy.name][path].insert(c);
    }
  };
  // KV v2 keeps values below `<mount>/data/`; KV v1 directly below the mount.
  auto data_prefix = [&](const Entity* mount) {
    if (!mount) return std::string();
    return mount->name + (text(m, field(*mount, "type")) == "kv_v1" ? "/" : "/data/");
  };
  auto data_path = [&](const Entity& secret) {
    const Entity* mount = deref(m, field(secret, "mount"));
    std::string mname = mount ? mount->name : std::string();
    std::string rest = secret.name.starts_with(mname + "/") ? secret.name.substr(mname.size() + 1) : secret.name;
    return data_prefix(mount) + rest;
  };
  for (auto id : m.of_kind("external_secret")) {
    const Entity& es = m.get(id);
    const Entity* store = deref(m, field(es, "store"));
    if (!store || !es.value) continue;
    std::vector<const Entity*> secrets;
    if (const Value* d = field(es, "data"))
      for (const auto& [k, ref] : d->fields) secrets.push_back(&m.get(ref->entity));
    if (const Value* df = field(es, "data_from"))
      for (const auto& ref : df->items) secrets.push_back(&m.get(ref->entity));
    for (const Entity* p : store_policies(m, *store))
      for (const Entity* s : secrets) grant(*p, data_path(*s), {"read"});
  }
  for (auto id : m.of_kind("push_secret")) {
    const Entity& ps = m.get(id);
    const Entity* store = deref(m, field(ps, "store"));
    if (!store || !ps.value) continue;
    const Entity* mount = deref(m, field(*store, "mount"));
    // The path each cluster's copy of the PushSecret writes, after Flux substitution.
    std::set<std::string> remotes;
    for (const auto& placement : placements.of(ps.id))
      if (auto path = check::substitute(text(m, field(ps, "remote")), placements.vars(placement))) remotes.insert(*path);
    for (const auto& remote : remotes)
      for (const Entity* p : store_policies(m, *store))
        grant(*p, data_prefix(mount) + remote, {"create", "read", "update"});
  }
  for (auto id : m.of_kind("vault_policy")) {
    const Entity& p = m.get(id);
    if (!p.value) continue;
    std::string body = header(src(a, p));
    auto it = uses.find(p.name);
    if (it == uses.end()) {
      // No ExternalSecret or PushSecret uses this policy (Vault Agent sidecars, people):
      // the declared grants are all hlabc knows.
      body += "# No ExternalSecret or PushSecret uses this policy; these are its declared grants.\n";
      for (const auto& g : field(p, "grants")->items) {
        std::string caps;
        for (const auto& c : g->field("capabilities")->items) caps += (caps.empty() ? "\"" : ", \"") + c->text + "\"";
        body += fmt::format("\npath \"{}\" {{\n  capabilities = [{}]\n}}\n", g->field("path")->text, caps);
      }
    } else {
      for (const auto& [path, caps] : it->second) {
        std::string list;
        static const char* order[] = {"create", "read", "update", "patch", "delete", "list", "sudo", "deny"};
        for (const char* c : order)
          if (caps.count(c)) list += (list.empty() ? "\"" : ", \"") + std::string(c) + "\"";
        body += fmt::format("\npath \"{}\" {{\n  capabilities = [{}]\n}}\n", path, list);
      }
    }
    out.push_back({fmt::format("vault/policies/{}.hcl", p.name), body, src(a, p)});
  }
}

}  // namespace

std::vector<OutputFile> platform_files(const sema::Analysis& a) {
  std::vector<OutputFile> out;
  talos(a, out);
  cilium_template(a, out);
  vault_policies(a, out);
  return out;
}

}  // namespace hlab::emit::detail
