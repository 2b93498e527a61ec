// Module loading. Project files are every .hlab below an input folder; imports look in the
// project roots first, then the stdlib search path. Cycles are reported with their path.
#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <system_error>

#include "sema/detail_loader.hpp"
#include "syntax/parse.hpp"

namespace hlab::sema::detail {
namespace {

namespace fs = std::filesystem;
using diag::Code;

std::string display_path(const fs::path& p) {
  std::error_code ec;
  fs::path rel = fs::relative(p, fs::current_path(ec), ec);
  if (!ec && !rel.empty() && *rel.begin() != "..") return rel.generic_string();
  return p.lexically_normal().generic_string();
}

// Module name of `file` below `root`: "lib/versions.hlab" -> "lib.versions".
std::string module_name(const fs::path& root, const fs::path& file) {
  fs::path rel = file.lexically_relative(root);
  rel.replace_extension();
  std::string out;
  for (const auto& part : rel) {
    if (!out.empty()) out += '.';
    out += part.generic_string();
  }
  return out;
}

struct Loader {
  const AnalysisOptions& options;
  Analysis& out;
  std::map<std::string, int> by_name;       // module name -> index
  std::map<std::string, int> by_path;       // canonical path -> index
  std::vector<fs::path> roots;

  bool read(const fs::path& path, std::string& text, std::string& error) {
    std::string key = path.lexically_normal().generic_string();
    if (auto it = options.overlays.find(key); it != options.overlays.end()) {
      text = it->second;
      return true;
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) { error = "it is a folder"; return false; }
    std::ifstream in(path, std::ios::binary);
    if (!in) { error = std::strerror(errno); return false; }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) { error = "read failed"; return false; }
    text = std::move(ss).str();
    return true;
  }

  // Parses one file, or takes it from the cache when nothing about it changed.
  syntax::ParsedFile parse(const std::string& key, base::FileId fid) {
    const base::SourceFile& src = out.sources.get(fid);
    auto& diags = out.diags.diagnostics();
    if (!options.parse_cache) return syntax::parse(src, fid, out.diags);
    ParseCache::Entry e;
    if (options.parse_cache->find(key, src.text, fid, e)) {
      diags.insert(diags.end(), e.diags.begin(), e.diags.end());
      return std::move(e.parsed);
    }
    std::size_t before = diags.size();
    e.text = src.text;
    e.file = fid;
    e.parsed = syntax::parse(src, fid, out.diags);
    e.diags.assign(diags.begin() + static_cast<std::ptrdiff_t>(before), diags.end());
    syntax::ParsedFile parsed = e.parsed;
    options.parse_cache->store(key, std::move(e));
    return parsed;
  }

  int add(const fs::path& path, const std::string& name, bool stdlib, base::Span import_site) {
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(path, ec);
    std::string key = (ec ? path : canon).generic_string();
    if (auto it = by_path.find(key); it != by_path.end()) return it->second;
    std::string text, error;
    std::string shown = display_path(path);
    if (!read(path, text, error)) {
      base::FileId fid = out.sources.add(shown, "");
      auto& d = out.diags.report(Code::ReadError, import_site.valid() ? import_site : base::Span{fid, 0, 0},
                                 fmt::format("cannot read `{}`: {}", shown, error));
      d.help = "check that the file exists and is readable";
      return -1;
    }
    base::FileId fid = out.sources.add(shown, std::move(text));
    Module m;
    m.name = name;
    m.path = shown;
    m.file = fid;
    m.is_stdlib = stdlib;
    m.parsed = parse(key, fid);
    out.modules.push_back(std::move(m));
    int idx = static_cast<int>(out.modules.size() - 1);
    by_path[key] = idx;
    by_name.emplace(name, idx);
    return idx;
  }

  // Finds the file an import names; empty when none.
  std::pair<fs::path, bool> resolve(const std::vector<std::string>& parts) {
    fs::path rel;
    for (const auto& p : parts) rel /= p;
    rel += ".hlab";
    std::error_code ec;
    for (const auto& r : roots)
      if (fs::is_regular_file(r / rel, ec)) return {r / rel, false};
    for (const auto& s : options.stdlib_path)
      if (fs::is_regular_file(fs::path(s) / rel, ec)) return {fs::path(s) / rel, true};
    return {{}, false};
  }

  // Every module name an import could name, for "did you mean".
  std::vector<std::string> known_modules() {
    std::vector<std::string> names;
    auto scan = [&](const fs::path& root) {
      std::error_code ec;
      for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".hlab") names.push_back(module_name(root, it->path()));
    };
    for (const auto& r : roots) scan(r);
    for (const auto& s : options.stdlib_path) scan(s);
    return names;
  }
};

void collect(const fs::path& dir, std::vector<fs::path>& files, std::size_t limit) {
  std::error_code ec;
  auto opts = fs::directory_options::skip_permission_denied;
  for (fs::recursive_directory_iterator it(dir, opts, ec), end; !ec && it != end; it.increment(ec)) {
    const auto& p = it->path();
    std::string leaf = p.filename().string();
    if (it->is_directory(ec) && (leaf.starts_with(".") || it->is_symlink(ec))) {
      it.disable_recursion_pending();
      continue;
    }
    if (p.extension() == ".hlab" && !leaf.starts_with(".")) {
      files.push_back(p);
      if (files.size() > limit) return;
    }
  }
}

}  // namespace

ImportGraph load_modules(const AnalysisOptions& options, Analysis& out) {
  Loader L{options, out, {}, {}, {}};
  std::vector<std::pair<fs::path, fs::path>> project;  // (root, file)
  for (const auto& input : options.inputs) {
    fs::path p(input);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      L.roots.push_back(p);
      out.roots.push_back(display_path(p));
      std::vector<fs::path> files;
      collect(p, files, options.max_files);
      std::sort(files.begin(), files.end());
      if (files.empty()) {
        base::FileId fid = out.sources.add(display_path(p), "");
        auto& d = out.diags.report(Code::NoSources, base::Span{fid, 0, 0},
                                   fmt::format("folder `{}` holds no .hlab files", display_path(p)));
        d.help = "point hlabc at the folder that holds your .hlab sources";
      }
      for (auto& f : files) project.emplace_back(p, f);
    } else if (fs::exists(p, ec) || options.overlays.count(p.lexically_normal().generic_string())) {
      fs::path root = p.parent_path().empty() ? fs::path(".") : p.parent_path();
      L.roots.push_back(root);
      project.emplace_back(root, p);
    } else {
      base::FileId fid = out.sources.add(input, "");
      auto& d = out.diags.report(Code::ReadError, base::Span{fid, 0, 0},
                                 fmt::format("`{}` does not exist", input));
      d.help = "give a folder of .hlab files or a .hlab file";
    }
  }
  if (project.size() > options.max_files) {
    base::FileId fid = out.sources.add(out.roots.empty() ? std::string("<input>") : out.roots.front(), "");
    auto& d = out.diags.report(Code::TooManyFiles, base::Span{fid, 0, 0},
                               fmt::format("more than {} .hlab files", options.max_files));
    d.help = "point hlabc at the project folder, not at a folder above it";
    return {};
  }
  for (const auto& [root, file] : project) L.add(file, module_name(root, file), false, {});

  // Resolve imports breadth-first; stdlib modules are loaded as they are named.
  ImportGraph g;
  std::vector<std::string> known;
  bool known_ready = false;
  for (std::size_t i = 0; i < out.modules.size(); ++i) {
    std::vector<int> targets;
    // Copy what we need: add() may grow out.modules and move the parsed items.
    std::vector<syntax::Import> imports;
    for (const auto& item : out.modules[i].parsed.items)
      if (const auto* imp = std::get_if<syntax::Import>(&item.node)) imports.push_back(*imp);
    for (const auto& imp : imports) {
      std::string name;
      for (const auto& p : imp.path) name += (name.empty() ? "" : ".") + p;
      auto [path, stdlib] = L.resolve(imp.path);
      if (path.empty()) {
        if (!known_ready) { known = L.known_modules(); known_ready = true; }
        auto& d = out.diags.report(Code::ImportNotFound, imp.path_span, fmt::format("module `{}` not found", name));
        d.primary_label = "no such module";
        std::string near = diag::closest_match(name, known);
        d.help = near.empty() ? "modules are .hlab files below the project folder or on the stdlib path (--stdlib)"
                              : fmt::format("did you mean `{}`?", near);
        if (!near.empty()) d.fixes.push_back({imp.path_span, near});
        targets.push_back(-1);
        continue;
      }
      std::string mod = stdlib ? name : name;
      targets.push_back(L.add(path, mod, stdlib, imp.path_span));
    }
    g.targets.push_back(std::move(targets));
  }

  // Cycle detection: depth-first search, report each cycle once at the import closing it.
  std::vector<int> state(out.modules.size(), 0);
  std::vector<int> stack;
  std::set<std::vector<int>> reported;
  auto imports_of = [&](int m) {
    std::vector<const syntax::Import*> v;
    for (const auto& item : out.modules[static_cast<std::size_t>(m)].parsed.items)
      if (const auto* imp = std::get_if<syntax::Import>(&item.node)) v.push_back(imp);
    return v;
  };
  std::function<void(int)> dfs = [&](int m) {
    state[static_cast<std::size_t>(m)] = 1;
    stack.push_back(m);
    auto imps = imports_of(m);
    const auto& tg = g.targets[static_cast<std::size_t>(m)];
    for (std::size_t k = 0; k < tg.size(); ++k) {
      int t = tg[k];
      if (t < 0) continue;
      if (state[static_cast<std::size_t>(t)] == 1) {
        auto from = std::find(stack.begin(), stack.end(), t);
        std::vector<int> cyc(from, stack.end());
        std::vector<int> key = cyc;
        std::rotate(key.begin(), std::min_element(key.begin(), key.end()), key.end());
        if (!reported.insert(key).second) continue;
        std::string path;
        for (int c : cyc) path += out.modules[static_cast<std::size_t>(c)].name + " -> ";
        path += out.modules[static_cast<std::size_t>(t)].name;
        auto& d = out.diags.report(Code::ImportCycle, imps[k]->path_span,
                                   cyc.size() == 1 ? fmt::format("module `{}` imports itself", out.modules[static_cast<std::size_t>(t)].name)
                                                   : fmt::format("import cycle: {}", path));
        d.primary_label = "this import closes the cycle";
        if (cyc.size() > 1) d.notes.push_back(fmt::format("cycle: {}", path));
        d.help = "move the shared declarations into a module that both import";
      } else if (state[static_cast<std::size_t>(t)] == 0) {
        dfs(t);
      }
    }
    stack.pop_back();
    state[static_cast<std::size_t>(m)] = 2;
  };
  for (std::size_t m = 0; m < out.modules.size(); ++m)
    if (state[m] == 0) dfs(static_cast<int>(m));
  return g;
}

}  // namespace hlab::sema::detail

namespace hlab::sema {

bool ParseCache::find(const std::string& path, std::string_view text, base::FileId file, Entry& out) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(path);
  if (it == entries_.end() || it->second.file != file || it->second.text != text) return false;
  out = it->second;
  return true;
}

void ParseCache::store(const std::string& path, Entry entry) {
  std::lock_guard lock(mu_);
  entries_[path] = std::move(entry);
}

}  // namespace hlab::sema
