// `hlabc graph`: draw the Flux, secrets or mesh graph of checked sources as DOT, Mermaid
// or SVG (through Graphviz's `dot`).
#include <fmt/core.h>

#include <cstdio>
#include <fstream>

#include "driver/commands.hpp"
#include "driver/process.hpp"
#include "graph/graph.hpp"

namespace hlab::driver {
namespace {

constexpr const char* kGraphUsage = R"(NAME
    hlabc graph - draw the Flux, secrets or ClusterMesh graph of a homelab

SYNOPSIS
    hlabc graph PATH... --kind flux|secrets|mesh [--format dot|mermaid|svg] [-o FILE]

DESCRIPTION
    Checks the .hlab sources in PATH and draws one graph of the checked model:

    flux     the Flux Kustomizations, one box per cluster they apply to. A solid edge
             A -> B says B depends on A (A is ready first); a dashed grey edge A -> B says
             A's path holds B (A applies B). Bootstrap and remote (kubeconfig)
             Kustomizations have their own shape and colour.
    secrets  producers (Terraform, a person, PushSecrets per cluster) -> Vault secrets
             (one box per mount) -> readers (ExternalSecrets per cluster, Vault Agent
             sidecars). Each edge through a secret store has the colour of the Vault
             policy that grants the access (the legend names them); a red dashed edge is
             access that no policy grants. ExternalSecrets that read nothing from Vault
             are left out.
    mesh     one box per cluster with its ClusterMesh id and API endpoint, the global
             services on their backend cluster and their stubs on the consuming clusters.

    Every graph reads left to right and has a legend. The output is sorted, so the same
    sources always give the same bytes. Nothing is drawn when the sources have errors.

OPTIONS
    --kind flux|secrets|mesh
                 the graph to draw (required)
    --format dot|mermaid|svg
                 Graphviz DOT (default), a Mermaid flowchart (for Markdown on GitLab or
                 GitHub), or SVG rendered by Graphviz's `dot -Tsvg`, which must be on PATH
    -o, --out FILE
                 write to FILE instead of standard output
    --stdlib DIR look for `import std.x` in DIR first (repeatable)
    --color auto|always|never
                 colour diagnostics (default: auto)
    -h, --help   show this help

EXIT STATUS
    0 the graph was written; 1 the sources have errors; 2 usage or I/O error, or
    `--format svg` without Graphviz.

EXAMPLES
    hlabc graph homelab/ --kind flux --format svg -o docs/graphs/flux.svg
    hlabc graph homelab/ --kind secrets --format mermaid
    hlabc graph homelab/ --kind mesh | dot -Tpng > mesh.png
)";

void say(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stderr); }

int usage(const std::string& message) { return usage_error(message, kGraphUsage); }

struct GraphOptions {
  CommonOptions common;
  std::string kind, format = "dot", out;
};

// Parses the options; nullopt when the command should go on, else the exit status.
std::optional<int> parse(const std::vector<std::string>& args, GraphOptions& o) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    std::string v;
    if (a == "-h" || a == "--help") {
      std::fwrite(kGraphUsage, 1, std::char_traits<char>::length(kGraphUsage), stdout);
      return 0;
    } else if (a == "--kind") {
      if (!value(o.kind)) return usage("--kind takes flux, secrets or mesh");
    } else if (a == "--format") {
      if (!value(o.format) || (o.format != "dot" && o.format != "mermaid" && o.format != "svg"))
        return usage("--format takes dot, mermaid or svg");
    } else if (a == "-o" || a == "--out") {
      if (!value(o.out) || o.out.empty()) return usage("-o needs a file");
    } else if (a == "--stdlib") {
      if (!value(v)) return usage("--stdlib needs a folder");
      o.common.stdlib_dirs.push_back(v);
    } else if (a == "--color") {
      if (!value(o.common.color) || (o.common.color != "auto" && o.common.color != "always" && o.common.color != "never"))
        return usage("--color takes auto, always or never");
    } else if (a.starts_with("-") && a != "-") {
      return usage(fmt::format("unknown option `{}`", a));
    } else {
      o.common.paths.push_back(a);
    }
  }
  if (o.common.paths.empty()) return usage("`graph` needs a folder or file of sources");
  graph::Kind kind;
  if (o.kind.empty()) return usage("`graph` needs --kind flux, secrets or mesh");
  if (!graph::parse_kind(o.kind, kind)) return usage(fmt::format("unknown graph kind `{}`; use flux, secrets or mesh", o.kind));
  return std::nullopt;
}

// DOT through `dot -Tsvg`; nullopt (after saying why) when Graphviz is missing or fails.
std::optional<std::string> render_svg(const std::string& dot) {
  if (!on_path("dot")) {
    say("error: `--format svg` needs Graphviz's `dot`, which is not on PATH\n"
        "help: install Graphviz (`apt-get install graphviz`), or write DOT with `--format dot` and render it "
        "elsewhere\n");
    return std::nullopt;
  }
  ProcessResult r = run_process({"dot", "-Tsvg"}, dot);
  if (!r.started || r.exit_code != 0) {
    say(fmt::format("error: `dot -Tsvg` failed (exit {})\n{}", r.exit_code, r.err));
    return std::nullopt;
  }
  return r.out;
}

}  // namespace

const char* graph_usage() { return kGraphUsage; }

int cmd_graph(const std::vector<std::string>& args, const std::string& argv0) {
  GraphOptions o;
  if (auto code = parse(args, o)) return *code;
  o.common.stdlib = stdlib_path(o.common.stdlib_dirs, argv0);
  sema::Analysis a = analyze_and_check(o.common);
  if (int status = report(a, o.common); status != 0) {
    if (status == 1) say("error: not drawing the graph: the sources have errors\n");
    return status;
  }
  graph::Kind kind;
  graph::parse_kind(o.kind, kind);
  graph::Graph g = graph::build(a.model, kind);
  std::string text = o.format == "mermaid" ? graph::to_mermaid(g) : graph::to_dot(g);
  if (o.format == "svg") {
    auto svg = render_svg(text);
    if (!svg) return 2;
    text = std::move(*svg);
  }
  if (o.out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  std::ofstream f(o.out, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  if (!f) {
    say(fmt::format("error: cannot write `{}`\n", o.out));
    return 2;
  }
  return 0;
}

}  // namespace hlab::driver
