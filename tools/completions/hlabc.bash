# bash completion for hlabc. Source it from ~/.bashrc, or install it as
# /usr/share/bash-completion/completions/hlabc. Plain bash: bash-completion is not needed.

_hlabc_commands="check build lint explain fmt lsp graph init diff help"

# The options of one command.
_hlabc_options() {
  local common="--stdlib --max-errors --color -h --help"
  case $1 in
    check) echo "--format $common" ;;
    build) echo "-o --out --check --format $common" ;;
    lint) echo "--format --source-root --docs-url $common" ;;
    explain) echo "--list --markdown -h --help" ;;
    fmt) echo "--check -h --help" ;;
    graph) echo "--kind --format -h --help" ;;
    diff) echo "--base -h --help" ;;
    *) echo "-h --help" ;;
  esac
}

_hlabc() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} cmd="" i
  COMPREPLY=()
  # The command is the first word after hlabc that is not an option.
  for ((i = 1; i < COMP_CWORD; i++)); do
    [[ ${COMP_WORDS[i]} == -* ]] || { cmd=${COMP_WORDS[i]}; break; }
  done
  if [[ -z $cmd ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$_hlabc_commands --help --version" -- "$cur")
    return
  fi

  # The value of an option.
  case $prev in
    --format)
      case $cmd in
        lint) mapfile -t COMPREPLY < <(compgen -W "text json sarif github" -- "$cur") ;;
        graph) mapfile -t COMPREPLY < <(compgen -W "dot mermaid svg" -- "$cur") ;;
        *) mapfile -t COMPREPLY < <(compgen -W "text json" -- "$cur") ;;
      esac
      return ;;
    --color) mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur"); return ;;
    --kind) mapfile -t COMPREPLY < <(compgen -W "flux secrets mesh" -- "$cur"); return ;;
    --stdlib | -o | --out | --source-root)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -d -- "$cur")
      return ;;
    --base)
      mapfile -t COMPREPLY < <(compgen -W "$(git for-each-ref --format='%(refname:short)' 2>/dev/null) HEAD" -- "$cur")
      return ;;
    --max-errors | --docs-url) return ;;
  esac

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_hlabc_options "$cmd")" -- "$cur")
    return
  fi
  case $cmd in
    help) mapfile -t COMPREPLY < <(compgen -W "$_hlabc_commands" -- "$cur") ;;
    explain)
      local codes
      codes=$(command hlabc explain --list 2>/dev/null | awk '{ print $1; print $3 }')
      mapfile -t COMPREPLY < <(compgen -W "$codes" -- "$cur") ;;
    lsp) ;;
    init | build)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
    *)
      # Folders and .hlab files.
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -d -- "$cur"; compgen -f -X '!*.hlab' -- "$cur") ;;
  esac
}

complete -F _hlabc hlabc
