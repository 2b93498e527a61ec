#!/bin/sh
# Usage: run.sh TOOL COMMAND [ARG...]
# Runs COMMAND, or exits 77 (ctest: skipped) with a message when TOOL is not installed.
tool=$1
shift
if ! command -v "$tool" >/dev/null 2>&1; then
  echo "skipped: '$tool' is not installed; tools/deps.sh lists it (./tools/setup.sh or .ci/run install it)"
  exit 77
fi
exec "$@"
