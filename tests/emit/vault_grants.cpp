#include "vault_grants.hpp"

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>

namespace hlab::emit_test::vault {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

struct Token {
  enum Kind { Ident, String, Punct, End } kind = End;
  std::string text;
  std::size_t line = 1;
};

std::vector<Token> tokenize(std::string_view s, std::string& error) {
  std::vector<Token> out;
  std::size_t i = 0, line = 1;
  while (i < s.size() && error.empty()) {
    char c = s[i];
    if (c == '\n') {
      ++line;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '#' || (c == '/' && i + 1 < s.size() && s[i + 1] == '/')) {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      auto end = s.find("*/", i + 2);
      if (end == std::string_view::npos) {
        error = fmt::format("line {}: unterminated comment", line);
        break;
      }
      line += static_cast<std::size_t>(
          std::count(s.begin() + static_cast<long>(i), s.begin() + static_cast<long>(end), '\n'));
      i = end + 2;
      continue;
    }
    if (c == '"') {
      std::string text;
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\n') break;
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        text += s[i++];
      }
      if (i >= s.size() || s[i] != '"') {
        error = fmt::format("line {}: unterminated string", line);
        break;
      }
      ++i;
      out.push_back({Token::String, text, line});
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t b = i;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '-'))
        ++i;
      out.push_back({Token::Ident, std::string(s.substr(b, i - b)), line});
      continue;
    }
    if (std::string_view("{}[]=,").find(c) != std::string_view::npos) {
      out.push_back({Token::Punct, std::string(1, c), line});
      ++i;
      continue;
    }
    error = fmt::format("line {}: unexpected `{}`", line, c);
  }
  out.push_back({Token::End, "", line});
  return out;
}

const std::set<std::string> kCapabilities = {"create", "read", "update", "patch",    "delete",
                                             "list",   "sudo", "deny",   "subscribe"};

struct Object {
  std::string file;  // relative to out/
  std::string api_version, kind, name, ns;
  YAML::Node node;
};

std::string scalar(const YAML::Node& n) { return n && n.IsScalar() ? n.as<std::string>() : std::string(); }

// yaml-cpp's Node assignment writes through to the node it refers to; walking must rebind.
YAML::Node at(const YAML::Node& n, std::initializer_list<const char*> keys) {
  YAML::Node cur;
  cur.reset(n);
  for (const char* k : keys) {
    if (!cur || !cur.IsMap()) return YAML::Node();
    const YAML::Node& c = cur;
    YAML::Node next = c[k];
    if (!next.IsDefined()) return YAML::Node();  // a missing key: an invalid node, not to be reset to
    cur.reset(next);
  }
  return cur;
}

using Vars = std::map<std::string, std::string>;

struct TreeFacts {
  std::vector<Object> objects;
  std::map<std::string, std::string> folder_namespace;  // folder -> kustomization namespace
  std::map<std::string, std::vector<Vars>> file_vars;   // file -> substitutions of each applier
};

std::string dir_of(const std::string& file) {
  auto slash = file.rfind('/');
  return slash == std::string::npos ? std::string() : file.substr(0, slash);
}

std::string join(const std::string& dir, const std::string& rel) {
  std::string p = fs::path(dir.empty() ? rel : dir + "/" + rel).lexically_normal().generic_string();
  while (!p.empty() && p.back() == '/') p.pop_back();
  if (p.starts_with("./")) p = p.substr(2);
  return p == "." ? std::string() : p;
}

bool is_yaml(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

// The files kustomize (or Flux's generated kustomization, for a folder without one) builds
// from `dir`, following resources into other folders.
void reach(const fs::path& out, const std::string& dir, std::set<std::string>& files,
           std::set<std::string>& seen, std::vector<std::string>& problems) {
  if (!seen.insert(dir).second) return;
  const fs::path abs = dir.empty() ? out : out / dir;
  if (!fs::is_directory(abs)) {
    problems.push_back(
        fmt::format("a Flux Kustomization or kustomization.yaml reaches `{}`, which is not a folder", dir));
    return;
  }
  if (fs::exists(abs / "kustomization.yaml")) {
    YAML::Node k = YAML::LoadFile((abs / "kustomization.yaml").string());
    for (const auto& r : k["resources"]) {
      std::string rel = join(dir, r.as<std::string>());
      if (rel.starts_with("..")) {
        problems.push_back(
            fmt::format("{}/kustomization.yaml reaches outside the tree: {}", dir, r.as<std::string>()));
        continue;
      }
      if (fs::is_directory(out / rel))
        reach(out, rel, files, seen, problems);
      else
        files.insert(rel);
    }
    return;
  }
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(abs)) entries.push_back(e.path());
  std::sort(entries.begin(), entries.end());
  for (const auto& e : entries) {
    std::string rel = join(dir, e.filename().string());
    if (fs::is_directory(e))
      reach(out, rel, files, seen, problems);
    else if (is_yaml(e))
      files.insert(rel);
  }
}

TreeFacts read_facts(const fs::path& out, std::vector<std::string>& problems) {
  TreeFacts facts;
  std::vector<fs::path> yaml_files;
  for (const auto& e : fs::recursive_directory_iterator(out))
    if (e.is_regular_file() && is_yaml(e.path())) yaml_files.push_back(e.path());
  std::sort(yaml_files.begin(), yaml_files.end());
  for (const auto& p : yaml_files) {
    std::string rel = p.lexically_relative(out).generic_string();
    std::vector<YAML::Node> docs;
    try {
      docs = YAML::LoadAll(slurp(p));
    } catch (const YAML::Exception& e) {
      problems.push_back(fmt::format("{}: not YAML: {}", rel, e.what()));
      continue;
    }
    for (const auto& d : docs) {
      if (!d.IsMap()) continue;
      if (p.filename() == "kustomization.yaml") {
        if (auto ns = scalar(d["namespace"]); !ns.empty()) facts.folder_namespace[dir_of(rel)] = ns;
        continue;
      }
      Object o{rel,
               scalar(d["apiVersion"]),
               scalar(d["kind"]),
               scalar(at(d, {"metadata", "name"})),
               scalar(at(d, {"metadata", "namespace"})),
               d};
      if (o.kind.empty() || o.api_version.empty()) continue;
      facts.objects.push_back(std::move(o));
    }
  }
  // kustomize's namespace field wins over the object's own.
  for (auto& o : facts.objects)
    if (auto it = facts.folder_namespace.find(dir_of(o.file)); it != facts.folder_namespace.end())
      if (!o.ns.empty() || o.kind == "SecretStore" || o.kind == "ExternalSecret" || o.kind == "PushSecret")
        o.ns = it->second;
  for (const auto& o : facts.objects) {
    if (o.kind != "Kustomization" || !o.api_version.starts_with("kustomize.toolkit.fluxcd.io/")) continue;
    std::string path = join("", scalar(at(o.node, {"spec", "path"})));
    Vars vars;
    if (YAML::Node sub = at(o.node, {"spec", "postBuild", "substitute"}); sub && sub.IsMap())
      for (const auto& kv : sub) vars[kv.first.as<std::string>()] = scalar(kv.second);
    std::set<std::string> files, seen;
    reach(out, path, files, seen, problems);
    for (const auto& f : files) facts.file_vars[f].push_back(vars);
  }
  return facts;
}

// `text` with Flux's substitution: `${NAME}`, `${NAME:=default}`, `${NAME:-default}`.
std::optional<std::string> substitute(const std::string& text, const Vars& vars, std::string& missing) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    auto b = text.find("${", i);
    if (b == std::string::npos) {
      out += text.substr(i);
      break;
    }
    auto e = text.find('}', b);
    if (e == std::string::npos) {
      out += text.substr(i);
      break;
    }
    out += text.substr(i, b - i);
    std::string inner = text.substr(b + 2, e - b - 2);
    std::optional<std::string> fallback;
    std::string name = inner;
    for (const char* op : {":=", ":-"})
      if (auto k = inner.find(op); k != std::string::npos) {
        name = inner.substr(0, k);
        fallback = inner.substr(k + 2);
        break;
      }
    auto v = vars.find(name);
    if (v != vars.end() && !v->second.empty())
      out += v->second;
    else if (fallback)
      out += *fallback;
    else {
      missing = name;
      return std::nullopt;
    }
    i = e + 1;
  }
  return out;
}

struct Store {
  std::string mount;
  bool v2 = true;
};

// The Vault path ESO's vault provider reads or writes for `key` (its buildPath).
std::string data_path(const Store& s, std::string key) {
  if (key.starts_with(s.mount + "/")) {
    key = key.substr(s.mount.size() + 1);
    if (s.v2 && key.starts_with("data/")) key = key.substr(5);
  }
  return s.mount + (s.v2 ? "/data/" : "/") + key;
}

}  // namespace

Policy parse_policy(std::string_view text, std::string& error) {
  Policy p;
  p.declared_only = text.find("No ExternalSecret or PushSecret uses this policy") != std::string_view::npos;
  auto toks = tokenize(text, error);
  if (!error.empty()) return p;
  std::size_t i = 0;
  auto expect = [&](Token::Kind kind, const char* what) -> const Token* {
    if (toks[i].kind != kind || (kind == Token::Punct && toks[i].text != what) ||
        (kind == Token::Ident && std::string(what) != "" && toks[i].text != what)) {
      error = fmt::format("line {}: expected `{}`, found `{}`", toks[i].line, what, toks[i].text);
      return nullptr;
    }
    return &toks[i++];
  };
  std::set<std::string> seen;
  while (toks[i].kind != Token::End) {
    if (!expect(Token::Ident, "path")) return p;
    const Token* pat = expect(Token::String, "a path string");
    if (!pat || !expect(Token::Punct, "{")) return p;
    Rule r{pat->text, {}};
    if (!seen.insert(r.pattern).second) {
      error = fmt::format("line {}: path \"{}\" appears twice", pat->line, r.pattern);
      return p;
    }
    while (toks[i].kind == Token::Ident) {
      if (!expect(Token::Ident, "capabilities") || !expect(Token::Punct, "=") || !expect(Token::Punct, "["))
        return p;
      while (toks[i].kind == Token::String) {
        if (!kCapabilities.count(toks[i].text)) {
          error = fmt::format("line {}: unknown capability \"{}\"", toks[i].line, toks[i].text);
          return p;
        }
        r.capabilities.insert(toks[i].text);
        ++i;
        if (toks[i].kind == Token::Punct && toks[i].text == ",") ++i;
      }
      if (!expect(Token::Punct, "]")) return p;
    }
    if (!expect(Token::Punct, "}")) return p;
    p.rules.push_back(std::move(r));
  }
  return p;
}

bool glob_matches(std::string_view pat, std::string_view path) {
  std::size_t i = 0, j = 0;
  while (i < pat.size()) {
    char c = pat[i];
    if (c == '*' && i + 1 == pat.size()) return true;
    bool segment = (i == 0 || pat[i - 1] == '/') && (i + 1 == pat.size() || pat[i + 1] == '/');
    if (c == '+' && segment) {
      std::size_t k = path.find('/', j);
      if (k == std::string_view::npos) k = path.size();
      if (k == j) return false;
      j = k;
      ++i;
      continue;
    }
    if (j >= path.size() || path[j] != c) return false;
    ++i, ++j;
  }
  return j == path.size();
}

bool lower_priority(std::string_view a, std::string_view b) {
  auto first_wild = [](std::string_view p) {
    auto k = p.find_first_of("+*");
    return k == std::string_view::npos ? p.size() + 1 : k;
  };
  if (first_wild(a) != first_wild(b)) return first_wild(a) < first_wild(b);
  bool ga = a.ends_with("*"), gb = b.ends_with("*");
  if (ga != gb) return ga;
  auto pluses = [](std::string_view p) { return std::count(p.begin(), p.end(), '+'); };
  if (pluses(a) != pluses(b)) return pluses(a) > pluses(b);
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

const Rule* applicable_rule(const Policy& policy, std::string_view path) {
  const Rule* best = nullptr;
  for (const auto& r : policy.rules)
    if (glob_matches(r.pattern, path) && (!best || lower_priority(best->pattern, r.pattern))) best = &r;
  return best;
}

bool allows(const Policy& policy, std::string_view path, std::string_view capability) {
  const Rule* r = applicable_rule(policy, path);
  return r && !r->capabilities.count("deny") && r->capabilities.count(std::string(capability));
}

Audit audit_tree(const fs::path& out, bool push_metadata) {
  Audit audit;
  auto& problems = audit.problems;
  const fs::path policy_dir = out / "vault" / "policies";
  if (fs::is_directory(policy_dir)) {
    std::vector<fs::path> hcl;
    for (const auto& e : fs::directory_iterator(policy_dir))
      if (e.path().extension() == ".hcl") hcl.push_back(e.path());
    std::sort(hcl.begin(), hcl.end());
    for (const auto& p : hcl) {
      std::string error;
      Policy pol = parse_policy(slurp(p), error);
      pol.name = p.stem().string();
      if (!error.empty())
        problems.push_back(fmt::format("vault/policies/{}: {}", p.filename().string(), error));
      audit.policies.push_back(std::move(pol));
    }
  }
  TreeFacts facts = read_facts(out, problems);

  std::map<std::string, Store> cluster_stores;                     // name -> store
  std::map<std::pair<std::string, std::string>, Store> ns_stores;  // (namespace, name) -> store
  for (const auto& o : facts.objects) {
    if (!o.api_version.starts_with("external-secrets.io/")) continue;
    if (o.kind != "SecretStore" && o.kind != "ClusterSecretStore") continue;
    YAML::Node vault = at(o.node, {"spec", "provider", "vault"});
    if (!vault) continue;
    Store s{scalar(vault["path"]), scalar(vault["version"]) != "v1"};
    if (o.kind == "ClusterSecretStore")
      cluster_stores[o.name] = s;
    else
      ns_stores[{o.ns, o.name}] = s;
  }
  auto find_store = [&](const Object& o, const YAML::Node& ref) -> std::optional<Store> {
    std::string kind = scalar(ref["kind"]);
    std::string name = scalar(ref["name"]);
    if (kind == "ClusterSecretStore") {
      if (auto it = cluster_stores.find(name); it != cluster_stores.end()) return it->second;
    } else if (auto it = ns_stores.find({o.ns, name}); it != ns_stores.end()) {
      return it->second;
    }
    problems.push_back(fmt::format("{}: {} {}/{} uses {} `{}`, which is not in the tree", o.file, o.kind,
                                   o.ns, o.name, kind.empty() ? "SecretStore" : kind, name));
    return std::nullopt;
  };
  // Every value a remote key takes on the clusters its file reaches.
  auto expansions = [&](const Object& o, const std::string& key) {
    std::set<std::string> out_keys;
    auto it = facts.file_vars.find(o.file);
    std::vector<Vars> maps = it == facts.file_vars.end() ? std::vector<Vars>{Vars{}} : it->second;
    for (const auto& vars : maps) {
      std::string missing;
      if (auto s = substitute(key, vars, missing))
        out_keys.insert(*s);
      else
        problems.push_back(fmt::format(
            "{}: {} {}/{}: `{}` keeps ${{{}}}: no Flux Kustomization applying the file substitutes it",
            o.file, o.kind, o.ns, o.name, key, missing));
    }
    return out_keys;
  };
  auto need = [&](const Object& o, const std::string& path, std::initializer_list<const char*> caps) {
    for (const char* cap : caps) {
      audit.used[path].insert(cap);
      bool granted = std::any_of(audit.policies.begin(), audit.policies.end(),
                                 [&](const Policy& p) { return allows(p, path, cap); });
      if (!granted)
        problems.push_back(
            fmt::format("{}: {} {}/{} needs `{}` on `{}`, which no vault/policies/*.hcl grants", o.file,
                        o.kind, o.ns, o.name, cap, path));
    }
  };

  for (const auto& o : facts.objects) {
    if (!o.api_version.starts_with("external-secrets.io/")) continue;
    if (o.kind == "ExternalSecret") {
      auto store = find_store(o, at(o.node, {"spec", "secretStoreRef"}));
      if (!store) continue;
      std::vector<std::string> keys;
      for (const auto& d : at(o.node, {"spec", "data"})) keys.push_back(scalar(at(d, {"remoteRef", "key"})));
      for (const auto& d : at(o.node, {"spec", "dataFrom"})) {
        if (YAML::Node k = at(d, {"extract", "key"}))
          keys.push_back(scalar(k));
        else
          problems.push_back(fmt::format("{}: ExternalSecret {}/{}: a dataFrom entry the audit cannot follow",
                                         o.file, o.ns, o.name));
      }
      for (const auto& key : keys)
        for (const auto& k : expansions(o, key)) {
          ++audit.reads_checked;
          need(o, data_path(*store, k), {"read"});
        }
    } else if (o.kind == "PushSecret") {
      std::vector<Store> stores;
      for (const auto& ref : at(o.node, {"spec", "secretStoreRefs"}))
        if (auto s = find_store(o, ref)) stores.push_back(*s);
      for (const auto& d : at(o.node, {"spec", "data"})) {
        std::string key = scalar(at(d, {"match", "remoteRef", "remoteKey"}));
        for (const auto& k : expansions(o, key))
          for (const auto& s : stores) {
            ++audit.writes_checked;
            // ESO reads the current version before it writes a new one.
            need(o, data_path(s, k), {"create", "update", "read"});
            if (push_metadata && s.v2) need(o, s.mount + "/metadata/" + k, {"create", "update", "read"});
          }
      }
    }
  }
  // One line per finding, even when several keys of one object lead to it.
  std::vector<std::string> unique;
  for (auto& p : problems)
    if (std::find(unique.begin(), unique.end(), p) == unique.end()) unique.push_back(std::move(p));
  problems = std::move(unique);
  return audit;
}

std::vector<std::string> unused_grants(const Audit& audit) {
  std::vector<std::string> out;
  for (const auto& p : audit.policies) {
    if (p.declared_only) continue;
    for (const auto& r : p.rules) {
      auto it = audit.used.find(r.pattern);
      if (r.pattern.find_first_of("+*") != std::string::npos) {
        out.push_back(
            fmt::format("vault/policies/{}.hcl: a generated policy grants the glob `{}`", p.name, r.pattern));
      } else if (it == audit.used.end()) {
        out.push_back(fmt::format(
            "vault/policies/{}.hcl grants `{}`, which no ExternalSecret or PushSecret of the tree uses",
            p.name, r.pattern));
      } else {
        for (const auto& c : r.capabilities)
          if (!it->second.count(c))
            out.push_back(
                fmt::format("vault/policies/{}.hcl grants `{}` on `{}`, which nothing of the tree needs",
                            p.name, c, r.pattern));
      }
    }
  }
  return out;
}

}  // namespace hlab::emit_test::vault
