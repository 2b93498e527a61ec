// The YAML serializer against yaml-cpp's emitter: for random trees of tricky scalars the
// text must be byte for byte what yaml-cpp writes (block style, indent 2) with the same
// quoting choices, and must read back to the same strings.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "emit/doc.hpp"

namespace {

using hlab::emit::Node;

// Long-standing reference: the tree written through YAML::Emitter.
bool literal_ok(const std::string& s) {
  if (s.empty() || s.front() == ' ' || s.front() == '\t' || s.back() != '\n') return false;
  if (s.size() >= 2 && s[s.size() - 2] == '\n') return false;
  if (s.find(" \n") != std::string::npos || s.find("\t\n") != std::string::npos) return false;
  return s.find('\r') == std::string::npos;
}

void reference(YAML::Emitter& out, const Node& n) {
  switch (n.kind()) {
    case Node::Kind::Null: out << YAML::Null; break;
    case Node::Kind::Bool: out << (n.boolean() ? "true" : "false"); break;
    case Node::Kind::Int: out << n.integer(); break;
    case Node::Kind::Str: {
      const std::string& s = n.str();
      bool multiline = s.find('\n') != std::string::npos;
      if (n.raw_scalar()) out << s;
      else if (multiline && literal_ok(s)) out << YAML::Literal << s;
      else if (multiline || n.force_quotes() || hlab::emit::needs_quotes(s)) out << YAML::DoubleQuoted << s;
      else out << s;
      break;
    }
    case Node::Kind::Seq:
      if (n.items().empty()) { out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq; break; }
      out << YAML::BeginSeq;
      for (const auto& item : n.items()) reference(out, item);
      out << YAML::EndSeq;
      break;
    case Node::Kind::Map:
      if (n.entries().empty()) { out << YAML::Flow << YAML::BeginMap << YAML::EndMap; break; }
      out << YAML::BeginMap;
      for (const auto& [k, v] : n.entries()) {
        out << YAML::Key;
        if (hlab::emit::needs_quotes(k)) out << YAML::DoubleQuoted;
        out << k << YAML::Value;
        reference(out, v);
      }
      out << YAML::EndMap;
      break;
  }
}

std::string reference_text(const Node& doc) {
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetSeqFormat(YAML::Block);
  reference(out, doc);
  std::string text = out.c_str();
  if (text.empty() || text.back() != '\n') text += '\n';
  return text;
}

const std::vector<std::string> kScalars = {
    "plain", "a b", "x: y", "x:", ":x", "- a", "-a", "-", "? q", "?x", "#c", "a #c", "a#c", "a ", " a", "",
    "~", "null", "Null", "NULL", "true", "no", "Y", "1", "1.5", "0x1F", "1e3", ".inf", "1:30", "${VAR}",
    "{{ .x }}", "[a]", "{a}", "a,b", "&a", "*a", "!t", "|x", ">x", "'q'", "\"q\"", "%p", "@a", "`b`",
    "a\"b\\c", "tab\there", "cr\rx", "bell\a", "caf\xc3\xa9", "\xe2\x80\x8b", "x\x7f", "line\n",
    "two\nlines\n", "two\n\nparas\n", "no end\nbreak", " lead\n", "trail \n", "https://a.b/c?d=e#f",
    "key: |", "a\tb", "0o17", "+1", "-1", "..", "=", "<<",
    "eight by: eight", "abcdefgh: ijk", "abcdefghijklmno:", "abcdefghijklmnop #c", "abcdefghijklmnop#c",
    "abcdefghijklmnop ", "abcdefg\"hijklmnop\\q", "abcdefghijklm\x01n", "abcdefghijklmnopq\x7f",
    "abcdefghijklmno caf\xc3\xa9", "a long plain value without anything special",
};

std::string random_scalar(std::mt19937& rng) {
  if (rng() % 3 != 0) return kScalars[rng() % kScalars.size()];
  static const std::string alphabet = "ab:- #,[]{}\"'\\?!|>%@`&*~.\n\t01";
  std::string s;
  // Mostly short; one in four long enough that a special character lands anywhere in the
  // serializer's eight-byte blocks, or in the tail after them.
  auto length = rng() % 4 == 0 ? rng() % 28 : rng() % 6;
  for (auto n = length; n > 0; --n) s += alphabet[rng() % alphabet.size()];
  return s;
}

Node random_node(std::mt19937& rng, int depth) {
  auto pick = rng() % (depth > 3 ? 6 : 9);
  switch (pick) {
    case 0: return Node();
    case 1: return Node(rng() % 2 == 0);
    case 2: return Node(static_cast<std::int64_t>(rng() % 2000) - 1000);
    case 3: return Node::quoted(random_scalar(rng));
    case 4: return Node::raw("${X_" + std::to_string(rng() % 9) + "}");
    case 5: return Node(random_scalar(rng));
    case 6: case 7: {
      Node m = Node::map();
      for (auto n = rng() % 4; n > 0; --n) m[random_scalar(rng)] = random_node(rng, depth + 1);
      return m;
    }
    default: {
      Node s = Node::seq();
      for (auto n = rng() % 4; n > 0; --n) s.push(random_node(rng, depth + 1));
      return s;
    }
  }
}

}  // namespace

TEST_CASE("YAML text equals yaml-cpp's emitter on random trees of tricky scalars", "[emit][yaml]") {
  std::mt19937 rng(20261130);
  for (int i = 0; i < 3000; ++i) {
    Node doc = random_node(rng, 0);
    std::string want = reference_text(doc);
    std::string got = hlab::emit::to_yaml(doc);
    INFO("case " << i << "\nwant:\n" << want << "got:\n" << got);
    REQUIRE(got == want);
  }
}

TEST_CASE("Every scalar of the list reads back as the same string", "[emit][yaml]") {
  for (const auto& s : kScalars) {
    if (s.find('\r') != std::string::npos || s.find('\a') != std::string::npos) continue;
    Node doc = Node::map();
    doc["k"] = Node(s);
    YAML::Node back = YAML::Load(hlab::emit::to_yaml(doc));
    INFO("scalar: " << s);
    REQUIRE(back["k"].as<std::string>() == s);
  }
}
