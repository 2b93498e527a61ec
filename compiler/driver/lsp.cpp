// `hlabc lsp`: the language server over stdin/stdout.
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "driver/commands.hpp"
#include "lsp/stdio.hpp"

#ifndef HLAB_VERSION
#define HLAB_VERSION "0.0.0"
#endif
#ifndef HLAB_DOCS_DIR
#define HLAB_DOCS_DIR ""
#endif

namespace hlab::driver {
namespace {

constexpr const char* kLspUsage = R"(NAME
    hlabc lsp — the .hlab language server

SYNOPSIS
    hlabc lsp [--stdlib DIR]... [--docs-url URL] [--debounce MS]

DESCRIPTION
    Speaks the Language Server Protocol (JSON-RPC 2.0 with Content-Length framing) on
    standard input and output; editors start it and talk to it. Logs go to standard error.

    A document is analysed with the other .hlab files of its project: the highest folder
    above it that holds .hlab files, within the workspace folder the editor opened, as
    `hlabc check FOLDER` would, unsaved text included. Diagnostics are published shortly
    after the last edit (the debounce) and carry a link to the code's documentation.

    Features: incremental sync, diagnostics, hover, go to definition, references, rename,
    completion, document and workspace symbols, semantic tokens, formatting (as `hlabc
    fmt`), quick fixes, inlay hints.
    Positions are counted in UTF-16 code units, or UTF-8 bytes when the client offers it.

OPTIONS
    --stdlib DIR      look for `import std.x` in DIR first (repeatable)
    --docs-url URL    where diagnostics.md is published; codes link to URL#<code>-<slug>
                      (default: the file in the installed or source tree's docs/)
    --debounce MS     wait this long after an edit before analysing (default: 150)
    -h, --help        show this help

EXIT STATUS
    0 after a `shutdown` request and the `exit` notification; 1 when the input ended or
    `exit` came without `shutdown`; 2 for a usage error.

EXAMPLES
    hlabc lsp
    hlabc lsp --stdlib ./my-stdlib --debounce 50
)";

std::string default_docs_url(const std::string& argv0) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  for (fs::path dir : {exe.parent_path().parent_path() / "share" / "hlabc" / "docs", fs::path(HLAB_DOCS_DIR)}) {
    if (dir.empty() || !fs::is_directory(dir, ec)) continue;
    return "file://" + (fs::absolute(dir, ec) / "diagnostics.md").lexically_normal().generic_string();
  }
  return {};
}

}  // namespace

const char* lsp_usage() { return kLspUsage; }

int cmd_lsp(const std::vector<std::string>& args, const std::string& argv0) {
  lsp::ServerOptions options;
  std::vector<std::string> stdlib_dirs;
  options.docs_base = default_docs_url(argv0);
  options.version = HLAB_VERSION;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    bool has_value = i + 1 < args.size();
    if (a == "-h" || a == "--help") {
      std::fputs(kLspUsage, stdout);
      return 0;
    } else if (a == "--stdlib" && has_value) {
      stdlib_dirs.push_back(args[++i]);
    } else if (a == "--docs-url" && has_value) {
      options.docs_base = args[++i];
    } else if (a == "--debounce" && has_value) {
      char* end = nullptr;
      long ms = std::strtol(args[i + 1].c_str(), &end, 10);
      if (*end || ms < 0 || ms > 60000) {
        std::fprintf(stderr, "error: --debounce takes milliseconds (0 to 60000)\n\n%s", kLspUsage);
        return 2;
      }
      options.debounce = std::chrono::milliseconds(ms);
      ++i;
    } else {
      std::fprintf(stderr, "error: %s `%s`\n\n%s", has_value || a.starts_with("-") ? "unknown option" : "missing value for", a.c_str(), kLspUsage);
      return 2;
    }
  }
  options.stdlib_path = stdlib_path(stdlib_dirs, argv0);
  return lsp::serve(std::move(options), STDIN_FILENO, STDOUT_FILENO);
}

}  // namespace hlab::driver
