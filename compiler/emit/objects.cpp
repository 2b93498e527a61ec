// Entities to Kubernetes objects. Field names and API versions follow the versions the
// homelab runs: Flux 2.7, External Secrets 0.20, Gateway API 1.4, Cilium 1.18, cert-manager 1.19.
#include "emit/detail/objects.hpp"

#include <fmt/core.h>

#include "emit/detail/access.hpp"

namespace hlab::emit::detail {
namespace {

using sema::EntityId;

Node duration(const Model& m, const Value* v) { return Node(text(m, v)); }

std::string ns_of(const Model& m, const Entity& e) {
  const Value* n = field(e, "namespace");
  return n ? text(m, n) : std::string();
}

std::string file_of(const Entity& e, const std::string& fallback) {
  const Value* f = field(e, "file");
  return f ? f->text : fallback + ".yaml";
}

// The namespace a reference must carry when it leaves the referrer's namespace.
void ref_namespace(Node& ref, const std::string& target_ns, const std::string& own_ns) {
  if (!target_ns.empty() && target_ns != own_ns) ref["namespace"] = target_ns;
}

Node string_map(const Model& m, const Value* v) {
  Node n = Node::map();
  if (!v) return n;
  for (const auto& [k, x] : v->fields) {
    std::string t = text(m, x.get());
    n[k] = t.find("${") != std::string::npos ? Node::quoted(std::move(t)) : Node(std::move(t));
  }
  return n;
}

void labels_annotations(const Model& m, Node& meta, const Entity& e) {
  if (const Value* l = field(e, "labels"); l && !l->fields.empty()) meta["labels"] = string_map(m, l);
  if (const Value* a = field(e, "annotations"); a && !a->fields.empty()) meta["annotations"] = string_map(m, a);
}

Node flux_kustomization(const Model& m, const Entity& e) {
  std::string ns = ns_of(m, e);
  Node d = object_head("kustomize.toolkit.fluxcd.io/v1", "Kustomization", object_name(e), ns);
  Node& spec = d["spec"];
  spec["interval"] = duration(m, field(e, "interval"));
  if (const Value* r = field(e, "retry_interval")) spec["retryInterval"] = duration(m, r);
  if (const Value* t = field(e, "timeout")) spec["timeout"] = duration(m, t);
  if (const Value* deps = field(e, "depends_on"); non_empty_list(deps)) {
    Node& list = spec["dependsOn"];
    for (const auto& dep : deps->items) {
      const Entity* t = deref(m, dep.get());
      Node r = Node::map();
      r["name"] = object_name(*t);
      ref_namespace(r, ns_of(m, *t), ns);
      list.push(std::move(r));
    }
  }
  spec["path"] = "./" + text(m, field(e, "path"));
  spec["prune"] = field(e, "prune")->b;
  if (const Value* w = field(e, "wait")) spec["wait"] = w->b;
  Node& src = spec["sourceRef"];
  src["kind"] = "GitRepository";
  src["name"] = text(m, field(e, "source"));
  if (ns != "flux-system") src["namespace"] = "flux-system";
  if (const Value* t = field(e, "target_namespace")) spec["targetNamespace"] = text(m, t);
  if (const Value* sa = field(e, "service_account")) spec["serviceAccountName"] = text(m, sa);
  if (const Value* kc = field(e, "kubeconfig")) spec["kubeConfig"]["secretRef"]["name"] = text(m, kc);
  if (const Value* dec = field(e, "decryption")) {
    spec["decryption"]["provider"] = "sops";
    spec["decryption"]["secretRef"]["name"] = text(m, dec);
  }
  if (const Value* vars = field(e, "vars"); vars && !vars->fields.empty()) {
    Node& sub = spec["postBuild"]["substitute"];
    // Flux reads substitute as map[string]string: every value is a quoted string.
    for (const auto& [k, v] : vars->fields) sub[k] = Node(text(m, v.get()));
  }
  if (const Value* patches = field(e, "patches"); non_empty_list(patches)) {
    Node& list = spec["patches"];
    for (const auto& p : patches->items) {
      Node item = Node::map();
      const Value* body = p->field("patch");
      item["patch"] = body ? to_yaml(to_node(m, *body)) : std::string();
      item["target"]["kind"] = text(m, p->field("kind"));
      if (const Value* n = p->field("name")) item["target"]["name"] = text(m, n);
      list.push(std::move(item));
    }
  }
  return d;
}

Node helm_repository(const Model& m, const Entity& e) {
  Node d = object_head("source.toolkit.fluxcd.io/v1", "HelmRepository", object_name(e), ns_of(m, e));
  std::string url = text(m, field(e, "url"));
  d["spec"]["interval"] = duration(m, field(e, "interval"));
  if (url.starts_with("oci://")) d["spec"]["type"] = "oci";
  d["spec"]["url"] = url;
  return d;
}

Node oci_repository(const Model& m, const Entity& e) {
  Node d = object_head("source.toolkit.fluxcd.io/v1", "OCIRepository", object_name(e), ns_of(m, e));
  Node& spec = d["spec"];
  spec["interval"] = duration(m, field(e, "interval"));
  spec["url"] = text(m, field(e, "url"));
  if (const Value* t = field(e, "tag")) spec["ref"]["tag"] = text(m, t);
  else if (const Value* s = field(e, "semver")) spec["ref"]["semver"] = text(m, s);
  spec["layerSelector"]["mediaType"] = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  spec["layerSelector"]["operation"] = "copy";
  return d;
}

Node config_map(const Model& m, const Entity& e) {
  Node d = object_head("v1", "ConfigMap", object_name(e), ns_of(m, e));
  labels_annotations(m, d["metadata"], e);
  d["data"] = string_map(m, field(e, "data"));
  // Keys holding whole YAML documents (Helm values kept in a ConfigMap).
  if (const Value* docs = field(e, "yaml"))
    for (const auto& [k, v] : docs->fields) d["data"][k] = to_yaml(to_node(m, *v));
  return d;
}

// spec.install and spec.upgrade: CRD policy, namespace creation, remediation retries.
void install_upgrade(const Model& m, const Entity& e, Node& spec) {
  if (const Value* c = field(e, "install_crds")) {
    std::string crds = text(m, c);
    const char* policy = crds == "create" ? "Create" : crds == "skip" ? "Skip" : "CreateReplace";
    spec["install"]["crds"] = policy;
    spec["upgrade"]["crds"] = policy;
  }
  if (field(e, "create_namespace") && field(e, "create_namespace")->b) spec["install"]["createNamespace"] = true;
  if (const Value* r = field(e, "install_retries")) spec["install"]["remediation"]["retries"] = Node(r->i);
  if (const Value* r = field(e, "upgrade_retries")) spec["upgrade"]["remediation"]["retries"] = Node(r->i);
}

Node helm_release(const Model& m, const Entity& e) {
  std::string ns = ns_of(m, e);
  Node d = object_head("helm.toolkit.fluxcd.io/v2", "HelmRelease", object_name(e), ns);
  labels_annotations(m, d["metadata"], e);
  Node& spec = d["spec"];
  spec["interval"] = duration(m, field(e, "interval"));
  const Value* chart = field(e, "chart");
  if (const Entity* oci = deref(m, field(chart, "oci_repo"))) {
    spec["chartRef"]["kind"] = "OCIRepository";
    spec["chartRef"]["name"] = object_name(*oci);
    ref_namespace(spec["chartRef"], ns_of(m, *oci), ns);
  } else {
    Node& cs = spec["chart"]["spec"];
    cs["chart"] = text(m, field(chart, "name"));
    if (const Value* v = field(chart, "version")) cs["version"] = text(m, v);
    const Entity* src = deref(m, field(chart, "helm_repo"));
    const char* src_kind = "HelmRepository";
    if (!src) { src = deref(m, field(chart, "git_repo")); src_kind = "GitRepository"; }
    if (src) {
      cs["sourceRef"]["kind"] = src_kind;
      cs["sourceRef"]["name"] = object_name(*src);
      // Always explicit: the HelmChart Flux makes lives in the source's namespace.
      cs["sourceRef"]["namespace"] = ns_of(m, *src);
    }
    if (const Value* iv = field(chart, "interval")) cs["interval"] = duration(m, iv);
  }
  if (const Value* t = field(e, "target_namespace")) spec["targetNamespace"] = text(m, t);
  if (const Value* sa = field(e, "service_account")) spec["serviceAccountName"] = text(m, sa);
  if (const Value* kc = field(e, "kubeconfig")) spec["kubeConfig"]["secretRef"]["name"] = text(m, kc);
  install_upgrade(m, e, spec);
  if (const Value* deps = field(e, "depends_on"); non_empty_list(deps)) {
    for (const auto& dep : deps->items) {
      const Entity* t = deref(m, dep.get());
      Node r = Node::map();
      r["name"] = object_name(*t);
      ref_namespace(r, ns_of(m, *t), ns);
      spec["dependsOn"].push(std::move(r));
    }
  }
  if (const Value* vf = field(e, "values_from"); non_empty_list(vf)) {
    for (const auto& item : vf->items) {
      Node r = Node::map();
      r["kind"] = "ConfigMap";
      r["name"] = object_name(*deref(m, item->field("config_map")));
      r["valuesKey"] = text(m, item->field("key"));
      spec["valuesFrom"].push(std::move(r));
    }
  }
  if (const Value* vals = field(e, "values"); vals && vals->kind == ValueKind::Record && !vals->fields.empty())
    spec["values"] = to_node(m, *vals);
  return d;
}

Node secret_store(const Model& m, const Entity& e) {
  bool cluster_wide = field(e, "cluster_wide") && field(e, "cluster_wide")->b;
  std::string ns = ns_of(m, e);
  Node d = object_head("external-secrets.io/v1", cluster_wide ? "ClusterSecretStore" : "SecretStore", object_name(e),
                       cluster_wide ? std::string() : ns);
  Node& vault = d["spec"]["provider"]["vault"];
  const Entity* server = deref(m, field(e, "server"));
  vault["server"] = text(m, field(*server, "url"));
  const Entity* mount = deref(m, field(e, "mount"));
  vault["path"] = mount->name;
  vault["version"] = text(m, field(*mount, "type")) == "kv_v1" ? "v1" : "v2";
  if (const Value* ar = field(e, "approle")) {
    const Entity* role = deref(m, ar->field("role"));
    const Entity* auth = deref(m, field(*role, "auth"));
    Node& a = vault["auth"]["appRole"];
    a["path"] = text(m, field(*auth, "path"));
    a["roleRef"]["name"] = text(m, ar->field("role_id_secret"));
    a["roleRef"]["key"] = text(m, ar->field("role_id_key"));
    if (cluster_wide) a["roleRef"]["namespace"] = ns;
    a["secretRef"]["name"] = text(m, ar->field("secret_id_secret"));
    a["secretRef"]["key"] = text(m, ar->field("secret_id_key"));
    if (cluster_wide) a["secretRef"]["namespace"] = ns;
  } else if (const Value* k = field(e, "kubernetes")) {
    const Entity* role = deref(m, k->field("role"));
    const Entity* auth = deref(m, field(*role, "auth"));
    Node& a = vault["auth"]["kubernetes"];
    a["mountPath"] = text(m, field(*auth, "path"));
    a["role"] = role->name;
    a["serviceAccountRef"]["name"] = text(m, k->field("service_account"));
  }
  return d;
}

// "general/dragonfly-gl-password" -> "dragonfly-gl-password": the key below the store's mount.
std::string path_below_mount(const Model& m, const Entity& secret) {
  const Entity* mount = deref(m, field(secret, "mount"));
  std::string prefix = mount ? mount->name + "/" : std::string();
  return secret.name.starts_with(prefix) ? secret.name.substr(prefix.size()) : secret.name;
}

Node external_secret(const Model& m, const Entity& e) {
  Node d = object_head("external-secrets.io/v1", "ExternalSecret", object_name(e), ns_of(m, e));
  Node& spec = d["spec"];
  spec["refreshInterval"] = duration(m, field(e, "refresh"));
  const Entity* store = deref(m, field(e, "store"));
  bool cw = field(*store, "cluster_wide") && field(*store, "cluster_wide")->b;
  spec["secretStoreRef"]["kind"] = cw ? "ClusterSecretStore" : "SecretStore";
  spec["secretStoreRef"]["name"] = object_name(*store);
  const Value* target = field(e, "target");
  spec["target"]["name"] = target ? text(m, target) : object_name(e);
  spec["target"]["creationPolicy"] = "Owner";
  const Value* tmpl = field(e, "template");
  const Value* literals = field(e, "template_literals");
  const Value* type = field(e, "type");
  if ((tmpl && !tmpl->fields.empty()) || non_empty_list(literals) || type) {
    Node& tpl = spec["target"]["template"];
    if (type) tpl["type"] = text(m, type);
    tpl["engineVersion"] = "v2";
    if (tmpl)
      for (const auto& [k, v] : tmpl->fields) tpl["data"][k] = Node(v->text);
    if (literals)
      for (const auto& lit : literals->items) {
        Node item = Node::map();
        item["literal"] = lit->text;
        item["target"] = "Data";
        tpl["templateFrom"].push(std::move(item));
      }
  }
  if (const Value* data = field(e, "data"); data && !data->fields.empty()) {
    for (const auto& [k, ref] : data->fields) {
      Node item = Node::map();
      item["secretKey"] = k;
      item["remoteRef"]["key"] = path_below_mount(m, m.get(ref->entity));
      item["remoteRef"]["property"] = ref->text;
      spec["data"].push(std::move(item));
    }
  }
  if (const Value* df = field(e, "data_from"); non_empty_list(df)) {
    for (const auto& ref : df->items) {
      Node item = Node::map();
      item["extract"]["key"] = path_below_mount(m, m.get(ref->entity));
      spec["dataFrom"].push(std::move(item));
    }
  }
  return d;
}

Node push_secret(const Model& m, const Entity& e) {
  Node d = object_head("external-secrets.io/v1alpha1", "PushSecret", object_name(e), ns_of(m, e));
  Node& spec = d["spec"];
  spec["refreshInterval"] = duration(m, field(e, "refresh"));
  const Entity* store = deref(m, field(e, "store"));
  bool cw = field(*store, "cluster_wide") && field(*store, "cluster_wide")->b;
  Node ref = Node::map();
  ref["kind"] = cw ? "ClusterSecretStore" : "SecretStore";
  ref["name"] = object_name(*store);
  spec["secretStoreRefs"].push(std::move(ref));
  spec["selector"]["secret"]["name"] = text(m, field(e, "source"));
  if (const Value* t = field(e, "template"); t && !t->fields.empty()) {
    spec["template"]["engineVersion"] = "v2";
    for (const auto& [k, v] : t->fields) spec["template"]["data"][k] = Node(v->text);
  }
  std::string remote = text(m, field(e, "remote"));
  const Value* keys = field(e, "keys");
  if (keys && !keys->fields.empty()) {
    for (const auto& [k, prop] : keys->fields) {
      Node item = Node::map();
      item["match"]["secretKey"] = k;
      item["match"]["remoteRef"]["remoteKey"] = remote;
      item["match"]["remoteRef"]["property"] = text(m, prop.get());
      spec["data"].push(std::move(item));
    }
  } else {
    Node item = Node::map();
    item["match"]["remoteRef"]["remoteKey"] = remote;
    spec["data"].push(std::move(item));
  }
  return d;
}

Node ports(const Model& m, const Value* list) {
  Node out = Node::seq();
  if (!list) return out;
  for (const auto& p : list->items) {
    Node port = Node::map();
    if (const Value* n = p->field("name")) port["name"] = text(m, n);
    port["port"] = Node(p->field("port")->i);
    port["protocol"] = text(m, p->field("protocol"));
    const Value* tp = p->field("target_port");
    port["targetPort"] = Node(tp ? tp->i : p->field("port")->i);
    out.push(std::move(port));
  }
  return out;
}

Node global_service(const Model& m, const Entity& e) {
  Node d = object_head("v1", "Service", object_name(e), ns_of(m, e));
  d["metadata"]["annotations"]["service.cilium.io/global"] = "true";
  if (const Value* a = field(e, "annotations"))
    for (const auto& [k, v] : a->fields) d["metadata"]["annotations"][k] = Node(text(m, v.get()));
  d["spec"]["type"] = "ClusterIP";
  d["spec"]["selector"] = string_map(m, field(e, "selector"));
  d["spec"]["ports"] = ports(m, field(e, "ports"));
  return d;
}

Node service_stub(const Model& m, const Entity& e) {
  const Entity* svc = deref(m, field(e, "service"));
  Node d = object_head("v1", "Service", object_name(*svc), ns_of(m, e));
  d["metadata"]["annotations"]["service.cilium.io/global"] = "true";
  d["spec"]["type"] = "ClusterIP";
  d["spec"]["ports"] = ports(m, field(e, "ports"));
  return d;
}

Node lb_pool(const Model& m, const Entity& e) {
  Node d = object_head("cilium.io/v2", "CiliumLoadBalancerIPPool", object_name(e), "");
  Node& blocks = d["spec"]["blocks"];
  if (const Value* ips = field(e, "ips"))
    for (const auto& ip : ips->items) { Node b = Node::map(); b["cidr"] = ip->text + "/32"; blocks.push(std::move(b)); }
  if (const Value* cidrs = field(e, "cidrs"))
    for (const auto& c : cidrs->items) { Node b = Node::map(); b["cidr"] = c->text; blocks.push(std::move(b)); }
  if (const Value* ranges = field(e, "ranges"))
    for (const auto& r : ranges->items) {
      auto dash = r->text.find('-');
      Node b = Node::map();
      b["start"] = r->text.substr(0, dash);
      b["stop"] = r->text.substr(dash + 1);
      blocks.push(std::move(b));
    }
  if (const Value* sel = field(e, "service_selector"); sel && !sel->fields.empty())
    d["spec"]["serviceSelector"]["matchLabels"] = string_map(m, sel);
  return d;
}

Node l2_policy(const Model&, const Entity& e) {
  Node d = object_head("cilium.io/v2alpha1", "CiliumL2AnnouncementPolicy", object_name(e), "");
  Node& spec = d["spec"];
  for (const auto& i : field(e, "interfaces")->items) spec["interfaces"].push(Node(i->text));
  spec["loadBalancerIPs"] = field(e, "load_balancer_ips")->b;
  spec["externalIPs"] = field(e, "external_ips")->b;
  return d;
}

Node cluster_issuer(const Model& m, const Entity& e) {
  Node d = object_head("cert-manager.io/v1", "ClusterIssuer", object_name(e), "");
  Node& acme = d["spec"]["acme"];
  acme["email"] = text(m, field(e, "email"));
  acme["server"] = text(m, field(e, "server"));
  acme["privateKeySecretRef"]["name"] = object_name(e) + "-account-key";
  Node solver = Node::map();
  Node& cf = solver["dns01"]["cloudflare"]["apiTokenSecretRef"];
  cf["name"] = text(m, field(e, "cloudflare_token_secret"));
  cf["key"] = text(m, field(e, "cloudflare_token_key"));
  for (const auto& z : field(e, "zones")->items)
    solver["selector"]["dnsZones"].push(Node(text(m, field(*deref(m, z.get()), "zone"))));
  acme["solvers"].push(std::move(solver));
  return d;
}

Node certificate(const Model& m, const Entity& e) {
  Node d = object_head("cert-manager.io/v1", "Certificate", object_name(e), ns_of(m, e));
  d["spec"]["secretName"] = text(m, field(e, "secret"));
  d["spec"]["issuerRef"]["name"] = object_name(*deref(m, field(e, "issuer")));
  d["spec"]["issuerRef"]["kind"] = "ClusterIssuer";
  for (const auto& n : field(e, "dns_names")->items) d["spec"]["dnsNames"].push(Node(n->text));
  return d;
}

Node gateway(const Model& m, const Entity& e) {
  Node d = object_head("gateway.networking.k8s.io/v1", "Gateway", object_name(e), ns_of(m, e));
  d["spec"]["gatewayClassName"] = text(m, field(e, "class"));
  for (const auto& l : field(e, "listeners")->items) {
    Node li = Node::map();
    li["name"] = text(m, l->field("name"));
    li["port"] = Node(l->field("port")->i);
    li["protocol"] = text(m, l->field("protocol"));
    if (const Value* h = l->field("hostname")) li["hostname"] = text(m, h);
    if (const Value* tls = l->field("tls_secret")) {
      li["tls"]["mode"] = "Terminate";
      Node ref = Node::map();
      ref["name"] = text(m, tls);
      li["tls"]["certificateRefs"].push(std::move(ref));
    }
    li["allowedRoutes"]["namespaces"]["from"] = text(m, l->field("allowed_routes"));
    d["spec"]["listeners"].push(std::move(li));
  }
  return d;
}

Node parent_ref(const Model& m, const Entity& e) {
  const Entity* gw = deref(m, field(e, "gateway"));
  Node p = Node::map();
  p["name"] = object_name(*gw);
  p["namespace"] = ns_of(m, *gw);
  if (const Value* l = field(e, "listener")) p["sectionName"] = text(m, l);
  return p;
}

Node backend_ref(const Model& m, const Value* b) {
  Node r = Node::map();
  r["name"] = text(m, b->field("service"));
  r["port"] = Node(b->field("port")->i);
  if (const Value* n = b->field("namespace")) r["namespace"] = text(m, n);
  return r;
}

Node http_route(const Model& m, const Entity& e) {
  Node d = object_head("gateway.networking.k8s.io/v1", "HTTPRoute", object_name(e), ns_of(m, e));
  d["spec"]["parentRefs"].push(parent_ref(m, e));
  for (const auto& h : field(e, "hostnames")->items) d["spec"]["hostnames"].push(Node(h->text));
  Node rule = Node::map();
  Node match = Node::map();
  match["path"]["type"] = "PathPrefix";
  match["path"]["value"] = text(m, field(e, "path"));
  rule["matches"].push(std::move(match));
  rule["backendRefs"].push(backend_ref(m, field(e, "backend")));
  d["spec"]["rules"].push(std::move(rule));
  return d;
}

Node tcp_route(const Model& m, const Entity& e) {
  Node d = object_head("gateway.networking.k8s.io/v1alpha2", "TCPRoute", object_name(e), ns_of(m, e));
  d["spec"]["parentRefs"].push(parent_ref(m, e));
  Node rule = Node::map();
  rule["backendRefs"].push(backend_ref(m, field(e, "backend")));
  d["spec"]["rules"].push(std::move(rule));
  return d;
}

Node ingress_route(const Model& m, const Entity& e) {
  Node d = object_head("traefik.io/v1alpha1", "IngressRoute", object_name(e), ns_of(m, e));
  for (const auto& ep : field(e, "entry_points")->items) d["spec"]["entryPoints"].push(Node(ep->text));
  Node route = Node::map();
  route["match"] = fmt::format("Host(`{}`)", text(m, field(e, "host")));
  route["kind"] = "Rule";
  Node svc = Node::map();
  svc["name"] = text(m, field(e, "service"));
  svc["kind"] = text(m, field(e, "service_kind"));
  if (const Value* p = field(e, "port")) svc["port"] = Node(p->i);
  route["services"].push(std::move(svc));
  d["spec"]["routes"].push(std::move(route));
  if (const Value* tls = field(e, "tls_secret")) d["spec"]["tls"]["secretName"] = text(m, tls);
  return d;
}

Node namespace_object(const Model& m, const Entity& e) {
  Node d = object_head("v1", "Namespace", object_name(e), "");
  labels_annotations(m, d["metadata"], e);
  return d;
}

Node manifest(const Model& m, const Entity& e) {
  Node d = object_head(text(m, field(e, "api_version")), text(m, field(e, "object_kind")), object_name(e), ns_of(m, e));
  labels_annotations(m, d["metadata"], e);
  if (const Value* body = field(e, "body"); body && body->kind == ValueKind::Record)
    for (const auto& [k, v] : body->fields) d[k] = to_node(m, *v);
  return d;
}

}  // namespace

Node object_head(std::string_view api_version, std::string_view kind, const std::string& name, const std::string& ns) {
  Node d = Node::map();
  d["apiVersion"] = std::string(api_version);
  d["kind"] = std::string(kind);
  d["metadata"]["name"] = name;
  if (!ns.empty()) d["metadata"]["namespace"] = ns;
  return d;
}

void lower_entity(const Model& model, const Entity& e, std::vector<Object>& out) {
  using Lower = Node (*)(const Model&, const Entity&);
  static const std::pair<std::string_view, Lower> table[] = {
      {"namespace", namespace_object},     {"flux_kustomization", flux_kustomization},
      {"helm_repository", helm_repository}, {"oci_repository", oci_repository},
      {"config_map", config_map},           {"helm_release", helm_release},
      {"secret_store", secret_store},       {"external_secret", external_secret},
      {"push_secret", push_secret},         {"global_service", global_service},
      {"service_stub", service_stub},       {"lb_pool", lb_pool},
      {"l2_policy", l2_policy},             {"cluster_issuer", cluster_issuer},
      {"certificate", certificate},         {"gateway", gateway},
      {"http_route", http_route},           {"tcp_route", tcp_route},
      {"ingress_route", ingress_route},     {"manifest", manifest}};
  if (!e.value) return;
  Lower fn = nullptr;
  for (const auto& [kind, f] : table)
    if (e.kind == kind) fn = f;
  if (!fn) return;
  const Value* at = field(e, "at");
  if (!at) return;  // e.g. a gateway written by its chart
  if (e.kind == "global_service" && field(e, "emit") && !field(e, "emit")->b) return;
  if (const Value* b = field(e, "bootstrapped"); b && b->b) return;  // written by Flux bootstrap
  if (const sema::Entity* f = deref(model, at); f && field(*f, "bootstrapped") && field(*f, "bootstrapped")->b) return;
  out.push_back(Object{text(model, at), file_of(e, object_name(e)), fn(model, e), e.id});
  // A route to a Service in another namespace needs that namespace's permission.
  if (e.kind == "http_route" || e.kind == "tcp_route") {
    const Value* backend = field(e, "backend");
    const Value* bns = backend ? backend->field("namespace") : nullptr;
    std::string own = ns_of(model, e);
    if (bns && text(model, bns) != own) {
      Node g = object_head("gateway.networking.k8s.io/v1beta1", "ReferenceGrant", object_name(e) + "-backend",
                           text(model, bns));
      Node from = Node::map();
      from["group"] = "gateway.networking.k8s.io";
      from["kind"] = e.kind == "http_route" ? "HTTPRoute" : "TCPRoute";
      from["namespace"] = own;
      g["spec"]["from"].push(std::move(from));
      Node to = Node::map();
      to["group"] = "";
      to["kind"] = "Service";
      to["name"] = text(model, backend->field("service"));
      g["spec"]["to"].push(std::move(to));
      out.push_back(Object{text(model, at), file_of(e, object_name(e)), std::move(g), e.id});
    }
  }
}

}  // namespace hlab::emit::detail
