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

// Every object of every kind that becomes Kubernetes YAML, in declaration order.
std::vector<Object> lower_objects(const sema::Model& model);

// `apiVersion`/`kind`/`metadata` of an object of entity `e` (namespace when non-empty).
Node object_head(std::string_view api_version, std::string_view kind, const std::string& name,
                 const std::string& ns);

}  // namespace hlab::emit::detail
