// Starts code-server (VS Code in the browser, extension host in Node 24) for the
// e2e tests and the demo: free 127.0.0.1 port, fresh temp user-data / extensions
// / XDG dirs, user settings written, optional VSIX installed, optional smoke-test
// driver (lets a page URL payload carry extensionDevelopmentPath / extensionTestsPath).
// stop() ends the whole process group (by PID) and removes the temp dirs.

import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureE2EEnv } from './setup.mjs';
import { freePort, onCleanup, spawnGroup, waitFor } from './lib.mjs';
import { childEnv } from './childEnv.mjs';

/** Settings that keep a fresh VS Code quiet and predictable. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'always',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * @param {object} options
 * @param {string} [options.folder] workspace folder opened by default
 * @param {number} [options.port] preferred port (0 or absent: any free port)
 * @param {Record<string, unknown>} [options.settings] user settings (merged over QUIET_SETTINGS)
 * @param {Record<string, string>} [options.env] extra environment for code-server and its extension host
 * @param {string | string[]} [options.vsix] VSIX (or several) to install before starting
 * @param {boolean} [options.smokeTestDriver] start with --vscode-option enable-smoke-test-driver
 * @param {string} [options.logFile] append code-server's output here
 * @param {(line: string) => void} [options.onLine] receives code-server's output lines
 */
export async function startCodeServer(options = {}) {
  const paths = await ensureE2EEnv({ quiet: true });
  const baseDir = mkdtempSync(path.join(tmpdir(), 'flowforge-cs-'));
  const userDataDir = path.join(baseDir, 'user-data');
  const extensionsDir = path.join(baseDir, 'extensions');
  const xdg = path.join(baseDir, 'xdg');
  for (const dir of [path.join(userDataDir, 'User'), path.join(userDataDir, 'Machine'), extensionsDir, path.join(xdg, 'config'), path.join(xdg, 'data'), path.join(xdg, 'cache')]) {
    mkdirSync(dir, { recursive: true });
  }
  // User settings, and the same as remote "machine" settings: the workbench is a remote window
  // here, so machine-scoped settings (flowforge.github.apiUrl) are read from Machine/settings.json.
  const settingsText = `${JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2)}\n`;
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), settingsText);
  writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), settingsText);

  // No outer npm configuration, nor the parent's VS Code / Electron / Node options / FlowForge settings.
  const env = childEnv({
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    ...options.env,
  }, { drop: /^(NODE_OPTIONS|NODE_PATH|VSCODE_\w*|ELECTRON_\w*|FLOWFORGE_\w*)$/i, pathPrefix: [path.dirname(paths.nodeBin)], delimiter: path.delimiter });
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  let removed = false;
  const removeDirs = () => {
    if (!removed) { removed = true; rmSync(baseDir, { recursive: true, force: true }); }
  };

  const vsixes = [options.vsix ?? []].flat();
  if (vsixes.length > 0) {
    const r = spawnSync(paths.nodeBin, [paths.codeServerEntry, ...common, ...vsixes.flatMap((vsix) => ['--install-extension', vsix]), '--force'], { env, encoding: 'utf8' });
    if (r.status !== 0 || /Failed|Error/i.test(r.stderr ?? '')) {
      removeDirs();
      throw new Error(`installing ${vsixes.join(', ')} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    }
  }

  const port = await freePort(options.port ?? 0);
  if (options.port && port !== options.port) console.warn(`[code-server] port ${options.port} is busy; using ${port}`);
  const args = [
    paths.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...common,
  ];
  if (options.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (options.folder) args.push(options.folder);

  const tail = [];
  const proc = spawnGroup(paths.nodeBin, args, {
    env,
    cwd: baseDir,
    onLine: (_stream, line) => {
      tail.push(line);
      if (tail.length > 200) tail.shift();
      if (options.logFile) appendFileSync(options.logFile, `${line}\n`);
      options.onLine?.(line);
    },
  });
  const url = `http://127.0.0.1:${port}`;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    unregister();
    await proc.kill();
    removeDirs();
  };
  const unregister = onCleanup(stop);

  try {
    let exited = false;
    proc.exited.then(() => { exited = true; });
    await waitFor(async () => {
      if (exited) throw new Error('code-server exited');
      const res = await fetch(`${url}/healthz`);
      return res.ok;
    }, { timeout: 60_000, interval: 250, message: `code-server on ${url}/healthz` });
  } catch (err) {
    await stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- code-server output ---\n${tail.join('\n')}`);
  }

  return {
    url,
    port,
    pid: proc.pid,
    baseDir,
    userDataDir,
    extensionsDir,
    exited: proc.exited,
    /** Recent output lines. */
    output: () => tail.join('\n'),
    /** URL of the workbench for a folder, with an optional smoke-test payload ([key, value] pairs). */
    workbenchUrl(folder = options.folder, payload) {
      const query = new URLSearchParams();
      if (folder) query.set('folder', folder);
      if (payload) query.set('payload', JSON.stringify(payload));
      const q = query.toString().replace(/%2F/g, '/');
      return q ? `${url}/?${q}` : `${url}/`;
    },
    /** vscode-remote URI of a local path, as the smoke-test payload needs. */
    remoteUri(localPath) {
      return `vscode-remote://127.0.0.1:${port}${path.resolve(localPath)}`;
    },
    stop,
  };
}
