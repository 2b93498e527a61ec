// Long-form docs of the Flux codes (E13xx, W13xx); included by explain_checks.hpp.
#pragma once

#include <string_view>

namespace hlab::diag::detail {

inline constexpr std::string_view kFluxDependsCycle = R"md(Kustomizations depend on each other in a cycle. Flux reconciles a Kustomization only when all
of its `dependsOn` are ready, so every member of the cycle waits for the others forever, with
"dependency not ready" in its status. hlabc prints the cycle once, starting from the member
declared first.

Bad:

```hlab
flux_kustomization controllers {
  at         = clusters/main
  cluster    = main
  path       = infra/controllers
  depends_on = [configs]
}

flux_kustomization configs {
  at         = clusters/main
  cluster    = main
  path       = infra/configs
  depends_on = [controllers]
}
```

Good:

```hlab
flux_kustomization controllers {
  at      = clusters/main
  cluster = main
  path    = infra/controllers
}

flux_kustomization configs {
  at         = clusters/main
  cluster    = main
  path       = infra/configs
  depends_on = [controllers]
}
```

How to fix: remove one dependency of the cycle; the labels show each edge.
)md";

inline constexpr std::string_view kFluxDependsUnresolvable = R"md(A `depends_on` names a Kustomization that Flux cannot find from where the depending one runs:
it is in another namespace (a dependsOn is looked up in the Kustomization's own namespace, and
multi-tenant lockdown forbids cross-namespace references), or it lives on another cluster
(each cluster's kustomize-controller sees only its own objects). The dependency never becomes
ready.

Bad:

```hlab
flux_kustomization gitlab-cluster-tenant in gitlab-cluster {
  at         = clusters/main
  cluster    = gitlab
  path       = clusters/gitlab-tenant
  kubeconfig = proxmox-gitlab-kubeconfig
}

flux_kustomization main-configs {            # in flux-system
  at         = clusters/main
  cluster    = main
  path       = clusters/main-configs
  depends_on = [gitlab-cluster-tenant]
}
```

Good:

```hlab
flux_kustomization gitlab-cluster-apps in gitlab-cluster {
  at         = clusters/main
  cluster    = gitlab
  path       = clusters/gitlab-apps
  kubeconfig = proxmox-gitlab-kubeconfig
  depends_on = [gitlab-cluster-tenant]
}
```

How to fix: keep Kustomizations that depend on each other in one namespace, in folders applied
on the same cluster.
)md";

inline constexpr std::string_view kFluxVarUnsubstituted = R"md(A string of an object holds a Flux variable `${VAR}` that a Kustomization applying the object
does not substitute (its `vars`, postBuild.substitute). A shared layer such as `infra/configs`
is applied by one Kustomization per cluster, and each must set every variable the layer uses;
Flux would otherwise write the empty string. Variables with a default (`${VAR:=value}`,
`${VAR:-value}`) and escaped ones (`$${VAR}`) need no value; objects applied by Flux bootstrap
(`clusters/<cluster>`) get no variables at all.

Bad:

```hlab
flux_kustomization gitlab-configs {
  at         = clusters/main
  cluster    = gitlab
  path       = infra/configs
  kubeconfig = proxmox-gitlab-kubeconfig
  vars       = { CILIUM_CLUSTER_NAME = "gitlab" }
}
# infra/configs holds a certificate with dns_names = ["${DNS_NAME}", "*.${DNS_NAME}"]
```

Good:

```hlab
flux_kustomization gitlab-configs {
  at         = clusters/main
  cluster    = gitlab
  path       = infra/configs
  kubeconfig = proxmox-gitlab-kubeconfig
  vars       = { DNS_NAME = "gl.m1xxos.tech", CILIUM_CLUSTER_NAME = "gitlab" }
}
```

How to fix: add the variable to the `vars` of the Kustomization named in the label, or write a
default into the placeholder.
)md";

inline constexpr std::string_view kHelmSourceMissing = R"md(A HelmRelease's chart has no source (none of `helm_repo`, `oci_repo`, `git_repo`), names more
than one, or its HelmRepository or OCIRepository does not land on the cluster where the
HelmRelease object lives. The helm-controller looks the source up on its own cluster, even for
a release installed remotely through a kubeconfig; the release fails with "source not found".
Bootstrapped GitRepositories exist wherever Flux runs and are not checked.

Bad:

```hlab
oci_repository dragonfly-operator {
  at  = clusters/gitlab
  url = "oci://ghcr.io/dragonflydb/dragonfly-operator/helm"
}

helm_release dragonfly-operator in gitlab-cluster {
  at    = clusters/main
  chart = { name = "dragonfly-operator", oci_repo = dragonfly-operator }
}
```

Good:

```hlab
oci_repository dragonfly-operator {
  at  = clusters/main
  url = "oci://ghcr.io/dragonflydb/dragonfly-operator/helm"
}
```

How to fix: set exactly one source, and place it in a folder applied on the release's cluster.
)md";

inline constexpr std::string_view kHelmValuesMissing = R"md(A HelmRelease takes values from a ConfigMap (`values_from`) that is not in the release's
namespace or does not land on the release's cluster. `valuesFrom` has no namespace field: Flux
reads the ConfigMap next to the HelmRelease object, and the release fails with "could not find
ConfigMap".

Bad:

```hlab
config_map gitlab-values in gitlab {
  at = clusters/main
}

helm_release gitlab in gitlab-cluster {
  at          = clusters/main
  chart       = { name = "gitlab", version = 9.9.0, helm_repo = gitlab }
  values_from = [{ config_map = gitlab-values }]
}
```

Good:

```hlab
config_map gitlab-values in gitlab-cluster {
  at = clusters/main
}
```

How to fix: put the ConfigMap in the release's namespace, in a folder applied on the release's
cluster.
)md";

inline constexpr std::string_view kFluxRemoteNoKubeconfig = R"md(A Kustomization applies to a cluster (`cluster`) other than the one it lives on (where the
folder holding it is applied), but has no `kubeconfig`. Without `spec.kubeConfig`, Flux applies
to the cluster it runs on: the objects meant for the remote cluster land on the wrong one.

Bad:

```hlab
flux_kustomization gitlab-cluster-tenant in gitlab-cluster {
  at      = clusters/main
  cluster = gitlab
  path    = clusters/gitlab-tenant
}
```

Good:

```hlab
flux_kustomization gitlab-cluster-tenant in gitlab-cluster {
  at         = clusters/main
  cluster    = gitlab
  path       = clusters/gitlab-tenant
  kubeconfig = proxmox-gitlab-kubeconfig
}
```

How to fix: set `kubeconfig` to the Secret holding the remote cluster's kubeconfig (CAPI writes
`<cluster>-kubeconfig`), or place the Kustomization in a folder applied on the target cluster.
)md";

inline constexpr std::string_view kFluxVarUnused = R"md(A Kustomization substitutes a variable that nothing it applies uses. Usually a leftover after a
layer stopped using it, or a misspelling on one side (then E1303 reports the other side). A
warning.

Bad:

```hlab
flux_kustomization main-configs {
  at      = clusters/main
  cluster = main
  path    = infra/configs
  vars    = { DNS_NAME = "local.m1xxos.tech", CILIUM_CLUSTERMESH_ENDPOINT = "192.168.1.81" }
}
# nothing in infra/configs uses ${CILIUM_CLUSTERMESH_ENDPOINT}
```

Good:

```hlab
flux_kustomization main-configs {
  at      = clusters/main
  cluster = main
  path    = infra/configs
  vars    = { DNS_NAME = "local.m1xxos.tech" }
}
```

How to fix: remove the variable, or use it in an object of the applied folders.
)md";

}  // namespace hlab::diag::detail
