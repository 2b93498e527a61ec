// The attribute structs the X3 grammar fills. Private to syntax/: lower.cpp turns them
// into hlabc's AST. Composite nodes keep their delimiting tokens, which give spans.
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>
#include <boost/optional.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>
#include <vector>

namespace hlab::syntax::x3ast {
namespace x3 = boost::spirit::x3;

enum class TokKind { None, Name, Word, String, Keyword, Punct };

// A matched token's text range in the file buffer.
struct Tok {
  TokKind kind = TokKind::None;
  const char* b = nullptr;
  const char* e = nullptr;
};

struct Expr;
struct Record;
struct List;
struct ListComp;
struct IfExpr;
struct Paren;

struct Primary : x3::variant<Tok, x3::forward_ast<Record>, x3::forward_ast<List>,
                             x3::forward_ast<ListComp>, x3::forward_ast<IfExpr>,
                             x3::forward_ast<Paren>> {
  using base_type::base_type;
  using base_type::operator=;
};

struct Member {
  Tok dot;
  Tok name;
};
// `expr` or `name = expr`; lowering checks that a named argument's name is a plain name.
struct Arg {
  x3::forward_ast<Expr> first;
  boost::optional<x3::forward_ast<Expr>> value;
};
struct CallArgs {
  Tok open;
  std::vector<Arg> args;
  Tok close;
};
struct Postfix : x3::variant<Member, CallArgs> {
  using base_type::base_type;
  using base_type::operator=;
};
struct Unary {
  std::vector<Tok> nots;
  Primary primary;
  std::vector<Postfix> postfix;
};
struct BinTail {
  Tok op;
  Unary rhs;
};
struct Expr {
  Unary first;
  std::vector<BinTail> rest;
};

struct RecordEntry {
  std::vector<Tok> key;
  Expr value;
};
struct Record {
  Tok open;
  std::vector<RecordEntry> entries;
  Tok close;
};
struct List {
  Tok open;
  std::vector<Expr> items;
  Tok close;
};
struct ListComp {
  Tok open;
  Tok var;
  Expr iter;
  boost::optional<Expr> cond;
  Expr body;
  Tok close;
};
struct IfExpr {
  Tok kw;
  Expr cond;
  Expr then_branch;
  Expr else_branch;
};
struct Paren {
  Tok open;
  Expr inner;
  Tok close;
};

// Types.
struct TypeExpr;
struct TypeRange {
  boost::optional<Tok> lo;
  Tok dots;
  boost::optional<Tok> hi;
};
struct TypeArg : x3::variant<Tok, TypeRange> {
  using base_type::base_type;
  using base_type::operator=;
};
struct TypeNamed {
  Tok name;
  boost::optional<TypeArg> arg;
  Tok after;  // zero-width marker at the end of the type
};
struct TypeList {
  Tok open;
  x3::forward_ast<TypeExpr> elem;
  Tok close;
};
struct TypeKey {
  Tok kw;
  Tok kind;
  Tok close;
};
struct TypeAtom : x3::variant<TypeNamed, TypeList, TypeKey> {
  using base_type::base_type;
  using base_type::operator=;
};
struct TypeExpr {
  TypeAtom first;
  std::vector<TypeAtom> rest;
};

// Items.
struct Import {
  Tok kw;
  std::vector<Tok> path;
  boost::optional<Tok> alias;
};
struct Let {
  Tok kw;
  Tok name;
  boost::optional<TypeExpr> type;
  Expr value;
};
struct FieldDecl {
  Tok name;
  boost::optional<Tok> question;
  TypeExpr type;
  boost::optional<Expr> value;
};
struct Schema {
  Tok kw;
  Tok name;
  boost::optional<Tok> on_field;
  boost::optional<Tok> in_field;
  Tok open;
  std::vector<FieldDecl> fields;
  Tok close;
};
struct Param {
  Tok name;
  boost::optional<TypeExpr> type;
  boost::optional<Expr> value;
};
struct Template {
  Tok kw;
  Tok name;
  std::vector<Param> params;
  Expr body;
};
struct Entity {
  Tok kind;
  Tok name;
  boost::optional<Expr> on;
  boost::optional<Expr> in;
  Record body;
};
struct ForItem;
struct Item : x3::variant<Import, Let, Schema, Template, Entity, x3::forward_ast<ForItem>> {
  using base_type::base_type;
  using base_type::operator=;
};
struct ForItem {
  Tok kw;
  Tok var;
  Expr iter;
  boost::optional<Expr> cond;
  Tok open;
  std::vector<Item> items;
  Tok close;
};

}  // namespace hlab::syntax::x3ast

BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::Member, dot, name)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::Arg, first, value)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::CallArgs, open, args, close)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::Unary, nots, primary, postfix)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::BinTail, op, rhs)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::Expr, first, rest)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::RecordEntry, key, value)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::Record, open, entries, close)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::List, open, items, close)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::ListComp, open, var, iter, cond, body, close)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::IfExpr, kw, cond, then_branch, else_branch)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::Paren, open, inner, close)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::TypeRange, lo, dots, hi)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::TypeNamed, name, arg, after)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::TypeList, open, elem, close)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::TypeKey, kw, kind, close)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::TypeExpr, first, rest)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::Import, kw, path, alias)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::Let, kw, name, type, value)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::FieldDecl, name, question, type, value)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::Schema, kw, name, on_field, in_field, open, fields, close)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::Param, name, type, value)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::Template, kw, name, params, body)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::Entity, kind, name, on, in, body)
BOOST_FUSION_ADAPT_STRUCT(hlab::syntax::x3ast::ForItem, kw, var, iter, cond, open, items, close)
