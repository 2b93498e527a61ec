// ClusterMesh: global services and their selector-less stubs on consuming clusters, mesh ids,
// clustermesh endpoints inside the load-balancer pools, and the kvstoremesh secrets that must
// list every other mesh cluster.
#include <algorithm>
#include <map>
#include <set>

#include "base/literals.hpp"
#include <fmt/format.h>

#include "check/detail/context.hpp"

namespace hlab::check::detail {
namespace {

using diag::Code;

// "6379/TCP, 6380/UDP", sorted: stubs and services are compared as sets of ports.
std::string port_set(const Value* ports) {
  std::vector<std::string> out;
  if (ports)
    for (const auto& p : ports->items) {
      const Value* port = p->field("port");
      const Value* proto = p->field("protocol");
      if (port) out.push_back(fmt::format("{}/{}", port->i, proto ? proto->text : "TCP"));
    }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return plain_list(out);
}

// The ports of a global service written as a `ports = [...]` value.
std::string ports_text(const Value* ports) {
  std::vector<std::string> items;
  if (ports)
    for (const auto& p : ports->items) {
      std::vector<std::string> fs;
      for (const auto& [k, v] : p->fields)
        if (v && v->kind != ValueKind::Null) fs.push_back(fmt::format("{} = {}", k, v->kind == ValueKind::Int ? std::to_string(v->i) : v->text));
      items.push_back("{ " + fmt::format("{}", fmt::join(fs, ", ")) + " }");
    }
  return "[" + fmt::format("{}", fmt::join(items, ", ")) + "]";
}

// A folder applied on `cluster` for a new stub: the folder of another stub there, else the
// first folder placed on it; invalid when there is none.
EntityId stub_folder(const Context& cx, EntityId cluster) {
  for (EntityId id : cx.of_kind("service_stub"))
    if (ref_field(cx.get(id), "cluster") == cluster) return ref_field(cx.get(id), "at");
  for (EntityId f : cx.of_kind("folder"))
    for (const auto& p : cx.placements.of_folder(f))
      if (p.cluster == cluster) return f;
  return {};
}

// The missing stub as a declaration after the global service's own.
void add_stub_fix(const Context& cx, diag::Diagnostic& d, const Entity& g, EntityId cluster) {
  EntityId folder = stub_folder(cx, cluster);
  if (!folder.valid() || !g.span.valid()) return;
  const std::string& c = cx.get(cluster).name;
  d.fixes.push_back({base::Span{g.span.file, g.span.end, g.span.end},
                     fmt::format("\n\nservice_stub {}-{} in {} {{\n  name = {}\n  service = {}\n  cluster = {}\n"
                                 "  ports = {}\n  at = {}\n}}",
                                 g.name, c, text(field(g, "namespace")), object_name(g), g.name, c,
                                 ports_text(field(g, "ports")), cx.get(folder).name)});
}

void check_stubs(const Context& cx) {
  std::map<std::pair<EntityId, EntityId>, EntityId> stub_on;  // (service, cluster) -> stub
  for (EntityId s : cx.of_kind("service_stub")) {
    const Entity& stub = cx.get(s);
    EntityId svc = ref_field(stub, "service");
    EntityId cluster = ref_field(stub, "cluster");
    if (!svc.valid() || !cluster.valid()) continue;
    stub_on.emplace(std::make_pair(svc, cluster), s);
    const Entity& g = cx.get(svc);

    const Value* consumers = field(g, "consumers");
    bool consumer = consumers && std::any_of(consumers->items.begin(), consumers->items.end(),
                                             [&](const auto& c) { return ref(c.get()) == cluster; });
    if (!consumer) {
      std::vector<std::string> names;
      if (consumers)
        for (const auto& c : consumers->items) names.push_back(cx.get(c->entity).name);
      auto& d = cx.report(
          Code::MeshStubUnexpected, cx.where(stub, field(stub, "cluster")),
          fmt::format("service_stub `{}` is on cluster `{}`, which does not consume global service `{}`",
                      stub.name, cx.get(cluster).name, g.name));
      d.primary_label = "not a consumer";
      d.labels.push_back(
          {cx.where(g, consumers), fmt::format("consumers of `{}`: {}", g.name, plain_list(names))});
      d.help =
          fmt::format("add `{}` to the consumers of `{}`, or remove the stub", cx.get(cluster).name, g.name);
    }

    // Cilium pairs a stub with the service by namespace and name.
    std::string gns(text(field(g, "namespace"))), sns(text(field(stub, "namespace")));
    if (gns != sns) {
      auto& d =
          cx.report(Code::MeshStubMismatch, cx.where(stub, field(stub, "namespace")),
                    fmt::format("service_stub `{}` is in namespace `{}`, but global service `{}` is in `{}`",
                                stub.name, sns, g.name, gns));
      d.primary_label = "other namespace";
      d.labels.push_back(
          {cx.where(g, field(g, "namespace")), fmt::format("service is in namespace `{}`", gns)});
      d.help = fmt::format(
          "put the stub in namespace `{}`: ClusterMesh matches services by namespace and name", gns);
    }
    if (object_name(g) != object_name(stub)) {
      auto& d =
          cx.report(Code::MeshStubMismatch, cx.where(stub, field(stub, "name")),
                    fmt::format("service_stub `{}` names its Service `{}`, but global service `{}` is `{}`",
                                stub.name, object_name(stub), g.name, object_name(g)));
      d.primary_label = "other name";
      d.labels.push_back(
          {cx.where(g, field(g, "name")), fmt::format("service is named `{}`", object_name(g))});
      d.help = fmt::format("name the stub's Service `{}`: ClusterMesh matches services by namespace and name",
                           object_name(g));
    }
    std::string gp = port_set(field(g, "ports")), sp = port_set(field(stub, "ports"));
    if (gp != sp) {
      auto& d = cx.report(Code::MeshStubMismatch, cx.where(stub, field(stub, "ports")),
                          fmt::format("service_stub `{}` has ports {}, but global service `{}` has {}",
                                      stub.name, sp, g.name, gp));
      d.primary_label = "other ports";
      d.labels.push_back({cx.where(g, field(g, "ports")), fmt::format("service ports: {}", gp)});
      d.help = fmt::format("give the stub the ports of the service: {}", gp);
    }
  }

  for (EntityId s : cx.of_kind("global_service")) {
    const Entity& g = cx.get(s);
    const Value* consumers = field(g, "consumers");
    if (!consumers) continue;
    for (const auto& c : consumers->items) {
      EntityId cluster = ref(c.get());
      if (!cluster.valid() || stub_on.count({s, cluster})) continue;
      auto& d = cx.report(Code::MeshStubMissing, cx.where(g, c.get()),
                          fmt::format("global service `{}` has no service_stub on consuming cluster `{}`",
                                      g.name, cx.get(cluster).name));
      d.primary_label = "no stub here";
      if (EntityId backend = ref_field(g, "backend"); backend.valid())
        d.labels.push_back({cx.where(g, field(g, "backend")),
                            fmt::format("the service runs on `{}`", cx.get(backend).name)});
      d.help = fmt::format(
          "declare `service_stub {} in {} {{ service = {}, cluster = {}, ports = [...], at = ... }}`", g.name,
          text(field(g, "namespace")), g.name, cx.get(cluster).name);
      add_stub_fix(cx, d, g, cluster);
    }
  }
}

const Value* mesh_field(const Entity& c, std::string_view name) {
  const Value* m = field(c, "mesh");
  return m ? m->field(name) : nullptr;
}

void check_ids_and_endpoints(const Context& cx) {
  std::map<std::int64_t, EntityId> first;
  std::map<EntityId, std::vector<EntityId>> pools;
  for (EntityId p : cx.of_kind("lb_pool"))
    if (EntityId c = ref_field(cx.get(p), "cluster"); c.valid()) pools[c].push_back(p);

  std::set<std::int64_t> taken;
  for (EntityId id : cx.of_kind("cluster"))
    if (const Value* mid = mesh_field(cx.get(id), "id"); mid && mid->kind == ValueKind::Int)
      taken.insert(mid->i);

  for (EntityId id : cx.of_kind("cluster")) {
    const Entity& c = cx.get(id);
    if (const Value* mid = mesh_field(c, "id"); mid && mid->kind == ValueKind::Int) {
      auto [it, fresh] = first.emplace(mid->i, id);
      if (!fresh) {
        const Entity& o = cx.get(it->second);
        auto& d =
            cx.report(Code::MeshIdDuplicate, cx.where(c, mid),
                      fmt::format("clusters `{}` and `{}` both have mesh id {}", o.name, c.name, mid->i));
        d.primary_label = "duplicate id";
        d.labels.push_back(
            {cx.where(o, mesh_field(o, "id")), fmt::format("`{}` has id {} here", o.name, mid->i)});
        std::int64_t next = 1;
        while (taken.count(next) && next < 255) ++next;
        d.help = fmt::format("give each mesh cluster its own id in 1..255; {} is free", next);
      }
    }
    const Value* ep = mesh_field(c, "endpoint");
    if (!ep || ep->kind != ValueKind::Ip) continue;  // a placeholder has no address yet
    auto ip = base::parse_ipv4(ep->text);
    if (!ip) continue;
    bool inside = false;
    for (EntityId p : pools[id]) {
      const Entity& pool = cx.get(p);
      for (const char* f : {"ips", "ranges", "cidrs"})
        if (const Value* list = field(pool, f))
          for (const auto& item : list->items) {
            if (item->kind == ValueKind::Ip) inside = inside || item->text == ep->text;
            if (item->kind == ValueKind::IpRange)
              if (auto r = base::parse_ip_range(item->text)) inside = inside || r.value->contains(*ip.value);
            if (item->kind == ValueKind::Cidr)
              if (auto r = base::parse_cidr(item->text)) inside = inside || r.value->contains(*ip.value);
          }
    }
    if (inside) continue;
    auto& d = cx.report(
        Code::MeshEndpointNoPool, cx.where(c, ep),
        pools[id].empty()
            ? fmt::format("clustermesh endpoint {} of cluster `{}` is in no lb_pool: the cluster has none",
                          ep->text, c.name)
            : fmt::format("clustermesh endpoint {} of cluster `{}` is outside every lb_pool of the cluster",
                          ep->text, c.name));
    d.primary_label = "no pool hands out this address";
    for (EntityId p : pools[id]) {
      const Entity& pool = cx.get(p);
      std::vector<std::string> addrs;
      for (const char* f : {"ips", "ranges", "cidrs"})
        if (const Value* list = field(pool, f))
          for (const auto& item : list->items) addrs.push_back(item->text);
      d.labels.push_back({pool.name_span, fmt::format("pool declared here: {}", plain_list(addrs))});
    }
    d.help = fmt::format("add {} to an lb_pool with `cluster = {}`, or use an address of one of its pools",
                         ep->text, c.name);
  }
}

// Every mesh cluster's `cilium-kvstoremesh` ExternalSecret must read the clustermesh secret
// each other mesh cluster pushes (`<mount>/clustermesh/<cluster>`).
void check_kvstoremesh(const Context& cx) {
  std::vector<EntityId> mesh;
  for (EntityId id : cx.of_kind("cluster"))
    if (field(cx.get(id), "mesh")) mesh.push_back(id);
  if (mesh.size() < 2) return;
  std::map<EntityId, std::vector<EntityId>> kv_on;  // cluster -> its kvstoremesh ExternalSecrets
  for (EntityId es : cx.of_kind("external_secret")) {
    const Entity& e = cx.get(es);
    const Value* target = field(e, "target");
    if ((target ? target->text : object_name(e)) != "cilium-kvstoremesh") continue;
    for (EntityId c : cx.placements.clusters(es)) kv_on[c].push_back(es);
  }
  for (EntityId c : mesh) {
    const Entity& ce = cx.get(c);
    auto it = kv_on.find(c);
    if (it == kv_on.end()) {
      auto& d =
          cx.report(Code::KvstoremeshIncomplete, cx.where(ce, field(ce, "mesh")),
                    fmt::format("mesh cluster `{}` has no `cilium-kvstoremesh` external_secret", ce.name));
      d.primary_label = "kvstoremesh cannot reach the other clusters";
      for (EntityId o : mesh)
        if (o != c && d.labels.size() < 3)
          d.labels.push_back({cx.where(cx.get(o), field(cx.get(o), "mesh")),
                              fmt::format("`{}` joins the mesh here", cx.get(o).name)});
      d.help = fmt::format(
          "add an external_secret with target `cilium-kvstoremesh` in kube-system, landing on `{}`, whose "
          "data_from lists the clustermesh secret of every other mesh cluster",
          ce.name);
      continue;
    }
    std::set<std::string> read;
    for (EntityId es : it->second) {
      const Entity& e = cx.get(es);
      auto add = [&](const Value& v) {
        if (!ref(&v).valid()) return;
        const Entity& sec = cx.get(v.entity);
        EntityId mount = ref_field(sec, "mount");
        std::string prefix = mount.valid() ? cx.get(mount).name + "/" : "";
        read.insert(sec.name.starts_with(prefix) ? sec.name.substr(prefix.size()) : sec.name);
      };
      if (const Value* data = field(e, "data"))
        for (const auto& kv : data->fields) add(*kv.second);
      if (const Value* from = field(e, "data_from"))
        for (const auto& item : from->items) add(*item);
    }
    const Entity& es = cx.get(it->second.front());
    EntityId store = ref_field(es, "store");
    EntityId mount = store.valid() ? ref_field(cx.get(store), "mount") : EntityId{};
    std::string mount_name = mount.valid() ? cx.get(mount).name : "general";
    for (EntityId o : mesh) {
      if (o == c) continue;
      const Entity& oe = cx.get(o);
      if (read.count("clustermesh/" + oe.name)) continue;
      const Value* at = field(es, "data_from");
      auto& d = cx.report(
          Code::KvstoremeshIncomplete, cx.where(es, at ? at : field(es, "data")),
          fmt::format("the kvstoremesh secret `{}` on cluster `{}` does not read `{}/clustermesh/{}`, so "
                      "`{}` cannot reach mesh cluster `{}`",
                      es.name, ce.name, mount_name, oe.name, ce.name, oe.name));
      d.primary_label = fmt::format("missing `{}`", oe.name);
      d.labels.push_back({cx.where(oe, field(oe, "mesh")), fmt::format("`{}` joins the mesh here", oe.name)});
      d.help = fmt::format("add `{}/clustermesh/{}` to the data_from of `{}`", mount_name, oe.name, es.name);
    }
  }
}

}  // namespace

void check_mesh(const Context& cx) {
  check_stubs(cx);
  check_ids_and_endpoints(cx);
  check_kvstoremesh(cx);
}

}  // namespace hlab::check::detail
