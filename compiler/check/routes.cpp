// Ingress: route hostnames inside the managed DNS zones and covered by a certificate where
// they are served over HTTPS, and routes that attach to a listener and a gateway that exist
// on their cluster. Hostnames and certificate names may hold Flux variables (`*.${DNS_NAME}`);
// they are compared after substitution with the variables of each placement.
#include <algorithm>
#include <map>
#include <set>

#include "base/literals.hpp"
#include "check/detail/context.hpp"

namespace hlab::check::detail {
namespace {

using diag::Code;

struct CertName {
  std::string name;  // substituted
  EntityId cert;
};

class Routes {
 public:
  explicit Routes(const Context& cx) : cx_(cx) {}

  void run() {
    for (EntityId z : cx_.of_kind("dns_zone")) zones_.push_back(std::string(text(field(cx_.get(z), "zone"))));
    for (EntityId c : cx_.of_kind("certificate")) {
      const Value* names = field(cx_.get(c), "dns_names");
      if (!names) continue;
      for (const Placement& p : cx_.placements.of(c))
        for (const auto& n : names->items) {
          if (auto s = substitute(n->text, cx_.placements.vars(p))) certs_[p.cluster].push_back({*s, c});
          // A name left unsubstituted (reported by the Flux rules) may cover anything.
          else
            unknown_.insert(p.cluster);
        }
    }
    for (const char* kind : {"http_route", "tcp_route"})
      for (EntityId r : cx_.of_kind(kind)) check_attachment(r);
    for (EntityId r : cx_.of_kind("http_route")) check_hosts(r, "hostnames");
    for (EntityId r : cx_.of_kind("ingress_route")) check_hosts(r, "host");
  }

 private:
  // The listener and gateway a route attaches to must exist, on the route's cluster.
  void check_attachment(EntityId id) {
    const Entity& r = cx_.get(id);
    const Value* gv = field(r, "gateway");
    if (!ref(gv).valid()) return;
    const Entity& g = cx_.get(gv->entity);
    if (const Value* lv = field(r, "listener")) {
      std::vector<std::string> names;
      if (const Value* ls = field(g, "listeners"))
        for (const auto& l : ls->items) names.push_back(std::string(text(l->field("name"))));
      if (std::find(names.begin(), names.end(), lv->text) == names.end()) {
        auto& d =
            cx_.report(Code::RouteListenerUnknown, cx_.where(r, lv),
                       fmt::format("{} `{}` attaches to listener `{}`, which gateway `{}` does not have",
                                   r.kind, r.name, lv->text, g.name));
        d.primary_label = "no such listener";
        d.labels.push_back({cx_.where(g, field(g, "listeners")),
                            fmt::format("`{}` has listeners: {}", g.name, plain_list(names))});
        std::string near = diag::closest_match(lv->text, names);
        d.help = near.empty() ? fmt::format("use one of the listeners of `{}`: {}", g.name, plain_list(names))
                              : fmt::format("did you mean `{}`?", near);
        if (!near.empty()) d.fixes.push_back({cx_.where(r, lv), near});
      }
    }
    EntityId gc = ref_field(g, "cluster");
    if (!gc.valid()) return;
    for (EntityId c : cx_.placements.clusters(id)) {
      if (c == gc) continue;
      auto& d =
          cx_.report(Code::RouteGatewayElsewhere, cx_.where(r, gv),
                     fmt::format("{} `{}` lands on cluster `{}`, but its gateway `{}` is on cluster `{}`",
                                 r.kind, r.name, cx_.get(c).name, g.name, cx_.get(gc).name));
      d.primary_label = "gateway on another cluster";
      d.labels.push_back(
          {cx_.where(g, field(g, "cluster")), fmt::format("`{}` is on `{}`", g.name, cx_.get(gc).name)});
      d.help =
          fmt::format("attach the route to a gateway on `{}`, or place the route in a folder applied on `{}`",
                      cx_.get(c).name, cx_.get(gc).name);
    }
  }

  // The HTTPS listener a route is served through, if any: the named listener, or any listener
  // of the gateway when the route names none.
  const Value* https_listener(const Entity& r, const Entity& g) const {
    const Value* ls = field(g, "listeners");
    const Value* want = field(r, "listener");
    if (!ls) return nullptr;
    for (const auto& l : ls->items) {
      if (want && text(l->field("name")) != want->text) continue;
      if (text(l->field("protocol")) == "HTTPS") return l.get();
    }
    return nullptr;
  }

  void check_hosts(EntityId id, const char* host_field) {
    const Entity& r = cx_.get(id);
    const Value* hv = field(r, host_field);
    if (!hv) return;
    std::vector<const Value*> hosts;
    if (hv->kind == ValueKind::List) {
      for (const auto& h : hv->items) hosts.push_back(h.get());
    } else {
      hosts.push_back(hv);
    }
    // Where the route needs a certificate: the cluster of its gateway's HTTPS listener, or for
    // an IngressRoute with `tls_secret`, its own cluster.
    EntityId tls_cluster;
    const Value* tls_label = nullptr;
    const Entity* gateway = nullptr;
    if (EntityId g = ref_field(r, "gateway"); g.valid()) {
      gateway = &cx_.get(g);
      tls_label = https_listener(r, *gateway);
      if (tls_label) tls_cluster = ref_field(*gateway, "cluster");
    }
    bool ingress_tls = r.kind == "ingress_route" && field(r, "tls_secret");

    std::vector<Placement> where = cx_.placements.of(id);
    if (where.empty()) where.push_back({});
    std::set<std::pair<const Value*, std::string>> zone_done;
    std::set<std::tuple<const Value*, std::string, EntityId>> cert_done;
    for (const Placement& p : where)
      for (const Value* h : hosts) {
        auto host = substitute(h->text, cx_.placements.vars(p));
        if (!host || !base::parse_hostname(*host, false)) continue;
        if (zone_done.insert({h, *host}).second) check_zone(r, *h, *host);
        EntityId cluster = ingress_tls ? p.cluster : (p.cluster == tls_cluster ? tls_cluster : EntityId{});
        if (!cluster.valid() || unknown_.count(cluster) || !cert_done.insert({h, *host, cluster}).second)
          continue;
        check_cert(r, *h, *host, cluster, gateway, tls_label);
      }
  }

  void check_zone(const Entity& r, const Value& h, const std::string& host) {
    bool inside = std::any_of(zones_.begin(), zones_.end(),
                              [&](const std::string& z) { return base::host_in_zone(host, z); });
    if (inside) return;
    auto& d = cx_.report(
        Code::HostnameOutsideZones, cx_.where(r, &h),
        fmt::format("hostname `{}` of {} `{}` is outside every DNS zone ({})", host, r.kind, r.name,
                    zones_.empty() ? std::string("none is declared") : plain_list(zones_)));
    d.primary_label = "no zone serves this name";
    for (EntityId z : cx_.of_kind("dns_zone")) {
      if (d.labels.size() >= 3) break;
      const Entity& ze = cx_.get(z);
      d.labels.push_back({ze.name_span, fmt::format("zone `{}` declared here", text(field(ze, "zone")))});
    }
    d.help = "use a hostname below one of the zones, or declare the zone with `dns_zone`";
  }

  void check_cert(const Entity& r, const Value& h, const std::string& host, EntityId cluster,
                  const Entity* gateway, const Value* listener) {
    auto it = certs_.find(cluster);
    if (it != certs_.end())
      for (const CertName& c : it->second)
        if (base::cert_name_covers(c.name, host)) return;
    const std::string& cname = cx_.get(cluster).name;
    auto& d = cx_.report(
        Code::HostnameNotCovered, cx_.where(r, &h),
        fmt::format("hostname `{}` of {} `{}` is served over HTTPS on cluster `{}`, but no certificate there "
                    "covers it",
                    host, r.kind, r.name, cname));
    d.primary_label = "no certificate covers this name";
    if (gateway && listener)
      d.labels.push_back(
          {cx_.where(*gateway, listener),
           fmt::format("HTTPS listener `{}` of gateway `{}`", text(listener->field("name")), gateway->name)});
    if (it != certs_.end()) {
      std::map<EntityId, std::vector<std::string>> by_cert;
      for (const CertName& c : it->second) by_cert[c.cert].push_back(c.name);
      for (const auto& [cert, names] : by_cert)
        if (d.labels.size() < 4)
          d.labels.push_back({cx_.get(cert).name_span, fmt::format("certificate `{}` covers: {}",
                                                                   cx_.get(cert).name, plain_list(names))});
    }
    auto dot = host.find('.');
    d.help = fmt::format(
        "add `{}`{} to the dns_names of a certificate on `{}`; a wildcard covers exactly one label", host,
        dot == std::string::npos ? "" : fmt::format(" or `*.{}`", host.substr(dot + 1)), cname);
  }

  const Context& cx_;
  std::vector<std::string> zones_;
  std::map<EntityId, std::vector<CertName>> certs_;
  std::set<EntityId> unknown_;  // clusters with a certificate name that could not be expanded
};

}  // namespace

void check_routes(const Context& cx) { Routes(cx).run(); }

}  // namespace hlab::check::detail
