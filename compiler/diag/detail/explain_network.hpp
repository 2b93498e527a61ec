// Long-form docs of the network and ingress codes (E14xx); included by explain_checks.hpp.
#pragma once

#include <string_view>

namespace hlab::diag::detail {

inline constexpr std::string_view kIpCollision = R"md(One IPv4 address is claimed twice among the VIPs, ingress IPs and clustermesh endpoints of the
clusters and the addresses of hosts, or an address lies in another cluster's `worker_ips`
range (the next worker VM of that cluster would take it), or two clusters' worker ranges
overlap. ARP answers from two machines make both services flap. A cluster's own VIP and
LoadBalancer IPs may lie in its own worker range.

Bad:

```hlab
cluster gitlab {
  # ...
  ingress_ip = 192.168.1.80        # main's ingress IP
  worker_ips = 192.168.1.21-192.168.1.30
}

host nfs { ip = 192.168.1.25, network = lan, purpose = "NFS" }
```

Good:

```hlab
cluster gitlab {
  # ...
  ingress_ip = 192.168.1.30
  worker_ips = 192.168.1.21-192.168.1.30
}

host nfs { ip = 192.168.1.138, network = lan, purpose = "NFS" }
```

How to fix: give every address one owner; move hosts out of worker ranges.
)md";

inline constexpr std::string_view kCidrOverlap = R"md(A cluster's pod CIDR overlaps another cluster's pod CIDR or a declared `network`. ClusterMesh
routes pod traffic between clusters by address, so overlapping pod CIDRs make remote pods
unreachable; a pod CIDR overlapping the LAN hides LAN hosts from the pods. The default pod CIDR
(10.244.0.0/16) counts when `pod_cidr` is not written.

Bad:

```hlab
network lan { cidr = 10.0.0.0/8 }

cluster gitlab {
  # ...
  pod_cidr = 10.168.0.0/16
}
```

Good:

```hlab
network lan { cidr = 192.168.1.0/24 }

cluster gitlab {
  # ...
  pod_cidr = 10.168.0.0/16
}
```

How to fix: give each cluster its own pod CIDR, outside every network.
)md";

inline constexpr std::string_view kHostnameOutsideZones = R"md(A hostname of an HTTPRoute or IngressRoute lies outside every `dns_zone` the homelab manages.
Nothing creates its DNS record, and ACME DNS01 cannot issue a certificate for it. Hostnames with
Flux variables are checked after substitution, for each Kustomization applying the route.

Bad:

```hlab
dns_zone local { zone = "local.m1xxos.tech" }

ingress_route traefik-dashboard in traefik {
  at           = clusters/main
  entry_points = ["web"]
  host         = "traefik.lokal.m1xxos.tech"
  service      = "api@internal"
  service_kind = TraefikService
}
```

Good:

```hlab
ingress_route traefik-dashboard in traefik {
  at           = clusters/main
  entry_points = ["web"]
  host         = "traefik.local.m1xxos.tech"
  service      = "api@internal"
  service_kind = TraefikService
}
```

How to fix: correct the hostname, or declare the zone it belongs to.
)md";

inline constexpr std::string_view kHostnameNotCovered = R"md(A hostname is served over HTTPS (an HTTPRoute through an HTTPS listener of its gateway, or an
IngressRoute with `tls_secret`), but no certificate on that cluster covers it. A wildcard covers
exactly one label: `*.local.m1xxos.tech` covers `grafana.local.m1xxos.tech`, but neither
`local.m1xxos.tech` nor `grafana.ops.local.m1xxos.tech`. Certificate names with Flux variables
(`*.${DNS_NAME}`) are expanded with the variables of each Kustomization placing the
certificate. Browsers would get the default certificate and refuse the connection.

Bad:

```hlab
certificate local-m1xxos-tech in traefik {
  at        = infra/configs
  issuer    = letsencrypt
  secret    = local-m1xxos-tech
  dns_names = ["*.${DNS_NAME}"]
}

http_route grafana in monitoring {
  at        = clusters/main
  gateway   = traefik-gateway
  listener  = websecure
  hostnames = ["grafana.ops.local.m1xxos.tech"]
  backend   = { service = grafana, port = 80 }
}
```

Good:

```hlab
certificate local-m1xxos-tech in traefik {
  at        = infra/configs
  issuer    = letsencrypt
  secret    = local-m1xxos-tech
  dns_names = ["${DNS_NAME}", "*.${DNS_NAME}", "*.ops.${DNS_NAME}"]
}
```

How to fix: add the hostname, or a wildcard one label above it, to the dns_names of a
certificate on the cluster, or serve it over HTTP only.
)md";

inline constexpr std::string_view kRouteListenerUnknown = R"md(A route attaches to a listener (`listener`, the Gateway API `sectionName`) that its gateway does
not have. The route is never accepted ("NoMatchingParent") and its hostnames answer 404.

Bad:

```hlab
gateway traefik-gateway in traefik {
  cluster   = main
  listeners = [
    { name = web, port = 8000, protocol = HTTP },
    { name = websecure, port = 8443, protocol = HTTPS },
  ]
}

http_route vault in monitoring {
  at        = clusters/main
  gateway   = traefik-gateway
  listener  = https
  hostnames = ["vault.local.m1xxos.tech"]
  backend   = { service = vault, port = 8200, namespace = vault }
}
```

Good:

```hlab
http_route vault in monitoring {
  at        = clusters/main
  gateway   = traefik-gateway
  listener  = websecure
  hostnames = ["vault.local.m1xxos.tech"]
  backend   = { service = vault, port = 8200, namespace = vault }
}
```

How to fix: name one of the gateway's listeners (hlabc suggests the closest), or leave
`listener` out to attach to all of them.
)md";

inline constexpr std::string_view kRouteGatewayElsewhere = R"md(A route lands on a cluster (through the folders applying it) other than the cluster of its
gateway. Gateway API routes attach only to gateways of their own cluster; on the wrong cluster
the route references a gateway that does not exist there.

Bad:

```hlab
gateway gitlab-gateway in gitlab {
  cluster   = gitlab
  listeners = [{ name = web, port = 8000, protocol = HTTP }]
}

http_route gitlab-web in gitlab {
  at        = clusters/main
  gateway   = gitlab-gateway
  hostnames = ["gl.m1xxos.tech"]
  backend   = { service = gitlab-webservice-default, port = 8181 }
}
```

Good:

```hlab
http_route gitlab-web in gitlab {
  at        = clusters/gitlab
  gateway   = gitlab-gateway
  hostnames = ["gl.m1xxos.tech"]
  backend   = { service = gitlab-webservice-default, port = 8181 }
}
```

How to fix: place the route in a folder applied on the gateway's cluster, or attach it to a
gateway of the route's cluster.
)md";

inline constexpr std::string_view kNamespaceMissing = R"md(An object with a namespace lands on a cluster where that namespace does not exist. Namespaces
exist where a `namespace` declaration lands, where a helm_release with `create_namespace`
installs into them, and always for default, kube-system, kube-public, kube-node-lease and
flux-system. Flux's apply fails with "namespaces ... not found" and the whole Kustomization
stops.

Bad:

```hlab
http_route vmagent in monitoring {
  at        = clusters/main
  gateway   = traefik-gateway
  hostnames = ["vmagent.local.m1xxos.tech"]
  backend   = { service = vmagent, port = 8429 }
}
```

Good:

```hlab
namespace monitoring { at = clusters/main }

http_route vmagent in monitoring {
  at        = clusters/main
  gateway   = traefik-gateway
  hostnames = ["vmagent.local.m1xxos.tech"]
  backend   = { service = vmagent, port = 8429 }
}
```

How to fix: declare the namespace in a folder applied on the object's cluster (its tenant
layer), let a release create it, or correct the object's namespace.
)md";

}  // namespace hlab::diag::detail
