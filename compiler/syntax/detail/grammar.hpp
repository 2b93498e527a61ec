// Entry points into the X3 grammar, compiled in expression.cpp and declaration.cpp.
#pragma once

#include <string>

#include "syntax/detail/x3ast.hpp"

namespace hlab::syntax::grammar {

// Where and why the grammar stopped.
struct GrammarError {
  const char* where = nullptr;
  std::string expected;  // "`}`", "a name", ... empty when nothing specific was expected
};

// Parses one expression starting at `first`; advances `first` past it.
bool parse_expr(const char*& first, const char* last, x3ast::Expr& out, GrammarError& err);
// Parses one top-level item starting at `first`; advances `first` past it.
bool parse_item(const char*& first, const char* last, x3ast::Item& out, GrammarError& err);

}  // namespace hlab::syntax::grammar
