// The layout rules, one input and its canonical form per case; every expected text must
// also be its own canonical form.
#include <catch2/catch.hpp>

#include <string>

#include "format/format.hpp"

namespace {

std::string formatted(const std::string& text) {
  hlab::format::Result r = hlab::format::format_source("test.hlab", text);
  REQUIRE(r.ok);
  return r.text;
}

void check_layout(const std::string& input, const std::string& expected) {
  CHECK(formatted(input) == expected);
  CHECK(formatted(expected) == expected);
}

}  // namespace

TEST_CASE("indentation is two spaces and `=` has one space on each side", "[format]") {
  check_layout("cluster main {\n    role=management\n\tvip   =  192.168.1.75\n}\n",
               "cluster main {\n  role = management\n  vip = 192.168.1.75\n}\n");
  check_layout("let  x:int=1", "let x: int = 1\n");
}

TEST_CASE("a one-line record that fits stays on one line, with spaces inside the braces", "[format]") {
  check_layout("let m = {id=1,endpoint=192.168.1.81}\n", "let m = { id = 1, endpoint = 192.168.1.81 }\n");
  check_layout("let e = {   }\n", "let e = {}\n");
  check_layout("let l = [ a ,b,  c ]\nlet n = [ ]\n", "let l = [a, b, c]\nlet n = []\n");
}

TEST_CASE("a record or list written over several lines stays broken, one element per line", "[format]") {
  check_layout("let m = { a = 1,\n  b = 2 }\n", "let m = {\n  a = 1\n  b = 2\n}\n");
  check_layout("let l = [a,\n b]\n", "let l = [\n  a,\n  b,\n]\n");
  check_layout("let r = {\n  a = 1, b = { c = 2 }\n}\n", "let r = {\n  a = 1\n  b = { c = 2 }\n}\n");
}

TEST_CASE("a bracket that does not fit in 100 columns is broken, the inner ones decide for themselves",
          "[format]") {
  std::string long_value(70, 'x');
  check_layout("let r = { name = \"" + long_value + "\", other = { a = 1 } }\n",
               "let r = {\n  name = \"" + long_value + "\"\n  other = { a = 1 }\n}\n");
  // Exactly 100 columns fits.
  std::string fits = "let s = [\"" + std::string(88, 'y') + "\"]";
  REQUIRE(fits.size() == 100);
  check_layout(fits + "\n", fits + "\n");
  std::string over = "let s = [\"" + std::string(89, 'y') + "\"]";
  check_layout(over + "\n", "let s = [\n  \"" + std::string(89, 'y') + "\",\n]\n");
}

TEST_CASE("calls break one argument per line with trailing commas", "[format]") {
  check_layout("let x = f(a = 1,\n  b = [2])\n", "let x = f(\n  a = 1,\n  b = [2],\n)\n");
  check_layout("let y = f( 1 , name=2 )\n", "let y = f(1, name = 2)\n");
}

TEST_CASE("template parameters break like arguments", "[format]") {
  check_layout("template t(a: string, b: int(1..9)=1,\n  c: [name] = []) = { x = a }\n",
               "template t(\n  a: string,\n  b: int(1..9) = 1,\n  c: [name] = [],\n) = { x = a }\n");
  check_layout("template u( a:string ,b : {string}={} )={}\n", "template u(a: string, b: {string} = {}) = {}\n");
}

TEST_CASE("comprehensions break after the bracket, the body beside its head when it fits", "[format]") {
  check_layout("let a = [for x in xs if x != \"tmp\":\"\\(x)-b\"]\n",
               "let a = [for x in xs if x != \"tmp\": \"\\(x)-b\"]\n");
  check_layout("let b = [for x in xs:\n  x]\n", "let b = [\n  for x in xs: x\n]\n");
}

TEST_CASE("schemas, kinds, entities, for loops and imports", "[format]") {
  check_layout("import std.core as   c\nimport  lib.v\n", "import std.core as c\nimport lib.v\n");
  check_layout("kind  cluster on clusters in namespace{role:management|workload\n"
               "vip?:ip\nreplicas:int(1..10)=1\nimage:string(\"^[a-z]+$\"), ns: key(vault_secret)}\n",
               "kind cluster on clusters in namespace {\n  role: management | workload\n  vip?: ip\n"
               "  replicas: int(1..10) = 1\n  image: string(\"^[a-z]+$\")\n  ns: key(vault_secret)\n}\n");
  check_layout("schema Empty {}\n", "schema Empty {}\n");
  check_layout("for b in buckets if b != \"tmp\" {\n    bucket_claim \"\\(b)\" in gitlab {class=seaweedfs}\n}\n",
               "for b in buckets if b != \"tmp\" {\n  bucket_claim \"\\(b)\" in gitlab { class = seaweedfs }\n}\n");
  check_layout("external_secret x on [main,gitlab] in gitlab {\n data = {password=a/b.password}\n}\n",
               "external_secret x on [main, gitlab] in gitlab {\n  data = { password = a/b.password }\n}\n");
  check_layout("folder infra/configs/traefik {}\n", "folder infra/configs/traefik {}\n");
}

TEST_CASE("expressions: operators, conditionals, field access and parentheses", "[format]") {
  check_layout("let a = x==1&&!y||z\n", "let a = x == 1 && !y || z\n");
  check_layout("let b = if  c then  1 else 2\n", "let b = if c then 1 else 2\n");
  check_layout("let c = ( a || b ) && c\n", "let c = (a || b) && c\n");
  check_layout("let d = (a  +  b).c\n", "let d = (a + b).c\n");
  check_layout("let e = ((\"s\"))\n", "let e = (\"s\")\n");
  check_layout("let f = { \"reconcile.fluxcd.io/watch\" = \"Enabled\", a.b.\"c\" = 1 }\n",
               "let f = { \"reconcile.fluxcd.io/watch\" = \"Enabled\", a.b.\"c\" = 1 }\n");
}

TEST_CASE("strings are kept exactly as written, multi-line strings included", "[format]") {
  check_layout("let s = \"a  \\t \\u{E9} \\(x.y)  ${VAR:=d}\"\n", "let s = \"a  \\t \\u{E9} \\(x.y)  ${VAR:=d}\"\n");
  std::string multi = "let t = \"\"\"\n      line one  \n\n        indented \\(x)\n      \"\"\"\n";
  check_layout("let   t =   \"\"\"\n      line one  \n\n        indented \\(x)\n      \"\"\"\n", multi);
  check_layout("x y {\n    v = \"\"\"\n    a\n    \"\"\"\n}\n", "x y {\n  v = \"\"\"\n    a\n    \"\"\"\n}\n");
}

TEST_CASE("comments are kept: own-line ones at the indentation, trailing ones on their line", "[format]") {
  check_layout("# head\ncluster main {   # trailing\n      # own line\n  role = a # after a\n"
               "  // slashes\n  /* block */\n}\n",
               "# head\ncluster main { # trailing\n  # own line\n  role = a # after a\n  // slashes\n"
               "  /* block */\n}\n");
  check_layout("let l = [\n  a, # one\n  # before b\n  b\n  # at the end\n]\n",
               "let l = [\n  a, # one\n  # before b\n  b,\n  # at the end\n]\n");
  check_layout("let a = { x = 1 } # c\n", "let a = { x = 1 } # c\n");
  // A comment inside a record makes it break; one on the line of the code before it trails it.
  check_layout("let r = { a = 1, /* c */ b = 2 }\n", "let r = {\n  a = 1 /* c */\n  b = 2\n}\n");
  check_layout("let r = {\n  a = 1\n  /* c */ b = 2 }\n", "let r = {\n  a = 1\n  /* c */\n  b = 2\n}\n");
  // A comment where no element starts continues the expression on an indented line.
  check_layout("let x = # why\n  1\n", "let x = # why\n  1\n");
  check_layout("let y = a && # because\n b\n", "let y = a && # because\n  b\n");
}

TEST_CASE("blank lines: runs become one, none at the start or end of a block or file", "[format]") {
  check_layout("\n\n# c\n\n\n\nlet a = 1\n\n\n\nlet b = 2\nlet c = 3\n\n\n",
               "# c\n\nlet a = 1\n\nlet b = 2\nlet c = 3\n");
  check_layout("x y {\n\n  a = 1\n\n\n  b = 2\n\n}\n", "x y {\n  a = 1\n\n  b = 2\n}\n");
  check_layout("", "");
  check_layout("\n\n", "");
}

TEST_CASE("doc comments stay attached to their declaration", "[format]") {
  check_layout("## The cluster.\n## Second line.\ncluster main {\n  ## The role.\n  role = a\n}\n",
               "## The cluster.\n## Second line.\ncluster main {\n  ## The role.\n  role = a\n}\n");
  check_layout("schema S {\n    ## doc of f\n    f: int\n}\n", "schema S {\n  ## doc of f\n  f: int\n}\n");
}

TEST_CASE("a file with syntax errors is left unchanged", "[format]") {
  hlab::format::Result r = hlab::format::format_source("bad.hlab", "cluster main {\n  role management\n}\n");
  CHECK_FALSE(r.ok);
  CHECK(r.text.empty());
  CHECK_FALSE(hlab::format::format_source("bad.hlab", "let x = \"open\n").ok);
  CHECK_FALSE(hlab::format::format_source("bad.hlab", "let x = [1, 2)\n").ok);
}

TEST_CASE("line endings and a byte-order mark", "[format]") {
  check_layout("let a = 1\r\nlet b = 2\r\n", "let a = 1\nlet b = 2\n");
  check_layout("\xEF\xBB\xBFlet a  = 1\n", "\xEF\xBB\xBFlet a = 1\n");
}
