// The mesh graph: one box per cluster, labelled with its ClusterMesh id and API-server
// endpoint, holding the global services it is the backend of and the stubs it keeps for
// services of other clusters; a dashed edge runs from each global service to each of its
// stubs. The mesh facts are in the box label, not in a node, so that a box of stubs and a
// box of services sit side by side; a cluster with neither gets one node saying so.
#include <fmt/core.h>

#include <set>

#include "graph/detail/access.hpp"
#include "graph/graph.hpp"

namespace hlab::graph {
namespace {

using namespace detail;

std::string group_of(const Model& m, EntityId cluster) {
  return cluster.valid() ? "cluster/" + m.get(cluster).name : "";
}

// "6379/TCP, 6380/UDP".
std::string ports(const Value* list) {
  std::vector<std::string> out;
  if (list)
    for (const auto& p : list->items) {
      std::string protocol = text(p->field("protocol"));
      out.push_back(fmt::format("{}/{}", text(p->field("port")), protocol.empty() ? "TCP" : protocol));
    }
  return join(out);
}

std::string box_label(const Entity& c) {
  const Value* mesh = field(c, "mesh");
  if (!mesh || mesh->kind != ValueKind::Record) return fmt::format("cluster {} (not in the ClusterMesh)", c.name);
  return fmt::format("cluster {} · mesh id {} · API {}", c.name, text(mesh->field("id")), text(mesh->field("endpoint")));
}

}  // namespace

Graph mesh_graph(const sema::Model& model) {
  Graph g;
  g.name = "mesh";
  g.title = "ClusterMesh: global services and their stubs";
  g.styles = {
      {"global", "global service (backend), ports", Shape::Rounded, "#dcfce7", "#15803d"},
      {"stub", "service stub (consumer)", Shape::Box, "#dbeafe", "#1d4ed8"},
      {"empty", "cluster without global services or stubs", Shape::Hexagon, "#f1f5f9", "#64748b"},
  };
  g.edge_legend = {{"service to its stub on a consuming cluster", true, "#15803d"}};
  std::set<std::string> filled;
  for (EntityId id : model.of_kind("global_service")) {
    const Entity& s = model.get(id);
    std::string group = group_of(model, ref_field(s, "backend"));
    g.nodes.push_back({"svc/" + s.name, {qualified_name(s), ports(field(s, "ports"))}, "global", group});
    filled.insert(group);
  }
  for (EntityId id : model.of_kind("service_stub")) {
    const Entity& stub = model.get(id);
    std::string group = group_of(model, ref_field(stub, "cluster"));
    g.nodes.push_back({"stub/" + stub.name, {qualified_name(stub)}, "stub", group});
    filled.insert(group);
    if (EntityId svc = ref_field(stub, "service"); svc.valid())
      g.edges.push_back({"svc/" + model.get(svc).name, "stub/" + stub.name, "", true, "#15803d"});
  }
  for (EntityId id : model.of_kind("cluster")) {
    const Entity& c = model.get(id);
    std::string group = group_of(model, id);
    g.groups.push_back({group, box_label(c), "#f8fafc"});
    if (!filled.count(group)) g.nodes.push_back({group + "/none", {"no global services or stubs"}, "empty", group});
  }
  normalize(g);
  return g;
}

}  // namespace hlab::graph
