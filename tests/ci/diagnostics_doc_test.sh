#!/usr/bin/env bash
# docs/diagnostics.md must be what `hlabc explain --markdown` prints now, and hold a
# `## ID slug` section for every code (the anchors SARIF rules and the index link to).
# Usage: diagnostics_doc_test.sh HLABC REPO_ROOT
set -uo pipefail
hlabc=$1
doc=$2/docs/diagnostics.md
fresh=$(mktemp)
trap 'rm -f "$fresh"' EXIT
"$hlabc" explain --markdown >"$fresh" || { echo "FAIL hlabc explain --markdown exited $?"; exit 1; }
failed=0
if ! diff -u "$doc" "$fresh"; then
  echo "FAIL docs/diagnostics.md is not current; regenerate it with"
  echo "     build/compiler/driver/hlabc explain --markdown > docs/diagnostics.md"
  failed=1
fi
while read -r id _ slug _; do
  grep -qx "## $id $slug" "$fresh" || { echo "FAIL no section '## $id $slug'"; failed=1; }
  grep -q "(#${id,,}-$slug)" "$fresh" || { echo "FAIL the index does not link #${id,,}-$slug"; failed=1; }
done < <("$hlabc" explain --list)
echo "diagnostics_doc_test: $failed failed"
exit $failed
