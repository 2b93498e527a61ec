'use strict';
// VS Code client of `hlabc lsp`: starts the server over stdio for .hlab files and restarts
// it when its settings change.
const path = require('path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client = null;

// The hlabc executable from `hlab.server.path`: `${workspaceFolder}` is replaced, and a
// relative path containing a slash is taken from the first workspace folder; a bare name is
// looked up on PATH.
function serverCommand(config) {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  let command = config.get('server.path', 'hlabc') || 'hlabc';
  if (folder) command = command.replace(/\$\{workspaceFolder\}/g, folder);
  if (folder && !path.isAbsolute(command) && command.includes('/')) command = path.join(folder, command);
  return command;
}

function createClient() {
  const config = vscode.workspace.getConfiguration('hlab');
  const executable = {
    command: serverCommand(config),
    // No `transport`: with TransportKind.stdio the client would append `--stdio`.
    args: ['lsp', ...config.get('server.extraArgs', [])],
  };
  return new LanguageClient('hlab', 'hlab language server', { run: executable, debug: executable }, {
    documentSelector: [{ scheme: 'file', language: 'hlab' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.hlab') },
  });
}

async function start() {
  try {
    client = createClient();
    await client.start();
  } catch (err) {
    const command = serverCommand(vscode.workspace.getConfiguration('hlab'));
    vscode.window.showErrorMessage(
      `hlab: could not start \`${command} lsp\` (${err.message ?? err}). Set "hlab.server.path" to the hlabc executable.`);
  }
}

async function stop() {
  if (!client) return;
  const c = client;
  client = null;
  if (c.isRunning()) await c.stop();
}

async function restart() {
  await stop();
  await start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('hlab.restartServer', restart),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('hlab.server')) restart();
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

// `languageClient()` gives the running client (for tests and other extensions).
module.exports = { activate, deactivate, languageClient: () => client };
