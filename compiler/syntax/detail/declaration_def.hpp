// The grammar of top-level items and types. Included only by declaration.cpp.
#pragma once

#include "syntax/detail/expression.hpp"
#include "syntax/detail/tokens.hpp"

namespace hlab::syntax::grammar {

struct item_class;
using item_type = x3::rule<item_class, x3ast::Item>;

x3::rule<struct type_class, x3ast::TypeExpr> const type = "a type";
x3::rule<struct type_atom_class, x3ast::TypeAtom> const type_atom = "a type";
x3::rule<struct type_named_class, x3ast::TypeNamed> const type_named = "a type name";
x3::rule<struct type_list_class, x3ast::TypeList> const type_list = "a list or map type";
x3::rule<struct type_key_class, x3ast::TypeKey> const type_key = "a key type";
x3::rule<struct type_range_class, x3ast::TypeRange> const type_range = "a range";
x3::rule<struct type_arg_class, x3ast::TypeArg> const type_arg = "a range or a pattern";
x3::rule<struct import_class, x3ast::Import> const import_item = "import";
x3::rule<struct let_class, x3ast::Let> const let_item = "let";
x3::rule<struct field_class, x3ast::FieldDecl> const field_decl = "a field declaration";
x3::rule<struct schema_class, x3ast::Schema> const schema_item = "schema";
x3::rule<struct param_class, x3ast::Param> const param = "a parameter";
x3::rule<struct template_class, x3ast::Template> const template_item = "template";
x3::rule<struct entity_class, x3ast::Entity> const entity_item = "a declaration";
x3::rule<struct for_class, x3ast::ForItem> const for_item = "for";
item_type const item = "a declaration";

auto const expr = expression();
auto const record_body = record();

auto const type_range_def = -word >> punct_tok("..") >> -word;
auto const type_arg_def = string_tok | type_range;
auto const type_named_def = any_ident >> -(punct("(") > type_arg > punct(")")) >> here;
auto const type_list_def = (punct_tok("[") > type > punct_tok("]")) | (punct_tok("{") > type > punct_tok("}"));
auto const type_key_def = kw_tok("key") > punct("(") > ident > punct_tok(")");
auto const type_atom_def = type_key | type_list | type_named;
auto const type_def = type_atom >> *(punct("|") > type_atom);

auto const import_item_def = kw_tok("import") > (ident % punct(".")) >> -(kw("as") > ident);
auto const let_item_def = kw_tok("let") > ident >> -(punct(":") > type) > punct("=") > expr;
auto const field_decl_def = (any_ident >> -punct_tok("?") >> punct(":")) >
                            (type >> -(punct("=") > expr) >> -punct(","));
auto const schema_item_def = (kw_tok("schema") | kw_tok("kind")) > ident >> -(kw("on") > any_ident) >>
                             -(kw("in") > any_ident) > punct_tok("{") > *field_decl > punct_tok("}");
auto const param_def = ident >> -(punct(":") > type) >> -(punct("=") > expr);
auto const template_item_def = kw_tok("template") > ident > punct("(") > *(param >> -punct(",")) > punct(")") >
                               punct("=") > expr;
auto const entity_item_def = (ident >> (path_name | string_tok) >> -(kw("on") > expr) >> -(kw("in") > expr)) >
                             record_body;
auto const for_item_def = kw_tok("for") > ident > kw("in") > expr >> -(kw("if") > expr) > punct_tok("{") >
                          *item > punct_tok("}");
auto const item_def = import_item | let_item | schema_item | template_item | for_item | entity_item;

BOOST_SPIRIT_DEFINE(type, type_atom, type_named, type_list, type_key, type_range, type_arg, import_item,
                    let_item, field_decl, schema_item, param, template_item, entity_item, for_item, item)

}  // namespace hlab::syntax::grammar
