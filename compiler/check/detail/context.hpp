// What every rule family shares: the model, the placement facts, the sink, and small readers
// of entity records. Private to check/.
#pragma once

#include <fmt/core.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "check/placement.hpp"
#include "diag/diagnostic.hpp"
#include "sema/analyze.hpp"
#include "sema/model.hpp"

namespace hlab::check::detail {

using sema::Entity;
using sema::EntityId;
using sema::Value;
using sema::ValueKind;

// The state of one run of the checks.
struct Context {
  Context(const sema::Analysis& a, const Placements& p, diag::DiagSink& s);
  // The same facts, reporting into another sink.
  Context(const Context& other, diag::DiagSink& s)
      : model(other.model), placements(other.placements), sink(s), by_kind_(other.by_kind_),
        stdlib_file_(other.stdlib_file_) {}

  const sema::Model& model;
  const Placements& placements;
  diag::DiagSink& sink;

  const Entity& get(EntityId id) const { return model.get(id); }
  // Entities of a kind in declaration order (indexed once, not scanned per rule).
  const std::vector<EntityId>& of_kind(std::string_view kind) const;
  // Where to point for a value of `e`: the value itself, unless it has no span or comes from a
  // stdlib file (a schema default), where the entity's name says more to the reader.
  base::Span where(const Entity& e, const Value* v) const;
  // The clusters a helm_release's workloads run on: the cluster of the Kustomizations that use
  // the same kubeconfig Secret when it has `kubeconfig` (empty when none does), else its own.
  std::vector<EntityId> workload_clusters(EntityId release) const;
  // Starts a diagnostic; rules fill in labels and help.
  diag::Diagnostic& report(diag::Code code, base::Span span, std::string message) const {
    return sink.report(code, span, std::move(message));
  }

 private:
  std::map<std::string, std::vector<EntityId>, std::less<>> by_kind_;
  std::vector<bool> stdlib_file_;  // by FileId
};

// A field of an entity's record; nullptr when absent (optional and unset).
const Value* field(const Entity& e, std::string_view name);
// The entity an EntityRef value names; invalid for anything else or nullptr.
EntityId ref(const Value* v);
// The entity a field refers to; invalid when the field is absent.
EntityId ref_field(const Entity& e, std::string_view name);
// The text of a scalar value (word, string, typed literal); empty for nullptr.
std::string_view text(const Value* v);
// The Kubernetes object name: the `name` field when set, else the declaration's name.
std::string object_name(const Entity& e);
// The span of a field's key as written (`cluster = ...`), or the entity's name span.
base::Span key_span_or_name(const Entity& e, std::string_view name);
// "`a`, `b` and `c`"; "nothing" when empty.
std::string quoted_list(const std::vector<std::string>& items);
// "a, b, c"; "none" when empty.
std::string plain_list(const std::vector<std::string>& items);
// Calls `f(const Value&)` for every string value inside `v`, depth first.
template <class F>
void for_each_string(const Value& v, F&& f) {
  if (v.kind == ValueKind::String) {
    f(v);
  } else if (v.kind == ValueKind::List) {
    for (const auto& item : v.items) for_each_string(*item, f);
  } else if (v.kind == ValueKind::Record) {
    for (const auto& kv : v.fields) for_each_string(*kv.second, f);
  }
}

// The rule families, one file each.
void check_secret_flows(const Context& cx);
void check_secret_consumers(const Context& cx);
void check_mesh(const Context& cx);
void check_flux(const Context& cx);
void check_flux_vars(const Context& cx);
void check_network(const Context& cx);
void check_routes(const Context& cx);

}  // namespace hlab::check::detail
