// `hlabc diff`: what a change to the sources does to the generated repository, object by
// object. The sources are built in memory and compared with the committed output folder,
// or with the tree built from the sources at a git revision.
#include <fmt/core.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "driver/commands.hpp"
#include "driver/diff_render.hpp"
#include "driver/process.hpp"
#include "emit/emit.hpp"
#include "emit/tree_diff.hpp"
#include "emit/writer.hpp"

namespace hlab::driver {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDiffUsage = R"(NAME
    hlabc diff - what a change to the sources does to the generated repository

SYNOPSIS
    hlabc diff PATH [--base REF] [-o DIR] [--format text|markdown|json]

DESCRIPTION
    Builds the .hlab sources in PATH in memory (nothing is written) and compares the
    result with a baseline, object by object:

    - without --base, the baseline is the generated folder on disk (default: out/ beside
      PATH, as `hlabc build` writes it): the files listed in its .hlabc-manifest plus
      those the build would write. Use it before `hlabc build` to review what will change.
    - with --base REF, the baseline is built from the sources at git revision REF: the
      sources folder at REF is read with `git archive` into a temporary folder and built
      there with the current hlabc and stdlib. The committed out/ is not used, so the
      comparison is between two builds even when out/ was stale at REF. Use it in CI on a
      merge request: `hlabc diff homelab/ --base origin/main --format markdown`.

    YAML documents are matched by API group, kind, namespace and name within a file and
    compared field by field: fields are shown with their paths (spec.chart.spec.version,
    metadata.labels["app.kubernetes.io/name"], spec.containers[name=app].image) and
    old -> new values; items of lists whose items have a `name` are matched by name, lists
    of plain values are compared as sets. Header comments and formatting are not
    differences. Other files (Vault policies in HCL) get a unified line diff.

OPTIONS
    --base REF   compare with the build of the sources at git revision REF
    -o, --out DIR
                 the generated folder to compare with (default: out/ beside PATH)
    --format text|markdown|json
                 text for a terminal (default), Markdown for a merge request comment,
                 JSON for tools
    --color auto|always|never
                 colour the text output (default: auto; NO_COLOR disables)
    --stdlib DIR look for `import std.x` in DIR first (repeatable)
    -h, --help   show this help

EXIT STATUS
    0 no difference (text and Markdown print nothing); 1 differences were found; 2 usage
    or I/O error, the sources (or those at REF) have errors, or git failed.

EXAMPLES
    hlabc diff homelab/
    hlabc diff homelab/ --base HEAD~1
    hlabc diff homelab/ --base origin/main --format markdown > diff.md
)";

void say(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stderr); }

int usage(const std::string& message) { return usage_error(message, kDiffUsage); }

struct DiffOptions {
  CommonOptions common;
  std::string base, out_dir, format = "text";
};

std::optional<int> parse(const std::vector<std::string>& args, DiffOptions& o) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return !into.empty();
    };
    std::string v;
    if (a == "-h" || a == "--help") {
      std::fwrite(kDiffUsage, 1, std::char_traits<char>::length(kDiffUsage), stdout);
      return 0;
    } else if (a == "--base") {
      if (!value(o.base)) return usage("--base needs a git revision");
    } else if (a == "-o" || a == "--out") {
      if (!value(o.out_dir)) return usage("-o needs a folder");
    } else if (a == "--format") {
      if (!value(o.format) || (o.format != "text" && o.format != "markdown" && o.format != "json"))
        return usage("--format takes text, markdown or json");
    } else if (a == "--stdlib") {
      if (!value(v)) return usage("--stdlib needs a folder");
      o.common.stdlib_dirs.push_back(v);
    } else if (a == "--color") {
      if (!value(o.common.color) || (o.common.color != "auto" && o.common.color != "always" && o.common.color != "never"))
        return usage("--color takes auto, always or never");
    } else if (a.starts_with("-") && a != "-") {
      return usage(fmt::format("unknown option `{}`", a));
    } else {
      o.common.paths.push_back(a);
    }
  }
  if (o.common.paths.size() != 1) return usage("`diff` takes one folder of sources");
  if (!o.base.empty() && !o.out_dir.empty()) return usage("give either --base or -o, not both");
  return std::nullopt;
}

// Checks and builds sources; nullopt (after the diagnostics) when they have errors.
std::optional<emit::Tree> build(const CommonOptions& o, const std::string& what) {
  sema::Analysis a = analyze_and_check(o);
  if (int status = report(a, o); status != 0) {
    say(fmt::format("error: cannot compare: {} {} errors\n", what, status == 2 ? "could not be read, or have" : "have"));
    return std::nullopt;
  }
  return emit::build_tree(a);
}

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return static_cast<bool>(in) || in.eof();
}

// The generated folder as a tree: what its manifest lists plus what the build would write.
std::optional<emit::Tree> read_out(const fs::path& out, const emit::Tree& now) {
  std::error_code ec;
  if (!fs::exists(out, ec)) return emit::Tree{};  // nothing generated yet: everything is new
  if (!fs::is_directory(out, ec)) {
    say(fmt::format("error: `{}` is not a folder\n", out.string()));
    return std::nullopt;
  }
  std::set<std::string> paths;
  for (const auto& f : now.files) paths.insert(f.path);
  std::string manifest;
  if (read_file(out / emit::kManifestName, manifest)) {
    std::istringstream in(manifest);
    for (std::string line; std::getline(in, line);)
      if (auto sp = line.find(' '); !line.empty() && line[0] != '#' && sp != std::string::npos) {
        fs::path rel = fs::path(line.substr(sp + 1)).lexically_normal();
        if (rel.is_relative() && !rel.empty() && *rel.begin() != "..") paths.insert(rel.generic_string());
      }
  }
  emit::Tree tree;
  for (const auto& p : paths) {
    std::string content;
    if (fs::is_regular_file(out / p, ec) && read_file(out / p, content)) tree.files.push_back({p, content, ""});
  }
  return tree;
}

// A temporary folder removed with everything in it when it goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "hlabc-diff-XXXXXX").string();
    if (::mkdtemp(tmpl.data())) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// The tree built from the sources folder at git revision `ref`.
std::optional<emit::Tree> build_at(const DiffOptions& o, const fs::path& src) {
  std::error_code ec;
  fs::path dir = fs::is_directory(src, ec) ? src : src.parent_path();
  ProcessResult top = run_process({"git", "-C", dir.string(), "rev-parse", "--show-toplevel"});
  if (!top.started) {
    say("error: `--base` needs git, which is not on PATH\n");
    return std::nullopt;
  }
  if (top.exit_code != 0) {
    say(fmt::format("error: `{}` is not in a git repository\n{}", dir.string(), top.err));
    return std::nullopt;
  }
  fs::path root = trim(top.out);
  fs::path rel = fs::weakly_canonical(src, ec).lexically_relative(fs::weakly_canonical(root, ec));
  if (rel.empty() || *rel.begin() == "..") {
    say(fmt::format("error: `{}` is outside the repository `{}`\n", src.string(), root.string()));
    return std::nullopt;
  }
  ProcessResult archive = run_process({"git", "-C", root.string(), "archive", "--format=tar", o.base, "--", rel.generic_string()});
  if (archive.exit_code != 0) {
    say(fmt::format("error: cannot read `{}` at `{}`\n{}help: check the revision with `git rev-parse {}`\n",
                    rel.generic_string(), o.base, archive.err, o.base));
    return std::nullopt;
  }
  TempDir tmp;
  if (tmp.path().empty()) {
    say("error: cannot create a temporary folder\n");
    return std::nullopt;
  }
  ProcessResult tar = run_process({"tar", "-x", "-C", tmp.path().string()}, archive.out);
  if (tar.exit_code != 0) {
    say(fmt::format("error: cannot unpack the sources at `{}`\n{}", o.base, tar.err));
    return std::nullopt;
  }
  CommonOptions at = o.common;
  at.paths = {(tmp.path() / rel).string()};
  return build(at, fmt::format("the sources at `{}`", o.base));
}

// out/ beside the sources folder, as `hlabc build` writes it.
fs::path default_out(const fs::path& src) {
  std::error_code ec;
  fs::path abs = fs::absolute(src, ec).lexically_normal();
  if (abs.filename().empty() || abs.filename() == ".") abs = abs.parent_path();
  return abs.parent_path() / "out";
}

}  // namespace

const char* diff_usage() { return kDiffUsage; }

int cmd_diff(const std::vector<std::string>& args, const std::string& argv0) {
  DiffOptions o;
  if (auto code = parse(args, o)) return *code;
  o.common.stdlib = stdlib_path(o.common.stdlib_dirs, argv0);
  fs::path src = fs::path(o.common.paths.front()).lexically_normal();
  if (src.filename().empty()) src = src.parent_path();
  auto now = build(o.common, "the sources");
  if (!now) return 2;
  std::string against;
  std::optional<emit::Tree> before;
  if (!o.base.empty()) {
    against = fmt::format("the sources at {}", o.base);
    before = build_at(o, src);
  } else {
    fs::path out = o.out_dir.empty() ? default_out(src) : fs::path(o.out_dir);
    against = o.out_dir.empty() ? fs::proximate(out).string() : o.out_dir;
    before = read_out(out, *now);
  }
  if (!before) return 2;
  std::vector<emit::FileDiff> diffs = emit::diff_trees(*before, *now);
  std::string text = o.format == "markdown" ? render_diff_markdown(diffs, against)
                     : o.format == "json"   ? render_diff_json(diffs, against)
                                            : render_diff_text(diffs, color_wanted(o.common.color, 1));
  std::fwrite(text.data(), 1, text.size(), stdout);
  return diffs.empty() ? 0 : 1;
}

}  // namespace hlab::driver
