// `hlabc init`: write the starter homelab (templates/init/ of the repository, installed as
// share/hlabc/templates/init) into a new or empty folder.
#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "driver/commands.hpp"

#ifndef HLAB_TEMPLATES_DIR
#define HLAB_TEMPLATES_DIR ""
#endif

namespace hlab::driver {
namespace {

namespace fs = std::filesystem;

constexpr const char* kInitUsage = R"(NAME
    hlabc init - start a new homelab description

SYNOPSIS
    hlabc init DIR

DESCRIPTION
    Writes a minimal one-cluster homelab into DIR, which must be new or empty: a cluster
    `main` with two Flux layers (controllers, then apps), podinfo installed by a
    HelmRelease from its Helm repository, and one secret flowing from Vault through the
    External Secrets Operator into the Secret podinfo reads, with the Vault policy that
    allows it. It passes `hlabc check` and `hlabc build` without warnings; edit it from
    there. `hlabc build DIR` writes the GitOps repository to out/ beside DIR.

    The starter files come from share/hlabc/templates/init of the installation, or from
    templates/init/ of the source tree hlabc was built from.

OPTIONS
    -h, --help   show this help

EXIT STATUS
    0 the files were written; 2 DIR is not empty, cannot be written, or the starter files
    are missing.

EXAMPLES
    hlabc init homelab && hlabc check homelab && hlabc build homelab
)";

void say(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stderr); }

// The starter files: installed beside the binary first, else the source tree's.
fs::path templates_dir(const std::string& argv0) {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  fs::path share = exe.parent_path().parent_path() / "share" / "hlabc" / "templates" / "init";
  if (fs::is_directory(share, ec)) return share;
  if (fs::path repo = HLAB_TEMPLATES_DIR; !repo.empty() && fs::is_directory(repo / "init", ec)) return repo / "init";
  return {};
}

}  // namespace

const char* init_usage() { return kInitUsage; }

int cmd_init(const std::vector<std::string>& args, const std::string& argv0) {
  std::vector<std::string> paths;
  for (const auto& a : args) {
    if (a == "-h" || a == "--help") {
      std::fwrite(kInitUsage, 1, std::char_traits<char>::length(kInitUsage), stdout);
      return 0;
    }
    if (a.starts_with("-")) {
      say(fmt::format("error: unknown option `{}`\n\nUsage: hlabc init DIR\n", a));
      return 2;
    }
    paths.push_back(a);
  }
  if (paths.size() != 1) {
    say("error: `init` takes one folder\n\nUsage: hlabc init DIR\n");
    return 2;
  }
  fs::path dir = paths.front();
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    say(fmt::format("error: `{}` exists and is not a folder\nhelp: give a new or empty folder\n", dir.string()));
    return 2;
  }
  if (fs::is_directory(dir, ec) && !fs::is_empty(dir, ec)) {
    say(fmt::format("error: `{}` is not empty; `init` writes only into a new or empty folder\n"
                    "help: give the name of a folder that does not exist yet\n",
                    dir.string()));
    return 2;
  }
  fs::path from = templates_dir(argv0);
  if (from.empty()) {
    say("error: the starter files (share/hlabc/templates/init) are missing from this installation\n"
        "help: reinstall hlabc\n");
    return 2;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(from, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".hlab") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  fs::create_directories(dir, ec);
  if (ec) {
    say(fmt::format("error: cannot create `{}`: {}\n", dir.string(), ec.message()));
    return 2;
  }
  for (const auto& f : files) {
    fs::copy_file(f, dir / f.filename(), ec);
    if (ec) {
      say(fmt::format("error: cannot write `{}`: {}\n", (dir / f.filename()).string(), ec.message()));
      return 2;
    }
    say(fmt::format("created {}\n", (dir / f.filename()).string()));
  }
  say(fmt::format("next: hlabc check {0} && hlabc build {0}\n", dir.string()));
  return 0;
}

}  // namespace hlab::driver
