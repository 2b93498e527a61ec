// The Flux graph: every flux_kustomization in the box of the cluster it applies to.
// Solid edges run from a Kustomization to each one that depends on it (the order Flux
// reconciles them in); dashed edges from the Kustomization whose path holds another one's
// object (who applies whom).
#include <fmt/core.h>

#include "check/placement.hpp"
#include "graph/detail/access.hpp"
#include "graph/graph.hpp"

namespace hlab::graph {
namespace {

using namespace detail;

constexpr const char* kGrey = "#94a3b8";

std::string node_id(const Entity& k) { return "ks/" + k.name; }

const char* style_of(const Entity& k) {
  if (const Value* b = field(k, "bootstrapped"); b && b->kind == ValueKind::Bool && b->b) return "bootstrap";
  if (field(k, "kubeconfig")) return "remote";
  return "kustomization";
}

}  // namespace

Graph flux_graph(const sema::Model& model) {
  Graph g;
  g.name = "flux";
  g.title = "Flux Kustomizations by the cluster they apply to";
  g.styles = {
      {"bootstrap", "written by Flux bootstrap", Shape::Hexagon, "#fef3c7", "#b45309"},
      {"kustomization", "Kustomization", Shape::Rounded, "#dbeafe", "#1d4ed8"},
      {"remote", "Kustomization applied through a kubeconfig", Shape::Rounded, "#ede9fe", "#6d28d9"},
  };
  g.edge_legend = {
      {"A to B: B depends on A (A is ready first)", false, ""},
      {"A to B: A's path holds B", true, kGrey},
  };
  check::Placements placements(model);
  for (EntityId id : model.of_kind("flux_kustomization")) {
    const Entity& k = model.get(id);
    Node n{node_id(k), {object_name(k)}, style_of(k), ""};
    if (EntityId path = ref_field(k, "path"); path.valid()) n.lines.push_back(model.get(path).name);
    if (EntityId c = ref_field(k, "cluster"); c.valid()) {
      const Entity& cluster = model.get(c);
      n.group = "cluster/" + cluster.name;
      g.groups.push_back({n.group, "cluster " + cluster.name, "#f8fafc"});
    }
    g.nodes.push_back(std::move(n));
    if (const Value* deps = field(k, "depends_on"))
      for (const auto& item : deps->items)
        if (EntityId dep = ref(item.get()); dep.valid()) g.edges.push_back({node_id(model.get(dep)), node_id(k), "", false, ""});
    for (const check::Placement& p : placements.of(id))
      if (p.kustomization.valid() && p.kustomization != id)
        g.edges.push_back({node_id(model.get(p.kustomization)), node_id(k), "", true, kGrey});
  }
  normalize(g);
  return g;
}

}  // namespace hlab::graph
