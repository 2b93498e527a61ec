#!/usr/bin/env bash
# The shell completions in tools/completions: sources the bash one and asks it to complete
# command lines as bash would; checks that it offers every command and option `hlabc help`
# documents; the zsh one must at least parse and name the same commands.
#
# Usage: completion_test.sh HLABC REPO_ROOT
set -uo pipefail
hlabc=$1
repo=$2
export PATH="$(dirname "$hlabc"):$PATH"
cd "$repo" || exit 1
failed=0
# shellcheck source=/dev/null
source tools/completions/hlabc.bash

# completes WORD...: the words of a command line, the last one being completed; prints the
# sorted candidates on one line.
completes() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMP_LINE="$*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _hlabc 2>/dev/null
  printf '%s\n' "${COMPREPLY[@]}" | sort | paste -sd' '
}

expect() {
  local want=$1
  shift
  local got
  got=$(completes "$@")
  if [[ $got == "$want" ]]; then
    echo "ok   '$*' -> $got"
  else
    echo "FAIL '$*' -> '$got', expected '$want'"
    failed=$((failed + 1))
  fi
}

expect "--help --version build check diff explain fmt graph help init lint lsp" hlabc ""
expect "github json sarif text" hlabc lint --format ""
expect "sarif" hlabc lint homelab/ --format s
expect "json text" hlabc check --format ""
expect "dot mermaid svg" hlabc graph --format ""
expect "flux mesh secrets" hlabc graph --kind ""
expect "--check" hlabc fmt --c
expect "--base" hlabc diff --b
expect "E1201 E1202 E1203 E1204 E1205 E1206" hlabc explain E120
expect "mesh-id-duplicate" hlabc explain mesh-id
expect "homelab" hlabc check homel
expect "--source-root" hlabc lint homelab/ --so
expect "always auto never" hlabc build homelab/ --color ""

# Every command of `hlabc help` is offered after `hlabc `.
all=" $(completes hlabc "") "
for c in $(hlabc help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'); do
  if [[ $all != *" $c "* ]]; then echo "FAIL command '$c' of hlabc help is not completed"; failed=$((failed + 1)); fi
done
# Every option a command's help documents is offered after `hlabc CMD -`.
for c in check build lint explain; do
  offered=" $(completes hlabc "$c" -) "
  for o in $(hlabc help "$c" | sed -n '/^OPTIONS/,/^EXIT STATUS/p' | grep -oE '^    (-[a-z], )?--?[a-z-]+' | grep -oE -- '--?[a-z-]+'); do
    if [[ $offered != *" $o "* ]]; then echo "FAIL option '$o' of hlabc $c is not completed"; failed=$((failed + 1)); fi
  done
done

# zsh: the file parses, names every command the bash completion offers, and completes in a
# real interactive zsh (through a pseudo-terminal).
zsh_expect() {
  local line=$1 out
  shift
  out=$(zsh -f tests/ci/zsh_complete.zsh "$repo/tools/completions" "$(dirname "$hlabc")" "$repo" "$line" 2>&1 | tr -s ' ')
  for want in "$@"; do
    if [[ $out == *"$want"* ]]; then echo "ok   zsh '$line' shows '$want'"; else
      echo "FAIL zsh '$line' does not show '$want'"; failed=$((failed + 1)); fi
  done
}
if command -v zsh >/dev/null; then
  if zsh -n tools/completions/_hlabc; then echo "ok   zsh completion parses"; else echo "FAIL zsh -n"; failed=$((failed + 1)); fi
  for c in $_hlabc_commands; do
    grep -q "'$c:" tools/completions/_hlabc || { echo "FAIL zsh completion lacks '$c'"; failed=$((failed + 1)); }
  done
  zsh_expect "hlabc " "lint -- check and report for CI" "graph -- " "diff -- "
  zsh_expect "hlabc lint --format " "github json sarif text"
  zsh_expect "hlabc graph --kind " "flux mesh secrets"
  zsh_expect "hlabc explain E120" "E1201" "E1206"
else
  echo "FAIL zsh is not installed (tools/deps.sh installs it)"
  failed=$((failed + 1))
fi

echo "completion_test: $failed failed"
((failed == 0))
