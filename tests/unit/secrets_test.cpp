// The secret-material detector that E0214 and the out/ audit share.
#include <catch2/catch.hpp>

#include <string>

#include "base/secrets.hpp"

using hlab::base::secret_material;

TEST_CASE("PEM keys and certificates are secret material in any field", "[secrets]") {
  CHECK(secret_material("", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n") != nullptr);
  CHECK(secret_material("ca", "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----") != nullptr);
  CHECK(secret_material("ca", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----") != nullptr);
  CHECK(secret_material("note", "the header reads -----BEGIN but nothing follows") == nullptr);
}

TEST_CASE("well-known token formats are secret material in any field", "[secrets]") {
  CHECK(secret_material("url", "glpat-AbCdEfGhIjKlMnOpQrSt") != nullptr);
  CHECK(secret_material("", "ghp_" + std::string(36, 'a')) != nullptr);
  CHECK(secret_material("", "AKIAIOSFODNN7EXAMPLE") != nullptr);
  CHECK(secret_material("", "hvs.CAESIJlWx7vYqg0OgI2b0xp5FWFt") != nullptr);
  CHECK(secret_material("", "xoxb-1234567890-abcdefghijkl") != nullptr);
  // Too short, or inside a longer word, is not a token.
  CHECK(secret_material("", "glpat-short") == nullptr);
  CHECK(secret_material("", "myAKIAIOSFODNN7EXAMPLE") == nullptr);
  CHECK(secret_material("name", "ghp_") == nullptr);
}

TEST_CASE("random words are secret material only in credential fields", "[secrets]") {
  const std::string random = "q8Zr2LmX9vT4kW1pN7sB3yH6";
  CHECK(secret_material("password", random) != nullptr);
  CHECK(secret_material("adminToken", random) != nullptr);
  CHECK(secret_material("client_secret", random) != nullptr);
  CHECK(secret_material("image", random) == nullptr);
  // Placeholders, URLs, sentences and low-entropy words are not.
  CHECK(secret_material("password", "${ADMIN_PASSWORD}") == nullptr);
  CHECK(secret_material("token_url", "https://auth.gl.m1xxos.tech/application/o/token/") == nullptr);
  CHECK(secret_material("password", "change me before the first start") == nullptr);
  CHECK(secret_material("password", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa") == nullptr);
  CHECK(secret_material("password", "short") == nullptr);
}
