// Flux: the dependsOn graph of Kustomizations (cycles, references Flux cannot resolve),
// remote Kustomizations without a kubeconfig, and the sources and values ConfigMaps of
// HelmReleases, which Flux looks up on the release's own cluster.
#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "check/detail/context.hpp"

namespace hlab::check::detail {
namespace {

using diag::Code;

std::string cluster_names(const Context& cx, const std::vector<EntityId>& ids) {
  std::vector<std::string> names;
  for (EntityId id : ids) names.push_back(cx.get(id).name);
  return plain_list(names);
}

struct Edge {
  std::size_t to;
  const Value* item;
};

// Strongly connected components by Tarjan's algorithm, iteratively so that a long dependsOn
// chain cannot overflow the stack.
std::vector<std::vector<std::size_t>> components(const std::vector<std::vector<Edge>>& adj) {
  const std::size_t n = adj.size(), none = SIZE_MAX;
  std::vector<std::size_t> index(n, none), low(n, 0), stack;
  std::vector<bool> on_stack(n, false);
  std::vector<std::vector<std::size_t>> out;
  std::size_t counter = 0;
  for (std::size_t root = 0; root < n; ++root) {
    if (index[root] != none) continue;
    std::vector<std::pair<std::size_t, std::size_t>> work{{root, 0}};  // node, next edge
    while (!work.empty()) {
      auto& [v, next] = work.back();
      if (next == 0 && index[v] == none) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        on_stack[v] = true;
      }
      if (next < adj[v].size()) {
        std::size_t w = adj[v][next++].to;
        if (index[w] == none)
          work.push_back({w, 0});
        else if (on_stack[w])
          low[v] = std::min(low[v], index[w]);
        continue;
      }
      if (low[v] == index[v]) {
        std::vector<std::size_t> comp;
        std::size_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          comp.push_back(w);
        } while (w != v);
        out.push_back(std::move(comp));
      }
      std::size_t done = v;
      work.pop_back();
      if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[done]);
    }
  }
  return out;
}

void check_depends(const Context& cx) {
  const auto& ks = cx.of_kind("flux_kustomization");
  std::map<EntityId, std::size_t> pos;
  for (std::size_t i = 0; i < ks.size(); ++i) pos[ks[i]] = i;
  std::vector<std::vector<Edge>> adj(ks.size());
  for (std::size_t i = 0; i < ks.size(); ++i) {
    const Entity& k = cx.get(ks[i]);
    const Value* deps = field(k, "depends_on");
    if (!deps) continue;
    for (const auto& item : deps->items) {
      auto it = pos.find(ref(item.get()));
      if (it == pos.end()) continue;
      adj[i].push_back({it->second, item.get()});
      const Entity& dep = cx.get(ks[it->second]);
      std::string kns(text(field(k, "namespace"))), dns(text(field(dep, "namespace")));
      if (kns != dns) {
        auto& d =
            cx.report(Code::FluxDependsUnresolvable, cx.where(k, item.get()),
                      fmt::format("Kustomization `{}` in namespace `{}` depends on `{}` in namespace `{}`",
                                  k.name, kns, dep.name, dns));
        d.primary_label = "other namespace";
        d.labels.push_back(
            {key_span_or_name(dep, "namespace"), fmt::format("`{}` is in namespace `{}`", dep.name, dns)});
        d.help =
            "keep Kustomizations that depend on each other in one namespace; Flux resolves a dependsOn name "
            "in "
            "the Kustomization's own namespace";
        continue;
      }
      std::vector<EntityId> kc = cx.placements.clusters(ks[i]), dc = cx.placements.clusters(dep.id);
      bool shared = std::any_of(kc.begin(), kc.end(),
                                [&](EntityId c) { return std::count(dc.begin(), dc.end(), c) > 0; });
      if (!kc.empty() && !dc.empty() && !shared) {
        auto& d =
            cx.report(Code::FluxDependsUnresolvable, cx.where(k, item.get()),
                      fmt::format("Kustomization `{}` lives on {} but depends on `{}`, which lives on {}",
                                  k.name, cluster_names(cx, kc), dep.name, cluster_names(cx, dc)));
        d.primary_label = "on another cluster";
        d.labels.push_back({cx.where(dep, field(dep, "at")), fmt::format("`{}` is placed here", dep.name)});
        d.help =
            "a dependsOn is looked up on the cluster the Kustomization runs on; place both objects in "
            "folders "
            "applied on the same cluster";
      }
    }
  }

  for (const auto& comp : components(adj)) {
    bool self = comp.size() == 1 && std::any_of(adj[comp[0]].begin(), adj[comp[0]].end(),
                                                [&](const Edge& e) { return e.to == comp[0]; });
    if (comp.size() < 2 && !self) continue;
    // The shortest cycle through the first declared member, found breadth first inside the
    // component, is the one printed.
    std::set<std::size_t> in(comp.begin(), comp.end());
    std::size_t start = *in.begin();
    std::map<std::size_t, std::pair<std::size_t, const Value*>> parent;
    std::deque<std::size_t> queue{start};
    const Value* closing = nullptr;
    std::size_t last = start;
    while (!queue.empty() && !closing) {
      std::size_t v = queue.front();
      queue.pop_front();
      for (const Edge& e : adj[v]) {
        if (!in.count(e.to)) continue;
        if (e.to == start) {
          closing = e.item;
          last = v;
          break;
        }
        if (!parent.count(e.to)) {
          parent[e.to] = {v, e.item};
          queue.push_back(e.to);
        }
      }
    }
    if (!closing) continue;
    std::vector<std::pair<std::size_t, const Value*>> path;  // node, the edge into it
    for (std::size_t v = last; v != start; v = parent[v].first) path.push_back({v, parent[v].second});
    std::reverse(path.begin(), path.end());
    std::string cycle = cx.get(ks[start]).name;
    for (const auto& [v, item] : path) cycle += " -> " + cx.get(ks[v]).name;
    cycle += " -> " + cx.get(ks[start]).name;
    const Entity& first = cx.get(ks[start]);
    const Value* first_edge = path.empty() ? closing : path.front().second;
    auto& d = cx.report(Code::FluxDependsCycle, cx.where(first, first_edge),
                        fmt::format("Kustomizations depend on each other in a cycle: {}", cycle));
    d.primary_label = path.empty() ? "depends on itself" : "this dependency starts the cycle";
    std::size_t from = start;
    for (std::size_t i = 1; i < path.size(); ++i) {
      from = path[i - 1].first;
      d.labels.push_back(
          {cx.where(cx.get(ks[from]), path[i].second),
           fmt::format("`{}` depends on `{}` here", cx.get(ks[from]).name, cx.get(ks[path[i].first]).name)});
    }
    if (!path.empty())
      d.labels.push_back({cx.where(cx.get(ks[last]), closing),
                          fmt::format("`{}` depends on `{}` here", cx.get(ks[last]).name, first.name)});
    d.help =
        "Flux waits for every dependency to be ready, so none of these ever reconciles; remove one "
        "dependency";
  }
}

void check_remote(const Context& cx) {
  for (EntityId id : cx.of_kind("flux_kustomization")) {
    const Entity& k = cx.get(id);
    EntityId target = ref_field(k, "cluster");
    if (!target.valid() || field(k, "kubeconfig")) continue;
    std::vector<EntityId> home = cx.placements.clusters(id);
    std::vector<EntityId> others;
    for (EntityId c : home)
      if (c != target) others.push_back(c);
    if (others.empty()) continue;
    auto& d = cx.report(
        Code::FluxRemoteNoKubeconfig, cx.where(k, field(k, "cluster")),
        fmt::format("Kustomization `{}` applies to cluster `{}` but lives on {} and has no kubeconfig",
                    k.name, cx.get(target).name, cluster_names(cx, others)));
    d.primary_label = "a remote cluster";
    d.labels.push_back({cx.where(k, field(k, "at")),
                        fmt::format("placed here, which lands on {}", cluster_names(cx, home))});
    d.help = fmt::format(
        "set `kubeconfig` to the Secret holding the kubeconfig of `{}`, or place the Kustomization in "
        "a folder applied on `{}`",
        cx.get(target).name, cx.get(target).name);
  }
}

void check_helm(const Context& cx) {
  for (EntityId id : cx.of_kind("helm_release")) {
    const Entity& r = cx.get(id);
    const Value* chart = field(r, "chart");
    // A chart written as text belongs to another schema than std.flux's; nothing to check.
    if (!chart || chart->kind != ValueKind::Record) continue;
    std::vector<const Value*> sources;
    for (const char* f : {"helm_repo", "oci_repo", "git_repo"})
      if (const Value* s = chart->field(f)) sources.push_back(s);
    if (sources.empty()) {
      auto& d = cx.report(Code::HelmSourceMissing, cx.where(r, chart),
                          fmt::format("the chart of helm_release `{}` names no source", r.name));
      d.primary_label = "no helm_repo, oci_repo or git_repo";
      if (const Value* at = field(r, "at"))
        d.labels.push_back({cx.where(r, at), fmt::format("the release lands on {}; its source must too",
                                                         cluster_names(cx, cx.placements.clusters(id)))});
      d.help = "set one of `helm_repo`, `oci_repo` or `git_repo` in the chart";
      continue;
    }
    if (sources.size() > 1) {
      auto& d =
          cx.report(Code::HelmSourceMissing, cx.where(r, sources[1]),
                    fmt::format("the chart of helm_release `{}` names {} sources", r.name, sources.size()));
      d.primary_label = "second source";
      d.labels.push_back({cx.where(r, sources[0]), "first source"});
      d.help = "a HelmRelease has one chart source; keep one";
      continue;
    }
    std::vector<EntityId> home = cx.placements.clusters(id);
    if (home.empty()) continue;
    const Entity& src = cx.get(sources[0]->entity);
    // A bootstrapped GitRepository exists wherever Flux runs; only placed sources are checked.
    if (src.kind != "git_repository") {
      std::vector<EntityId> have = cx.placements.clusters(src.id);
      for (EntityId c : home) {
        if (std::count(have.begin(), have.end(), c)) continue;
        auto& d = cx.report(Code::HelmSourceMissing, cx.where(r, sources[0]),
                            fmt::format("{} `{}` is not on cluster `{}`, where helm_release `{}` needs it",
                                        src.kind, src.name, cx.get(c).name, r.name));
        d.primary_label = "source missing on this cluster";
        d.labels.push_back({cx.where(src, field(src, "at")),
                            have.empty()
                                ? std::string("placed here, in a folder no Kustomization applies")
                                : fmt::format("placed here, which lands on {}", cluster_names(cx, have))});
        d.help = fmt::format("place `{}` in a folder applied on `{}`", src.name, cx.get(c).name);
      }
    }
    const Value* values_from = field(r, "values_from");
    if (!values_from) continue;
    std::string rns(text(field(r, "namespace")));
    for (const auto& vf : values_from->items) {
      const Value* cmv = vf->field("config_map");
      if (!ref(cmv).valid()) continue;
      const Entity& cm = cx.get(cmv->entity);
      std::string cns(text(field(cm, "namespace")));
      if (cns != rns) {
        auto& d = cx.report(
            Code::HelmValuesMissing, cx.where(r, cmv),
            fmt::format("values ConfigMap `{}` is in namespace `{}`, but helm_release `{}` is in `{}`",
                        cm.name, cns, r.name, rns));
        d.primary_label = "other namespace";
        d.labels.push_back(
            {cx.where(cm, field(cm, "namespace")), fmt::format("ConfigMap in namespace `{}`", cns)});
        d.help = fmt::format(
            "put the ConfigMap in namespace `{}`: valuesFrom reads the release's namespace only", rns);
        continue;
      }
      std::vector<EntityId> have = cx.placements.clusters(cm.id);
      for (EntityId c : home) {
        if (std::count(have.begin(), have.end(), c)) continue;
        auto& d = cx.report(
            Code::HelmValuesMissing, cx.where(r, cmv),
            fmt::format("values ConfigMap `{}` is not on cluster `{}`, where helm_release `{}` reads it",
                        cm.name, cx.get(c).name, r.name));
        d.primary_label = "ConfigMap missing on this cluster";
        d.labels.push_back({cx.where(cm, field(cm, "at")),
                            have.empty()
                                ? std::string("placed here, in a folder no Kustomization applies")
                                : fmt::format("placed here, which lands on {}", cluster_names(cx, have))});
        d.help = fmt::format("place `{}` in a folder applied on `{}`, next to the release", cm.name,
                             cx.get(c).name);
      }
    }
  }
}

}  // namespace

void check_flux(const Context& cx) {
  check_depends(cx);
  check_remote(cx);
  check_helm(cx);
}

}  // namespace hlab::check::detail
