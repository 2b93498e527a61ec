// Long-form documentation of diagnostic codes, shown by `hlabc explain CODE`.
#pragma once

#include <string_view>

#include "diag/diagnostic.hpp"

namespace hlab::diag {

// Long-form documentation of a code: what it means, a bad example, a good example.
// Markdown text with `Bad:` and `Good:` .hlab examples; never empty.
std::string_view explanation(Code code);

}  // namespace hlab::diag
