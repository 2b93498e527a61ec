// The secrets graph: who writes each Vault secret (Terraform, a person, a PushSecret on
// each cluster that applies it), the secret in its mount's box, and who reads it (an
// ExternalSecret on each cluster it lands on, a Vault Agent sidecar). Every edge that goes
// through a secret store is coloured by the policy that grants the access (the legend names
// the colours; labels on every edge were clutter); a red dashed edge is access no policy
// grants. ExternalSecrets that read nothing from Vault (templates only) are left out.
#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/literals.hpp"
#include "check/placement.hpp"
#include "graph/detail/access.hpp"
#include "graph/graph.hpp"

namespace hlab::graph {
namespace {

using namespace detail;

constexpr const char* kGrey = "#64748b";
constexpr const char* kPalette[] = {"#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c",
                                    "#0891b2", "#be185d", "#4d7c0f", "#92400e", "#475569"};
constexpr const char* kAgentPrefix = "vault.hashicorp.com/agent-inject-secret-";

class SecretsGraph {
 public:
  explicit SecretsGraph(const Model& m) : m_(m), placements_(m) {}

  Graph run() {
    g_.name = "secrets";
    g_.title = "Secrets: producers, Vault paths and readers, edges by granting policy";
    g_.styles = {
        {"terraform", "written by Terraform", Shape::Parallelogram, "#e0e7ff", "#4338ca"},
        {"manual", "written by hand", Shape::Parallelogram, "#fce7f3", "#be185d"},
        {"push", "PushSecret", Shape::Rounded, "#dcfce7", "#15803d"},
        {"secret", "Vault secret", Shape::Cylinder, "#fef3c7", "#b45309"},
        {"external", "ExternalSecret", Shape::Rounded, "#dbeafe", "#1d4ed8"},
        {"agent", "Vault Agent sidecar", Shape::Hexagon, "#f3e8ff", "#7e22ce"},
    };
    index_policies();
    index_secrets();
    add_writers();
    add_readers();
    add_agents();
    if (by_producer_)
      g_.edge_legend.push_back({"Terraform or a person writes the secret", false, kGrey});
    for (const auto& [name, color] : policy_color_)
      if (used_policies_.count(name)) g_.edge_legend.push_back({"policy " + name + " grants it", false, color});
    normalize(g_);
    return std::move(g_);
  }

 private:
  struct Secret {
    std::string node;       // the node id
    std::string data_path;  // what KV reads and writes: below data/ for KV v2
  };

  void index_policies() {
    std::vector<std::string> names;
    for (EntityId p : m_.of_kind("vault_policy")) names.push_back(m_.get(p).name);
    std::sort(names.begin(), names.end());
    for (std::size_t i = 0; i < names.size(); ++i)
      policy_color_[names[i]] = kPalette[i % (sizeof kPalette / sizeof kPalette[0])];
  }

  static std::string data_path(const Entity& mount, const std::string& rel) {
    bool kv_v1 = text(field(mount, "type")) == "kv_v1";
    return kv_v1 ? mount.name + "/" + rel : mount.name + "/data/" + rel;
  }

  // The node of `rel` below `mount`, added with its mount's box on first use.
  std::string secret_node(const Entity& mount, const std::string& rel, const Entity* secret) {
    std::string id = "vault/" + mount.name + "/" + rel;
    std::string group = "mount/" + mount.name;
    g_.groups.push_back({group, "Vault mount " + mount.name + "/", "#fffbeb"});
    Node n{id, {rel}, "secret", group};
    if (secret)
      if (const Value* keys = field(*secret, "keys")) {
        std::vector<std::string> names;
        for (const auto& k : keys->items) names.push_back(k->text);
        if (!names.empty()) n.lines.push_back(names.size() > 3 ? fmt::format("{}, {} … (+{})", names[0], names[1], names.size() - 2)
                                                               : join(names));
      }
    g_.nodes.push_back(std::move(n));
    by_data_path_.emplace(data_path(mount, rel), id);
    return id;
  }

  void index_secrets() {
    for (EntityId s : m_.of_kind("vault_secret")) {
      const Entity& e = m_.get(s);
      EntityId mount = ref_field(e, "mount");
      if (!mount.valid()) continue;
      const Entity& me = m_.get(mount);
      std::string prefix = me.name + "/";
      std::string rel = e.name.starts_with(prefix) ? e.name.substr(prefix.size()) : e.name;
      std::string id = secret_node(me, rel, &e);
      secrets_[s] = {id, data_path(me, rel)};
      std::string by = text(field(e, "producer") ? field(e, "producer")->field("by") : nullptr);
      if (by == "terraform") {
        g_.nodes.push_back({"producer/terraform", {"Terraform"}, "terraform", ""});
        g_.edges.push_back({"producer/terraform", id, "", false, kGrey});
        by_producer_ = true;
      } else if (by == "manual") {
        g_.nodes.push_back({"producer/manual", {"a person"}, "manual", ""});
        g_.edges.push_back({"producer/manual", id, "", false, kGrey});
        by_producer_ = true;
      }
    }
  }

  std::vector<EntityId> role_policies(EntityId role) const {
    std::vector<EntityId> out;
    if (const Value* ps = field(m_.get(role), "policies"))
      for (const auto& p : ps->items)
        if (EntityId id = ref(p.get()); id.valid()) out.push_back(id);
    return out;
  }

  static bool has_cap(const Value& grant, std::string_view cap) {
    if (const Value* caps = grant.field("capabilities"))
      for (const auto& c : caps->items)
        if (c->text == cap) return true;
    return false;
  }

  // The first policy of `role` whose grants give `cap` on `path` (none deny it); "" if none.
  std::string granting_policy(EntityId role, const std::string& path, std::string_view cap) const {
    if (!role.valid()) return "";
    for (EntityId p : role_policies(role)) {
      const Value* grants = field(m_.get(p), "grants");
      bool granted = false, denied = false;
      for (const auto& gr : grants ? grants->items : std::vector<sema::ValuePtr>{}) {
        if (!base::vault_glob_matches(text(gr->field("path")), path)) continue;
        denied = denied || has_cap(*gr, "deny");
        granted = granted || has_cap(*gr, cap);
      }
      if (granted && !denied) return m_.get(p).name;
    }
    return "";
  }

  EntityId store_role(EntityId store) const {
    if (!store.valid()) return {};
    for (const char* auth : {"approle", "kubernetes"})
      if (const Value* a = field(m_.get(store), auth); a && a->kind == ValueKind::Record)
        if (EntityId r = ref(a->field("role")); r.valid()) return r;
    return {};
  }

  Edge policy_edge(std::string from, std::string to, const std::string& policy) {
    if (policy.empty()) return {std::move(from), std::move(to), "no policy grants this", true, "#dc2626"};
    used_policies_.insert(policy);
    return {std::move(from), std::move(to), "", false, policy_color_[policy]};
  }

  std::string cluster_group(const std::string& side, EntityId cluster, const char* what) {
    if (!cluster.valid()) {
      g_.groups.push_back({side + "/-", fmt::format("{} applied by no Kustomization", what), ""});
      return side + "/-";
    }
    const std::string& c = m_.get(cluster).name;
    g_.groups.push_back({side + "/" + c, fmt::format("cluster {}: {}", c, what), "#f8fafc"});
    return side + "/" + c;
  }

  void add_writers() {
    for (EntityId ps : m_.of_kind("push_secret")) {
      const Entity& e = m_.get(ps);
      EntityId store = ref_field(e, "store");
      EntityId mount = store.valid() ? ref_field(m_.get(store), "mount") : EntityId{};
      const Value* remote = field(e, "remote");
      if (!mount.valid() || !remote) continue;
      std::vector<check::Placement> where = placements_.of(ps);
      if (where.empty()) where.push_back({});
      for (const check::Placement& p : where) {
        auto expanded = check::substitute(remote->text, placements_.vars(p));
        if (!expanded) continue;
        std::string rel = *expanded;
        while (rel.starts_with("/")) rel.erase(0, 1);
        while (rel.ends_with("/")) rel.pop_back();
        if (rel.empty()) continue;
        const Entity& me = m_.get(mount);
        std::string target = by_data_path_.count(data_path(me, rel)) ? by_data_path_[data_path(me, rel)]
                                                                      : secret_node(me, rel, nullptr);
        std::string group = cluster_group("writers", p.cluster, "PushSecrets");
        std::string id = fmt::format("push/{}/{}", group, e.name);
        g_.nodes.push_back({id, {object_name(e)}, "push", group});
        std::string policy = granting_policy(store_role(store), data_path(me, rel), "update");
        g_.edges.push_back(policy_edge(id, target, policy));
      }
    }
  }

  void add_readers() {
    for (EntityId es : m_.of_kind("external_secret")) {
      const Entity& e = m_.get(es);
      EntityId role = store_role(ref_field(e, "store"));
      std::set<EntityId> read;
      if (const Value* data = field(e, "data"))
        for (const auto& kv : data->fields) read.insert(ref(kv.second.get()));
      if (const Value* from = field(e, "data_from"))
        for (const auto& item : from->items) read.insert(ref(item.get()));
      read.erase(EntityId{});
      if (read.empty()) continue;  // templates only: it reads nothing from Vault
      std::vector<EntityId> clusters = placements_.clusters(es);
      if (clusters.empty()) clusters.push_back({});
      for (EntityId c : clusters) {
        std::string group = cluster_group("readers", c, "readers");
        std::string id = fmt::format("es/{}/{}", group, e.name);
        g_.nodes.push_back({id, {object_name(e)}, "external", group});
        for (EntityId s : read) {
          auto it = secrets_.find(s);
          if (it == secrets_.end()) continue;
          g_.edges.push_back(policy_edge(it->second.node, id, granting_policy(role, it->second.data_path, "read")));
        }
      }
    }
  }

  // Vault Agent sidecars: `vault.hashicorp.com/role` names the role, and each
  // `vault.hashicorp.com/agent-inject-secret-*` annotation a data path it reads.
  void add_agents() {
    for (const char* kind : {"helm_release", "manifest"})
      for (EntityId id : m_.of_kind(kind)) {
        const Entity& e = m_.get(id);
        if (const Value* v = field(e, kind == std::string_view("manifest") ? "body" : "values")) scan(e, *v);
      }
  }

  void scan(const Entity& e, const Value& v) {
    if (v.kind == ValueKind::List)
      for (const auto& item : v.items) scan(e, *item);
    if (v.kind != ValueKind::Record) return;
    if (const Value* role_name = v.field("vault.hashicorp.com/role")) {
      EntityId role = m_.find("vault_role", role_name->text);
      for (const auto& [key, item] : v.fields) {
        if (!key.starts_with(kAgentPrefix) || item->kind != ValueKind::String) continue;
        auto it = by_data_path_.find(item->text);
        if (it == by_data_path_.end()) continue;
        std::vector<EntityId> clusters = placements_.clusters(e.id);
        if (clusters.empty()) clusters.push_back({});
        for (EntityId c : clusters) {
          std::string group = cluster_group("readers", c, "readers");
          std::string id = fmt::format("agent/{}/{}", group, e.name);
          g_.nodes.push_back({id, {e.name, "Vault Agent"}, "agent", group});
          g_.edges.push_back(policy_edge(it->second, id, granting_policy(role, item->text, "read")));
        }
      }
    }
    for (const auto& kv : v.fields) scan(e, *kv.second);
  }

  const Model& m_;
  check::Placements placements_;
  Graph g_;
  std::map<EntityId, Secret> secrets_;
  std::map<std::string, std::string> by_data_path_;  // data path -> node id
  std::map<std::string, std::string> policy_color_;
  std::set<std::string> used_policies_;
  bool by_producer_ = false;  // an edge from Terraform or a person was drawn
};

}  // namespace

Graph secrets_graph(const sema::Model& model) { return SecretsGraph(model).run(); }

}  // namespace hlab::graph
