// Reading entity fields while lowering: small helpers over sema values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "emit/doc.hpp"
#include "sema/model.hpp"

namespace hlab::emit::detail {

using sema::Entity;
using sema::Model;
using sema::Value;
using sema::ValueKind;

// A field of an entity's record; nullptr when unset.
inline const Value* field(const Entity& e, std::string_view name) {
  return e.value ? e.value->field(name) : nullptr;
}
inline const Value* field(const Value* v, std::string_view name) {
  return v && v->kind == ValueKind::Record ? v->field(name) : nullptr;
}

// The text of a scalar: strings, words, typed literals, entity names, integers.
std::string text(const Model& m, const Value* v);
// The Kubernetes object name of an entity: its `name` field, else the declaration's name.
std::string object_name(const Entity& e);
// The entity a reference points at; nullptr when `v` is not a reference.
const Entity* deref(const Model& m, const Value* v);
// A sema value as a document node: records map, lists sequence, scalars as written.
// A string that is exactly one Flux placeholder stays unquoted so that the substituted
// value keeps its YAML type.
Node to_node(const Model& m, const Value& v);
// True when `v` is a list with at least one element.
inline bool non_empty_list(const Value* v) { return v && v->kind == ValueKind::List && !v->items.empty(); }
// True when `s` is exactly `${NAME}` (with an optional default).
bool is_placeholder(std::string_view s);

}  // namespace hlab::emit::detail
