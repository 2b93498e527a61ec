// Values and types of the evaluated program. Every value remembers the span it came from.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/source.hpp"

namespace hlab::sema {

// Index of an entity in Model::entities.
struct EntityId {
  std::uint32_t value = UINT32_MAX;
  bool valid() const { return value != UINT32_MAX; }
  friend bool operator==(EntityId, EntityId) = default;
  friend auto operator<=>(EntityId, EntityId) = default;
};
// Index of a schema (or kind) in Model::schemas.
struct SchemaId {
  std::uint32_t value = UINT32_MAX;
  bool valid() const { return value != UINT32_MAX; }
  friend bool operator==(SchemaId, SchemaId) = default;
};

enum class ValueKind : std::uint8_t {
  Null, Bool, Int, String, Ip, Cidr, IpRange, Quantity, Duration, Version, Cron, Hostname,
  Word,       // a bare word: an enum choice or a `name`
  List, Record,
  EntityRef,  // a reference to an entity
  KeyRef,     // a reference to one key of an entity (`general/x.password`)
};

// Human name of a value kind, for messages ("a string", "an IPv4 address").
std::string_view describe(ValueKind k);

struct Value;
using ValuePtr = std::shared_ptr<const Value>;

// What conform() made of a value for a record schema (for a list: a list of records of
// that schema), so that a record passed to many templates or fields is checked once. A copy
// starts empty: it may be changed, and is checked again.
struct ConformMemo {
  mutable std::uint32_t schema = UINT32_MAX;
  mutable ValuePtr result;  // null: the value itself conforms
  ConformMemo() = default;
  ConformMemo(const ConformMemo&) {}
  ConformMemo& operator=(const ConformMemo&) {
    schema = UINT32_MAX;
    result.reset();
    return *this;
  }
};

struct Value {
  ValueKind kind = ValueKind::Null;
  base::Span span;
  bool b = false;
  std::int64_t i = 0;
  std::string text;  // strings, words, typed literals (canonical spelling), KeyRef key
  std::vector<ValuePtr> items;                              // List
  std::vector<std::pair<std::string, ValuePtr>> fields;     // Record, in written order
  std::vector<base::Span> key_spans;                        // Record: span of each key
  EntityId entity;                                          // EntityRef, KeyRef
  bool secret_name = false;  // a Word typed `secret`: names a Kubernetes Secret the checks verify
  ConformMemo conformed;

  // Field lookup on a record; nullptr when absent.
  const Value* field(std::string_view name) const;
  ValuePtr field_ptr(std::string_view name) const;
  // Span of a record key; the value's span when unknown.
  base::Span key_span(std::string_view name) const;
};

// A resolved type.
struct Type;
using TypePtr = std::shared_ptr<const Type>;
struct Type {
  enum class Kind : std::uint8_t {
    Any, String, Int, Bool, Ip, Cidr, IpRange, Quantity, Duration, Version, Cron, Hostname,
    HostPattern, Name, Enum, List, Map, Record, EntityRef, KeyRef
  } kind = Kind::Any;
  TypePtr elem;                          // List, Map
  SchemaId schema;                       // Record, EntityRef, KeyRef (the kind's schema)
  std::string schema_name;               // for messages
  std::vector<std::string> members;      // Enum
  std::optional<std::int64_t> min, max;  // Int
  std::optional<std::string> pattern;    // String
  bool secret_name = false;              // Name: `secret`, the name of a Kubernetes Secret
};
// "a list of cluster references", "int(1..255)", ...
std::string describe(const Type& t);

}  // namespace hlab::sema
