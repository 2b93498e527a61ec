// `hlabc lint`: the analysis of `check`, reported for CI systems: text, the JSON document,
// SARIF 2.1.0 for code scanning, or GitHub Actions annotations.
#include <fmt/core.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "diag/render.hpp"
#include "driver/commands.hpp"

#ifndef HLAB_VERSION
#define HLAB_VERSION "0.0.0"
#endif
#ifndef HLAB_DOCS_URL
#define HLAB_DOCS_URL ""
#endif

namespace hlab::driver {
namespace {

namespace fs = std::filesystem;

constexpr const char* kLintUsage = R"usage(NAME
    hlabc lint - check .hlab sources and report the findings for CI systems

SYNOPSIS
    hlabc lint PATH... [--format text|json|sarif|github] [--source-root DIR]
                       [--docs-url URL] [--stdlib DIR]... [--max-errors N]
                       [--color auto|always|never]

DESCRIPTION
    Runs the same analysis as `hlabc check` (types, then the cross-reference checks) and
    prints the findings in a format a CI system reads:

    text    rustc-style text on stderr, as `check` prints it
    json    the versioned JSON document of docs/json-output.md on stdout
    sarif   SARIF 2.1.0 on stdout, for GitHub code scanning (upload-sarif) and other
            SARIF viewers: every diagnostic code is a rule, file URIs are relative to
            %SRCROOT% (the source root), columns are 1-based code points
    github  GitHub Actions workflow commands on stdout (`::error file=...,line=...::`),
            which GitHub shows as annotations on the changed lines of a pull request

    File paths in sarif and github output are relative to the source root: --source-root,
    else the nearest folder upwards from the current one that holds .git, else the current
    folder.

OPTIONS
    --format text|json|sarif|github
        Output format (default: text).
    --source-root DIR
        The repository root that file paths are made relative to.
    --docs-url URL
        Base URL of the docs/ folder; SARIF rules then link to
        URL/diagnostics.md#e0201-unknown-name (default: the HLAB_DOCS_URL the build was
        configured with, or none).
    --stdlib DIR
        Look for `import std.x` in DIR first (repeatable).
    --max-errors N
        Show at most N errors in text output (default: 50; 0 = no limit).
    --color auto|always|never
        Colour the text output (default: auto).
    -h, --help
        Show this help.

EXIT STATUS
    0   no errors (warnings allowed)
    1   errors found
    2   usage error, or an input that cannot be read

EXAMPLES
    hlabc lint homelab/ --format sarif > hlabc.sarif
    hlabc lint homelab/ --format github
    hlabc lint homelab/ --format json | jq -r '.diagnostics[] | "\(.file):\(.line) \(.code)"'
    hlabc lint homelab/ --format sarif \
        --docs-url "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA/docs"
)usage";

// The nearest folder upwards from the current one holding .git; the current one otherwise.
std::string default_source_root() {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (ec) return {};
  for (fs::path p = cwd;; p = p.parent_path()) {
    if (fs::exists(p / ".git", ec)) return p.string();
    if (p == p.root_path() || p.empty()) break;
  }
  return cwd.string();
}

// Takes `flag VALUE` out of `args`; returns false when the flag has no value.
bool take_value(std::vector<std::string>& args, std::string_view flag, std::string& value) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] != flag) continue;
    if (i + 1 >= args.size()) return false;
    value = args[i + 1];
    args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
    --i;
  }
  return true;
}

}  // namespace

const char* lint_usage() { return kLintUsage; }

int cmd_lint(const std::vector<std::string>& raw_args, const std::string& argv0) {
  std::vector<std::string> args = raw_args;
  diag::CiOptions ci;
  ci.tool_version = HLAB_VERSION;
  ci.docs_url = HLAB_DOCS_URL;
  if (!take_value(args, "--source-root", ci.source_root)) return usage_error("--source-root needs a folder", kLintUsage);
  if (!take_value(args, "--docs-url", ci.docs_url)) return usage_error("--docs-url needs a URL", kLintUsage);
  while (ci.docs_url.ends_with('/')) ci.docs_url.pop_back();

  CommonOptions o;
  o.formats = {"text", "json", "sarif", "github"};
  if (auto code = parse_common(args, o, kLintUsage, {})) return *code;
  if (o.paths.empty()) return usage_error("`lint` needs a folder or file", kLintUsage);
  o.stdlib = stdlib_path(o.stdlib_dirs, argv0);

  std::error_code ec;
  if (ci.source_root.empty()) {
    ci.source_root = default_source_root();
  } else if (!fs::is_directory(ci.source_root, ec)) {
    return usage_error(fmt::format("--source-root `{}` is not a folder", ci.source_root), kLintUsage);
  }
  fs::path root = fs::absolute(ci.source_root, ec).lexically_normal();
  if (root.filename().empty() && root.has_relative_path()) root = root.parent_path();  // "repo/" -> "repo"
  ci.source_root = root.string();

  const sema::Analysis a = analyze_and_check(o);
  if (o.format != "sarif" && o.format != "github") return report(a, o);
  const auto& diags = a.diags.diagnostics();
  const std::string text =
      o.format == "sarif" ? diag::render_sarif(diags, a.sources, ci) : diag::render_github(diags, a.sources, ci);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return exit_status(a);
}

}  // namespace hlab::driver
