// The formatter's front door: parse, lay out, check that the meaning is unchanged.
#include "format/format.hpp"

#include "format/layout.hpp"
#include "syntax/parse.hpp"

namespace hlab::format {

Outcome format_file(const base::SourceFile& source, base::FileId file, diag::DiagSink& sink) {
  std::size_t errors_before = sink.error_count();
  syntax::ParsedFile parsed = syntax::parse(source, file, sink);
  if (sink.error_count() > errors_before) return {Status::SyntaxErrors, {}};

  std::string text = detail::layout(source.text, parsed);
  base::SourceFile again(source.path, text);
  diag::DiagSink scratch;
  syntax::ParsedFile reparsed = syntax::parse(again, file, scratch);
  if (scratch.has_errors() || dump_tree(reparsed) != dump_tree(parsed)) return {Status::Unstable, {}};
  return {Status::Formatted, std::move(text)};
}

Result format_source(std::string_view path, std::string_view text) {
  base::SourceFile source{std::string(path), std::string(text)};
  diag::DiagSink sink;
  Outcome o = format_file(source, base::FileId{0}, sink);
  if (o.status != Status::Formatted) return {};
  return {true, std::move(o.text)};
}

}  // namespace hlab::format
