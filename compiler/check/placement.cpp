#include "check/placement.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace hlab::check {
namespace {

using sema::EntityId;
using sema::Value;
using sema::ValueKind;

EntityId ref_field(const sema::Entity& e, std::string_view name) {
  if (!e.value) return {};
  const Value* v = e.value->field(name);
  return v && v->kind == ValueKind::EntityRef ? v->entity : EntityId{};
}

// The text Flux would substitute for a `vars` entry; the map is {string}, but an integer or a
// word written there still means its spelling.
std::string var_text(const Value& v) {
  if (v.kind == ValueKind::Int) return std::to_string(v.i);
  if (v.kind == ValueKind::Bool) return v.b ? "true" : "false";
  return v.text;
}

bool var_name_char(char c, bool first) {
  bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  return alpha || (!first && c >= '0' && c <= '9');
}

const std::vector<EntityId> kNoIds;
const std::vector<Placement> kNoPlacements;
const FluxVars kNoVars;

}  // namespace

Placements::Placements(const sema::Model& model)
    : model_(model),
      closure_(model.entities.size()),
      folder_placements_(model.entities.size()),
      at_(model.entities.size()),
      vars_(model.entities.size()),
      placed_by_(model.entities.size()) {
  std::unordered_map<std::string_view, EntityId> folder_by_name;
  std::vector<EntityId> folders;
  for (const auto& e : model.entities)
    if (e.kind == "folder") {
      folder_by_name.emplace(e.name, e.id);
      folders.push_back(e.id);
    }

  // Direct containment: children by name, then the `include` list.
  std::vector<std::vector<EntityId>> direct(model.entities.size());
  for (EntityId f : folders) {
    const std::string& name = model.get(f).name;
    if (auto slash = name.rfind('/'); slash != std::string::npos) {
      auto parent = folder_by_name.find(std::string_view(name).substr(0, slash));
      if (parent != folder_by_name.end()) direct[parent->second.value].push_back(f);
    }
  }
  for (EntityId f : folders) {
    const auto& e = model.get(f);
    const Value* inc = e.value ? e.value->field("include") : nullptr;
    if (!inc) continue;
    for (const auto& item : inc->items)
      if (item->kind == ValueKind::EntityRef) direct[f.value].push_back(item->entity);
  }

  // Closures by an explicit-stack walk per folder; the visited marks make include cycles and
  // diamonds cost nothing extra. Folder graphs are shallow, so per-folder walks stay cheap.
  std::vector<std::uint32_t> seen(model.entities.size(), UINT32_MAX);
  for (EntityId f : folders) {
    auto& out = closure_[f.value];
    std::vector<EntityId> stack{f};
    seen[f.value] = f.value;
    while (!stack.empty()) {
      EntityId cur = stack.back();
      stack.pop_back();
      out.push_back(cur);
      for (EntityId next : direct[cur.value])
        if (seen[next.value] != f.value) {
          seen[next.value] = f.value;
          stack.push_back(next);
        }
    }
    std::sort(out.begin() + 1, out.end());
  }

  for (const auto& e : model.entities) at_[e.id.value] = ref_field(e, "at");

  for (const auto& k : model.entities) {
    if (k.kind != "flux_kustomization") continue;
    if (const Value* vars = k.value ? k.value->field("vars") : nullptr)
      for (const auto& [name, v] : vars->fields) vars_[k.id.value][name] = var_text(*v);
    EntityId cluster = ref_field(k, "cluster");
    EntityId path = ref_field(k, "path");
    if (!cluster.valid() || !path.valid()) continue;
    for (EntityId f : closure_[path.value]) folder_placements_[f.value].push_back({cluster, k.id});
  }

  // Flux bootstrap applies clusters/<c> on c. When a Kustomization on c already applies that
  // folder (a modelled flux-system, or a cluster driven from elsewhere through a kubeconfig),
  // bootstrap adds nothing and is not assumed.
  for (const auto& c : model.entities) {
    if (c.kind != "cluster") continue;
    auto root = folder_by_name.find("clusters/" + c.name);
    if (root == folder_by_name.end()) continue;
    const auto& ps = folder_placements_[root->second.value];
    bool applied = std::any_of(ps.begin(), ps.end(), [&](const Placement& p) { return p.cluster == c.id; });
    if (applied) continue;
    for (EntityId f : closure_[root->second.value]) folder_placements_[f.value].push_back({c.id, EntityId{}});
  }

  for (auto& ps : folder_placements_) {
    std::sort(ps.begin(), ps.end());
    ps.erase(std::unique(ps.begin(), ps.end()), ps.end());
  }

  for (const auto& e : model.entities) {
    EntityId at = at_[e.id.value];
    if (!at.valid()) continue;
    for (const Placement& p : folder_placements_[at.value])
      if (!p.bootstrap()) {
        auto& list = placed_by_[p.kustomization.value];
        // The same object can reach one Kustomization once only; placements are unique.
        list.push_back(e.id);
      }
  }
}

const std::vector<EntityId>& Placements::closure(EntityId folder) const {
  return folder.valid() && folder.value < closure_.size() ? closure_[folder.value] : kNoIds;
}

const std::vector<Placement>& Placements::of_folder(EntityId folder) const {
  return folder.valid() && folder.value < folder_placements_.size() ? folder_placements_[folder.value]
                                                                    : kNoPlacements;
}

const std::vector<Placement>& Placements::of(EntityId entity) const { return of_folder(folder_of(entity)); }

EntityId Placements::folder_of(EntityId entity) const {
  return entity.valid() && entity.value < at_.size() ? at_[entity.value] : EntityId{};
}

std::vector<EntityId> Placements::clusters(EntityId entity) const {
  std::vector<EntityId> out;
  if (folder_of(entity).valid()) {
    for (const Placement& p : of(entity)) out.push_back(p.cluster);
  } else if (entity.valid() && entity.value < model_.entities.size()) {
    // Kinds that name their cluster instead of living in a folder.
    EntityId c = ref_field(model_.get(entity), "cluster");
    if (c.valid() && model_.get(entity).kind != "flux_kustomization") out.push_back(c);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const FluxVars& Placements::vars(const Placement& p) const {
  return p.bootstrap() ? kNoVars : vars(p.kustomization);
}

const FluxVars& Placements::vars(EntityId kustomization) const {
  return kustomization.valid() && kustomization.value < vars_.size() ? vars_[kustomization.value] : kNoVars;
}

const std::vector<EntityId>& Placements::placed_by(EntityId kustomization) const {
  return kustomization.valid() && kustomization.value < placed_by_.size() ? placed_by_[kustomization.value]
                                                                          : kNoIds;
}

std::vector<Placeholder> placeholders(std::string_view text) {
  std::vector<Placeholder> out;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '$') continue;
    // `$${X}` is Flux's escape for a literal `${X}`.
    if (text[i + 1] == '$') {
      ++i;
      continue;
    }
    if (text[i + 1] != '{') continue;
    std::size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) break;
    std::string_view inner = text.substr(i + 2, close - i - 2);
    std::size_t n = 0;
    while (n < inner.size() && var_name_char(inner[n], n == 0)) ++n;
    Placeholder p;
    p.name = std::string(inner.substr(0, n));
    p.begin = i;
    p.end = close + 1;
    bool ok = n > 0;
    if (ok && n < inner.size()) {
      std::string_view rest = inner.substr(n);
      if (rest.starts_with(":=") || rest.starts_with(":-"))
        p.fallback = std::string(rest.substr(2));
      else
        ok = false;
    }
    if (ok) out.push_back(std::move(p));
    i = close;
  }
  return out;
}

bool has_placeholders(std::string_view text) {
  return text.find("${") != std::string_view::npos && !placeholders(text).empty();
}

std::optional<std::string> substitute(std::string_view text, const FluxVars& vars) {
  std::string out;
  std::size_t pos = 0;
  for (const Placeholder& p : placeholders(text)) {
    out.append(text.substr(pos, p.begin - pos));
    auto it = vars.find(p.name);
    if (it != vars.end() && !it->second.empty())
      out += it->second;
    else if (p.fallback)
      out += *p.fallback;
    else if (it != vars.end())
      out += it->second;
    else
      return std::nullopt;
    pos = p.end;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace hlab::check
