// Module loading: project files, stdlib imports, cycle detection. Internal to sema.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sema/analyze.hpp"

namespace hlab::sema::detail {

// For each module, the module index each import resolved to (-1 when not found).
struct ImportGraph {
  std::vector<std::vector<int>> targets;  // parallel to each module's Import items, in order
};

// Reads the inputs and every module they import (transitively), parses them, and reports
// missing inputs, missing imports and import cycles.
ImportGraph load_modules(const AnalysisOptions& options, Analysis& out);

}  // namespace hlab::sema::detail
