// The kill test: `hlabc build` SIGKILLed at random moments (fixed seed) must leave out/
// exactly as the old tree or exactly as the new one, and the next build must go through.
#include <fcntl.h>
#include <fmt/core.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <random>

#include "emit/writer.hpp"
#include "support.hpp"

using namespace hlab;
using namespace hlab::emit_test;

namespace {

using Clock = std::chrono::steady_clock;

// Starts `hlabc build src` in `root`, its output thrown away.
pid_t start_build(const fs::path& root) {
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  if (::chdir(root.c_str()) != 0) ::_exit(126);
  int null = ::open("/dev/null", O_RDWR);
  if (null >= 0) {
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
  }
  const char* argv[] = {HLABC_BINARY, "build", "src", "--color", "never", nullptr};
  ::execv(HLABC_BINARY, const_cast<char* const*>(argv));
  ::_exit(127);
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// A build to completion; returns its wall time.
double timed_build(const fs::path& root, int& status) {
  auto t0 = Clock::now();
  status = wait_for(start_build(root));
  return std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
}

void sleep_us(long us) {
  timespec ts{us / 1'000'000, (us % 1'000'000) * 1000};
  while (::nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

bool ok(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }

// Names what `got` is: "A", "B", "absent", or a short account of how it differs from both.
std::string classify(const Files& got, bool exists, const Files& a, const Files& b) {
  if (!exists) return "absent";
  if (got == a) return "A";
  if (got == b) return "B";
  std::string d = describe_differences(a, got);
  std::string e = describe_differences(b, got);
  auto head = [](const std::string& s) { return s.substr(0, std::min<std::size_t>(s.size(), 1500)); };
  return fmt::format("neither tree.\nagainst A:\n{}\nagainst B:\n{}", head(d), head(e));
}

}  // namespace

TEST_CASE("kill test: SIGKILL at a random moment leaves the old tree or the new one", "[emit][cli][kill]") {
  TempDir tmp;
  const fs::path root = tmp.path();
  const fs::path out = root / "out";

  // The two trees, built normally (manifests kept apart: compared on their own below).
  write_medium_project(root, 'a');
  int status = 0;
  timed_build(root, status);
  REQUIRE(ok(status));
  Files with_a = read_tree(out, true);
  write_medium_project(root, 'b');
  timed_build(root, status);
  REQUIRE(ok(status));
  Files with_b = read_tree(out, true);
  auto split = [](Files f) {
    std::string m = f[emit::kManifestName];
    f.erase(emit::kManifestName);
    return std::pair{f, m};
  };
  auto [tree_a, manifest_a] = split(with_a);
  auto [tree_b, manifest_b] = split(with_b);
  REQUIRE(tree_a != tree_b);
  REQUIRE(tree_a.size() > 200);

  // A typical build: the median of the last few complete ones that changed the tree. It
  // follows the machine's load as the trials go on (each trial ends with such a build).
  std::vector<double> recent;
  auto note_build = [&](double us) {
    recent.push_back(us);
    if (recent.size() > 9) recent.erase(recent.begin());
  };
  auto typical = [&] {
    std::vector<double> sorted = recent;
    std::sort(sorted.begin(), sorted.end());
    return sorted[sorted.size() / 2];
  };
  for (int i = 0; i < 5; ++i) {
    write_medium_project(root, i % 2 == 0 ? 'a' : 'b');
    note_build(timed_build(root, status));
    REQUIRE(ok(status));
  }
  // Now out/ holds tree A (the last build was variant 'a').

  std::mt19937 rng(20251130u);
  double typical_sum_us = 0;
  struct Tally {
    int old_tree = 0, new_tree = 0, absent = 0, left_tmp = 0, finished = 0, tmp_kept_by_noop = 0;
  } tally;
  constexpr int kTrials = 100;
  constexpr int kFromNothing = 10;  // the first trials start without any out/
  char current = 'a';
  auto started = Clock::now();
  for (int trial = 0; trial < kTrials; ++trial) {
    const bool from_nothing = trial < kFromNothing;
    if (from_nothing) fs::remove_all(out);
    const char target = current == 'a' ? 'b' : 'a';
    write_medium_project(root, target);
    const Files& old_tree = current == 'a' ? tree_a : tree_b;
    const Files& new_tree = target == 'a' ? tree_a : tree_b;
    const std::string& new_manifest = target == 'a' ? manifest_a : manifest_b;
    const std::string& old_manifest = current == 'a' ? manifest_a : manifest_b;

    const double typical_us = typical();
    typical_sum_us += typical_us;
    const long wait_us = static_cast<long>(std::uniform_real_distribution<double>(0.0, typical_us)(rng));
    pid_t pid = start_build(root);
    sleep_us(wait_us);
    ::kill(pid, SIGKILL);
    int st = wait_for(pid);
    if (WIFEXITED(st)) ++tally.finished;

    // What a reader sees now.
    const bool exists = fs::exists(out);
    Files got = read_tree(out, true);
    std::string manifest = got[emit::kManifestName];
    got.erase(emit::kManifestName);
    std::string what = classify(got, exists, old_tree, new_tree);
    INFO(fmt::format("trial {} (killed after {} us of a typical {:.0f} us), from {} to {}", trial, wait_us,
                     typical_us, from_nothing ? std::string("nothing") : std::string(1, current), target));
    if (from_nothing)
      CHECK((what == "absent" || got == new_tree));
    else
      CHECK((what == "A" || what == "B"));
    if (what != "A" && what != "B" && what != "absent") FAIL_CHECK(what);
    // The manifest travels with its tree.
    if (exists && got == new_tree) CHECK(manifest == new_manifest);
    if (exists && !from_nothing && got == old_tree) CHECK(manifest == old_manifest);
    if (!exists)
      ++tally.absent;
    else if (got == new_tree)
      ++tally.new_tree;
    else if (got == old_tree)
      ++tally.old_tree;
    if (!names_starting_with(root, ".out.hlabc-tmp-").empty()) ++tally.left_tmp;

    // The next build is not blocked by anything the killed one left behind, and a build
    // that changes the tree sweeps away the killed one's temporary folder. (One with
    // nothing to change returns before it looks; see the writer bug test on left-overs.)
    const bool next_changes = !exists || got != new_tree || manifest != new_manifest;
    const double next_us = timed_build(root, status);
    if (next_changes) note_build(next_us);
    CHECK(ok(status));
    Files after = read_tree(out);
    CHECK(after == new_tree);
    if (next_changes)
      CHECK(names_starting_with(root, ".out.hlabc-tmp-").empty());
    else if (!names_starting_with(root, ".out.hlabc-tmp-").empty())
      ++tally.tmp_kept_by_noop;
    current = target;
  }
  double total_s = std::chrono::duration<double>(Clock::now() - started).count();
  WARN(fmt::format("kill test: {} trials in {:.1f} s, typical build {:.1f} ms on average", kTrials, total_s,
                   typical_sum_us / kTrials / 1000.0)
       << fmt::format(
              "; after the kill out/ was the old tree {} times, the new tree {} times, absent {} times",
              tally.old_tree, tally.new_tree, tally.absent)
       << fmt::format(
              "; {} builds finished before the kill; {} kills left a temporary folder, {} of them still "
              "there after the next (no-op) build",
              tally.finished, tally.left_tmp, tally.tmp_kept_by_noop));
  CHECK(tally.old_tree + tally.new_tree + tally.absent == kTrials);
}
