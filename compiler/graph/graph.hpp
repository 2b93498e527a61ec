// The graph phase's front door: the checked model in, a drawing-neutral graph out (nodes in
// boxes, edges, a legend), rendered as Graphviz DOT or Mermaid text. The CLI's `hlabc graph`
// calls it; rendering to SVG (running Graphviz) is the driver's business.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sema/model.hpp"

namespace hlab::graph {

enum class Shape { Box, Rounded, Stadium, Cylinder, Hexagon, Parallelogram };

// How nodes of one kind look; each kind used gets a row in the legend.
struct NodeStyle {
  std::string name;    // class name in Mermaid: "kustomization"
  std::string legend;  // what the legend says: "Flux Kustomization"
  Shape shape = Shape::Box;
  std::string fill;    // "#dbeafe"
  std::string stroke;  // "#1d4ed8"
};

// A box drawn around nodes: a cluster, a Vault mount.
struct Group {
  std::string id;
  std::string label;
  std::string fill;  // background; empty for none
};

struct Node {
  std::string id;                  // unique, stable: "ks/main-infra"
  std::vector<std::string> lines;  // the label, one entry per line; the first is the name
  std::string style;               // a NodeStyle name
  std::string group;               // a Group id; empty for none
};

struct Edge {
  std::string from, to;
  std::string label;  // empty for none
  bool dashed = false;
  std::string color;  // empty for the default
};

// A row of the legend that explains edges ("A → B: B depends on A").
struct EdgeLegend {
  std::string text;
  bool dashed = false;
  std::string color;
};

struct Graph {
  std::string name;   // "flux": the DOT graph name
  std::string title;  // drawn above the graph
  bool left_to_right = true;
  std::vector<NodeStyle> styles;
  std::vector<Group> groups;
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  std::vector<EdgeLegend> edge_legend;
};

enum class Kind { Flux, Secrets, Mesh };

// Parses "flux", "secrets" or "mesh"; false for anything else.
bool parse_kind(std::string_view text, Kind& kind);

// The Flux Kustomizations in one box per cluster they apply to; solid edges from a
// Kustomization to those that depend on it, dashed ones from the Kustomization whose path
// holds another one.
Graph flux_graph(const sema::Model& model);
// Producers (Terraform, people, PushSecrets per cluster) -> Vault paths (a box per mount) ->
// consumers (ExternalSecrets per cluster, Vault Agent sidecars); edges are coloured by the
// Vault policy that grants the access.
Graph secrets_graph(const sema::Model& model);
// Clusters as boxes (labelled with their mesh id and API endpoint), the global services on
// their backend cluster, the stubs on the consuming clusters, a dashed edge from each
// service to each of its stubs.
Graph mesh_graph(const sema::Model& model);
Graph build(const sema::Model& model, Kind kind);

// Sorts groups, nodes and edges and removes duplicate edges, so that the same model always
// gives the same text. The builders call it; renderers expect it.
void normalize(Graph& g);

std::string to_dot(const Graph& g);
std::string to_mermaid(const Graph& g);

}  // namespace hlab::graph
