'use strict';
// Tokenizes .hlab text with the extension's TextMate grammar, the way VS Code does
// (vscode-textmate + the Oniguruma WebAssembly build). `node test/tokenize.js FILE` prints
// every token with its scopes.
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const grammarPath = path.join(__dirname, '..', 'syntaxes', 'hlab.tmLanguage.json');

let grammarPromise = null;

function loadGrammar() {
  if (grammarPromise) return grammarPromise;
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  const onigLib = oniguruma.loadWASM(wasm).then(() => ({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text) => new oniguruma.OnigString(text),
  }));
  const registry = new vsctm.Registry({
    onigLib,
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.hlab') return null;
      return vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath);
    },
  });
  grammarPromise = registry.loadGrammar('source.hlab');
  return grammarPromise;
}

// [{ text, tokens: [{ start, end, text, scopes }] }], one entry per line.
async function tokenize(text) {
  const grammar = await loadGrammar();
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return {
      text: line,
      tokens: r.tokens.map((t) => ({
        start: t.startIndex,
        end: Math.min(t.endIndex, line.length),
        text: line.slice(t.startIndex, t.endIndex),
        scopes: t.scopes,
      })),
    };
  });
}

module.exports = { tokenize, loadGrammar };

if (require.main === module) {
  (async () => {
    const lines = await tokenize(fs.readFileSync(process.argv[2], 'utf8'));
    lines.forEach((l, i) => {
      console.log(`${i + 1}: ${l.text}`);
      for (const t of l.tokens) console.log(`    ${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`);
    });
  })().catch((e) => { console.error(e); process.exit(1); });
}
