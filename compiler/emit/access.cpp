#include "emit/detail/access.hpp"

namespace hlab::emit::detail {

std::string text(const Model& m, const Value* v) {
  if (!v) return {};
  switch (v->kind) {
    case ValueKind::Int: return std::to_string(v->i);
    case ValueKind::Bool: return v->b ? "true" : "false";
    case ValueKind::EntityRef: return m.get(v->entity).name;
    case ValueKind::Null: return {};
    default: return v->text;
  }
}

std::string object_name(const Entity& e) {
  const Value* n = field(e, "name");
  return n ? n->text : e.name;
}

const Entity* deref(const Model& m, const Value* v) {
  if (!v || (v->kind != ValueKind::EntityRef && v->kind != ValueKind::KeyRef)) return nullptr;
  return &m.get(v->entity);
}

bool is_placeholder(std::string_view s) {
  if (s.size() < 4 || !s.starts_with("${") || s.back() != '}') return false;
  return s.find('}') == s.size() - 1;
}

Node to_node(const Model& m, const Value& v) {
  switch (v.kind) {
    case ValueKind::Null: return Node();
    case ValueKind::Bool: return Node(v.b);
    case ValueKind::Int: return Node(v.i);
    case ValueKind::List: {
      Node n = Node::seq();
      n.reserve(v.items.size());
      for (const auto& item : v.items) n.push(to_node(m, *item));
      return n;
    }
    case ValueKind::Record: {
      Node n = Node::map();
      n.reserve(v.fields.size());
      for (const auto& [k, item] : v.fields) n[k] = to_node(m, *item);
      return n;
    }
    case ValueKind::EntityRef: return Node(m.get(v.entity).name);
    case ValueKind::KeyRef: return Node(v.text);
    case ValueKind::String:
      if (is_placeholder(v.text)) return Node::raw(v.text);
      return Node(v.text);
    default: return Node(v.text);
  }
}

}  // namespace hlab::emit::detail
