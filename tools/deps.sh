# Sourced by tools/setup.sh and .ci/run: installs the Debian packages hlabc needs, only
# those that are missing, with sudo when not root.
hlab_packages=(cmake g++ make ccache libboost-dev libyaml-cpp-dev nlohmann-json3-dev libfmt-dev
  librange-v3-dev catch2 git python3
  clang libclang-rt-14-dev llvm)  # the fuzz targets: clang, libFuzzer, llvm-symbolizer

hlab_install_deps() {
  local missing=() p
  for p in "${hlab_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  echo "installing: ${missing[*]}"
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}
