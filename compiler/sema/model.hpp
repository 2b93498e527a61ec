// The typed model of a homelab: entities in vectors, referred to by typed ids.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sema/value.hpp"

namespace hlab::sema {

// A field of a schema.
struct FieldInfo {
  std::string name;
  bool optional = false;
  bool has_default = false;
  TypePtr type;
  std::string doc;
  base::Span span;
};

// A schema or kind, from `schema X { }` or `kind x { }` in a module.
struct SchemaInfo {
  SchemaId id;
  std::string name;
  bool is_kind = false;
  std::string on_field, in_field;
  std::vector<FieldInfo> fields;
  std::string doc;
  base::Span span;
  std::string module;  // "std.cilium"
  const FieldInfo* find(std::string_view field) const;
};

// One declared entity: `cluster main { ... }`.
struct Entity {
  EntityId id;
  std::string kind;
  std::string name;
  SchemaId schema;
  base::Span name_span;
  base::Span span;        // the whole declaration
  ValuePtr value;         // the evaluated record, defaults filled in
  std::string doc;
  std::string module;     // module that declared it
};

struct Model {
  std::vector<SchemaInfo> schemas;
  std::vector<Entity> entities;

  const Entity& get(EntityId id) const { return entities[id.value]; }
  const SchemaInfo& get(SchemaId id) const { return schemas[id.value]; }
  // All entities of a kind, in declaration order.
  std::vector<EntityId> of_kind(std::string_view kind) const;
  // The entity of `kind` named `name`; invalid id when absent.
  EntityId find(std::string_view kind, std::string_view name) const;

  // (kind, name) -> entity; looked up without building strings.
  struct KindName {
    std::string_view kind, name;
  };
  struct KindNameHash {
    using is_transparent = void;
    std::size_t operator()(KindName k) const {
      std::size_t h = std::hash<std::string_view>{}(k.kind);
      return h ^ (std::hash<std::string_view>{}(k.name) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
    }
    std::size_t operator()(const std::pair<std::string, std::string>& k) const { return (*this)(KindName{k.first, k.second}); }
  };
  struct KindNameEq {
    using is_transparent = void;
    static KindName view(KindName k) { return k; }
    static KindName view(const std::pair<std::string, std::string>& k) { return {k.first, k.second}; }
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      KindName x = view(a), y = view(b);
      return x.kind == y.kind && x.name == y.name;
    }
  };
  std::unordered_map<std::pair<std::string, std::string>, EntityId, KindNameHash, KindNameEq> index;
};

}  // namespace hlab::sema
