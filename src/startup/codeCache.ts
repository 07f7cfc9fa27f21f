import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

interface CachedModule {
  readonly exports: unknown;
  /** Whether V8 took the code cache (false: compiled from source). */
  readonly fromCache: boolean;
  /** Writes V8's code cache for the next start when there was none (or it was rejected); call it once start-up is over. */
  saveCache(): void;
}

type Wrapper = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;

/**
 * Loads a CommonJS file as `require` would, but compiles it with V8's code cache kept in
 * `cacheDir` (keyed by the file's content hash), so later starts skip parsing and compiling it.
 * The module lands in require's cache, so a later `require(file)` gets the same instance. Any
 * failure of the cache itself (unreadable, rejected by this V8) only costs the compile it saves.
 */
export function loadWithCodeCache(file: string, cacheDir: string): CachedModule {
  const source = readFileSync(file, 'utf8');
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 24);
  const cacheFile = join(cacheDir, `${hash}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const usable = cachedData !== undefined && !script.cachedDataRejected;
  const wrapper = script.runInThisContext() as Wrapper;
  const module = new Module(file);
  module.filename = file;
  const moduleRequire = Module.createRequire(file);
  (moduleRequire.cache as Record<string, NodeJS.Module | undefined>)[file] = module;
  wrapper.call(module.exports, module.exports, moduleRequire, module, file, dirname(file));
  module.loaded = true;
  return {
    exports: module.exports,
    fromCache: usable,
    saveCache: () => {
      if (usable) return;
      try {
        mkdirSync(cacheDir, { recursive: true });
        for (const old of readdirSync(cacheDir)) if (old.endsWith('.v8')) rmSync(join(cacheDir, old), { force: true });
        writeFileSync(cacheFile, script.createCachedData());
      } catch {
        // A read-only or full disk: the next start compiles again.
      }
    },
  };
}
