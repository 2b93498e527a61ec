'use strict';
// End to end through a real LSP client library: `hlabc lsp` on a copy of homelab/, driven
// with vscode-jsonrpc + vscode-languageserver-protocol. Checks diagnostics appearing and
// going away on incremental edits (UTF-16 positions, the codes `hlabc check` gives), hover,
// definition (into another file and into the stdlib), completion, and rename across files.
// Usage: node test/lsp.test.js HLABC REPO_ROOT
const fs = require('fs');
const os = require('os');
const path = require('path');
const cp = require('child_process');
const assert = require('assert/strict');
const proto = require('vscode-languageserver-protocol');
const { Client, uriOf, fileOf, offsetAt, applyEdits } = require('./lsp-client');
const { tokenize } = require('./tokenize');

const [hlabc, repoArg] = process.argv.slice(2);
if (!hlabc || !repoArg) {
  console.error('usage: node test/lsp.test.js HLABC REPO_ROOT');
  process.exit(2);
}
const repo = path.resolve(repoArg);

const results = [];
async function step(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name}`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}\n     ${String(e.stack || e).split('\n').slice(0, 14).join('\n     ')}`);
  }
}

// The text of hover contents (MarkupContent, MarkedString or a list of them).
function hoverText(hover) {
  if (!hover) return '';
  const flat = (c) => (typeof c === 'string' ? c : Array.isArray(c) ? c.map(flat).join('\n') : c.value ?? '');
  return flat(hover.contents);
}

// Locations of a definition result (Location, Location[] or LocationLink[]).
function locations(result) {
  if (!result) return [];
  const list = Array.isArray(result) ? result : [result];
  return list.map((l) => (l.targetUri ? { uri: l.targetUri, range: l.targetSelectionRange || l.targetRange } : l));
}

// uri -> TextEdit[] of a WorkspaceEdit, whether it uses `changes` or `documentChanges`.
function editsByUri(edit) {
  const out = new Map();
  for (const [uri, edits] of Object.entries(edit?.changes ?? {})) out.set(uri, edits);
  for (const dc of edit?.documentChanges ?? []) {
    if (!dc.textDocument) continue;
    out.set(dc.textDocument.uri, [...(out.get(dc.textDocument.uri) ?? []), ...dc.edits]);
  }
  return out;
}

const lineOf = (text, line) => text.split('\n')[line];

// The lexical class of a TextMate token for the comparison with semantic tokens: comment,
// string, number, keyword (words; operators have no semantic token); `interpolation` for
// the `\(...)` parts of strings.
function textMateClass(scopes) {
  const inner = scopes[scopes.length - 1];
  const has = (prefix) => scopes.some((s) => s.startsWith(prefix));
  if (has('comment')) return 'comment';
  if (has('meta.interpolation')) return 'interpolation';
  if (has('string')) return 'string';
  if (has('constant.numeric')) return 'number';
  // true, false and null are keywords to the server, language constants to the grammar.
  if (inner.startsWith('keyword.control') || inner.startsWith('storage.type') || inner.startsWith('constant.language')) return 'keyword';
  return null;
}

// Differences between the server's semantic tokens of `text` and the TextMate grammar's
// tokens: every TextMate comment/string/number/keyword character (outside interpolations) is
// in a semantic token of that class, and every semantic comment/string/number character is in
// a TextMate token of that class (or, for strings, in an interpolation); the same for keywords,
// so that a keyword spelled as a field name (`template: {string}`) is a property in both.
async function lexicalDifferences(text, data, legend) {
  const semantic = new Map();
  let line = 0;
  let ch = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, ds, len, type] = data.slice(i, i + 5);
    line += dl;
    ch = dl ? ds : ch + ds;
    for (let k = ch; k < ch + len; ++k) semantic.set(`${line}:${k}`, legend.tokenTypes[type]);
  }
  const diffs = [];
  const textMate = new Map();
  (await tokenize(text)).forEach((l, li) => {
    for (const t of l.tokens) {
      const cls = textMateClass(t.scopes);
      for (let k = t.start; k < t.end; ++k) {
        if (/\s/.test(l.text[k])) continue;
        textMate.set(`${li}:${k}`, cls);
        const sem = semantic.get(`${li}:${k}`);
        if (cls && cls !== 'interpolation' && sem !== cls) diffs.push(`${li + 1}:${k + 1} ${JSON.stringify(t.text)}: grammar ${cls}, server ${sem}`);
      }
    }
  });
  for (const [at, sem] of semantic) {
    // The server gives a string with interpolations one string token, `\(...)` included.
    const tm = textMate.get(at);
    if (['comment', 'string', 'number', 'keyword'].includes(sem) && textMate.has(at) && tm !== sem && !(sem === 'string' && tm === 'interpolation')) {
      const [l, k] = at.split(':').map(Number);
      diffs.push(`${l + 1}:${k + 1}: server ${sem}, grammar ${textMate.get(at)}`);
    }
  }
  return diffs;
}
const errorsOf = (entry) => entry.diagnostics.filter((d) => d.severity === undefined || d.severity === 1);

// `hlabc check --format json` over `folder`: its diagnostics.
function checkJson(folder) {
  const r = cp.spawnSync(hlabc, ['check', folder, '--format', 'json'], { encoding: 'utf8' });
  return JSON.parse(r.stdout).diagnostics;
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hlab-lsp-'));
  try {
    return await session(tmp);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function session(tmp) {
  const root = path.join(tmp, 'homelab');
  fs.cpSync(path.join(repo, 'homelab'), root, { recursive: true });
  const read = (rel) => fs.readFileSync(path.join(root, rel), 'utf8');

  const client = new Client(hlabc, ['lsp'], { log: !!process.env.HLAB_LSP_LOG });
  let init = null;
  await step('initialize: incremental sync, the providers of the test', async () => {
    init = await client.initialize(root);
    const caps = init.capabilities;
    const sync = typeof caps.textDocumentSync === 'object' ? caps.textDocumentSync.change : caps.textDocumentSync;
    assert.equal(sync, proto.TextDocumentSyncKind.Incremental, 'textDocumentSync.change should be Incremental (2)');
    if (caps.positionEncoding !== undefined) assert.equal(caps.positionEncoding, 'utf-16');
    for (const p of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'completionProvider', 'renameProvider']) {
      assert.ok(caps[p], `${p} missing from the server capabilities`);
    }
    assert.ok(caps.renameProvider.prepareProvider, 'renameProvider.prepareProvider should be true');
  });
  if (!init) {
    const exit = await Promise.race([client.exit, new Promise((r) => setTimeout(() => r(null), 1000))]);
    throw new Error(`initialize failed; nothing else can be tested. Server exit: ${JSON.stringify(exit)}, stderr: ${client.stderr.slice(-2000)}`);
  }

  const clusters = client.open(path.join(root, 'clusters.hlab'), read('clusters.hlab'));
  const endpoints = client.open(path.join(root, 'lib/endpoints.hlab'), read('lib/endpoints.hlab'));

  await step('diagnostics: the clean homelab publishes no errors', async () => {
    const e = await client.waitDiagnostics(clusters, () => true, 'a first publication');
    assert.deepEqual(errorsOf(e), [], `unexpected errors: ${JSON.stringify(e.diagnostics)}`);
  });

  // An out-of-range address after a non-BMP character on the same line: the range must be
  // in UTF-16 code units (the emoji counts 2), and the code the one `hlabc check` gives.
  const badLine = '  vip = /* \u{1F680} */ 192.168.1.299';
  await step('diagnostics: an incremental edit introduces an error, with its code and a UTF-16 range', async () => {
    const version = client.replace(clusters, '  vip = 192.168.1.75', badLine);
    const e = await client.waitDiagnostics(clusters, (x) => errorsOf(x).length > 0 && (x.version === undefined || x.version >= version),
      'an error for the bad address');
    const errs = errorsOf(e);
    const text = client.docs.get(clusters).text;
    const line = text.split('\n').indexOf(badLine);
    const d = errs.find((x) => x.range.start.line === line);
    assert.ok(d, `no error on line ${line}: ${JSON.stringify(errs)}`);
    assert.equal(d.range.start.character, badLine.indexOf('192.168.1.299'), `range ${JSON.stringify(d.range)} should start at the address (UTF-16)`);
    assert.equal(d.range.end.character, badLine.length, `range ${JSON.stringify(d.range)} should end after the address (UTF-16)`);
    assert.match(String(d.code), /^E\d{4}$/, `code ${d.code}`);
    // The same mistake on disk, through `hlabc check`.
    const disk = path.join(tmp, 'disk');
    fs.cpSync(root, disk, { recursive: true });
    fs.writeFileSync(path.join(disk, 'clusters.hlab'), text);
    const cli = checkJson(disk).filter((x) => x.severity === 'error' && x.file.endsWith('clusters.hlab') && x.line === line + 1);
    assert.ok(cli.length > 0, 'hlabc check reports no error on that line');
    assert.ok(cli.some((x) => x.code === d.code), `hlabc check gives ${cli.map((x) => x.code)}, the server ${d.code}`);
  });

  await step('diagnostics: undoing the edit clears the error', async () => {
    const version = client.replace(clusters, badLine, '  vip = 192.168.1.75');
    const e = await client.waitDiagnostics(clusters, (x) => errorsOf(x).length === 0 && (x.version === undefined || x.version >= version),
      'no errors after the undo');
    assert.deepEqual(errorsOf(e), []);
  });

  await step('diagnostics: an unknown name in one file, then fixed', async () => {
    client.replace(clusters, 'talos_version = talos_version', 'talos_version = talos_versoin');
    const e = await client.waitDiagnostics(clusters, (x) => errorsOf(x).length > 0, 'an unknown-name error');
    const text = client.docs.get(clusters).text;
    const d = errorsOf(e)[0];
    assert.equal(text.slice(offsetAt(text, d.range.start), offsetAt(text, d.range.end)), 'talos_versoin');
    assert.match(String(d.code), /^E\d{4}$/);
    client.replace(clusters, 'talos_version = talos_versoin', 'talos_version = talos_version');
    await client.waitDiagnostics(clusters, (x) => errorsOf(x).length === 0, 'no errors after the fix');
  });

  await step('hover: a field shows the doc comment of its stdlib schema field', async () => {
    const h = await client.request(proto.HoverRequest.type, {
      textDocument: { uri: clusters }, position: client.position(clusters, '  vip = 192.168.1.75', { delta: 3 }),
    });
    assert.ok(hoverText(h).includes('Control-plane virtual IP'), `hover: ${JSON.stringify(h)}`);
  });

  await step('hover: a reference to an entity shows its doc comment', async () => {
    const h = await client.request(proto.HoverRequest.type, {
      textDocument: { uri: clusters }, position: client.position(clusters, 'management = main', { delta: 'management = '.length + 1 }),
    });
    assert.ok(hoverText(h).includes('The management cluster'), `hover: ${JSON.stringify(h)}`);
  });

  await step('definition: a let used in clusters.hlab is found in lib/versions.hlab', async () => {
    const r = await client.request(proto.DefinitionRequest.type, {
      textDocument: { uri: clusters }, position: client.position(clusters, 'talos_version = talos_version', { delta: 'talos_version = '.length + 2 }),
    });
    const locs = locations(r);
    assert.equal(locs.length, 1, JSON.stringify(r));
    assert.equal(fileOf(locs[0].uri), path.join(root, 'lib/versions.hlab'));
    const target = lineOf(read('lib/versions.hlab'), locs[0].range.start.line);
    assert.match(target, /^let talos_version = /, `target line: ${target}`);
  });

  await step('definition: an entity kind goes into the stdlib', async () => {
    const r = await client.request(proto.DefinitionRequest.type, {
      textDocument: { uri: clusters }, position: client.position(clusters, 'cluster main {', { delta: 2 }),
    });
    const locs = locations(r);
    assert.equal(locs.length, 1, JSON.stringify(r));
    const file = fileOf(locs[0].uri);
    assert.ok(file.endsWith(path.join('std', 'core.hlab')), `target ${file}`);
    const target = lineOf(fs.readFileSync(file, 'utf8'), locs[0].range.start.line);
    assert.match(target, /^kind cluster\b/, `target line: ${target}`);
  });

  await step('definition: a reference to an entity goes to its declaration', async () => {
    const r = await client.request(proto.DefinitionRequest.type, {
      textDocument: { uri: clusters }, position: client.position(clusters, 'management = main', { delta: 'management = '.length }),
    });
    const locs = locations(r);
    assert.equal(locs.length, 1, JSON.stringify(r));
    assert.equal(locs[0].uri, clusters);
    assert.match(lineOf(read('clusters.hlab'), locs[0].range.start.line), /^cluster main \{/);
  });

  await step('completion: the fields of the kind inside an entity body', async () => {
    client.replace(clusters, 'cluster main {\n', 'cluster main {\n  \n');
    const pos = client.position(clusters, 'cluster main {\n  \n', { delta: 'cluster main {\n  '.length });
    const r = await client.request(proto.CompletionRequest.type, { textDocument: { uri: clusters }, position: pos });
    const labels = (Array.isArray(r) ? r : r?.items ?? []).map((i) => i.label);
    for (const f of ['worker_ips', 'pod_cidr', 'vip_interface']) assert.ok(labels.includes(f), `${f} not in ${JSON.stringify(labels)}`);
    client.replace(clusters, 'cluster main {\n  \n', 'cluster main {\n');
  });

  await step('completion: names in scope at a value, from an imported module', async () => {
    client.replace(clusters, 'talos_version = talos_version', 'talos_version = talos_');
    const pos = client.position(clusters, 'talos_version = talos_', { delta: 'talos_version = talos_'.length });
    const r = await client.request(proto.CompletionRequest.type, { textDocument: { uri: clusters }, position: pos });
    const labels = (Array.isArray(r) ? r : r?.items ?? []).map((i) => i.label);
    for (const n of ['talos_version', 'talos_ccm_version']) assert.ok(labels.includes(n), `${n} not in ${JSON.stringify(labels)}`);
    client.replace(clusters, 'talos_version = talos_', 'talos_version = talos_version');
  });

  await step('references: a let used across files', async () => {
    const r = await client.request(proto.ReferencesRequest.type, {
      textDocument: { uri: endpoints }, position: client.position(endpoints, 'let s3_port', { delta: 5 }), context: { includeDeclaration: true },
    });
    const files = new Set((r ?? []).map((l) => path.relative(root, fileOf(l.uri))));
    for (const f of ['lib/endpoints.hlab', 'mesh.hlab', 'seaweedfs.hlab']) assert.ok(files.has(f), `${f} not in ${[...files]}`);
  });

  await step('rename: prepareRename, then a let renamed in every file that uses it', async () => {
    const pos = client.position(endpoints, 'let s3_port', { delta: 6 });
    const prep = await client.request(proto.PrepareRenameRequest.type, { textDocument: { uri: endpoints }, position: pos });
    const range = prep?.range ?? prep;
    assert.ok(range?.start, `prepareRename: ${JSON.stringify(prep)}`);
    const text = client.docs.get(endpoints).text;
    assert.equal(text.slice(offsetAt(text, range.start), offsetAt(text, range.end)), 's3_port');
    const edit = await client.request(proto.RenameRequest.type, { textDocument: { uri: endpoints }, position: pos, newName: 's3_api_port' });
    const byUri = editsByUri(edit);
    const expected = new Map();
    for (const f of [...fs.readdirSync(root), ...fs.readdirSync(path.join(root, 'lib')).map((f) => `lib/${f}`)]) {
      if (f.endsWith('.hlab') && /\bs3_port\b/.test(read(f))) expected.set(uriOf(path.join(root, f)), f);
    }
    assert.ok(expected.size >= 3, `the homelab should use s3_port in several files, found ${[...expected.values()]}`);
    assert.deepEqual(new Set(byUri.keys()), new Set(expected.keys()), 'files edited by the rename');
    for (const [uri, rel] of expected) {
      const before = client.docs.get(uri)?.text ?? read(rel);
      const after = applyEdits(before, byUri.get(uri));
      assert.doesNotMatch(after, /\bs3_port\b/, `${rel} still uses s3_port`);
      assert.equal(after.replace(/\bs3_api_port\b/g, 's3_port'), before, `${rel}: the rename changed more than the name`);
    }
  });

  await step('semantic tokens: comments, strings, numbers and keywords where the TextMate grammar has them', async () => {
    const legend = init.capabilities.semanticTokensProvider?.legend;
    assert.ok(legend, 'no semanticTokensProvider');
    const files = [];
    for (const dir of [root, path.join(root, 'lib'), path.join(repo, 'stdlib', 'std')]) {
      for (const f of fs.readdirSync(dir)) if (f.endsWith('.hlab')) files.push(path.join(dir, f));
    }
    const problems = [];
    for (const file of files) {
      const uri = uriOf(file);
      const open = client.docs.has(uri);
      const text = open ? client.docs.get(uri).text : fs.readFileSync(file, 'utf8');
      if (!open) client.open(file, text);
      const r = await client.request(proto.SemanticTokensRequest.type, { textDocument: { uri } });
      assert.ok(r && r.data.length > 0, `no semantic tokens for ${file}`);
      for (const d of await lexicalDifferences(text, r.data, legend)) problems.push(`${path.basename(file)}:${d}`);
    }
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} differences over ${files.length} files`);
  });

  await step('shutdown and exit', async () => {
    const r = await client.shutdown();
    assert.equal(r.code, 0, `exit ${JSON.stringify(r)}; stderr: ${client.stderr.slice(-2000)}`);
  });

  const failed = results.filter((r) => !r.ok).length;
  console.log(`lsp: ${results.length - failed}/${results.length} steps passed`);
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code), (e) => {
  console.error(e);
  process.exit(1);
});
