// Where objects land: which clusters the objects of a folder reach and through which Flux
// Kustomization (with which postBuild variables). Derived once from the model; shared by the
// checks and the emitter, so it holds facts only and reports nothing.
#pragma once

#include <compare>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sema/model.hpp"

namespace hlab::check {

// The variables of a Kustomization's postBuild.substitute, by name.
using FluxVars = std::map<std::string, std::string, std::less<>>;

// One way an object reaches a cluster: applied by `kustomization`, or by Flux bootstrap of the
// cluster's root folder `clusters/<cluster>` when `kustomization` is invalid.
struct Placement {
  sema::EntityId cluster;
  sema::EntityId kustomization;
  bool bootstrap() const { return !kustomization.valid(); }
  friend bool operator==(const Placement&, const Placement&) = default;
  friend auto operator<=>(const Placement&, const Placement&) = default;
};

// The placement facts of one model. The model must outlive it.
class Placements {
 public:
  // Folders: a folder contains its child folders (one more path segment) and its `include`s,
  // transitively (cycles are harmless). A flux_kustomization applies the closure of its `path`
  // on its `cluster`; a folder `clusters/<c>` of a declared cluster c is applied on c by Flux
  // bootstrap unless a Kustomization targeting c already applies it.
  explicit Placements(const sema::Model& model);

  // The folder itself, then every folder it contains, transitively; empty for a non-folder.
  const std::vector<sema::EntityId>& closure(sema::EntityId folder) const;
  // Where the objects declared `at` the folder land; sorted, without duplicates.
  const std::vector<Placement>& of_folder(sema::EntityId folder) const;
  // Where an entity lands, through its `at` folder; empty when it has none or nothing applies it.
  const std::vector<Placement>& of(sema::EntityId entity) const;
  // The clusters an entity lands on (sorted, unique); for a kind without `at` but with a
  // `cluster` field (k8s_secret, a gateway written by its chart), that cluster.
  std::vector<sema::EntityId> clusters(sema::EntityId entity) const;
  // The `at` folder of an entity; invalid when it has none.
  sema::EntityId folder_of(sema::EntityId entity) const;
  // The variables a placement substitutes: the Kustomization's `vars`, none for bootstrap.
  const FluxVars& vars(const Placement& p) const;
  const FluxVars& vars(sema::EntityId kustomization) const;
  // The entities a Kustomization places (through their `at` folders), in model order.
  const std::vector<sema::EntityId>& placed_by(sema::EntityId kustomization) const;

 private:
  const sema::Model& model_;
  std::vector<std::vector<sema::EntityId>> closure_;       // by entity index; folders only
  std::vector<std::vector<Placement>> folder_placements_;  // by entity index; folders only
  std::vector<sema::EntityId> at_;                         // by entity index
  std::vector<FluxVars> vars_;                             // by entity index; Kustomizations only
  std::vector<std::vector<sema::EntityId>> placed_by_;     // by entity index; Kustomizations only
};

// A Flux placeholder in a string: `${NAME}`, `${NAME:=default}` or `${NAME:-default}`.
struct Placeholder {
  std::string name;
  std::optional<std::string> fallback;  // the default, when one is written
  std::size_t begin = 0, end = 0;       // byte range of the whole `${...}` in the string
};

// The placeholders of `text` in order. `$${...}` is an escaped, literal `${...}`, and a
// `${...}` whose name is not a Flux variable name (`${var.x}`) is not a placeholder.
std::vector<Placeholder> placeholders(std::string_view text);
// True when `text` holds at least one placeholder.
bool has_placeholders(std::string_view text);
// `text` after postBuild substitution with `vars`, as Flux does it: a set variable wins, an
// unset or empty one takes its default; nullopt when a variable without default is not set.
std::optional<std::string> substitute(std::string_view text, const FluxVars& vars);

}  // namespace hlab::check
