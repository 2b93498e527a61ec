#!/usr/bin/env bash
# The hooks of .pre-commit-hooks.yaml through the real pre-commit (Debian's package), offline:
# a scratch git repository with a copy of homelab/ and out/, hlabc on PATH from the build,
# and a .pre-commit-config.yaml pointing at a git repository holding this checkout's hook
# manifest. A commit with a broken .hlab file is refused with the diagnostic in the output,
# a commit whose out/ is stale is refused, good commits pass.
#
# Usage: pre_commit_test.sh HLABC REPO_ROOT
set -euo pipefail
hlabc=$1
repo=$2
command -v pre-commit >/dev/null || { echo "pre-commit is not installed (tools/deps.sh installs it)"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="$(dirname "$hlabc"):$PATH" PRE_COMMIT_HOME="$work/cache" HOME="$work/home"
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
export GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global protocol.file.allow always
failed=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# pre-commit must not need the network for `language: system`: when this machine lets us
# make a user namespace without a network, every pre-commit run happens inside one.
offline=()
if unshare -rn true 2>/dev/null; then offline=(unshare -rn); fi
echo "running pre-commit ${offline[*]:+under ${offline[*]} (no network)}"

# The hook repository: this checkout's manifest, committed (pre-commit reads it at a rev).
hooks="$work/hooks"
mkdir -p "$hooks"
cp "$repo/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" init -q
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -qm hooks
rev=$(git -C "$hooks" rev-parse HEAD)

# The hlabc-fmt hook needs `hlabc fmt`; it joins the configuration when hlabc has it.
ids=(hlabc-check hlabc-build-check)
if hlabc fmt --help >/dev/null 2>&1; then ids+=(hlabc-fmt); fi

lab="$work/lab"
mkdir -p "$lab"
cp -r "$repo/homelab" "$repo/out" "$lab/"
{
  echo "repos:"
  echo "  - repo: $hooks"
  echo "    rev: $rev"
  echo "    hooks:"
  for id in "${ids[@]}"; do echo "      - id: $id"; done
} >"$lab/.pre-commit-config.yaml"
cd "$lab"
git init -q
git add -A
git commit -qm "homelab" --no-verify
"${offline[@]}" pre-commit install >/dev/null
log="$work/log"

# commit MESSAGE: runs `git commit` (and so the hooks); returns its status, output in $log.
commit() {
  set +e
  "${offline[@]}" git commit -qm "$1" >"$log" 2>&1
  local status=$?
  set -e
  return $status
}

# 1. A broken .hlab file (two clusters with one ClusterMesh id) is refused, with the diagnostic.
cp homelab/clusters.hlab "$work/clusters.hlab"
sed -i 's/mesh = { id = 2,/mesh = { id = 1,/' homelab/clusters.hlab
git add homelab/clusters.hlab
if commit "broken"; then
  fail "a commit with a broken .hlab file is refused"
else
  pass "a commit with a broken .hlab file is refused"
fi
grep -q 'error\[E1204\]: clusters `main` and `gitlab` both have mesh id 1' "$log" &&
  grep -q 'homelab/clusters.hlab:[0-9]*:17' "$log" && grep -q '^hlabc check\.*Failed' "$log" &&
  pass "the refusal shows the diagnostic and the hook that failed" ||
  { fail "the refusal shows the diagnostic and the hook that failed"; cat "$log"; }

# 2. The sources are fine but out/ was not rebuilt: hlabc-build-check refuses.
sed -i 's/mesh = { id = 1, endpoint = 192.168.1.31/mesh = { id = 3, endpoint = 192.168.1.31/' homelab/clusters.hlab
git add homelab/clusters.hlab
if commit "stale out"; then fail "a commit with a stale out/ is refused"; else pass "a commit with a stale out/ is refused"; fi
grep -q '^hlabc check\.*Passed' "$log" && grep -q '^hlabc build --check\.*Failed' "$log" &&
  grep -q "is not up to date" "$log" && pass "hlabc-check passed, hlabc-build-check said out/ is stale" ||
  { fail "hlabc-check passed, hlabc-build-check said out/ is stale"; cat "$log"; }

# 3. Rebuilt and staged together: the commit passes.
hlabc build homelab/ >/dev/null 2>&1
git add -A
if commit "mesh id 3"; then pass "a good commit with its rebuilt out/ passes"; else fail "a good commit passes"; cat "$log"; fi
grep -q '^hlabc build --check\.*Passed' "$log" || { fail "hlabc-build-check ran and passed"; cat "$log"; }

# 4. A commit touching no .hlab and no out/ file runs no hlabc hook.
echo "notes" >NOTES.txt
git add NOTES.txt
if commit "notes" && grep -q '^hlabc check\.*(no files to check)Skipped' "$log"; then
  pass "a commit without .hlab files skips the hooks"
else
  fail "a commit without .hlab files skips the hooks"; cat "$log"
fi

echo "pre_commit_test: $failed failed"
((failed == 0))
