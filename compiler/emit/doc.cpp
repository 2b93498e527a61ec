#include "emit/doc.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <regex>
#include <string>

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
  // Every special word has at most 5 letters, every number starts with a digit, a sign or a dot.
  if (s.size() > 5 && std::string_view("0123456789+-.").find(s.front()) == std::string_view::npos) return false;
  if (s.size() <= 5) {
    static const char* words[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"};
    char buf[5];
    for (std::size_t k = 0; k < s.size(); ++k) buf[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[k])));
    std::string_view lower(buf, s.size());
    for (const char* w : words)
      if (lower == w) return true;
  }
  // Numbers in any base or notation YAML readers accept, including 1_000 and .inf. None has
  // another character, nor two dots (a version such as 1.2.3 is text).
  if (s.find_first_not_of("0123456789+-._:abcdefABCDEFxoinIN") != std::string_view::npos) return false;
  if (std::count(s.begin(), s.end(), '.') > 1) return false;
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

// The serializer writes the same text yaml-cpp's emitter (block style, indent 2) writes for
// these trees, without its per-character regular expressions. Scalars of printable ASCII
// are decided here by yaml-cpp's rules; any other scalar is handed to yaml-cpp itself.

bool printable_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

// yaml-cpp's IsValidPlainScalar (block context) for printable ASCII.
bool plain_ok(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return false;
  char first = s.front();
  if (std::string_view(" ,[]{}#&*!|>'\"%@`").find(first) != std::string_view::npos) return false;
  if ((first == '-' || first == '?' || first == ':') && (s.size() == 1 || s[1] == ' ')) return false;
  if (s.back() == ' ') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ':' && (i + 1 == s.size() || s[i + 1] == ' ')) return false;
    if (s[i] == ' ' && i + 1 < s.size() && s[i + 1] == '#') return false;
  }
  return true;
}

void double_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

// A scalar yaml-cpp must write: control characters, non-ASCII text.
void scalar_by_yaml_cpp(std::string& out, const std::string& s, bool quoted) {
  YAML::Emitter e;
  if (quoted) e << YAML::DoubleQuoted;
  e << s;
  out += e.c_str();
}

void scalar(std::string& out, const std::string& s, bool quoted) {
  if (!printable_ascii(s)) scalar_by_yaml_cpp(out, s, quoted);
  else if (quoted || !plain_ok(s)) double_quoted(out, s);
  else out += s;
}

// A literal block whose lines are indented to `indent`; empty lines stay empty.
void literal(std::string& out, std::string_view s, std::size_t indent) {
  out += "|\n";
  std::size_t p = 0;
  while (p < s.size()) {
    std::size_t q = s.find('\n', p);
    if (q > p) out.append(indent, ' ').append(s.substr(p, q - p));
    out += '\n';
    p = q + 1;
  }
}

bool block(const Node& n) {
  return (n.kind() == Node::Kind::Map || n.kind() == Node::Kind::Seq) && !n.empty();
}

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void document(const Node& doc) {
    if (doc.kind() == Node::Kind::Map && !doc.empty()) map(doc, 0, false);
    else if (doc.kind() == Node::Kind::Seq && !doc.empty()) seq(doc, 0, false);
    else inline_node(doc, 0);
  }

 private:
  std::string& out_;
  bool after_literal_ = false;  // yaml-cpp leaves an empty line between a literal block and what follows

  // Starts a line at `indent` (unless the node continues the line of its `- `).
  void line(std::size_t indent, bool continues) {
    if (after_literal_) out_ += '\n';
    after_literal_ = false;
    if (!continues) out_.append(indent, ' ');
  }

  // A node that follows `key:` or `- ` (after the space), or stands alone; `indent` is the
  // column of its parent's key or dash. Writes the node's own line break.
  void inline_node(const Node& n, std::size_t indent) {
    switch (n.kind()) {
      case Node::Kind::Null: out_ += "~\n"; return;
      case Node::Kind::Bool: out_ += n.boolean() ? "true\n" : "false\n"; return;
      case Node::Kind::Int: out_ += std::to_string(n.integer()); out_ += '\n'; return;
      case Node::Kind::Str: {
        const std::string& s = n.str();
        bool multiline = s.find('\n') != std::string::npos;
        if (n.raw_scalar()) {
          scalar(out_, s, false);
        } else if (multiline && literal_ok(s)) {
          literal(out_, s, indent + 2);
          after_literal_ = true;
          return;
        } else {
          scalar(out_, s, multiline || n.force_quotes() || needs_quotes(s));
        }
        out_ += '\n';
        return;
      }
      case Node::Kind::Seq: out_ += "[]\n"; return;
      case Node::Kind::Map: out_ += "{}\n"; return;
    }
  }

  void map(const Node& n, std::size_t indent, bool first_continues) {
    bool first = true;
    for (const auto& [k, v] : n.entries()) {
      line(indent, first && first_continues);
      first = false;
      scalar(out_, k, needs_quotes(k));
      out_ += ':';
      if (!block(v)) {
        out_ += ' ';
        inline_node(v, indent);
      } else {
        out_ += '\n';
        if (v.kind() == Node::Kind::Map) map(v, indent + 2, false);
        else seq(v, indent + 2, false);
      }
    }
  }

  void seq(const Node& n, std::size_t indent, bool first_continues) {
    bool first = true;
    for (const auto& item : n.items()) {
      line(indent, first && first_continues);
      first = false;
      if (block(item) && item.kind() == Node::Kind::Seq) {  // yaml-cpp: `-` alone, the inner list below
        out_ += "-\n";
        seq(item, indent + 2, false);
        continue;
      }
      out_ += "- ";
      if (!block(item)) inline_node(item, indent);
      else map(item, indent + 2, true);
    }
  }
};

}  // namespace

void append_yaml(std::string& out, const Node& doc) { Writer(out).document(doc); }

std::string to_yaml(const Node& doc) {
  std::string text;
  append_yaml(text, doc);
  return text;
}

}  // namespace hlab::emit
