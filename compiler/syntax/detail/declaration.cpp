// Instantiates the declaration grammar and offers its entry point.
#include "syntax/detail/declaration_def.hpp"
#include "syntax/detail/grammar.hpp"

namespace hlab::syntax::grammar {

bool parse_item(const char*& first, const char* last, x3ast::Item& out, GrammarError& err) {
  try {
    if (x3::phrase_parse(first, last, item, trivia_skipper{}, out)) return true;
    err.where = first;
    return false;
  } catch (const x3::expectation_failure<const char*>& e) {
    err.where = e.where();
    err.expected = e.which();
    return false;
  }
}

}  // namespace hlab::syntax::grammar
