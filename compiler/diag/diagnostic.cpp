#include "diag/diagnostic.hpp"

#include <algorithm>
#include <cstddef>
#include <tuple>

namespace hlab::diag {

namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

// Optimal string alignment distance (Levenshtein plus adjacent transpositions), so that the
// most common typo, two swapped letters, costs one edit instead of two. Names are ASCII in
// practice; bytes are compared as they are.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  // Three rolling rows: the transposition step looks two rows back.
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::string_view file_path(const base::SourceSet& sources, base::FileId file) {
  // Diagnostics without a file (e.g. "no sources") sort before every file.
  if (!file.valid() || file.value >= sources.size()) return {};
  return sources.get(file).path;
}

}  // namespace

const std::vector<CodeInfo>& all_codes() {
  static const std::vector<CodeInfo> codes = {
#define HLAB_CODE(name, id, sev, slug, title) {Code::name, id, Severity::sev, slug, title},
#include "diag/codes.def"
#undef HLAB_CODE
  };
  return codes;
}

const CodeInfo& info(Code c) { return all_codes()[static_cast<std::size_t>(c)]; }

const CodeInfo* find_code(std::string_view id_or_slug) {
  for (const CodeInfo& ci : all_codes())
    if (iequals(ci.id, id_or_slug) || iequals(ci.slug, id_or_slug)) return &ci;
  return nullptr;
}

Diagnostic& DiagSink::report(Code code, base::Span span, std::string message) {
  Diagnostic& d = diags_.emplace_back();
  d.code = code;
  d.severity = info(code).severity;
  d.span = span;
  d.message = std::move(message);
  return d;
}

std::size_t DiagSink::error_count() const {
  return static_cast<std::size_t>(std::count_if(
      diags_.begin(), diags_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t DiagSink::warning_count() const {
  return static_cast<std::size_t>(std::count_if(diags_.begin(), diags_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::Warning;
  }));
}

void DiagSink::sort(const base::SourceSet& sources) {
  auto key = [&](const Diagnostic& d) {
    // The file id breaks ties between two files given the same display path.
    return std::make_tuple(file_path(sources, d.span.file), d.span.file.value, d.span.begin,
                           info(d.code).id);
  };
  // Stable: diagnostics at the same place keep the order the phases emitted them in.
  std::stable_sort(diags_.begin(), diags_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });

  // Duplicates share the sort key, so they sit in one run of equal keys, though not
  // necessarily next to each other; compare within the run only.
  std::vector<Diagnostic> kept;
  kept.reserve(diags_.size());
  std::size_t run_begin = 0;
  for (Diagnostic& d : diags_) {
    if (run_begin < kept.size() && key(kept[run_begin]) != key(d)) run_begin = kept.size();
    const bool duplicate =
        std::any_of(kept.begin() + static_cast<std::ptrdiff_t>(run_begin), kept.end(), [&](const Diagnostic& k) {
          return k.code == d.code && k.span == d.span && k.message == d.message;
        });
    if (!duplicate) kept.push_back(std::move(d));
  }
  diags_ = std::move(kept);
}

std::string closest_match(std::string_view name, const std::vector<std::string>& candidates) {
  // A difference in case only is the most likely mistake of all.
  for (const std::string& c : candidates)
    if (c != name && iequals(c, name)) return c;

  // Same threshold as rustc: a third of the name, at least one edit. Longer names tolerate
  // more typos; a one-letter name would otherwise match every other one-letter name.
  const std::size_t limit = std::max<std::size_t>(1, name.size() / 3);
  const std::string* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    if (c.empty() || c == name) continue;
    const std::size_t length_gap = c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
    if (length_gap >= best_distance) continue;  // cannot beat the best so far
    const std::size_t dist = edit_distance(name, c);
    if (dist < best_distance) {  // strict: the earlier candidate wins a tie
      best = &c;
      best_distance = dist;
    }
  }
  return best ? *best : std::string{};
}

}  // namespace hlab::diag
