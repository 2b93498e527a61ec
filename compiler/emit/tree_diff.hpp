// What changed between two generated trees, object by object: YAML files are compared per
// Kubernetes object (group, kind, namespace, name within a file) and per field; other files
// (Vault HCL, ...) line by line. Used by `hlabc diff`; holds facts only and renders nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "emit/emit.hpp"

namespace hlab::emit {

enum class Change { Added, Removed, Changed };

// A line of a line diff: ' ' context, '+' added, '-' removed, '@' a hunk header.
struct DiffLine {
  char op = ' ';
  std::string text;
};

// One changed field: `path` like `spec.chart.spec.version`, `metadata.labels["app.kubernetes.io/name"]`,
// `spec.containers[name=app].image` or `resources[2]`. A value is absent (nullopt) on the side
// that does not have the field. Values are one-line YAML; a multi-line string on both sides
// is compared line by line in `lines` instead (the values then say "N lines").
struct FieldChange {
  std::string path;
  std::optional<std::string> old_value, new_value;
  std::vector<DiffLine> lines;
};

struct ObjectDiff {
  Change change = Change::Changed;
  std::string api_version, kind, ns, name;  // name is "document N" for a document without one
  std::vector<FieldChange> fields;          // for Changed only
};

struct FileDiff {
  std::string path;
  Change change = Change::Changed;
  bool yaml = false;                // compared per object
  std::vector<ObjectDiff> objects;  // yaml
  std::vector<DiffLine> lines;      // not yaml (or YAML that does not parse)
};

// The files that differ, sorted by path; empty when the trees are equal. Header comments
// and formatting that do not change a YAML document's data are not differences.
std::vector<FileDiff> diff_trees(const Tree& before, const Tree& after);

// A unified line diff of two texts with `context` lines around each change, with `@`
// lines (`@@ -a,b +c,d @@`) starting each hunk; empty when equal.
std::vector<DiffLine> line_diff(const std::string& before, const std::string& after, std::size_t context = 3);

}  // namespace hlab::emit
