// Tree comparison: files matched by path, YAML documents by (group, kind, namespace, name),
// fields by key, named list items (`name:`) by name, other lists by position; lists of
// scalars as sets of added and removed items. Text files get a unified line diff (LCS).
#include "emit/tree_diff.hpp"

#include <fmt/core.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>

namespace hlab::emit {
namespace {

constexpr std::size_t kMaxValue = 160;  // characters of a value shown on one line

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

// "12 lines": how a multi-line value is summarized beside its line diff.
std::string lines_of(const std::string& text) { return fmt::format("{} lines", split_lines(text).size()); }

bool is_yaml(const std::string& path) { return path.ends_with(".yaml") || path.ends_with(".yml"); }

// ---- values and paths ------------------------------------------------------------------

std::string truncate(std::string s) {
  if (s.size() <= kMaxValue) return s;
  return s.substr(0, kMaxValue - 3) + "...";
}

std::string one_line(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return "null";
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    if (s.empty()) return "\"\"";
    if (s.find('\n') == std::string::npos) return truncate(s);
  }
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e.SetStringFormat(YAML::DoubleQuoted);
  e << n;
  return truncate(e.c_str());
}

bool plain_key(const std::string& k) {
  return !k.empty() && std::all_of(k.begin(), k.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::string key_path(const std::string& path, const std::string& key) {
  if (plain_key(key)) return path.empty() ? key : path + "." + key;
  return fmt::format("{}[\"{}\"]", path, key);
}

std::string scalar_key(const YAML::Node& n) { return n.IsScalar() ? n.Scalar() : one_line(n); }

// The `name` of a list item, when it is a map with a scalar name.
std::optional<std::string> item_name(const YAML::Node& n) {
  if (!n.IsMap() || !n["name"] || !n["name"].IsScalar()) return std::nullopt;
  return n["name"].Scalar();
}

// True when every item of both lists has a name and names are unique in each.
bool named_list(const YAML::Node& a, const YAML::Node& b) {
  for (const YAML::Node* list : {&a, &b}) {
    std::set<std::string> seen;
    for (const auto& item : *list) {
      auto name = item_name(item);
      if (!name || !seen.insert(*name).second) return false;
    }
  }
  return a.size() + b.size() > 0;
}

bool scalar_list(const YAML::Node& n) {
  return std::all_of(n.begin(), n.end(), [](const YAML::Node& item) { return item.IsScalar(); });
}

// ---- field comparison ------------------------------------------------------------------

class FieldDiff {
 public:
  explicit FieldDiff(std::vector<FieldChange>& out) : out_(out) {}

  void compare(const std::string& path, const YAML::Node& a, const YAML::Node& b) {
    if (a.IsMap() && b.IsMap()) return maps(path, a, b);
    if (a.IsSequence() && b.IsSequence()) return sequences(path, a, b);
    if (a.IsScalar() && b.IsScalar()) {
      if (a.Scalar() == b.Scalar()) return;
      if (a.Scalar().find('\n') != std::string::npos && b.Scalar().find('\n') != std::string::npos) {
        out_.push_back({path, lines_of(a.Scalar()), lines_of(b.Scalar()), line_diff(a.Scalar(), b.Scalar(), 1)});
        return;
      }
    } else if (a.Type() == b.Type() && (a.IsNull() || !a.IsDefined())) {
      return;
    }
    out_.push_back({path, one_line(a), one_line(b), {}});
  }

 private:
  void maps(const std::string& path, const YAML::Node& a, const YAML::Node& b) {
    std::set<std::string> in_b;
    for (const auto& kv : b) {
      std::string k = scalar_key(kv.first);
      in_b.insert(k);
      YAML::Node old = a[k];
      if (old) compare(key_path(path, k), old, kv.second);
      else out_.push_back({key_path(path, k), std::nullopt, one_line(kv.second), {}});
    }
    for (const auto& kv : a)
      if (std::string k = scalar_key(kv.first); !in_b.count(k))
        out_.push_back({key_path(path, k), one_line(kv.second), std::nullopt, {}});
  }

  void sequences(const std::string& path, const YAML::Node& a, const YAML::Node& b) {
    if (named_list(a, b)) {
      std::map<std::string, YAML::Node> old;
      for (const auto& item : a) old.emplace(*item_name(item), item);
      std::set<std::string> in_b;
      for (const auto& item : b) {
        std::string name = *item_name(item);
        in_b.insert(name);
        std::string p = fmt::format("{}[name={}]", path, name);
        if (auto it = old.find(name); it != old.end()) compare(p, it->second, item);
        else out_.push_back({p, std::nullopt, one_line(item), {}});
      }
      for (const auto& item : a)
        if (!in_b.count(*item_name(item)))
          out_.push_back({fmt::format("{}[name={}]", path, *item_name(item)), one_line(item), std::nullopt, {}});
      return;
    }
    if (scalar_list(a) && scalar_list(b)) {
      std::vector<std::string> va, vb;
      for (const auto& item : a) va.push_back(item.Scalar());
      for (const auto& item : b) vb.push_back(item.Scalar());
      if (va == vb) return;
      std::multiset<std::string> sa(va.begin(), va.end()), sb(vb.begin(), vb.end());
      if (sa == sb) {
        out_.push_back({path, one_line(a), one_line(b), {}});  // only the order changed
        return;
      }
      for (const auto& v : vb)
        if (!sa.count(v)) out_.push_back({path + "[]", std::nullopt, truncate(v), {}});
      for (const auto& v : va)
        if (!sb.count(v)) out_.push_back({path + "[]", truncate(v), std::nullopt, {}});
      return;
    }
    std::size_t common = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < common; ++i) compare(fmt::format("{}[{}]", path, i), a[i], b[i]);
    for (std::size_t i = common; i < b.size(); ++i) out_.push_back({fmt::format("{}[{}]", path, i), std::nullopt, one_line(b[i]), {}});
    for (std::size_t i = common; i < a.size(); ++i) out_.push_back({fmt::format("{}[{}]", path, i), one_line(a[i]), std::nullopt, {}});
  }

  std::vector<FieldChange>& out_;
};

// ---- documents -------------------------------------------------------------------------

struct Doc {
  std::string key;
  ObjectDiff id;
  YAML::Node node;
};

std::string text_of(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : ""; }

std::optional<std::vector<Doc>> parse_docs(const std::string& text) {
  std::vector<YAML::Node> nodes;
  try {
    nodes = YAML::LoadAll(text);
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
  std::vector<Doc> docs;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const YAML::Node& n = nodes[i];
    if (!n.IsDefined() || n.IsNull()) continue;
    Doc d;
    d.node = n;
    if (n.IsMap()) {
      d.id.api_version = text_of(n["apiVersion"]);
      d.id.kind = text_of(n["kind"]);
      if (const YAML::Node meta = n["metadata"]; meta && meta.IsMap()) {
        d.id.ns = text_of(meta["namespace"]);
        d.id.name = text_of(meta["name"]);
      }
    }
    if (d.id.name.empty()) d.id.name = fmt::format("document {}", i + 1);
    std::string group = d.id.api_version.substr(0, d.id.api_version.find('/') == std::string::npos
                                                       ? 0
                                                       : d.id.api_version.find('/'));
    d.key = fmt::format("{}\x1f{}\x1f{}\x1f{}", group, d.id.kind, d.id.ns, d.id.name);
    docs.push_back(std::move(d));
  }
  return docs;
}

std::vector<ObjectDiff> diff_docs(const std::vector<Doc>& before, const std::vector<Doc>& after) {
  std::vector<ObjectDiff> out;
  std::map<std::string, const Doc*> old;
  for (const auto& d : before) old.emplace(d.key, &d);
  std::set<std::string> seen;
  for (const auto& d : after) {
    seen.insert(d.key);
    auto it = old.find(d.key);
    if (it == old.end()) {
      ObjectDiff o = d.id;
      o.change = Change::Added;
      out.push_back(std::move(o));
      continue;
    }
    ObjectDiff o = d.id;
    o.change = Change::Changed;
    FieldDiff(o.fields).compare("", it->second->node, d.node);
    if (!o.fields.empty()) out.push_back(std::move(o));
  }
  for (const auto& d : before)
    if (!seen.count(d.key)) {
      ObjectDiff o = d.id;
      o.change = Change::Removed;
      out.push_back(std::move(o));
    }
  return out;
}

std::optional<FileDiff> diff_file(const std::string& path, const std::string* before, const std::string* after) {
  FileDiff f;
  f.path = path;
  f.change = !before ? Change::Added : !after ? Change::Removed : Change::Changed;
  if (before && after && *before == *after) return std::nullopt;
  if (is_yaml(path)) {
    auto a = parse_docs(before ? *before : "");
    auto b = parse_docs(after ? *after : "");
    if (a && b) {
      f.yaml = true;
      f.objects = diff_docs(*a, *b);
      if (f.objects.empty() && f.change == Change::Changed) return std::nullopt;  // comments, formatting
      return f;
    }
  }
  f.lines = line_diff(before ? *before : "", after ? *after : "");
  return f;
}

}  // namespace

std::vector<DiffLine> line_diff(const std::string& before, const std::string& after, std::size_t context) {
  std::vector<std::string> a = split_lines(before), b = split_lines(after);
  if (a == b) return {};
  // The edit script: LCS by dynamic programming over the lines between the common prefix
  // and suffix; past a size limit, everything in between is replaced.
  std::size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  std::size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
  std::size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  std::vector<DiffLine> script;
  for (std::size_t i = 0; i < pre; ++i) script.push_back({' ', a[i]});
  if (n * m <= 4'000'000) {
    std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        lcs[i][j] = a[pre + i] == b[pre + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[pre + i] == b[pre + j]) {
        script.push_back({' ', a[pre + i]});
        ++i, ++j;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        script.push_back({'-', a[pre + i++]});  // removals before additions, as diff -u
      } else {
        script.push_back({'+', b[pre + j++]});
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) script.push_back({'-', a[pre + i]});
    for (std::size_t j = 0; j < m; ++j) script.push_back({'+', b[pre + j]});
  }
  for (std::size_t i = a.size() - suf; i < a.size(); ++i) script.push_back({' ', a[i]});

  // Hunks: runs of changes with `context` lines around them, merged when they touch.
  std::vector<DiffLine> out;
  std::size_t k = 0;
  std::size_t line_a = 1, line_b = 1;  // line numbers at script[k]
  std::vector<std::pair<std::size_t, std::size_t>> pos(script.size() + 1);
  for (std::size_t s = 0; s <= script.size(); ++s) {
    pos[s] = {line_a, line_b};
    if (s == script.size()) break;
    if (script[s].op != '+') ++line_a;
    if (script[s].op != '-') ++line_b;
  }
  while (k < script.size()) {
    while (k < script.size() && script[k].op == ' ') ++k;
    if (k == script.size()) break;
    std::size_t begin = k >= context ? k - context : 0, end = k;
    for (;;) {
      while (end < script.size() && script[end].op != ' ') ++end;
      std::size_t next = end;
      while (next < script.size() && script[next].op == ' ' && next - end < 2 * context + 1) ++next;
      if (next < script.size() && script[next].op != ' ') {
        end = next;
        continue;
      }
      end = std::min(script.size(), end + context);
      break;
    }
    std::size_t count_a = 0, count_b = 0;
    for (std::size_t s = begin; s < end; ++s) {
      if (script[s].op != '+') ++count_a;
      if (script[s].op != '-') ++count_b;
    }
    // As diff -u: an empty side names the line before the hunk.
    std::size_t start_a = pos[begin].first - (count_a == 0 ? 1 : 0), start_b = pos[begin].second - (count_b == 0 ? 1 : 0);
    out.push_back({'@', fmt::format("@@ -{},{} +{},{} @@", start_a, count_a, start_b, count_b)});
    for (std::size_t s = begin; s < end; ++s) out.push_back(script[s]);
    k = end;
  }
  return out;
}

std::vector<FileDiff> diff_trees(const Tree& before, const Tree& after) {
  std::map<std::string, const std::string*> old, now;
  for (const auto& f : before.files) old[f.path] = &f.content;
  for (const auto& f : after.files) now[f.path] = &f.content;
  std::set<std::string> paths;
  for (const auto& [p, _] : old) paths.insert(p);
  for (const auto& [p, _] : now) paths.insert(p);
  std::vector<FileDiff> out;
  for (const auto& p : paths) {
    auto a = old.find(p), b = now.find(p);
    if (auto d = diff_file(p, a == old.end() ? nullptr : a->second, b == now.end() ? nullptr : b->second))
      out.push_back(std::move(*d));
  }
  return out;
}

}  // namespace hlab::emit
