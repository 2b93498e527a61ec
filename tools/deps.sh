# Sourced by tools/setup.sh and .ci/run: installs the Debian packages hlabc needs, only
# those that are missing, with sudo when not root.
hlab_packages=(cmake g++ make ccache libboost-dev libyaml-cpp-dev nlohmann-json3-dev libfmt-dev
  librange-v3-dev libjemalloc-dev catch2 git python3 graphviz fonts-dejavu-core
  # tests/ci: SARIF schema validation, the pre-commit hooks, the CI pipelines, completions
  python3-jsonschema python3-rfc3987 python3-yaml pre-commit zsh
  nodejs npm neovim  # the editor tests (tests/editors)
  clang libclang-rt-14-dev llvm)  # the fuzz targets: clang, libFuzzer, llvm-symbolizer

# Packages that count as installed when their command is on PATH: e.g. NodeSource's nodejs
# provides npm and conflicts with Debian's npm package.
declare -A hlab_package_commands=([nodejs]=node [npm]=npm [neovim]=nvim)

hlab_install_deps() {
  local missing=() p
  for p in "${hlab_packages[@]}"; do
    [[ -n ${hlab_package_commands[$p]:-} ]] && command -v "${hlab_package_commands[$p]}" >/dev/null && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  echo "installing: ${missing[*]}"
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}
