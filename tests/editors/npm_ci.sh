#!/bin/sh
# Usage: npm_ci.sh DIR
# Installs DIR's npm packages from its package-lock.json (npm ci) when node_modules is
# missing or older than the lock file.
set -e
cd "$1"
if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "node_modules of $1 is up to date"
  exit 0
fi
npm ci --no-audit --no-fund
