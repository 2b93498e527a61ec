#include "emit/doc.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <regex>

namespace hlab::emit {

Node& Node::operator[](std::string_view key) {
  if (kind_ == Kind::Null) kind_ = Kind::Map;
  for (auto& [k, v] : map_)
    if (k == key) return v;
  map_.emplace_back(std::string(key), Node());
  return map_.back().second;
}

const Node* Node::find(std::string_view key) const {
  for (const auto& [k, v] : map_)
    if (k == key) return &v;
  return nullptr;
}

Node& Node::push(Node n) {
  if (kind_ == Kind::Null) kind_ = Kind::Seq;
  seq_.push_back(std::move(n));
  return seq_.back();
}

void Node::erase(std::string_view key) {
  map_.erase(std::remove_if(map_.begin(), map_.end(), [&](const auto& e) { return e.first == key; }), map_.end());
}

bool needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  static const char* words[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"};
  std::string lower(s);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* w : words)
    if (lower == w) return true;
  // Numbers in any base or notation YAML readers accept, including 1_000 and .inf.
  static const std::regex number(
      R"(^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^0x[0-9a-fA-F_]+$|^0o?[0-7_]+$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$|^[0-9]+(:[0-5]?[0-9])+(\.[0-9]*)?$)");
  return std::regex_match(std::string(s), number);
}

namespace {

// yaml-cpp writes literal blocks with clip chomping and no indentation indicator: exact only
// for text that ends in one line break, does not start with a space, and has no trailing
// spaces or carriage returns.
bool literal_ok(std::string_view s) {
  if (s.empty() || s.front() == ' ' || s.front() == '\t' || s.back() != '\n') return false;
  if (s.size() >= 2 && s[s.size() - 2] == '\n') return false;
  if (s.find(" \n") != std::string_view::npos || s.find("\t\n") != std::string_view::npos) return false;
  return s.find('\r') == std::string_view::npos;
}

void write(YAML::Emitter& out, const Node& n) {
  switch (n.kind()) {
    case Node::Kind::Null: out << YAML::Null; break;
    case Node::Kind::Bool: out << (n.boolean() ? "true" : "false"); break;
    case Node::Kind::Int: out << n.integer(); break;
    case Node::Kind::Str: {
      const std::string& s = n.str();
      bool multiline = s.find('\n') != std::string::npos;
      if (n.raw_scalar()) out << s;
      // A literal block cannot start with a space (its indentation would be misread) nor
      // hold trailing spaces reliably; those stay double-quoted.
      else if (multiline && literal_ok(s))
        out << YAML::Literal << s;
      else if (multiline || n.force_quotes() || needs_quotes(s))
        out << YAML::DoubleQuoted << s;
      else
        out << s;
      break;
    }
    case Node::Kind::Seq:
      if (n.items().empty()) { out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq; break; }
      out << YAML::BeginSeq;
      for (const auto& item : n.items()) write(out, item);
      out << YAML::EndSeq;
      break;
    case Node::Kind::Map:
      if (n.entries().empty()) { out << YAML::Flow << YAML::BeginMap << YAML::EndMap; break; }
      out << YAML::BeginMap;
      for (const auto& [k, v] : n.entries()) {
        out << YAML::Key;
        if (needs_quotes(k)) out << YAML::DoubleQuoted;
        out << k << YAML::Value;
        write(out, v);
      }
      out << YAML::EndMap;
      break;
  }
}

}  // namespace

std::string to_yaml(const Node& doc) {
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetSeqFormat(YAML::Block);
  write(out, doc);
  std::string text = out.c_str();
  if (text.empty() || text.back() != '\n') text += '\n';
  return text;
}

}  // namespace hlab::emit
