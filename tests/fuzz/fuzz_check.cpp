// The whole check pipeline as `hlabc check` runs it: sema::analyze over a project, then
// check::run_checks when sema found no error, then both renderers.
//
// The input is a project in the golden case format of tests/cases: the text up to the first
// `# --- rel/path.hlab` line is main.hlab, each such line starts another file, and
// `# --- std/x.hlab` files form a private stdlib searched before the repository's stdlib/.
// So the golden cases and the homelab (joined into one input) seed the corpus as they are.
// The files are written to a folder below /dev/shm (or $TMPDIR), emptied for every input.
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "check/check.hpp"
#include "fuzz_invariants.hpp"
#include "sema/analyze.hpp"

#ifndef HLAB_STDLIB_DIR
#error "HLAB_STDLIB_DIR must name the repository's stdlib folder"
#endif

using namespace hlab;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMarker = "# --- ";
constexpr std::size_t kMaxFiles = 16;

struct File {
  std::string path;  // relative: "main.hlab", "lib/versions.hlab", "std/core.hlab"
  std::string text;
};

// A marker names a relative .hlab path of plain segments; other lines starting like a
// marker stay text of the current file.
bool acceptable_path(std::string_view p) {
  if (p.empty() || p.size() > 64 || !p.ends_with(".hlab") || p.front() == '/') return false;
  for (char c : p)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '/' || c == '.')) return false;
  for (const auto& part : fs::path(p))
    if (part == "." || part == ".." || part.empty() || part == ".hlab") return false;
  return p.find("//") == std::string_view::npos;
}

std::vector<File> split(std::string_view input) {
  std::vector<File> files{{"main.hlab", {}}};
  std::set<std::string> seen{"main.hlab"};
  std::size_t at = 0;
  while (at < input.size()) {
    std::size_t nl = input.find('\n', at);
    std::size_t end = nl == std::string_view::npos ? input.size() : nl + 1;
    std::string_view line = input.substr(at, end - at);
    at = end;
    if (line.starts_with(kMarker) && files.size() < kMaxFiles) {
      std::string_view p = line.substr(kMarker.size());
      while (!p.empty() && (p.back() == '\n' || p.back() == '\r' || p.back() == ' ')) p.remove_suffix(1);
      if (acceptable_path(p) && seen.insert(std::string(p)).second) {
        files.push_back({std::string(p), {}});
        continue;
      }
    }
    files.back().text += line;
  }
  return files;
}

// libFuzzer ends with _Exit, so no exit handler could remove the folder: each process
// removes the folders of processes that are gone, and a crash's folder stays until then.
void remove_stale(const fs::path& base, std::string_view prefix) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(base, ec)) {
    std::string leaf = entry.path().filename().string();
    if (!leaf.starts_with(prefix)) continue;
    const long pid = std::strtol(leaf.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ec);
  }
}

const fs::path& work_dir() {
  static const fs::path dir = [] {
    constexpr std::string_view kPrefix = "hlab-fuzz-check-";
    std::error_code ec;
    fs::path base = fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
    remove_stale(base, kPrefix);
    fs::path d = base / (std::string(kPrefix) + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
  fuzz::require(static_cast<bool>(out), "cannot write the input's files");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path& dir = work_dir();
  const fs::path proj = dir / "proj", stdlib = dir / "stdlib";
  std::error_code ec;
  fs::remove_all(proj, ec);
  fs::remove_all(stdlib, ec);
  fs::create_directories(proj);
  fs::create_directories(stdlib);
  for (const auto& f : split({reinterpret_cast<const char*>(data), size}))
    write((f.path.starts_with("std/") ? stdlib : proj) / f.path, f.text);

  sema::AnalysisOptions options;
  options.inputs = {proj.string()};
  options.stdlib_path = {stdlib.string(), HLAB_STDLIB_DIR};
  sema::Analysis a = sema::analyze(options);
  if (!a.diags.has_errors()) {
    check::run_checks(a, a.diags);
    a.diags.sort(a.sources);
  }
  fuzz::require_diagnostics(a.diags.diagnostics(), a.sources);
  fuzz::render_diagnostics(a.diags.diagnostics(), a.sources);
  return 0;
}
