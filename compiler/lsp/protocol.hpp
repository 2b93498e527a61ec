// JSON-RPC and LSP vocabulary shared by the server and the handlers: error codes, the
// error handlers throw for bad params, and position encodings.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace hlab::lsp {

using json = nlohmann::json;

namespace error {
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;
constexpr int kRequestFailed = -32803;
constexpr int kRequestCancelled = -32800;
}  // namespace error

// Thrown by a handler to answer its request with a JSON-RPC error.
struct RpcError : std::runtime_error {
  int code;
  RpcError(int c, const std::string& message) : std::runtime_error(message), code(c) {}
};

// How the client counts `character` in a Position.
enum class Encoding { Utf16, Utf8 };

// Reads a required member of `params`, or throws InvalidParams naming it.
const json& require(const json& params, const char* key);
// A required string member.
std::string require_string(const json& params, const char* key);

}  // namespace hlab::lsp
