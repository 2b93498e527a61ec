// What secret material looks like: the checker refuses it in sources (E0214), and the tests
// assert that none of it reaches the generated tree.
#pragma once

#include <string_view>

namespace hlab::base {

// Why `text`, the value of a field named `field` (may be empty), looks like secret
// material: a short description such as "a PEM private key", or nullptr when it does not.
const char* secret_material(std::string_view field, std::string_view text);

// Field names that hold credentials: `password`, `token`, `client_secret`, `api_key`, ...
bool secret_like_field(std::string_view field);

// Shannon entropy of the bytes of `s`, in bits per byte.
double entropy(std::string_view s);

}  // namespace hlab::base
