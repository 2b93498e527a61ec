// One function per feature, each in its own file. A handler gets the request's context
// (document, snapshot, index, cursor) and returns the result JSON, or throws RpcError.
#pragma once

#include <string>
#include <vector>

#include "lsp/index.hpp"
#include "lsp/project.hpp"

namespace hlab::lsp {

// What a request about one document sees.
struct Context {
  DocumentPtr doc;
  SnapshotPtr snap;
  const View* view = nullptr;
  std::shared_ptr<const Index> index;
  base::FileId file;             // the document in the snapshot (invalid when not analyzed)
  std::uint32_t doc_offset = 0;  // the cursor in the document's current text
  std::uint32_t offset = 0;      // the cursor in the snapshot's text of the document
};

// Where diagnostics link to: `<base>#<code-lowercase>`.
struct DiagnosticsOptions {
  std::string docs_base;  // "https://.../docs/diagnostics.md" or "file:///.../docs/diagnostics.md"
};

// diagnostics.cpp: the LSP diagnostics of `file` in `snap`.
json diagnostics_of(const View& view, base::FileId file, const DiagnosticsOptions& options);
// hover.cpp
json hover(const Context& c);
// navigation.cpp: definition and references.
json definition(const Context& c);
json references(const Context& c, bool include_declaration);
// rename.cpp
json prepare_rename(const Context& c);
json rename(const Context& c, const std::string& new_name);
// completion.cpp
json completion(const Context& c);
// symbols.cpp
json document_symbols(const Context& c);
json workspace_symbols(const std::vector<std::pair<SnapshotPtr, const View*>>& projects, const std::string& query);
// semantic_tokens.cpp: lexical tokens of the current text, classified with the index.
json semantic_tokens(const Context& c);
json semantic_tokens_legend();
// code_actions.cpp
json code_actions(const Context& c, const json& params);
// inlay_hints.cpp
json inlay_hints(const Context& c, const json& range);

// Shared by handlers: a one-line rendering of a value ("192.168.1.1", "[a, b]", "{ ... }").
std::string render_value(const sema::Value& v, std::size_t max_length = 80);

}  // namespace hlab::lsp
