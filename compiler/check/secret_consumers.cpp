// Secret flows on the Kubernetes side: every Secret a workload reads (helm_release and
// manifest `uses_secrets`) must be created on the workload's cluster, in its namespace, with
// the keys it reads, by an ExternalSecret, a SOPS/operator k8s_secret, a manifest's
// `creates_secrets` or a cert-manager Certificate.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "check/detail/context.hpp"

namespace hlab::check::detail {
namespace {

using diag::Code;

// One creator of a Kubernetes Secret on one cluster.
struct Creator {
  EntityId entity;
  std::set<std::string> keys;
};

using SecretKey = std::tuple<EntityId, std::string, std::string>;  // cluster, namespace, name

class Consumers {
 public:
  explicit Consumers(const Context& cx) : cx_(cx) {}

  void run() {
    index_creators();
    for (EntityId r : cx_.of_kind("helm_release"))
      check_consumer(r, cx_.workload_clusters(r), "target_namespace");
    for (EntityId m : cx_.of_kind("manifest")) check_consumer(m, cx_.placements.clusters(m), "");
    check_typed_references();
    for (EntityId r : cx_.of_kind("helm_release")) {
      const Entity& e = cx_.get(r);
      const Value* ns = field(e, "target_namespace");
      if (!ns) ns = field(e, "namespace");
      if (const Value* values = field(e, "values"); values && ns)
        scan_secret_refs(e, *values, ns->text, cx_.workload_clusters(r), true);
      // Values kept in ConfigMaps are read by the same workloads.
      if (const Value* from = field(e, "values_from"); from && ns)
        for (const auto& item : from->items) {
          EntityId cm = ref(item->field("config_map"));
          if (!cm.valid()) continue;
          if (const Value* docs = field(cx_.get(cm), "yaml"))
            scan_secret_refs(e, *docs, ns->text, cx_.workload_clusters(r), true);
        }
    }
    for (EntityId m : cx_.of_kind("manifest")) {
      const Entity& e = cx_.get(m);
      const Value* ns = field(e, "namespace");
      if (const Value* body = field(e, "body"); body && ns)
        scan_secret_refs(e, *body, ns->text, cx_.placements.clusters(m), false);
    }
  }

  // The shapes in which Kubernetes objects and common charts name a Secret of their own
  // namespace: `secretKeyRef {name, key}` and `secretRef {name}` (env), `passwordFromSecret
  // {name, key}` (Dragonfly), `secretName` (volumes, TLS), and in Helm values `existingSecret`.
  void scan_secret_refs(const Entity& e, const Value& v, const std::string& ns, const std::vector<EntityId>& clusters,
                        bool helm_values) {
    if (v.kind == ValueKind::List) {
      for (const auto& item : v.items) scan_secret_refs(e, *item, ns, clusters, helm_values);
      return;
    }
    if (v.kind != ValueKind::Record) return;
    // A field typed `secret` (chart values schemas: GitLab's `psql.password.secret`); its
    // sibling `key`, when there is one, names the key read.
    for (const auto& [key, item] : v.fields) {
      if (!item->secret_name || has_placeholders(item->text) || has_placeholders(ns)) continue;
      std::vector<std::string> keys;
      if (const Value* k = v.field("key"); k && (k->kind == ValueKind::String || k->kind == ValueKind::Word))
        keys.push_back(k->text);
      for (EntityId c : clusters) check_use(e, nullptr, keys, *item, ns, c);
    }
    for (const auto& [key, item] : v.fields) {
      if (item->secret_name) continue;
      const Value* name = nullptr;
      std::vector<std::string> keys;
      const Value* key_value = nullptr;
      if ((key == "secretKeyRef" || key == "passwordFromSecret" || key == "secretRef") &&
          item->kind == ValueKind::Record) {
        name = item->field("name");
        key_value = item->field("key");
        if (key_value && (key_value->kind == ValueKind::String || key_value->kind == ValueKind::Word))
          keys.push_back(key_value->text);
      } else if (key == "secretName" || (helm_values && key == "existingSecret")) {
        name = item.get();
      }
      if (name && (name->kind == ValueKind::String || name->kind == ValueKind::Word) && !name->text.empty() &&
          !has_placeholders(name->text) && !has_placeholders(ns)) {
        for (EntityId c : clusters) check_use(e, nullptr, keys, *name, ns, c);
        continue;
      }
      scan_secret_refs(e, *item, ns, clusters, helm_values);
    }
  }

  // A store logging in with Kubernetes auth must use a service account and namespace its
  // Vault role binds; otherwise Vault refuses the login and every read through it fails.
  void check_kubernetes_binding(EntityId id) {
    const Entity& e = cx_.get(id);
    const Value* k = field(e, "kubernetes");
    if (!k) return;
    EntityId role_id = ref(k->field("role"));
    const Value* sa = k->field("service_account");
    if (!role_id.valid() || !sa) return;
    const Entity& role = cx_.get(role_id);
    std::string ns(text(field(e, "namespace")));
    auto listed = [&](const char* name, const std::string& want) {
      const Value* list = field(role, name);
      if (!list || list->items.empty()) return true;  // an empty list binds every name
      for (const auto& item : list->items)
        if (item->text == want || item->text == "*") return true;
      return false;
    };
    auto report = [&](const char* what, const std::string& want, const char* list_field) {
      std::vector<std::string> names;
      if (const Value* list = field(role, list_field))
        for (const auto& item : list->items) names.push_back(item->text);
      auto& d = cx_.report(Code::VaultReadDenied, cx_.where(e, k),
                           fmt::format("Vault role `{}` does not bind {} `{}` that secret_store `{}` logs in with; "
                                       "Vault refuses the login, so every read through the store is denied",
                                       role.name, what, want, e.name));
      d.primary_label = "logs in here";
      if (const Value* list = field(role, list_field))
        d.labels.push_back({cx_.where(role, list), fmt::format("`{}` binds: {}", role.name, plain_list(names))});
      d.help = fmt::format("add `{}` to the role's `{}`, or log in with one it binds", want, list_field);
    };
    if (!listed("service_accounts", sa->text)) report("service account", sa->text, "service_accounts");
    else if (!ns.empty() && !listed("namespaces", ns)) report("namespace", ns, "namespaces");
  }

  // Secrets named by typed fields of other kinds: a PushSecret's source, a store's AppRole
  // secrets, a ClusterIssuer's API token, a listener's certificate, a remote Kustomization's
  // kubeconfig. Each must exist where the controller reading it looks.
  void check_typed_references() {
    auto one = [&](EntityId id, const Value* secret, const std::string& ns, std::vector<std::string> keys) {
      if (!secret || ns.empty() || has_placeholders(secret->text) || has_placeholders(ns)) return;
      for (EntityId c : cx_.placements.clusters(id)) check_use(cx_.get(id), nullptr, keys, *secret, ns, c);
    };
    for (EntityId id : cx_.of_kind("push_secret")) {
      const Entity& e = cx_.get(id);
      std::vector<std::string> keys;
      if (const Value* k = field(e, "keys"))
        for (const auto& kv : k->fields) keys.push_back(kv.first);
      one(id, field(e, "source"), std::string(text(field(e, "namespace"))), keys);
    }
    for (EntityId id : cx_.of_kind("secret_store")) check_kubernetes_binding(id);
    for (EntityId id : cx_.of_kind("secret_store")) {
      const Entity& e = cx_.get(id);
      const Value* ar = field(e, "approle");
      if (!ar) continue;
      std::string ns(text(field(e, "namespace")));
      one(id, ar->field("role_id_secret"), ns, {std::string(text(ar->field("role_id_key")))});
      one(id, ar->field("secret_id_secret"), ns, {std::string(text(ar->field("secret_id_key")))});
    }
    for (EntityId id : cx_.of_kind("cluster_issuer")) {
      const Entity& e = cx_.get(id);
      // cert-manager reads a ClusterIssuer's secrets in its cluster resource namespace,
      // by default the namespace it runs in.
      one(id, field(e, "cloudflare_token_secret"), "cert-manager", {std::string(text(field(e, "cloudflare_token_key")))});
    }
    for (EntityId id : cx_.of_kind("gateway")) {
      const Entity& e = cx_.get(id);
      const Value* listeners = field(e, "listeners");
      if (!listeners) continue;
      for (const auto& l : listeners->items)
        one(id, l->field("tls_secret"), std::string(text(field(e, "namespace"))), {"tls.crt", "tls.key"});
    }
    for (EntityId id : cx_.of_kind("flux_kustomization")) {
      const Entity& e = cx_.get(id);
      one(id, field(e, "kubeconfig"), std::string(text(field(e, "namespace"))), {});
      one(id, field(e, "decryption"), std::string(text(field(e, "namespace"))), {});
    }
  }

 private:
  // Adds a creator on each cluster the entity lands on; `ns` and `name` may hold Flux
  // placeholders, expanded with the variables of each placement.
  void add_placed(EntityId e, std::string_view ns, std::string_view name, const std::set<std::string>& keys) {
    for (const Placement& p : cx_.placements.of(e)) {
      auto n = substitute(ns, cx_.placements.vars(p));
      auto s = substitute(name, cx_.placements.vars(p));
      if (n && s) add({p.cluster, *n, *s}, e, keys);
    }
  }

  void add(const SecretKey& k, EntityId e, const std::set<std::string>& keys) {
    auto& list = creators_[k];
    for (auto& c : list)
      if (c.entity == e) {
        c.keys.insert(keys.begin(), keys.end());
        return;
      }
    list.push_back({e, keys});
    by_name_[std::get<2>(k)].push_back(k);
  }

  void index_creators() {
    for (EntityId id : cx_.of_kind("external_secret")) {
      const Entity& e = cx_.get(id);
      std::set<std::string> keys;
      for (const char* f : {"data", "template"})
        if (const Value* v = field(e, f))
          for (const auto& kv : v->fields) keys.insert(kv.first);
      if (const Value* from = field(e, "data_from"))
        for (const auto& item : from->items) {
          if (!ref(item.get()).valid()) continue;
          const Entity& sec = cx_.get(item->entity);
          if (const Value* ks = field(sec, "keys"))
            for (const auto& k : ks->items) keys.insert(k->text);
          if (const Value* fixed = field(sec, "fixed"))
            for (const auto& kv : fixed->fields) keys.insert(kv.first);
        }
      const Value* target = field(e, "target");
      add_placed(id, text(field(e, "namespace")), target ? target->text : object_name(e), keys);
    }
    for (EntityId id : cx_.of_kind("k8s_secret")) {
      const Entity& e = cx_.get(id);
      std::set<std::string> keys;
      if (const Value* ks = field(e, "keys"))
        for (const auto& k : ks->items) keys.insert(k->text);
      EntityId cluster = ref_field(e, "cluster");
      if (cluster.valid()) add({cluster, std::string(text(field(e, "namespace"))), object_name(e)}, id, keys);
    }
    for (EntityId id : cx_.of_kind("manifest")) {
      const Entity& e = cx_.get(id);
      const Value* ns = field(e, "namespace");
      const Value* created = field(e, "creates_secrets");
      if (!ns || !created) continue;
      for (const auto& c : created->items) {
        std::set<std::string> keys;
        if (const Value* ks = c->field("keys"))
          for (const auto& k : ks->items) keys.insert(k->text);
        add_placed(id, ns->text, text(c->field("secret")), keys);
      }
    }
    for (EntityId id : cx_.of_kind("certificate")) {
      const Entity& e = cx_.get(id);
      add_placed(id, text(field(e, "namespace")), text(field(e, "secret")), {"tls.crt", "tls.key"});
    }
  }

  void check_consumer(EntityId id, const std::vector<EntityId>& clusters, const char* target_field) {
    const Entity& e = cx_.get(id);
    const Value* uses = field(e, "uses_secrets");
    if (!uses || uses->items.empty()) return;
    const Value* own_ns = *target_field ? field(e, target_field) : nullptr;
    if (!own_ns) own_ns = field(e, "namespace");
    for (const auto& use : uses->items) {
      const Value* secret = use->field("secret");
      const Value* ns = use->field("namespace");
      if (!ns) ns = own_ns;
      // Names still holding Flux placeholders are known only per placement; skip them.
      if (!secret || !ns || has_placeholders(secret->text) || has_placeholders(ns->text)) continue;
      std::vector<std::string> keys;
      if (const Value* ks = use->field("keys"))
        for (const auto& k : ks->items) keys.push_back(k->text);
      for (EntityId c : clusters) check_use(e, use->field("keys"), keys, *secret, ns->text, c);
    }
  }

  // `key_values` holds the spans of the keys when they were written as a list; `keys` their names.
  void check_use(const Entity& e, const Value* key_values, const std::vector<std::string>& keys,
                 const Value& secret, const std::string& ns, EntityId cluster) {
    const std::string& cname = cx_.get(cluster).name;
    auto it = creators_.find({cluster, ns, secret.text});
    if (it == creators_.end()) {
      auto& d = cx_.report(
          Code::K8sSecretMissing, cx_.where(e, &secret),
          fmt::format(
              "{} `{}` reads Secret `{}` in namespace `{}` on cluster `{}`, which nothing creates there",
              e.kind, e.name, secret.text, ns, cname));
      d.primary_label = "read here";
      if (const Value* kc = e.kind == "flux_kustomization" ? nullptr : field(e, "kubeconfig"))
        d.labels.push_back(
            {cx_.where(e, kc), fmt::format("its workloads run on `{}` through this kubeconfig", cname)});
      else if (const Value* at = field(e, "at"))
        d.labels.push_back({cx_.where(e, at), fmt::format("lands on `{}` here", cname)});
      if (auto n = by_name_.find(secret.text); n != by_name_.end())
        for (const SecretKey& k : n->second) {
          if (d.labels.size() >= 3) break;
          for (const Creator& c : creators_.at(k)) {
            const Entity& ce = cx_.get(c.entity);
            d.labels.push_back(
                {ce.name_span,
                 fmt::format("`{}` is created in namespace `{}` on cluster `{}` by {} `{}`", secret.text,
                             std::get<1>(k), cx_.get(std::get<0>(k)).name, ce.kind, ce.name)});
          }
        }
      d.help = fmt::format(
          "create it there: an external_secret in namespace `{}` landing on cluster `{}` (target `{}`), "
          "a k8s_secret, or a manifest's `creates_secrets`",
          ns, cname, secret.text);
      return;
    }
    std::set<std::string> have;
    for (const Creator& c : it->second) have.insert(c.keys.begin(), c.keys.end());
    for (std::size_t ki = 0; ki < keys.size(); ++ki) {
      const std::string& key = keys[ki];
      if (have.count(key)) continue;
      const Value* at = key_values && ki < key_values->items.size() ? key_values->items[ki].get() : &secret;
      auto& d = cx_.report(
          Code::K8sSecretMissing, cx_.where(e, at),
          fmt::format("Secret `{}` in namespace `{}` on cluster `{}` has no key `{}`, which {} `{}` reads",
                      secret.text, ns, cname, key, e.kind, e.name));
      d.primary_label = "key read here";
      for (const Creator& c : it->second) {
        const Entity& ce = cx_.get(c.entity);
        d.labels.push_back({ce.name_span, fmt::format("created by {} `{}` with keys: {}", ce.kind, ce.name,
                                                      plain_list({c.keys.begin(), c.keys.end()}))});
      }
      std::string near = diag::closest_match(key, {have.begin(), have.end()});
      d.help = near.empty() ? fmt::format("add key `{}` to the creator of `{}`, or read a key it has",
                                          key, secret.text)
                            : fmt::format("did you mean `{}`?", near);
    }
  }

  const Context& cx_;
  std::map<SecretKey, std::vector<Creator>> creators_;
  std::map<std::string, std::vector<SecretKey>> by_name_;
};

}  // namespace

void check_secret_consumers(const Context& cx) { Consumers(cx).run(); }

}  // namespace hlab::check::detail
