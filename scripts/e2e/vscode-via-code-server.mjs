#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's
// runTests({ vscodeExecutablePath }) on machines where VS Code cannot be
// downloaded. It takes the same arguments VS Code gets from runTests
// (--extensionDevelopmentPath=, --extensionTestsPath=, a workspace folder, other
// flags are ignored), starts code-server with the smoke-test driver, opens the
// workbench in headless chromium with those paths in the URL payload, relays the
// extension host's test output (codeAutomationLog) and exits with the code the
// test runner reported (codeAutomationExit).
//
// Environment: FLOWFORGE_* / E2E_* variables are passed to the extension host;
// user settings come from <--user-data-dir>/User/settings.json and E2E_USER_SETTINGS (JSON);
// E2E_TIMEOUT (seconds, default 600); E2E_SCREENSHOT=<png> saves the page at the end;
// E2E_CODE_SERVER_LOG=<file> appends code-server's output.

import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { format } from 'node:util';
import path from 'node:path';
import { startCodeServer } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';
import { runCleanups } from './lib.mjs';

function parseArgs(argv) {
  const result = { developmentPaths: [], testsPath: undefined, folder: undefined, settings: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [key, inline] = arg.startsWith('--') ? [arg.split('=')[0], arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : undefined] : [undefined, undefined];
    const value = () => inline ?? argv[++i];
    if (key === '--extensionDevelopmentPath') result.developmentPaths.push(path.resolve(value()));
    else if (key === '--extensionTestsPath') result.testsPath = path.resolve(value());
    else if (key === '--user-data-dir') result.userDataDir = path.resolve(value()); // only its settings are used
    else if (key === '--extensions-dir') value(); // code-server gets a fresh one
    else if (!arg.startsWith('-')) result.folder = path.resolve(arg);
  }
  return result;
}

/** Workbench / server chatter relayed along with the test output; E2E_VERBOSE=1 shows it. */
const NOISE = [
  /^\[\d\d:\d\d:\d\d\]/, // remote server log lines
  /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|\[Service Worker\]|\[reconnection-grace-time\]|\[AgentHost|\[AccountPolicyGate\])/,
  /ENOTFOUND|open-vsx\.org|marketplace|gallery/i,
  /authentication provider 'github'/, // the built-in GitHub auth cannot sign in offline
  /^\s+at .*(workbench\.js|\/static\/out\/)/,
  /^\s+at .*\(http:\/\/127\.0\.0\.1:\d+\//,
];
function isNoise(text) {
  return NOISE.some((re) => re.test(text));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.testsPath) throw new Error('missing --extensionTestsPath=');
  const timeoutMs = Number(process.env.E2E_TIMEOUT ?? 600) * 1000;

  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && /^(FLOWFORGE_|E2E_)/.test(key)) env[key] = value;
  }
  // User settings: from the given profile (as real VS Code would read them) and E2E_USER_SETTINGS (JSON).
  let settings = {};
  if (args.userDataDir && existsSync(path.join(args.userDataDir, 'User', 'settings.json'))) {
    settings = JSON.parse(readFileSync(path.join(args.userDataDir, 'User', 'settings.json'), 'utf8'));
  }
  if (process.env.E2E_USER_SETTINGS) settings = { ...settings, ...JSON.parse(process.env.E2E_USER_SETTINGS) };
  const server = await startCodeServer({
    folder: args.folder,
    settings,
    env,
    smokeTestDriver: true,
    logFile: process.env.E2E_CODE_SERVER_LOG,
  });
  const { page, close } = await launchBrowser();

  let resolveExit;
  const exitCode = new Promise((resolve) => { resolveExit = resolve; });
  const verbose = process.env.E2E_VERBOSE === '1';
  await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
    const text = Array.isArray(logArgs) ? format(...logArgs) : String(logArgs);
    if (process.env.E2E_DEBUG) appendFileSync(process.env.E2E_DEBUG, `[${type}] ${text}\n`);
    const lines = verbose ? [text] : isNoise(text) ? [] : text.split('\n').filter((line) => !isNoise(line));
    for (const line of lines) (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));

  const payload = [
    ...args.developmentPaths.map((p) => ['extensionDevelopmentPath', server.remoteUri(p)]),
    ['extensionTestsPath', server.remoteUri(args.testsPath)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  await page.goto(server.workbenchUrl(args.folder, payload));

  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => {
      console.error(`[vscode-via-code-server] no exit code after ${timeoutMs / 1000}s; giving up`);
      resolve(124);
    }, timeoutMs);
  });
  // With the smoke-test driver code-server ends itself when the tests are done, sometimes
  // just before the exit code arrives: only a server gone without an exit code is a failure.
  const serverDied = server.exited.then(async ({ code, signal }) => {
    const late = await Promise.race([exitCode, new Promise((resolve) => setTimeout(() => resolve(undefined), 5000))]);
    if (late !== undefined) return late;
    console.error(`[vscode-via-code-server] code-server exited (${code ?? signal}) before the tests reported\n${server.output()}`);
    return 1;
  });
  const code = await Promise.race([exitCode, timeout, serverDied]);
  clearTimeout(timer);

  if (process.env.E2E_SCREENSHOT) {
    mkdirSync(path.dirname(process.env.E2E_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: process.env.E2E_SCREENSHOT }).catch(() => {});
  }
  await close();
  await server.stop();
  return code;
}

// If the parent (runTests / run.mjs) is killed without passing the signal on, stop too;
// its end closes our stdout/stderr pipes, so writes must not crash before the cleanup.
const parent = process.ppid;
let orphaned = false;
const stopOrphan = () => {
  if (orphaned) return;
  orphaned = true;
  runCleanups().finally(() => process.exit(1));
};
for (const stream of [process.stdout, process.stderr]) stream.on('error', stopOrphan);
process.on('uncaughtException', (err) => {
  if (!orphaned) { try { console.error(err); } catch { /* closed pipe */ } }
  stopOrphan();
});
setInterval(() => {
  if (process.ppid !== parent) stopOrphan();
}, 1000).unref();

main().then(
  async (code) => { await runCleanups(); process.exit(code); },
  async (err) => {
    console.error(`[vscode-via-code-server] ${err instanceof Error ? err.stack : String(err)}`);
    await runCleanups();
    process.exit(1);
  },
);
