// Flux postBuild substitution: every `${VAR}` in an object must be substituted by each
// Kustomization that applies the object (or carry a default), and every variable a
// Kustomization substitutes should be used by something it applies. A shared layer such as
// infra/configs is applied by several Kustomizations, each of which must define its variables.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "check/detail/context.hpp"

namespace hlab::check::detail {
namespace {

using diag::Code;

// (file, begin, variable, Kustomization): one string shared by many objects (a template's
// text) is reported once per Kustomization.
using Seen = std::tuple<std::uint32_t, std::uint32_t, std::string, std::uint32_t, std::uint32_t>;

std::string var_names(const FluxVars& vars) {
  std::vector<std::string> names;
  for (const auto& kv : vars) names.push_back(kv.first);
  return names.empty() ? std::string("nothing") : plain_list(names);
}

class FluxVarsCheck {
 public:
  explicit FluxVarsCheck(const Context& cx) : cx_(cx) {}

  void run() {
    // One pass over the placed objects: each string is read once per Kustomization placing it.
    for (const auto& e : cx_.model.entities) {
      if (!e.value) continue;
      const auto& where = cx_.placements.of(e.id);
      if (where.empty()) continue;
      for_each_string(*e.value, [&](const Value& s) {
        if (s.text.find("${") == std::string::npos) return;
        auto found = placeholders(s.text);
        for (const Placement& p : where) check_string(e, s, found, p);
      });
    }
    report_unused();
  }

 private:
  void check_string(const Entity& e, const Value& s, const std::vector<Placeholder>& found,
                    const Placement& p) {
    const FluxVars& vars = cx_.placements.vars(p);
    for (const Placeholder& ph : found) {
      if (!p.bootstrap()) used_[p.kustomization].insert(ph.name);
      if (vars.count(ph.name) || ph.fallback) continue;
      base::Span at = cx_.where(e, &s);
      Seen key{at.file.value, at.begin, ph.name, p.kustomization.value, p.cluster.value};
      if (!seen_.insert(key).second) continue;
      const std::string& cluster = cx_.get(p.cluster).name;
      if (p.bootstrap()) {
        auto& d = cx_.report(
            Code::FluxVarUnsubstituted, at,
            fmt::format("`${{{}}}` in {} `{}` is never substituted: Flux bootstrap applies it on cluster "
                        "`{}` without variables",
                        ph.name, e.kind, e.name, cluster));
        d.primary_label = "not substituted";
        EntityId root = cx_.model.find("folder", "clusters/" + cluster);
        if (root.valid())
          d.labels.push_back(
              {cx_.get(root).name_span,
               fmt::format("applied by Flux bootstrap on `{}`, which substitutes nothing", cluster)});
        d.help = fmt::format(
            "move the object to a folder applied by a Kustomization that sets `{}`, write the value, or "
            "give a default: `${{{}:=value}}`",
            ph.name, ph.name);
        continue;
      }
      const Entity& k = cx_.get(p.kustomization);
      auto& d = cx_.report(
          Code::FluxVarUnsubstituted, at,
          fmt::format("`${{{}}}` in {} `{}` is not substituted by Kustomization `{}` (cluster `{}`)", ph.name,
                      e.kind, e.name, k.name, cluster));
      d.primary_label = "not substituted";
      d.labels.push_back({key_span_or_name(k, "vars"),
                          fmt::format("applied by `{}`, which substitutes: {}", k.name, var_names(vars))});
      d.help = fmt::format("add `{} = \"...\"` to the vars of `{}`, or give a default: `${{{}:=value}}`",
                           ph.name, k.name, ph.name);
    }
  }

  void report_unused() {
    for (EntityId id : cx_.of_kind("flux_kustomization")) {
      const Entity& k = cx_.get(id);
      const Value* vars = field(k, "vars");
      if (!vars) continue;
      const auto& used = used_[id];
      for (std::size_t i = 0; i < vars->fields.size(); ++i) {
        const std::string& name = vars->fields[i].first;
        if (used.count(name)) continue;
        base::Span at = i < vars->key_spans.size() && vars->key_spans[i].valid() ? vars->key_spans[i]
                                                                                 : cx_.where(k, vars);
        auto& d = cx_.report(
            Code::FluxVarUnused, at,
            fmt::format("variable `{}` of Kustomization `{}` is used by nothing it applies", name, k.name));
        d.primary_label = "unused";
        if (EntityId path = ref_field(k, "path"); path.valid())
          d.labels.push_back({cx_.where(k, field(k, "path")),
                              fmt::format("applies folder `{}` ({} objects)", cx_.get(path).name,
                                          cx_.placements.placed_by(id).size())});
        d.help = fmt::format(
            "remove `{}` from the vars, or use `${{{}}}` in an object the Kustomization applies", name, name);
      }
    }
  }

  const Context& cx_;
  std::set<Seen> seen_;
  std::map<EntityId, std::set<std::string>> used_;
};

}  // namespace

void check_flux_vars(const Context& cx) { FluxVarsCheck(cx).run(); }

}  // namespace hlab::check::detail
