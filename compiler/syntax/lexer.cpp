#include "syntax/lexer.hpp"

#include <array>

namespace hlab::syntax::lex {

bool is_keyword(std::string_view w) {
  static constexpr std::array<std::string_view, 15> words = {
      "import", "let",  "schema", "kind", "template", "for", "in", "on",
      "if",     "then", "else",   "true", "false",    "null", "as"};
  for (auto k : words)
    if (k == w) return true;
  return false;
}

const char* identifier(const char* p, const char* end) {
  if (p == end || !is_ident_start(*p)) return nullptr;
  const char* q = p + 1;
  while (q != end && is_ident_char(*q)) ++q;
  while (q[-1] == '-') --q;  // `a- b` is not a name with a trailing dash
  return q;
}

const char* path(const char* p, const char* end) {
  const char* q = identifier(p, end);
  if (!q) return nullptr;
  while (q != end && *q == '/' && q + 1 != end && (is_ident_start(q[1]) || is_digit(q[1]))) {
    const char* s = q + 1;
    while (s != end && is_ident_char(*s)) ++s;
    while (s[-1] == '-') --s;
    q = s;
  }
  return q;
}

namespace {
bool word_char(char c) {
  return is_ident_char(c) || c == '.' || c == '/' || c == '+';
}
}  // namespace

const char* numeric_word(const char* p, const char* end) {
  if (p == end) return nullptr;
  const char* q = p;
  if (*q == 'v' || *q == 'V') {
    // v + digits + '.' starts a version; plain `v1` stays an identifier.
    const char* d = q + 1;
    if (d == end || !is_digit(*d)) return nullptr;
    while (d != end && is_digit(*d)) ++d;
    if (d == end || *d != '.' || d + 1 == end || !is_digit(d[1])) return nullptr;
    q = d;
  } else if (!is_digit(*q)) {
    return nullptr;
  }
  while (q != end) {
    if (*q == '.' && q + 1 != end && q[1] == '.') break;  // range `1..255`
    if (word_char(*q)) { ++q; continue; }
    // The en dash U+2013 (E2 80 93) appears in IP ranges copied from documents.
    if (static_cast<unsigned char>(*q) == 0xE2 && end - q >= 3 &&
        static_cast<unsigned char>(q[1]) == 0x80 && static_cast<unsigned char>(q[2]) == 0x93) {
      q += 3;
      continue;
    }
    break;
  }
  while (q[-1] == '-' || q[-1] == '.' || q[-1] == '/' || q[-1] == '+') --q;
  return q;
}

StringScan string(const char* p, const char* end, int max_depth) {
  StringScan r;
  if (p == end || *p != '"') return r;
  bool multi = end - p >= 3 && p[1] == '"' && p[2] == '"';
  r.multiline = multi;
  const char* q = p + (multi ? 3 : 1);
  while (q != end) {
    char c = *q;
    if (!multi && c == '"') { r.end = q + 1; return r; }
    if (multi && c == '"' && end - q >= 3 && q[1] == '"' && q[2] == '"') { r.end = q + 3; return r; }
    if (!multi && c == '\n') return r;  // a one-line string may not span lines
    if (c == '\\' && q + 1 != end) {
      if (q[1] == '(') {
        // An interpolation: scan to the matching ')' across nested strings.
        if (max_depth <= 0) { r.depth_exceeded = 1; return r; }
        int depth = 1;
        q += 2;
        while (q != end && depth > 0) {
          if (*q == '(') ++depth;
          else if (*q == ')') --depth;
          else if (*q == '"') {
            StringScan inner = string(q, end, max_depth - 1);
            if (inner.depth_exceeded) { r.depth_exceeded = 1; return r; }
            if (!inner.end) return r;
            q = inner.end;
            continue;
          } else if (*q == '\n' && !multi) {
            return r;
          }
          ++q;
        }
        continue;
      }
      q += 2;
      continue;
    }
    ++q;
  }
  return r;
}

const char* skip_trivia(const char* p, const char* end) {
  while (p != end) {
    char c = *p;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ++p; continue; }
    if (c == '#' || (c == '/' && p + 1 != end && p[1] == '/')) {
      while (p != end && *p != '\n') ++p;
      continue;
    }
    if (c == '/' && p + 1 != end && p[1] == '*') {
      const char* q = p + 2;
      while (q + 1 < end && !(q[0] == '*' && q[1] == '/')) ++q;
      if (q + 1 >= end) return p;
      p = q + 2;
      continue;
    }
    break;
  }
  return p;
}

}  // namespace hlab::syntax::lex
