// Symbols per module, import scopes, and the resolution of type expressions.
#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sema/detail_eval.hpp"

namespace hlab::sema::detail {

using diag::Code;

const ValuePtr* Frame::find(std::string_view name) const {
  for (const Frame* f = this; f; f = f->parent.get()) {
    for (const auto& [n, v] : f->vars)
      if (n == name) return &v;
  }
  return nullptr;
}

Evaluator::Evaluator(const AnalysisOptions& options, Analysis& out, const ImportGraph& graph)
    : options_(options), out_(out), graph_(graph), sink_(out.diags), model_(out.model) {}

void Evaluator::declare_symbols() {
  scopes_.resize(out_.modules.size());
  for (std::size_t m = 0; m < out_.modules.size(); ++m) {
    auto& own = scopes_[m].own;
    auto declare = [&](const std::string& name, Symbol sym) {
      auto [it, fresh] = own.emplace(name, sym);
      if (!fresh) {
        auto& d = sink_.report(Code::DuplicateDefinition, sym.span, fmt::format("`{}` is defined twice in this module", name));
        d.primary_label = "defined again here";
        d.labels.push_back({it->second.span, "first defined here"});
        d.help = "rename one of them, or remove the second";
      }
    };
    for (const auto& item : out_.modules[m].parsed.items) {
      if (const auto* bad = std::get_if<syntax::ErrorItem>(&item.node)) {
        if (!bad->name.empty()) poisoned_.insert(bad->name);
        continue;
      }
      if (const auto* let = std::get_if<syntax::LetDecl>(&item.node)) {
        lets_.push_back(LetSlot{let, static_cast<int>(m), SlotState::New, nullptr, nullptr, false});
        declare(let->name, Symbol{Symbol::Kind::Let, lets_.size() - 1, static_cast<int>(m), let->name_span, false, {}});
      } else if (const auto* s = std::get_if<syntax::SchemaDecl>(&item.node)) {
        SchemaInfo info;
        info.id = SchemaId{static_cast<std::uint32_t>(model_.schemas.size())};
        info.name = s->name;
        info.is_kind = s->is_kind;
        info.on_field = s->on_field;
        info.in_field = s->in_field;
        info.doc = s->doc;
        info.span = s->name_span;
        info.module = out_.modules[m].name;
        model_.schemas.push_back(std::move(info));
        schema_decls_.push_back(s);
        schema_modules_.push_back(static_cast<int>(m));
        declare(s->name, Symbol{Symbol::Kind::Schema, model_.schemas.size() - 1, static_cast<int>(m), s->name_span, false, {}});
      } else if (const auto* t = std::get_if<syntax::TemplateDecl>(&item.node)) {
        templates_.push_back(TemplateSlot{t, static_cast<int>(m)});
        declare(t->name, Symbol{Symbol::Kind::Template, templates_.size() - 1, static_cast<int>(m), t->name_span, false, {}});
      }
    }
  }
}

void Evaluator::build_scopes() {
  for (std::size_t m = 0; m < out_.modules.size(); ++m) {
    auto& sc = scopes_[m];
    sc.visible = sc.own;
    std::size_t k = 0;
    for (const auto& item : out_.modules[m].parsed.items) {
      const auto* imp = std::get_if<syntax::Import>(&item.node);
      if (!imp) continue;
      int target = k < graph_.targets[m].size() ? graph_.targets[m][k] : -1;
      ++k;
      if (target < 0) {
        sc.failed_import = true;
        continue;
      }
      std::string alias = imp->alias.empty() ? imp->path.back() : imp->alias;
      sc.aliases[alias] = target;
      for (const auto& [name, sym] : scopes_[static_cast<std::size_t>(target)].own) {
        if (sc.own.count(name)) continue;  // a module's own names shadow imported ones
        auto [it, fresh] = sc.visible.emplace(name, sym);
        if (!fresh && it->second.module != sym.module) {
          it->second.ambiguous = true;
          it->second.other_modules.push_back(sym.module);
        }
      }
    }
  }
}

const Symbol* Evaluator::lookup(int module, std::string_view name) {
  if (module < 0) return nullptr;
  auto& vis = scopes_[static_cast<std::size_t>(module)].visible;
  auto it = vis.find(name);
  return it == vis.end() ? nullptr : &it->second;
}

void Evaluator::record_use(base::Span use, const Symbol& sym) {
  using K = NameUse::Kind;
  K kind = sym.kind == Symbol::Kind::Let ? K::Let : sym.kind == Symbol::Kind::Template ? K::Template : K::Schema;
  out_.uses.push_back(NameUse{kind, use, sym.span, EntityId{}});
}

void Evaluator::record_entity_use(base::Span use, EntityId id) {
  out_.uses.push_back(NameUse{NameUse::Kind::Entity, use, model_.entities[id.value].name_span, id});
}

std::vector<std::string> Evaluator::visible_names(int module) const {
  std::vector<std::string> out;
  if (module < 0) return out;
  for (const auto& [name, sym] : scopes_[static_cast<std::size_t>(module)].visible) out.push_back(name);
  return out;
}

std::string Evaluator::suggest_import_for_kind(std::string_view kind) const {
  // Look through the stdlib path for a module that declares the kind, so the help line
  // can say which import is missing.
  namespace fs = std::filesystem;
  std::string needle = fmt::format("kind {}", kind);
  for (const auto& dir : options_.stdlib_path) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".hlab") files.push_back(it->path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f);
      std::string line;
      while (std::getline(in, line)) {
        if (!line.starts_with(needle)) continue;
        char next = line.size() > needle.size() ? line[needle.size()] : ' ';
        if (next != ' ' && next != '{') continue;
        fs::path rel = f.lexically_relative(dir);
        rel.replace_extension();
        std::string mod;
        for (const auto& part : rel) mod += (mod.empty() ? "" : ".") + part.generic_string();
        return mod;
      }
    }
  }
  return {};
}

namespace {
bool builtin(std::string_view n, Type::Kind& k) {
  using K = Type::Kind;
  static const std::pair<std::string_view, K> table[] = {
      {"any", K::Any},           {"string", K::String},     {"int", K::Int},
      {"bool", K::Bool},         {"ip", K::Ip},             {"cidr", K::Cidr},
      {"ip_range", K::IpRange},  {"quantity", K::Quantity}, {"duration", K::Duration},
      {"version", K::Version},   {"cron", K::Cron},         {"hostname", K::Hostname},
      {"host_pattern", K::HostPattern}, {"name", K::Name}, {"secret", K::Name}};
  for (const auto& [name, kind] : table)
    if (name == n) { k = kind; return true; }
  return false;
}
}  // namespace

TypePtr Evaluator::resolve_type(const syntax::TypePtr& t, int module) {
  if (!t) return std::make_shared<Type>();
  if (auto it = type_cache_.find(t.get()); it != type_cache_.end()) return it->second;
  auto out = std::make_shared<Type>();
  using TK = syntax::TypeExpr::Kind;
  switch (t->kind) {
    case TK::List:
    case TK::Map:
      out->kind = t->kind == TK::List ? Type::Kind::List : Type::Kind::Map;
      out->elem = resolve_type(t->elem, module);
      break;
    case TK::Enum:
      out->kind = Type::Kind::Enum;
      out->members = t->members;
      break;
    case TK::Key:
    case TK::Named: {
      Type::Kind k;
      if (t->kind == TK::Named && builtin(t->name, k)) {
        out->kind = k;
        out->secret_name = t->name == "secret";
        if (t->min || t->max) {
          if (k != Type::Kind::Int) {
            auto& d = sink_.report(Code::TypeMismatch, t->arg_span, fmt::format("`{}` takes no range", t->name));
            d.help = "only `int` takes a range, as `int(1..255)`";
          }
          out->min = t->min;
          out->max = t->max;
        }
        if (t->pattern) {
          if (k != Type::Kind::String) {
            auto& d = sink_.report(Code::TypeMismatch, t->arg_span, fmt::format("`{}` takes no pattern", t->name));
            d.help = "only `string` takes a pattern, as `string(\"^[a-z]+$\")`";
          }
          out->pattern = t->pattern;
        }
        break;
      }
      const Symbol* sym = lookup(module, t->name);
      if ((!sym || sym->kind != Symbol::Kind::Schema) &&
          (poisoned(t->name) || scopes_[static_cast<std::size_t>(module)].failed_import))
        break;
      if (!sym || sym->kind != Symbol::Kind::Schema) {
        auto& d = sink_.report(Code::UnknownName, t->span, fmt::format("unknown type `{}`", t->name));
        d.primary_label = "not a type";
        std::vector<std::string> cands = {"string", "int", "bool", "any", "ip", "cidr", "ip_range", "quantity",
                                          "duration", "version", "cron", "hostname", "host_pattern", "name"};
        for (const auto& [name, s] : scopes_[static_cast<std::size_t>(module)].visible)
          if (s.kind == Symbol::Kind::Schema) cands.push_back(name);
        std::string near = diag::closest_match(t->name, cands);
        d.help = near.empty() ? "declare it with `schema` or `kind`, or import the module that does"
                              : fmt::format("did you mean `{}`?", near);
        break;
      }
      const SchemaInfo& info = model_.schemas[sym->index];
      record_use(t->span, *sym);
      out->schema = info.id;
      out->schema_name = info.name;
      if (t->kind == TK::Key) {
        out->kind = Type::Kind::KeyRef;
        if (!info.is_kind) {
          auto& d = sink_.report(Code::TypeMismatch, t->span, fmt::format("`key({})` needs a kind, and `{}` is a schema", t->name, t->name));
          d.help = "declare it with `kind` so that its instances can be referred to";
        }
      } else {
        out->kind = info.is_kind ? Type::Kind::EntityRef : Type::Kind::Record;
      }
      break;
    }
  }
  type_cache_[t.get()] = out;
  return out;
}

void Evaluator::resolve_schemas() {
  for (std::size_t i = 0; i < schema_decls_.size(); ++i) {
    const auto* decl = schema_decls_[i];
    int module = schema_modules_[i];
    auto& info = model_.schemas[i];
    std::map<std::string, base::Span> seen;
    for (const auto& f : decl->fields) {
      if (auto it = seen.find(f.name); it != seen.end()) {
        auto& d = sink_.report(Code::DuplicateDefinition, f.name_span, fmt::format("field `{}` is declared twice", f.name));
        d.labels.push_back({it->second, "first declared here"});
        d.help = "remove one of the declarations";
        continue;
      }
      seen.emplace(f.name, f.name_span);
      FieldInfo fi;
      fi.name = f.name;
      fi.optional = f.optional;
      fi.has_default = f.default_value != nullptr;
      fi.type = resolve_type(f.type, module);
      fi.doc = f.doc;
      fi.span = f.name_span;
      info.fields.push_back(std::move(fi));
    }
    auto check_clause = [&](const std::string& field, base::Span span, const char* word) {
      if (field.empty() || info.find(field)) return;
      auto& d = sink_.report(Code::UnknownField, span, fmt::format("`{}` clause names field `{}`, which `{}` does not declare", word, field, info.name));
      d.help = "name one of the kind's fields";
    };
    check_clause(info.on_field, decl->on_span, "on");
    check_clause(info.in_field, decl->in_span, "in");
  }
}

}  // namespace hlab::sema::detail
