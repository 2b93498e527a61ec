// Lowering of the grammar's attribute structs into hlabc's AST.
#pragma once

#include "base/source.hpp"
#include "diag/diagnostic.hpp"
#include "syntax/ast.hpp"
#include "syntax/detail/x3ast.hpp"

namespace hlab::syntax::detail {

// Converts one parsed item; `base` is the start of the file buffer the tokens point into.
// Problems found while lowering (bad escapes, malformed types) go to the sink.
Item lower_item(const x3ast::Item& item, const char* base, const base::SourceFile& source,
                base::FileId file, const std::vector<Trivia>& trivia, diag::DiagSink& sink);
// Converts one parsed expression, the same way as inside an item.
ExprPtr lower_expr(const x3ast::Expr& expr, const char* base, const base::SourceFile& source,
                   base::FileId file, const std::vector<Trivia>& trivia, diag::DiagSink& sink);

}  // namespace hlab::syntax::detail
