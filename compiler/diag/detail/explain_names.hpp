// Long-form docs of the name, type and value codes (E02xx, W02xx); included by explain.cpp.
#pragma once

#include <string_view>

namespace hlab::diag::detail {

inline constexpr std::string_view kUnknownName = R"md(A name refers to nothing: no entity, `let`, template parameter or imported name is called
that. Every cross-reference in a homelab (the backend of a global service, the clusters an
ExternalSecret lands on, a secret path) is a checked name, and this is the check that catches
the typo that would otherwise fail at 3 a.m. in a Flux reconcile loop. When a similar name
exists, hlabc suggests it.

Bad:

```hlab
global_service dragonfly-gl in gitlab {
  port      = 6379
  backend   = mian
  consumers = [gitlab]
}
```

Good:

```hlab
global_service dragonfly-gl in gitlab {
  port      = 6379
  backend   = main
  consumers = [gitlab]
}
```

How to fix: correct the spelling, declare the missing entity, or `import` the module that
defines a `let`, `schema` or `template`. Entities are global; module names are not.
)md";

inline constexpr std::string_view kDuplicateDefinition = R"md(A name is defined twice: two entities of one kind with the same name anywhere in the
program, two `let`s of one name in a module, or one field set twice in a block. Entity
declarations are global, so a copy-pasted `cluster` block in another file clashes too; hlabc
would not know which one the generated Flux tree should follow. The second definition is the
error, the first is labelled.

Bad:

```hlab
# clusters.hlab
cluster gitlab { role = workload, vip = 192.168.1.20 }

# clusters-new.hlab (copied as a starting point)
cluster gitlab { role = workload, vip = 192.168.1.40 }
```

Good:

```hlab
# clusters.hlab
cluster gitlab { role = workload, vip = 192.168.1.20 }

# clusters-new.hlab
cluster media { role = workload, vip = 192.168.1.40 }
```

How to fix: rename one of them, or delete the copy. Entities of different kinds may share a
name (`cluster gitlab` and `external_secret gitlab` are fine).
)md";

inline constexpr std::string_view kUnknownField = R"md(A block sets a field its schema does not have. A misspelled optional field is the dangerous
kind of typo: without this error, the value would be ignored and the default used, and the
mistake would only show as a cluster that behaves differently from what the file says.
hlabc suggests the closest field name.

Bad:

```hlab
cluster gitlab {
  role       = workload
  vip        = 192.168.1.20
  ingres_ip  = 192.168.1.30
}
```

Good:

```hlab
cluster gitlab {
  role       = workload
  vip        = 192.168.1.20
  ingress_ip = 192.168.1.30
}
```

How to fix: use the suggested name, or read the schema (hover in the editor, or the `kind`
or `schema` declaration in the stdlib) for the fields it accepts.
)md";

inline constexpr std::string_view kMissingField = R"md(A required field is not set. Fields declared without `?` and without a default must be
given, because the generated manifests need them: a cluster without a VIP has no Talos
endpoint, an ExternalSecret without data reads nothing. The message names the field and the
label points at the schema that requires it.

Bad:

```hlab
cluster gitlab {
  role = workload
}
```

Good:

```hlab
cluster gitlab {
  role = workload
  vip  = 192.168.1.20
}
```

How to fix: set the field. If it truly is optional for every user, make it optional in the
schema (`vip?: ip`) or give it a default (`replicas: int(1..10) = 1`).
)md";

inline constexpr std::string_view kTypeMismatch = R"md(A value has the wrong type for where it is used: a string where an int is expected, a single
name where a list is expected, a record where a reference is expected. Typed literals such as
IPs and durations accept strings, but numbers, booleans, lists and records do not convert.

Bad:

```hlab
global_service dragonfly-gl in gitlab {
  port      = "6379"
  backend   = main
  consumers = gitlab
}
```

Good:

```hlab
global_service dragonfly-gl in gitlab {
  port      = 6379
  backend   = main
  consumers = [gitlab]
}
```

How to fix: write the value in the expected type; the message shows the expected and the
found type. A list of one element is still a list: `[gitlab]`.
)md";

inline constexpr std::string_view kBadFormat = R"md(A value of a typed field is not valid for its type: an IP with a part above 255, a CIDR
prefix above 32, a hostname with an underscore, a cron expression with the wrong number of
fields, a duration or quantity with an unknown unit, a version that does not parse, or a string
that does not match the field's pattern. Flux, Talos and Cilium would reject these much later,
far from the line that caused them.

Bad:

```hlab
cluster gitlab {
  role     = workload
  vip      = "192.168.1.300"
  pod_cidr = 10.168.0.0/33
  dns      = "gl_m1xxos.tech"
}
```

Good:

```hlab
cluster gitlab {
  role     = workload
  vip      = "192.168.1.20"
  pod_cidr = 10.168.0.0/16
  dns      = "gl.m1xxos.tech"
}
```

How to fix: correct the value; the message says which format was expected. Cron expressions
have five fields (`"0 3 * * *"`), durations look like `1h` or `10m0s`.
)md";

inline constexpr std::string_view kOutOfRange = R"md(A number is outside the range its schema allows, such as `int(1..255)`. Ranges encode real
limits of the systems hlabc generates for: a Cilium ClusterMesh cluster ID must be between 1
and 255, a port between 1 and 65535. Outside them the cluster would fail to join the mesh or
the service would not start.

Bad:

```hlab
cluster gitlab {
  role = workload
  vip  = 192.168.1.20
  mesh = { id = 300, endpoint = 192.168.1.31 }
}
```

Good:

```hlab
cluster gitlab {
  role = workload
  vip  = 192.168.1.20
  mesh = { id = 2, endpoint = 192.168.1.31 }
}
```

How to fix: pick a value inside the range shown in the message. Mesh IDs must also be unique
across clusters.
)md";

inline constexpr std::string_view kNotInEnum = R"md(A field declared as a choice of bare words (`role: management | workload`) is set to a word
that is not one of them. Enums drive which manifests are generated: a management cluster gets
the CAPI controllers, a workload cluster does not. An unknown word has no meaning, so it is
rejected, and the closest choice is suggested.

Bad:

```hlab
cluster gitlab {
  role = worker
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

How to fix: use one of the words listed in the message. Enum values are bare words, not
strings.
)md";

inline constexpr std::string_view kUnknownKey = R"md(A secret key reference (`path.key`) names a key the secret does not list in its `keys`. The
ExternalSecret generated from it would ask Vault for a property that does not exist, and the
Kubernetes Secret would never become ready, taking the consuming pod with it.

Bad:

```hlab
vault_secret general/dragonfly-gl-password {
  keys = [password]
}

external_secret dragonfly-gl on [main, gitlab] in gitlab {
  data = { password = general/dragonfly-gl-password.pasword }
}
```

Good:

```hlab
vault_secret general/dragonfly-gl-password {
  keys = [password]
}

external_secret dragonfly-gl on [main, gitlab] in gitlab {
  data = { password = general/dragonfly-gl-password.password }
}
```

How to fix: correct the key, or add it to the secret's `keys` if the producer really writes
it.
)md";

inline constexpr std::string_view kEvalCycle = R"md(A definition depends on itself, directly or through other definitions, so it has no value.
`let` bindings are evaluated lazily and fields may refer to other entities' fields, which
makes such loops easy to build by accident. The message lists the chain of definitions.

Bad:

```hlab
cluster gitlab {
  role       = workload
  vip        = gitlab.ingress_ip
  ingress_ip = gitlab.vip
}
```

Good:

```hlab
let gitlab_ip = 192.168.1.20

cluster gitlab {
  role       = workload
  vip        = gitlab_ip
  ingress_ip = 192.168.1.30
}
```

How to fix: give one of the definitions in the chain a value that does not refer back,
usually a literal or a shared `let`.
)md";

inline constexpr std::string_view kExpansionLimit = R"md(A `for` comprehension or a template expands into more values than hlabc's limit, or a
template keeps calling itself. A homelab generates tens of objects from a list, not millions;
the limit turns a runaway expansion into an error instead of a hung editor.

The limits: 2,000,000 values created while evaluating (list items, template calls and loop
rounds count too), definitions nested 100 deep, one string of at most 16 MiB and 256 MiB of
strings in all, and a value that, written out as a tree, has at most 2,000,000 nodes (a let
that uses the one before it twice doubles at every step).

Bad:

```hlab
template chain(n: int) = {
  depth = n
  next  = chain(n = n + 1)
}

let deep = chain(n = 1)
```

Good:

```hlab
let buckets = [loki, tempo, mimir]
for b in buckets {
  bucket_claim "\(b)" in gitlab { class = seaweedfs }
}
```

How to fix: make recursion stop (or avoid it: templates are for parameterised values, not
loops), and iterate over an explicit list.
)md";

inline constexpr std::string_view kBadArgument = R"md(A template is called with arguments that do not fit its parameters: an unknown parameter
name, a required parameter left out, too many positional arguments, or an argument of the
wrong type. The closest parameter name is suggested for a misspelling.

Bad:

```hlab
template oidc(issuer: string, client: string = "k8s") = {
  issuer_url = issuer
  client_id  = client
}

let gitlab_oidc = oidc(issuer = "https://auth.m1xxos.tech/application/o/k8s/", clinet = "gitlab")
```

Good:

```hlab
template oidc(issuer: string, client: string = "k8s") = {
  issuer_url = issuer
  client_id  = client
}

let gitlab_oidc = oidc(issuer = "https://auth.m1xxos.tech/application/o/k8s/", client = "gitlab")
```

How to fix: match the call to the template's parameter list, shown in the label. Parameters
with a default may be left out.
)md";

inline constexpr std::string_view kUnknownKind = R"md(A declaration starts with a word that no `kind` defines. Kinds come from the stdlib or your
own modules and become visible through `import`; a misspelled kind, or one whose module is not
imported, leaves hlabc unable to check or generate anything from the block.

Bad:

```hlab
extrenal_secret dragonfly-gl on [main, gitlab] in gitlab {
  data = { password = general/dragonfly-gl-password.password }
}
```

Good:

```hlab
external_secret dragonfly-gl on [main, gitlab] in gitlab {
  data = { password = general/dragonfly-gl-password.password }
}
```

How to fix: correct the spelling (the closest kind is suggested), or add the `import` of the
module that declares the kind.
)md";

inline constexpr std::string_view kSecretLiteral = R"md(A string literal looks like secret material: a private key block, a token with a known
prefix, or a long random-looking value in a field that carries credentials. No secret value
may appear in `.hlab` sources or in the generated `out/` tree, which are committed to git;
only references to where the secret lives (a Vault path and key) belong there.

Bad:

```hlab
external_secret grafana-admin on [main] in monitoring {
  data = { password = "Zx9qL2vT8mWc4rKp7sYb3nHd6fJg1aQe" }
}
```

Good:

```hlab
vault_secret general/grafana-admin {
  keys = [password]
}

external_secret grafana-admin on [main] in monitoring {
  data = { password = general/grafana-admin.password }
}
```

How to fix: store the value in Vault, declare it as a `vault_secret` and reference its key.
If the value was ever committed, rotate it: it stays in the git history.
)md";

inline constexpr std::string_view kUnusedLet = R"md(A `let` binding is never used. This is a warning, not an error: nothing breaks, but an unused
binding is often the sign of a typo elsewhere (a field that was meant to use it holds a
hard-coded copy) or of a leftover after a refactoring, and it misleads the next reader.

Bad:

```hlab
let cilium_version: version = 1.18.6

cluster gitlab {
  role = workload
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

How to fix: delete the binding, or use it where its value was meant to go.
)md";

}  // namespace hlab::diag::detail
