// The one iterator and context type the grammar is instantiated for. A second
// iterator or context type would compile the whole grammar again.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "syntax/detail/tokens.hpp"

namespace hlab::syntax::grammar {
namespace x3 = boost::spirit::x3;

using iterator_type = const char*;
using skipper_type = trivia_skipper;
using context_type = x3::phrase_parse_context<skipper_type>::type;

}  // namespace hlab::syntax::grammar
