// Instantiates the expression grammar for the one iterator and context type.
#include "syntax/detail/expression_def.hpp"
#include "syntax/detail/grammar.hpp"

namespace hlab::syntax::grammar {

BOOST_SPIRIT_INSTANTIATE(expr_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(record_type, iterator_type, context_type)

bool parse_expr(const char*& first, const char* last, x3ast::Expr& out, GrammarError& err) {
  try {
    if (x3::phrase_parse(first, last, expression(), trivia_skipper{}, out)) return true;
    err.where = first;
    return false;
  } catch (const x3::expectation_failure<const char*>& e) {
    err.where = e.where();
    err.expected = e.which();
    return false;
  }
}

}  // namespace hlab::syntax::grammar
