#!/usr/bin/env bash
# Builds the fuzz targets with clang in build-fuzz/ (or $HLAB_FUZZ_BUILD) and runs each for a
# short while (HLAB_FUZZ_SECONDS, default 60) on the committed corpus in tests/fuzz/corpus/<target>.
# New inputs go to a scratch folder; the committed corpus is only read. Fails when a target
# crashes, leaks, trips a sanitizer, times out or runs out of memory; the input is kept in
# <build>/artifacts/ and printed as hex. Ends with "fuzz: N passed, M failed".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

seconds=${HLAB_FUZZ_SECONDS:-60}
build=${HLAB_FUZZ_BUILD:-build-fuzz}
targets=(scanner parser check lsp_frames)

CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHLAB_FUZZ=ON -DHLAB_TESTS=OFF
cmake --build "$build" -j2 --target "${targets[@]/#/fuzz_}"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
artifacts=$build/artifacts
rm -rf "$artifacts"
mkdir -p "$artifacts"
passed=0
failed=0
for t in "${targets[@]}"; do
  echo "== fuzz_$t (${seconds}s)"
  mkdir -p "$scratch/$t"
  if "$build/tests/fuzz/fuzz_$t" "$scratch/$t" "tests/fuzz/corpus/$t" -dict=tests/fuzz/hlab.dict \
      -max_len=65536 -timeout=10 -rss_limit_mb=2048 -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="$artifacts/$t-" 2>"$scratch/$t.log"; then
    passed=$((passed + 1))
    grep -E '^#[0-9]+[[:space:]]+DONE|^stat::number_of_executed_units' "$scratch/$t.log" || true
  else
    failed=$((failed + 1))
    tail -n 80 "$scratch/$t.log"
    for a in "$artifacts/$t"-*; do
      [[ -f $a ]] || continue
      echo "-- $a (hex):"
      od -An -tx1 -v "$a" | head -n 64
    done
  fi
done
echo "fuzz: ${passed} passed, ${failed} failed"
((failed == 0))
