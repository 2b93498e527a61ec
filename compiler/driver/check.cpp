// `hlabc check`: the help text. The command itself is the analysis plus `report` (cli.cpp),
// shared with `build` and `lint`.
#include "driver/commands.hpp"

namespace hlab::driver {
namespace {

constexpr const char* kCheckUsage = R"(NAME
    hlabc check - check .hlab sources and report every problem

SYNOPSIS
    hlabc check PATH... [--format text|json] [--stdlib DIR]... [--max-errors N]
                        [--color auto|always|never]

DESCRIPTION
    Loads every .hlab file below each folder given (or the files given) and the stdlib
    modules they import, type-checks them and runs the cross-reference checks (secret
    flows, ClusterMesh, Flux, network). Writes nothing. Text diagnostics go to stderr, like
    a compiler's; `--format json` prints one JSON document on stdout (docs/json-output.md).
    `hlabc explain CODE` tells what a code means.

OPTIONS
    --format text|json
        Output format (default: text).
    --stdlib DIR
        Look for `import std.x` in DIR first (repeatable); then the installed share
        folder, then the repository's stdlib/.
    --max-errors N
        Show at most N errors in text output (default: 50; 0 = no limit).
    --color auto|always|never
        Colour the text output (default: auto: on a terminal, unless NO_COLOR is set).
    -h, --help
        Show this help.

EXIT STATUS
    0   no errors (warnings allowed)
    1   errors found
    2   usage error, or an input that cannot be read

EXAMPLES
    hlabc check homelab/
    hlabc check homelab/ --format json | jq '.diagnostics[].code'
)";

}  // namespace

const char* check_usage() { return kCheckUsage; }

}  // namespace hlab::driver
