import * as assert from 'node:assert/strict';
import { SnapshotCache } from '../../../src/core/cache/snapshotCache';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_SCHEMA_VERSION } from '../../../src/core/cache/snapshotCodec';
import { repoKey } from '../../../src/core/model';
import type { RepoSnapshot } from '../../../src/core/sync/types';
import { makePipeline, makeRun, OTHER_REPO, REPO } from '../../support/coreFixtures';
import { FakeClock, flushMicrotasks } from '../../support/fakeClock';
import { MemoryStore, RecordingLogger } from '../../support/memoryStore';

const KEY = repoKey(REPO);

function snapshot(overrides: Partial<RepoSnapshot> = {}): RepoSnapshot {
  return {
    repo: REPO,
    repository: { ref: REPO, webUrl: 'https://github.com/octo/hello', defaultBranch: 'main' },
    pipelines: [makePipeline('ci')],
    recentRuns: [makeRun(2), makeRun(1, { state: 'failure' })],
    branch: 'main',
    branchRuns: [makeRun(2)],
    fetchedAt: 1_700_000_000_000,
    stale: false,
    problem: { kind: 'network', message: 'offline' },
    ...overrides,
  };
}

function setup() {
  const clock = new FakeClock();
  const store = new MemoryStore();
  const logger = new RecordingLogger();
  const cache = new SnapshotCache({ store, clock, logger, writeDelayMs: 5_000 });
  return { clock, store, logger, cache };
}

describe('snapshot cache', () => {
  it('round-trips a snapshot, marking it stale and keeping fetchedAt', () => {
    const decoded = decodeSnapshot(encodeSnapshot(snapshot()));
    assert.ok(decoded.ok);
    const { problem: _problem, ...expected } = snapshot();
    assert.deepEqual(decoded.snapshot, { ...expected, stale: true });
  });

  it('keeps the cached data of any provider kind (the registry decides which are known)', () => {
    const base = snapshot();
    const other = { ...base, repo: { provider: 'buildkite', host: 'https://api.buildkite.com', slug: 'acme/web' } };
    const decoded = decodeSnapshot(encodeSnapshot(other));
    assert.ok(decoded.ok);
    assert.equal(decoded.snapshot.repo.provider, 'buildkite');
  });

  it('stores a schema version', () => {
    const stored = JSON.parse(encodeSnapshot(snapshot())) as { schemaVersion: unknown };
    assert.equal(stored.schemaVersion, SNAPSHOT_SCHEMA_VERSION);
  });

  it('rejects corrupt, foreign and other-version data', () => {
    const valid = JSON.parse(encodeSnapshot(snapshot())) as Record<string, unknown>;
    const cases: string[] = [
      '{not json',
      '[]',
      JSON.stringify({ ...valid, schemaVersion: 999 }),
      JSON.stringify({ ...valid, repo: { provider: 42, host: 'h', slug: 's' } }),
      JSON.stringify({ ...valid, repo: { provider: '', host: 'h', slug: 's' } }),
      JSON.stringify({ ...valid, recentRuns: [{ id: 1 }] }),
      JSON.stringify({ ...valid, branchRuns: [{ ...makeRun(1), state: 'exploded' }] }),
      JSON.stringify({ ...valid, pipelines: 'ci' }),
      JSON.stringify({ ...valid, fetchedAt: 'yesterday' }),
    ];
    for (const text of cases) {
      assert.equal(decodeSnapshot(text).ok, false, text.slice(0, 60));
    }
  });

  it('loads what was saved, after the write delay', async () => {
    const { clock, store, cache } = setup();
    cache.save(snapshot());
    assert.equal(store.writes.length, 0);
    await clock.tick(5_000);
    assert.equal(store.writes.length, 1);
    const loaded = await cache.load(KEY);
    assert.equal(loaded?.stale, true);
    assert.equal(loaded?.fetchedAt, 1_700_000_000_000);
    cache.dispose();
  });

  it('coalesces saves into at most one write per repository per delay, of the latest snapshot', async () => {
    const { clock, store, cache } = setup();
    cache.save(snapshot({ branch: 'a' }));
    await clock.tick(1_000);
    cache.save(snapshot({ branch: 'b' }));
    cache.save(snapshot({ repo: OTHER_REPO }));
    await clock.tick(4_000);
    cache.save(snapshot({ branch: 'c' }));
    await clock.tick(1_000);
    assert.deepEqual(
      store.writes.map((w) => [w.key, (JSON.parse(w.value) as { branch?: string }).branch]),
      [
        [KEY, 'b'],
        [repoKey(OTHER_REPO), 'main'],
      ],
    );
    await clock.tick(3_999);
    assert.equal(store.writes.length, 2);
    await clock.tick(1);
    assert.equal(store.writes.length, 3);
    cache.dispose();
  });

  it('flushes pending writes on dispose and leaves no timers', async () => {
    const { clock, store, cache } = setup();
    cache.save(snapshot());
    assert.equal(clock.pending(), 1);
    cache.dispose();
    assert.equal(clock.pending(), 0);
    await flushMicrotasks();
    assert.equal(store.writes.length, 1);
    cache.save(snapshot());
    assert.equal(clock.pending(), 0);
  });

  it('ignores unusable stored data with a warning instead of failing', async () => {
    const { store, logger, cache } = setup();
    store.data.set(KEY, '{"schemaVersion":1,"repo":42}');
    assert.equal(await cache.load(KEY), undefined);
    assert.equal(logger.warnings.length, 1);
    assert.match(logger.warnings[0] ?? '', /invalid repository reference/);
  });

  it('ignores a snapshot stored under another repository key', async () => {
    const { store, logger, cache } = setup();
    store.data.set(repoKey(OTHER_REPO), encodeSnapshot(snapshot()));
    assert.equal(await cache.load(repoKey(OTHER_REPO)), undefined);
    assert.equal(logger.warnings.length, 1);
  });

  it('logs failed writes without throwing', async () => {
    const { store, logger, cache } = setup();
    store.failWrites = true;
    cache.save(snapshot());
    await cache.flush();
    assert.match(logger.warnings[0] ?? '', /disk full/);
  });

  it('drops the pending write of a forgotten repository', async () => {
    const { clock, store, cache } = setup();
    cache.save(snapshot());
    cache.forget(KEY);
    await clock.tick(10_000);
    assert.equal(store.writes.length, 0);
    assert.equal(clock.pending(), 0);
  });
});
