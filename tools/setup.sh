#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: install what is missing, build hlabc into
# build/, check the homelab description and generate out/ from it. Run it again at any time; it only redoes what
# changed. JOBS=N overrides the number of parallel compile jobs (default 2).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/deps.sh

hlab_install_deps
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "${JOBS:-2}"
build/compiler/driver/hlabc build homelab/
