/**
 * The snapshot cache on disk (src/platform/snapshotFiles.ts): atomic writes, unusable files
 * ignored with one log line and rebuilt, two windows writing one file at once.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SnapshotCache } from '../../../src/core/cache/snapshotCache';
import { decodeSnapshot, encodeSnapshot } from '../../../src/core/cache/snapshotCodec';
import { repoKey } from '../../../src/core/model';
import { LocalSnapshotFiles, snapshotFileName } from '../../../src/platform/snapshotFiles';
import { makeRun, REPO } from '../../support/coreFixtures';
import { FakeClock } from '../../support/fakeClock';
import { RecordingLogger } from '../../support/memoryStore';

const KEY = repoKey(REPO);

function run(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'cacheWriter.js'), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

describe('snapshot cache files', function () {
  this.timeout(60_000);
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'flowforge-cache-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes through a temporary file and leaves none behind', async () => {
    const files = new LocalSnapshotFiles(join(folder, 'nested'));
    await files.write(KEY, 'one');
    await files.write(KEY, 'two');
    assert.equal(await files.read(KEY), 'two');
    assert.deepEqual(readdirSync(join(folder, 'nested')), [snapshotFileName(KEY)]);
  });

  for (const [name, text] of [
    ['truncated', encodeSnapshot({ repo: REPO, pipelines: [], recentRuns: [makeRun(1)], branchRuns: [], stale: false }).slice(0, 60)],
    ['corrupt', '\u0000\u0000garbage{'],
    ['older-format', JSON.stringify({ schemaVersion: 0, repo: REPO, runs: [] })],
  ] as const) {
    it(`ignores a ${name} file with one log line, and the next save rebuilds it`, async () => {
      writeFileSync(join(folder, snapshotFileName(KEY)), text);
      const logger = new RecordingLogger();
      const clock = new FakeClock();
      const cache = new SnapshotCache({ store: new LocalSnapshotFiles(folder), clock, logger, writeDelayMs: 10 });
      assert.equal(await cache.load(KEY), undefined);
      assert.equal(logger.warnings.length, 1, logger.warnings.join('\n'));
      assert.match(logger.warnings[0] ?? '', /Ignoring cached snapshot/);
      cache.save({ repo: REPO, pipelines: [], recentRuns: [makeRun(7)], branchRuns: [], stale: false, fetchedAt: 1 });
      await cache.flush();
      assert.equal((await cache.load(KEY))?.recentRuns[0]?.id, makeRun(7).id);
      cache.dispose();
    });
  }

  it('two windows writing the same file at once never leave (or show) a broken file', async () => {
    const files = new LocalSnapshotFiles(folder);
    const writers = Promise.all([run([folder, KEY, '1', '40']), run([folder, KEY, '2', '40'])]);
    let done = false;
    void writers.finally(() => {
      done = true;
    });
    let reads = 0;
    const seen = new Set<number>();
    while (!done) {
      const text = await files.read(KEY);
      if (text !== undefined) {
        reads += 1;
        const decoded = decodeSnapshot(text);
        assert.ok(decoded.ok, `read ${reads} is broken: ${decoded.ok ? '' : decoded.reason}`);
        seen.add(decoded.snapshot.fetchedAt ?? 0);
      }
    }
    assert.deepEqual(await writers, [0, 0]);
    const final = decodeSnapshot((await files.read(KEY)) ?? '');
    assert.ok(final.ok && final.snapshot.recentRuns.length === 1500);
    assert.ok(reads > 0, 'the reader saw the file while it was written');
    assert.deepEqual(readdirSync(folder), [snapshotFileName(KEY)], 'no temporary file left behind');
  });
});
