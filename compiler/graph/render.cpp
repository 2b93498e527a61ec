// DOT and Mermaid renderers. Both print the graph's boxes in order with their nodes, then
// the nodes outside any box, then the edges, then the legend; labels are escaped for each
// language, so a name with quotes, backslashes or markup cannot break the output.
#include <fmt/core.h>

#include <map>
#include <set>

#include "graph/graph.hpp"

namespace hlab::graph {
namespace {

const NodeStyle* find_style(const Graph& g, const std::string& name) {
  for (const auto& s : g.styles)
    if (s.name == name) return &s;
  return nullptr;
}

// The styles nodes use, in the graph's order: the legend shows only these.
std::vector<const NodeStyle*> used_styles(const Graph& g) {
  std::set<std::string> used;
  for (const auto& n : g.nodes) used.insert(n.style);
  std::vector<const NodeStyle*> out;
  for (const auto& s : g.styles)
    if (used.count(s.name)) out.push_back(&s);
  return out;
}

// ---- DOT -------------------------------------------------------------------------------

// A DOT double-quoted string: backslash and quote escaped, newlines as \n.
std::string dot_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// A label of several lines: each line escaped, joined by DOT's centred line break.
std::string dot_label(const std::vector<std::string>& lines) {
  std::string joined;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) joined += '\n';
    joined += lines[i];
  }
  return dot_quote(joined);
}

// Text inside a DOT HTML-like label.
std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string dot_shape(const NodeStyle& s) {
  std::string base = "style=\"filled\"";
  switch (s.shape) {
    case Shape::Box: return "shape=box, " + base;
    case Shape::Rounded: return "shape=box, style=\"rounded,filled\"";
    case Shape::Stadium: return "shape=oval, " + base;
    case Shape::Cylinder: return "shape=cylinder, " + base;
    case Shape::Hexagon: return "shape=hexagon, " + base;
    case Shape::Parallelogram: return "shape=parallelogram, " + base;
  }
  return "shape=box, " + base;
}

std::string dot_node(const Graph& g, const Node& n) {
  std::string attrs = "label=" + dot_label(n.lines);
  if (const NodeStyle* s = find_style(g, n.style))
    attrs += fmt::format(", {}, fillcolor={}, color={}", dot_shape(*s), dot_quote(s->fill), dot_quote(s->stroke));
  return fmt::format("{} [{}];\n", dot_quote(n.id), attrs);
}

std::string dot_legend(const Graph& g) {
  std::string rows;
  for (const NodeStyle* s : used_styles(g))
    rows += fmt::format("      <TR><TD COLSPAN=\"2\" BGCOLOR=\"{}\" COLOR=\"{}\">{}</TD></TR>\n", html_escape(s->fill),
                        html_escape(s->stroke), html_escape(s->legend));
  for (const auto& e : g.edge_legend) {
    std::string arrow = e.dashed ? "- - -&gt;" : "——&gt;";
    std::string color = e.color.empty() ? "#555555" : e.color;
    rows += fmt::format("      <TR><TD BORDER=\"0\"><FONT COLOR=\"{}\">{}</FONT></TD><TD BORDER=\"0\" ALIGN=\"LEFT\">{}</TD></TR>\n",
                        html_escape(color), arrow, html_escape(e.text));
  }
  if (rows.empty()) return "";
  return fmt::format(
      "  subgraph \"cluster_legend\" {{\n"
      "    label=\"Legend\"; style=\"rounded\"; color=\"#cbd5e1\"; fontsize=10;\n"
      "    \"legend\" [shape=plaintext, style=\"\", label=<\n"
      "      <TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"3\" CELLPADDING=\"4\">\n{}"
      "      </TABLE>>];\n"
      "  }}\n",
      rows);
}

// ---- Mermaid ---------------------------------------------------------------------------

// Text inside a Mermaid "..." label: quotes and markup as entity codes, so that neither
// the flowchart parser nor the HTML renderer reads them.
std::string mermaid_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '#': out += "#35;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '&': out += "#amp;"; break;
      case '`': out += "#96;"; break;
      case '\n': out += "<br/>"; break;
      default: out += c;
    }
  }
  return out;
}

std::string mermaid_label(const std::vector<std::string>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) out += "<br/>";
    out += mermaid_text(lines[i]);
  }
  return "\"" + out + "\"";
}

std::string mermaid_shape(Shape shape, const std::string& label) {
  switch (shape) {
    case Shape::Box: return "[" + label + "]";
    case Shape::Rounded: return "(" + label + ")";
    case Shape::Stadium: return "([" + label + "])";
    case Shape::Cylinder: return "[(" + label + ")]";
    case Shape::Hexagon: return "{{" + label + "}}";
    case Shape::Parallelogram: return "[/" + label + "/]";
  }
  return "[" + label + "]";
}

// Mermaid ids are plain words: n1, n2, ... in the (sorted) node order.
struct MermaidIds {
  std::map<std::string, std::string> node, group;
};

MermaidIds mermaid_ids(const Graph& g) {
  MermaidIds ids;
  for (std::size_t i = 0; i < g.nodes.size(); ++i) ids.node[g.nodes[i].id] = fmt::format("n{}", i + 1);
  for (std::size_t i = 0; i < g.groups.size(); ++i) ids.group[g.groups[i].id] = fmt::format("g{}", i + 1);
  return ids;
}

std::string mermaid_node(const Graph& g, const Node& n, const MermaidIds& ids, const char* indent) {
  const NodeStyle* s = find_style(g, n.style);
  std::string out = fmt::format("{}{}{}", indent, ids.node.at(n.id),
                                mermaid_shape(s ? s->shape : Shape::Box, mermaid_label(n.lines)));
  if (s) out += ":::" + s->name;
  return out + "\n";
}

std::string mermaid_legend(const Graph& g) {
  std::string out;
  std::size_t i = 0;
  for (const NodeStyle* s : used_styles(g))
    out += fmt::format("    legend{}{}:::{}\n", ++i, mermaid_shape(s->shape, mermaid_label({s->legend})), s->name);
  for (const auto& e : g.edge_legend) {
    std::string arrow = e.dashed ? "- - ->" : "——>";
    out += fmt::format("    legend{}[{}]:::legendText\n", ++i, mermaid_label({arrow + " " + e.text}));
  }
  if (out.empty()) return "";
  return "  subgraph legend[\"Legend\"]\n    direction TB\n" + out + "  end\n";
}

}  // namespace

std::string to_dot(const Graph& g) {
  std::string out = fmt::format("// Generated by hlabc graph --kind {}. Render with: dot -Tsvg\n", g.name);
  out += fmt::format("digraph {} {{\n", dot_quote(g.name));
  out += fmt::format(
      "  graph [rankdir={}, label={}, labelloc=t, labeljust=l, fontname=\"Helvetica\", fontsize=14, "
      "nodesep=0.25, ranksep=0.7, newrank=true];\n",
      g.left_to_right ? "LR" : "TB", dot_quote(g.title));
  out += "  node [fontname=\"Helvetica\", fontsize=10, margin=\"0.12,0.04\", penwidth=1.2];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\", fontcolor=\"#333333\", arrowsize=0.7];\n";
  for (const auto& grp : g.groups) {
    out += fmt::format("  subgraph {} {{\n", dot_quote("cluster_" + grp.id));
    out += fmt::format("    label={}; style=\"rounded{}\"; color=\"#94a3b8\"; fontsize=11;{}\n", dot_quote(grp.label),
                       grp.fill.empty() ? "" : ",filled",
                       grp.fill.empty() ? "" : fmt::format(" fillcolor={};", dot_quote(grp.fill)));
    for (const auto& n : g.nodes)
      if (n.group == grp.id) out += "    " + dot_node(g, n);
    out += "  }\n";
  }
  for (const auto& n : g.nodes)
    if (n.group.empty()) out += "  " + dot_node(g, n);
  for (const auto& e : g.edges) {
    std::vector<std::string> attrs;
    if (!e.label.empty()) attrs.push_back("label=" + dot_quote(e.label));
    if (e.dashed) attrs.push_back("style=dashed");
    if (!e.color.empty()) attrs.push_back(fmt::format("color={0}, fontcolor={0}", dot_quote(e.color)));
    std::string joined;
    for (const auto& a : attrs) joined += (joined.empty() ? "" : ", ") + a;
    out += fmt::format("  {} -> {}{};\n", dot_quote(e.from), dot_quote(e.to),
                       joined.empty() ? "" : " [" + joined + "]");
  }
  out += dot_legend(g);
  return out + "}\n";
}

std::string to_mermaid(const Graph& g) {
  MermaidIds ids = mermaid_ids(g);
  std::string out = fmt::format("---\ntitle: {}\n---\n", mermaid_label({g.title}));
  out += fmt::format("%% Generated by hlabc graph --kind {}\nflowchart {}\n", g.name, g.left_to_right ? "LR" : "TB");
  for (const auto& grp : g.groups) {
    out += fmt::format("  subgraph {}[{}]\n", ids.group.at(grp.id), mermaid_label({grp.label}));
    for (const auto& n : g.nodes)
      if (n.group == grp.id) out += mermaid_node(g, n, ids, "    ");
    out += "  end\n";
  }
  for (const auto& n : g.nodes)
    if (n.group.empty()) out += mermaid_node(g, n, ids, "  ");
  std::string link_styles;
  for (std::size_t i = 0; i < g.edges.size(); ++i) {
    const Edge& e = g.edges[i];
    std::string arrow = e.dashed ? "-.->" : "-->";
    std::string label = e.label.empty() ? "" : "|" + mermaid_label({e.label}) + "|";
    out += fmt::format("  {} {}{} {}\n", ids.node.at(e.from), arrow, label, ids.node.at(e.to));
    if (!e.color.empty()) link_styles += fmt::format("  linkStyle {} stroke:{},color:{}\n", i, e.color, e.color);
  }
  out += link_styles;
  out += mermaid_legend(g);
  for (const auto& s : g.styles)
    out += fmt::format("  classDef {} fill:{},stroke:{},color:#111111\n", s.name, s.fill, s.stroke);
  out += "  classDef legendText fill:none,stroke:none,color:#333333\n";
  for (const auto& grp : g.groups)
    if (!grp.fill.empty()) out += fmt::format("  style {} fill:{},stroke:#94a3b8\n", ids.group.at(grp.id), grp.fill);
  return out;
}

}  // namespace hlab::graph
