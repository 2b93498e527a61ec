// What is where in one snapshot: declarations, resolved names, record fields. Built once
// per snapshot on first use; every handler that needs "the thing under the cursor" asks here.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lsp/project.hpp"
#include "sema/model.hpp"
#include "syntax/ast.hpp"

namespace hlab::lsp {

struct Declaration {
  enum class Kind { Let, Template, Schema, Kind, Entity, Field } kind = Kind::Let;
  std::string name;
  base::Span name_span;
  std::string container;                      // schema of a field, kind of an entity
  std::string doc;
  bool is_stdlib = false;
  const sema::Entity* entity = nullptr;
  const sema::SchemaInfo* schema = nullptr;   // Schema, Kind, Field (its schema), Entity (its kind)
  const sema::FieldInfo* field = nullptr;
  const syntax::LetDecl* let = nullptr;
  const syntax::TemplateDecl* templ = nullptr;
  sema::ValuePtr value;                       // Let: its value; Entity: its record
};

// A record key written in the sources and the schema field it sets.
struct FieldKey {
  base::Span key;
  const sema::SchemaInfo* schema = nullptr;
  const sema::FieldInfo* field = nullptr;
  const sema::Value* value = nullptr;
};

// A record value checked against a schema: where completion offers that schema's fields.
struct RecordScope {
  base::Span span;
  const sema::SchemaInfo* schema = nullptr;
  const sema::Value* value = nullptr;
};

class Index {
 public:
  explicit Index(const Snapshot& snap);
  const std::vector<Declaration>& declarations() const { return decls_; }
  // The declaration whose name is at `offset` of `file`.
  const Declaration* declaration_at(base::FileId file, std::uint32_t offset) const;
  // The declaration whose name span is `name`.
  const Declaration* declaration_named(base::Span name) const;
  // The resolved name at `offset`.
  const sema::NameUse* use_at(base::FileId file, std::uint32_t offset) const;
  // The declaration at `offset`, directly or through a use of its name.
  const Declaration* target_at(base::FileId file, std::uint32_t offset) const;
  // Every use of a declaration (distinct spans, in source order).
  std::vector<base::Span> uses_of(const Declaration& d) const;
  const FieldKey* field_at(base::FileId file, std::uint32_t offset) const;
  // The innermost schema-checked record around `offset`.
  const RecordScope* record_at(base::FileId file, std::uint32_t offset) const;
  const std::vector<FieldKey>& field_keys() const { return keys_; }

 private:
  void collect_declarations();
  void walk(const sema::Value& v, const sema::SchemaInfo& schema);
  void descend(const sema::Value& v, const sema::Type& t);

  const Snapshot& snap_;
  std::vector<Declaration> decls_;
  std::vector<FieldKey> keys_;
  std::vector<RecordScope> records_;
};

// The index of a snapshot, built on first use.
std::shared_ptr<const Index> index_of(const SnapshotPtr& snap);

// The source text a span covers.
std::string_view span_text(const sema::Analysis& a, base::Span s);
bool contains(base::Span s, base::FileId file, std::uint32_t offset);

}  // namespace hlab::lsp
