// Secret flows on the Vault side: who writes each Vault path (Terraform, a person, or a
// PushSecret expanded with the Flux variables of every Kustomization applying it), who reads
// it through an ExternalSecret, and whether the Vault roles of their stores are allowed to.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "base/literals.hpp"
#include "check/detail/context.hpp"

namespace hlab::check::detail {
namespace {

using diag::Code;

// A vault_secret resolved against its mount.
struct SecretInfo {
  std::string mount;      // "general"
  std::string rel;        // path below the mount: "clustermesh/main"
  std::string path;       // "general/clustermesh/main"
  std::string data_path;  // what a KV read or write goes to: KV v2 puts the data below `data/`
  std::string producer;   // terraform | push | manual
  const Value* producer_value = nullptr;
};

// One ExternalSecret reading one vault_secret (first place it is named).
struct Read {
  EntityId es;
  EntityId secret;
  base::Span span;
};

// One PushSecret writing one expanded path on one cluster.
struct Write {
  EntityId push;
  EntityId cluster;        // invalid when the PushSecret is placed nowhere
  EntityId kustomization;  // invalid for bootstrap or when placed nowhere
  EntityId mount;
  std::string path;       // "general/clustermesh/main"
  std::string data_path;  // "general/data/clustermesh/main"
  base::Span span;        // the `remote` string
};

// The Vault role a store authenticates as, and the value naming it.
const Value* store_role(const Context& cx, EntityId store) {
  if (!store.valid()) return nullptr;
  for (const char* auth : {"approle", "kubernetes"})
    if (const Value* a = field(cx.get(store), auth))
      if (const Value* r = a->field("role"); r && r->kind == ValueKind::EntityRef) return r;
  return nullptr;
}

std::vector<EntityId> role_policies(const Context& cx, EntityId role) {
  std::vector<EntityId> out;
  if (const Value* ps = field(cx.get(role), "policies"))
    for (const auto& p : ps->items)
      if (ref(p.get()).valid()) out.push_back(p->entity);
  return out;
}

bool has_cap(const Value& grant, std::string_view cap) {
  const Value* caps = grant.field("capabilities");
  if (!caps) return false;
  return std::any_of(caps->items.begin(), caps->items.end(), [&](const auto& c) { return c->text == cap; });
}

// Vault's rule, simplified to what a homelab needs: a capability is granted when some
// matching grant of any policy of the role lists it, and no matching grant says `deny`.
bool allows(const Context& cx, EntityId role, const std::string& path, std::string_view cap) {
  bool granted = false;
  for (EntityId p : role_policies(cx, role)) {
    const Value* grants = field(cx.get(p), "grants");
    if (!grants) continue;
    for (const auto& g : grants->items) {
      if (!base::vault_glob_matches(text(g->field("path")), path)) continue;
      if (has_cap(*g, "deny")) return false;
      granted = granted || has_cap(*g, cap);
    }
  }
  return granted;
}

// "policy `general-reader` grants general/data/* (read)" labels, one per policy of the role.
void label_policies(const Context& cx, diag::Diagnostic& d, EntityId role) {
  for (EntityId p : role_policies(cx, role)) {
    std::vector<std::string> parts;
    if (const Value* grants = field(cx.get(p), "grants"))
      for (const auto& g : grants->items) {
        std::vector<std::string> caps;
        if (const Value* cs = g->field("capabilities"))
          for (const auto& c : cs->items) caps.push_back(c->text);
        parts.push_back(fmt::format("{} ({})", text(g->field("path")), plain_list(caps)));
      }
    d.labels.push_back(
        {cx.get(p).name_span, fmt::format("policy `{}` grants: {}", cx.get(p).name, plain_list(parts))});
  }
}

class SecretFlows {
 public:
  explicit SecretFlows(const Context& cx) : cx_(cx) {}

  void run() {
    index_secrets();
    collect_reads();
    collect_writes();
    check_reads();
    check_writes();
    check_unread();
    check_policies();
    check_agent_annotations();
  }

  // Vault Agent sidecars: `vault.hashicorp.com/role` names the Kubernetes-auth role, and each
  // `vault.hashicorp.com/agent-inject-secret-*` a path the role must be allowed to read.
  void check_agent_annotations() {
    for (EntityId r : cx_.of_kind("helm_release"))
      if (const Value* v = field(cx_.get(r), "values")) scan_annotations(cx_.get(r), *v);
    for (EntityId m : cx_.of_kind("manifest"))
      if (const Value* v = field(cx_.get(m), "body")) scan_annotations(cx_.get(m), *v);
  }

  void scan_annotations(const Entity& e, const Value& v) {
    if (v.kind == ValueKind::List) {
      for (const auto& item : v.items) scan_annotations(e, *item);
      return;
    }
    if (v.kind != ValueKind::Record) return;
    const Value* role_name = v.field("vault.hashicorp.com/role");
    EntityId role;
    if (role_name)
      for (EntityId id : cx_.of_kind("vault_role"))
        if (cx_.get(id).name == role_name->text) role = id;
    for (const auto& [key, item] : v.fields) {
      if (!role.valid() || !key.starts_with("vault.hashicorp.com/agent-inject-secret-") ||
          item->kind != ValueKind::String || has_placeholders(item->text))
        continue;
      if (allows(cx_, role, item->text, "read")) continue;
      auto& d = cx_.report(Code::VaultReadDenied, cx_.where(e, item.get()),
                           fmt::format("Vault role `{}` may not read `{}`, which {} `{}`'s Vault Agent injects",
                                       cx_.get(role).name, item->text, e.kind, e.name));
      d.primary_label = "read by the Vault Agent here";
      d.labels.push_back({cx_.where(e, role_name), fmt::format("the agent logs in as role `{}`", cx_.get(role).name)});
      label_policies(cx_, d, role);
      d.help = fmt::format("grant `read` on `{}` in a policy of role `{}`, or inject a path it may read", item->text,
                           cx_.get(role).name);
    }
    for (const auto& [key, item] : v.fields) scan_annotations(e, *item);
  }

 private:
  void index_secrets() {
    for (EntityId s : cx_.of_kind("vault_secret")) {
      const Entity& e = cx_.get(s);
      SecretInfo info;
      EntityId mount = ref_field(e, "mount");
      info.mount = mount.valid() ? cx_.get(mount).name : "";
      bool kv_v1 = mount.valid() && text(field(cx_.get(mount), "type")) == "kv_v1";
      // The declaration's name is the full path; the mount's name is its first segment.
      std::string prefix = info.mount + "/";
      info.rel = e.name.starts_with(prefix) ? e.name.substr(prefix.size()) : e.name;
      info.path = prefix + info.rel;
      info.data_path = kv_v1 ? info.path : info.mount + "/data/" + info.rel;
      if (const Value* p = field(e, "producer")) {
        info.producer = text(p->field("by"));
        info.producer_value = p;
      }
      by_path_[info.path] = s;
      secrets_.emplace(s, std::move(info));
    }
  }

  void collect_reads() {
    for (EntityId es : cx_.of_kind("external_secret")) {
      std::set<EntityId> seen;
      auto add = [&](const Value& v) {
        if (!ref(&v).valid() || !secrets_.count(v.entity) || !seen.insert(v.entity).second) return;
        reads_.push_back({es, v.entity, v.span});
      };
      const Entity& e = cx_.get(es);
      if (const Value* data = field(e, "data"))
        for (const auto& kv : data->fields) add(*kv.second);
      if (const Value* from = field(e, "data_from"))
        for (const auto& item : from->items) add(*item);
    }
  }

  void collect_writes() {
    for (EntityId ps : cx_.of_kind("push_secret")) {
      const Entity& e = cx_.get(ps);
      const Value* remote = field(e, "remote");
      EntityId store = ref_field(e, "store");
      EntityId mount = store.valid() ? ref_field(cx_.get(store), "mount") : EntityId{};
      if (!remote || !mount.valid()) continue;
      const std::string& mount_name = cx_.get(mount).name;
      bool kv_v1 = text(field(cx_.get(mount), "type")) == "kv_v1";
      std::vector<Placement> where = cx_.placements.of(ps);
      // Placed nowhere, the PushSecret still says what it would write when it has no
      // placeholders; with placeholders there is nothing to expand them with.
      if (where.empty()) where.push_back({});
      std::set<std::pair<EntityId, std::string>> seen;
      for (const Placement& p : where) {
        auto expanded = substitute(remote->text, cx_.placements.vars(p));
        if (!expanded) continue;  // the Flux rules report the unsubstituted variable
        std::string rel = *expanded;
        while (!rel.empty() && rel.front() == '/') rel.erase(rel.begin());
        while (!rel.empty() && rel.back() == '/') rel.pop_back();
        if (rel.empty() || !seen.insert({p.cluster, rel}).second) continue;
        Write w{ps,
                p.cluster,
                p.kustomization,
                mount,
                mount_name + "/" + rel,
                kv_v1 ? mount_name + "/" + rel : mount_name + "/data/" + rel,
                cx_.where(e, remote)};
        writes_.push_back(std::move(w));
      }
    }
  }

  std::string where_text(const Write& w) const {
    if (!w.cluster.valid()) return "";
    if (!w.kustomization.valid()) return fmt::format(" on cluster `{}`", cx_.get(w.cluster).name);
    return fmt::format(" on cluster `{}` (applied by `{}`)", cx_.get(w.cluster).name,
                       cx_.get(w.kustomization).name);
  }

  void check_reads() {
    std::set<std::string> pushed;
    for (const Write& w : writes_) pushed.insert(w.path);
    for (const Read& r : reads_) {
      const Entity& es = cx_.get(r.es);
      const Entity& sec = cx_.get(r.secret);
      const SecretInfo& info = secrets_.at(r.secret);
      EntityId store = ref_field(es, "store");
      EntityId store_mount = store.valid() ? ref_field(cx_.get(store), "mount") : EntityId{};
      if (store_mount.valid() && cx_.get(store_mount).name != info.mount) {
        const Entity& st = cx_.get(store);
        auto& d = cx_.report(
            Code::SecretMountMismatch, r.span,
            fmt::format(
                "external_secret `{}` reads `{}` from mount `{}`, but its store `{}` reads mount `{}`",
                es.name, sec.name, info.mount, st.name, cx_.get(store_mount).name));
        d.primary_label = fmt::format("in mount `{}`", info.mount);
        d.labels.push_back({cx_.where(st, field(st, "mount")),
                            fmt::format("store `{}` reads mount `{}`", st.name, cx_.get(store_mount).name)});
        d.labels.push_back({cx_.where(sec, field(sec, "mount")),
                            fmt::format("`{}` is in mount `{}`", sec.name, info.mount)});
        d.help = fmt::format("use a store whose mount is `{}`, or move the secret into mount `{}`",
                             info.mount, cx_.get(store_mount).name);
        continue;
      }
      if (const Value* role = store_role(cx_, store); role && !may_read(role->entity, r.secret)) {
        const Entity& st = cx_.get(store);
        auto& d = cx_.report(
            Code::VaultReadDenied, r.span,
            fmt::format("external_secret `{}` reads `{}`, but role `{}` of store `{}` may not read `{}`",
                        es.name, sec.name, cx_.get(role->entity).name, st.name, info.data_path));
        d.primary_label = "read denied";
        d.labels.push_back({cx_.where(st, role), fmt::format("store `{}` authenticates as role `{}`", st.name,
                                                             cx_.get(role->entity).name)});
        label_policies(cx_, d, role->entity);
        d.help =
            fmt::format("add a grant `{{ path = \"{}\", capabilities = [read] }}` to a policy of role `{}`",
                        info.data_path, cx_.get(role->entity).name);
      }
      if (info.producer == "push" && !pushed.count(info.path)) {
        auto& d = cx_.report(
            Code::PushSecretMissing, r.span,
            fmt::format("external_secret `{}` reads `{}`, which no push_secret writes", es.name, sec.name));
        d.primary_label = "read here";
        d.labels.push_back(
            {cx_.where(sec, info.producer_value), "declared as produced by a PushSecret here"});
        for (const Write& w : writes_)
          if (w.mount == ref_field(sec, "mount") && d.labels.size() < 4)
            d.labels.push_back({w.span, fmt::format("push_secret `{}` writes `{}`{}", cx_.get(w.push).name,
                                                    w.path, where_text(w))});
        d.help =
            fmt::format("add a push_secret whose `remote` is `{}` below mount `{}`, or correct the producer",
                        info.rel, info.mount);
      }
    }
  }

  void check_writes() {
    std::map<std::string, const Write*> first;
    for (const Write& w : writes_) {
      const Entity& ps = cx_.get(w.push);
      auto sit = by_path_.find(w.path);
      if (sit == by_path_.end()) {
        auto& d =
            cx_.report(Code::PushPathUndeclared, w.span,
                       fmt::format("push_secret `{}` writes `{}`{}, but no vault_secret declares that path",
                                   ps.name, w.path, where_text(w)));
        d.primary_label = fmt::format("writes `{}`", w.path);
        if (w.kustomization.valid() && has_placeholders(text(field(ps, "remote"))))
          d.labels.push_back(
              {cx_.get(w.kustomization).name_span,
               fmt::format("`{}` substitutes the variables of the path", cx_.get(w.kustomization).name)});
        if (EntityId store = ref_field(ps, "store"); store.valid())
          d.labels.push_back({cx_.where(cx_.get(store), field(cx_.get(store), "mount")),
                              fmt::format("store `{}` writes below mount `{}`", cx_.get(store).name,
                                          cx_.get(w.mount).name)});
        d.help = fmt::format(
            "declare `vault_secret {} {{ mount = {}, keys = [...], producer = {{ by = push, what = \"...\" "
            "}} }}`, "
            "or correct the remote path",
            w.path, cx_.get(w.mount).name);
      } else {
        const Entity& sec = cx_.get(sit->second);
        const SecretInfo& info = secrets_.at(sit->second);
        if (info.producer != "push" && !info.producer.empty()) {
          auto& d = cx_.report(Code::SecretTwoProducers, w.span,
                               fmt::format("push_secret `{}` writes `{}`{}, whose producer is `{}`", ps.name,
                                           w.path, where_text(w), info.producer));
          d.primary_label = "second producer";
          d.labels.push_back(
              {cx_.where(sec, info.producer_value), fmt::format("produced by {} here", info.producer)});
          d.help =
              "keep one producer: remove the push_secret, or declare the secret as `producer = { by = push, "
              "... }`";
        }
      }
      if (auto [it, fresh] = first.emplace(w.path, &w); !fresh) {
        const Write& o = *it->second;
        auto& d = cx_.report(Code::SecretTwoProducers, w.span,
                             fmt::format("push_secret `{}`{} and push_secret `{}`{} both write `{}`", ps.name,
                                         where_text(w), cx_.get(o.push).name, where_text(o), w.path));
        d.primary_label = "second producer";
        d.labels.push_back({o.span, "also written here"});
        d.help =
            "give each writer its own path, e.g. with a Flux variable: "
            "\"clustermesh/${CILIUM_CLUSTER_NAME}\"";
      }
      EntityId store = ref_field(ps, "store");
      const Value* role = store_role(cx_, store);
      if (!role) continue;
      std::vector<std::string> missing;
      for (const char* cap : {"create", "update"})
        if (!allows(cx_, role->entity, w.data_path, cap)) missing.push_back(cap);
      if (missing.empty()) continue;
      const Entity& st = cx_.get(store);
      auto& d = cx_.report(
          Code::VaultWriteDenied, w.span,
          fmt::format("push_secret `{}` writes `{}`{}, but role `{}` of store `{}` lacks {} on it", ps.name,
                      w.data_path, where_text(w), cx_.get(role->entity).name, st.name, quoted_list(missing)));
      d.primary_label = "write denied";
      d.labels.push_back({cx_.where(st, role), fmt::format("store `{}` authenticates as role `{}`", st.name,
                                                           cx_.get(role->entity).name)});
      label_policies(cx_, d, role->entity);
      d.help = fmt::format(
          "add a grant `{{ path = \"{}\", capabilities = [create, update, read] }}` to a policy of role `{}`",
          w.data_path, cx_.get(role->entity).name);
    }
  }

  // A secret is read when an ExternalSecret reads it, or when some other object names its
  // path in a string (a Vault Agent annotation, an application's config).
  void check_unread() {
    std::set<EntityId> read;
    for (const Read& r : reads_) read.insert(r.secret);
    std::unordered_map<std::string_view, EntityId> by_text;
    for (const auto& [id, info] : secrets_) {
      by_text.emplace(info.path, id);
      by_text.emplace(info.data_path, id);
    }
    for (const auto& e : cx_.model.entities) {
      if (!e.value || e.kind.starts_with("vault_")) continue;
      for_each_string(*e.value, [&](const Value& s) {
        std::size_t i = 0;
        while (i < s.text.size()) {
          std::size_t j = i;
          auto path_char = [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                   c == '-' || c == '/' || c == '.';
          };
          while (j < s.text.size() && path_char(s.text[j])) ++j;
          if (j > i)
            if (auto it = by_text.find(std::string_view(s.text).substr(i, j - i)); it != by_text.end())
              read.insert(it->second);
          i = j + 1;
        }
      });
    }
    for (const auto& [id, info] : secrets_) {
      // Without a producer the secret is not the stdlib's vault_secret; nothing to judge.
      if (read.count(id) || !info.producer_value) continue;
      const Entity& sec = cx_.get(id);
      auto& d = cx_.report(Code::SecretUnread, sec.name_span,
                           fmt::format("vault secret `{}` is read by nothing", sec.name));
      d.primary_label = "never read";
      if (info.producer_value) d.labels.push_back({cx_.where(sec, info.producer_value), "produced here"});
      d.help = "read it with an external_secret (`data` or `data_from`), or remove it and its producer";
    }
  }

  // Grants that match no path any reader or writer of the policy's roles uses. Only policies
  // whose every role is used by a secret store are judged: a role used elsewhere (a Vault
  // Agent sidecar) has readers hlabc cannot see.
  void check_policies() {
    // role -> the paths it uses, each once (many readers share a secret).
    std::map<EntityId, std::set<std::string_view>> used;
    for (const Read& r : reads_)
      if (const Value* role = store_role(cx_, ref_field(cx_.get(r.es), "store")))
        used[role->entity].insert(secrets_.at(r.secret).data_path);
    for (const Write& w : writes_)
      if (const Value* role = store_role(cx_, ref_field(cx_.get(w.push), "store")))
        used[role->entity].insert(w.data_path);
    for (EntityId st : cx_.of_kind("secret_store"))
      if (const Value* role = store_role(cx_, st)) used[role->entity];
    std::map<EntityId, std::vector<EntityId>> roles_of;
    for (EntityId role : cx_.of_kind("vault_role"))
      for (EntityId p : role_policies(cx_, role)) roles_of[p].push_back(role);
    for (EntityId p : cx_.of_kind("vault_policy")) {
      auto rit = roles_of.find(p);
      if (rit == roles_of.end()) continue;
      std::set<std::string_view> paths;
      bool known = true;
      for (EntityId role : rit->second) {
        auto u = used.find(role);
        if (u == used.end())
          known = false;
        else
          paths.insert(u->second.begin(), u->second.end());
      }
      if (!known) continue;
      const Entity& pol = cx_.get(p);
      const Value* grants = field(pol, "grants");
      if (!grants) continue;
      for (const auto& g : grants->items) {
        std::string_view path = text(g->field("path"));
        bool data_caps =
            has_cap(*g, "read") || has_cap(*g, "create") || has_cap(*g, "update") || has_cap(*g, "patch");
        // Metadata and list grants serve listing and deletion, which hlabc does not model.
        if (!data_caps || has_cap(*g, "deny") || path.find("/metadata/") != std::string_view::npos) continue;
        bool matches = std::any_of(paths.begin(), paths.end(),
                                   [&](std::string_view u) { return base::vault_glob_matches(path, u); });
        if (matches) continue;
        const Value* pv = g->field("path");
        auto& d =
            cx_.report(Code::PolicyTooBroad, cx_.where(pol, pv),
                       fmt::format("grant `{}` of policy `{}` matches no path its readers and writers use",
                                   path, pol.name));
        d.primary_label = "unused grant";
        std::vector<std::string> names;
        for (EntityId role : rit->second) {
          names.push_back(cx_.get(role).name);
          if (d.labels.size() < 3)
            d.labels.push_back(
                {cx_.get(role).name_span, fmt::format("role `{}` has this policy", cx_.get(role).name)});
        }
        d.notes.push_back(fmt::format("roles with this policy: {}; the paths they use: {}", plain_list(names),
                                      plain_list({paths.begin(), paths.end()})));
        d.help = "remove the grant, or narrow it to the paths in use";
      }
    }
  }

  // Whether `role` may read `secret`; memoised, as many readers share a role and a secret.
  bool may_read(EntityId role, EntityId secret) {
    auto [it, fresh] = read_ok_.try_emplace({role, secret}, false);
    if (fresh) it->second = allows(cx_, role, secrets_.at(secret).data_path, "read");
    return it->second;
  }

  const Context& cx_;
  std::map<std::pair<EntityId, EntityId>, bool> read_ok_;
  std::map<EntityId, SecretInfo> secrets_;
  std::unordered_map<std::string, EntityId> by_path_;
  std::vector<Read> reads_;
  std::vector<Write> writes_;
};

}  // namespace

void check_secret_flows(const Context& cx) { SecretFlows(cx).run(); }

}  // namespace hlab::check::detail
