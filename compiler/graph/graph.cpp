// The front door: kind names, dispatch, and the normal form every renderer expects.
#include "graph/graph.hpp"

#include <algorithm>
#include <tuple>

namespace hlab::graph {

bool parse_kind(std::string_view text, Kind& kind) {
  if (text == "flux") kind = Kind::Flux;
  else if (text == "secrets") kind = Kind::Secrets;
  else if (text == "mesh") kind = Kind::Mesh;
  else return false;
  return true;
}

Graph build(const sema::Model& model, Kind kind) {
  switch (kind) {
    case Kind::Flux: return flux_graph(model);
    case Kind::Secrets: return secrets_graph(model);
    case Kind::Mesh: return mesh_graph(model);
  }
  return {};
}

void normalize(Graph& g) {
  std::sort(g.groups.begin(), g.groups.end(), [](const Group& a, const Group& b) { return a.id < b.id; });
  g.groups.erase(std::unique(g.groups.begin(), g.groups.end(),
                             [](const Group& a, const Group& b) { return a.id == b.id; }),
                 g.groups.end());
  std::sort(g.nodes.begin(), g.nodes.end(), [](const Node& a, const Node& b) { return a.id < b.id; });
  g.nodes.erase(std::unique(g.nodes.begin(), g.nodes.end(), [](const Node& a, const Node& b) { return a.id == b.id; }),
                g.nodes.end());
  auto key = [](const Edge& e) { return std::tie(e.from, e.to, e.label, e.dashed, e.color); };
  std::sort(g.edges.begin(), g.edges.end(), [&](const Edge& a, const Edge& b) { return key(a) < key(b); });
  g.edges.erase(std::unique(g.edges.begin(), g.edges.end(), [&](const Edge& a, const Edge& b) { return key(a) == key(b); }),
                g.edges.end());
}

}  // namespace hlab::graph
