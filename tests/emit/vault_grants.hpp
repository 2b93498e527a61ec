// An audit of a generated tree that knows nothing of hlabc's checks: it reads the YAML and
// the Vault policy HCL the tree holds and asks whether every ExternalSecret can read what
// it asks for and every PushSecret can write where it pushes — as Vault would decide it.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace hlab::emit_test::vault {

// One `path "..." { capabilities = [...] }` rule.
struct Rule {
  std::string pattern;
  std::set<std::string> capabilities;
};

struct Policy {
  std::string name;  // file name without .hcl
  std::vector<Rule> rules;
  bool declared_only = false;  // says no reader or writer uses it (grants copied as declared)
};

// Parses the subset of HCL a Vault policy uses: `path "P" { capabilities = ["c", ...] }`
// blocks, `#` and `//` comments. Any other content is an error, returned in `error`.
Policy parse_policy(std::string_view text, std::string& error);

// Vault's glob: `*` only at the end matches any suffix; `+` matches one whole path segment.
bool glob_matches(std::string_view pattern, std::string_view path);
// Vault's priority between two patterns matching one path: true when `a` loses to `b`.
bool lower_priority(std::string_view a, std::string_view b);
// The rule Vault applies to `path` within `policy` (its most specific match), or nullptr.
const Rule* applicable_rule(const Policy& policy, std::string_view path);
// True when `policy` alone allows `capability` on `path` (and its rule does not deny).
bool allows(const Policy& policy, std::string_view path, std::string_view capability);

// What the audit found.
struct Audit {
  std::vector<std::string> problems;  // one readable line each
  std::vector<Policy> policies;
  std::size_t reads_checked = 0;   // ExternalSecret keys, after ${VAR} expansion
  std::size_t writes_checked = 0;  // PushSecret remote keys, after ${VAR} expansion
  // Every exact path the readers and writers use, and the capabilities they need there.
  std::map<std::string, std::set<std::string>> used;
};

// Parses every YAML and policy file below `out` and checks the ExternalSecrets and
// PushSecrets against the policies. `${VAR}`s in remote keys are expanded with the
// postBuild.substitute of each Flux Kustomization whose spec.path reaches the file
// (following kustomization.yaml resources, as kustomize does); a file no Kustomization
// reaches is taken as it is. With `push_metadata`, PushSecrets to a KV v2 store also need
// create, read and update on `<mount>/metadata/<key>`, where ESO records that it owns the key.
Audit audit_tree(const std::filesystem::path& out, bool push_metadata = false);

// Problems when a generated policy grants an exact path that no reader or writer of the
// tree uses (least privilege). Policies marked declared-only are left out.
std::vector<std::string> unused_grants(const Audit& audit);

}  // namespace hlab::emit_test::vault
