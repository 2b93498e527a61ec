// hlabc's own syntax tree: plain structs and variants, every node with a byte-offset span.
// Produced by syntax::parse, read by sema, the formatter and the language server.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/source.hpp"

namespace hlab::syntax {

using base::Span;

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;
struct TypeExpr;
using TypePtr = std::shared_ptr<const TypeExpr>;

// `42`, `true`, `null`, or a word that starts with a digit (`4GiB`, `1.18.6`, `10.0.0.0/8`)
// whose meaning the expected type decides.
struct Literal {
  enum class Kind { Int, Bool, Null, Word } kind = Kind::Int;
  std::string text;
  std::int64_t int_value = 0;
  bool bool_value = false;
};

// A piece of a string: text, or an interpolated expression `\(expr)`.
struct StringPart {
  std::string text;  // decoded text (escapes resolved); empty for interpolations
  ExprPtr interp;    // set for `\(expr)`
  Span span;
};
struct StringLit {
  std::vector<StringPart> parts;
  bool multiline = false;
};

// A name or path: `main`, `dragonfly-gl`, `general/dragonfly-gl-password`.
struct NameRef {
  std::string name;
};
struct Member {
  ExprPtr base;
  std::string field;
  Span field_span;
};
// One `a.b.c = value` entry of a record; keys may be quoted strings.
struct RecordField {
  std::vector<std::string> path;
  std::vector<Span> path_spans;
  ExprPtr value;
  Span span;
};
struct RecordLit {
  std::vector<RecordField> fields;
};
struct ListLit {
  std::vector<ExprPtr> items;
};
// `[for var in iter if cond: body]`
struct ListComp {
  std::string var;
  Span var_span;
  ExprPtr iter, cond, body;
};
struct IfExpr {
  ExprPtr cond, then_branch, else_branch;
};
struct Arg {
  std::string name;  // empty for positional
  Span name_span;
  ExprPtr value;
};
struct Call {
  ExprPtr callee;
  std::vector<Arg> args;
};
struct Unary {
  std::string op;  // "!"
  ExprPtr operand;
};
struct Binary {
  std::string op;  // "==", "!=", "&&", "||", "+"
  ExprPtr lhs, rhs;
  Span op_span;
};
// Stands where a sub-expression failed to parse; a diagnostic was already reported.
struct ErrorExpr {};

struct Expr {
  Span span;
  std::variant<Literal, StringLit, NameRef, Member, RecordLit, ListLit, ListComp, IfExpr, Call,
               Unary, Binary, ErrorExpr>
      node;
};

// Types of schema fields, parameters and lets.
struct TypeExpr {
  enum class Kind { Named, List, Map, Key, Enum } kind = Kind::Named;
  Span span;
  std::string name;                       // Named: `string`, `cluster`, `Resources`; Key: the kind
  TypePtr elem;                           // List and Map
  std::vector<std::string> members;       // Enum
  std::vector<Span> member_spans;
  std::optional<std::int64_t> min, max;   // `int(1..255)`
  std::optional<std::string> pattern;     // `string("regex")`
  Span arg_span;                          // span of the `(...)` argument, if any
};

struct Import {
  std::vector<std::string> path;  // {"std", "cilium"}
  Span path_span;
  std::string alias;
  Span alias_span;
};
struct LetDecl {
  std::string name;
  Span name_span;
  TypePtr type;  // may be null
  ExprPtr value;
  std::string doc;
};
struct FieldDecl {
  std::string name;
  Span name_span;
  bool optional = false;
  TypePtr type;
  ExprPtr default_value;  // may be null
  std::string doc;
  Span span;
};
// `schema Name { ... }` or `kind name [on field] [in field] { ... }`.
struct SchemaDecl {
  bool is_kind = false;
  std::string name;
  Span name_span;
  std::string on_field, in_field;
  Span on_span, in_span;
  std::vector<FieldDecl> fields;
  std::string doc;
};
struct Param {
  std::string name;
  Span name_span;
  TypePtr type;           // may be null (any)
  ExprPtr default_value;  // may be null (required)
};
struct TemplateDecl {
  std::string name;
  Span name_span;
  std::vector<Param> params;
  ExprPtr body;
  std::string doc;
};
// `kind name [on expr] [in expr] { fields }`
struct EntityDecl {
  std::string kind;
  Span kind_span;
  ExprPtr name;  // NameRef, or StringLit for computed names
  ExprPtr on, in;
  ExprPtr body;  // RecordLit
  std::string doc;
};
struct Item;
// `for var in iter [if cond] { items }`
struct ForDecl {
  std::string var;
  Span var_span;
  ExprPtr iter, cond;
  std::vector<Item> items;
};
// Stands where an item failed to parse; a diagnostic was already reported. The head of
// the item, when it could be read, lets later phases stay quiet about uses of the name.
struct ErrorItem {
  std::string head;  // "let", "schema", "kind", "template", "for", or an entity's kind
  std::string name;  // the declared name, when the head was followed by one
};

struct Item {
  Span span;
  std::variant<Import, LetDecl, SchemaDecl, TemplateDecl, EntityDecl, ForDecl, ErrorItem> node;
};

// Comments and blank lines, kept for the formatter and for doc comments.
struct Trivia {
  enum class Kind { LineComment, BlockComment, DocComment, BlankLine } kind;
  Span span;
};

// One parsed file.
struct ParsedFile {
  base::FileId file;
  std::vector<Item> items;
  std::vector<Trivia> trivia;
};

}  // namespace hlab::syntax
