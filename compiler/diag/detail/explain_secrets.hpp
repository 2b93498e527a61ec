// Long-form docs of the secret-flow codes (E11xx, W11xx); included by explain_checks.hpp.
#pragma once

#include <string_view>

namespace hlab::diag::detail {

inline constexpr std::string_view kPushSecretMissing = R"md(An ExternalSecret reads a Vault secret whose `producer` is `push`, but no PushSecret writes
that path. hlabc expands the `remote` of every push_secret with the Flux variables of each
Kustomization that applies it (`clustermesh/${CILIUM_CLUSTER_NAME}` applied with
`CILIUM_CLUSTER_NAME = "main"` writes `general/clustermesh/main`) and compares the results with
the path of the secret, `<mount>/<path>`. Without a writer, the ExternalSecret stays in
`SecretSyncedError` and the workload that needs the Secret never starts.

Bad:

```hlab
vault_secret general/clustermesh/main {
  mount    = general
  keys     = [config]
  producer = { by = push, what = "clustermesh-apiserver remote cert" }
}

external_secret cilium-kvstoremesh in kube-system {
  at        = clusters/main
  store     = vault-general
  data_from = [general/clustermesh/main]
}
```

Good:

```hlab
flux_kustomization main-configs {
  at      = clusters/main
  cluster = main
  path    = infra/configs
  vars    = { CILIUM_CLUSTER_NAME = "main" }
}

push_secret cilium-clustermesh in kube-system {
  at     = infra/configs
  store  = vault-general
  source = clustermesh-apiserver-remote-cert
  remote = "clustermesh/${CILIUM_CLUSTER_NAME}"
}
```

How to fix: add the PushSecret, make sure a Kustomization applies it with the variables its
`remote` uses, or, when something else writes the secret, correct its `producer`.
)md";

inline constexpr std::string_view kSecretTwoProducers = R"md(Two producers write one Vault path: two PushSecrets (or one PushSecret applied on two clusters
whose `remote` expands to the same path), or a PushSecret that writes a path whose declared
producer is Terraform or a person. The writers overwrite each other on every refresh, and which
value a reader sees depends on timing.

Bad:

```hlab
vault_secret general/dragonfly-gl-password {
  mount    = general
  keys     = [password]
  producer = { by = terraform, what = "random_password, 60 characters" }
}

push_secret dragonfly-push in gitlab-cluster {
  at     = clusters/main
  store  = vault-general
  source = dragonfly-gl
  remote = "dragonfly-gl-password"
}
```

Good:

```hlab
vault_secret general/dragonfly-gl-password {
  mount    = general
  keys     = [password]
  producer = { by = terraform, what = "random_password, 60 characters" }
}
# No PushSecret: Terraform owns the value; ExternalSecrets only read it.
```

How to fix: keep one producer per path. A PushSecret shared by several clusters needs a
per-cluster path, e.g. `remote = "clustermesh/${CILIUM_CLUSTER_NAME}"`.
)md";

inline constexpr std::string_view kVaultReadDenied = R"md(An ExternalSecret reads a Vault secret, but the Vault role its store authenticates as (through
`approle` or `kubernetes`) has no policy granting `read` on the path. For a KV v2 mount the path
checked is `<mount>/data/<path>`; grants match with Vault's glob rules (`*` at the end matches
any suffix, `+` one segment), and a matching `deny` wins. Vault answers 403 and the
ExternalSecret never syncs. The same code reports a store whose Kubernetes login uses a service
account or namespace its Vault role does not bind: Vault refuses the login, so nothing can be
read through the store.

Bad:

```hlab
vault_policy general-reader {
  grants = [{ path = "general/data/apps/*", capabilities = [read] }]
}

external_secret dragonfly-gl in gitlab {
  at    = clusters/main
  store = vault-general
  data  = { password = general/dragonfly-gl-password.password }
}
```

Good:

```hlab
vault_policy general-reader {
  grants = [
    { path = "general/data/apps/*", capabilities = [read] },
    { path = "general/data/dragonfly-*", capabilities = [read] },
  ]
}
```

How to fix: add a grant with `read` on the path to a policy of the store's role, or read the
secret through a store whose role may.
)md";

inline constexpr std::string_view kVaultWriteDenied = R"md(A PushSecret writes a Vault path (its `remote`, expanded with the Flux variables of each
Kustomization applying it) that the policies of its store's role do not allow it to write.
Writing a KV v2 secret needs `create` for the first write and `update` for every later one on
`<mount>/data/<path>`; both are checked.

Bad:

```hlab
vault_policy general-reader {
  grants = [{ path = "general/data/*", capabilities = [read] }]
}

push_secret gitlab-rails-db-push in gitlab-cluster {
  at     = clusters/main
  store  = vault-general
  source = gitlab-rails-db-app
  remote = "gitlab-rails-db-password"
}
```

Good:

```hlab
vault_policy general-reader {
  grants = [
    { path = "general/data/*", capabilities = [read] },
    { path = "general/data/gitlab-rails-db-password", capabilities = [create, update, read] },
  ]
}
```

How to fix: grant `create` and `update` on exactly the paths the PushSecret writes (a glob
such as `general/data/clustermesh/*` for a per-cluster path), or push through another store.
)md";

inline constexpr std::string_view kSecretMountMismatch = R"md(An ExternalSecret reads a Vault secret declared in one KV mount through a store bound to
another. A store reads from its own `mount` only, so the path is looked up in the wrong engine
and Vault answers "not found".

Bad:

```hlab
vault_secret main/authentik/secret-key {
  mount    = main
  keys     = [secret-key]
  producer = { by = terraform, what = "random_password" }
}

external_secret authentik-secret-key in authentik {
  at    = clusters/main
  store = vault-general        # mount = general
  data  = { secret-key = main/authentik/secret-key.secret-key }
}
```

Good:

```hlab
secret_store authentik-store in authentik {
  at         = clusters/main
  server     = vault
  mount      = main
  kubernetes = { role = authentik-reader, service_account = authentik-reader }
}

external_secret authentik-secret-key in authentik {
  at    = clusters/main
  store = authentik-store
  data  = { secret-key = main/authentik/secret-key.secret-key }
}
```

How to fix: read the secret through a store of its mount, or move the secret into the mount of
the store.
)md";

inline constexpr std::string_view kK8sSecretMissing = R"md(Something reads a Kubernetes Secret that nothing creates on the cluster and in the namespace
where the reader looks, or reads a key the Secret does not have. Readers are the `uses_secrets`
entries of helm_releases and manifests; `secretKeyRef`, `secretRef`, `passwordFromSecret` and
`secretName` anywhere in a manifest body or Helm values (and `existingSecret` in Helm values); a
PushSecret's `source`; a SecretStore's AppRole secrets; a ClusterIssuer's API token (read in
namespace `cert-manager`); a Gateway listener's `tls_secret`; and a Flux Kustomization's
`kubeconfig` (read where the Kustomization lives). Creators are ExternalSecrets (their `target` or name, with the keys of
`data`, `template` and every `data_from` secret), k8s_secret declarations (SOPS files,
operators), the `creates_secrets` of manifests (CloudNative-PG app secrets) and cert-manager
Certificates (`tls.crt`, `tls.key`). A release with `kubeconfig` runs its workloads on the
cluster that kubeconfig reaches, in its `target_namespace`. The pod would wait in
`CreateContainerConfigError`.

Bad:

```hlab
helm_release gitlab in gitlab {
  at    = clusters/main
  chart = { name = "gitlab", version = 9.9.0, helm_repo = gitlab }
  uses_secrets = [
    { secret = dragonfly-gl, keys = ["pasword"], via = "global.redis.auth.secret" },
  ]
}
```

Good:

```hlab
external_secret dragonfly-gl in gitlab {
  at    = clusters/main
  store = vault-general
  data  = { password = general/dragonfly-gl-password.password }
}

helm_release gitlab in gitlab {
  at    = clusters/main
  chart = { name = "gitlab", version = 9.9.0, helm_repo = gitlab }
  uses_secrets = [
    { secret = dragonfly-gl, keys = ["password"], via = "global.redis.auth.secret" },
  ]
}
```

How to fix: create the Secret on that cluster and namespace (an external_secret placed in a
folder applied there, a k8s_secret, or `creates_secrets` of the operator's object), or correct
the name, namespace or key the workload reads.
)md";

inline constexpr std::string_view kPushPathUndeclared = R"md(A PushSecret writes a Vault path that no `vault_secret` declares. The `remote` of a PushSecret
is a string (it may hold Flux variables), so this is the check that catches a typo in it, or a
new cluster whose expansion (`clustermesh/dev`) was never declared. Readers refer to Vault
secrets by checked names; an undeclared path has no readers and no policy review.

Bad:

```hlab
flux_kustomization gitlab-configs {
  at         = clusters/main
  cluster    = gitlab
  path       = infra/configs
  kubeconfig = proxmox-gitlab-kubeconfig
  vars       = { CILIUM_CLUSTER_NAME = "gitlab" }
}
# infra/configs holds a push_secret with remote = "clustermesh/${CILIUM_CLUSTER_NAME}",
# but only general/clustermesh/main is declared.
```

Good:

```hlab
vault_secret general/clustermesh/gitlab {
  mount    = general
  keys     = [config]
  producer = { by = push, what = "clustermesh-apiserver remote cert" }
}
```

How to fix: declare the `vault_secret` the PushSecret writes (with `producer = { by = push }`),
or correct the `remote` path.
)md";

inline constexpr std::string_view kSecretUnread = R"md(A Vault secret is produced (by Terraform, a person or a PushSecret) but nothing reads it: no
ExternalSecret names it in `data` or `data_from`, and no other object mentions its path (a
Vault Agent annotation such as `vault.hashicorp.com/agent-inject-secret-x: main/data/grafana/x`
counts as a reader). It is a leftover, or the reader was forgotten. A warning: the homelab still
works.

Bad:

```hlab
vault_secret general/grafana-auth {
  mount    = general
  keys     = [client-id, client-secret]
  producer = { by = terraform, what = "authentik_provider_oauth2.grafana" }
}
```

Good:

```hlab
vault_secret general/grafana-auth {
  mount    = general
  keys     = [client-id, client-secret]
  producer = { by = terraform, what = "authentik_provider_oauth2.grafana" }
}

external_secret grafana-auth in monitoring {
  at    = clusters/main
  store = vault-general
  data  = { client-secret = general/grafana-auth.client-secret }
}
```

How to fix: read it where it is needed, or remove the declaration together with its producer.
)md";

inline constexpr std::string_view kPolicyTooBroad = R"md(A grant of a Vault policy matches no path that the readers and writers of its roles use. hlabc
knows every ExternalSecret and PushSecret of a store and so every path a role needs; a grant
outside them only widens what a leaked token can read. Only policies whose every role is used
by a secret store are judged (a role used by a Vault Agent sidecar has readers hlabc cannot
see), and `list` grants on `metadata/` paths are not judged. A warning.

Bad:

```hlab
vault_policy general-reader {
  grants = [
    { path = "general/data/*", capabilities = [read] },
    { path = "main/data/grafana/*", capabilities = [read] },
  ]
}
```

Good:

```hlab
vault_policy general-reader {
  grants = [{ path = "general/data/*", capabilities = [read] }]
}

vault_policy grafana-reader {
  grants = [{ path = "main/data/grafana/*", capabilities = [read] }]
}
```

How to fix: remove the grant, or move it to a policy of the role that needs it.
)md";

}  // namespace hlab::diag::detail
