#include <csignal>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "driver/cli.hpp"

int main(int argc, char** argv) {
  // Past a file-size limit a write should fail with EFBIG and be reported, not kill hlabc.
  std::signal(SIGXFSZ, SIG_IGN);
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return hlab::driver::run(args, argc > 0 ? argv[0] : "hlabc");
  } catch (const std::bad_alloc&) {
    std::fputs("error: out of memory\n", stderr);
    return 2;
  } catch (const std::exception& e) {
    // A bug in hlabc, never a user's mistake: say so plainly and fail as an I/O error would.
    std::fprintf(stderr, "error: internal error: %s\nplease report this with the input that caused it\n", e.what());
    return 2;
  }
}
