// Declarations of the expression rules, shared with the declaration grammar.
#pragma once

#include "syntax/detail/config.hpp"
#include "syntax/detail/x3ast.hpp"

namespace hlab::syntax::grammar {

struct expr_class;
struct record_class;
using expr_type = x3::rule<expr_class, x3ast::Expr>;
using record_type = x3::rule<record_class, x3ast::Record>;
BOOST_SPIRIT_DECLARE(expr_type, record_type)

expr_type const& expression();
record_type const& record();

}  // namespace hlab::syntax::grammar
