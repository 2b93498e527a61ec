// Shared pieces of the emit tests: temporary folders, whole trees read from disk, a small
// line-based unified diff, and running the hlabc binary.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emit/emit.hpp"

#ifndef HLABC_BINARY
#error "HLABC_BINARY must name the built hlabc"
#endif
#ifndef HLAB_STDLIB_DIR
#error "HLAB_STDLIB_DIR must name the repository's stdlib/"
#endif
#ifndef HLAB_SOURCE_DIR
#error "HLAB_SOURCE_DIR must name the repository root"
#endif

#include "support/files.hpp"

namespace hlab::emit_test {

namespace fs = std::filesystem;

using testing::CwdGuard;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

// Relative '/'-separated path -> bytes.
using Files = std::map<std::string, std::string>;

// Every regular file below `dir` (symlinks are not followed), the manifest left out unless
// asked for. An absent folder reads as empty.
Files read_tree(const fs::path& dir, bool with_manifest = false);
// The files of a generated tree.
Files files_of(const emit::Tree& tree);
// A tree of the given files, with a plausible source, sorted as build_tree sorts.
emit::Tree make_tree(const Files& files);


// A unified diff of two texts (LCS of lines, 3 lines of context); empty when they are equal.
std::string unified_diff(std::string_view a, std::string_view b, const std::string& a_name,
                         const std::string& b_name);
// Missing, unexpected and differing files of `actual` against `expected`, with a unified
// diff per differing file; empty when the trees are equal.
std::string describe_differences(const Files& expected, const Files& actual);

// What a folder looks like on disk, down to inodes and modification times: two equal
// snapshots mean nothing below it was written, replaced or removed.
struct Entry {
  char type = '?';  // 'f' file, 'd' folder, 'l' symlink
  std::string content;
  ino_t inode = 0;
  long long mtime_ns = 0;
  friend bool operator==(const Entry&, const Entry&) = default;
};
using Snapshot = std::map<std::string, Entry>;
Snapshot snapshot(const fs::path& dir);
// A readable account of how two snapshots differ; empty when equal.
std::string describe_differences(const Snapshot& before, const Snapshot& after);

// Names in `dir` that start with `prefix` (left-over temporary folders, lock files).
std::vector<std::string> names_starting_with(const fs::path& dir, std::string_view prefix);

// The result of running a command.
struct Run {
  int exit_code = -1;  // the exit status, or -1 when killed by a signal
  int signal = 0;      // the signal that killed it
  std::string out, err;
  std::string describe() const;
};

// Quotes one argument for sh.
std::string shell_quote(std::string_view s);
// Runs `sh -c command` with `cwd` as working directory, stdin from /dev/null, capturing
// stdout and stderr.
Run run_shell(const std::string& command, const fs::path& cwd);
// Runs the built hlabc with `args` in `cwd`.
Run run_hlabc(const std::vector<std::string>& args, const fs::path& cwd);

// Copies a folder recursively.
void copy_tree(const fs::path& from, const fs::path& to);

// A medium project in `root/src`: the `helm` golden case plus `many.hlab`, about 200
// ConfigMaps in four folders (one file each) and a bulk file of 40 more (over 8 KiB).
// Variant 'a' and 'b' differ in every ConfigMap's labels and in 20 names removed and added,
// so their trees differ in added, changed and removed files.
void write_medium_project(const fs::path& root, char variant);

}  // namespace hlab::emit_test
