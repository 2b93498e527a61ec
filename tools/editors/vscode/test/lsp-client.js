'use strict';
// A small LSP client over vscode-jsonrpc / vscode-languageserver-protocol: starts
// `hlabc lsp`, keeps the published diagnostics and the open documents' text, and sends
// incremental changes.
const cp = require('child_process');
const url = require('url');
const rpc = require('vscode-jsonrpc/node');
const proto = require('vscode-languageserver-protocol');

const uriOf = (file) => url.pathToFileURL(file).href;
const fileOf = (uri) => url.fileURLToPath(uri);

// Offset in `text` (UTF-16 code units, as JS strings) of an LSP position.
function offsetAt(text, pos) {
  let line = 0;
  let i = 0;
  while (line < pos.line) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    i = nl + 1;
    ++line;
  }
  return i + pos.character;
}

// The LSP position of an offset in `text`.
function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

// `text` with the TextEdits applied (the edits must not overlap).
function applyEdits(text, edits) {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  for (const e of sorted) {
    text = text.slice(0, offsetAt(text, e.range.start)) + e.newText + text.slice(offsetAt(text, e.range.end));
  }
  return text;
}

class Client {
  constructor(command, args, { log = false } = {}) {
    this.proc = cp.spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => {
      this.stderr += d;
      if (log) process.stderr.write(d);
    });
    this.exit = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    this.conn = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.proc.stdout), new rpc.StreamMessageWriter(this.proc.stdin));
    this.diagnostics = new Map();   // uri -> { version, diagnostics, count }
    this.published = 0;
    this.waiters = [];
    this.docs = new Map();          // uri -> { text, version }
    this.conn.onNotification(proto.PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, { version: p.version, diagnostics: p.diagnostics, seq: ++this.published });
      this.waiters = this.waiters.filter((w) => !w.check());
    });
    this.conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onNotification('window/logMessage', () => {});
    this.conn.listen();
  }

  async initialize(rootDir) {
    const result = await this.conn.sendRequest(proto.InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'hlab-editors-test' },
      rootUri: uriOf(rootDir),
      workspaceFolders: [{ uri: uriOf(rootDir), name: 'homelab' }],
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          definition: { linkSupport: false },
          completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] } },
          rename: { prepareSupport: true },
        },
        workspace: { workspaceFolders: true, workspaceEdit: { documentChanges: true } },
      },
    });
    await this.conn.sendNotification(proto.InitializedNotification.type, {});
    return result;
  }

  open(file, text) {
    const uri = uriOf(file);
    this.docs.set(uri, { text, version: 1 });
    this.conn.sendNotification(proto.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'hlab', version: 1, text },
    });
    return uri;
  }

  // Replaces the `nth` occurrence of `from` with `to` in the open document, as one
  // incremental change; returns the document's new version.
  replace(uri, from, to, nth = 0) {
    const doc = this.docs.get(uri);
    let at = -1;
    for (let i = 0; i <= nth; ++i) {
      at = doc.text.indexOf(from, at + 1);
      if (at < 0) throw new Error(`"${from}" not found in ${uri}`);
    }
    const range = { start: positionAt(doc.text, at), end: positionAt(doc.text, at + from.length) };
    doc.text = doc.text.slice(0, at) + to + doc.text.slice(at + from.length);
    doc.version += 1;
    this.conn.sendNotification(proto.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: doc.version },
      contentChanges: [{ range, text: to }],
    });
    return doc.version;
  }

  // The position of the `nth` occurrence of `text` in an open document, `delta` code units in.
  position(uri, text, { nth = 0, delta = 0 } = {}) {
    const doc = this.docs.get(uri);
    let at = -1;
    for (let i = 0; i <= nth; ++i) {
      at = doc.text.indexOf(text, at + 1);
      if (at < 0) throw new Error(`"${text}" not found in ${uri}`);
    }
    return positionAt(doc.text, at + delta);
  }

  // Resolves with the diagnostics of `uri` once `pred(entry)` holds for the latest
  // publication (entry: { version, diagnostics, seq }).
  waitDiagnostics(uri, pred, what, timeoutMs = 60000) {
    return new Promise((resolve, reject) => {
      const w = {
        check: () => {
          const e = this.diagnostics.get(uri);
          if (!e || !pred(e)) return false;
          clearTimeout(w.timer);
          resolve(e);
          return true;
        },
      };
      w.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        const e = this.diagnostics.get(uri);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics of ${uri}: ${what}; ` +
          `last published: ${e ? JSON.stringify(e) : 'none'}`));
      }, timeoutMs);
      if (!w.check()) this.waiters.push(w);
    });
  }

  request(type, params) {
    return this.conn.sendRequest(type, params);
  }

  async shutdown() {
    await this.conn.sendRequest(proto.ShutdownRequest.type);
    await this.conn.sendNotification(proto.ExitNotification.type);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    const r = await this.exit;
    clearTimeout(timer);
    this.conn.dispose();
    return r;
  }
}

module.exports = { Client, uriOf, fileOf, offsetAt, positionAt, applyEdits };
