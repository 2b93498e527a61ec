// The CI renderers on hand-made diagnostics: the corners the homelab does not reach (escaping
// of '%' and '\r', findings without a file, files outside the source root, empty spans).
// Whole outputs are validated against the SARIF schema in tests/ci.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "diag/render.hpp"

using hlab::base::Span;
using hlab::base::SourceSet;
using namespace hlab::diag;

namespace {

Diagnostic make(Code code, Span span, std::string message) {
  Diagnostic d;
  d.code = code;
  d.severity = info(code).severity;
  d.span = span;
  d.message = std::move(message);
  return d;
}

CiOptions options() {
  CiOptions o;
  o.source_root = "/repo";
  o.tool_version = "1.2.3";
  return o;
}

}  // namespace

TEST_CASE("github: message and properties escaped as GitHub's toolkit does", "[diag][ci]") {
  SourceSet sources;
  const auto f = sources.add("/repo/home lab/a,b:c.hlab", "let x = 1\r\n");
  Diagnostic d = make(Code::UnusedLet, {f, 4, 5}, "100% unused\r\nreally");
  d.help = "remove it";
  CHECK(render_github({d}, sources, options()) ==
        "::warning file=home lab/a%2Cb%3Ac.hlab,line=1,col=5,endLine=1,endColumn=5,title=W0201 unused-let"
        "::100%25 unused%0D%0Areally%0Ahelp: remove it\n");
}

TEST_CASE("github: a finding without a file has only a title", "[diag][ci]") {
  SourceSet sources;
  CHECK(render_github({make(Code::NoSources, {}, "no .hlab files in `x`")}, sources, options()) ==
        "::error title=E0103 no-sources::no .hlab files in `x`\n");
}

TEST_CASE("sarif: URIs, regions and findings without a file", "[diag][ci]") {
  SourceSet sources;
  const auto inside = sources.add("/repo/homelab/a b.hlab", "cluster main {}\n");
  const auto outside = sources.add("/usr/share/hlabc/stdlib/std/net.hlab", "schema x {}\n");
  Diagnostic empty_span = make(Code::UnknownName, {inside, 8, 8}, "here");
  empty_span.labels.push_back({{outside, 7, 8}, "there"});
  const Diagnostic no_file = make(Code::NoSources, {}, "nothing");
  const auto doc = nlohmann::json::parse(render_sarif({empty_span, no_file}, sources, options()));
  const auto& run = doc["runs"][0];
  CHECK(run["tool"]["driver"]["version"] == "1.2.3");
  CHECK_FALSE(run["tool"]["driver"].contains("informationUri"));  // no --docs-url: no links
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///repo/");
  const auto& first = run["results"][0];
  const auto& loc = first["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"] == nlohmann::json{{"uri", "homelab/a%20b.hlab"}, {"uriBaseId", "%SRCROOT%"}});
  CHECK(loc["region"] == nlohmann::json{{"startLine", 1}, {"startColumn", 9}, {"endLine", 1}, {"endColumn", 10}});
  const auto& related = first["relatedLocations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(related == nlohmann::json{{"uri", "file:///usr/share/hlabc/stdlib/std/net.hlab"}});
  CHECK(first["ruleIndex"] == static_cast<int>(Code::UnknownName));
  CHECK(run["results"][1]["ruleId"] == "E0103");
  CHECK_FALSE(run["results"][1].contains("locations"));
}

TEST_CASE("sarif: fingerprints survive lines added above, and tell twins apart", "[diag][ci]") {
  SourceSet sources;
  const auto before = sources.add("/repo/a.hlab", "let x = 1\n");
  const auto after = sources.add("/repo/b.hlab", "\n\nlet x = 1\n");
  auto fingerprint = [&](const std::vector<Diagnostic>& ds, std::size_t i) {
    const auto doc = nlohmann::json::parse(render_sarif(ds, sources, options()));
    return doc["runs"][0]["results"][i]["partialFingerprints"]["hlabc/v1"].get<std::string>();
  };
  const Diagnostic a = make(Code::UnusedLet, {before, 4, 5}, "unused");
  Diagnostic b = make(Code::UnusedLet, {after, 6, 7}, "unused");
  // Same file name for both: the line is the only difference.
  SourceSet same;
  const auto v1 = same.add("/repo/a.hlab", "let x = 1\n");
  const auto v2 = same.add("/repo/a.hlab", "\n\nlet x = 1\n");
  const auto one = nlohmann::json::parse(render_sarif({make(Code::UnusedLet, {v1, 4, 5}, "unused")}, same, options()));
  const auto two = nlohmann::json::parse(render_sarif({make(Code::UnusedLet, {v2, 6, 7}, "unused")}, same, options()));
  CHECK(one["runs"][0]["results"][0]["partialFingerprints"] == two["runs"][0]["results"][0]["partialFingerprints"]);
  CHECK(fingerprint({a, b}, 0) != fingerprint({a, b}, 1));  // another file
  CHECK(fingerprint({a, a}, 0).ends_with(":1"));
  CHECK(fingerprint({a, a}, 1).ends_with(":2"));
}
