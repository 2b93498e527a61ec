#include "support.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "emit/writer.hpp"

namespace hlab::emit_test {

Files read_tree(const fs::path& dir, bool with_manifest) {
  Files files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  for (fs::recursive_directory_iterator it(dir), end; it != end; ++it) {
    if (!it->is_regular_file() || it->is_symlink()) continue;
    std::string rel = it->path().lexically_relative(dir).generic_string();
    if (!with_manifest && rel == emit::kManifestName) continue;
    files[rel] = read_file(it->path());
  }
  return files;
}

Files files_of(const emit::Tree& tree) {
  Files files;
  for (const auto& f : tree.files) files[f.path] = f.content;
  return files;
}

emit::Tree make_tree(const Files& files) {
  emit::Tree t;
  for (const auto& [path, content] : files) t.files.push_back(emit::OutputFile{path, content, "test.hlab"});
  return t;
}

namespace {

// Lines without their '\n'; a last line without one is marked so that the diff shows it.
std::vector<std::string> split_lines(std::string_view s) {
  std::vector<std::string> lines;
  std::size_t p = 0;
  while (p < s.size()) {
    auto q = s.find('\n', p);
    if (q == std::string_view::npos) {
      lines.emplace_back(std::string(s.substr(p)) + "\n\\ No newline at end of file");
      break;
    }
    lines.emplace_back(s.substr(p, q - p));
    p = q + 1;
  }
  return lines;
}

struct Op {
  char kind;         // ' ', '-', '+'
  std::size_t a, b;  // line indexes in a and b before the op
};

// The edit script of a longest common subsequence. Common head and tail are matched first,
// so the quadratic table only spans the part that differs.
std::vector<Op> edit_script(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
    ++tail;
  std::size_t n = a.size() - head - tail, m = b.size() - head - tail;
  std::vector<Op> ops;
  for (std::size_t i = 0; i < head; ++i) ops.push_back({' ', i, i});
  // lcs[i][j]: length of the LCS of a[head+i..] and b[head+j..] within the middle part.
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      at(i, j) = a[head + i] == b[head + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] == b[head + j]) {
      ops.push_back({' ', head + i, head + j});
      ++i, ++j;
    } else if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
      ops.push_back({'-', head + i, head + j});
      ++i;
    } else {
      ops.push_back({'+', head + i, head + j});
      ++j;
    }
  }
  for (std::size_t k = 0; k < tail; ++k) ops.push_back({' ', head + n + k, head + m + k});
  return ops;
}

}  // namespace

std::string unified_diff(std::string_view a_text, std::string_view b_text, const std::string& a_name,
                         const std::string& b_name) {
  if (a_text == b_text) return {};
  auto a = split_lines(a_text);
  auto b = split_lines(b_text);
  auto ops = edit_script(a, b);
  constexpr std::size_t kContext = 3;
  std::string out = fmt::format("--- {}\n+++ {}\n", a_name, b_name);
  std::size_t k = 0;
  while (k < ops.size()) {
    // The next change, and the hunk around it: changes closer than 2 * context merge.
    while (k < ops.size() && ops[k].kind == ' ') ++k;
    if (k == ops.size()) break;
    std::size_t begin = k >= kContext ? k - kContext : 0;
    std::size_t end = k;
    for (;;) {
      while (end < ops.size() && ops[end].kind != ' ') ++end;
      std::size_t next = end;
      while (next < ops.size() && ops[next].kind == ' ') ++next;
      if (next < ops.size() && next - end <= 2 * kContext) {
        end = next;
        continue;
      }
      end = std::min(ops.size(), end + kContext);
      break;
    }
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t x = begin; x < end; ++x) {
      if (ops[x].kind != '+') ++a_count;
      if (ops[x].kind != '-') ++b_count;
    }
    std::size_t a_start = a_count ? ops[begin].a + 1 : ops[begin].a;
    std::size_t b_start = b_count ? ops[begin].b + 1 : ops[begin].b;
    out += fmt::format("@@ -{},{} +{},{} @@\n", a_start, a_count, b_start, b_count);
    for (std::size_t x = begin; x < end; ++x) {
      const std::string& line = ops[x].kind == '+' ? b[ops[x].b] : a[ops[x].a];
      out += ops[x].kind;
      out += line;
      out += '\n';
    }
    k = end;
  }
  return out;
}

std::string describe_differences(const Files& expected, const Files& actual) {
  std::string out;
  for (const auto& [path, content] : expected)
    if (!actual.count(path)) out += fmt::format("missing: {}\n", path);
  for (const auto& [path, content] : actual)
    if (!expected.count(path)) out += fmt::format("unexpected: {}\n", path);
  for (const auto& [path, content] : expected) {
    auto it = actual.find(path);
    if (it == actual.end() || it->second == content) continue;
    out += unified_diff(content, it->second, "expected/" + path, "actual/" + path);
  }
  return out;
}

Snapshot snapshot(const fs::path& dir) {
  Snapshot snap;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(dir, ec))) return snap;
  for (fs::recursive_directory_iterator it(dir), end; it != end; ++it) {
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0) continue;
    Entry e;
    e.inode = st.st_ino;
    e.mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000LL + st.st_mtim.tv_nsec;
    if (S_ISLNK(st.st_mode)) {
      e.type = 'l';
      e.content = fs::read_symlink(it->path()).string();
    } else if (S_ISDIR(st.st_mode)) {
      e.type = 'd';
    } else {
      e.type = 'f';
      e.content = read_file(it->path());
    }
    snap[it->path().lexically_relative(dir).generic_string()] = std::move(e);
  }
  return snap;
}

std::string describe_differences(const Snapshot& before, const Snapshot& after) {
  std::string out;
  for (const auto& [path, e] : before) {
    auto it = after.find(path);
    if (it == after.end())
      out += fmt::format("removed: {}\n", path);
    else if (it->second.type != e.type)
      out += fmt::format("type changed: {}\n", path);
    else if (it->second.content != e.content)
      out += fmt::format("content changed: {}\n", path);
    else if (it->second.inode != e.inode)
      out += fmt::format("replaced (new inode): {}\n", path);
    else if (it->second.mtime_ns != e.mtime_ns)
      out += fmt::format("touched (new mtime): {}\n", path);
  }
  for (const auto& [path, e] : after)
    if (!before.count(path)) out += fmt::format("added: {}\n", path);
  return out;
}

std::vector<std::string> names_starting_with(const fs::path& dir, std::string_view prefix) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.starts_with(prefix)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string Run::describe() const {
  std::string status = signal ? fmt::format("killed by signal {} ({})", signal, ::strsignal(signal))
                              : fmt::format("exit {}", exit_code);
  return fmt::format("{}\n--- stdout\n{}--- stderr\n{}", status, out, err);
}

std::string shell_quote(std::string_view s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

Run run_shell(const std::string& command, const fs::path& cwd) {
  TempDir tmp;
  fs::path out_file = tmp / "stdout", err_file = tmp / "stderr";
  std::string full = fmt::format("cd {} && {{ {}\n}} >{} 2>{} </dev/null", shell_quote(cwd.string()), command,
                                 shell_quote(out_file.string()), shell_quote(err_file.string()));
  int status = std::system(full.c_str());
  Run r;
  if (status == -1) throw std::runtime_error("system() failed");
  // sh reports a child killed by signal N as exit status 128 + N.
  if (WIFSIGNALED(status))
    r.signal = WTERMSIG(status);
  else if (WEXITSTATUS(status) > 128 && WEXITSTATUS(status) < 128 + 65)
    r.signal = WEXITSTATUS(status) - 128;
  else
    r.exit_code = WEXITSTATUS(status);
  std::error_code ec;
  if (fs::exists(out_file, ec)) r.out = read_file(out_file);
  if (fs::exists(err_file, ec)) r.err = read_file(err_file);
  return r;
}

Run run_hlabc(const std::vector<std::string>& args, const fs::path& cwd) {
  std::string cmd = shell_quote(HLABC_BINARY);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  // `exec` so that a signal that kills hlabc is reported as such, not through a shell.
  return run_shell("exec " + cmd, cwd);
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

void write_medium_project(const fs::path& root, char variant) {
  const fs::path src = root / "src";
  if (!fs::exists(src / "main.hlab")) copy_tree(fs::path(HLAB_SOURCE_DIR) / "tests/emit/helm/input", src);
  const int first = variant == 'a' ? 0 : 20;
  std::string text = fmt::format(
      "# Generated by the emit tests (variant {}).\nimport std.core\nimport std.flux\n\n", variant);
  text +=
      "namespace apps { at = clusters/main/configs }\nfolder clusters/main/apps-bulk { namespace = apps }\n";
  for (int g = 0; g < 4; ++g) {
    text += fmt::format("folder clusters/main/apps-{} {{ namespace = apps }}\n", g);
    std::string names;
    for (int i = first; i < first + 200; ++i)
      if (i % 4 == g) names += fmt::format("{}\"app-{:03}\"", names.empty() ? "" : ", ", i);
    text += fmt::format("let group{} = [{}]\n", g, names);
    text += fmt::format(
        "for n in group{0} {{\n"
        "  config_map \"\\(n)\" in apps {{\n"
        "    at = clusters/main/apps-{0}\n"
        "    labels = {{ rev = \"{1}\", app = n }}\n"
        "    data = {{ name = n, greeting = \"hello from \\(n), revision {1}\" }}\n"
        "  }}\n"
        "}}\n",
        g, variant);
  }
  std::string bulk;
  for (int i = 0; i < 40; ++i) bulk += fmt::format("{}\"bulk-{:02}\"", bulk.empty() ? "" : ", ", i);
  text += fmt::format("let bulk = [{}]\n", bulk);
  text += fmt::format(
      "for n in bulk {{\n"
      "  config_map \"\\(n)\" in apps {{\n"
      "    at = clusters/main/apps-bulk\n"
      "    file = \"bulk.yaml\"\n"
      "    labels = {{ rev = \"{0}\" }}\n"
      "    data = {{ description = \"one of forty objects in a single file, revision {0}\" }}\n"
      "  }}\n"
      "}}\n",
      variant);
  // Replaced by rename, so a build that reads the folder sees one version or the other.
  write_file(src / ".many.hlab.new", text);
  fs::rename(src / ".many.hlab.new", src / "many.hlab");
}

}  // namespace hlab::emit_test
