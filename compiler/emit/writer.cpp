// The atomic writer. The new tree is assembled in a temporary folder beside the output
// (hard links for files that stay, fresh files for the rest), then exchanged with the
// output folder by renameat2(RENAME_EXCHANGE): a reader, or a build killed at any moment,
// sees the old tree or the new one, never a mix.
#include "emit/writer.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>
#include <thread>
#include <unordered_set>

namespace hlab::emit {
namespace {

namespace fs = std::filesystem;

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = std::move(ss).str();
  return !in.bad();
}

// Folders of the staging tree known to exist, so that each is created (and looked at) once.
using KnownDirs = std::unordered_set<std::string>;

// Creates the staging folder `dir` ('/'-separated) and the folders above it, up to a known
// one. A folder whose parent is known is made with one mkdir; anything unusual (it exists,
// perhaps as a file) goes through create_directories, which says what is wrong.
bool ensure_dir(const std::string& dir, KnownDirs& dirs, std::string& error) {
  if (dirs.count(dir)) return true;
  std::size_t slash = dir.rfind('/');
  bool up_known = slash != std::string::npos && slash > 0 && ensure_dir(dir.substr(0, slash), dirs, error);
  if (!error.empty()) return false;
  if (!up_known || ::mkdir(dir.c_str(), 0777) != 0) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) { error = fmt::format("cannot create {}: {}", dir, ec.message()); return false; }
  }
  dirs.insert(dir);
  return true;
}

// Writes a fresh file (never through an existing hard link: `linked` says the staging tree
// holds links to the old tree's files, which must be removed, not written through). Its
// folder exists.
bool write_file(const std::string& p, const std::string& content, std::string& error, bool linked = true) {
  std::error_code ec;
  if (linked) fs::remove(p, ec);
  int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) { error = fmt::format("cannot write {}: {}", p, std::strerror(errno)); return false; }
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = fmt::format("cannot write {}: {}", p, std::strerror(errno));
      ::close(fd);
      return false;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) { error = fmt::format("cannot write {}: {}", p, std::strerror(errno)); return false; }
  return true;
}

// Writes `files` below the staging folder `root`, creating their folders. Many files are
// written by two threads taking runs of files in order, while this thread first does
// `also` (its share of the CPU work). On failure `error` is the failure of the first file
// in order that failed, as a sequential write would report it.
bool write_files(const fs::path& root, const std::vector<const OutputFile*>& files, bool linked,
                 const std::function<void()>& also, std::string& error) {
  constexpr std::size_t kRun = 32;
  const std::size_t runs = (files.size() + kRun - 1) / kRun;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  std::size_t first_failed = files.size();
  auto write_runs = [&] {
    KnownDirs dirs{root.native()};  // per thread; a folder made by both is made once, found by the other
    for (std::size_t run; !failed.load() && (run = next.fetch_add(1)) < runs;) {
      for (std::size_t i = run * kRun; i < std::min(files.size(), (run + 1) * kRun); ++i) {
        // Plain strings: the paths are relative and clean (safe_relative), `root` has no
        // trailing slash.
        std::string p = root.native() + '/' + files[i]->path;
        std::string message;
        if (ensure_dir(p.substr(0, p.rfind('/')), dirs, message) && write_file(p, files[i]->content, message, linked))
          continue;
        // Runs are taken in order and a thread finishes the run it holds: every file before
        // the first failure is tried.
        std::lock_guard<std::mutex> hold(mu);
        if (i < first_failed) { first_failed = i; error = std::move(message); }
        failed = true;
        break;
      }
    }
  };
  if (runs < 4 || std::thread::hardware_concurrency() < 2) {
    also();
    write_runs();
  } else {
    // The future's destructor waits for the helper even when `also` throws. Without a
    // thread to be had, this one writes every run.
    std::future<void> helper;
    try {
      helper = std::async(std::launch::async, write_runs);
    } catch (const std::system_error&) {
    }
    also();
    write_runs();
    if (helper.valid()) helper.get();
  }
  return !failed;
}

// path -> hash of what hlabc wrote there last time.
std::map<std::string, std::uint64_t> read_manifest(const fs::path& out) {
  std::map<std::string, std::uint64_t> m;
  std::string text;
  if (!read_file(out / kManifestName, text)) return m;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto sp = line.find(' ');
    if (sp == std::string::npos) continue;
    try {
      m[line.substr(sp + 1)] = std::stoull(line.substr(0, sp), nullptr, 16);
    } catch (...) {
      continue;  // a damaged line only loses the pruning of that one file
    }
  }
  return m;
}

// fnv1a of every file's content. One hash is a chain of dependent multiplications; four
// files hashed side by side keep the multiplier busy instead of waiting on one chain.
std::vector<std::uint64_t> content_hashes(const Tree& tree) {
  constexpr std::uint64_t kBasis = 1469598103934665603ull;
  constexpr std::uint64_t kPrime = 1099511628211ull;
  const std::size_t n = tree.files.size();
  std::vector<std::uint64_t> hashes(n, kBasis);
  struct Lane {
    const unsigned char* p = nullptr;
    const unsigned char* end = nullptr;
    std::size_t file = 0;
  };
  Lane lanes[4];
  std::size_t next = 0;
  auto load = [&](Lane& lane) {
    if (next == n) return false;
    const std::string& c = tree.files[next].content;
    lane.p = reinterpret_cast<const unsigned char*>(c.data());
    lane.end = lane.p + c.size();
    lane.file = next++;
    return true;
  };
  bool four = n >= 4;
  for (auto& lane : lanes) four = four && load(lane);
  while (four) {
    std::size_t steps = static_cast<std::size_t>(lanes[0].end - lanes[0].p);
    for (const auto& lane : lanes) steps = std::min(steps, static_cast<std::size_t>(lane.end - lane.p));
    std::uint64_t h0 = hashes[lanes[0].file], h1 = hashes[lanes[1].file];
    std::uint64_t h2 = hashes[lanes[2].file], h3 = hashes[lanes[3].file];
    for (std::size_t i = 0; i < steps; ++i) {
      h0 = (h0 ^ lanes[0].p[i]) * kPrime;
      h1 = (h1 ^ lanes[1].p[i]) * kPrime;
      h2 = (h2 ^ lanes[2].p[i]) * kPrime;
      h3 = (h3 ^ lanes[3].p[i]) * kPrime;
    }
    hashes[lanes[0].file] = h0, hashes[lanes[1].file] = h1, hashes[lanes[2].file] = h2, hashes[lanes[3].file] = h3;
    for (auto& lane : lanes) {
      lane.p += steps;
      if (lane.p == lane.end && !load(lane)) four = false;
    }
  }
  // What is left: the lanes still running, then files no lane took.
  for (const auto& lane : lanes)
    if (lane.p != nullptr && lane.p != lane.end)
      for (const unsigned char* q = lane.p; q != lane.end; ++q) hashes[lane.file] = (hashes[lane.file] ^ *q) * kPrime;
  for (; next < n; ++next) hashes[next] = fnv1a(tree.files[next].content);
  return hashes;
}

std::string manifest_text(const Tree& tree) {
  std::string s = "# Files written by hlabc; used to prune stale files. DO NOT EDIT.\n";
  std::vector<std::uint64_t> hashes = content_hashes(tree);
  for (std::size_t i = 0; i < tree.files.size(); ++i) {
    char hex[16];
    for (int d = 15; d >= 0; --d) hex[d] = "0123456789abcdef"[(hashes[i] >> (4 * (15 - d))) & 0xf];
    s.append(hex, sizeof hex).append(1, ' ').append(tree.files[i].path).append(1, '\n');
  }
  return s;
}

void remove_empty_parents(fs::path dir, const fs::path& stop) {
  std::error_code ec;
  while (dir != stop && dir.string().size() > stop.string().size() && fs::is_empty(dir, ec) && !ec) {
    fs::remove(dir, ec);
    dir = dir.parent_path();
  }
}

// Hard-links (or copies, across devices) every file of `from` into `to`.
bool link_tree(const fs::path& from, const fs::path& to, std::string& error) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(from, ec), end; !ec && it != end; it.increment(ec)) {
    fs::path rel = it->path().lexically_relative(from);
    fs::path dst = to / rel;
    if (it->is_symlink(ec)) {
      fs::copy_symlink(it->path(), dst, ec);
    } else if (it->is_directory(ec)) {
      fs::create_directories(dst, ec);
    } else {
      fs::create_hard_link(it->path(), dst, ec);
      if (ec) { ec.clear(); fs::copy_file(it->path(), dst, ec); }
    }
    if (ec) { error = fmt::format("cannot stage {}: {}", dst.string(), ec.message()); return false; }
  }
  if (ec) { error = fmt::format("cannot read {}: {}", from.string(), ec.message()); return false; }
  return true;
}

// A path hlabc may write below the output folder: relative, without `..`, not empty.
bool safe_relative(const std::string& path) {
  if (path.empty() || path.front() == '/') return false;
  std::size_t p = 0;
  while (p <= path.size()) {
    std::size_t q = std::min(path.find('/', p), path.size());
    std::string_view part(path.data() + p, q - p);
    if (part == ".." || part == "." || part.empty()) return false;
    p = q + 1;
  }
  return true;
}

// Holds flock on a directory for the lifetime of the object.
class DirLock {
 public:
  explicit DirLock(const fs::path& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {}
  ~DirLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;
  bool opened() const { return fd_ >= 0; }
  bool try_lock() { return fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) == 0; }

 private:
  int fd_;
};

}  // namespace

WriteReport write_tree(const Tree& tree, const WriteOptions& options) {
  WriteReport r;
  fs::path out = fs::path(options.out_dir).lexically_normal();
  if (out.filename().empty()) out = out.parent_path();
  std::error_code ec;
  // A symlinked output folder is replaced at its target, and the link stays.
  if (fs::is_symlink(out, ec)) {
    fs::path target = fs::canonical(out, ec);
    if (ec) {
      r.error = fmt::format("`{}` is a symbolic link to nothing", out.string());
      return r;
    }
    out = target;
  }
  for (const auto& f : tree.files)
    if (!safe_relative(f.path)) {
      r.error = fmt::format("refusing to write `{}`: generated paths must stay inside the output folder", f.path);
      return r;
    }
  bool exists = fs::exists(out, ec);
  if (exists && !fs::is_directory(out, ec)) {
    r.error = fmt::format("`{}` exists and is not a folder", out.string());
    return r;
  }
  fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");

  // Lock the folder that holds the output before looking at it, so that two builds never
  // act on each other's half-seen state. flock on a directory needs no lock file, and the
  // kernel releases it when the process dies: a killed build never blocks the next one.
  std::optional<DirLock> lock;
  if (!options.check_only) {
    fs::create_directories(parent, ec);
    lock.emplace(parent);
    if (!lock->opened()) {
      r.error = fmt::format("cannot open {}: {}", parent.string(), std::strerror(errno));
      return r;
    }
    if (!lock->try_lock()) {
      r.error = fmt::format("another hlabc build is writing into `{}`; try again when it is done", parent.string());
      return r;
    }
    // Left-overs of builds killed before they could clean up.
    std::string prefix = fmt::format(".{}.hlabc-tmp-", out.filename().string());
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().filename().string().starts_with(prefix)) fs::remove_all(it->path(), ec);
  }

  // Compare.
  auto old_manifest = exists ? read_manifest(out) : std::map<std::string, std::uint64_t>{};
  std::set<std::string> new_paths;
  std::vector<const OutputFile*> to_write;
  for (const auto& f : tree.files) {
    if (!old_manifest.empty()) new_paths.insert(f.path);  // only to find what the last build wrote and this one does not
    std::string current;
    if (!exists || !read_file(out / f.path, current)) {
      r.added.push_back(f.path);
      to_write.push_back(&f);
      continue;
    }
    if (auto it = old_manifest.find(f.path); it != old_manifest.end() && it->second != fnv1a(current))
      r.edited_by_hand.push_back(f.path);
    if (current == f.content) ++r.unchanged;
    else { r.changed.push_back(f.path); to_write.push_back(&f); }
  }
  for (const auto& [path, hash] : old_manifest) {
    // A damaged or hostile manifest must not make hlabc delete files outside the folder.
    if (new_paths.count(path) || !safe_relative(path)) continue;
    std::string current;
    if (!read_file(out / path, current)) continue;  // already gone
    if (fnv1a(current) != hash) r.edited_by_hand.push_back(path);
    r.removed.push_back(path);
  }
  if (options.check_only) return r;
  // Without drift only a changed manifest is written; otherwise the manifest is made while
  // the files are written.
  std::string manifest;
  if (exists && !r.drift()) {
    manifest = manifest_text(tree);
    std::string old_manifest_text;
    if (read_file(out / kManifestName, old_manifest_text) && old_manifest_text == manifest) return r;
  }

  fs::path tmp = parent / fmt::format(".{}.hlabc-tmp-{}", out.filename().string(), ::getpid());
  fs::remove_all(tmp, ec);
  auto fail = [&](std::string message) {
    r.error = std::move(message);
    std::error_code ignore;
    fs::remove_all(tmp, ignore);
    return r;
  };
  fs::create_directories(tmp, ec);
  if (ec) return fail(fmt::format("cannot create {}: {}", tmp.string(), ec.message()));
  std::string error;
  if (exists && !link_tree(out, tmp, error)) return fail(error);
  for (const auto& path : r.removed) {
    fs::remove(tmp / path, ec);
    remove_empty_parents((tmp / path).parent_path(), tmp);
  }
  if (!write_files(tmp, to_write, exists, [&] { if (manifest.empty()) manifest = manifest_text(tree); }, error))
    return fail(error);
  if (!write_file((tmp / kManifestName).native(), manifest, error)) return fail(error);

  if (exists) {
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) != 0)
      return fail(fmt::format("cannot swap {} into place: {}", out.string(), std::strerror(errno)));
    fs::remove_all(tmp, ec);  // now the old tree
  } else if (::rename(tmp.c_str(), out.c_str()) != 0) {
    return fail(fmt::format("cannot move {} into place: {}", out.string(), std::strerror(errno)));
  }
  return r;
}

}  // namespace hlab::emit
