#include <fmt/core.h>

#include "sema/model.hpp"
#include "sema/value.hpp"

namespace hlab::sema {

std::string_view describe(ValueKind k) {
  switch (k) {
    case ValueKind::Null: return "null";
    case ValueKind::Bool: return "a boolean";
    case ValueKind::Int: return "an integer";
    case ValueKind::String: return "a string";
    case ValueKind::Ip: return "an IPv4 address";
    case ValueKind::Cidr: return "a CIDR";
    case ValueKind::IpRange: return "an IP range";
    case ValueKind::Quantity: return "a quantity";
    case ValueKind::Duration: return "a duration";
    case ValueKind::Version: return "a version";
    case ValueKind::Cron: return "a cron schedule";
    case ValueKind::Hostname: return "a hostname";
    case ValueKind::Word: return "a bare word";
    case ValueKind::List: return "a list";
    case ValueKind::Record: return "a record";
    case ValueKind::EntityRef: return "a reference";
    case ValueKind::KeyRef: return "a key reference";
  }
  return "a value";
}

std::string describe(const Type& t) {
  using K = Type::Kind;
  switch (t.kind) {
    case K::Any: return "any value";
    case K::String:
      return t.pattern ? fmt::format("a string matching \"{}\"", *t.pattern) : std::string("a string");
    case K::Int:
      if (t.min || t.max)
        return fmt::format("an integer in {}..{}", t.min ? std::to_string(*t.min) : "",
                           t.max ? std::to_string(*t.max) : "");
      return "an integer";
    case K::Bool: return "a boolean";
    case K::Ip: return "an IPv4 address";
    case K::Cidr: return "a CIDR";
    case K::IpRange: return "an IP range";
    case K::Quantity: return "a quantity";
    case K::Duration: return "a duration";
    case K::Version: return "a version";
    case K::Cron: return "a cron schedule";
    case K::Hostname: return "a hostname";
    case K::HostPattern: return "a hostname or wildcard";
    case K::Name: return t.secret_name ? "the name of a Kubernetes Secret" : "a name";
    case K::Enum: {
      std::string s = "one of ";
      for (std::size_t i = 0; i < t.members.size(); ++i) s += (i ? ", " : "") + t.members[i];
      return s;
    }
    case K::List: return "a list of " + (t.elem ? describe(*t.elem) : std::string("values"));
    case K::Map: return "a map of " + (t.elem ? describe(*t.elem) : std::string("values"));
    case K::Record: return fmt::format("a `{}` record", t.schema_name);
    case K::EntityRef: return fmt::format("a `{}` reference", t.schema_name);
    case K::KeyRef: return fmt::format("a key of a `{}`", t.schema_name);
  }
  return "a value";
}

const Value* Value::field(std::string_view name) const {
  for (const auto& [k, v] : fields)
    if (k == name) return v.get();
  return nullptr;
}
ValuePtr Value::field_ptr(std::string_view name) const {
  for (const auto& [k, v] : fields)
    if (k == name) return v;
  return nullptr;
}
base::Span Value::key_span(std::string_view name) const {
  for (std::size_t n = 0; n < fields.size() && n < key_spans.size(); ++n)
    if (fields[n].first == name) return key_spans[n];
  if (const Value* v = field(name)) return v->span;
  return span;
}

const FieldInfo* SchemaInfo::find(std::string_view field) const {
  for (const auto& f : fields)
    if (f.name == field) return &f;
  return nullptr;
}

std::vector<EntityId> Model::of_kind(std::string_view kind) const {
  std::vector<EntityId> out;
  for (const auto& e : entities)
    if (e.kind == kind) out.push_back(e.id);
  return out;
}

EntityId Model::find(std::string_view kind, std::string_view name) const {
  auto it = index.find(KindName{kind, name});
  return it == index.end() ? EntityId{} : it->second;
}

}  // namespace hlab::sema
