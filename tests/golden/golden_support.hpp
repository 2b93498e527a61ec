// Shared pieces of the golden tests: the self-describing case format, temporary projects,
// running sema in-process, and the registry that the coverage test reads.
#pragma once

#include <compare>
#include <deque>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sema/analyze.hpp"

#include "support/files.hpp"

namespace hlab::golden {

namespace fs = std::filesystem;

// One diagnostic reduced to what the goldens compare: code and primary position, with the
// file relative to the temporary project (or `std/...` for the case's own stdlib).
struct Found {
  std::string code;  // "E0201"
  std::string file;  // "main.hlab", "lib/versions.hlab", "std/net.hlab"
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  bool error = true;
  // Severity follows from the code, so equality and order look at code and position only.
  friend bool operator==(const Found& a, const Found& b) {
    return a.code == b.code && a.file == b.file && a.line == b.line && a.column == b.column;
  }
  friend std::strong_ordering operator<=>(const Found& a, const Found& b) {
    if (auto c = a.file <=> b.file; c != 0) return c;
    if (auto c = a.line <=> b.line; c != 0) return c;
    if (auto c = a.column <=> b.column; c != 0) return c;
    return a.code <=> b.code;
  }
};

// "E0201 main.hlab:12:14", the form of an `# expect:` line without its prefix.
std::string to_string(const Found& f);
// For test failure messages.
std::ostream& operator<<(std::ostream& os, const Found& f);
// Renders a list one entry per line, for failure messages.
std::string to_string(const std::vector<Found>& list);

// A file the case writes before analysis.
struct CaseFile {
  enum class Where { Project, Stdlib } where = Where::Project;
  std::string path;     // relative to the project (or to the stdlib root for `std/...`)
  std::string content;  // exact bytes
};

// A parsed case file. The main part (before the first `# --- ` marker) is `main.hlab`;
// `# --- rel/path.hlab` starts another project file, `# --- std/x.hlab` a stdlib file, and
// `# --- bytes rel/path.hlab` a file given as hex digits (for inputs that are not text).
// `# expect: CODE FILE:LINE:COL` lines trail the main part; `# covers: E0xxx, ...` lines
// name the codes whose valid form a passing case shows.
struct Case {
  fs::path source;                  // the .hlab case file in tests/cases
  std::string name;                 // "lang/fail_unknown_name"
  std::string stem;                 // "fail_unknown_name"
  std::vector<CaseFile> files;      // main.hlab first
  std::vector<Found> expected;
  std::set<std::string> covers;
  std::vector<std::string> format_errors;  // problems with the case file itself
  std::string main_prefix;          // the main part up to its first `# expect:` line
  std::string rest;                 // everything from the first `# --- ` marker on
  bool expects_failure() const { return stem.starts_with("fail_"); }
};

// Parses a case file's text; problems with its format land in `format_errors`.
Case parse_case(const fs::path& source, const std::string& display_name, const std::string& text);
// Reads and parses a case file.
Case load_case(const fs::path& source, const fs::path& cases_root);
// The case file's text with its `# expect:` lines replaced by `found`.
std::string rewrite_expectations(const Case& c, const std::vector<Found>& found);
// Every `*.hlab` below `root`, sorted.
std::vector<fs::path> list_cases(const fs::path& root);

using testing::TempDir;

// A temporary project folder (`proj/`) and stdlib folder (`stdlib/`) for tests that build
// their inputs in code.
class TempProject {
 public:
  TempProject();
  const fs::path& project() const { return project_; }
  const fs::path& stdlib() const { return stdlib_; }
  // Writes a project file at `rel` ("main.hlab", "lib/versions.hlab").
  void write(const std::string& rel, const std::string& bytes) const;
  // Writes a stdlib file at `rel` below the stdlib folder ("std/net.hlab").
  void write_std(const std::string& rel, const std::string& bytes) const;
  // Default options: the project as the one input, the stdlib folder as the search path.
  sema::AnalysisOptions options() const;
  // Analyses with `o` (or the defaults) and reduces the diagnostics, sorted.
  std::vector<Found> analyze(const sema::AnalysisOptions& o) const;
  std::vector<Found> analyze() const { return analyze(options()); }

 private:
  TempDir dir_;
  fs::path project_, stdlib_;
};

// The small schema module the C++ tests use as `std/net.hlab`: cluster, vault_secret,
// external_secret.
std::string net_schema();

// Writes `bytes` to `path`, creating parent folders.
using testing::write_file;

// Relative display of diagnostics: maps each diagnostic of `a` to a Found, with paths
// relative to `project` or `stdlib` (prefixed `std/` by the stdlib layout itself).
std::vector<Found> reduce(const sema::Analysis& a, const fs::path& project, const fs::path& stdlib);

// Writes a case's files into `dir` (`dir/proj`, `dir/stdlib`) and analyses the project as
// `hlabc check` does: sema, then the check rules when sema found no error. The case's own
// std/ files come first on the stdlib path, the repository's stdlib/ after them.
std::vector<Found> run_case(const Case& c, const fs::path& dir);

// The result of one golden case, kept for the coverage test.
struct CaseResult {
  std::string name;
  std::string stem;
  bool expects_failure = false;
  bool passed = false;             // expectations matched and the naming rule holds
  std::set<std::string> emitted;   // codes of the actual diagnostics
  std::set<std::string> covers;
  std::vector<std::string> problems;  // why it did not pass, for the failure message
};

// Runs every case under the repository's tests/cases once per process (memoised), rewriting
// expectations in place when HLAB_UPDATE_GOLDEN=1.
const std::vector<CaseResult>& all_case_results();

// The folder holding the case files.
fs::path cases_root();

// An input that cannot live in a case file (too large, unreadable, an empty folder, an
// option other than the defaults). Its C++ test and the coverage test both run it.
struct GeneratedCase {
  std::string code;         // the code the failing input must emit
  std::string description;  // what the input is
  std::function<std::vector<Found>()> failing;  // must emit `code`
  std::function<std::vector<Found>()> passing;  // must emit no error and not `code`
};

// Adds a generated case to the registry; returns a copy for the test that owns it.
const GeneratedCase& register_generated(GeneratedCase g);
// Every generated case registered by static initialisers.
const std::deque<GeneratedCase>& generated_cases();

// Analyses `project` with the default options and `stdlib` as the only stdlib folder.
sema::AnalysisOptions options_for(const fs::path& project, const fs::path& stdlib);

// The outcome of a test body run in a child process, so that a crash or a hang in the
// compiler fails one test instead of killing the whole test binary.
struct Isolated {
  bool finished = false;  // the child ran `body` to its end and exited normally
  std::string how;        // otherwise what happened: "killed by signal 11", "exit code 1"
  double seconds = 0;     // wall time of the child
  std::vector<Found> found;
};
// Runs `body` in a forked child with an alarm of `timeout_seconds`; returns its diagnostics.
Isolated run_isolated(const std::function<std::vector<Found>()>& body, unsigned timeout_seconds = 120);

// True when `list` holds a diagnostic with code `code`.
bool has_code(const std::vector<Found>& list, std::string_view code);
// Number of errors in `list`.
std::size_t error_count(const std::vector<Found>& list);

}  // namespace hlab::golden
