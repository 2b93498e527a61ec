// A small ordered document tree (the shape of YAML and JSON) that the emitters build,
// and its YAML serialization (yaml-cpp's format; yaml-cpp writes the unusual scalars). Strings are quoted exactly when a YAML 1.1
// or 1.2 reader would take them for something else.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hlab::emit {

class Node {
 public:
  enum class Kind : std::uint8_t { Null, Bool, Int, Str, Seq, Map };

  Node() = default;
  Node(std::nullptr_t) {}
  Node(bool b) : kind_(Kind::Bool), b_(b) {}
  Node(int i) : kind_(Kind::Int), i_(i) {}
  Node(std::int64_t i) : kind_(Kind::Int), i_(i) {}
  Node(const char* s) : kind_(Kind::Str), s_(s) {}
  Node(std::string s) : kind_(Kind::Str), s_(std::move(s)) {}
  Node(std::string_view s) : kind_(Kind::Str), s_(s) {}
  // An empty map or sequence.
  static Node map() { Node n; n.kind_ = Kind::Map; return n; }
  static Node seq() { Node n; n.kind_ = Kind::Seq; return n; }
  // A string that must stay unquoted: a Flux `${VAR}` in a place that wants a number.
  static Node raw(std::string s) { Node n(std::move(s)); n.raw_ = true; return n; }
  // A string that is always double-quoted: a `${VAR}` where Kubernetes wants a string
  // (ConfigMap data, labels), which Flux's substitution must leave a string.
  static Node quoted(std::string s) { Node n(std::move(s)); n.quoted_ = true; return n; }

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  // Map access: the value under `key`, appended when absent (turns a null node into a map).
  Node& operator[](std::string_view key);
  const Node* find(std::string_view key) const;
  // Sequence append (turns a null node into a sequence).
  Node& push(Node n);
  std::size_t size() const { return kind_ == Kind::Map ? map_.size() : seq_.size(); }
  bool empty() const { return size() == 0; }
  // Removes a map entry; no-op when absent.
  void erase(std::string_view key);
  // Room for `n` map entries or sequence items without reallocating.
  void reserve(std::size_t n) { kind_ == Kind::Seq ? seq_.reserve(n) : map_.reserve(n); }

  const std::string& str() const { return s_; }
  std::int64_t integer() const { return i_; }
  bool boolean() const { return b_; }
  bool raw_scalar() const { return raw_; }
  bool force_quotes() const { return quoted_; }
  const std::vector<std::pair<std::string, Node>>& entries() const { return map_; }
  std::vector<std::pair<std::string, Node>>& entries() { return map_; }
  const std::vector<Node>& items() const { return seq_; }

 private:
  Kind kind_ = Kind::Null;
  bool b_ = false;
  bool raw_ = false;
  bool quoted_ = false;
  std::int64_t i_ = 0;
  std::string s_;
  std::vector<Node> seq_;
  std::vector<std::pair<std::string, Node>> map_;
};

// YAML text of one document (no leading `---`), ending in a newline: the text yaml-cpp's
// emitter writes (block style, indent 2).
std::string to_yaml(const Node& doc);
// The same, appended to `out`.
void append_yaml(std::string& out, const Node& doc);

// True when `s` written plain would be read as a non-string (bool, null, number) by a
// YAML 1.1 or 1.2 reader.
bool needs_quotes(std::string_view s);

}  // namespace hlab::emit
