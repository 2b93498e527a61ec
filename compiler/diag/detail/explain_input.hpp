// Long-form docs of the input, syntax and module codes (E00xx, E01xx); included by explain.cpp.
#pragma once

#include <string_view>

namespace hlab::diag::detail {

inline constexpr std::string_view kSyntaxError = R"md(The parser could not read a declaration. hlabc parses every top-level declaration on its
own; when one fails it reports where, skips to the next declaration and keeps checking, so a
single typo does not hide the rest of your homelab. The usual causes are `:` where `=` belongs,
a missing `{`, or a misspelled keyword.

Bad:

```hlab
cluster gitlab {
  role: workload
  vip  = 192.168.1.20
}
```

Good:

```hlab
cluster gitlab {
  role = workload
  vip  = 192.168.1.20
}
```

How to fix: look at the caret; the text just before it is usually the culprit. Fields of a
declaration are set with `=`; `:` only declares the type of a field inside `schema` and `kind`.
)md";

inline constexpr std::string_view kUnterminatedString = R"md(A string literal starts with `"` but the line ends before the closing `"`, or a multi-line
string opened with `"""` is never closed. Everything after the opening quote would become part
of the string, so hlabc stops there instead of guessing where you meant it to end.

Bad:

```hlab
cluster gitlab {
  role = workload
  dns  = "gl.m1xxos.tech
}
```

Good:

```hlab
cluster gitlab {
  role = workload
  dns  = "gl.m1xxos.tech"
}
```

How to fix: close the string on the same line. Text that spans lines (an OIDC provider
template, a Helm values snippet) belongs in a `"""` string whose closing `"""` stands on a line
of its own.
)md";

inline constexpr std::string_view kUnterminatedComment = R"md(A block comment opened with `/*` has no matching `*/`. Everything up to the end of the file
would silently become comment, including declarations you expect to be built, so hlabc refuses
the file instead.

Bad:

```hlab
/* disabled while the NAS is rebuilt
cluster backup {
  role = workload
  vip  = 192.168.1.50
}
```

Good:

```hlab
/* disabled while the NAS is rebuilt */
cluster backup {
  role = workload
  vip  = 192.168.1.50
}
```

How to fix: add `*/` where the comment should end. To switch off a whole declaration, `#` on
each line is harder to get wrong.
)md";

inline constexpr std::string_view kUnbalancedBracket = R"md(A `(`, `[` or `{` is never closed, or a `)`, `]` or `}` closes nothing. hlabc splits files
into declarations by bracket depth, so an unbalanced bracket makes it unclear where one
declaration ends and the next begins. The diagnostic points at the bracket that has no partner.

Bad:

```hlab
external_secret dragonfly-gl on [main, gitlab in gitlab {
  data = { password = general/dragonfly-gl-password.password }
}
```

Good:

```hlab
external_secret dragonfly-gl on [main, gitlab] in gitlab {
  data = { password = general/dragonfly-gl-password.password }
}
```

How to fix: add the missing bracket, or remove the stray one. An editor that highlights
matching brackets (or `hlabc fmt`, once the file parses) makes the structure visible.
)md";

inline constexpr std::string_view kNestingTooDeep = R"md(Brackets are nested deeper than hlabc's limit. No hand-written homelab comes close; deep
nesting means generated or damaged input, and the limit keeps the compiler and the language
server from running out of stack on it.

Bad:

```hlab
# pasted from a broken generator: hundreds of levels
let values = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ 1 ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
```

Good:

```hlab
# dotted keys build nested records without nesting brackets
let values = { controller.resources.limits.memory = 512Mi }
```

How to fix: regenerate the input, or flatten it. Dotted keys (`a.b.c = 1`) build deep Helm
values while keeping the source shallow.
)md";

inline constexpr std::string_view kInvalidEncoding = R"md(The file is not valid UTF-8. Editors sometimes save in Latin-1 or UTF-16, and a binary
file can end up with a `.hlab` name. hlabc never guesses an encoding: names, hostnames and the
generated YAML must be byte-exact, and a wrong guess would change them silently.

Bad:

```hlab
# saved as Latin-1: the "é" below is the single byte 0xE9
cluster café {
  role = workload
}
```

Good:

```hlab
# saved as UTF-8 (Kubernetes names are ASCII anyway)
cluster cafe {
  role = workload
}
```

How to fix: convert the file, for example `iconv -f latin1 -t utf-8 old.hlab > new.hlab`, and
set your editor to save UTF-8. The caret points at the first byte that is not UTF-8.
)md";

inline constexpr std::string_view kFileTooLarge = R"md(A source file is larger than hlabc's size limit. A homelab description is a few hundred
lines per file; a file this big is almost always a log, a dump or generated data that landed
in the project folder with a `.hlab` name, and reading it would make every check slow.

Bad:

```hlab
# homelab/hosts.hlab, generated: 200 000 lines
let hosts = [
  "node-000001.lan",
  "node-000002.lan",
  # ...
]
```

Good:

```hlab
# homelab/hosts.hlab: describe the pattern, not every instance
let racks = [a, b, c]
for r in racks {
  cluster "edge-\(r)" { role = workload }
}
```

How to fix: move data that is not configuration out of the project folder, split a large file
into modules, and let `for` comprehensions generate repetitive declarations.
)md";

inline constexpr std::string_view kInvalidEscape = R"md(A string contains a backslash followed by a character that is not an escape. The escapes are
`\n`, `\t`, `\r`, `\"`, `\\`, `\u{...}` with a valid code point, and `\(` for interpolation.
Other sequences are errors rather than kept literally, so a regular expression or a path never
means something different from what you see.

Bad:

```hlab
schema Image {
  tag: string("^v\d+\.\d+\.\d+$")
}
```

Good:

```hlab
schema Image {
  tag: string("^v\\d+\\.\\d+\\.\\d+$")
}
```

How to fix: double the backslash (`\\`) when you mean a backslash. `$` is never special, so
Flux placeholders such as `"${CLUSTER_NAME}"` need no escaping.
)md";

inline constexpr std::string_view kInvalidLiteral = R"md(A literal looks like a number, address, CIDR, quantity, duration or version but cannot be
read as any of them: a trailing dot, a missing unit, a doubled separator. It is reported where
it is written, before any type is known, because the token itself is broken.

Bad:

```hlab
cluster gitlab {
  role     = workload
  vip      = 192.168.1.
  pod_cidr = 10.168.0.0//16
}
```

Good:

```hlab
cluster gitlab {
  role     = workload
  vip      = 192.168.1.20
  pod_cidr = 10.168.0.0/16
}
```

How to fix: complete the literal. Durations need a unit on every part (`1h30m`, not `1h30`),
quantities use Kubernetes suffixes (`4GiB`, `500m`, `300Mi`).
)md";

inline constexpr std::string_view kImportNotFound = R"md(An `import` names a module that does not exist. `import a.b` looks for `a/b.hlab` in the
project folder, then on the stdlib search path (`--stdlib DIR`, the installed share folder, the
repository's `stdlib/`). Without the module, none of its kinds, schemas or templates are known,
so this error is usually followed by unknown names.

Bad:

```hlab
import std.cillium
import lib.version
```

Good:

```hlab
import std.cilium
import lib.versions    # homelab/lib/versions.hlab
```

How to fix: check the spelling against the file name, check that the file sits below the
project folder, and pass `--stdlib` when you use a stdlib outside the default locations.
)md";

inline constexpr std::string_view kImportCycle = R"md(Modules import each other in a cycle: `a` imports `b` and `b`, directly or through others,
imports `a`. Imports are not transitive and a module's names must be known before an importer
can use them, so a cycle has no valid order. The message lists the whole cycle.

Bad:

```hlab
# lib/versions.hlab
import lib.charts
let cilium = v1.18.6

# lib/charts.hlab
import lib.versions
let cilium_chart = { version = versions.cilium }
```

Good:

```hlab
# lib/versions.hlab: imports nothing
let cilium = v1.18.6

# lib/charts.hlab
import lib.versions
let cilium_chart = { version = versions.cilium }
```

How to fix: decide which module is the lower layer and remove the import pointing upwards.
Names both need belong in a third module that imports neither.
)md";

inline constexpr std::string_view kNoSources = R"md(The folder given to hlabc holds no `.hlab` files. Checking nothing would pass every check,
and a pre-commit hook or CI gate that always passes is worse than none, so hlabc reports it.

Bad:

```hlab
# hlabc check homelab/clusters   -> the folder holds only clusters.hlab.txt
cluster gitlab { role = workload }
```

Good:

```hlab
# hlabc check homelab/           -> homelab/clusters.hlab
cluster gitlab { role = workload }
```

How to fix: pass the project folder (the one holding your `.hlab` files, usually `homelab/`)
and check that the files end in `.hlab`.
)md";

inline constexpr std::string_view kReadError = R"md(A source file exists but cannot be read: no permission, a broken symbolic link, a folder
named like a file, or a file removed while hlabc ran. hlabc stops rather than check a partial
homelab, because a missing file would turn every reference into it into a confusing error.

Bad:

```hlab
# homelab/secrets.hlab -> ../private/secrets.hlab (the link target was moved)
import secrets
```

Good:

```hlab
# homelab/secrets.hlab is a regular, readable file
import secrets
```

How to fix: read the operating-system reason in the message; fix the permission
(`chmod u+r`), the link target, or remove the stale entry.
)md";

inline constexpr std::string_view kTooManyFiles = R"md(The project folder holds more source files than hlabc's limit. A homelab needs tens of
files; thousands mean hlabc was pointed at the wrong folder (a home directory, the repository
root with vendored trees, a backup) and would spend its time reading unrelated files.

Bad:

```hlab
# hlabc check ~          -> walks every .hlab in the home directory and its backups
cluster main { role = management }
```

Good:

```hlab
# hlabc check homelab/   -> only the homelab description
cluster main { role = management }
```

How to fix: pass the folder that holds your homelab description, and move copies and
backups of it out of that folder.
)md";

}  // namespace hlab::diag::detail
