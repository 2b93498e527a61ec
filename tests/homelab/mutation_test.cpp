// Mutation tests of the real homelab: each test copies homelab/, makes ONE mistake a homelab
// owner makes (replace a unique snippet, delete a block, append a declaration), runs
// `hlabc check` in-process and asserts the full list of errors: code, file (relative to the
// copied homelab folder) and line. Lines come from locators, unique snippets of the mutated
// file, so the tests survive unrelated edits of homelab/.
//
// A test tagged [!mayfail] describes a mistake the checker misses today or reports with an
// unhelpful code or place: its expectation is what a homelab owner needs, not what the
// checker does. Those are checker bugs; remove the tag when the checker is fixed.
//
// The test "every mutation's snippets are unique" applies every mutation without checking,
// so a snippet that stopped matching fails loudly even inside a [!mayfail] test.
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "support.hpp"

using namespace hlab::homelab_test;

namespace {

// A unique snippet of a file of the mutated homelab, and optionally a text inside it whose
// line is meant.
struct Locator {
  std::string file;
  std::string snippet;
  std::string anchor;
};

struct Expected {
  std::string code;
  Locator at;
  std::string message_has;          // the message must contain this, when set
  std::optional<Locator> label_at;  // some label must be on this line, when set

  Expected& message_contains(std::string text) {
    message_has = std::move(text);
    return *this;
  }
  Expected& label(std::string file, std::string snippet, std::string anchor = {}) {
    label_at = Locator{std::move(file), std::move(snippet), std::move(anchor)};
    return *this;
  }
};

// One mistake: the edits that make it and the errors `check` must report.
class Mutation {
 public:
  void replace(std::string file, std::string find, std::string replacement) {
    edits_.push_back(Edit{Edit::Replace, std::move(file), std::move(find), std::move(replacement)});
  }
  void remove(std::string file, std::string snippet) { replace(std::move(file), std::move(snippet), ""); }
  void append(std::string file, std::string text) {
    edits_.push_back(Edit{Edit::Append, std::move(file), {}, std::move(text)});
  }
  Expected& error(std::string code, std::string file, std::string snippet, std::string anchor = {}) {
    expected_.push_back(Expected{std::move(code), Locator{std::move(file), std::move(snippet), std::move(anchor)}, {}, {}});
    return expected_.back();
  }

  void apply(Homelab& h) const {
    for (const auto& e : edits_) {
      if (e.kind == Edit::Append) h.append(e.file, e.text);
      else h.replace(e.file, e.find, e.text);
    }
  }
  const std::deque<Expected>& expected() const { return expected_; }

 private:
  struct Edit {
    enum Kind { Replace, Append } kind;
    std::string file;
    std::string find;
    std::string text;
  };
  std::vector<Edit> edits_;
  std::deque<Expected> expected_;
};

using Definition = void (*)(Mutation&);

std::vector<std::pair<std::string, Definition>>& registry() {
  static std::vector<std::pair<std::string, Definition>> all;
  return all;
}

bool register_mutation(const char* name, Definition def) {
  registry().emplace_back(name, def);
  return true;
}

Loc resolve(const Homelab& h, const Locator& l) { return h.at(l.file, l.snippet, l.anchor); }

std::string key(const std::string& code, const Loc& loc) { return fmt::format("{} {}:{}", code, loc.file, loc.line); }

void run_mutation(Definition def) {
  Mutation m;
  def(m);
  Homelab h;
  m.apply(h);
  std::vector<std::string> expected;
  std::vector<std::pair<const Expected*, Loc>> resolved;
  for (const auto& e : m.expected()) {
    Loc loc = resolve(h, e.at);
    expected.push_back(key(e.code, loc));
    resolved.emplace_back(&e, loc);
  }
  CheckResult r = h.check();
  INFO("hlabc check of the mutated homelab reported:\n" << r.listing());
  std::vector<std::string> actual;
  for (const auto& d : r.errors()) actual.push_back(key(d.code, d.loc));
  std::sort(actual.begin(), actual.end());
  std::sort(expected.begin(), expected.end());
  CHECK(actual == expected);

  for (const auto& [e, loc] : resolved) {
    if (e->message_has.empty() && !e->label_at) continue;
    const FlatDiag* found = nullptr;
    for (const auto& d : r.diags)
      if (d.error && d.code == e->code && d.loc == loc && !found) found = &d;
    if (!found) continue;  // already reported as a difference of the lists
    if (!e->message_has.empty()) {
      INFO("message of " << key(e->code, loc) << ": " << found->message);
      CHECK(found->message.find(e->message_has) != std::string::npos);
    }
    if (e->label_at) {
      Loc want = resolve(h, *e->label_at);
      bool has = std::any_of(found->labels.begin(), found->labels.end(), [&](const FlatLabel& l) { return l.loc == want; });
      INFO(key(e->code, loc) << " should have a label at " << want.file << ":" << want.line);
      CHECK(has);
    }
  }
}

}  // namespace

#define HLAB_CAT2(a, b) a##b
#define HLAB_CAT(a, b) HLAB_CAT2(a, b)
// MUTATION(id, "name", "[tags]") { m.replace(...); m.error(...); }
#define MUTATION(id, name, tags)                                                              \
  static void id(Mutation& m);                                                                \
  [[maybe_unused]] static const bool HLAB_CAT(id, _registered) = register_mutation(name, &id); \
  TEST_CASE(name, "[homelab][mutation]" tags) { run_mutation(&id); }                          \
  static void id(Mutation& m)

// ---------------------------------------------------------------------------------------
// Language: names, fields, formats, ranges, enums, required fields, duplicates, imports.

MUTATION(typo_in_cluster_reference, "language: a typo in a cluster name reference", "[language]") {
  m.replace("mesh.hlab", "  backend = main\n  consumers = [gitlab]\n  emit = false\n  at = clusters/main/dragonfly",
            "  backend = main\n  consumers = [gitlb]\n  emit = false\n  at = clusters/main/dragonfly");
  m.error("E0201", "mesh.hlab", "consumers = [gitlb]");
}

MUTATION(typo_in_cluster_reference_of_secret, "language: a typo in the cluster of a SOPS secret", "[language]") {
  m.replace("flux.hlab", "k8s_secret sops-gpg in flux-system {\n  cluster = main", "k8s_secret sops-gpg in flux-system {\n  cluster = mian");
  m.error("E0201", "flux.hlab", "cluster = mian");
}

MUTATION(unknown_field, "language: an unknown field (worker_ip for worker_ips)", "[language]") {
  m.replace("clusters.hlab", "  worker_ips = 192.168.1.21-", "  worker_ip = 192.168.1.21-");
  m.error("E0203", "clusters.hlab", "worker_ip = ");
}

MUTATION(bad_ip, "language: a bad IP address (octet 260)", "[language]") {
  m.replace("clusters.hlab", "  vip = 192.168.1.20", "  vip = 192.168.1.260");
  m.error("E0206", "clusters.hlab", "vip = 192.168.1.260");
}

MUTATION(bad_cidr, "language: a bad CIDR (prefix /33)", "[language]") {
  m.replace("clusters.hlab", "  pod_cidr = 10.168.0.0/16", "  pod_cidr = 10.168.0.0/33");
  m.error("E0206", "clusters.hlab", "pod_cidr = 10.168.0.0/33");
}

MUTATION(cidr_with_host_bits, "language: a CIDR written with a host address", "[language]") {
  m.replace("clusters.hlab", "  cidr = 192.168.1.0/24", "  cidr = 192.168.1.5/24");
  m.error("E0206", "clusters.hlab", "cidr = 192.168.1.5/24");
}

MUTATION(reversed_ip_range, "language: a worker IP range written backwards", "[language]") {
  m.replace("clusters.hlab", "  worker_ips = 192.168.1.21-192.168.1.30", "  worker_ips = 192.168.1.30-192.168.1.21");
  m.error("E0206", "clusters.hlab", "worker_ips = 192.168.1.30-192.168.1.21");
}

// Today: E0207 plus a false "this `Mesh` is missing field `id`" and three "no folder named
// clusters/gitlab-configs/cilium" (the whole mesh record is dropped, so the mesh loops skip gitlab).
MUTATION(mesh_id_out_of_range, "language: mesh id 300", "[language]") {
  m.replace("clusters.hlab", "mesh = { id = 2,", "mesh = { id = 300,");
  m.error("E0207", "clusters.hlab", "mesh = { id = 300,", "id = 300");
}

MUTATION(bad_cron, "language: a cron schedule with four fields", "[language]") {
  m.replace("etcd_backup.hlab", R"~(schedule = "0/30 * * * *")~", R"~(schedule = "0/30 * * *")~");
  m.error("E0206", "etcd_backup.hlab", R"~(schedule = "0/30 * * *")~");
}

MUTATION(bad_version, "language: a bad Kubernetes version (v1.35.x)", "[language]") {
  m.replace("clusters.hlab", "  kubernetes_version = gitlab_kubernetes_version", R"~(  kubernetes_version = "v1.35.x")~");
  m.error("E0206", "clusters.hlab", R"~(kubernetes_version = "v1.35.x")~");
}

// Today: reported where the untyped `let` is used, with no label at the `let` the owner edited.
MUTATION(bad_version_in_let, "language: a bad chart version in lib/versions.hlab points back at the let",
         "[language]") {
  m.replace("lib/versions.hlab", "let cilium_version = 1.18.6", R"~(let cilium_version = "1.18.x")~");
  m.error("E0206", "critical.hlab", "version = cilium_version")
      .label("lib/versions.hlab", R"~(let cilium_version = "1.18.x")~");
}

MUTATION(bad_duration, "language: a bad duration (5min)", "[language]") {
  m.replace("longhorn.hlab", "poll_interval = 300s", "poll_interval = 5min");
  m.error("E0206", "longhorn.hlab", "poll_interval = 5min");
}

MUTATION(unknown_enum_choice, "language: an unknown enum choice (backup_mode complete)", "[language]") {
  m.replace("longhorn.hlab", "backup_snapshot_class(backup_mode = full)", "backup_snapshot_class(backup_mode = complete)");
  m.error("E0208", "longhorn.hlab", "backup_mode = complete");
}

MUTATION(unknown_enum_choice_of_secret, "language: an unknown maker of a Kubernetes Secret", "[language]") {
  m.replace("secrets.hlab", "  created_by = cnpg\n}", "  created_by = cloudnative-pg\n}");
  m.error("E0208", "secrets.hlab", "created_by = cloudnative-pg");
}

// Today: E0208 plus seven "no folder named clusters/main-configs/gitlab-cluster" and one "no
// folder named clusters/gitlab-tenant/global-svc": the bad role is dropped, so every
// `c.role == "workload"` loop skips gitlab.
MUTATION(unknown_cluster_role, "language: an unknown cluster role (worker)", "[language]") {
  m.replace("clusters.hlab", "  role = workload", "  role = worker");
  m.error("E0208", "clusters.hlab", "role = worker");
}

MUTATION(missing_required_field, "language: a cluster without its flux_name", "[language]") {
  m.remove("clusters.hlab", "  flux_name = gitlab-cluster\n");
  m.error("E0204", "clusters.hlab", "cluster gitlab {");
}

MUTATION(missing_required_field_of_secret, "language: a vault_secret without its mount", "[language]") {
  m.replace("vault.hlab", "vault_secret general/cloudflare-token {\n  mount = general\n", "vault_secret general/cloudflare-token {\n");
  m.error("E0204", "vault.hlab", "vault_secret general/cloudflare-token {");
}

MUTATION(duplicate_vault_secret, "language: a duplicate vault_secret", "[language]") {
  m.append("vault.hlab", R"~(
## A second token for DNS01, declared under the old name.
vault_secret general/cloudflare-token {
  mount = general
  keys = [api-token]
  producer = { by = manual, what = "Cloudflare API token" }
}
)~");
  m.error("E0202", "vault.hlab", "## A second token for DNS01, declared under the old name.\nvault_secret general/cloudflare-token",
          "vault_secret");
}

MUTATION(duplicate_cluster, "language: a cluster copied from gitlab without renaming it", "[language]") {
  m.append("clusters.hlab", replace_once(dev_cluster(), "cluster dev {", "cluster gitlab {"));
  m.error("E0202", "clusters.hlab", "## A development cluster, created through Cluster API from main like gitlab.\ncluster gitlab {",
          "cluster gitlab");
}

// Today: E0101 plus an E0201 for each of the four names the file uses from lib.endpoints.
MUTATION(import_missing, "language: an import of a missing module (lib.endpoint)", "[language]") {
  m.replace("gitlab.hlab", "import lib.endpoints", "import lib.endpoint");
  m.error("E0101", "gitlab.hlab", "import lib.endpoint");
}

MUTATION(import_cycle, "language: an import cycle (lib.endpoints imports clusters)", "[language]") {
  m.replace("lib/endpoints.hlab", "import std.core\n", "import std.core\nimport clusters\n");
  m.error("E0102", "lib/endpoints.hlab", "import clusters");
}

MUTATION(unknown_secret_key, "language: an unknown key of a vault secret", "[language]") {
  m.replace("secrets.hlab", "api-token = general/cloudflare-token.api-token", "api-token = general/cloudflare-token.api_token");
  m.error("E0209", "secrets.hlab", "general/cloudflare-token.api_token");
}

// Today: E0205 plus a false "this `Proxmox` is missing field `template_id`".
MUTATION(type_mismatch, "language: a string where an integer is expected", "[language]") {
  m.replace("clusters.hlab", "template_id = 110", R"~(template_id = "110")~");
  m.error("E0205", "clusters.hlab", R"~(template_id = "110")~");
}

// Today: E0201 plus a false "this `ValuesFrom` is missing field `config_map`".
MUTATION(typo_in_reference_inside_record, "language: a typo in the values ConfigMap of a HelmRelease",
         "[language]") {
  m.replace("gitlab.hlab", "values_from = [{ config_map = gitlab-values }]", "values_from = [{ config_map = gitlab-value }]");
  m.error("E0201", "gitlab.hlab", "config_map = gitlab-value }");
}

MUTATION(secret_literal, "language: a password pasted into Helm values", "[language]") {
  m.replace("gitlab.hlab", R"~(auth = { enabled = true, secret = "dragonfly-gl", key = "password" })~",
            R"~(auth = { enabled = true, password = "q8Zr3XvLp0TbN5wYk2Hs9JdF" })~");
  m.error("E0214", "gitlab.hlab", "password = \"q8Zr3XvLp0TbN5wYk2Hs9JdF\"");
}

// ---------------------------------------------------------------------------------------
// Secret flows: Vault producers and readers, policies, stores, Kubernetes Secret consumers.

MUTATION(external_secret_without_producer, "secrets: the PushSecret of a path an ExternalSecret reads is deleted",
         "[secrets]") {
  m.remove("secrets.hlab", R"~(push_secret gitlab-rails-db-push in gitlab-cluster {
  at = clusters/main-configs/gitlab
  store = vault-general
  source = gitlab-rails-db-app
  remote = "gitlab-rails-db-password"
  keys = { password = "password" }
}
)~");
  m.error("E1101", "secrets.hlab", "data = { password = general/gitlab-rails-db-password.password }");
}

MUTATION(typo_in_vault_path, "secrets: a typo in the Vault path an ExternalSecret reads", "[secrets]") {
  m.replace("secrets.hlab",
            "  at = clusters/gitlab-configs/external-secrets\n  store = vault-general\n"
            "  data = { password = general/dragonfly-gl-password.password }",
            "  at = clusters/gitlab-configs/external-secrets\n  store = vault-general\n"
            "  data = { password = general/dragonfly-gl-pasword.password }");
  m.error("E0201", "secrets.hlab", "general/dragonfly-gl-pasword.password");
}

MUTATION(typo_in_push_path, "secrets: a typo in the Vault path a PushSecret writes", "[secrets]") {
  m.replace("secrets.hlab", R"~(remote = "gitlab-rails-db-password")~", R"~(remote = "gitlab-rails-db-pasword")~");
  m.error("E1107", "secrets.hlab", R"~(remote = "gitlab-rails-db-pasword")~");
  m.error("E1104", "secrets.hlab", R"~(remote = "gitlab-rails-db-pasword")~");
  m.error("E1101", "secrets.hlab", "data = { password = general/gitlab-rails-db-password.password }");
}

MUTATION(policy_no_longer_grants_read, "secrets: a policy path without the KV v2 data/ segment", "[secrets]") {
  m.replace("vault.hlab", R"~(grants = [{ path = "main/data/gitlab/*", capabilities = [read, list] }])~",
            R"~(grants = [{ path = "main/gitlab/*", capabilities = [read, list] }])~");
  m.error("E1103", "secrets.hlab", "oidc_client_id = main/gitlab/gitlab-auth.oidc_client_id");
}

MUTATION(policy_lists_but_cannot_read, "secrets: a policy that may list but no longer read", "[secrets]") {
  m.replace("vault.hlab", R"~(grants = [{ path = "main/data/minio/*", capabilities = [read, list] }])~",
            R"~(grants = [{ path = "main/data/minio/*", capabilities = [list] }])~");
  m.error("E1103", "secrets.hlab", "access_key_id = main/minio/access-token.access_key_id");
}

MUTATION(role_with_wrong_policy, "secrets: a Vault role given another reader's policy", "[secrets]") {
  m.replace("vault.hlab", "  policies = [minio-reader]", "  policies = [gitlab-reader]");
  m.error("E1103", "secrets.hlab", "access_key_id = main/minio/access-token.access_key_id");
}

MUTATION(push_outside_policy, "secrets: a PushSecret writing outside its policy", "[secrets]") {
  m.remove("vault.hlab", R"~(    { path = "general/data/gitlab-rails-db-password", capabilities = [create, update] },
)~");
  m.error("E1104", "secrets.hlab", R"~(remote = "gitlab-rails-db-password")~");
}

MUTATION(two_producers_terraform_and_push, "secrets: a pushed path also declared as made by Terraform", "[secrets]") {
  m.replace("vault.hlab", R"~(producer = {
    by = push
    what = "PushSecret gitlab-rails-db-push, from CNPG's gitlab-rails-db-app"
  })~",
            R"~(producer = { by = terraform, what = "random_password" })~");
  m.error("E1102", "secrets.hlab", R"~(remote = "gitlab-rails-db-password")~");
}

MUTATION(two_push_secrets_one_path, "secrets: two PushSecrets writing one path", "[secrets]") {
  const std::string block = R"~(
## Copies Dragonfly's password to Vault (copied from gitlab-rails-db-push).
push_secret dragonfly-gl-push in gitlab {
  at = clusters/main/dragonfly
  store = vault-general
  source = dragonfly-gl
  remote = "gitlab-rails-db-password"
  keys = { password = "password" }
}
)~";
  m.append("secrets.hlab", block);
  m.error("E1102", "secrets.hlab", block, "remote =");
}

MUTATION(store_mount_mismatch, "secrets: an ExternalSecret of main/ through the general/ store", "[secrets]") {
  m.replace("secrets.hlab", "  at = clusters/main-configs/etcd\n  store = minio-store", "  at = clusters/main-configs/etcd\n  store = vault-general");
  m.error("E1105", "secrets.hlab", "access_key_id = main/minio/access-token.access_key_id");
}

MUTATION(k8s_secret_nothing_creates, "secrets: the ExternalSecret of a Secret a HelmRelease reads is deleted", "[secrets]") {
  m.remove("secrets.hlab", R"~(external_secret dragonfly-gl-gitlab in gitlab {
  name = dragonfly-gl
  target = dragonfly-gl
  at = clusters/gitlab-configs/external-secrets
  store = vault-general
  data = { password = general/dragonfly-gl-password.password }
}
)~");
  m.error("E1106", "gitlab.hlab", "    {\n      secret = dragonfly-gl\n      namespace = gitlab\n",
          "secret");
  // The values ConfigMap reads it too (global.redis.auth.secret, typed `secret`).
  m.error("E1106", "gitlab.hlab", R"~(auth = { enabled = true, secret = "dragonfly-gl", key = "password" })~");
}

MUTATION(k8s_secret_key_missing, "secrets: a HelmRelease reading a key the Secret does not have", "[secrets]") {
  m.replace("gitlab.hlab", R"~(keys = ["provider"]
      via)~", R"~(keys = ["providers"]
      via)~");
  m.error("E1106", "gitlab.hlab", R"~(keys = ["providers"])~");
}

MUTATION(certificate_secret_renamed, "secrets: the wildcard certificate's Secret renamed", "[secrets]") {
  m.replace("gateway.hlab", "  issuer = letsencrypt\n  secret = local-m1xxos-tech\n",
            "  issuer = letsencrypt\n  secret = local-m1xxos-tech-tls\n");
  // Traefik reads it on both clusters (infra/controllers).
  m.error("E1106", "gateway.hlab", "uses_secrets = [\n    {\n      secret = local-m1xxos-tech\n", "secret = local");
  m.error("E1106", "gateway.hlab", "uses_secrets = [\n    {\n      secret = local-m1xxos-tech\n", "secret = local");
  // So does the websecure listener of the gateway on each cluster.
  m.error("E1106", "gateway.hlab", "protocol = HTTPS\n    tls_secret = local-m1xxos-tech\n", "tls_secret");
  m.error("E1106", "gateway.hlab", "protocol = HTTPS\n    tls_secret = local-m1xxos-tech\n", "tls_secret");
}

// The values ConfigMap names the Secret GitLab reads (a field typed `secret`).
MUTATION(helm_values_secret_typo, "secrets: Helm values naming a Secret nothing creates", "[secrets]") {
  m.replace("gitlab.hlab", R"~(auth = { enabled = true, secret = "dragonfly-gl", key = "password" })~",
            R"~(auth = { enabled = true, secret = "dragonfly-gitlab", key = "password" })~");
  m.error("E1106", "gitlab.hlab", R"~(secret = "dragonfly-gitlab")~");
}

// DESIGN.md names passwordFromSecret as a consumer.
MUTATION(password_from_secret_typo, "secrets: Dragonfly's passwordFromSecret naming a Secret nothing creates",
         "[secrets]") {
  m.replace("dragonfly.hlab", "password_secret = dragonfly-gl,", "password_secret = dragonfly-gl-password,");
  m.error("E1106", "dragonfly.hlab", "password_secret = dragonfly-gl-password,");
}

// A secretKeyRef of a Helm env entry to a key authentik-new-app lacks.
MUTATION(env_secret_key_typo, "secrets: a secretKeyRef to a key the Secret does not have", "[secrets]") {
  m.replace("authentik.hlab", "secret = authentik-new-app,\n          item = \"username\"",
            "secret = authentik-new-app,\n          item = \"user\"");
  m.error("E1106", "authentik.hlab", "secret = authentik-new-app,\n          item = \"user\"");
}

// The Secret a PushSecret copies to Vault is a consumed Secret too.
MUTATION(push_secret_source_typo, "secrets: a PushSecret whose source Secret nothing creates", "[secrets]") {
  m.replace("secrets.hlab", "  source = gitlab-rails-db-app\n", "  source = gitlab-rails-db-ap\n");
  m.error("E1106", "secrets.hlab", "source = gitlab-rails-db-ap\n");
}

// The ClusterIssuer's DNS01 token is a secretRef, read in namespace cert-manager (the issuer
// is in infra/configs, on both clusters).
MUTATION(issuer_token_secret_typo, "secrets: a ClusterIssuer's token Secret nothing creates", "[secrets]") {
  m.replace("gateway.hlab", "cloudflare_token_secret = cloudflare-token", "cloudflare_token_secret = cloudflare-api-token");
  m.error("E1106", "gateway.hlab", "cloudflare_token_secret = cloudflare-api-token");
  m.error("E1106", "gateway.hlab", "cloudflare_token_secret = cloudflare-api-token");
}

// The AppRole RoleID Secret of the ClusterSecretStore (on both clusters).
MUTATION(approle_secret_typo, "secrets: a store's AppRole Secret nothing creates", "[secrets]") {
  m.replace("secrets.hlab", "role_id_secret = vault-rid,", "role_id_secret = vault-role-id,");
  m.error("E1106", "secrets.hlab", "role_id_secret = vault-role-id,");
  m.error("E1106", "secrets.hlab", "role_id_secret = vault-role-id,");
}

// A gateway listener's certificateRef is a Secret consumer (the gateway is on both clusters).
MUTATION(listener_tls_secret_typo, "secrets: a gateway listener's TLS Secret nothing creates", "[secrets]") {
  m.replace("gateway.hlab", "protocol = HTTPS\n    tls_secret = local-m1xxos-tech\n",
            "protocol = HTTPS\n    tls_secret = local-m1xxos-tech-tls\n");
  m.error("E1106", "gateway.hlab", "tls_secret = local-m1xxos-tech-tls\n");
  m.error("E1106", "gateway.hlab", "tls_secret = local-m1xxos-tech-tls\n");
}

// The store logs in as service account minio-reader, which the role no longer admits.
MUTATION(role_bound_to_other_service_account, "secrets: a Vault role bound to another service account than its store's",
         "[secrets]") {
  m.replace("vault.hlab", "  service_accounts = [minio-reader]", "  service_accounts = [minio]");
  m.error("E1103", "secrets.hlab", "kubernetes = { role = minio-reader, service_account = minio-reader }");
}

// The Vault Agent annotation reads a path outside its role's policy.
MUTATION(vault_agent_reads_outside_policy, "secrets: a Vault Agent annotation reading outside its role's policy",
         "[secrets]") {
  m.replace("observability.hlab", R"~("vault.hashicorp.com/agent-inject-secret-client_id" = "main/data/grafana/grafana-auth")~",
            R"~("vault.hashicorp.com/agent-inject-secret-client_id" = "main/data/gitlab/gitlab-auth")~");
  m.error("E1103", "observability.hlab", R"~("vault.hashicorp.com/agent-inject-secret-client_id" = "main/data/gitlab/gitlab-auth")~");
}

// ---------------------------------------------------------------------------------------
// ClusterMesh: stubs, mesh ids, endpoints and pools, kvstoremesh secrets.

namespace {

const char* kStubLoop = R"~(for s in all(global_service) {
  for c in s.consumers {
    service_stub "\(s)-\(c)" in s.namespace {
      name = "\(s)"
      service = s
      cluster = c
      at = "clusters/\(c)-tenant/global-svc"
      ports = s.ports
    }
  }
})~";

// The stub loop of mesh.hlab written out by hand, as an owner may prefer; `skip` leaves one
// out, `vmsingle_port` replaces the VMSingle stub's port.
std::string hand_written_stubs(const std::string& skip, const std::string& vmsingle_port) {
  struct S {
    const char* name;
    const char* ns;
    std::string port;
    const char* port_name;
  };
  const S all[] = {{"dragonfly-gl", "gitlab", "redis_port", "redis"},
                   {"gitlab-rails-db-global-rw", "gitlab", "postgres_port", "postgres"},
                   {"seaweedfs-s3", "seaweedfs", "s3_port", "swfs-s3"},
                   {"vmsingle-vm-global", "monitoring", vmsingle_port, "http"}};
  std::string out;
  for (const auto& s : all) {
    if (s.name == skip) continue;
    out += fmt::format("service_stub {0}-gitlab in {1} {{\n  name = {0}\n  service = {0}\n  cluster = gitlab\n"
                       "  at = clusters/gitlab-tenant/global-svc\n  ports = [{{ port = {2}, name = {3} }}]\n}}\n\n",
                       s.name, s.ns, s.port, s.port_name);
  }
  return out;
}

}  // namespace

MUTATION(hand_written_stubs_are_clean, "mesh: the stubs written by hand instead of the loop are clean", "[mesh]") {
  m.replace("mesh.hlab", kStubLoop, hand_written_stubs("", "vmsingle_port"));
}

MUTATION(stub_deleted, "mesh: the gitlab-side stub of a global service deleted", "[mesh]") {
  m.replace("mesh.hlab", kStubLoop, hand_written_stubs("seaweedfs-s3", "vmsingle_port"));
  m.error("E1201", "mesh.hlab", "global_service seaweedfs-s3 in seaweedfs {\n  backend = main\n  consumers = [gitlab]", "consumers");
}

MUTATION(stubs_only_for_emitted_services, "mesh: stubs made only for the global services hlabc writes", "[mesh]") {
  m.replace("mesh.hlab", "for s in all(global_service) {", "for s in all(global_service) if s.emit {");
  m.error("E1201", "mesh.hlab", "global_service dragonfly-gl in gitlab {\n  backend = main\n  consumers = [gitlab]", "consumers");
  m.error("E1201", "mesh.hlab", "global_service seaweedfs-s3 in seaweedfs {\n  backend = main\n  consumers = [gitlab]", "consumers");
}

MUTATION(stub_port_changed, "mesh: a stub's port differs from its global service", "[mesh]") {
  m.replace("mesh.hlab", kStubLoop, hand_written_stubs("", "8429"));
  m.error("E1203", "mesh.hlab", "ports = [{ port = 8429, name = http }]");
}

MUTATION(stub_on_backend_cluster, "mesh: a stub on a cluster that does not consume the service", "[mesh]") {
  const std::string block = R"~(
## Dragonfly for main's own clients too.
service_stub dragonfly-gl-main in gitlab {
  name = dragonfly-gl
  service = dragonfly-gl
  cluster = main
  at = clusters/main/dragonfly
  ports = [{ port = redis_port, name = redis }]
}
)~";
  m.append("mesh.hlab", block);
  m.error("E1202", "mesh.hlab", block, "cluster = main");
}

MUTATION(mesh_id_duplicate, "mesh: two clusters with mesh id 1", "[mesh]") {
  m.replace("clusters.hlab", "mesh = { id = 2,", "mesh = { id = 1,");
  m.error("E1204", "clusters.hlab", "mesh = { id = 1, endpoint = 192.168.1.31 }");
}

MUTATION(mesh_endpoint_outside_pool, "mesh: a mesh endpoint outside every pool (pool IP typed by hand)", "[mesh]") {
  m.replace("mesh.hlab", "ips = [main_cluster.mesh.endpoint]", "ips = [192.168.1.82]");
  m.error("E1205", "clusters.hlab", "mesh = { id = 1, endpoint = 192.168.1.81 }");
}

MUTATION(mesh_endpoint_is_ingress_ip, "mesh: a mesh endpoint equal to the cluster's ingress IP", "[mesh]") {
  m.replace("clusters.hlab", "mesh = { id = 2, endpoint = 192.168.1.31 }", "mesh = { id = 2, endpoint = 192.168.1.30 }");
  m.error("E1401", "clusters.hlab", "mesh = { id = 2, endpoint = 192.168.1.30 }");
}

MUTATION(kvstoremesh_missing_remote, "mesh: kvstoremesh secrets listing workload clusters only", "[mesh]") {
  m.replace("mesh.hlab", R"~(data_from = [for r in all(cluster) if r.mesh != null && r != c:)~",
            R"~(data_from = [for r in all(cluster) if r.role == "workload" && r != c:)~");
  m.error("E1206", "mesh.hlab", R"~(data_from = [for r in all(cluster) if r.role == "workload")~");
}

MUTATION(kvstoremesh_target_renamed, "mesh: the kvstoremesh ExternalSecret's target renamed", "[mesh]") {
  m.replace("mesh.hlab", "    name = cilium-kvstoremesh\n    target = cilium-kvstoremesh\n",
            "    name = cilium-kvstoremesh\n    target = cilium-kvstore-mesh\n");
  m.error("E1206", "clusters.hlab", "mesh = { id = 1, endpoint = 192.168.1.81 }");
  m.error("E1206", "clusters.hlab", "mesh = { id = 2, endpoint = 192.168.1.31 }");
  m.error("E1106", "critical.hlab", "{ secret = cilium-kvstoremesh,");
}

// Today: E0204 plus three "no folder named clusters/dev-configs/cilium" (the mesh record is
// dropped whole, so the folder loop skips dev while the pool loop does not).
MUTATION(new_cluster_without_mesh_endpoint, "mesh: a new cluster's mesh without its endpoint", "[mesh]") {
  m.append("clusters.hlab", replace_once(dev_cluster(), "mesh = { id = 3, endpoint = 192.168.1.41 }", "mesh = { id = 3 }"));
  m.error("E0204", "clusters.hlab", "mesh = { id = 3 }").message_contains("endpoint");
}

// A workload cluster must be in the mesh: its Flux variables and pools read `mesh`.
MUTATION(workload_cluster_without_mesh, "mesh: a new workload cluster without mesh", "[mesh]") {
  m.append("clusters.hlab", replace_once(dev_cluster(), "  mesh = { id = 3, endpoint = 192.168.1.41 }\n", ""));
  // One diagnostic at the first read of the missing fact, naming the cluster; later reads
  // of the same unset field stay quiet.
  m.error("E0204", "flux.hlab", "CILIUM_CLUSTER_ID = c.mesh.id").message_contains("mesh").label("clusters.hlab",
                                                                                              "cluster dev {");
}

// ---------------------------------------------------------------------------------------
// Flux: dependsOn, cycles, substitutions, chart sources, values ConfigMaps, kubeconfigs.

MUTATION(depends_on_missing, "flux: a dependsOn to a Kustomization that does not exist", "[flux]") {
  m.replace("flux.hlab", "depends_on = [main-infra]", "depends_on = [main-infrastructure]");
  m.error("E0201", "flux.hlab", "depends_on = [main-infrastructure]");
}

MUTATION(depends_on_missing_in_loop, "flux: a dependsOn typo in the workload-cluster loop", "[flux]") {
  m.replace("flux.hlab", "depends_on = [\"\\(c.managed_by.namespace)-tenant\"]\n", "depends_on = [\"\\(c.managed_by.namespace)-tenants\"]\n");
  m.error("E0201", "flux.hlab", "depends_on = [\"\\(c.managed_by.namespace)-tenants\"]");
}

MUTATION(depends_on_other_namespace, "flux: a dependsOn to a Kustomization in another namespace", "[flux]") {
  m.replace("flux.hlab", "depends_on = [main-infra]", "depends_on = [gitlab-cluster-infra]");
  m.error("E1302", "flux.hlab", "depends_on = [gitlab-cluster-infra]");
}

MUTATION(depends_on_cycle, "flux: a dependsOn cycle", "[flux]") {
  m.replace("flux.hlab", "  path = infra/tenant\n  vars = tenant_vars(c = main)",
            "  path = infra/tenant\n  depends_on = [main-configs]\n  vars = tenant_vars(c = main)");
  m.error("E1301", "flux.hlab", "depends_on = [main-configs]");
}

MUTATION(shared_var_not_substituted, "flux: a shared-layer ${VAR} main's Kustomization does not substitute", "[flux]") {
  m.replace("flux.hlab", "  vars = configs_vars(c = main)", R"~(  vars = { DNS_NAME = local.zone, CILIUM_CLUSTER_NAME = "main" })~");
  m.error("E1303", "mesh.hlab", R"~("${CILIUM_CLUSTER_NAME}" = """)~")
      .message_contains("CILIUM_CLUSTERMESH_ENDPOINT")
      .label("flux.hlab", "  vars = { DNS_NAME = local.zone", "vars");
}

MUTATION(shared_var_typo, "flux: a typo in a ${VAR} of a shared layer", "[flux]") {
  m.replace("critical.hlab", R"~(cluster = { name = "${CILIUM_CLUSTER_NAME}")~", R"~(cluster = { name = "${CILIUM_CLUSTERNAME}")~");
  m.error("E1303", "critical.hlab", "${CILIUM_CLUSTERNAME}");
}

MUTATION(var_in_cluster_folder, "flux: a ${VAR} in a folder whose Kustomization substitutes nothing", "[flux]") {
  m.replace("gateway.hlab", "  hostnames = [grafana_host]", R"~(  hostnames = ["grafana.${DNS_NAME}"])~");
  m.error("E1303", "gateway.hlab", R"~(hostnames = ["grafana.${DNS_NAME}"])~");
}

// Today: the five errors are there, but their "applied by `main-tenant`" label points into
// stdlib/std/flux.hlab (the default of `vars`) instead of the Kustomization in flux.hlab.
// (Namespace flux-tenant is reported twice, for its name and for its labels.)
MUTATION(tenant_vars_deleted, "flux: main-tenant without its vars points at the Kustomization", "[flux]") {
  m.remove("flux.hlab", "  vars = tenant_vars(c = main)\n");
  const char* ks = "flux_kustomization main-tenant {";
  m.error("E1303", "tenant.hlab", R"~(let tenant_labels = { "toolkit.fluxcd.io/tenant" = "${CLUSTER_NAME}" })~", "\"${CLUSTER_NAME}\"")
      .label("flux.hlab", ks);
  m.error("E1303", "tenant.hlab", R"~(  name = "${CLUSTER_NAME}")~", "\"${").label("flux.hlab", ks);
  m.error("E1303", "tenant.hlab", R"~(manifest flux-restricted in "${CLUSTER_NAME}")~").label("flux.hlab", ks);
  m.error("E1303", "tenant.hlab", R"~(manifest flux-cluster-admin in "${CLUSTER_NAME}")~").label("flux.hlab", ks);
  m.error("E1303", "tenant.hlab", R"~(namespace = "${CLUSTER_NAME}")])~", "\"${").label("flux.hlab", ks);
}

MUTATION(helm_source_on_other_cluster, "flux: a HelmRelease whose chart source is on another cluster", "[flux]") {
  m.replace("sources.hlab", "  name = gitlab\n  at = clusters/gitlab/gitlab", "  name = gitlab\n  at = clusters/main/monitoring");
  m.error("E1304", "gitlab.hlab", R"~(chart = { name = "gitlab", version = gitlab_chart_version)~");
}

MUTATION(helm_source_deleted, "flux: a HelmRelease whose chart source is deleted", "[flux]") {
  m.remove("sources.hlab", R"~(helm_repository gitlab-charts {
  name = gitlab
  at = clusters/gitlab/gitlab
  url = "https://charts.gitlab.io"
}
)~");
  m.error("E0201", "gitlab.hlab", R"~(chart = { name = "gitlab", version = gitlab_chart_version)~");
}

MUTATION(values_configmap_on_other_cluster, "flux: a HelmRelease whose values ConfigMap is on another cluster", "[flux]") {
  m.replace("gitlab.hlab", "  at = clusters/gitlab/gitlab\n  labels", "  at = clusters/main-configs/gitlab\n  labels");
  m.error("E1305", "gitlab.hlab", "values_from = [{ config_map = gitlab-values }]");
}

// E1306 at the `cluster` of the Kustomization that targets another cluster without a kubeconfig.
MUTATION(remote_kustomization_without_kubeconfig, "flux: a remote Kustomization without kubeconfig",
         "[flux]") {
  m.replace("flux.hlab", "    kubeconfig = \"\\(c.managed_by.name)-kubeconfig\"\n    path = infra/critical", "    path = infra/critical");
  m.error("E1306", "flux.hlab", "-critical\" in c.managed_by.namespace {\n    at = \"clusters/\\(c.managed_by.management)-configs/\\(c.managed_by.namespace)\"\n    file = \"\\(c)-flux.yaml\"\n    cluster = c", "cluster = c");
}

// E1306 checks that `kubeconfig` is set; E1106 that the Secret it names exists on the
// management cluster, in the Kustomization's namespace.
MUTATION(kubeconfig_secret_name_typo, "flux: a remote Kustomization naming a kubeconfig Secret that does not exist",
         "[flux]") {
  m.replace("flux.hlab", "    kubeconfig = \"\\(c.managed_by.name)-kubeconfig\"\n    path = \"clusters/\\(c)-tenant\"",
            "    kubeconfig = \"\\(c.managed_by.name)-kubecfg\"\n    path = \"clusters/\\(c)-tenant\"");
  m.error("E1106", "flux.hlab", "kubeconfig = \"\\(c.managed_by.name)-kubecfg\"");
}

// As above; the four Kustomizations of gitlab read the deleted Secret.
MUTATION(kubeconfig_secret_deleted, "flux: the CAPI kubeconfig Secret of the remote Kustomizations deleted",
         "[flux]") {
  m.remove("capi.hlab", R"~(k8s_secret proxmox-gitlab-kubeconfig in gitlab-cluster {
  cluster = main
  keys = ["value"]
  created_by = capi
}
)~");
  const std::string kc = "kubeconfig = \"\\(c.managed_by.name)-kubeconfig\"\n    path = ";
  m.error("E1106", "flux.hlab", kc + "\"clusters/\\(c)-tenant\"", "kubeconfig");
  m.error("E1106", "flux.hlab", kc + "infra/critical", "kubeconfig");
  m.error("E1106", "flux.hlab", kc + "\"clusters/\\(c)\"\n", "kubeconfig");
  m.error("E1106", "flux.hlab", kc + "\"clusters/\\(c)-configs\"", "kubeconfig");
}

// `decryption` names a Secret that nothing creates in flux-system on main.
MUTATION(decryption_secret_typo, "flux: a Kustomization decrypting with a Secret nothing creates",
         "[flux]") {
  m.replace("flux.hlab", "  vars = tenant_vars(c = main)\n  decryption = sops-gpg", "  vars = tenant_vars(c = main)\n  decryption = sops-gpg-key");
  m.error("E1106", "flux.hlab", "decryption = sops-gpg-key");
}

// ---------------------------------------------------------------------------------------
// Network and ingress: zones, certificates, CIDRs, IP collisions, listeners, namespaces.

MUTATION(route_hostname_outside_zones, "network: a route hostname outside every zone (typo in the domain)", "[network]") {
  m.replace("gateway.hlab", R"~(hostnames = ["hubble.\(local.zone)"])~", R"~(hostnames = ["hubble.local.m1xos.tech"])~");
  m.error("E1403", "gateway.hlab", R"~(hostnames = ["hubble.local.m1xos.tech"])~");
  // A name outside every zone is also outside every certificate.
  m.error("E1404", "gateway.hlab", R"~(hostnames = ["hubble.local.m1xos.tech"])~");
}

MUTATION(hostname_not_covered, "network: a hostname two labels below the wildcard", "[network]") {
  m.replace("gateway.hlab", R"~(hostnames = ["vault.\(local.zone)"])~", R"~(hostnames = ["vault.ha.\(local.zone)"])~");
  m.error("E1404", "gateway.hlab", R"~(hostnames = ["vault.ha.\(local.zone)"])~");
}

MUTATION(hostname_of_other_cluster, "network: a gitlab route under main's zone", "[network]") {
  m.replace("gateway.hlab", R"~(hostnames = ["kas.\(gl.zone)"])~", R"~(hostnames = ["kas.\(local.zone)"])~");
  m.error("E1404", "gateway.hlab", R"~(hostnames = ["kas.\(local.zone)"])~");
}

MUTATION(pod_cidrs_overlap, "network: gitlab's pod CIDR overlapping main's (the default)", "[network]") {
  m.replace("clusters.hlab", "  pod_cidr = 10.168.0.0/16", "  pod_cidr = 10.244.0.0/16");
  m.error("E1402", "clusters.hlab", "pod_cidr = 10.244.0.0/16");
}

MUTATION(pod_cidr_overlaps_lan, "network: a pod CIDR overlapping the LAN", "[network]") {
  m.replace("clusters.hlab", "  pod_cidr = 10.168.0.0/16", "  pod_cidr = 192.168.0.0/16");
  m.error("E1402", "clusters.hlab", "pod_cidr = 192.168.0.0/16");
}

MUTATION(vip_collision, "network: two clusters' VIPs collide", "[network]") {
  m.replace("clusters.hlab", "  vip = 192.168.1.20", "  vip = 192.168.1.75");
  m.error("E1401", "clusters.hlab", "  vip = 192.168.1.75\n  ingress_ip = 192.168.1.30", "vip");
}

MUTATION(ip_in_worker_range, "network: main's ingress IP inside gitlab's worker range", "[network]") {
  m.replace("clusters.hlab", "  ingress_ip = 192.168.1.80", "  ingress_ip = 192.168.1.25");
  m.error("E1401", "clusters.hlab", "ingress_ip = 192.168.1.25");
}

MUTATION(vip_is_host_ip, "network: a VIP equal to the NFS server's address", "[network]") {
  m.replace("clusters.hlab", "  vip = 192.168.1.20", "  vip = 192.168.1.138");
  m.error("E1401", "clusters.hlab", "  ip = 192.168.1.138\n  network = lan", "ip")
      .label("clusters.hlab", "  vip = 192.168.1.138");
}

MUTATION(route_listener_unknown, "network: a route listener that does not exist", "[network]") {
  m.replace("gateway.hlab", "  listener = websecure\n  hostnames = [\"longhorn", "  listener = https\n  hostnames = [\"longhorn");
  m.error("E1405", "gateway.hlab", "listener = https");
}

MUTATION(route_gateway_other_cluster, "network: a gitlab route on main's gateway", "[network]") {
  m.replace("gateway.hlab", "  gateway = traefik-gateway-gitlab\n  listener = websecure\n  hostnames = [gl.zone]",
            "  gateway = traefik-gateway-main\n  listener = websecure\n  hostnames = [gl.zone]");
  m.error("E1406", "gateway.hlab", "  gateway = traefik-gateway-main\n  listener = websecure\n  hostnames = [gl.zone]", "gateway");
}

MUTATION(namespace_missing, "network: a namespace deleted while a HelmRelease still uses it", "[network]") {
  m.remove("observability.hlab", "namespace tracing {\n  at = clusters/main/tracing\n}\n");
  m.error("E1407", "observability.hlab", "helm_release tempo in tracing");
}

MUTATION(namespace_missing_on_consumer, "network: a stub's namespace missing on the consuming cluster", "[network]") {
  m.remove("tenant.hlab", "namespace gitlab-seaweedfs {\n  name = seaweedfs\n  at = clusters/gitlab-tenant/namespaces\n}\n");
  m.error("E1407", "mesh.hlab", "global_service seaweedfs-s3 in seaweedfs");
}

MUTATION(namespace_typo, "network: a typo in the namespace of a shared-layer object", "[network]") {
  m.replace("secrets.hlab", "external_secret cloudflare-token in cert-manager {", "external_secret cloudflare-token in cert-manger {");
  // infra/configs lands on both clusters.
  m.error("E1407", "secrets.hlab", "external_secret cloudflare-token in cert-manger");
  m.error("E1407", "secrets.hlab", "external_secret cloudflare-token in cert-manger");
  // The ClusterIssuer no longer finds its token in cert-manager, on either cluster.
  m.error("E1106", "gateway.hlab", "cloudflare_token_secret = cloudflare-token")
      .label("secrets.hlab", "external_secret cloudflare-token in cert-manger");
  m.error("E1106", "gateway.hlab", "cloudflare_token_secret = cloudflare-token")
      .label("secrets.hlab", "external_secret cloudflare-token in cert-manger");
}

// ---------------------------------------------------------------------------------------

TEST_CASE("every mutation's snippets are unique", "[homelab][mutation]") {
  REQUIRE(registry().size() >= 35);
  for (const auto& [name, def] : registry()) {
    INFO("mutation: " << name);
    Mutation m;
    def(m);
    Homelab h;
    m.apply(h);
    for (const auto& e : m.expected()) {
      (void)resolve(h, e.at);
      if (e.label_at) (void)resolve(h, *e.label_at);
    }
  }
}

TEST_CASE("the unmutated homelab copy is clean", "[homelab][mutation]") {
  Homelab h;
  CheckResult r = h.check();
  INFO(r.listing());
  CHECK(r.diags.empty());
}
