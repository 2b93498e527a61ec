// The evaluator: symbols per module, lazily evaluated lets and entity fields, type
// checking of values against schemas. Internal to sema.
#pragma once

#include <map>
#include <regex>
#include <unordered_map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "sema/analyze.hpp"
#include "sema/detail_loader.hpp"

namespace hlab::sema::detail {

using syntax::Expr;
using syntax::ExprPtr;

// Variables bound by `for`, comprehensions and template parameters.
// Names point into the syntax trees, which outlive the evaluation; a frame holds one to a
// few variables, so a flat list is searched.
struct Frame {
  std::vector<std::pair<std::string_view, ValuePtr>> vars;
  std::shared_ptr<const Frame> parent;
  const ValuePtr* find(std::string_view name) const;
  void set(std::string_view name, ValuePtr v) {
    for (auto& [n, x] : vars)
      if (n == name) { x = std::move(v); return; }
    vars.emplace_back(name, std::move(v));
  }
};
struct Env {
  int module = -1;
  std::shared_ptr<const Frame> frame;
};

// True when a string holds a Flux or Terraform placeholder (`${...}`), checked only after
// substitution.
inline bool has_placeholder(std::string_view s) { return s.find("${") != std::string_view::npos; }

enum class SlotState : std::uint8_t { New, Busy, Done };

struct LetSlot {
  const syntax::LetDecl* decl = nullptr;
  int module = -1;
  SlotState state = SlotState::New;
  ValuePtr value;
  TypePtr type;
  bool used = false;
};
struct TemplateSlot {
  const syntax::TemplateDecl* decl = nullptr;
  int module = -1;
};

// A name visible in a module.
struct Symbol {
  enum class Kind : std::uint8_t { Let, Schema, Template } kind = Kind::Let;
  std::size_t index = 0;  // into lets_, schemas, templates_
  int module = -1;        // declaring module
  base::Span span;
  bool ambiguous = false;
  std::vector<int> other_modules;
};

struct ModuleScope {
  bool failed_import = false;  // unknown names may come from the missing module: stay quiet
  std::map<std::string, Symbol, std::less<>> own;
  std::map<std::string, Symbol, std::less<>> visible;  // own + imported
  std::map<std::string, int, std::less<>> aliases;     // import alias -> module
};

// Entries of a record literal that start with one key: `a = ...`, `a.b = ...`.
struct FieldGroup {
  std::string name;
  base::Span key_span;
  std::vector<std::pair<std::size_t, const syntax::RecordField*>> entries;  // (path offset, field)
};

// One field of an entity: the entries written for it, an `on`/`in` clause, or the
// schema's default once read. Names point into syntax trees and schemas.
struct FieldSlot {
  static constexpr std::uint32_t kNoField = UINT32_MAX;
  std::string_view name;
  std::uint32_t field = kNoField;  // index in the schema's fields; kNoField when it has none
  bool is_default = false;         // the schema's default, read: no key in the user's file
  base::Span key_span;
  const FieldGroup* group = nullptr;  // written entries (shared by every `for` round)
  ExprPtr clause;                     // set for `on`/`in` clauses and defaults instead
  SlotState state = SlotState::New;
  ValuePtr value;
};

struct EntitySlot {
  const syntax::EntityDecl* decl = nullptr;
  Env env;
  std::vector<FieldSlot> fields;  // in written order; an entity has a handful
  SlotState state = SlotState::New;
  // Index of the slot named `name` in `fields`, or fields.size().
  std::size_t find(std::string_view name) const {
    std::size_t k = 0;
    while (k < fields.size() && fields[k].name != name) ++k;
    return k;
  }
  // Index of the slot of schema field `field` in `fields`, or fields.size().
  std::size_t find_field(std::uint32_t field) const {
    std::size_t k = 0;
    while (k < fields.size() && fields[k].field != field) ++k;
    return k;
  }
};

class Evaluator {
 public:
  Evaluator(const AnalysisOptions& options, Analysis& out, const ImportGraph& graph);
  // Runs every phase: symbols, schemas, entity collection, evaluation, the model.
  void run();

 private:
  // Symbols and types (scope.cpp).
  void declare_symbols();
  void build_scopes();
  void resolve_schemas();
  TypePtr resolve_type(const syntax::TypePtr& t, int module);
  const Symbol* lookup(int module, std::string_view name);
  // Remembers that the name at `use` resolved to `sym` (or to an entity).
  void record_use(base::Span use, const Symbol& sym);
  void record_entity_use(base::Span use, EntityId id);
  std::vector<std::string> visible_names(int module) const;
  std::string suggest_import_for_kind(std::string_view kind) const;

  // Entities (entities.cpp).
  // Items are taken in place: slots, frames and caches point into the syntax trees.
  void collect_items(std::span<const syntax::Item> items, Env env);
  // Marks the names `items` would declare as poisoned (their loop could not run).
  void poison_names(const std::vector<syntax::Item>& items, const Env& env);
  void collect_entity(const syntax::EntityDecl& decl, base::Span span, Env env);
  ValuePtr entity_field(EntityId id, std::string_view field, base::Span use);
  // The same for a field the schema declares (`fi` points into the entity's schema).
  ValuePtr entity_field(EntityId id, const FieldInfo& fi, base::Span use);
  void finish_entity(EntityId id);
  std::vector<FieldGroup> group_fields(const std::vector<std::pair<std::size_t, const syntax::RecordField*>>& entries);
  // The groups of a record literal, and of the entries below one group (`a.b = ...`),
  // computed once per syntax node: a record in a `for` body is grouped once, not per round.
  const std::vector<FieldGroup>& record_groups(const syntax::RecordLit& r);
  const std::vector<FieldGroup>& sub_groups(const FieldGroup& g);
  void report_unused_lets();

  // Expressions (eval.cpp).
  ValuePtr eval(const Expr& e, const Env& env, const Type* expected);
  ValuePtr eval_name(const Expr& e, const std::string& name, const Env& env, const Type* expected);
  ValuePtr eval_member(const Expr& e, const syntax::Member& m, const Env& env, const Type* expected);
  ValuePtr eval_node(const Expr& e, const Env& env, const Type* expected);
  ValuePtr eval_string(const Expr& e, const syntax::StringLit& s, const Env& env, const Type* expected);
  ValuePtr eval_literal(const Expr& e, const syntax::Literal& l, const Type* expected);
  ValuePtr eval_call(const Expr& e, const syntax::Call& c, const Env& env, const Type* expected);
  bool call_builtin(const Expr& e, const std::string& name, const syntax::Call& c, const Env& env, ValuePtr& result);
  // A plain name that names nothing in scope: read as a bare word in comparisons.
  bool bare_word(const Expr& x, const Env& env);
  ValuePtr eval_binary(const Expr& e, const syntax::Binary& b, const Env& env, const Type* expected);
  ValuePtr eval_groups(const std::vector<FieldGroup>& groups, base::Span span, const Env& env,
                       const Type* expected, EntityId owner);
  ValuePtr eval_group(const FieldGroup& g, const Env& env, const Type* expected);
  ValuePtr eval_let(std::size_t index, base::Span use);
  ValuePtr conform(ValuePtr v, const Type* expected, base::Span span);
  ValuePtr from_text(const std::string& text, const Type& t, base::Span span, bool from_string,
                     base::Span origin = {});
  ValuePtr infer_word(const std::string& text, base::Span span);
  ValuePtr entity_ref(std::string_view kind, std::string_view name, base::Span span, bool report);
  void add_vault_secret_fix(diag::Diagnostic& d, std::string_view name, base::Span span);
  ValuePtr key_ref(const Value& entity_ref_value, const std::string& key, base::Span key_span, base::Span span, bool report);
  bool to_text(const Value& v, std::string& out, base::Span span);
  bool equal(const Value& a, const Value& b) const;
  ValuePtr merge(const ValuePtr& a, const ValuePtr& b, base::Span span);
  void check_secret_literal(const std::string& field, const Value& v);

  // Values.
  std::shared_ptr<Value> make(ValueKind k, base::Span span);
  ValuePtr null_value(base::Span span);
  ValuePtr at_use(const ValuePtr& v, base::Span use);
  ValuePtr mismatch(const Value& v, const Type& t, base::Span span);
  bool budget_exceeded(base::Span span) {
    return (aborted_ || values_made_ > options_.max_values) && budget_exhausted(span);
  }
  // The slow path of budget_exceeded: reports the limit once; always true.
  bool budget_exhausted(base::Span span);
  // Accounts for a string of `bytes` about to be built; false (and one diagnostic) when it
  // or all strings built so far pass the limits.
  bool text_fits(std::size_t bytes, base::Span span);
  // False (and one diagnostic at `span`) when `v`, written out as a tree, has more nodes
  // than the value budget.
  bool expansion_fits(const Value& v, base::Span span);
  // Counts one level of nested evaluation; false (and one diagnostic) past the limit.
  bool enter(base::Span span);

  const AnalysisOptions& options_;
  Analysis& out_;
  const ImportGraph& graph_;
  diag::DiagSink& sink_;
  Model& model_;

  std::vector<ModuleScope> scopes_;
  std::vector<LetSlot> lets_;
  std::vector<TemplateSlot> templates_;
  std::vector<const syntax::SchemaDecl*> schema_decls_;
  std::vector<int> schema_modules_;
  std::vector<EntitySlot> entity_slots_;
  std::map<const syntax::TypeExpr*, TypePtr> type_cache_;
  // record_groups / sub_groups, by the RecordLit or FieldGroup they group (node-based:
  // references stay valid as it grows).
  std::unordered_map<const void*, std::vector<FieldGroup>> group_cache_;
  // Whether an expression is made of literals only (plain strings, numbers, booleans, null,
  // and records and lists of those): read with one type, it makes the same value every time.
  bool is_constant(const Expr& e);
  std::unordered_map<const Expr*, bool> constant_;  // for records and lists
  // The value of each constant, by syntax node and expected type (see eval).
  struct ConstantKeyHash {
    std::size_t operator()(const std::pair<const Expr*, const Type*>& k) const {
      return std::hash<const void*>{}(k.first) * 31 + std::hash<const void*>{}(k.second);
    }
  };
  std::unordered_map<std::pair<const Expr*, const Type*>, ValuePtr, ConstantKeyHash> constant_values_;
  // Names declared by items that failed to parse or to be collected: uses of them are not
  // reported again, so one mistake gives one diagnostic.
  std::set<std::string, std::less<>> poisoned_;
  bool poisoned(std::string_view name) const { return poisoned_.count(name) > 0; }
  // (entity, field) pairs already reported as read while unset.
  std::set<std::pair<std::uint32_t, std::string>> unset_reported_;
  // Entities by name, whatever their kind.
  std::map<std::string, std::vector<EntityId>, std::less<>> by_name_;
  // Each schema pattern compiled once, with the texts already matched against it (the same
  // file names and URLs come back in every generated entity).
  struct Pattern {
    std::regex re;
    std::unordered_map<std::string, bool> matched;
  };
  std::map<std::string, Pattern> regex_cache_;
  std::vector<const Value*> walk_scratch_;  // expansion_fits' stack, kept between calls
  std::size_t values_made_ = 0;
  std::size_t string_bytes_ = 0;
  bool aborted_ = false;
  std::uint32_t depth_ = 0;
};

}  // namespace hlab::sema::detail
