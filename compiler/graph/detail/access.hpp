// Small readers of entity records for the graph builders. Every reader tolerates absent
// fields: a kind declared by a private stdlib with other fields is drawn partially, not
// misread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sema/model.hpp"

namespace hlab::graph::detail {

using sema::Entity;
using sema::EntityId;
using sema::Model;
using sema::Value;
using sema::ValueKind;

inline const Value* field(const Entity& e, std::string_view name) {
  return e.value && e.value->kind == ValueKind::Record ? e.value->field(name) : nullptr;
}
// The entity an EntityRef or KeyRef names; invalid for anything else or nullptr.
inline EntityId ref(const Value* v) {
  return v && (v->kind == ValueKind::EntityRef || v->kind == ValueKind::KeyRef) ? v->entity : EntityId{};
}
inline EntityId ref_field(const Entity& e, std::string_view name) { return ref(field(e, name)); }
// The text of a scalar (string, word, typed literal, integer); empty for nullptr.
inline std::string text(const Value* v) {
  if (!v) return "";
  if (v->kind == ValueKind::Int) return std::to_string(v->i);
  return v->text;
}
// The Kubernetes object name: the `name` field when set, else the declaration's name.
inline std::string object_name(const Entity& e) {
  const Value* n = field(e, "name");
  return n && !n->text.empty() ? n->text : e.name;
}
// "namespace/name" of a namespaced object; the name alone without a namespace.
inline std::string qualified_name(const Entity& e) {
  std::string ns = text(field(e, "namespace"));
  return ns.empty() ? object_name(e) : ns + "/" + object_name(e);
}

// "a, b, c".
inline std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(sep)) + item;
  return out;
}

}  // namespace hlab::graph::detail
