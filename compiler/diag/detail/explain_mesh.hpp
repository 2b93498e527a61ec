// Long-form docs of the ClusterMesh codes (E12xx); included by explain_checks.hpp.
#pragma once

#include <string_view>

namespace hlab::diag::detail {

inline constexpr std::string_view kMeshStubMissing = R"md(A global service lists a cluster in `consumers`, but no `service_stub` of it is declared for
that cluster. Cilium shares a global Service only between clusters that each have a Service of
the same name and namespace; on a consuming cluster that is a selector-less stub. Without it,
`dragonfly-gl.gitlab` does not resolve there and the client fails with "no such host".

Bad:

```hlab
global_service gitlab-rails-db-global-rw in gitlab {
  backend   = main
  at        = clusters/main
  selector  = { "cnpg.io/cluster" = "gitlab-rails-db" }
  ports     = [{ port = 5432 }]
  consumers = [gitlab]
}
```

Good:

```hlab
service_stub gitlab-rails-db-global-rw in gitlab {
  service = gitlab-rails-db-global-rw
  cluster = gitlab
  at      = clusters/gitlab
  ports   = [{ port = 5432 }]
}
```

How to fix: declare a service_stub of the service for each consuming cluster, in a folder
applied on that cluster, or remove the cluster from `consumers`.
)md";

inline constexpr std::string_view kMeshStubUnexpected = R"md(A service stub is declared for a cluster that is not among the `consumers` of its global
service. Either the consumer list is out of date (and the emitted configuration disagrees with
what runs), or the stub is a leftover; on the backend cluster a stub would even compete with
the real Service of the same name.

Bad:

```hlab
global_service dragonfly-gl in gitlab {
  backend   = main
  at        = clusters/main
  selector  = { app = "dragonfly-gl" }
  ports     = [{ port = 6379 }]
  consumers = [gitlab]
}

service_stub dragonfly-gl-main in gitlab {
  name    = dragonfly-gl
  service = dragonfly-gl
  cluster = main
  at      = clusters/main
  ports   = [{ port = 6379 }]
}
```

Good:

```hlab
service_stub dragonfly-gl in gitlab {
  service = dragonfly-gl
  cluster = gitlab
  at      = clusters/gitlab
  ports   = [{ port = 6379 }]
}
```

How to fix: add the cluster to the service's `consumers`, or remove the stub.
)md";

inline constexpr std::string_view kMeshStubMismatch = R"md(A service stub differs from its global service in namespace, object name or ports. ClusterMesh
pairs Services by namespace and name, so a stub under another name or in another namespace is
a separate Service with no endpoints; a stub with other ports exposes ports no backend listens
on.

Bad:

```hlab
service_stub dragonfly in default {
  service = dragonfly-gl
  cluster = gitlab
  at      = clusters/gitlab
  ports   = [{ port = 6380 }]
}
```

Good:

```hlab
service_stub dragonfly-gl-stub in gitlab {
  name    = dragonfly-gl
  service = dragonfly-gl
  cluster = gitlab
  at      = clusters/gitlab
  ports   = [{ port = 6379 }]
}
```

How to fix: give the stub the namespace, object name (`name`, or the declaration's name) and
ports of the service.
)md";

inline constexpr std::string_view kMeshIdDuplicate = R"md(Two clusters declare the same ClusterMesh id. Cilium encodes the cluster id into identities
and into the addresses KVStoreMesh hands out; two clusters with one id connect but route each
other's traffic to the wrong pods. Ids outside 1..255 are rejected by the type already.

Bad:

```hlab
cluster main {
  # ...
  mesh = { id = 1, endpoint = 192.168.1.81 }
}

cluster gitlab {
  # ...
  mesh = { id = 1, endpoint = 192.168.1.31 }
}
```

Good:

```hlab
cluster gitlab {
  # ...
  mesh = { id = 2, endpoint = 192.168.1.31 }
}
```

How to fix: give each mesh cluster its own id; the help line names a free one.
)md";

inline constexpr std::string_view kMeshEndpointNoPool = R"md(The clustermesh-apiserver of a cluster is exposed as a LoadBalancer Service on `mesh.endpoint`,
and Cilium's LB IPAM hands out only addresses of the cluster's `lb_pool`s. An endpoint outside
every pool stays `<pending>`, and no other cluster can connect to this one.

Bad:

```hlab
cluster gitlab {
  # ...
  mesh = { id = 2, endpoint = 192.168.1.31 }
}

lb_pool gitlab-pool {
  cluster = gitlab
  at      = clusters/gitlab
  ranges  = [192.168.1.28-192.168.1.30]
}
```

Good:

```hlab
lb_pool gitlab-pool {
  cluster = gitlab
  at      = clusters/gitlab
  ranges  = [192.168.1.30-192.168.1.31]
}
```

How to fix: widen a pool of the cluster (`ips`, `ranges` or `cidrs`) to include the endpoint,
or choose an endpoint inside one.
)md";

inline constexpr std::string_view kKvstoremeshIncomplete = R"md(With KVStoreMesh, each cluster reaches the others through the `cilium-kvstoremesh` Secret,
which an ExternalSecret assembles from the clustermesh secrets every other cluster pushes
(`<mount>/clustermesh/<cluster>`). When a cluster joins the mesh, every other cluster's
ExternalSecret must be extended; one that was not stays cut off from the new cluster, and a
mesh cluster without such an ExternalSecret reaches nobody.

Bad:

```hlab
# dev joined the mesh; main's kvstoremesh secret still lists gitlab only.
external_secret kvstoremesh-main in kube-system {
  name      = cilium-kvstoremesh
  at        = clusters/main
  store     = vault-general
  data_from = [general/clustermesh/gitlab]
}
```

Good:

```hlab
external_secret kvstoremesh-main in kube-system {
  name      = cilium-kvstoremesh
  at        = clusters/main
  store     = vault-general
  data_from = [general/clustermesh/gitlab, general/clustermesh/dev]
}
```

How to fix: add the missing cluster's clustermesh secret to the `data_from` of the kvstoremesh
ExternalSecret of each cluster, and give a new cluster its own.
)md";

}  // namespace hlab::diag::detail
