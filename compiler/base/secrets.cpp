#include "base/secrets.hpp"

#include <cctype>
#include <cmath>
#include <string>

namespace hlab::base {
namespace {

bool contains(std::string_view s, std::string_view w) { return s.find(w) != std::string_view::npos; }

bool all_of(std::string_view s, int (*pred)(int)) {
  for (char c : s)
    if (!pred(static_cast<unsigned char>(c))) return false;
  return true;
}

int is_token_char(int c) { return std::isalnum(c) || c == '_' || c == '-'; }
int is_upper_or_digit(int c) { return std::isupper(c) || std::isdigit(c); }

// A word that starts with `prefix` followed by at least `min_rest` token characters.
bool prefixed_token(std::string_view s, std::string_view prefix, std::size_t min_rest, int (*pred)(int) = is_token_char) {
  for (std::size_t at = s.find(prefix); at != std::string_view::npos; at = s.find(prefix, at + 1)) {
    if (at > 0 && is_token_char(static_cast<unsigned char>(s[at - 1]))) continue;
    std::size_t n = 0;
    for (std::size_t k = at + prefix.size(); k < s.size() && pred(static_cast<unsigned char>(s[k])); ++k) ++n;
    if (n >= min_rest) return true;
  }
  return false;
}

const char* known_token(std::string_view s) {
  if (prefixed_token(s, "glpat-", 20)) return "a GitLab access token";
  if (prefixed_token(s, "glrt-", 20)) return "a GitLab runner token";
  if (prefixed_token(s, "ghp_", 36) || prefixed_token(s, "gho_", 36) || prefixed_token(s, "ghs_", 36) ||
      prefixed_token(s, "github_pat_", 40))
    return "a GitHub token";
  if (prefixed_token(s, "AKIA", 16, is_upper_or_digit)) return "an AWS access key";
  if (prefixed_token(s, "xoxb-", 20) || prefixed_token(s, "xoxp-", 20)) return "a Slack token";
  if (prefixed_token(s, "hvs.", 24)) return "a Vault token";
  return nullptr;
}

}  // namespace

double entropy(std::string_view s) {
  if (s.empty()) return 0;
  int counts[256] = {};
  for (char c : s) ++counts[static_cast<unsigned char>(c)];
  double h = 0;
  for (int c : counts)
    if (c) {
      double p = static_cast<double>(c) / static_cast<double>(s.size());
      h -= p * std::log2(p);
    }
  return h;
}

bool secret_like_field(std::string_view field) {
  std::string name(field);
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* w : {"password", "passwd", "token", "secret_key", "secretkey", "private_key", "privatekey",
                        "api_key", "apikey", "client_secret", "access_key"})
    if (contains(name, w)) return true;
  return false;
}

const char* secret_material(std::string_view field, std::string_view text) {
  // Every rule below needs at least 20 characters (the shortest: `AKIA` and 16 more).
  if (text.size() < 20) return nullptr;
  if (contains(text, "-----BEGIN ")) {
    if (contains(text, "PRIVATE KEY")) return "a PEM private key";
    if (contains(text, "CERTIFICATE")) return "a PEM certificate";
    if (contains(text, "PGP PRIVATE KEY")) return "a PGP private key";
  }
  if (const char* t = known_token(text)) return t;
  // A long random word in a credential field. URLs, templates and placeholders are
  // addresses and references, not tokens.
  if (text.size() < 20 || !secret_like_field(field)) return nullptr;
  if (contains(text, "${") || contains(text, "{{") || contains(text, "://") || contains(text, " ")) return nullptr;
  if (!all_of(text, [](int c) { return std::isgraph(c); })) return nullptr;
  return entropy(text) >= 3.5 ? "a high-entropy token" : nullptr;
}

}  // namespace hlab::base
