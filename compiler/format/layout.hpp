// The canonical layout of one parsed file (see README.md for the rules).
#pragma once

#include <string>
#include <string_view>

#include "syntax/ast.hpp"

namespace hlab::format::detail {

// Lays out `file`, parsed from `source` without errors, in the canonical form.
std::string layout(std::string_view source, const syntax::ParsedFile& file);

// The widest a line may be before a bracket is broken over several lines.
inline constexpr std::size_t kLineWidth = 100;

}  // namespace hlab::format::detail
