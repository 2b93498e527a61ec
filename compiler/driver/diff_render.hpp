// Rendering the differences of two generated trees for `hlabc diff`: text for a terminal
// (coloured on request), Markdown for a merge request comment, JSON for tools.
#pragma once

#include <string>
#include <vector>

#include "emit/tree_diff.hpp"

namespace hlab::driver {

std::string render_diff_text(const std::vector<emit::FileDiff>& diffs, bool color);
std::string render_diff_markdown(const std::vector<emit::FileDiff>& diffs, const std::string& against);
std::string render_diff_json(const std::vector<emit::FileDiff>& diffs, const std::string& against);

}  // namespace hlab::driver
