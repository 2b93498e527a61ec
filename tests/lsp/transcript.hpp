// Transcript tests of the language server: a file of messages in, the messages the server
// sent out (keys sorted, one pretty-printed JSON per block), compared with a golden file.
#pragma once

#include <string>

namespace hlab::lsp::testing {

// Runs the transcript text through a synchronous server and returns its output.
// `root` replaces `$ROOT` in the input and is replaced by `$ROOT` in the output.
std::string run_transcript(const std::string& input, const std::string& root, const std::string& stdlib);

}  // namespace hlab::lsp::testing
