'use strict';
// Loads extension.js outside VS Code, with a stand-in `vscode` module that answers every
// API call with an inert object, except the settings and the error messages. Checks that
// activation runs `HLABC lsp` (a relative `hlab.server.path` taken from the workspace
// folder), that the language client finishes `initialize` with the real server, that
// deactivation stops it, and that a missing executable gives an error message.
// Usage: node test/extension.test.js HLABC
const Module = require('module');
const path = require('path');
const assert = require('assert/strict');

const hlabc = path.resolve(process.argv[2] || '');
if (!process.argv[2]) {
  console.error('usage: node test/extension.test.js HLABC');
  process.exit(2);
}

// Any property is another inert stub, any call or `new` returns one; not a thenable.
function inert(name) {
  const f = function () {};
  return new Proxy(f, {
    get(_, p) {
      if (p === 'then') return undefined;
      if (p === Symbol.toPrimitive) return () => name;
      if (p === Symbol.iterator) return function* () {};
      return inert(`${name}.${String(p)}`);
    },
    apply: () => inert(`${name}()`),
    construct: () => inert(`new ${name}`),
  });
}

const settings = new Map();
const errors = [];
const folder = path.dirname(path.dirname(hlabc));   // hlab.server.path is relative to it
const overrides = {
  version: '1.90.0',
  workspace: {
    getConfiguration: () => ({ get: (k, d) => (settings.has(k) ? settings.get(k) : d) }),
    workspaceFolders: [{ uri: { fsPath: folder, scheme: 'file', toString: () => `file://${folder}` }, name: 'ws', index: 0 }],
  },
  window: { showErrorMessage: (m) => { errors.push(m); return Promise.resolve(undefined); } },
};
const base = inert('vscode');
const vscode = new Proxy(base, {
  get: (t, p) => {
    const o = overrides[p];
    if (o && typeof o === 'object' && p !== 'version') return new Proxy(o, { get: (x, q) => (q in x ? x[q] : t[p][q]) });
    return o ?? t[p];
  },
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const ext = require('../extension.js');

async function main() {
  settings.set('server.path', path.relative(folder, hlabc).includes('/') ? path.relative(folder, hlabc) : `./${path.relative(folder, hlabc)}`);
  const context = { subscriptions: [] };
  await ext.activate(context);
  assert.deepEqual(errors, [], 'no error message on a good path');
  const client = ext.languageClient();
  assert.ok(client && client.isRunning(), 'the language client runs after activation');
  const caps = client.initializeResult?.capabilities;
  assert.ok(caps && caps.hoverProvider && caps.definitionProvider, `initialize result: ${JSON.stringify(client.initializeResult)}`);
  assert.ok(context.subscriptions.length >= 2, 'the restart command and the settings watcher are registered');
  await ext.deactivate();
  assert.equal(ext.languageClient(), null, 'deactivate drops the client');
  assert.ok(!client.isRunning(), 'the client stopped');

  settings.set('server.path', '/nonexistent/hlabc');
  await ext.activate({ subscriptions: [] });
  assert.ok(errors.some((m) => m.includes('/nonexistent/hlabc lsp') && m.includes('hlab.server.path')),
    `an error message naming the command and the setting, got ${JSON.stringify(errors)}`);
  await ext.deactivate();
  console.log('extension: activation, initialize with hlabc lsp, deactivation, missing executable: ok');
}

main().then(() => process.exit(0), (e) => {
  console.error(`FAIL ${e.stack || e}`);
  process.exit(1);
});
