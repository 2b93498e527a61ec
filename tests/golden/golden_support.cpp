#include "golden/golden_support.hpp"

#include <fmt/core.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "check/check.hpp"
#include "diag/diagnostic.hpp"

#ifndef HLAB_CASES_DIR
#error "HLAB_CASES_DIR must name the tests/cases folder"
#endif

namespace hlab::golden {
namespace {

constexpr std::string_view kMarker = "# --- ";
constexpr std::string_view kExpect = "# expect:";
constexpr std::string_view kCovers = "# covers:";

// The line without its line ending.
std::string_view bare(std::string_view line) {
  if (line.ends_with("\n")) line.remove_suffix(1);
  if (line.ends_with("\r")) line.remove_suffix(1);
  return line;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool blank(std::string_view line) { return trim(bare(line)).empty(); }

// Splits into lines that keep their '\n', so that the parts keep their exact bytes.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(at, end - at));
    at = end;
  }
  return lines;
}

bool valid_code(std::string_view code) { return diag::find_code(code) != nullptr && code.size() == 5; }

// "E0201 main.hlab:12:14" -> Found; nullopt-like false on a malformed line.
bool parse_expectation(std::string_view s, Found& out, std::string& why) {
  s = trim(s);
  std::size_t space = s.find(' ');
  if (space == std::string_view::npos) {
    why = "expected `CODE FILE:LINE:COL`";
    return false;
  }
  out.code = std::string(s.substr(0, space));
  const diag::CodeInfo* info = diag::find_code(out.code);
  if (!info || info->id != out.code) {
    why = fmt::format("`{}` is not a code in codes.def", out.code);
    return false;
  }
  out.error = info->severity == diag::Severity::Error;
  std::string_view where = trim(s.substr(space + 1));
  std::size_t c2 = where.rfind(':');
  std::size_t c1 = c2 == std::string_view::npos || c2 == 0 ? std::string_view::npos : where.rfind(':', c2 - 1);
  if (c1 == std::string_view::npos) {
    why = "expected `FILE:LINE:COL`";
    return false;
  }
  out.file = std::string(where.substr(0, c1));
  auto number = [&](std::string_view digits, std::uint32_t& n) {
    if (digits.empty() || digits.size() > 9) return false;
    n = 0;
    for (char ch : digits) {
      if (ch < '0' || ch > '9') return false;
      n = n * 10 + static_cast<std::uint32_t>(ch - '0');
    }
    return true;
  };
  if (!number(where.substr(c1 + 1, c2 - c1 - 1), out.line) || !number(where.substr(c2 + 1), out.column)) {
    why = "line and column must be numbers";
    return false;
  }
  return true;
}

bool decode_hex(std::string_view text, std::string& out) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  int high = -1;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    int v = nibble(c);
    if (v < 0) return false;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<char>(high * 16 + v));
      high = -1;
    }
  }
  return high < 0;
}

bool safe_relative(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  for (const auto& part : fs::path(path))
    if (part == ".." || part == ".") return false;
  return true;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

bool update_requested() {
  const char* v = std::getenv("HLAB_UPDATE_GOLDEN");
  return v && std::string_view(v) == "1";
}

}  // namespace

std::string to_string(const Found& f) { return fmt::format("{} {}:{}:{}", f.code, f.file, f.line, f.column); }

std::ostream& operator<<(std::ostream& os, const Found& f) { return os << to_string(f); }

std::string to_string(const std::vector<Found>& list) {
  if (list.empty()) return "  (none)\n";
  std::string out;
  for (const auto& f : list) out += "  " + to_string(f) + "\n";
  return out;
}

Case parse_case(const fs::path& source, const std::string& display_name, const std::string& text) {
  Case c;
  c.source = source;
  c.name = display_name;
  c.stem = source.stem().string();
  c.files.push_back({CaseFile::Where::Project, "main.hlab", {}});

  std::vector<std::string_view> lines = split_lines(text);
  std::size_t k = 0;
  bool in_expect = false;
  std::size_t line_no = 0;
  for (; k < lines.size(); ++k) {
    std::string_view line = bare(lines[k]);
    line_no = k + 1;
    if (line.starts_with(kMarker)) break;
    if (line.starts_with(kExpect)) {
      in_expect = true;
      Found f;
      std::string why;
      if (parse_expectation(line.substr(kExpect.size()), f, why))
        c.expected.push_back(f);
      else
        c.format_errors.push_back(fmt::format("line {}: bad `# expect:` line: {}", line_no, why));
      continue;
    }
    if (in_expect) {
      if (!blank(lines[k]))
        c.format_errors.push_back(fmt::format(
            "line {}: `# expect:` lines must trail the main part; found other text after them", line_no));
      continue;
    }
    if (line.starts_with(kCovers)) {
      std::string list(line.substr(kCovers.size()));
      std::replace(list.begin(), list.end(), ',', ' ');
      std::istringstream words(list);
      for (std::string w; words >> w;) {
        if (valid_code(w))
          c.covers.insert(w);
        else
          c.format_errors.push_back(fmt::format("line {}: `{}` in `# covers:` is not a code", line_no, w));
      }
    }
    c.main_prefix += lines[k];
  }
  c.files.front().content = c.main_prefix;

  std::size_t rest_begin = 0;
  for (std::size_t j = 0; j < k; ++j) rest_begin += lines[j].size();
  c.rest = text.substr(rest_begin);

  std::set<std::string> seen = {"main.hlab"};
  bool bytes = false;
  std::string hex;
  auto finish_bytes = [&]() {
    if (!bytes) return;
    std::string decoded;
    if (!decode_hex(hex, decoded))
      c.format_errors.push_back(fmt::format("`{}`: a `bytes` part holds hex digits only", c.files.back().path));
    c.files.back().content = std::move(decoded);
    hex.clear();
    bytes = false;
  };
  for (; k < lines.size(); ++k) {
    std::string_view line = bare(lines[k]);
    line_no = k + 1;
    if (line.starts_with(kMarker)) {
      finish_bytes();
      std::string_view spec = trim(line.substr(kMarker.size()));
      if (spec.starts_with("bytes ")) {
        bytes = true;
        spec = trim(spec.substr(6));
      }
      CaseFile f;
      f.path = std::string(spec);
      f.where = f.path.starts_with("std/") ? CaseFile::Where::Stdlib : CaseFile::Where::Project;
      if (!safe_relative(f.path))
        c.format_errors.push_back(fmt::format("line {}: `{}` must be a relative path inside the case", line_no, f.path));
      if (!seen.insert(f.path).second)
        c.format_errors.push_back(fmt::format("line {}: `{}` is given twice", line_no, f.path));
      c.files.push_back(std::move(f));
      continue;
    }
    if (line.starts_with(kExpect))
      c.format_errors.push_back(fmt::format("line {}: `# expect:` lines belong at the end of the main part", line_no));
    if (bytes)
      hex += lines[k];
    else
      c.files.back().content += lines[k];
  }
  finish_bytes();
  return c;
}

Case load_case(const fs::path& source, const fs::path& root) {
  std::string name = source.lexically_relative(root).replace_extension().generic_string();
  return parse_case(source, name, read_all(source));
}

std::string rewrite_expectations(const Case& c, const std::vector<Found>& found) {
  std::string out = c.main_prefix;
  if (!found.empty()) {
    if (!out.empty() && !out.ends_with("\n")) out += "\n";
    if (!out.empty() && !out.ends_with("\n\n")) out += "\n";
    for (const auto& f : found) out += fmt::format("{} {}\n", kExpect, to_string(f));
  }
  out += c.rest;
  return out;
}

std::vector<fs::path> list_cases(const fs::path& root) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".hlab") out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}


std::vector<Found> reduce(const sema::Analysis& a, const fs::path& project, const fs::path& stdlib) {
  std::error_code ec;
  const fs::path proj = fs::weakly_canonical(project, ec);
  const fs::path std_root = fs::weakly_canonical(stdlib, ec);
  auto relative_to = [](const fs::path& p, const fs::path& root, std::string& out) {
    fs::path rel = p.lexically_relative(root);
    if (rel.empty() || *rel.begin() == "..") return false;
    out = rel.generic_string();
    return true;
  };
  std::vector<Found> out;
  for (const auto& d : a.diags.diagnostics()) {
    Found f;
    f.code = std::string(diag::info(d.code).id);
    f.error = d.severity == diag::Severity::Error;
    if (!d.span.valid()) {
      f.file = "<no file>";
      out.push_back(std::move(f));
      continue;
    }
    const std::string& shown = a.sources.get(d.span.file).path;
    fs::path abs = fs::weakly_canonical(fs::absolute(shown, ec), ec);
    if (!relative_to(abs, proj, f.file) && !relative_to(abs, std_root, f.file)) f.file = shown;
    base::LineCol lc = a.sources.locate(d.span);
    f.line = lc.line;
    f.column = lc.column;
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end());
  return out;
}

sema::AnalysisOptions options_for(const fs::path& project, const fs::path& stdlib) {
  sema::AnalysisOptions o;
  o.inputs = {project.string()};
  o.stdlib_path = {stdlib.string()};
  return o;
}

std::vector<Found> run_case(const Case& c, const fs::path& dir) {
  const fs::path proj = dir / "proj";
  const fs::path stdlib = dir / "stdlib";
  fs::create_directories(proj);
  fs::create_directories(stdlib);
  for (const auto& f : c.files) write_file((f.where == CaseFile::Where::Stdlib ? stdlib : proj) / f.path, f.content);
  // The case's own std/ files come first; the repository's stdlib serves `import std.eso` & co.
  sema::AnalysisOptions options = options_for(proj, stdlib);
  options.stdlib_path.push_back(HLAB_STDLIB_DIR);
  sema::Analysis a = sema::analyze(options);
  // As `hlabc check` does: the cross-reference rules run on a model without sema errors.
  if (!a.diags.has_errors()) {
    check::run_checks(a, a.diags);
    a.diags.sort(a.sources);
  }
  return reduce(a, proj, stdlib);
}

TempProject::TempProject() : project_(dir_.path() / "proj"), stdlib_(dir_.path() / "stdlib") {
  fs::create_directories(project_);
  fs::create_directories(stdlib_);
}

void TempProject::write(const std::string& rel, const std::string& bytes) const { write_file(project_ / rel, bytes); }

void TempProject::write_std(const std::string& rel, const std::string& bytes) const {
  write_file(stdlib_ / rel, bytes);
}

sema::AnalysisOptions TempProject::options() const { return options_for(project_, stdlib_); }

std::vector<Found> TempProject::analyze(const sema::AnalysisOptions& o) const {
  return reduce(sema::analyze(o), project_, stdlib_);
}

std::string net_schema() {
  return R"(## A Kubernetes cluster of the homelab.
kind cluster {
  role: management | workload
  vip: ip
  pod_cidr: cidr
  mesh_id: int(1..255)
  dns?: hostname
  talos: version = v1.12.2
}

## A Vault KV path and the keys stored under it.
kind vault_secret {
  keys: [name]
}

## An ExternalSecret that copies Vault keys into a Kubernetes Secret on each cluster.
kind external_secret on clusters in namespace {
  clusters: [cluster]
  namespace: name
  data: {key(vault_secret)}
  refresh: duration = 1h
}
)";
}

fs::path cases_root() { return fs::path(HLAB_CASES_DIR); }

const std::vector<CaseResult>& all_case_results() {
  static const std::vector<CaseResult> results = [] {
    std::vector<CaseResult> out;
    const fs::path root = cases_root();
    const bool update = update_requested();
    for (const auto& path : list_cases(root)) {
      Case c = load_case(path, root);
      CaseResult r;
      r.name = c.name;
      r.stem = c.stem;
      r.expects_failure = c.expects_failure();
      r.covers = c.covers;
      r.problems = c.format_errors;
      if (!r.problems.empty()) {
        out.push_back(std::move(r));
        continue;
      }
      std::vector<Found> found;
      {
        TempDir dir;
        found = run_case(c, dir.path());
      }
      if (update && found != c.expected) {
        std::string text = rewrite_expectations(c, found);
        write_file(path, text);
        c = load_case(path, root);
        TempDir again;
        if (run_case(c, again.path()) != found)
          r.problems.push_back("the rewritten case gives other diagnostics; fix its trailing lines by hand");
      }
      for (const auto& f : found) r.emitted.insert(f.code);
      if (found != c.expected)
        r.problems.push_back(fmt::format(
            "diagnostics differ from the expectations (HLAB_UPDATE_GOLDEN=1 rewrites them)\nexpected:\n{}actual:\n{}",
            to_string(c.expected), to_string(found)));
      std::size_t errors = error_count(c.expected);
      if (r.expects_failure && errors == 0)
        r.problems.push_back("a `fail_` case must expect at least one error");
      if (!r.expects_failure && errors > 0)
        r.problems.push_back(fmt::format("only `fail_` cases may expect errors; this one expects {}", errors));
      r.passed = r.problems.empty();
      out.push_back(std::move(r));
    }
    return out;
  }();
  return results;
}

namespace {
std::deque<GeneratedCase>& registry() {
  static std::deque<GeneratedCase> r;
  return r;
}
}  // namespace

const GeneratedCase& register_generated(GeneratedCase g) {
  registry().push_back(std::move(g));
  return registry().back();
}

const std::deque<GeneratedCase>& generated_cases() { return registry(); }

Isolated run_isolated(const std::function<std::vector<Found>()>& body, unsigned timeout_seconds) {
  constexpr int kDone = 77;
  Isolated out;
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::fflush(nullptr);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // The test framework's crash handlers would report from the child as if it were the
    // test binary; a crash here must only end the child.
    for (int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTERM}) std::signal(sig, SIG_DFL);
    close(fds[0]);
    alarm(timeout_seconds);
    std::string text;
    try {
      for (const auto& f : body())
        text += fmt::format("{}\t{}\t{}\t{}\t{}\n", f.code, f.file, f.line, f.column, f.error ? 1 : 0);
    } catch (...) {
      _exit(3);
    }
    std::size_t at = 0;
    while (at < text.size()) {
      ssize_t n = ::write(fds[1], text.data() + at, text.size() - at);
      if (n <= 0) _exit(4);
      at += static_cast<std::size_t>(n);
    }
    _exit(kDone);
  }
  close(fds[1]);
  std::string text;
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (WIFEXITED(status) && WEXITSTATUS(status) == kDone) {
    out.finished = true;
  } else if (WIFSIGNALED(status)) {
    out.how = fmt::format("killed by signal {}{}", WTERMSIG(status), WTERMSIG(status) == SIGALRM ? " (timeout)" : "");
  } else {
    out.how = fmt::format("exit code {}", WEXITSTATUS(status));
  }
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    Found f;
    int error = 0;
    std::getline(fields, f.code, '\t');
    std::getline(fields, f.file, '\t');
    fields >> f.line >> f.column >> error;
    f.error = error != 0;
    out.found.push_back(std::move(f));
  }
  return out;
}

bool has_code(const std::vector<Found>& list, std::string_view code) {
  return std::any_of(list.begin(), list.end(), [&](const Found& f) { return f.code == code; });
}

std::size_t error_count(const std::vector<Found>& list) {
  return static_cast<std::size_t>(std::count_if(list.begin(), list.end(), [](const Found& f) { return f.error; }));
}

}  // namespace hlab::golden
