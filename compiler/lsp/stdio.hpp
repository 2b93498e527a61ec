// The server on a pair of file descriptors: a reader thread turns bytes into frames (and
// sees `$/cancelRequest` early), the calling thread handles them and runs the debounced
// analyses. Returns the process exit code: 0 after shutdown + exit, 1 otherwise.
#pragma once

#include "lsp/server.hpp"

namespace hlab::lsp {

int serve(ServerOptions options, int in_fd, int out_fd);

}  // namespace hlab::lsp
