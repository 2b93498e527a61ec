// Files beside the Flux tree: Talos machine-config patches, the cilium-values template of
// the talos-cluster-module, and Vault policies.
#pragma once

#include <vector>

#include "emit/emit.hpp"

namespace hlab::emit::detail {

// talos/<cluster>/{controlplane,worker}.yaml, the cilium-values template, vault/policies/*.hcl.
std::vector<OutputFile> platform_files(const sema::Analysis& analysis);

}  // namespace hlab::emit::detail
