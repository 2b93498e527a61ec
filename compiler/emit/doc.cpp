#include "emit/doc.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <regex>
#include <string>

namespace hlab::emit {

Node& Node::operator[](std::string_view key) {
  if (kind_ == Kind::Null) kind_ = Kind::Map;
  for (auto& [k, v] : map_)
    if (k == key) return v;
  if (map_.capacity() == 0) map_.reserve(4);  // most maps have a few entries: grow once, not thrice
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

namespace {

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Up to eight bytes as one number, the first in the lowest byte.
constexpr std::uint64_t pack(std::string_view w) {
  std::uint64_t v = 0;
  for (std::size_t k = 0; k < w.size(); ++k) v |= std::uint64_t{static_cast<unsigned char>(w[k])} << (8 * k);
  return v;
}

// The words YAML 1.1 reads as booleans or null, in any letter case (at most five letters).
bool special_word(std::string_view s) {
  std::uint64_t v = 0;
  for (std::size_t k = 0; k < s.size(); ++k)
    v |= std::uint64_t{static_cast<unsigned char>(lower_ascii(s[k]))} << (8 * k);
  switch (s.size()) {
    case 1: return v == pack("y") || v == pack("n") || v == pack("~");
    case 2: return v == pack("no") || v == pack("on");
    case 3: return v == pack("yes") || v == pack("off");
    case 4: return v == pack("true") || v == pack("null");
    case 5: return v == pack("false");
    default: return false;
  }
}

// The characters a number in any notation can have.
bool number_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '+' || c == '-' ||
         c == '.' || c == '_' || c == ':' || c == 'x' || c == 'o' || c == 'i' || c == 'n' || c == 'I' || c == 'N';
}

}  // namespace

bool needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  // Every special word has at most 5 letters, every number starts with a digit, a sign or a dot.
  char first = s.front();
  bool number_start = (first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.';
  if (s.size() > 5 && !number_start) return false;
  if (s.size() <= 5 && special_word(s)) return true;
  // Numbers in any base or notation YAML readers accept, including 1_000 and .inf. None has
  // another character, nor two dots (a version such as 1.2.3 is text).
  int dots = 0;
  for (char c : s) {
    if (!number_char(c)) return false;
    dots += c == '.';
  }
  if (dots > 1) return false;
  static const std::regex number(
      R"(^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^0x[0-9a-fA-F_]+$|^0o?[0-7_]+$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$|^[0-9]+(:[0-5]?[0-9])+(\.[0-9]*)?$)");
  return std::regex_match(s.begin(), s.end(), number);
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

// How yaml-cpp writes a scalar that is not forced into quotes.
enum class ScalarShape : std::uint8_t { Plain, Quoted, ByYamlCpp };

// Per byte: 0 for the printable ASCII characters that need no further look, else what to check.
enum : std::uint8_t { kOrdinary = 0, kOther = 1, kColon = 2, kSpace = 3 };
constexpr std::array<std::uint8_t, 256> kByteClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = c < 0x20 || c > 0x7e ? kOther : kOrdinary;
  t[':'] = kColon;
  t[' '] = kSpace;
  return t;
}();

// The first characters yaml-cpp never writes plain.
constexpr std::array<bool, 256> kNeverFirst = [] {
  std::array<bool, 256> t{};
  for (char c : std::string_view(" ,[]{}#&*!|>'\"%@`")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

bool null_word(std::string_view s) {
  if (s.size() == 1) return s[0] == '~';
  if (s.size() != 4) return false;
  std::uint64_t v = pack(s);
  return v == pack("null") || v == pack("Null") || v == pack("NULL");
}

// Eight bytes at a time: a block with no byte worth a look is passed whole.
constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;

std::uint64_t load8(const char* p) {
  std::uint64_t x;
  std::memcpy(&x, p, sizeof x);
  return x;
}
// Whether a byte of `x` is `c` (exact as a whole; which byte is not said).
bool has_byte(std::uint64_t x, unsigned char c) {
  std::uint64_t y = x ^ (kOnes * c);
  return ((y - kOnes) & ~y & kHighs) != 0;
}
// Whether a byte of `x` is below 0x20 or above 0x7e.
bool has_unprintable(std::uint64_t x) {
  return ((((x - kOnes * 0x20) & ~x) | (x + kOnes) | x) & kHighs) != 0;
}

// yaml-cpp's IsValidPlainScalar (block context) for printable ASCII; anything else (control
// characters, non-ASCII text) is yaml-cpp's to write. One pass over the text.
ScalarShape shape(std::string_view s) {
  if (s.empty()) return ScalarShape::Quoted;
  const std::size_t n = s.size();
  char first = s.front();
  bool plain = !null_word(s) && !kNeverFirst[static_cast<unsigned char>(first)] &&
               !((first == '-' || first == '?' || first == ':') && (n == 1 || s[1] == ' ')) && s.back() != ' ';
  // False when the byte at `i` leaves printable ASCII.
  auto look = [&](std::size_t i) {
    switch (kByteClass[static_cast<unsigned char>(s[i])]) {
      case kOrdinary: break;
      case kOther: return false;
      case kColon: if (i + 1 == n || s[i + 1] == ' ') plain = false; break;
      case kSpace: if (i + 1 < n && s[i + 1] == '#') plain = false; break;
    }
    return true;
  };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x = load8(s.data() + i);
    if (!has_unprintable(x) && !has_byte(x, ':') && !has_byte(x, ' ')) continue;
    for (std::size_t j = i; j < i + 8; ++j)
      if (!look(j)) return ScalarShape::ByYamlCpp;
  }
  for (; i < n; ++i)
    if (!look(i)) return ScalarShape::ByYamlCpp;
  return plain ? ScalarShape::Plain : ScalarShape::Quoted;
}

void double_quoted(std::string& out, std::string_view s) {
  out += '"';
  std::size_t from = 0;
  std::size_t i = 0;
  auto look = [&](std::size_t k) {
    if (s[k] != '"' && s[k] != '\\') return;
    out.append(s.data() + from, k - from);
    out += '\\';
    from = k;
  };
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t x = load8(s.data() + i);
    if (!has_byte(x, '"') && !has_byte(x, '\\')) continue;
    for (std::size_t k = i; k < i + 8; ++k) look(k);
  }
  for (; i < s.size(); ++i) look(i);
  out.append(s.data() + from, s.size() - from);
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
  ScalarShape how = shape(s);
  if (how == ScalarShape::ByYamlCpp) scalar_by_yaml_cpp(out, s, quoted);
  else if (quoted || how == ScalarShape::Quoted) double_quoted(out, s);
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
