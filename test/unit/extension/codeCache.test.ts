/**
 * The composition's loader (src/startup/codeCache.ts): V8's code cache is written, used, and never
 * trusted blindly. Each load that must read the cache from disk runs in a process of its own: V8
 * answers a second compile of the same source in one process from memory.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWithCodeCache } from '../../../src/startup/codeCache';

const LOADER = join(__dirname, '..', '..', '..', 'src', 'startup', 'codeCache.js');

/** Loads `file` in a fresh Node process; saves the cache when asked. */
function loadInChild(file: string, cacheDir: string, save = false): { fromCache: boolean; value: number } {
  const script = `const l = require(${JSON.stringify(LOADER)}).loadWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)});
${save ? 'l.saveCache();' : ''}
process.stdout.write(JSON.stringify({ fromCache: l.fromCache, value: l.exports.compose() }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as { fromCache: boolean; value: number };
}

describe('code cache loader', () => {
  let dir: string;
  const load = Module.createRequire(__filename);
  const forget = (file: string): void => {
    delete load.cache[file];
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flowforge-code-cache-'));
    writeFileSync(join(dir, 'helper.js'), "exports.twice = (n) => n * 2;\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeModule(body: string): string {
    const file = join(dir, 'composition.js');
    writeFileSync(file, `const helper = require('./helper');\nexports.compose = () => helper.twice(${body});\nexports.file = __filename;\n`);
    forget(file);
    return file;
  }

  it('compiles from source first, from the cache once it is saved, and exports as require would', () => {
    const file = writeModule('21');
    const cacheDir = join(dir, 'cache');
    const first = loadWithCodeCache(file, cacheDir);
    assert.equal(first.fromCache, false);
    assert.equal((first.exports as { compose(): number }).compose(), 42);
    assert.equal((first.exports as { file: string }).file, file);
    assert.equal(load(file), first.exports, 'a later require gets the same instance');
    first.saveCache();
    assert.equal(readdirSync(cacheDir).length, 1);
    assert.deepEqual(loadInChild(file, cacheDir), { fromCache: true, value: 42 });
  });

  it('does not use a cache of other content, and keeps one cache file', () => {
    const cacheDir = join(dir, 'cache');
    assert.deepEqual(loadInChild(writeModule('21'), cacheDir, true), { fromCache: false, value: 42 });
    const file = writeModule('50');
    assert.deepEqual(loadInChild(file, cacheDir, true), { fromCache: false, value: 100 });
    assert.equal(readdirSync(cacheDir).length, 1, 'the stale cache file is removed');
    assert.deepEqual(loadInChild(file, cacheDir), { fromCache: true, value: 100 });
  });

  it('compiles from source when the cache file is corrupt, and when the cache folder cannot be written', () => {
    const cacheDir = join(dir, 'cache');
    const file = writeModule('21');
    loadInChild(file, cacheDir, true);
    const [name] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, name ?? 'missing'), 'not a V8 code cache');
    assert.deepEqual(loadInChild(file, cacheDir), { fromCache: false, value: 42 });
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    forget(file);
    assert.doesNotThrow(() => loadWithCodeCache(file, join(blocked, 'cache')).saveCache());
  });
});
