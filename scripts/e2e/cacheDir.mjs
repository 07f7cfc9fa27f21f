// Where the e2e setup keeps its tools: $FLOWFORGE_E2E_CACHE, else ~/.cache/flowforge-e2e, else (a
// read-only home) a per-user directory under the temp dir, said out loud; and where the npm it
// starts keeps its own cache when ~/.npm cannot be written.

import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';

/** null when `dir` exists (or could be created) and is writable, else the error code (EACCES, EROFS, ...). */
export function unwritable(dir) {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return null;
  } catch (err) {
    return err?.code ?? String(err);
  }
}

/**
 * @param {{ env: Record<string, string | undefined>, home: string, tmp: string, user: string | number, check?: (dir: string) => string | null }} options
 * @returns {{ dir: string, note?: string }} note: a line to print when the default was not usable
 */
export function chooseCacheDir({ env, home, tmp, user, check = unwritable }) {
  const given = env.FLOWFORGE_E2E_CACHE;
  if (given) {
    const code = check(given);
    if (code) throw new Error(`FLOWFORGE_E2E_CACHE=${given} cannot be written (${code}): point it at a writable directory, e.g. FLOWFORGE_E2E_CACHE=${path.join(tmp, `flowforge-e2e-${user}`)}`);
    return { dir: given };
  }
  const preferred = path.join(home, '.cache', 'flowforge-e2e');
  const code = check(preferred);
  if (!code) return { dir: preferred };
  const fallback = path.join(tmp, `flowforge-e2e-${user}`);
  const fallbackCode = check(fallback);
  if (fallbackCode) {
    throw new Error(`neither ${preferred} (${code}) nor ${fallback} (${fallbackCode}) can be written: set FLOWFORGE_E2E_CACHE to a writable directory`);
  }
  return {
    dir: fallback,
    note: `${preferred} cannot be written (${code}); using ${fallback} (set FLOWFORGE_E2E_CACHE to a writable directory that lasts, to keep the tools between reboots)`,
  };
}

/**
 * npm's cache for the installs into the e2e cache: undefined (npm's own choice) when that is
 * writable (npm_config_cache, else ~/.npm), else <cache>/npm-cache.
 */
export function npmCacheFor({ env, home, cache, check = unwritable }) {
  return check(env.npm_config_cache ?? path.join(home, '.npm')) ? path.join(cache, 'npm-cache') : undefined;
}
