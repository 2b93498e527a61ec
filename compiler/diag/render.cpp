#include "diag/render.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>

#include "diag/detail/display_text.hpp"

namespace hlab::diag {

namespace {

using detail::Cell;

// Source lines wider than this many display columns are cut around the spans.
constexpr std::uint32_t kMaxLineWidth = 200;
// Columns of context kept before the first span of a cut line.
constexpr std::uint32_t kContextBefore = 40;
// Lines further apart than this are separated by "..." instead of shown in between.
constexpr std::uint32_t kMaxFilledGap = 1;

constexpr std::string_view kBold = "1";
constexpr std::string_view kRed = "1;31";
constexpr std::string_view kYellow = "1;33";
constexpr std::string_view kGreen = "1;32";
constexpr std::string_view kBlue = "1;34";

// Wraps text in an ANSI style when colour is on; the only place escape codes are produced.
struct Painter {
  bool color = false;
  std::string operator()(std::string_view text, std::string_view style) const {
    if (!color || text.empty()) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", style, text);
  }
};

std::string_view severity_word(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

std::string_view severity_style(Severity s) {
  switch (s) {
    case Severity::Error: return kRed;
    case Severity::Warning: return kYellow;
    case Severity::Note: return kGreen;
  }
  return kRed;
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

bool has_file(const base::SourceSet& sources, base::Span span) {
  return span.file.valid() && span.file.value < sources.size();
}

// One span to underline, resolved against its file.
struct Mark {
  std::uint32_t begin = 0;      // byte offsets, clamped to the file
  std::uint32_t end = 0;
  std::uint32_t line = 0;       // 0-based line of `begin`
  std::uint32_t last_line = 0;  // 0-based line of the last byte covered
  bool primary = false;
  std::string_view label;
};

Mark make_mark(const base::SourceFile& file, base::Span span, bool primary, std::string_view label) {
  const auto size = static_cast<std::uint32_t>(file.text.size());
  Mark m;
  m.begin = std::min(span.begin, size);
  m.end = std::clamp(span.end, m.begin, size);
  m.line = file.lines.line_index(m.begin);
  // A span that ends with a line break still belongs to one line: look at its last byte.
  m.last_line = m.end > m.begin ? file.lines.line_index(m.end - 1) : m.line;
  m.primary = primary;
  m.label = label;
  return m;
}

// The marks of one file, shown as one snippet.
struct Block {
  base::FileId file;
  std::vector<Mark> marks;
};

// A marker row under a source line: where the carets go, in output columns.
struct MarkerRow {
  std::uint32_t column = 0;
  std::uint32_t count = 1;
  const Mark* mark = nullptr;
};

// Shared state for rendering one diagnostic.
struct Context {
  const base::SourceSet& sources;
  const Painter& paint;
  Severity severity;
  std::size_t gutter;  // width of the line-number column
};

std::string empty_gutter(const Context& cx) {
  return cx.paint(fmt::format("{:{}}|", "", cx.gutter + 1), kBlue);
}

// Renders one source line and the carets of every mark starting on it.
void render_line(std::string& out, const Context& cx, const base::SourceFile& file, std::uint32_t line,
                 const std::vector<const Mark*>& marks) {
  const std::string_view text = file.lines.line_text(file.text, line);
  const std::uint32_t line_start = file.lines.line_start(line);
  const auto text_size = static_cast<std::uint32_t>(text.size());
  const std::vector<Cell> cells = detail::layout_line(text);
  const std::uint32_t width = detail::total_width(cells);

  std::vector<MarkerRow> rows;
  for (const Mark* m : marks) {
    const std::uint32_t b = std::min(m->begin - line_start, text_size);
    const std::uint32_t first = detail::column_before(cells, b);
    std::uint32_t last = width;
    if (m->last_line == m->line) last = detail::column_after(cells, std::min(m->end - line_start, text_size));
    // An empty span, or one covering only the line break, still gets one caret.
    rows.push_back({first, last > first ? last - first : 1, m});
  }

  // Cut a very long line to a window around the marks, on cell boundaries.
  std::size_t first_cell = 0;
  std::size_t end_cell = cells.size();
  std::uint32_t window_begin = 0;
  std::uint32_t window_end = width;
  if (width > kMaxLineWidth) {
    // A line shown only as context (no marks) keeps its beginning.
    std::uint32_t lo = rows.empty() ? 0 : rows.front().column;
    for (const MarkerRow& r : rows) lo = std::min(lo, r.column);
    std::uint32_t wb = lo > kContextBefore ? lo - kContextBefore : 0;
    std::uint32_t we = wb + kMaxLineWidth;
    if (we > width) {
      we = width;
      wb = width - kMaxLineWidth;
    }
    while (first_cell < cells.size() && cells[first_cell].column < wb) ++first_cell;
    end_cell = first_cell;
    while (end_cell < cells.size() && cells[end_cell].column + cells[end_cell].width <= we) ++end_cell;
    window_begin = first_cell < cells.size() ? cells[first_cell].column : width;
    window_end = end_cell > first_cell ? cells[end_cell - 1].column + cells[end_cell - 1].width : window_begin;
  }
  const bool cut_front = window_begin > 0;
  const bool cut_back = window_end < width;

  std::string shown = cut_front ? "..." : "";
  for (std::size_t i = first_cell; i < end_cell; ++i) shown += cells[i].text;
  if (cut_back) shown += "...";

  out += cx.paint(fmt::format("{:>{}} |", line + 1, cx.gutter), kBlue);
  if (!shown.empty()) out += ' ' + shown;
  out += '\n';

  std::stable_sort(rows.begin(), rows.end(), [](const MarkerRow& a, const MarkerRow& b) {
    if (a.column != b.column) return a.column < b.column;
    return a.mark->primary && !b.mark->primary;
  });
  const std::uint32_t shift = cut_front ? 3 : 0;
  for (const MarkerRow& r : rows) {
    const std::uint32_t from = std::clamp(r.column, window_begin, window_end);
    const std::uint32_t to = std::clamp(r.column + r.count, window_begin, window_end);
    const std::uint32_t count = to > from ? to - from : 1;
    const Mark& m = *r.mark;
    std::string label(m.label);
    if (m.last_line != m.line)
      label += fmt::format("{}(continues to line {})", label.empty() ? "" : " ", m.last_line + 1);
    const std::string_view style = m.primary ? severity_style(cx.severity) : kBlue;
    std::string marker(count, m.primary ? '^' : '-');
    if (!label.empty()) marker += ' ' + label;
    out += empty_gutter(cx);
    out += fmt::format(" {:{}}", "", from - window_begin + shift);
    out += cx.paint(marker, style);
    out += '\n';
  }
}

// Renders the source lines of one block: every line a mark starts on, in order, with short
// gaps filled in and long ones elided.
void render_block(std::string& out, const Context& cx, const Block& block) {
  const base::SourceFile& file = cx.sources.get(block.file);
  std::vector<std::uint32_t> lines;
  for (const Mark& m : block.marks) lines.push_back(m.line);
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());

  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) {
      const std::uint32_t gap = lines[i] - lines[i - 1] - 1;
      if (gap > kMaxFilledGap) {
        out += cx.paint("...", kBlue) + '\n';
      } else {
        for (std::uint32_t l = lines[i - 1] + 1; l < lines[i]; ++l) render_line(out, cx, file, l, {});
      }
    }
    std::vector<const Mark*> on_line;
    for (const Mark& m : block.marks)
      if (m.line == lines[i]) on_line.push_back(&m);
    render_line(out, cx, file, lines[i], on_line);
  }
}

void render_one(std::string& out, const Diagnostic& d, const base::SourceSet& sources, const Painter& paint) {
  const std::string_view sev_style = severity_style(d.severity);
  out += paint(fmt::format("{}[{}]", severity_word(d.severity), info(d.code).id), sev_style);
  out += paint(fmt::format(": {}", d.message), kBold);
  out += '\n';

  // The primary file first, holding every label in that file; then other files in the order
  // their first label appears.
  std::vector<Block> blocks;
  auto block_for = [&](base::FileId file) -> Block& {
    for (Block& b : blocks)
      if (b.file == file) return b;
    return blocks.emplace_back(Block{file, {}});
  };
  if (has_file(sources, d.span))
    block_for(d.span.file).marks.push_back(make_mark(sources.get(d.span.file), d.span, true, d.primary_label));
  for (const Label& l : d.labels)
    if (has_file(sources, l.span))
      block_for(l.span.file).marks.push_back(make_mark(sources.get(l.span.file), l.span, false, l.message));

  std::uint32_t max_line = 1;
  for (const Block& b : blocks)
    for (const Mark& m : b.marks) max_line = std::max(max_line, m.line + 1);
  const Context cx{sources, paint, d.severity, fmt::formatted_size("{}", max_line)};

  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    const base::SourceFile& file = sources.get(b.file);
    // The location shown is the primary span's, or the earliest label's in other files.
    std::uint32_t at = b.marks.front().begin;
    if (!(i == 0 && b.marks.front().primary))
      for (const Mark& m : b.marks) at = std::min(at, m.begin);
    const detail::Position pos = detail::locate(file, at);
    if (i > 0) out += empty_gutter(cx) + '\n';
    out += fmt::format("{:{}}", "", cx.gutter);
    out += paint(i == 0 ? "-->" : ":::", kBlue);
    out += fmt::format(" {}:{}:{}\n", file.path, pos.line, pos.column);
    out += empty_gutter(cx) + '\n';
    render_block(out, cx, b);
  }

  if (!d.notes.empty() || !d.help.empty()) {
    if (!blocks.empty()) out += empty_gutter(cx) + '\n';
    auto footer = [&](std::string_view kind, std::string_view text) {
      // Continuation lines of a multi-line note line up under its first line.
      const std::string indent(cx.gutter + 1 + 2 + kind.size() + 2, ' ');
      std::string body;
      for (char c : text) {
        body += c;
        if (c == '\n') body += indent;
      }
      out += fmt::format("{:{}}", "", cx.gutter + 1) + paint("=", kBlue) + ' ';
      out += paint(fmt::format("{}:", kind), kBold) + ' ' + body + '\n';
    };
    for (const std::string& n : d.notes) footer("note", n);
    if (!d.help.empty()) footer("help", d.help);
  }
}

}  // namespace

std::string render_terminal(const std::vector<Diagnostic>& diags, const base::SourceSet& sources,
                            const TerminalOptions& options) {
  const Painter paint{options.color};
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const Diagnostic& d : diags) {
    if (d.severity == Severity::Error) ++errors;
    if (d.severity == Severity::Warning) ++warnings;
  }

  std::string out;
  std::size_t shown_errors = 0;
  std::size_t i = 0;
  for (; i < diags.size(); ++i) {
    if (diags[i].severity == Severity::Error) {
      // Like gcc's -fmax-errors, zero means no limit.
      if (options.max_errors != 0 && shown_errors == options.max_errors) break;
      ++shown_errors;
    }
    render_one(out, diags[i], sources, paint);
    out += '\n';
  }
  if (shown_errors < errors) {
    out += paint("error", kRed) + paint(fmt::format(": {} more {} not shown", errors - shown_errors,
                                                    errors - shown_errors == 1 ? "error" : "errors"),
                                        kBold);
    out += "\n\n";
  }

  if (errors > 0) {
    std::string counts = plural(errors, "error");
    if (warnings > 0) counts += " and " + plural(warnings, "warning");
    out += paint("error", kRed) + paint(fmt::format(": {} emitted", counts), kBold) + '\n';
  } else if (warnings > 0) {
    out += paint("warning", kYellow) + paint(fmt::format(": {} emitted", plural(warnings, "warning")), kBold) + '\n';
  }
  return out;
}

namespace {

// Sets file, line, column, end_line and end_column of `j` from a span; nulls without a file.
void put_location(nlohmann::json& j, const base::SourceSet& sources, base::Span span) {
  if (!has_file(sources, span)) {
    for (const char* key : {"file", "line", "column", "end_line", "end_column"}) j[key] = nullptr;
    return;
  }
  const base::SourceFile& file = sources.get(span.file);
  const detail::Position b = detail::locate(file, span.begin);
  const detail::Position e = detail::locate(file, std::max(span.begin, span.end));
  j["file"] = file.path;
  j["line"] = b.line;
  j["column"] = b.column;
  j["end_line"] = e.line;
  j["end_column"] = e.column;
}

}  // namespace

std::string render_json(const std::vector<Diagnostic>& diags, const base::SourceSet& sources) {
  nlohmann::json list = nlohmann::json::array();
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const Diagnostic& d : diags) {
    if (d.severity == Severity::Error) ++errors;
    if (d.severity == Severity::Warning) ++warnings;
    const CodeInfo& ci = info(d.code);
    nlohmann::json j;
    j["code"] = ci.id;
    j["slug"] = ci.slug;
    j["severity"] = severity_word(d.severity);
    j["message"] = d.message;
    put_location(j, sources, d.span);
    j["labels"] = nlohmann::json::array();
    for (const Label& l : d.labels) {
      nlohmann::json lj;
      put_location(lj, sources, l.span);
      lj["message"] = l.message;
      j["labels"].push_back(std::move(lj));
    }
    j["notes"] = d.notes;
    j["help"] = d.help;
    j["fixes"] = nlohmann::json::array();
    for (const FixEdit& f : d.fixes) {
      nlohmann::json fj;
      put_location(fj, sources, f.span);
      fj["replacement"] = f.replacement;
      j["fixes"].push_back(std::move(fj));
    }
    list.push_back(std::move(j));
  }
  const nlohmann::json doc = {
      {"version", 1}, {"diagnostics", std::move(list)}, {"errors", errors}, {"warnings", warnings}};
  // Messages quote user text; bytes that are not UTF-8 become U+FFFD instead of throwing.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}

}  // namespace hlab::diag
