// The hlabc binary as a user runs it: exit codes, and JSON output that parses.
#include <catch2/catch.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>

#include "diag/diagnostic.hpp"
#include "golden/golden_support.hpp"

#ifndef HLABC_BINARY
#error "HLABC_BINARY must name the built hlabc"
#endif

using namespace hlab;
using namespace hlab::golden;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;  // stdout; stderr goes to `err_file`
  std::string err;
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs hlabc with `args` (each quoted), capturing stdout and stderr.
Run hlabc(const std::vector<std::string>& args) {
  TempDir tmp;
  std::string cmd = quote(HLABC_BINARY);
  for (const auto& a : args) cmd += " " + quote(a);
  cmd += " 2>" + quote((tmp.path() / "stderr").string()) + " </dev/null";
  Run r;
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) r.out.append(buf, n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::FILE* err = std::fopen((tmp.path() / "stderr").c_str(), "rb");
  if (err) {
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, err)) > 0;) r.err.append(buf, n);
    std::fclose(err);
  }
  return r;
}

const std::string kClean =
    "import std.net\n"
    "\n"
    "cluster main {\n"
    "  role = management\n"
    "  vip = 192.168.1.75\n"
    "  pod_cidr = 10.244.0.0/16\n"
    "  mesh_id = 1\n"
    "}\n";

const std::string kThreeErrorsOneWarning =
    "import std.net\n"
    "\n"
    "let lan = 192.168.1.0/24\n"
    "\n"
    "cluster gitlab {\n"
    "  role = workload\n"
    "  vip = 192.168.1.300\n"
    "  pod_cidr = 10.168.0.0/16\n"
    "  mesh_id = 256\n"
    "  dnss = \"gl.m1xxos.tech\"\n"
    "}\n";

}  // namespace

TEST_CASE("hlabc check exits 0 on a clean project, warnings allowed", "[cli]") {
  TempProject p;
  p.write_std("std/net.hlab", net_schema());
  p.write("main.hlab", kClean);
  Run r = hlabc({"check", p.project().string(), "--stdlib", p.stdlib().string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());

  p.write("lib/net.hlab", "let lan = 192.168.1.0/24\n");
  Run w = hlabc({"check", p.project().string(), "--stdlib", p.stdlib().string()});
  INFO(w.err);
  CHECK(w.exit_code == 0);
  CHECK(w.err.find("warning[W0201]") != std::string::npos);
}

TEST_CASE("hlabc check exits 1 on errors and says where they are", "[cli]") {
  TempProject p;
  p.write_std("std/net.hlab", net_schema());
  p.write("main.hlab", kThreeErrorsOneWarning);
  Run r = hlabc({"check", p.project().string(), "--stdlib", p.stdlib().string(), "--color", "never"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("error[E0206]") != std::string::npos);
  CHECK(r.err.find("main.hlab:7:9") != std::string::npos);
  CHECK(r.err.find("3 errors and 1 warning") != std::string::npos);
}

TEST_CASE("hlabc check --format json prints parseable JSON with the right counts", "[cli]") {
  TempProject p;
  p.write_std("std/net.hlab", net_schema());
  p.write("main.hlab", kThreeErrorsOneWarning);
  Run r = hlabc({"check", p.project().string(), "--stdlib", p.stdlib().string(), "--format", "json"});
  CHECK(r.exit_code == 1);
  nlohmann::json doc;
  REQUIRE_NOTHROW(doc = nlohmann::json::parse(r.out));
  CHECK(doc["errors"] == 3);
  CHECK(doc["warnings"] == 1);
  REQUIRE(doc["diagnostics"].is_array());
  REQUIRE(doc["diagnostics"].size() == 4);
  std::vector<std::string> got;
  for (const auto& d : doc["diagnostics"]) {
    CHECK(d["file"].get<std::string>().ends_with("main.hlab"));
    got.push_back(fmt::format("{} {}:{}", d["code"].get<std::string>(), d["line"].get<int>(), d["column"].get<int>()));
  }
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<std::string>{"E0203 10:3", "E0206 7:9", "E0207 9:13", "W0201 3:5"});

  TempProject clean;
  clean.write_std("std/net.hlab", net_schema());
  clean.write("main.hlab", kClean);
  Run c = hlabc({"check", clean.project().string(), "--stdlib", clean.stdlib().string(), "--format", "json"});
  CHECK(c.exit_code == 0);
  REQUIRE_NOTHROW(doc = nlohmann::json::parse(c.out));
  CHECK(doc["errors"] == 0);
  CHECK(doc["diagnostics"].empty());
}

TEST_CASE("hlabc exits 2 on usage errors", "[cli]") {
  TempProject p;
  p.write_std("std/net.hlab", net_schema());
  p.write("main.hlab", kClean);
  const std::string dir = p.project().string();
  const std::vector<std::vector<std::string>> usage_errors = {
      {},                                     // no command
      {"check"},                              // no path
      {"check", dir, "--frobnicate"},         // unknown option
      {"check", "--frobnicate", dir},
      {"check", dir, "--format", "yaml"},     // bad value
      {"check", dir, "--format"},             // missing value
      {"check", dir, "--max-errors", "many"},
      {"chekc", dir},                         // unknown command
      {"explain"},                            // no code
      {"explain", "E9999"},                   // unknown code
  };
  for (const auto& args : usage_errors) {
    std::string shown;
    for (const auto& a : args) shown += " " + a;
    INFO("hlabc" << shown);
    Run r = hlabc(args);
    CHECK(r.exit_code == 2);
    CHECK_FALSE(r.err.empty());
  }
}

TEST_CASE("hlabc explain documents every code", "[cli]") {
  Run list = hlabc({"explain", "--list"});
  CHECK(list.exit_code == 0);
  for (const auto& c : diag::all_codes()) {
    INFO(c.id);
    CHECK(list.out.find(std::string(c.id)) != std::string::npos);
    Run e = hlabc({"explain", std::string(c.id)});
    CHECK(e.exit_code == 0);
    CHECK(e.out.starts_with(std::string(c.id)));
    Run s = hlabc({"explain", std::string(c.slug)});
    CHECK(s.exit_code == 0);
    CHECK(s.out == e.out);
  }
}

TEST_CASE("hlabc --version and help exit 0", "[cli]") {
  CHECK(hlabc({"--version"}).exit_code == 0);
  CHECK(hlabc({"--help"}).exit_code == 0);
  CHECK(hlabc({"help", "check"}).exit_code == 0);
  CHECK(hlabc({"check", "--help"}).exit_code == 0);
}
