// textDocument/formatting: the layout of `hlabc fmt`, as the smallest run of whole lines that
// changes, so that the editor keeps the cursor and the undo history of the rest.
#include "format/format.hpp"
#include "lsp/handlers.hpp"

namespace hlab::lsp {
namespace {

// Byte offsets where each line of `text` starts, plus text.size() at the end.
std::vector<std::size_t> line_starts(std::string_view text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t k = 0; k < text.size(); ++k)
    if (text[k] == '\n') starts.push_back(k + 1);
  if (starts.back() != text.size()) starts.push_back(text.size());
  return starts;
}

std::string_view line(std::string_view text, const std::vector<std::size_t>& starts, std::size_t k) {
  return text.substr(starts[k], starts[k + 1] - starts[k]);
}

}  // namespace

json formatting(const Document& doc, Encoding enc) {
  format::Result r = format::format_source(doc.path, doc.text);
  // Text with syntax errors is left as it is; the diagnostics already say why.
  if (!r.ok) return nullptr;
  json edits = json::array();
  if (r.text == doc.text) return edits;
  const std::string_view before = doc.text, after = r.text;
  const auto a = line_starts(before), b = line_starts(after);
  const std::size_t na = a.size() - 1, nb = b.size() - 1;
  std::size_t head = 0;
  while (head < na && head < nb && line(before, a, head) == line(after, b, head)) ++head;
  std::size_t tail = 0;
  while (tail < na - head && tail < nb - head && line(before, a, na - 1 - tail) == line(after, b, nb - 1 - tail)) ++tail;
  const std::size_t from = a[head], to = a[na - tail];
  const std::string replacement(after.substr(b[head], b[nb - tail] - b[head]));
  edits.push_back({{"range", to_range(doc.text, doc.lines, static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(to), enc)},
                   {"newText", replacement}});
  return edits;
}

}  // namespace hlab::lsp
