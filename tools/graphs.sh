#!/usr/bin/env bash
# Regenerates docs/graphs/ from homelab/: the Flux, secrets and mesh graphs as DOT, Mermaid
# and SVG (SVG needs Graphviz). The graph_tests ctest checks that they are current.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
hlabc=${HLABC:-build/compiler/driver/hlabc}
mkdir -p docs/graphs
for kind in flux secrets mesh; do
  "$hlabc" graph homelab/ --kind "$kind" --format dot -o "docs/graphs/$kind.dot"
  "$hlabc" graph homelab/ --kind "$kind" --format mermaid -o "docs/graphs/$kind.mmd"
  "$hlabc" graph homelab/ --kind "$kind" --format svg -o "docs/graphs/$kind.svg"
done
echo "wrote docs/graphs/{flux,secrets,mesh}.{dot,mmd,svg}"
