'use strict';
// The TextMate grammar, tokenized as VS Code does: chosen tokens of the real sources
// (homelab/, stdlib/) and of hand-written snippets must carry the expected scopes.
// Usage: node test/grammar.test.js [REPO_ROOT]
const fs = require('fs');
const path = require('path');
const assert = require('assert/strict');
const { tokenize } = require('./tokenize');

const root = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', '..', '..'));
const read = (rel) => fs.readFileSync(path.join(root, rel), 'utf8');

let failures = 0;
let checks = 0;

// The tokens of `lines` covering the `nth` occurrence of `text` on the first line matching
// `lineRe` (a RegExp, or a string the line must contain).
function tokensAt(lines, lineRe, text, nth = 0) {
  const match = typeof lineRe === 'string' ? (l) => l.includes(lineRe) : (l) => lineRe.test(l);
  const line = lines.find((l) => match(l.text));
  if (!line) throw new Error(`no line matches ${lineRe}`);
  let at = -1;
  for (let i = 0; i <= nth; ++i) {
    at = line.text.indexOf(text, at + 1);
    if (at < 0) throw new Error(`"${text}" (occurrence ${nth}) not on line: ${line.text}`);
  }
  const covering = line.tokens.filter((t) => t.start < at + text.length && t.end > at);
  return { line, covering };
}

const hasScope = (token, scope) => token.scopes.some((s) => s === scope || s.startsWith(scope + '.'));
const describe = (tokens) => tokens.map((t) => `${JSON.stringify(t.text)} [${t.scopes.slice(1).join(' ')}]`).join(', ');

// Every token covering `text` has `scope` (or a sub-scope of it); with `not`, none has it.
function expectScope(lines, where, lineRe, text, scope, { nth = 0, not = false } = {}) {
  ++checks;
  try {
    const { line, covering } = tokensAt(lines, lineRe, text, nth);
    const ok = not ? covering.every((t) => !hasScope(t, scope)) : covering.every((t) => hasScope(t, scope));
    assert.ok(ok, `${where}: "${text}" on \`${line.text.trim()}\` should ${not ? 'not ' : ''}have ${scope}; got ${describe(covering)}`);
  } catch (e) {
    ++failures;
    console.error(`FAIL ${e.message}`);
  }
}

// The `nth` token whose text is exactly `text`, on the first line matching `lineRe`, has `scope`.
function expectWholeToken(lines, where, lineRe, text, scope, nth = 0) {
  ++checks;
  try {
    const line = lines.find((l) => (typeof lineRe === 'string' ? l.text.includes(lineRe) : lineRe.test(l.text)));
    if (!line) throw new Error(`${where}: no line matches ${lineRe}`);
    const token = line.tokens.filter((t) => t.text === text)[nth];
    assert.ok(token, `${where}: no token ${JSON.stringify(text)} (occurrence ${nth}) on \`${line.text.trim()}\`; tokens: ${describe(line.tokens)}`);
    assert.ok(hasScope(token, scope), `${where}: ${JSON.stringify(text)} on \`${line.text.trim()}\` should have ${scope}; got ${describe([token])}`);
  } catch (e) {
    ++failures;
    console.error(`FAIL ${e.message}`);
  }
}

async function realSources() {
  const clusters = await tokenize(read('homelab/clusters.hlab'));
  const w = 'homelab/clusters.hlab';
  expectWholeToken(clusters, w, /^import std\.core/, 'import', 'keyword.control.import');
  expectWholeToken(clusters, w, /^import std\.core/, 'std.core', 'entity.name.namespace');
  expectWholeToken(clusters, w, /^## Default gateway/, ' Default gateway and DNS resolver of the LAN, handed to CAPI-made VMs. Not given by the', 'comment.line.documentation');
  expectScope(clusters, w, /^## Default gateway/, '##', 'punctuation.definition.comment');
  expectScope(clusters, w, /^# Clusters,/, '# Clusters', 'comment.line.number-sign');
  expectScope(clusters, w, /^# Clusters,/, '# Clusters', 'comment.line.documentation', { not: true });
  expectWholeToken(clusters, w, /^let lan_gateway/, 'let', 'storage.type.let');
  expectWholeToken(clusters, w, /^let lan_gateway/, 'lan_gateway', 'entity.name.variable');
  expectWholeToken(clusters, w, /^let lan_gateway/, '192.168.1.1', 'constant.numeric.ip');
  expectWholeToken(clusters, w, /cidr = 192\.168\.1\.0\/24/, '192.168.1.0/24', 'constant.numeric.cidr');
  expectWholeToken(clusters, w, /^cluster main \{/, 'cluster', 'entity.name.type.kind');
  expectWholeToken(clusters, w, /^cluster main \{/, 'main', 'entity.name.variable.entity');
  expectWholeToken(clusters, w, /^ {2}vip = 192\.168\.1\.75/, 'vip', 'variable.other.property');
  expectWholeToken(clusters, w, /mesh = \{ id = 1,/, 'id', 'variable.other.property');
  expectWholeToken(clusters, w, /mesh = \{ id = 1,/, '1', 'constant.numeric.integer');
  expectWholeToken(clusters, w, /pod_cidr = 10\.168\.0\.0\/16/, '10.168.0.0/16', 'constant.numeric.cidr');
  expectWholeToken(clusters, w, /zone = "m1xxos\.tech"/, 'm1xxos.tech', 'string.quoted.double');
  // `-` belongs to names: gitlab-cluster is one name, not a subtraction.
  expectWholeToken(clusters, w, /namespace = gitlab-cluster/, 'gitlab-cluster', 'variable.other');

  const versions = await tokenize(read('homelab/lib/versions.hlab'));
  const v = 'homelab/lib/versions.hlab';
  expectWholeToken(versions, v, /^let talos_version = /, 'v1.12.2', 'constant.numeric.version');
  expectWholeToken(versions, v, /^let authentik_version = /, '2025.12.4', 'constant.numeric.version');
  expectWholeToken(versions, v, /^let cilium_version = /, '1.18.6', 'constant.numeric.version');
  expectWholeToken(versions, v, /^## "v1\.4\.0\+"/, ' "v1.4.0+": the OCI source follows releases from this one on.', 'comment.line.documentation');

  const endpoints = await tokenize(read('homelab/lib/endpoints.hlab'));
  const e = 'homelab/lib/endpoints.hlab';
  expectWholeToken(endpoints, e, /^let s3_port = /, '8333', 'constant.numeric.integer');
  expectScope(endpoints, e, /^let s3_host = /, 'seaweedfs-s3.seaweedfs.svc:', 'string.quoted.double');
  expectWholeToken(endpoints, e, /^let s3_host = /, '\\(', 'punctuation.section.interpolation.begin');
  expectWholeToken(endpoints, e, /^let s3_host = /, 's3_port', 'meta.interpolation');
  expectWholeToken(endpoints, e, /^let s3_host = /, 's3_port', 'variable.other');
  expectWholeToken(endpoints, e, /^let s3_host = /, ')', 'punctuation.section.interpolation.end');

  const mesh = await tokenize(read('homelab/mesh.hlab'));
  // Keywords spelled as record keys and fields are keys, as the server's semantic tokens say.
  const flux = await tokenize(read('homelab/flux.hlab'));
  expectScope(flux, 'flux', /^ {2}kind = "HelmRelease"/, 'kind', 'storage.type', { not: true });
  expectScope(mesh, 'mesh', /^ {2}template = \{/, 'template', 'storage.type', { not: true });
  const eso = await tokenize(read('stdlib/std/eso.hlab'));
  expectScope(eso, 'eso', /^ {2}template: /, 'template', 'storage.type', { not: true });
  const m = 'homelab/mesh.hlab';
  expectWholeToken(mesh, m, /^for s in all\(global_service\)/, 'for', 'keyword.control');
  expectWholeToken(mesh, m, /^for s in all\(global_service\)/, 'in', 'keyword.control');
  expectWholeToken(mesh, m, /^for s in all\(global_service\)/, 'all', 'support.function.builtin');
  expectWholeToken(mesh, m, /^for c in all\(cluster\) if c\.role/, 'if', 'keyword.control');
  expectWholeToken(mesh, m, /^for c in all\(cluster\) if c\.role/, '==', 'keyword.operator.comparison');
  expectWholeToken(mesh, m, /^for c in all\(cluster\) if c\.mesh != null/, 'null', 'constant.language.null');
  expectWholeToken(mesh, m, /service_stub "\\\(s\)-\\\(c\)" in s\.namespace/, 'service_stub', 'entity.name.type.kind');
  expectWholeToken(mesh, m, /service_stub "\\\(s\)-\\\(c\)" in s\.namespace/, 'in', 'keyword.control');
  expectWholeToken(mesh, m, /service_stub "\\\(s\)-\\\(c\)" in s\.namespace/, 'c', 'meta.interpolation', 0);
  expectWholeToken(mesh, m, /^template clustermesh_keys/, 'template', 'storage.type.template');
  expectWholeToken(mesh, m, /^template clustermesh_keys/, 'clustermesh_keys', 'entity.name.function');
  expectWholeToken(mesh, m, /^template clustermesh_keys/, 'c', 'variable.parameter');
  expectWholeToken(mesh, m, /^template clustermesh_keys/, 'string', 'support.type.builtin');
  // A multi-line string: its body, the interpolation inside it and the Flux placeholders.
  expectWholeToken(mesh, m, /^template kvstoremesh_entry/, '"""', 'string.quoted.triple');
  expectWholeToken(mesh, m, /^ {2}\\\(remote\): \|$/, 'remote', 'meta.interpolation');
  expectScope(mesh, m, /^ {2}\\\(remote\): \|$/, ': |', 'string.quoted.triple');
  expectScope(mesh, m, /^ {4}- https:\/\/clustermesh-apiserver\.kube-system\.svc:2379/, 'https://clustermesh-apiserver', 'string.quoted.triple');
  expectWholeToken(mesh, m, /^ {6}- https:\/\/\$\{CILIUM_CLUSTERMESH_ENDPOINT\}/, '${CILIUM_CLUSTERMESH_ENDPOINT}', 'variable.other.placeholder');
  expectScope(mesh, m, /^ {6}- https:\/\/\$\{CILIUM_CLUSTERMESH_ENDPOINT\}/, '${CILIUM_CLUSTERMESH_ENDPOINT}', 'string.quoted.triple');
  // The line after the closing """ is code again.
  expectWholeToken(mesh, m, /^for c in all\(cluster\) if c\.mesh != null/, 'for', 'keyword.control');
  // Escaped quotes inside a one-line string.
  expectWholeToken(mesh, m, /etcd-client-ca\.crt" = "\{\{ index/, '\\"', 'constant.character.escape');
  expectScope(mesh, m, /etcd-client-ca\.crt" = "\{\{ index/, 'ca.crt', 'string.quoted.double');

  const core = await tokenize(read('stdlib/std/core.hlab'));
  const c = 'stdlib/std/core.hlab';
  expectWholeToken(core, c, /^schema Mesh \{/, 'schema', 'storage.type.schema');
  expectWholeToken(core, c, /^schema Mesh \{/, 'Mesh', 'entity.name.type.schema');
  expectWholeToken(core, c, /^ {2}id: int\(1\.\.255\)/, 'id', 'variable.other.property.declaration');
  expectWholeToken(core, c, /^ {2}id: int\(1\.\.255\)/, 'int', 'support.type.builtin');
  expectWholeToken(core, c, /^ {2}id: int\(1\.\.255\)/, '..', 'keyword.operator.range');
  expectWholeToken(core, c, /^ {2}id: int\(1\.\.255\)/, '255', 'constant.numeric.integer');
  expectWholeToken(core, c, /^kind cluster \{/, 'kind', 'storage.type.kind');
  expectWholeToken(core, c, /^kind cluster \{/, 'cluster', 'entity.name.type.kind');
  expectWholeToken(core, c, /^ {2}role: management \| workload/, 'management', 'constant.other.enum');
  expectWholeToken(core, c, /^ {2}role: management \| workload/, '|', 'keyword.operator.union');
  expectWholeToken(core, c, /^ {2}mesh\?: Mesh/, '?', 'keyword.operator.optional');
  expectWholeToken(core, c, /^ {2}mesh\?: Mesh/, 'Mesh', 'entity.name.type.schema');
  expectWholeToken(core, c, /^ {2}pod_cidr: cidr = 10\.244\.0\.0\/16/, 'cidr', 'support.type.builtin');
  expectWholeToken(core, c, /^ {2}pod_cidr: cidr = 10\.244\.0\.0\/16/, '10.244.0.0/16', 'constant.numeric.cidr');
  expectWholeToken(core, c, /^ {2}management: cluster$/, 'cluster', 'entity.name.type.kind');
  expectWholeToken(core, c, /^ {2}issuer: string\("/, '^https://.*/$', 'string.regexp');
  expectWholeToken(core, c, /^ {2}file\?: string\("/, '\\\\', 'constant.character.escape');
}

async function snippets() {
  const text = [
    'import lib.versions as v',
    'let timeout: duration = 10m0s',
    'let pool = 192.168.1.21-192.168.1.30',
    'let sizes = [4GiB, 300Mi, 1h, 300s, v0.1.0-beta.3-5-g07d09ec, 42, swfs-s3]',
    'let s = "tab\\there \\u{1F600} \\q ${VAR:=x} # not a comment \\(len(xs) + 1) // nor this"',
    'let c = if x == 1 then "a" else "b" // a line comment',
    '/* a block',
    '   comment */ let y = [for b in buckets if b != "tmp": "\\(b)-bucket"]',
    'template oidc(issuer: string, client: string = "k8s") = { issuer_url = issuer }',
    'kind external_secret on clusters in namespace {',
    '  data: {key(vault_secret)}',
    '  mode: daemonset | deployment = deployment',
    '}',
    'external_secret dragonfly-gl on [main, gitlab] in gitlab {',
    '  data = { password = general/dragonfly-gl-password.password, b.c = true }',
    '  nested = "outer \\("inner \\(deep)") end"',
    '}',
    'vault_secret general/dragonfly-gl-password {',
    '  keys = [password]',
    '}',
  ].join('\n');
  const t = await tokenize(text);
  const w = 'snippet';
  expectWholeToken(t, w, /^import lib\.versions as v/, 'as', 'keyword.control');
  expectWholeToken(t, w, /^import lib\.versions as v/, 'v', 'entity.name.namespace.alias');
  expectWholeToken(t, w, /^let timeout/, 'duration', 'support.type.builtin');
  expectWholeToken(t, w, /^let timeout/, '10m0s', 'constant.numeric.duration');
  expectWholeToken(t, w, /^let pool/, '192.168.1.21-192.168.1.30', 'constant.numeric.ip-range');
  expectWholeToken(t, w, /^let sizes/, '4GiB', 'constant.numeric.quantity');
  expectWholeToken(t, w, /^let sizes/, '300Mi', 'constant.numeric.quantity');
  expectWholeToken(t, w, /^let sizes/, '1h', 'constant.numeric.duration');
  expectWholeToken(t, w, /^let sizes/, '300s', 'constant.numeric.duration');
  expectWholeToken(t, w, /^let sizes/, 'v0.1.0-beta.3-5-g07d09ec', 'constant.numeric.version');
  expectWholeToken(t, w, /^let sizes/, '42', 'constant.numeric.integer');
  expectWholeToken(t, w, /^let sizes/, 'swfs-s3', 'variable.other');
  expectScope(t, w, /^let sizes/, 'swfs-s3', 'constant.numeric', { not: true });
  expectWholeToken(t, w, /^let s = /, '\\t', 'constant.character.escape');
  expectWholeToken(t, w, /^let s = /, '\\u{1F600}', 'constant.character.escape');
  expectWholeToken(t, w, /^let s = /, '\\q', 'invalid.illegal.escape');
  expectWholeToken(t, w, /^let s = /, '${VAR:=x}', 'variable.other.placeholder');
  expectScope(t, w, /^let s = /, '# not a comment', 'string.quoted.double');
  expectScope(t, w, /^let s = /, '# not a comment', 'comment', { not: true });
  expectWholeToken(t, w, /^let s = /, 'len', 'support.function.builtin');
  expectWholeToken(t, w, /^let s = /, '+', 'keyword.operator');
  expectWholeToken(t, w, /^let s = /, '1', 'meta.interpolation');
  expectScope(t, w, /^let s = /, '// nor this', 'string.quoted.double');
  expectScope(t, w, /^let s = /, '// nor this', 'comment', { not: true });
  expectWholeToken(t, w, /^let c = /, 'then', 'keyword.control');
  expectWholeToken(t, w, /^let c = /, 'else', 'keyword.control');
  expectScope(t, w, /^let c = /, '// a line comment', 'comment.line.double-slash');
  expectScope(t, w, /^\/\* a block/, '/* a block', 'comment.block');
  expectScope(t, w, /comment \*\/ let y/, 'comment */', 'comment.block');
  expectWholeToken(t, w, /comment \*\/ let y/, 'let', 'storage.type', 0);
  expectWholeToken(t, w, /comment \*\/ let y/, 'for', 'keyword.control');
  expectWholeToken(t, w, /comment \*\/ let y/, '!=', 'keyword.operator.comparison');
  expectWholeToken(t, w, /^template oidc/, 'client', 'variable.parameter');
  expectWholeToken(t, w, /^template oidc/, 'k8s', 'string.quoted.double');
  expectWholeToken(t, w, /^template oidc/, 'issuer_url', 'variable.other.property');
  expectWholeToken(t, w, /^kind external_secret on/, 'on', 'keyword.control');
  expectWholeToken(t, w, /^kind external_secret on/, 'in', 'keyword.control');
  expectWholeToken(t, w, /^ {2}data: \{key/, 'key', 'support.type.builtin');
  expectWholeToken(t, w, /^ {2}data: \{key/, 'vault_secret', 'entity.name.type.kind');
  expectWholeToken(t, w, /^ {2}data: \{key/, '}', 'punctuation.definition.map');
  expectWholeToken(t, w, /^ {2}mode: daemonset/, 'deployment', 'constant.other.enum');
  expectWholeToken(t, w, /^external_secret dragonfly-gl on/, 'external_secret', 'entity.name.type.kind');
  expectWholeToken(t, w, /^external_secret dragonfly-gl on/, 'dragonfly-gl', 'entity.name.variable.entity');
  expectWholeToken(t, w, /^external_secret dragonfly-gl on/, 'on', 'keyword.control');
  expectWholeToken(t, w, /^ {2}data = \{ password/, 'general/dragonfly-gl-password', 'variable.other.path');
  expectWholeToken(t, w, /^ {2}data = \{ password/, 'b.c', 'variable.other.property');
  expectWholeToken(t, w, /^ {2}data = \{ password/, 'true', 'constant.language.boolean');
  // A string inside an interpolation inside a string.
  expectWholeToken(t, w, /^ {2}nested = /, 'deep', 'meta.interpolation');
  expectScope(t, w, /^ {2}nested = /, 'inner ', 'string.quoted.double');
  expectScope(t, w, /^ {2}nested = /, 'inner ', 'meta.interpolation');
  expectScope(t, w, /^ {2}nested = /, ' end', 'meta.interpolation', { not: true });
  expectScope(t, w, /^ {2}nested = /, ' end', 'string.quoted.double');
  expectWholeToken(t, w, /^}$/, '}', 'punctuation.section.braces.end', 0);
  expectWholeToken(t, w, /^vault_secret general/, 'vault_secret', 'entity.name.type.kind');
  expectWholeToken(t, w, /^vault_secret general/, 'general/dragonfly-gl-password', 'entity.name.variable.entity');
}

// No token of the real sources is marked invalid, and none is left without a scope when it
// looks like a number (a typed literal the grammar does not know).
async function wholeTree() {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.hlab')) files.push(rel);
    }
  };
  walk('homelab');
  walk('stdlib');
  assert.ok(files.length > 20, `expected the homelab and stdlib sources under ${root}`);
  for (const f of files) {
    const lines = await tokenize(read(f));
    lines.forEach((l, i) => {
      for (const t of l.tokens) {
        ++checks;
        const bad = t.scopes.some((s) => s.startsWith('invalid'));
        const unknownNumber = /^[0-9]/.test(t.text) && t.scopes.length === 1;
        if (bad || unknownNumber) {
          ++failures;
          console.error(`FAIL ${f}:${i + 1}: ${JSON.stringify(t.text)} [${t.scopes.join(' ')}]`);
        }
      }
    });
  }
  return files.length;
}

(async () => {
  await realSources();
  await snippets();
  const files = await wholeTree();
  console.log(`grammar: ${checks - failures}/${checks} checks passed over ${files} source files and the snippets`);
  process.exit(failures ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
