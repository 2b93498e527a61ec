#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "diag/diagnostic.hpp"
#include "diag/explain.hpp"
#include "diag/render.hpp"

using hlab::base::FileId;
using hlab::base::SourceSet;
using hlab::base::Span;
using namespace hlab::diag;

namespace {

// The span of the `nth` occurrence of `needle` in a file; tests name text, not offsets.
Span find_span(const SourceSet& sources, FileId file, std::string_view needle, int nth = 0) {
  const std::string& text = sources.get(file).text;
  std::size_t at = text.find(needle);
  for (int i = 0; i < nth && at != std::string::npos; ++i) at = text.find(needle, at + 1);
  REQUIRE(at != std::string::npos);
  return Span{file, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())};
}

Span empty_at(FileId file, std::size_t offset) {
  return Span{file, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(offset)};
}

Diagnostic make(Code code, Span span, std::string message, std::string primary_label = {}) {
  Diagnostic d;
  d.code = code;
  d.severity = info(code).severity;
  d.span = span;
  d.message = std::move(message);
  d.primary_label = std::move(primary_label);
  return d;
}

std::string render(const SourceSet& sources, const std::vector<Diagnostic>& diags, TerminalOptions options = {}) {
  return render_terminal(diags, sources, options);
}

const char* const kClusters =
    "cluster gitlab {\n"
    "  role = workload\n"
    "}\n"
    "\n"
    "global_service dragonfly-gl in gitlab {\n"
    "  backend = gitlb\n"
    "}\n";

}  // namespace

TEST_CASE("the registry is complete and consistent", "[diag][registry]") {
  std::size_t lines = 0;
#define HLAB_CODE(name, id, sev, slug, title) ++lines;
#include "diag/codes.def"
#undef HLAB_CODE
  REQUIRE(all_codes().size() == lines);

  std::set<std::string_view> ids;
  std::set<std::string_view> slugs;
  for (const CodeInfo& ci : all_codes()) {
    CHECK(&info(ci.code) == &ci);
    CHECK(ids.insert(ci.id).second);
    CHECK(slugs.insert(ci.slug).second);
    CHECK(!ci.title.empty());
    CHECK((ci.id[0] == 'W') == (ci.severity == Severity::Warning));
  }
}

TEST_CASE("codes are found by id or slug, ignoring case", "[diag][registry]") {
  REQUIRE(find_code("E0201") != nullptr);
  CHECK(find_code("E0201")->code == Code::UnknownName);
  CHECK(find_code("e0201")->code == Code::UnknownName);
  CHECK(find_code("unknown-name")->code == Code::UnknownName);
  CHECK(find_code("Unknown-Name")->code == Code::UnknownName);
  CHECK(find_code("w0201")->severity == Severity::Warning);
  CHECK(find_code("E9999") == nullptr);
  CHECK(find_code("E020") == nullptr);
  CHECK(find_code("") == nullptr);
  CHECK(info(Code::DuplicateDefinition).id == "E0202");
  CHECK(info(Code::DuplicateDefinition).slug == "duplicate-definition");
}

TEST_CASE("report uses the default severity of the code", "[diag][sink]") {
  DiagSink sink;
  sink.report(Code::UnknownName, {}, "a");
  sink.report(Code::UnusedLet, {}, "b").help = "remove it";
  REQUIRE(sink.diagnostics().size() == 2);
  CHECK(sink.diagnostics()[0].severity == Severity::Error);
  CHECK(sink.diagnostics()[1].severity == Severity::Warning);
  CHECK(sink.diagnostics()[1].help == "remove it");
  CHECK(sink.error_count() == 1);
  CHECK(sink.warning_count() == 1);
  CHECK(sink.has_errors());
}

TEST_CASE("sort orders by path, offset and code and drops exact duplicates", "[diag][sink]") {
  SourceSet sources;
  const FileId b = sources.add("homelab/b.hlab", std::string(100, ' '));
  const FileId a = sources.add("homelab/a.hlab", std::string(100, ' '));
  DiagSink sink;
  sink.report(Code::UnknownName, {b, 5, 6}, "b5");
  sink.report(Code::UnknownName, {a, 30, 31}, "a30");
  sink.report(Code::UnknownField, {a, 10, 11}, "a10 field");
  sink.report(Code::UnknownName, {a, 10, 11}, "a10 name");
  sink.report(Code::UnknownName, {a, 10, 12}, "a10 name");  // other span: kept
  sink.report(Code::UnknownName, {a, 10, 11}, "a10 name");  // exact duplicate, not adjacent
  sink.report(Code::UnknownName, {a, 10, 11}, "a10 other");
  sink.report(Code::UnknownName, {b, 5, 6}, "b5");  // exact duplicate
  sink.report(Code::NoSources, {}, "no file");

  sink.sort(sources);
  std::vector<std::string> order;
  for (const Diagnostic& d : sink.diagnostics()) order.push_back(d.message);
  CHECK(order == std::vector<std::string>{"no file", "a10 name", "a10 name", "a10 other", "a10 field", "a30", "b5"});
  CHECK(sink.diagnostics()[1].span.end == 11);
  CHECK(sink.diagnostics()[2].span.end == 12);
}

TEST_CASE("closest_match suggests plausible typos only", "[diag][suggest]") {
  const std::vector<std::string> clusters{"main", "gitlab", "media", "backup"};
  CHECK(closest_match("gitlb", clusters) == "gitlab");
  CHECK(closest_match("gitalb", clusters) == "gitlab");  // transposition is one edit
  CHECK(closest_match("mian", clusters) == "main");
  CHECK(closest_match("GITLAB", clusters) == "gitlab");  // case only wins over any distance
  CHECK(closest_match("gitlab", clusters).empty());      // never the name itself
  CHECK(closest_match("kubernetes", clusters).empty());
  CHECK(closest_match("xyz", clusters).empty());
  CHECK(closest_match("gitlab", {}).empty());
  // Threshold is max(1, len/3): two edits for a six-letter name, not three.
  CHECK(closest_match("gtlbb", {"gitlab"}).empty());
  CHECK(closest_match("ingres_ip", {"vip", "ingress_ip", "pod_cidr"}) == "ingress_ip");
  CHECK(closest_match("ingrss_p", {"ingress_ip"}) == "ingress_ip");
  // Ties go to the earlier candidate.
  CHECK(closest_match("cat", {"bat", "cut"}) == "bat");
  CHECK(closest_match("cat", {"cut", "bat"}) == "cut");
  CHECK(closest_match("Cat", {"bat", "cat"}) == "cat");
}

TEST_CASE("terminal: simple primary span", "[diag][terminal]") {
  SourceSet sources;
  const FileId f = sources.add("homelab/clusters.hlab", kClusters);
  Diagnostic d = make(Code::UnknownName, find_span(sources, f, "gitlb"), "unknown name `gitlb`", "not found in this scope");
  d.help = "did you mean `gitlab`?";
  CHECK(render(sources, {d}) == R"(error[E0201]: unknown name `gitlb`
 --> homelab/clusters.hlab:6:13
  |
6 |   backend = gitlb
  |             ^^^^^ not found in this scope
  |
  = help: did you mean `gitlab`?

error: 1 error emitted
)");
}

TEST_CASE("terminal: secondary labels in the same file", "[diag][terminal]") {
  SourceSet sources;
  const FileId f = sources.add("homelab/clusters.hlab", kClusters);
  Diagnostic d = make(Code::UnknownName, find_span(sources, f, "gitlb"), "unknown name `gitlb`", "not found in this scope");
  d.labels.push_back({find_span(sources, f, "cluster gitlab {"), "similar name defined here"});
  d.notes.push_back("entity names are global");
  CHECK(render(sources, {d}) == R"(error[E0201]: unknown name `gitlb`
 --> homelab/clusters.hlab:6:13
  |
1 | cluster gitlab {
  | ---------------- similar name defined here
...
6 |   backend = gitlb
  |             ^^^^^ not found in this scope
  |
  = note: entity names are global

error: 1 error emitted
)");

  // One line between two labelled lines is shown rather than elided.
  Diagnostic near = make(Code::DuplicateDefinition, find_span(sources, f, "dragonfly-gl"), "`dragonfly-gl` is defined twice");
  near.labels.push_back({find_span(sources, f, "gitlab", 1), "namespace"});
  near.labels.push_back({find_span(sources, f, "}"), "end of the cluster"});
  CHECK(render(sources, {near}) == R"(error[E0202]: `dragonfly-gl` is defined twice
 --> homelab/clusters.hlab:5:16
  |
3 | }
  | - end of the cluster
4 |
5 | global_service dragonfly-gl in gitlab {
  |                ^^^^^^^^^^^^
  |                                ------ namespace

error: 1 error emitted
)");
}

TEST_CASE("terminal: label in another file", "[diag][terminal]") {
  SourceSet sources;
  std::string many_lines;
  for (int i = 0; i < 11; ++i) many_lines += "# filler\n";
  many_lines += "  backend = gitlb\n";
  const FileId f = sources.add("homelab/services.hlab", many_lines);
  const FileId g = sources.add("homelab/clusters.hlab", "# clusters\n\ncluster gitlab {\n}\n");
  Diagnostic d = make(Code::UnknownName, find_span(sources, f, "gitlb"), "unknown name `gitlb`", "not found in this scope");
  d.labels.push_back({find_span(sources, g, "cluster gitlab {"), "similar name defined here"});
  d.help = "did you mean `gitlab`?";
  CHECK(render(sources, {d}) == R"(error[E0201]: unknown name `gitlb`
  --> homelab/services.hlab:12:13
   |
12 |   backend = gitlb
   |             ^^^^^ not found in this scope
   |
  ::: homelab/clusters.hlab:3:1
   |
 3 | cluster gitlab {
   | ---------------- similar name defined here
   |
   = help: did you mean `gitlab`?

error: 1 error emitted
)");
}

TEST_CASE("terminal: tabs are expanded and carets follow them", "[diag][terminal]") {
  SourceSet sources;
  const FileId f = sources.add("t.hlab", "cluster x {\n\tbackend =\tgitlb\n}\n");
  const Diagnostic d = make(Code::UnknownName, find_span(sources, f, "gitlb"), "unknown name `gitlb`", "here");
  CHECK(render(sources, {d}) == R"(error[E0201]: unknown name `gitlb`
 --> t.hlab:2:12
  |
2 |     backend =    gitlb
  |                  ^^^^^ here

error: 1 error emitted
)");
}

TEST_CASE("terminal: UTF-8 before the span counts code points", "[diag][terminal]") {
  SourceSet sources;
  // "ä" is one column wide, the emoji two; the reported column counts code points.
  const FileId f = sources.add("u.hlab", "x {\n  dns = \"ä😀.lan\", backend = gitlb\n}\n");
  const Diagnostic d = make(Code::UnknownName, find_span(sources, f, "gitlb"), "unknown name `gitlb`", "here");
  CHECK(render(sources, {d}) == R"(error[E0201]: unknown name `gitlb`
 --> u.hlab:2:29
  |
2 |   dns = "ä😀.lan", backend = gitlb
  |                              ^^^^^ here

error: 1 error emitted
)");

  // Invalid bytes show as U+FFFD, one column each; control characters are made visible.
  SourceSet bad;
  const FileId b = bad.add("b.hlab", "a\xff\x1b b = gitlb\n");
  const Diagnostic e = make(Code::UnknownName, find_span(bad, b, "gitlb"), "unknown name `gitlb`");
  CHECK(render(bad, {e}) == "error[E0201]: unknown name `gitlb`\n"
                            " --> b.hlab:1:9\n"
                            "  |\n"
                            "1 | a\xEF\xBF\xBD\xE2\x90\x9B b = gitlb\n"
                            "  |         ^^^^^\n"
                            "\n"
                            "error: 1 error emitted\n");
}

TEST_CASE("terminal: empty spans at the end of a line and of the file", "[diag][terminal]") {
  SourceSet sources;
  const FileId f = sources.add("eof.hlab", "cluster gitlab {\n  role = workload\n");
  const Diagnostic d = make(Code::UnbalancedBracket, empty_at(f, sources.get(f).text.size()), "`{` is not closed",
                            "expected `}`");
  CHECK(render(sources, {d}) == R"(error[E0004]: `{` is not closed
 --> eof.hlab:3:1
  |
3 |
  | ^ expected `}`

error: 1 error emitted
)");

  const FileId g = sources.add("eol.hlab", "cluster gitlab {");
  const Diagnostic e = make(Code::UnbalancedBracket, empty_at(g, 16), "`{` is not closed", "expected `}`");
  CHECK(render(sources, {e}) == R"(error[E0004]: `{` is not closed
 --> eol.hlab:1:17
  |
1 | cluster gitlab {
  |                 ^ expected `}`

error: 1 error emitted
)");

  // A span past the end of the file is clamped, not trusted.
  const Diagnostic past = make(Code::SyntaxError, Span{g, 90, 95}, "unexpected end");
  CHECK(render(sources, {past}) == R"(error[E0001]: unexpected end
 --> eol.hlab:1:17
  |
1 | cluster gitlab {
  |                 ^

error: 1 error emitted
)");
}

TEST_CASE("terminal: CRLF line endings", "[diag][terminal]") {
  SourceSet sources;
  const FileId f = sources.add("crlf.hlab", "cluster gitlab {\r\n  backend = gitlb\r\n}\r\n");
  const Diagnostic d = make(Code::UnknownName, find_span(sources, f, "gitlb"), "unknown name `gitlb`", "here");
  const Diagnostic e = make(Code::SyntaxError, empty_at(f, 16), "expected a field", "at the end of this line");
  // Pointing at the '\n' after the '\r' is the same visible place.
  const Diagnostic e2 = make(Code::SyntaxError, empty_at(f, 17), "expected a field", "at the end of this line");
  CHECK(render(sources, {e}) == render(sources, {e2}));
  const std::string out = render(sources, {d, e});
  CHECK(out.find('\r') == std::string::npos);
  CHECK(out == R"(error[E0201]: unknown name `gitlb`
 --> crlf.hlab:2:13
  |
2 |   backend = gitlb
  |             ^^^^^ here

error[E0001]: expected a field
 --> crlf.hlab:1:17
  |
1 | cluster gitlab {
  |                 ^ at the end of this line

error: 2 errors emitted
)");
}

TEST_CASE("terminal: long lines are cut around the span", "[diag][terminal]") {
  SourceSet sources;
  const std::string line = std::string(260, 'a') + " gitlb " + std::string(300, 'b');
  const FileId f = sources.add("long.hlab", line + "\n");
  const Diagnostic d = make(Code::UnknownName, find_span(sources, f, "gitlb"), "unknown name `gitlb`", "here");
  // 40 columns of context before the span, 200 columns in all.
  const std::string expected = "error[E0201]: unknown name `gitlb`\n"
                               " --> long.hlab:1:262\n"
                               "  |\n"
                               "1 | ..." + std::string(39, 'a') + " gitlb " + std::string(154, 'b') + "...\n" +
                               "  | " + std::string(43, ' ') + "^^^^^ here\n"
                               "\n"
                               "error: 1 error emitted\n";
  CHECK(render(sources, {d}) == expected);

  // Near the end of the line the window ends at the line's end and shows more before.
  const FileId g = sources.add("tail.hlab", std::string(300, 'a') + " gitlb\n");
  const Diagnostic e = make(Code::UnknownName, find_span(sources, g, "gitlb"), "unknown name `gitlb`");
  const std::string tail = "error[E0201]: unknown name `gitlb`\n"
                           " --> tail.hlab:1:302\n"
                           "  |\n"
                           "1 | ..." + std::string(194, 'a') + " gitlb\n" +
                           "  | " + std::string(198, ' ') + "^^^^^\n"
                           "\n"
                           "error: 1 error emitted\n";
  CHECK(render(sources, {e}) == tail);

  // A long line shown only as context between two marked lines is cut too.
  const FileId h = sources.add("ctx.hlab", "a\n" + std::string(500, 'c') + "\nb\n");
  Diagnostic c = make(Code::UnknownName, find_span(sources, h, "b"), "unknown name `b`");
  c.labels.push_back({find_span(sources, h, "a"), "a"});
  const std::string context = "error[E0201]: unknown name `b`\n"
                              " --> ctx.hlab:3:1\n"
                              "  |\n"
                              "1 | a\n"
                              "  | - a\n"
                              "2 | " + std::string(200, 'c') + "...\n" +
                              "3 | b\n"
                              "  | ^\n"
                              "\n"
                              "error: 1 error emitted\n";
  CHECK(render(sources, {c}) == context);
}

TEST_CASE("terminal: multi-line spans", "[diag][terminal]") {
  SourceSet sources;
  const FileId f = sources.add("homelab/clusters.hlab", kClusters);
  const Diagnostic d = make(Code::MissingField, find_span(sources, f, "cluster gitlab {\n  role = workload\n}"),
                            "cluster `gitlab` has no field `vip`", "`vip` is required");
  CHECK(render(sources, {d}) == R"(error[E0204]: cluster `gitlab` has no field `vip`
 --> homelab/clusters.hlab:1:1
  |
1 | cluster gitlab {
  | ^^^^^^^^^^^^^^^^ `vip` is required (continues to line 3)

error: 1 error emitted
)");

  // A span that only adds the line break stays on its line.
  const Diagnostic line_and_break = make(Code::SyntaxError, find_span(sources, f, "  role = workload\n"), "bad");
  CHECK(render(sources, {line_and_break}) == R"(error[E0001]: bad
 --> homelab/clusters.hlab:2:1
  |
2 |   role = workload
  | ^^^^^^^^^^^^^^^^^

error: 1 error emitted
)");
}

TEST_CASE("terminal: max_errors cuts off and the summary counts everything", "[diag][terminal]") {
  SourceSet sources;
  std::vector<Diagnostic> diags{make(Code::UnknownName, {}, "first"), make(Code::UnusedLet, {}, "unused"),
                                make(Code::UnknownName, {}, "second"), make(Code::UnknownName, {}, "third"),
                                make(Code::UnusedLet, {}, "late warning"), make(Code::UnknownName, {}, "fourth")};
  diags[0].help = "no span, still helpful";
  TerminalOptions options;
  options.max_errors = 2;
  CHECK(render(sources, diags, options) == R"(error[E0201]: first
  = help: no span, still helpful

warning[W0201]: unused

error[E0201]: second

error: 2 more errors not shown

error: 4 errors and 2 warnings emitted
)");

  options.max_errors = 0;  // no limit
  CHECK(render(sources, diags, options).find("fourth") != std::string::npos);
}

TEST_CASE("terminal: summaries and severities", "[diag][terminal]") {
  SourceSet sources;
  CHECK(render(sources, {}).empty());
  CHECK(render(sources, {make(Code::UnusedLet, {}, "a"), make(Code::UnusedLet, {}, "b")}) ==
        "warning[W0201]: a\n\nwarning[W0201]: b\n\nwarning: 2 warnings emitted\n");
  Diagnostic note = make(Code::UnknownName, {}, "context");
  note.severity = Severity::Note;
  CHECK(render(sources, {note}) == "note[E0201]: context\n\n");
}

TEST_CASE("terminal: colour on and off", "[diag][terminal]") {
  SourceSet sources;
  const FileId f = sources.add("homelab/clusters.hlab", kClusters);
  Diagnostic d = make(Code::UnknownName, find_span(sources, f, "gitlb"), "unknown name `gitlb`", "not found");
  d.labels.push_back({find_span(sources, f, "gitlab"), "defined here"});
  d.help = "did you mean `gitlab`?";
  Diagnostic w = make(Code::UnusedLet, find_span(sources, f, "role"), "unused");

  const std::string plain = render(sources, {d, w});
  CHECK(plain.find('\x1b') == std::string::npos);

  TerminalOptions color;
  color.color = true;
  const std::string colored = render(sources, {d, w}, color);
  const std::string expected =
      "\x1b[1;31merror[E0201]\x1b[0m\x1b[1m: unknown name `gitlb`\x1b[0m\n"
      " \x1b[1;34m-->\x1b[0m homelab/clusters.hlab:6:13\n"
      "\x1b[1;34m  |\x1b[0m\n"
      "\x1b[1;34m1 |\x1b[0m cluster gitlab {\n"
      "\x1b[1;34m  |\x1b[0m         \x1b[1;34m------ defined here\x1b[0m\n"
      "\x1b[1;34m...\x1b[0m\n"
      "\x1b[1;34m6 |\x1b[0m   backend = gitlb\n"
      "\x1b[1;34m  |\x1b[0m             \x1b[1;31m^^^^^ not found\x1b[0m\n"
      "\x1b[1;34m  |\x1b[0m\n"
      "  \x1b[1;34m=\x1b[0m \x1b[1mhelp:\x1b[0m did you mean `gitlab`?\n"
      "\n"
      "\x1b[1;33mwarning[W0201]\x1b[0m\x1b[1m: unused\x1b[0m\n"
      " \x1b[1;34m-->\x1b[0m homelab/clusters.hlab:2:3\n"
      "\x1b[1;34m  |\x1b[0m\n"
      "\x1b[1;34m2 |\x1b[0m   role = workload\n"
      "\x1b[1;34m  |\x1b[0m   \x1b[1;33m^^^^\x1b[0m\n"
      "\n"
      "\x1b[1;31merror\x1b[0m\x1b[1m: 1 error and 1 warning emitted\x1b[0m\n";
  CHECK(colored == expected);
}

TEST_CASE("json: the documented shape", "[diag][json]") {
  SourceSet sources;
  const FileId f = sources.add("homelab/clusters.hlab", kClusters);
  Diagnostic d = make(Code::UnknownName, find_span(sources, f, "gitlb"), "unknown name `gitlb`", "not found");
  d.labels.push_back({find_span(sources, f, "gitlab"), "defined here"});
  d.notes.push_back("entity names are global");
  d.help = "did you mean `gitlab`?";
  d.fixes.push_back({d.span, "gitlab"});
  const Diagnostic w = make(Code::UnusedLet, {}, "unused \xff");
  CHECK(render_json({d, w}, sources) == R"({
  "diagnostics": [
    {
      "code": "E0201",
      "column": 13,
      "end_column": 18,
      "end_line": 6,
      "file": "homelab/clusters.hlab",
      "fixes": [
        {
          "column": 13,
          "end_column": 18,
          "end_line": 6,
          "file": "homelab/clusters.hlab",
          "line": 6,
          "replacement": "gitlab"
        }
      ],
      "help": "did you mean `gitlab`?",
      "labels": [
        {
          "column": 9,
          "end_column": 15,
          "end_line": 1,
          "file": "homelab/clusters.hlab",
          "line": 1,
          "message": "defined here"
        }
      ],
      "line": 6,
      "message": "unknown name `gitlb`",
      "notes": [
        "entity names are global"
      ],
      "severity": "error",
      "slug": "unknown-name"
    },
    {
      "code": "W0201",
      "column": null,
      "end_column": null,
      "end_line": null,
      "file": null,
      "fixes": [],
      "help": "",
      "labels": [],
      "line": null,
      "message": "unused �",
      "notes": [],
      "severity": "warning",
      "slug": "unused-let"
    }
  ],
  "errors": 1,
  "version": 1,
  "warnings": 1
}
)");
  CHECK(render_json({}, sources) == "{\n  \"diagnostics\": [],\n  \"errors\": 0,\n  \"version\": 1,\n  \"warnings\": 0\n}\n");
}

TEST_CASE("every code has an explanation with a bad and a good example", "[diag][explain]") {
  for (const CodeInfo& ci : all_codes()) {
    INFO(ci.id);
    const std::string_view text = explanation(ci.code);
    CHECK(text.size() > 200);
    CHECK(text.find("Bad:") != std::string_view::npos);
    CHECK(text.find("Good:") != std::string_view::npos);
    CHECK(text.find("Bad:") < text.find("Good:"));
    CHECK(text.find("```hlab") != std::string_view::npos);
  }
}
