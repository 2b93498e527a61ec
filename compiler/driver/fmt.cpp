// `hlabc fmt`: rewrites .hlab files in the canonical layout, or with --check / --diff
// tells which ones are not. Files with syntax errors are reported and left alone.
#include <fmt/core.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <filesystem>

#include "diag/render.hpp"
#include "driver/commands.hpp"
#include "format/format.hpp"

extern char** environ;

namespace hlab::driver {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFmtUsage = R"(NAME
  hlabc fmt - format .hlab sources in the canonical layout

SYNOPSIS
  hlabc fmt [--check | --diff] [PATH...]

DESCRIPTION
  Rewrites each file in place in the one canonical layout: two-space indentation, one
  space around `=`, records, lists and argument lists on one line when they fit in 100
  columns and were on one line in the source, else one element per line. Comments are
  kept, runs of blank lines become one, strings are kept exactly as written.
  A folder is formatted recursively (every *.hlab file below it). `-`, or no PATH,
  reads standard input and writes the formatted text to standard output.
  A file with syntax errors is not touched: its diagnostics are reported as `hlabc check`
  reports them (read from standard input, it is written back unchanged). Before a file is
  written, the new text is parsed again and must mean the same; if it does not (a
  formatter bug) the file is left alone and an internal error is reported. Files are
  replaced atomically (a temporary file in the same folder, renamed over the original)
  and keep their permissions; a symbolic link is followed, not replaced.

OPTIONS
  --check      write nothing; list the files whose layout would change
  --diff       write nothing; print a unified diff of each file that would change
  -h, --help   show this help

EXIT STATUS
  0  every file is formatted (or, with --check/--diff, already was)
  1  a file has syntax errors or hit an internal error, or with --check/--diff a file
     would change
  2  usage or I/O error

EXAMPLES
  hlabc fmt homelab/ stdlib/
  hlabc fmt --check homelab/
  hlabc fmt < clusters.hlab
)";

struct FmtOptions {
  bool check = false;
  bool diff = false;
  std::vector<std::string> paths;
};

void say(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stderr); }
void print(const std::string& s) { std::fwrite(s.data(), 1, s.size(), stdout); }

std::optional<std::string> read_all(std::FILE* f) {
  std::string text;
  char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  if (std::ferror(f)) return std::nullopt;
  return text;
}

std::optional<std::string> read_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return std::nullopt;
  auto text = read_all(f);
  std::fclose(f);
  return text;
}

// Writes `text` to a temporary file beside `path`, with `path`'s permissions, and renames
// it over `path`. Returns an error message, empty on success.
std::string replace_file(const std::string& path, const std::string& text) {
  std::error_code ec;
  fs::path p = fs::canonical(path, ec);  // write through a symbolic link, not over it
  if (ec) return ec.message();
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return std::strerror(errno);
  std::string tmp = (p.parent_path() / ("." + p.filename().string() + ".fmt-XXXXXX")).string();
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) return std::strerror(errno);
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  std::string error;
  if (done != text.size() || ::fchmod(fd, st.st_mode & 07777) != 0 || ::fsync(fd) != 0) error = std::strerror(errno);
  if (::close(fd) != 0 && error.empty()) error = std::strerror(errno);
  if (error.empty() && ::rename(tmp.c_str(), p.c_str()) != 0) error = std::strerror(errno);
  if (!error.empty()) ::unlink(tmp.c_str());
  return error;
}

// A temporary file holding `text`; empty when it cannot be written.
std::string temp_file(const std::string& text) {
  std::string tmp = (fs::temp_directory_path() / "hlabc-fmt-XXXXXX").string();
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) return {};
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  if (::close(fd) != 0 || !ok) {
    ::unlink(tmp.c_str());
    return {};
  }
  return tmp;
}

// Prints `diff -u` (diffutils) of `before` and `after`, labelled a/`shown` and b/`shown`;
// returns false when diff cannot run.
bool print_diff(const std::string& shown, const std::string& before, const std::string& after) {
  std::string from = temp_file(before), to = temp_file(after);
  bool ok = !from.empty() && !to.empty();
  std::fflush(stdout);
  std::vector<std::string> args = {"diff", "-u", "--label", "a/" + shown, "--label", "b/" + shown, from, to};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int status = 0;
  ok = ok && ::posix_spawnp(&pid, "diff", nullptr, nullptr, argv.data(), environ) == 0 &&
       ::waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) <= 1;
  if (!from.empty()) ::unlink(from.c_str());
  if (!to.empty()) ::unlink(to.c_str());
  return ok;
}

// The .hlab files below `dir`, sorted.
std::vector<std::string> hlab_files(const fs::path& dir, std::error_code& ec) {
  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".hlab") files.push_back(it->path().string());
  std::sort(files.begin(), files.end());
  return files;
}

class Formatter {
 public:
  explicit Formatter(const FmtOptions& o) : o_(o) {}

  // Formats one input; `path` "-" is standard input.
  void run(const std::string& path) {
    bool stdin_input = path == "-";
    std::optional<std::string> text = stdin_input ? read_all(stdin) : read_file(path);
    std::string shown = stdin_input ? "<stdin>" : path;
    if (!text) {
      say(fmt::format("error: cannot read `{}`: {}\n", shown, std::strerror(errno)));
      io_error_ = true;
      return;
    }
    base::FileId id = sources_.add(shown, *text);
    format::Outcome r = format::format_file(sources_.get(id), id, sink_);
    if (r.status == format::Status::SyntaxErrors) {
      if (stdin_input && !o_.check && !o_.diff) print(*text);  // a filter passes bad input through
      return;
    }
    if (r.status == format::Status::Unstable) {
      say(fmt::format("error: internal formatter error: the new layout of `{}` would change its meaning; "
                      "the file is left unchanged\n",
                      shown));
      failed_ = true;
      return;
    }
    bool changed = r.text != *text;
    if (stdin_input && !o_.check && !o_.diff) { print(r.text); return; }
    if (!changed) return;
    if (o_.check || o_.diff) {
      would_change_ = true;
      if (o_.diff) {
        if (!print_diff(shown, *text, r.text)) { say("error: cannot run `diff`\n"); io_error_ = true; }
      } else {
        print(shown + "\n");
      }
      return;
    }
    if (std::string e = replace_file(path, r.text); !e.empty()) {
      say(fmt::format("error: cannot write `{}`: {}\n", path, e));
      io_error_ = true;
    }
  }

  int finish() {
    sink_.sort(sources_);
    if (!sink_.diagnostics().empty()) {
      diag::TerminalOptions t;
      t.color = color_wanted("auto", 2);
      say(diag::render_terminal(sink_.diagnostics(), sources_, t));
    }
    if (io_error_) return 2;
    return sink_.has_errors() || failed_ || would_change_ ? 1 : 0;
  }

  void io_error() { io_error_ = true; }

 private:
  const FmtOptions& o_;
  base::SourceSet sources_;
  diag::DiagSink sink_;
  bool io_error_ = false;
  bool failed_ = false;
  bool would_change_ = false;
};

}  // namespace

const char* fmt_usage() { return kFmtUsage; }

int cmd_fmt(const std::vector<std::string>& args) {
  FmtOptions o;
  for (const std::string& a : args) {
    if (a == "-h" || a == "--help") { print(kFmtUsage); return 0; }
    if (a == "--check") o.check = true;
    else if (a == "--diff") o.diff = true;
    else if (a.starts_with("-") && a != "-") {
      say(fmt::format("error: unknown option `{}`\n\n{}", a, kFmtUsage));
      return 2;
    } else o.paths.push_back(a);
  }
  if (o.paths.empty()) o.paths.push_back("-");
  if (std::count(o.paths.begin(), o.paths.end(), "-") > 1) {
    say(fmt::format("error: standard input (`-`) can be given once\n\n{}", kFmtUsage));
    return 2;
  }
  Formatter f(o);
  for (const std::string& p : o.paths) {
    std::error_code ec;
    if (p != "-" && fs::is_directory(p, ec)) {
      for (const std::string& file : hlab_files(p, ec)) f.run(file);
      if (ec) { say(fmt::format("error: cannot list `{}`: {}\n", p, ec.message())); f.io_error(); }
    } else if (p != "-" && !fs::exists(p, ec)) {
      say(fmt::format("error: `{}` does not exist\n", p));
      f.io_error();
    } else {
      f.run(p);
    }
  }
  return f.finish();
}

}  // namespace hlab::driver
