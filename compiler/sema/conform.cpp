// Conversion of evaluated values to the types schemas expect: typed literals read from
// text, strings and words converted, records and lists checked element by element.
#include <fmt/core.h>

#include <regex>

#include "base/literals.hpp"
#include "sema/detail_eval.hpp"

namespace hlab::sema::detail {

using diag::Code;
using TK = Type::Kind;

namespace {
bool valid_name(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (!alnum(s.front()) || !alnum(s.back())) return false;
  for (char c : s)
    if (!alnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}
}  // namespace

// Reads `text` as the typed literal `t` expects; reports a bad format at `span`.
ValuePtr Evaluator::from_text(const std::string& text, const Type& t, base::Span span,
                              bool from_string, base::Span origin) {
  auto bad = [&](std::string_view what, const std::string& why) -> ValuePtr {
    auto& d = sink_.report(Code::BadFormat, span, fmt::format("`{}` is not a valid {}: {}", text, what, why));
    d.primary_label = fmt::format("expected {}", describe(t));
    // A value defined elsewhere (a let): show where to change it.
    if (origin.valid() && !(origin.file == span.file && origin.begin >= span.begin && origin.end <= span.end))
      d.labels.push_back({origin, "the value is written here"});
    static const std::pair<TK, const char*> examples[] = {
        {TK::Ip, "192.168.1.20"},           {TK::Cidr, "10.244.0.0/16"},
        {TK::IpRange, "192.168.1.21-192.168.1.30"}, {TK::Quantity, "4Gi, 300Mi or 500m"},
        {TK::Duration, "1h, 10m0s or 300s"},  {TK::Version, "v1.12.2 or 9.9.0"},
        {TK::Cron, "\"0/30 * * * *\""},      {TK::Hostname, "gl.m1xxos.tech"},
        {TK::HostPattern, "\"*.local.m1xxos.tech\""}, {TK::Name, "dragonfly-gl"}};
    std::string example;
    for (const auto& [k, ex] : examples)
      if (k == t.kind) example = ex;
    if (auto at = why.find("the network address is "); at != std::string::npos)
      d.help = fmt::format("write the network address: {}", why.substr(at + 23));
    else
      d.help = example.empty() ? fmt::format("write {} here", describe(t))
                               : fmt::format("write {} here, such as {}", describe(t), example);
    return nullptr;
  };
  auto ok = [&](ValueKind k, std::string canonical) {
    auto v = make(k, span);
    v->text = std::move(canonical);
    return v;
  };
  // A Flux or Terraform placeholder is checked after substitution, not here.
  if (from_string && has_placeholder(text)) return ok(ValueKind::String, text);
  switch (t.kind) {
    case TK::Ip: { auto r = base::parse_ipv4(text); return r ? ok(ValueKind::Ip, r.value->str()) : bad("IPv4 address", r.error); }
    case TK::Cidr: { auto r = base::parse_cidr(text); return r ? ok(ValueKind::Cidr, r.value->str()) : bad("CIDR", r.error); }
    case TK::IpRange: { auto r = base::parse_ip_range(text); return r ? ok(ValueKind::IpRange, r.value->str()) : bad("IP range", r.error); }
    case TK::Quantity: { auto r = base::parse_quantity(text); return r ? ok(ValueKind::Quantity, r.value->kubernetes) : bad("quantity", r.error); }
    case TK::Duration: { auto r = base::parse_duration(text); return r ? ok(ValueKind::Duration, text) : bad("duration", r.error); }
    case TK::Version: { auto r = base::parse_version(text); return r ? ok(ValueKind::Version, text) : bad("version", r.error); }
    case TK::Cron: { auto r = base::parse_cron(text); return r ? ok(ValueKind::Cron, text) : bad("cron schedule", r.error); }
    case TK::Hostname:
    case TK::HostPattern: {
      auto r = base::parse_hostname(text, t.kind == TK::HostPattern);
      return r ? ok(ValueKind::Hostname, text) : bad("hostname", r.error);
    }
    case TK::Name:
      if (!valid_name(text)) return bad("name", "names are letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit");
      return ok(ValueKind::Word, text);
    default: break;
  }
  return nullptr;
}

// A word literal read without an expected type.
ValuePtr Evaluator::infer_word(const std::string& text, base::Span span) {
  auto ok = [&](ValueKind k, std::string canonical) {
    auto v = make(k, span);
    v->text = std::move(canonical);
    return v;
  };
  if (auto r = base::parse_ipv4(text)) return ok(ValueKind::Ip, r.value->str());
  if (text.find('/') != std::string::npos)
    if (auto r = base::parse_cidr(text)) return ok(ValueKind::Cidr, r.value->str());
  if (auto r = base::parse_ip_range(text)) return ok(ValueKind::IpRange, r.value->str());
  if (auto r = base::parse_version(text)) return ok(ValueKind::Version, text);
  if (auto r = base::parse_quantity(text)) return ok(ValueKind::Quantity, r.value->kubernetes);
  if (auto r = base::parse_duration(text)) return ok(ValueKind::Duration, text);
  auto& d = sink_.report(Code::InvalidLiteral, span, fmt::format("`{}` is not a valid literal", text));
  d.help = "literals starting with a digit are numbers, IPs, CIDRs, IP ranges, versions, quantities or durations; "
           "quote other text";
  return nullptr;
}

namespace {
// `out` is what `x` becomes under `schema`; `out` itself needs no further check.
void remember(const Value& x, const std::shared_ptr<Value>& out, SchemaId schema) {
  out->conformed.schema = schema.value;
  x.conformed.schema = schema.value;
  x.conformed.result = out;
}
}  // namespace

// Checks an evaluated value against the expected type, converting where the language
// allows (strings to typed literals, names to references).
ValuePtr Evaluator::conform(ValuePtr v, const Type* t, base::Span span) {
  if (!v || !t || t->kind == TK::Any) return v;
  if (t->secret_name) {
    // A `secret` is a `name` the checks look up among the Secrets created on the cluster.
    Type plain = *t;
    plain.secret_name = false;
    ValuePtr w = conform(v, &plain, span);
    if (!w || w->secret_name) return w;
    auto marked = std::make_shared<Value>(*w);
    marked->secret_name = true;
    return marked;
  }
  const Value& x = *v;
  if (x.kind == ValueKind::Null) return v;  // null clears an optional value
  switch (t->kind) {
    case TK::String:
      if (x.kind == ValueKind::String) {
        if (t->pattern && !has_placeholder(x.text)) {
          bool match = false;
          try {
            // Compiling a std::regex costs far more than matching: once per pattern.
            auto it = regex_cache_.find(*t->pattern);
            if (it == regex_cache_.end())
              it = regex_cache_.emplace(*t->pattern, Pattern{std::regex(*t->pattern, std::regex::ECMAScript), {}}).first;
            auto [seen, fresh] = it->second.matched.try_emplace(x.text, false);
            if (fresh) seen->second = std::regex_match(x.text, it->second.re);
            match = seen->second;
          } catch (const std::regex_error&) {
            auto& d = sink_.report(Code::BadFormat, span, fmt::format("the schema's pattern \"{}\" is not a valid regex", *t->pattern));
            d.help = "fix the pattern in the schema";
            return nullptr;
          }
          if (!match) {
            auto& d = sink_.report(Code::BadFormat, span, fmt::format("\"{}\" does not match the pattern \"{}\"", x.text, *t->pattern));
            d.primary_label = "does not match";
            d.help = "change the value so that it matches the field's pattern";
            return nullptr;
          }
        }
        return v;
      }
      if (x.kind == ValueKind::Word) {
        auto s = make(ValueKind::String, x.span);
        s->text = x.text;
        return conform(s, t, span);
      }
      // A reference reads as the entity's name where text is expected.
      if (x.kind == ValueKind::EntityRef) {
        auto s = make(ValueKind::String, x.span);
        s->text = model_.entities[x.entity.value].name;
        return conform(s, t, span);
      }
      // Typed literals read naturally as text ("1.18.6" in a string field).
      if (x.kind != ValueKind::List && x.kind != ValueKind::Record && x.kind != ValueKind::Bool &&
          x.kind != ValueKind::EntityRef && x.kind != ValueKind::KeyRef) {
        auto s = make(ValueKind::String, x.span);
        s->text = x.kind == ValueKind::Int ? std::to_string(x.i) : x.text;
        return conform(s, t, span);
      }
      return mismatch(x, *t, span);
    case TK::Int:
      if (x.kind == ValueKind::String && has_placeholder(x.text)) return v;
      if (x.kind != ValueKind::Int) return mismatch(x, *t, span);
      if ((t->min && x.i < *t->min) || (t->max && x.i > *t->max)) {
        auto& d = sink_.report(Code::OutOfRange, span, fmt::format("{} is outside {}..{}", x.i,
                               t->min ? std::to_string(*t->min) : "", t->max ? std::to_string(*t->max) : ""));
        d.primary_label = "out of range";
        d.help = fmt::format("use a value from {} to {}", t->min ? std::to_string(*t->min) : "-inf",
                             t->max ? std::to_string(*t->max) : "inf");
        return nullptr;
      }
      return v;
    case TK::Bool:
      if (x.kind == ValueKind::String && has_placeholder(x.text)) return v;
      return x.kind == ValueKind::Bool ? v : mismatch(x, *t, span);
    case TK::Ip: case TK::Cidr: case TK::IpRange: case TK::Quantity: case TK::Duration: case TK::Version:
    case TK::Cron: case TK::Hostname: case TK::HostPattern: case TK::Name: {
      static const std::pair<TK, ValueKind> same[] = {
          {TK::Ip, ValueKind::Ip}, {TK::Cidr, ValueKind::Cidr}, {TK::IpRange, ValueKind::IpRange},
          {TK::Quantity, ValueKind::Quantity}, {TK::Duration, ValueKind::Duration}, {TK::Version, ValueKind::Version},
          {TK::Cron, ValueKind::Cron}, {TK::Hostname, ValueKind::Hostname}, {TK::HostPattern, ValueKind::Hostname},
          {TK::Name, ValueKind::Word}};
      for (const auto& [tk, vk] : same)
        if (tk == t->kind && vk == x.kind) return v;
      if (x.kind == ValueKind::String || x.kind == ValueKind::Word || x.kind == ValueKind::Version ||
          x.kind == ValueKind::Ip || x.kind == ValueKind::Quantity || x.kind == ValueKind::Duration ||
          (x.kind == ValueKind::Int && t->kind != TK::Name))
        return from_text(x.kind == ValueKind::Int ? std::to_string(x.i) : x.text, *t, span,
                         x.kind == ValueKind::String, x.span);
      if (x.kind == ValueKind::EntityRef && t->kind == TK::Name) {
        auto w = make(ValueKind::Word, span);
        w->text = model_.entities[x.entity.value].name;
        return w;
      }
      return mismatch(x, *t, span);
    }
    case TK::Enum: {
      if (x.kind != ValueKind::Word && x.kind != ValueKind::String) return mismatch(x, *t, span);
      if (std::find(t->members.begin(), t->members.end(), x.text) != t->members.end()) {
        if (x.kind == ValueKind::Word) return v;
        auto w = make(ValueKind::Word, x.span);
        w->text = x.text;
        return w;
      }
      auto& d = sink_.report(Code::NotInEnum, span, fmt::format("`{}` is not one of: {}", x.text, [&] {
        std::string s;
        for (std::size_t k = 0; k < t->members.size(); ++k) s += (k ? ", " : "") + t->members[k];
        return s;
      }()));
      d.primary_label = "not an allowed choice";
      std::string near = diag::closest_match(x.text, t->members);
      d.help = near.empty() ? "use one of the choices listed" : fmt::format("did you mean `{}`?", near);
      if (!near.empty()) d.fixes.push_back({span, near});
      return nullptr;
    }
    case TK::List: {
      if (x.kind != ValueKind::List) return mismatch(x, *t, span);
      if (!t->elem || t->elem->kind == TK::Any) return v;
      bool of_records = t->elem->kind == TK::Record && !t->elem->secret_name;
      if (of_records && x.conformed.schema == t->elem->schema.value) return x.conformed.result ? x.conformed.result : v;
      auto out = make(ValueKind::List, x.span);
      bool ok = true;
      for (const auto& item : x.items) {
        ValuePtr c = conform(item, t->elem.get(), item->span);
        if (!c) { ok = false; continue; }
        out->items.push_back(c);
      }
      if (!ok) return nullptr;
      if (of_records) remember(x, out, t->elem->schema);
      return out;
    }
    case TK::Map: {
      if (x.kind != ValueKind::Record) return mismatch(x, *t, span);
      if (!t->elem || t->elem->kind == TK::Any) return v;
      auto out = make(ValueKind::Record, x.span);
      out->key_spans = x.key_spans;
      bool ok = true;
      for (const auto& [k, item] : x.fields) {
        ValuePtr c = conform(item, t->elem.get(), item->span);
        if (!c) { ok = false; continue; }
        out->fields.emplace_back(k, c);
      }
      return ok ? out : nullptr;
    }
    case TK::Record:
      // Records built from literals were checked field by field while evaluating; a record
      // from a let or a template is checked here.
      if (x.kind != ValueKind::Record) return mismatch(x, *t, span);
      if (x.conformed.schema == t->schema.value) return x.conformed.result ? x.conformed.result : v;
      {
        const SchemaInfo& s = model_.schemas[t->schema.value];
        auto out = make(ValueKind::Record, x.span);
        bool ok = true;
        for (std::size_t k = 0; k < x.fields.size(); ++k) {
          const auto& [name, item] = x.fields[k];
          base::Span ks = k < x.key_spans.size() ? x.key_spans[k] : item->span;
          const FieldInfo* fi = name == "_" ? nullptr : s.find(name);
          if (!fi) fi = s.find("_");  // an open schema: other fields take the type of `_`
          if (!fi) {
            std::vector<std::string> cands;
            for (const auto& f : s.fields) cands.push_back(f.name);
            auto& d = sink_.report(Code::UnknownField, ks, fmt::format("`{}` has no field `{}`", s.name, name));
            std::string near = diag::closest_match(name, cands);
            d.help = near.empty() ? fmt::format("remove it; `{}` declares: {}", s.name, [&] {
                                      std::string list;
                                      for (const auto& f : s.fields) list += (list.empty() ? "" : ", ") + f.name;
                                      return list;
                                    }())
                                  : fmt::format("did you mean `{}`?", near);
            if (!near.empty()) d.fixes.push_back({ks, near});
            ok = false;
            continue;
          }
          ValuePtr c = conform(item, fi->type.get(), item->span);
          if (!c) { ok = false; continue; }
          out->fields.emplace_back(name, c);
          out->key_spans.push_back(ks);
        }
        for (const auto& f : s.fields)
          if (f.name != "_" && !f.optional && !f.has_default && !x.field(f.name)) {
            auto& d = sink_.report(Code::MissingField, span, fmt::format("missing field `{}` of `{}`", f.name, s.name));
            d.labels.push_back({f.span, "declared here"});
            d.help = fmt::format("add `{} = ...`", f.name);
            ok = false;
          }
        if (!ok) return nullptr;
        remember(x, out, t->schema);
        return out;
      }
    case TK::EntityRef:
      if (x.kind == ValueKind::EntityRef) {
        const Entity& ent = model_.entities[x.entity.value];
        if (ent.kind == t->schema_name) return v;
        auto& d = sink_.report(Code::TypeMismatch, span, fmt::format("expected a `{}`, but `{}` is a `{}`", t->schema_name, ent.name, ent.kind));
        d.labels.push_back({ent.name_span, fmt::format("`{}` is declared here", ent.name)});
        d.help = fmt::format("name a `{}` here", t->schema_name);
        return nullptr;
      }
      if (x.kind == ValueKind::String || x.kind == ValueKind::Word) return entity_ref(t->schema_name, x.text, span, true);
      return mismatch(x, *t, span);
    case TK::KeyRef:
      if (x.kind == ValueKind::KeyRef) {
        const Entity& ent = model_.entities[x.entity.value];
        if (ent.kind == t->schema_name) return v;
      }
      return mismatch(x, *t, span);
    case TK::Any: break;
  }
  return v;
}

}  // namespace hlab::sema::detail
