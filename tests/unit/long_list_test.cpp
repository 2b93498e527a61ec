// A long `let` binding a list literal is parsed in two halves on two threads. Whatever the
// input, the result must be the one the item-at-a-time path gives: the same tree, the same
// spans, the same diagnostics.
#include <catch2/catch.hpp>

#include <fmt/core.h>

#include <string>
#include <variant>

#include "diag/diagnostic.hpp"
#include "format/format.hpp"
#include "syntax/parse.hpp"

using hlab::base::FileId;
using hlab::base::SourceFile;
using hlab::base::Span;
using namespace hlab::syntax;

namespace {

constexpr FileId kFile{0};

struct Parsed {
  ParsedFile file;
  hlab::diag::DiagSink sink;
};

Parsed parse_text(const std::string& text, bool split) {
  SourceFile src("data.hlab", text);
  Parsed p;
  ParseLimits limits;
  limits.split_list_bytes = split ? 1024 : 0;
  p.file = parse(src, kFile, p.sink, limits);
  return p;
}

std::string at(Span s) { return fmt::format("[{},{})", s.begin, s.end); }

// Every span of an expression tree, in order.
void spans(const ExprPtr& e, std::string& out) {
  if (!e) {
    out += "-";
    return;
  }
  out += at(e->span);
  std::visit(
      [&](const auto& n) {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, StringLit>) {
          for (const auto& p : n.parts) {
            out += "p" + at(p.span);
            spans(p.interp, out);
          }
        } else if constexpr (std::is_same_v<T, Member>) {
          spans(n.base, out);
          out += "f" + at(n.field_span);
        } else if constexpr (std::is_same_v<T, RecordLit>) {
          for (const auto& f : n.fields) {
            out += "{" + at(f.span);
            for (auto s : f.path_spans) out += "k" + at(s);
            spans(f.value, out);
            out += "}";
          }
        } else if constexpr (std::is_same_v<T, ListLit>) {
          for (const auto& i : n.items) spans(i, out);
        } else if constexpr (std::is_same_v<T, Call>) {
          spans(n.callee, out);
          for (const auto& a : n.args) {
            out += "a" + at(a.name_span);
            spans(a.value, out);
          }
        } else if constexpr (std::is_same_v<T, Binary>) {
          spans(n.lhs, out);
          out += "o" + at(n.op_span);
          spans(n.rhs, out);
        } else if constexpr (std::is_same_v<T, Unary>) {
          spans(n.operand, out);
        } else if constexpr (std::is_same_v<T, IfExpr>) {
          spans(n.cond, out);
          spans(n.then_branch, out);
          spans(n.else_branch, out);
        } else if constexpr (std::is_same_v<T, ListComp>) {
          out += "v" + at(n.var_span);
          spans(n.iter, out);
          spans(n.cond, out);
          spans(n.body, out);
        }
      },
      e->node);
}

std::string all_spans(const ParsedFile& f) {
  std::string out;
  for (const auto& item : f.items) {
    out += "item" + at(item.span);
    if (const auto* let = std::get_if<LetDecl>(&item.node)) {
      out += "name" + at(let->name_span);
      if (let->type) out += "type" + at(let->type->span);
      spans(let->value, out);
    }
    out += "\n";
  }
  return out;
}

std::string diagnostics(const hlab::diag::DiagSink& sink) {
  std::string out;
  for (const auto& d : sink.diagnostics())
    out += fmt::format("{} {} {} {}\n", hlab::diag::info(d.code).id, at(d.span), d.message, d.help);
  return out;
}

// Parses `text` both ways and requires the same result.
void same_both_ways(const std::string& text) {
  Parsed whole = parse_text(text, false);
  Parsed split = parse_text(text, true);
  CHECK(diagnostics(split.sink) == diagnostics(whole.sink));
  CHECK(hlab::format::dump_tree(split.file) == hlab::format::dump_tree(whole.file));
  CHECK(all_spans(split.file) == all_spans(whole.file));
  CHECK(split.file.trivia.size() == whole.file.trivia.size());
}

std::string records(int n, const std::string& sep = ",\n") {
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i % 7 == 0) out += "  # group " + std::to_string(i / 7) + ", with [brackets] and \"quotes\" in a comment\n";
    out += fmt::format(
        "  {{ name = svc-{0}, chart = \"chart-{0}\", port = {1}, cpu = \"100m\", tags = [a, \"b,c\", {{ d = [1, 2] }}],\n"
        "    note = \"x\\\"y\\\\z \\u{{e9}} \\(name)\", nested = {{ a.b = \"{{}}[]()\", url = \"https://h/{0}\" }} }}{2}",
        i, 8000 + i, sep);
  }
  return out;
}

}  // namespace

TEST_CASE("a long list let parses to the same tree, spans and trivia on two threads") {
  std::string text = "import std.core\n\nschema R {\n  name: name\n}\n\n## The data.\nlet data: [R] = [\n" +
                     records(400) + "]\n\nlet other = 1\n";
  REQUIRE(text.size() > 60 * 1024);
  same_both_ways(text);
  Parsed split = parse_text(text, true);
  CHECK(split.sink.diagnostics().empty());
  REQUIRE(split.file.items.size() == 4);
  const auto& let = std::get<LetDecl>(split.file.items[2].node);
  CHECK(let.doc == "The data.");
  CHECK(std::get<ListLit>(let.value->node).items.size() == 400);
}

TEST_CASE("a long list let: separators, comments and a last element without a comma") {
  same_both_ways("let data = [\n" + records(200, "\n") + "]\n");                // line breaks only: no split point
  same_both_ways("let data = [\n" + records(200) + "  last\n]\n");             // trailing element without comma
  same_both_ways("let data = [ /* a [ comment ] */\n" + records(200) + "]  # done\n");
  same_both_ways("let data = [\n" + records(200) + "] + [1]\n");               // not one list literal
  same_both_ways("let data = [for x in [\n" + records(200) + "]: x]\n");      // a comprehension
  same_both_ways("let data: { string } = {\n  a = [\n" + records(200) + "]\n}\n");  // not a list
}

TEST_CASE("a long list let with mistakes reports what the whole parse reports") {
  std::string good = records(150);
  std::string bad = records(150);
  // A syntax error in the first half, one in the second, an integer too large, an
  // unterminated interpolation inside a string, a bad escape.
  same_both_ways("let data = [\n" + good + "  { a = = 1 },\n" + good + "]\n");
  same_both_ways("let data = [\n" + good + good + "  { a = 1 ]\n" + "]\n");
  same_both_ways("let data = [\n" + good + "  99999999999999999999999,\n" + good + "]\n");
  same_both_ways("let data = [\n" + good + "  \"\\q\",\n" + good + "]\n");
  same_both_ways("let data = [\n" + good + "  \"\"\"x\"\"\",\n" + good + "]\n");
  same_both_ways("let = [\n" + good + "]\n");
  same_both_ways("let data: [R = [\n" + good + "]\n");
}
