// Network: addresses that two things claim (VIPs, ingress IPs, clustermesh endpoints, hosts,
// worker ranges), pod CIDRs that overlap each other or the LAN, and namespaces that do not
// exist on the cluster an object lands on.
#include <algorithm>
#include <map>
#include <set>

#include "base/literals.hpp"
#include "check/detail/context.hpp"

namespace hlab::check::detail {
namespace {

using diag::Code;

// One claim on an address.
struct Use {
  base::Ipv4 ip;
  EntityId owner;
  std::string what;  // "the vip of cluster `main`"
  base::Span span;
};

struct Range {
  base::IpRange range;
  EntityId owner;
  base::Span span;
};

void check_addresses(const Context& cx) {
  std::vector<Use> uses;
  std::vector<Range> workers;
  auto add = [&](const Entity& e, const Value* v, std::string what) {
    // Placeholders have no address until Flux substitutes them.
    if (!v || v->kind != ValueKind::Ip) return;
    if (auto ip = base::parse_ipv4(v->text))
      uses.push_back({*ip.value, e.id, std::move(what), cx.where(e, v)});
  };
  for (EntityId id : cx.of_kind("cluster")) {
    const Entity& c = cx.get(id);
    add(c, field(c, "vip"), fmt::format("the vip of cluster `{}`", c.name));
    add(c, field(c, "ingress_ip"), fmt::format("the ingress_ip of cluster `{}`", c.name));
    if (const Value* m = field(c, "mesh"))
      add(c, m->field("endpoint"), fmt::format("the mesh endpoint of cluster `{}`", c.name));
    if (const Value* w = field(c, "worker_ips"); w && w->kind == ValueKind::IpRange)
      if (auto r = base::parse_ip_range(w->text)) workers.push_back({*r.value, id, cx.where(c, w)});
  }
  for (EntityId id : cx.of_kind("host")) {
    const Entity& h = cx.get(id);
    add(h, field(h, "ip"), fmt::format("the ip of host `{}`", h.name));
  }

  std::map<base::Ipv4, const Use*> first;
  for (const Use& u : uses) {
    auto [it, fresh] = first.emplace(u.ip, &u);
    if (fresh) continue;
    auto& d = cx.report(Code::IpCollision, u.span,
                        fmt::format("{} is both {} and {}", u.ip.str(), it->second->what, u.what));
    d.primary_label = "address already in use";
    d.labels.push_back({it->second->span, fmt::format("{} here", it->second->what)});
    d.help = "give each VIP, ingress IP, mesh endpoint and host its own address";
  }
  // A worker range belongs to its cluster: its own VIP and LoadBalancer IPs may sit in it, the
  // addresses of everything else may not, or a new worker VM takes them.
  for (const Range& r : workers) {
    const std::string& owner = cx.get(r.owner).name;
    for (const Use& u : uses) {
      if (u.owner == r.owner || !r.range.contains(u.ip)) continue;
      auto& d = cx.report(Code::IpCollision, u.span,
                          fmt::format("{} ({}) lies in the worker range {} of cluster `{}`", u.ip.str(),
                                      u.what, r.range.str(), owner));
      d.primary_label = "inside another cluster's worker range";
      d.labels.push_back({r.span, fmt::format("worker range of `{}`", owner)});
      d.help = fmt::format("move the address out of {}, or shrink the worker range", r.range.str());
    }
  }
  for (std::size_t i = 0; i < workers.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) {
      if (workers[i].owner == workers[j].owner || !workers[i].range.overlaps(workers[j].range)) continue;
      auto& d =
          cx.report(Code::IpCollision, workers[i].span,
                    fmt::format("worker range {} of cluster `{}` overlaps worker range {} of cluster `{}`",
                                workers[i].range.str(), cx.get(workers[i].owner).name, workers[j].range.str(),
                                cx.get(workers[j].owner).name));
      d.primary_label = "overlapping worker range";
      d.labels.push_back(
          {workers[j].span, fmt::format("worker range of `{}`", cx.get(workers[j].owner).name)});
      d.help = "give each cluster's workers their own addresses";
    }
}

void check_cidrs(const Context& cx) {
  struct Net {
    base::Cidr cidr;
    const Entity* owner;
    base::Span span;
    bool written;
  };
  std::vector<Net> pods, nets;
  for (EntityId id : cx.of_kind("cluster")) {
    const Entity& c = cx.get(id);
    const Value* v = field(c, "pod_cidr");
    if (!v || v->kind != ValueKind::Cidr) continue;
    base::Span at = cx.where(c, v);
    if (auto r = base::parse_cidr(v->text)) pods.push_back({*r.value, &c, at, at != c.name_span});
  }
  for (EntityId id : cx.of_kind("network")) {
    const Entity& n = cx.get(id);
    const Value* v = field(n, "cidr");
    if (!v || v->kind != ValueKind::Cidr) continue;
    if (auto r = base::parse_cidr(v->text)) nets.push_back({*r.value, &n, cx.where(n, v), true});
  }
  auto pod_text = [](const Net& p) {
    return fmt::format("pod CIDR {}{}", p.cidr.str(), p.written ? "" : " (the default)");
  };
  for (std::size_t i = 0; i < pods.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (!pods[i].cidr.overlaps(pods[j].cidr)) continue;
      auto& d = cx.report(Code::CidrOverlap, pods[i].span,
                          fmt::format("{} of cluster `{}` overlaps {} of cluster `{}`", pod_text(pods[i]),
                                      pods[i].owner->name, pod_text(pods[j]), pods[j].owner->name));
      d.primary_label = "overlapping pod CIDR";
      d.labels.push_back({pods[j].span, fmt::format("pod CIDR of `{}`", pods[j].owner->name)});
      d.help = "give every cluster its own pod CIDR: ClusterMesh routes pods by address across clusters";
    }
    for (const Net& n : nets) {
      if (!pods[i].cidr.overlaps(n.cidr)) continue;
      auto& d = cx.report(Code::CidrOverlap, pods[i].span,
                          fmt::format("{} of cluster `{}` overlaps network `{}` ({})", pod_text(pods[i]),
                                      pods[i].owner->name, n.owner->name, n.cidr.str()));
      d.primary_label = "overlaps the network";
      d.labels.push_back({n.span, fmt::format("network `{}`", n.owner->name)});
      d.help = "choose a pod CIDR outside every network the cluster's nodes talk to";
    }
  }
}

// Namespaces that exist on a cluster without being declared.
bool builtin_namespace(std::string_view ns) {
  return ns == "default" || ns == "kube-system" || ns == "kube-public" || ns == "kube-node-lease" ||
         ns == "flux-system";
}

void check_namespaces(const Context& cx) {
  std::set<std::pair<EntityId, std::string>> exists;
  std::map<std::string, std::vector<std::pair<EntityId, EntityId>>> declared;  // name -> (namespace, cluster)
  for (EntityId id : cx.of_kind("namespace")) {
    const Entity& n = cx.get(id);
    const Value* nv = field(n, "name");
    std::string name = nv ? nv->text : n.name;
    for (const Placement& p : cx.placements.of(id))
      if (auto s = substitute(name, cx.placements.vars(p))) {
        exists.insert({p.cluster, *s});
        declared[*s].push_back({id, p.cluster});
      }
  }
  for (EntityId id : cx.of_kind("helm_release")) {
    const Entity& r = cx.get(id);
    const Value* create = field(r, "create_namespace");
    if (!create || create->kind != ValueKind::Bool || !create->b) continue;
    const Value* target = field(r, "target_namespace");
    std::string ns(text(target ? target : field(r, "namespace")));
    for (EntityId c : cx.workload_clusters(id)) exists.insert({c, ns});
  }

  for (const auto& e : cx.model.entities) {
    if (!e.value || e.kind == "namespace") continue;
    const Value* ns = field(e, "namespace");
    if (!ns || !cx.placements.folder_of(e.id).valid()) continue;
    std::set<EntityId> done;
    for (const Placement& p : cx.placements.of(e.id)) {
      auto s = substitute(ns->text, cx.placements.vars(p));
      if (!s || builtin_namespace(*s) || exists.count({p.cluster, *s}) || !done.insert(p.cluster).second)
        continue;
      const std::string& cluster = cx.get(p.cluster).name;
      auto& d = cx.report(Code::NamespaceMissing, cx.where(e, ns),
                          fmt::format("namespace `{}` of {} `{}` does not exist on cluster `{}`", *s, e.kind,
                                      e.name, cluster));
      d.primary_label = fmt::format("no namespace `{}` on `{}`", *s, cluster);
      d.labels.push_back({cx.where(e, field(e, "at")), fmt::format("lands on `{}` here", cluster)});
      if (auto it = declared.find(*s); it != declared.end())
        for (const auto& [nid, c] : it->second)
          if (d.labels.size() < 3)
            d.labels.push_back(
                {cx.get(nid).name_span,
                 fmt::format("namespace `{}` is declared here, but lands on `{}`", *s, cx.get(c).name)});
      d.help = fmt::format(
          "declare `namespace {} {{ at = ... }}` in a folder applied on `{}`, or let a helm_release "
          "create it with `create_namespace = true`",
          *s, cluster);
    }
  }
}

}  // namespace

void check_network(const Context& cx) {
  check_addresses(cx);
  check_cidrs(cx);
  check_namespaces(cx);
}

}  // namespace hlab::check::detail
