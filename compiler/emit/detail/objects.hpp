// Lowering of entities into Kubernetes objects, one function per family.
#pragma once

#include <string>
#include <vector>

#include "emit/doc.hpp"
#include "sema/model.hpp"

namespace hlab::emit::detail {

// One Kubernetes object and where it goes.
struct Object {
  std::string folder;  // folder entity name: "clusters/main/vault"
  std::string file;    // file name inside the folder
  Node doc;
  sema::EntityId entity;
};

// Appends the objects entity `e` becomes (none, one, or an object and the ReferenceGrant
// it needs), in order. Lowering every entity in model order gives every object in
// declaration order. Only reads the model: entities may be lowered on several threads.
void lower_entity(const sema::Model& model, const sema::Entity& e, std::vector<Object>& out);

// `apiVersion`/`kind`/`metadata` of an object of entity `e` (namespace when non-empty).
Node object_head(std::string_view api_version, std::string_view kind, const std::string& name,
                 const std::string& ns);

}  // namespace hlab::emit::detail
