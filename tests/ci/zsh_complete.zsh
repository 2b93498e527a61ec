# Types a command line and TAB into an interactive zsh in a pseudo-terminal, with
# tools/completions on $fpath and compinit loaded, and prints what the terminal showed.
# Usage: zsh -f zsh_complete.zsh COMPLETIONS_DIR HLABC_DIR WORKDIR 'hlabc lint --format '
zmodload zsh/zpty
zpty -b z zsh -f -i
zpty -w z "PS1='> '; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D; export PATH=$2:\$PATH; cd $3; unsetopt beep"
sleep 1
while zpty -r -t z chunk; do :; done
zpty -w -n z "$4"$'\t'
# The completion runs `hlabc explain --list` for codes; give it time, then read everything.
sleep 2
out=
while zpty -r -t z chunk; do out+=$chunk; done
zpty -d z
print -r -- "$out"
