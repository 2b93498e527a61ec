// `hlabc build`: check, then write the generated repository, or with --check report
// how the committed tree differs from what the sources produce.
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <system_error>
#include <vector>

#include "check/check.hpp"
#include "driver/commands.hpp"
#include "emit/emit.hpp"
#include "emit/writer.hpp"

namespace hlab::driver {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBuildUsage = R"(NAME
    hlabc build - check the sources, then write the generated GitOps repository

SYNOPSIS
    hlabc build PATH [-o DIR] [--check] [--format text|json] [--stdlib DIR]...
                     [--max-errors N] [--color auto|always|never]

DESCRIPTION
    Checks the .hlab sources in the folder PATH as `hlabc check` does and, when they have
    no errors, writes the generated repository: the Flux/Kustomize tree, Talos
    machine-config patches, the cilium-values template and Vault policies. Nothing is
    written when the sources have errors. The new tree is assembled beside the output
    folder and swapped in with one rename; files hlabc did not write are kept, stale ones
    it wrote are removed. Every file is byte-identical across runs.

OPTIONS
    -o, --out DIR
        Output folder (default: out/ beside the sources folder).
    --check
        Write nothing; list the files that would be added, changed or removed, and exit 1
        when there are any. CI and the pre-commit hook use it to keep out/ current.
    --format text|json
        Diagnostics format (default: text).
    --stdlib DIR
        Look for `import std.x` in DIR first (repeatable).
    --max-errors N
        Show at most N errors (default: 50; 0 = no limit).
    --color auto|always|never
        Colour the text output (default: auto).
    -h, --help
        Show this help.

EXIT STATUS
    0   written, or with --check: the output is up to date
    1   the sources have errors, or with --check: the output is stale
    2   usage error, an input that cannot be read or an output that cannot be written

EXAMPLES
    hlabc build homelab/
    hlabc build homelab/ --check
    hlabc build homelab/ -o /tmp/out
)";

void say(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stderr); }

bool inside(const fs::path& child, const fs::path& parent) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(child, ec);
  fs::path p = fs::weakly_canonical(parent, ec);
  auto rel = c.lexically_relative(p);
  return !rel.empty() && *rel.begin() != "..";
}

// out/ beside the sources folder, shown relative to the current directory when it is below it.
fs::path default_out(const fs::path& src) {
  std::error_code ec;
  fs::path abs = fs::absolute(src, ec).lexically_normal();
  if (abs.filename().empty() || abs.filename() == ".") abs = abs.parent_path();
  fs::path out = abs.parent_path() / "out";
  fs::path rel = fs::proximate(out, ec);
  return ec || rel.string().size() > out.string().size() ? out : rel;
}

// Keeps `value` until the process ends, like keep_until_exit keeps the analysis: freeing
// thousands of files' strings on the way out only costs time. Still reachable, so leak
// checkers stay quiet.
template <class T>
const T& kept(T value) {
  static auto* values = new std::vector<std::unique_ptr<T>>();
  values->push_back(std::make_unique<T>(std::move(value)));
  return *values->back();
}

// analyze_and_check, with the tree built while the checks run: both only read the model
// (the checks write their diagnostics into the analysis' own sink, which the lowering does
// not read). The tree is nullopt when there are errors; lowering a model the checks reject
// may fail, which then only matters when they accept it.
std::optional<emit::Tree> analyze_check_and_build(const CommonOptions& o, const sema::Analysis*& analysis) {
  sema::Analysis a = analyze_paths(o);
  std::optional<emit::Tree> tree;
  std::exception_ptr lowering_failed;
  if (!a.diags.has_errors()) {
    // The future's destructor waits for the checks even when the lowering throws. Without
    // a thread to be had, the checks run first, here.
    std::future<void> checks;
    try {
      checks = std::async(std::launch::async, [&a] { check::run_checks(a, a.diags); });
    } catch (const std::system_error&) {
      check::run_checks(a, a.diags);
    }
    try {
      tree = emit::build_tree(a);
    } catch (...) {
      lowering_failed = std::current_exception();
    }
    if (checks.valid()) checks.get();
    a.diags.sort(a.sources);
  }
  analysis = &keep_until_exit(std::move(a));
  if (analysis->diags.has_errors()) return std::nullopt;
  if (lowering_failed) std::rethrow_exception(lowering_failed);
  return tree;
}

}  // namespace

const char* build_usage() { return kBuildUsage; }

int cmd_build(const CommonOptions& o) {
  if (o.paths.size() != 1) {
    say(fmt::format("error: `build` takes one folder of sources\n\n{}", kBuildUsage));
    return 2;
  }
  fs::path src = fs::path(o.paths.front()).lexically_normal();
  if (src.filename().empty()) src = src.parent_path();  // "homelab/" names the folder homelab
  fs::path out = o.out_dir.empty() ? default_out(src) : fs::path(o.out_dir);
  if (inside(out, src) || inside(src, out)) {
    say(fmt::format("error: the output folder `{}` and the sources `{}` overlap\n"
                    "help: write the output beside the sources, e.g. `-o out`\n", out.string(), src.string()));
    return 2;
  }
  auto started = std::chrono::steady_clock::now();
  const sema::Analysis* analysis = nullptr;
  std::optional<emit::Tree> built = analyze_check_and_build(o, analysis);
  int status = report(*analysis, o);
  if (status != 0) {
    say(fmt::format("error: not writing `{}`: the sources have errors\n", out.string()));
    return status;
  }
  const emit::Tree& tree = kept(std::move(*built));
  emit::WriteOptions wo;
  wo.out_dir = out.string();
  wo.check_only = std::find(o.flags.begin(), o.flags.end(), "--check") != o.flags.end();
  const emit::WriteReport& r = kept(emit::write_tree(tree, wo));
  if (!r.error.empty()) {
    say(fmt::format("error: {}\nnote: `{}` was left as it was\n", r.error, out.string()));
    return 2;
  }
  for (const auto& p : r.edited_by_hand)
    say(fmt::format("warning: {}/{} was edited by hand since hlabc wrote it{}\n", out.string(), p,
                    wo.check_only ? "" : "; the edit is overwritten"));
  if (wo.check_only) {
    for (const auto& p : r.added) say(fmt::format("added:   {}/{}\n", out.string(), p));
    for (const auto& p : r.changed) say(fmt::format("changed: {}/{}\n", out.string(), p));
    for (const auto& p : r.removed) say(fmt::format("removed: {}/{}\n", out.string(), p));
    if (r.drift()) {
      say(fmt::format("error: `{}` is not up to date ({} added, {} changed, {} removed)\n"
                      "help: run `hlabc build {}` and commit the result\n",
                      out.string(), r.added.size(), r.changed.size(), r.removed.size(), src.string()));
      return 1;
    }
    say(fmt::format("{} is up to date ({} files)\n", out.string(), tree.files.size()));
    return 0;
  }
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  say(fmt::format("wrote {}: {} files ({} added, {} changed, {} removed, {} unchanged) in {:.0f} ms\n", out.string(),
                  tree.files.size(), r.added.size(), r.changed.size(), r.removed.size(), r.unchanged, ms));
  return 0;
}

}  // namespace hlab::driver
