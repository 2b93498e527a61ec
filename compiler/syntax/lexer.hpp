// Hand-written lexemes shared by the item scanner and the X3 grammar: identifiers,
// paths, numeric words, strings and comments. Each function looks at [p, end) and
// returns the end of the lexeme, or nullptr when there is none at p.
#pragma once

#include <string_view>

namespace hlab::syntax::lex {

// Reserved words; an identifier spelled like one is not an identifier.
bool is_keyword(std::string_view word);

inline bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
// '-' continues an identifier: `dragonfly-gl` is one name.
inline bool is_ident_char(char c) {
  return is_ident_start(c) || (c >= '0' && c <= '9') || c == '-';
}
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// [A-Za-z_][A-Za-z0-9_-]*, trailing '-' not included. Keywords are returned too.
const char* identifier(const char* p, const char* end);
// ident ('/' segment)*: `general/clustermesh/main`. Segments may start with a digit.
const char* path(const char* p, const char* end);
// A literal starting with a digit (or 'v' + digit + '.'): 42, 4GiB, 10m0s, 1.18.6,
// 192.168.1.0/24, 192.168.1.21-192.168.1.30, v0.1.0-beta.3-5-g07d09ec. Stops before "..".
const char* numeric_word(const char* p, const char* end);

// Result of scanning a string literal.
struct StringScan {
  const char* end = nullptr;   // one past the closing quote(s); nullptr if unterminated
  bool multiline = false;
  int depth_exceeded = 0;      // nonzero when interpolation nesting exceeded the limit
};
// A string starting at p ('"' or '"""'); understands escapes and nested `\( ... )`.
StringScan string(const char* p, const char* end, int max_depth);

// Skips spaces, tabs, line breaks and comments ('#', '//', '/* */'). Stops at an
// unterminated block comment (returns its start).
const char* skip_trivia(const char* p, const char* end);

}  // namespace hlab::syntax::lex
