// Argument parsing and the commands. Analysis happens in sema; this file only wires
// options to it and renders what comes back.
#include "driver/cli.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <optional>

#include "check/check.hpp"
#include "diag/explain.hpp"
#include "diag/render.hpp"
#include "driver/commands.hpp"
#include "sema/analyze.hpp"

#ifndef HLAB_VERSION
#define HLAB_VERSION "0.0.0"
#endif
#ifndef HLAB_STDLIB_DIR
#define HLAB_STDLIB_DIR ""
#endif

namespace hlab::driver {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage = R"(hlabc — a type-checked configuration compiler for Kubernetes homelabs

Usage: hlabc <command> [options]

Commands:
  check PATH...      check .hlab sources (folders or files) and report diagnostics
  build PATH         check, then write the GitOps repository (default: out/)
  explain CODE       print the long-form documentation of a diagnostic code
  lsp                run the language server on stdin/stdout (for editors)
  help [COMMAND]     show help for hlabc or for one command

Options:
  --version          print the version
  -h, --help         show help

Exit codes: 0 clean (warnings allowed), 1 errors found, 2 usage or I/O error.
)";

constexpr const char* kCheckUsage = R"(Usage: hlabc check PATH... [options]

Loads every .hlab file below each folder (or the files given), the stdlib modules they
import, and reports every problem found.

Options:
  --format text|json   output format (default: text)
  --stdlib DIR         look for `import std.x` in DIR first (repeatable)
  --max-errors N       show at most N errors (default: 50; 0 = no limit)
  --color auto|always|never
                       colour the text output (default: auto; NO_COLOR disables)
  -h, --help           show this help
)";

constexpr const char* kExplainUsage = R"(Usage: hlabc explain CODE

Prints what a diagnostic code means, with a bad and a good example.
CODE is an id such as E0201 or a slug such as unknown-name.
`hlabc explain --list` lists every code.
)";

void out(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }
void err(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stderr); }

int usage_error(const std::string& message, const char* usage) {
  err(fmt::format("error: {}\n\n{}", message, usage));
  return 2;
}

int cmd_explain(const std::vector<std::string>& args) {
  if (args.empty()) return usage_error("`explain` needs a code", kExplainUsage);
  if (args[0] == "-h" || args[0] == "--help") { out(kExplainUsage); return 0; }
  if (args[0] == "--list") {
    for (const auto& c : diag::all_codes())
      out(fmt::format("{}  {:<8} {:<22} {}\n", c.id, c.severity == diag::Severity::Error ? "error" : "warning", c.slug, c.title));
    return 0;
  }
  const diag::CodeInfo* info = diag::find_code(args[0]);
  if (!info) {
    std::vector<std::string> ids;
    for (const auto& c : diag::all_codes()) { ids.emplace_back(c.id); ids.emplace_back(c.slug); }
    std::string near = diag::closest_match(args[0], ids);
    err(fmt::format("error: unknown diagnostic code `{}`\n{}", args[0],
                    near.empty() ? std::string("help: `hlabc explain --list` lists every code\n")
                                 : fmt::format("help: did you mean `{}`?\n", near)));
    return 2;
  }
  out(fmt::format("{} ({}): {}\n\n{}", info->id, info->slug, info->title, diag::explanation(info->code)));
  std::string_view text = diag::explanation(info->code);
  if (!text.ends_with("\n")) out("\n");
  return 0;
}

}  // namespace

std::vector<std::string> stdlib_path(const std::vector<std::string>& explicit_dirs, const std::string& argv0) {
  std::vector<std::string> path = explicit_dirs;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  fs::path share = exe.parent_path().parent_path() / "share" / "hlabc" / "stdlib";
  if (fs::is_directory(share, ec)) path.push_back(share.string());
  if (std::string repo = HLAB_STDLIB_DIR; !repo.empty() && fs::is_directory(repo, ec)) path.push_back(repo);
  return path;
}

bool color_wanted(const std::string& mode, int fd) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no = std::getenv("NO_COLOR");
  if (no && *no) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return isatty(fd) != 0;
}

int report(const sema::Analysis& a, const CommonOptions& o) {
  const auto& diags = a.diags.diagnostics();
  if (o.format == "json") {
    out(diag::render_json(diags, a.sources));
  } else {
    diag::TerminalOptions t;
    t.color = color_wanted(o.color, 2);
    t.max_errors = o.max_errors;
    err(diag::render_terminal(diags, a.sources, t));
  }
  // Inputs that cannot be read are I/O errors (exit 2), not findings about the sources.
  for (const auto& d : diags)
    if (d.severity == diag::Severity::Error &&
        (d.code == diag::Code::ReadError || d.code == diag::Code::NoSources || d.code == diag::Code::TooManyFiles))
      return 2;
  return a.diags.has_errors() ? 1 : 0;
}

// Parses the options shared by commands; positional arguments go to `paths`.
std::optional<int> parse_common(const std::vector<std::string>& args, CommonOptions& o, const char* usage,
                                const std::vector<std::string>& extra_flags) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* flag) -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      (void)flag;
      return args[++i];
    };
    if (a == "-h" || a == "--help") { out(usage); return 0; }
    if (a == "--format") {
      auto v = value("--format");
      if (!v || (*v != "text" && *v != "json")) return usage_error("--format takes `text` or `json`", usage);
      o.format = *v;
    } else if (a == "--stdlib") {
      auto v = value("--stdlib");
      if (!v) return usage_error("--stdlib needs a folder", usage);
      o.stdlib_dirs.push_back(*v);
    } else if (a == "--max-errors") {
      auto v = value("--max-errors");
      char* end = nullptr;
      long n = v ? std::strtol(v->c_str(), &end, 10) : -1;
      if (!v || n < 0 || (end && *end)) return usage_error("--max-errors takes a number", usage);
      o.max_errors = static_cast<std::size_t>(n);
    } else if (a == "--color") {
      auto v = value("--color");
      if (!v || (*v != "auto" && *v != "always" && *v != "never")) return usage_error("--color takes auto, always or never", usage);
      o.color = *v;
    } else if (std::find(extra_flags.begin(), extra_flags.end(), a) != extra_flags.end()) {
      o.flags.push_back(a);
      if (a == "-o" || a == "--out") {
        auto v = value("-o");
        if (!v) return usage_error("-o needs a folder", usage);
        o.out_dir = *v;
      }
    } else if (a.starts_with("-") && a != "-") {
      return usage_error(fmt::format("unknown option `{}`", a), usage);
    } else {
      o.paths.push_back(a);
    }
  }
  return std::nullopt;
}

sema::Analysis analyze_paths(const CommonOptions& o) {
  sema::AnalysisOptions ao;
  ao.inputs = o.paths;
  ao.stdlib_path = o.stdlib;
  return sema::analyze(ao);
}

sema::Analysis analyze_and_check(const CommonOptions& o) {
  sema::Analysis a = analyze_paths(o);
  // The cross-reference rules assume a well-typed model; after sema errors they would only
  // add noise about values that are already wrong.
  if (!a.diags.has_errors()) {
    check::run_checks(a, a.diags);
    a.diags.sort(a.sources);
  }
  return a;
}

int run(const std::vector<std::string>& args, const std::string& argv0) {
  if (args.empty()) { err(kUsage); return 2; }
  const std::string& cmd = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (cmd == "--version" || cmd == "version") { out(fmt::format("hlabc {}\n", HLAB_VERSION)); return 0; }
  if (cmd == "-h" || cmd == "--help") { out(kUsage); return 0; }
  if (cmd == "help") {
    if (rest.empty()) { out(kUsage); return 0; }
    if (rest[0] == "check") { out(kCheckUsage); return 0; }
    if (rest[0] == "explain") { out(kExplainUsage); return 0; }
    if (rest[0] == "build") { out(build_usage()); return 0; }
    if (rest[0] == "lsp") { out(lsp_usage()); return 0; }
    return usage_error(fmt::format("no command `{}`", rest[0]), kUsage);
  }
  if (cmd == "explain") return cmd_explain(rest);
  if (cmd == "lsp") return cmd_lsp(rest, argv0);
  if (cmd == "check" || cmd == "build") {
    CommonOptions o;
    const char* usage = cmd == "check" ? kCheckUsage : build_usage();
    std::vector<std::string> extra;
    if (cmd == "build") extra = {"--check", "-o", "--out"};
    if (auto code = parse_common(rest, o, usage, extra)) return *code;
    if (o.paths.empty()) return usage_error(fmt::format("`{}` needs a folder or file", cmd), usage);
    o.stdlib = stdlib_path(o.stdlib_dirs, argv0);
    if (cmd == "build") return cmd_build(o);
    return report(analyze_and_check(o), o);
  }
  std::vector<std::string> cmds = {"check", "build", "explain", "lsp", "help"};
  std::string near = diag::closest_match(cmd, cmds);
  err(fmt::format("error: unknown command `{}`\n{}", cmd,
                  near.empty() ? std::string("help: `hlabc help` lists the commands\n") : fmt::format("help: did you mean `{}`?\n", near)));
  return 2;
}

}  // namespace hlab::driver
