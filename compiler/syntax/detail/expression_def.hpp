// The expression grammar. Included only by expression.cpp.
#pragma once

#include "syntax/detail/expression.hpp"
#include "syntax/detail/tokens.hpp"

namespace hlab::syntax::grammar {

x3::rule<struct list_class, x3ast::List> const list = "list";
x3::rule<struct list_comp_class, x3ast::ListComp> const list_comp = "list comprehension";
x3::rule<struct if_class, x3ast::IfExpr> const if_expr = "if expression";
x3::rule<struct paren_class, x3ast::Paren> const paren = "parenthesized expression";
x3::rule<struct primary_class, x3ast::Primary> const primary = "an expression";
x3::rule<struct member_class, x3ast::Member> const member = "field access";
x3::rule<struct arg_class, x3ast::Arg> const arg = "argument";
x3::rule<struct call_class, x3ast::CallArgs> const call_args = "arguments";
x3::rule<struct postfix_class, x3ast::Postfix> const postfix = "postfix";
x3::rule<struct unary_class, x3ast::Unary> const unary = "an expression";
x3::rule<struct bintail_class, x3ast::BinTail> const bintail = "operator";
x3::rule<struct entry_class, x3ast::RecordEntry> const record_entry = "field";
expr_type const expr = "an expression";
record_type const record_rule = "record";

auto const binop = punct_tok("==") | punct_tok("!=") | punct_tok("&&") | punct_tok("||") | punct_tok("+");

auto const record_entry_def = (((any_ident | string_tok) % punct(".")) >> punct("=")) > expr;
auto const record_rule_def = (punct_tok("{") >> *(record_entry >> -punct(","))) > punct_tok("}");
auto const list_def = (punct_tok("[") >> *(expr >> -punct(","))) > punct_tok("]");
auto const list_comp_def = (punct_tok("[") >> kw("for")) > ident > kw("in") > (expr >> -(kw("if") > expr)) >
                           punct(":") > expr > punct_tok("]");
auto const if_expr_def = kw_tok("if") > expr > kw("then") > expr > kw("else") > expr;
auto const paren_def = punct_tok("(") > expr > punct_tok(")");
auto const primary_def = list_comp | list | record_rule | if_expr | paren | word | string_tok |
                         kw_tok("true") | kw_tok("false") | kw_tok("null") | path_name;
auto const member_def = punct_tok(".") > any_ident;
auto const arg_def = expr >> -(punct("=") > expr);
auto const call_args_def = (punct_tok("(") >> *(arg >> -punct(","))) > punct_tok(")");
auto const postfix_def = member | call_args;
auto const unary_def = *punct_tok("!") >> primary >> *postfix;
auto const bintail_def = binop > unary;
auto const expr_def = unary >> *bintail;

BOOST_SPIRIT_DEFINE(list, list_comp, if_expr, paren, primary, member, arg, call_args, postfix, unary,
                    bintail, record_entry, expr, record_rule)

expr_type const& expression() { return expr; }
record_type const& record() { return record_rule; }

}  // namespace hlab::syntax::grammar
