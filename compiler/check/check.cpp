#include "check/check.hpp"

#include <algorithm>
#include <exception>
#include <iterator>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

#include "check/detail/context.hpp"
#include "check/placement.hpp"

namespace hlab::check {

void run_checks(const sema::Analysis& analysis, diag::DiagSink& sink) {
  const sema::Model& model = analysis.model;
  Placements placements(model);
  // Families are independent; each reads the model and the placement facts only, and
  // reports into a sink of its own. They run on two threads, split about evenly by their
  // cost on large homelabs (the secret families are the larger part); the diagnostics are
  // then appended in the families' fixed order, so the result does not depend on the schedule.
  struct Family {
    void (*check)(const detail::Context&);
    bool second_thread;
  };
  static constexpr Family kFamilies[] = {
      {detail::check_secret_flows, true},  {detail::check_secret_consumers, false},
      {detail::check_mesh, false},         {detail::check_flux, true},
      {detail::check_flux_vars, true},     {detail::check_network, false},
      {detail::check_routes, false}};
  constexpr std::size_t kCount = std::size(kFamilies);
  std::vector<diag::DiagSink> sinks(kCount);
  std::vector<std::exception_ptr> failures(kCount);
  const detail::Context facts(analysis, placements, sink);
  auto run = [&](bool second_thread) {
    for (std::size_t k = 0; k < kCount; ++k) {
      if (kFamilies[k].second_thread != second_thread) continue;
      try {
        kFamilies[k].check(detail::Context(facts, sinks[k]));
      } catch (...) {
        failures[k] = std::current_exception();
      }
    }
  };
  std::optional<std::thread> second;
  try {
    second.emplace([&] { run(true); });
  } catch (const std::system_error&) {
    run(true);  // no thread to be had: run them here
  }
  run(false);
  if (second) second->join();
  for (std::size_t k = 0; k < kCount; ++k) {
    if (failures[k]) std::rethrow_exception(failures[k]);
    for (auto& d : sinks[k].diagnostics()) sink.diagnostics().push_back(std::move(d));
  }
}

namespace detail {

namespace {
const std::vector<EntityId> kNone;
}  // namespace

Context::Context(const sema::Analysis& a, const Placements& p, diag::DiagSink& s)
    : model(a.model), placements(p), sink(s), stdlib_file_(a.sources.size(), false) {
  for (const auto& e : model.entities)
    // An entity whose record failed to evaluate has nothing to check; sema reported it.
    if (e.value) by_kind_[e.kind].push_back(e.id);
  for (const auto& m : a.modules)
    if (m.is_stdlib && m.file.valid() && m.file.value < stdlib_file_.size())
      stdlib_file_[m.file.value] = true;
}

base::Span Context::where(const Entity& e, const Value* v) const {
  if (!v || !v->span.valid()) return e.name_span;
  if (v->span.file.value < stdlib_file_.size() && stdlib_file_[v->span.file.value]) return e.name_span;
  return v->span;
}

std::vector<EntityId> Context::workload_clusters(EntityId release) const {
  const Entity& r = get(release);
  const Value* kc = field(r, "kubeconfig");
  if (!kc) return placements.clusters(release);
  std::vector<EntityId> out;
  for (EntityId k : of_kind("flux_kustomization")) {
    const Entity& ke = get(k);
    if (text(field(ke, "kubeconfig")) == kc->text)
      if (EntityId c = ref_field(ke, "cluster"); c.valid()) out.push_back(c);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const std::vector<EntityId>& Context::of_kind(std::string_view kind) const {
  auto it = by_kind_.find(kind);
  return it == by_kind_.end() ? kNone : it->second;
}

const Value* field(const Entity& e, std::string_view name) {
  return e.value ? e.value->field(name) : nullptr;
}

EntityId ref(const Value* v) {
  return v && (v->kind == ValueKind::EntityRef || v->kind == ValueKind::KeyRef) ? v->entity : EntityId{};
}

EntityId ref_field(const Entity& e, std::string_view name) { return ref(field(e, name)); }

std::string_view text(const Value* v) { return v ? std::string_view(v->text) : std::string_view(); }

std::string object_name(const Entity& e) {
  const Value* n = field(e, "name");
  return n && !n->text.empty() ? n->text : e.name;
}

base::Span key_span_or_name(const Entity& e, std::string_view name) {
  if (!e.value || !e.value->field(name)) return e.name_span;
  base::Span s = e.value->key_span(name);
  return s.valid() ? s : e.name_span;
}

std::string quoted_list(const std::vector<std::string>& items) {
  if (items.empty()) return "nothing";
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += fmt::format("`{}`", items[i]);
  }
  return out;
}

std::string plain_list(const std::vector<std::string>& items) {
  if (items.empty()) return "none";
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out;
}

}  // namespace detail
}  // namespace hlab::check
