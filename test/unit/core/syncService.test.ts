import * as assert from 'node:assert/strict';
import { encodeSnapshot } from '../../../src/core/cache/snapshotCodec';
import { AuthError, NetworkError, RateLimitError } from '../../../src/core/errors';
import type { Run } from '../../../src/core/model';
import { repoKey } from '../../../src/core/model';
import { RATE_LIMIT_MARGIN_MS } from '../../../src/core/scheduler/intervalPolicy';
import { SyncService } from '../../../src/core/sync/syncService';
import type { Activity, PollSettings, WatchedRepository } from '../../../src/core/sync/types';
import { makeJob, makePipeline, makeRun, REPO } from '../../support/coreFixtures';
import { FakeClock, flushMicrotasks } from '../../support/fakeClock';
import { MemoryStore, RecordingLogger } from '../../support/memoryStore';
import { FakeProvider } from './fakeProvider';

const KEY = repoKey(REPO);
const SETTINGS: PollSettings = { activeInterval: 10, idleInterval: 30, maxInterval: 120, backgroundInterval: 600, pageSize: 10 };
const FOCUSED: Activity = { windowFocused: true, viewVisible: true };
const AWAY: Activity = { windowFocused: false, viewVisible: false };
const WATCH_MAIN: WatchedRepository[] = [{ repo: REPO, branch: 'main' }];

function setup() {
  const clock = new FakeClock();
  const store = new MemoryStore();
  const logger = new RecordingLogger();
  const provider = new FakeProvider({ ref: REPO, webUrl: 'https://github.com/octo/hello', defaultBranch: 'main' }, () => clock.now());
  provider.pipelines = [makePipeline('ci')];
  provider.runs = [makeRun(1), makeRun(2, { branch: 'feature' })];
  const state = { activity: FOCUSED, signedIn: true };
  const sync = new SyncService({
    clock,
    logger,
    store,
    providerFor: () => (state.signedIn ? provider : undefined),
    settings: () => SETTINGS,
    activity: () => state.activity,
    cacheWriteDelayMs: 1_000,
  });
  const changes: (string | undefined)[] = [];
  sync.onDidChange((key) => changes.push(key));
  /** Times (s from start) of the recent-runs polls. */
  const recentPollTimes = (): number[] => provider.callsOf('listRuns').filter((c) => c.options.branch === undefined && c.options.pipelineId === undefined).map((c) => (c.at - (provider.calls[0]?.at ?? 0)) / 1000);
  return { clock, store, logger, provider, state, sync, changes, recentPollTimes };
}

function ids(runs: readonly Run[]): string[] {
  return runs.map((r) => r.id);
}

describe('sync service', () => {
  it('builds a snapshot from the first full poll', async () => {
    const t = setup();
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    const snapshot = t.sync.snapshot(KEY);
    assert.ok(snapshot);
    assert.equal(snapshot.repository?.defaultBranch, 'main');
    assert.deepEqual(
      snapshot.pipelines.map((p) => p.id),
      ['ci'],
    );
    assert.deepEqual(ids(snapshot.recentRuns), ['2', '1']);
    assert.deepEqual(ids(snapshot.branchRuns), ['1']);
    assert.equal(snapshot.stale, false);
    assert.equal(snapshot.problem, undefined);
    assert.equal(snapshot.fetchedAt, t.clock.now());
    assert.deepEqual(t.changes, [undefined, KEY]);
    assert.deepEqual(t.sync.repositories(), [REPO]);
    t.sync.dispose();
  });

  it('fires no change and refetches neither pipelines nor repository when everything is 304', async () => {
    const t = setup();
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    const first = t.sync.snapshot(KEY);
    t.changes.length = 0;
    await t.clock.tick(30_000);
    assert.equal(t.recentPollTimes().length, 2);
    assert.equal(t.sync.snapshot(KEY), first);
    assert.deepEqual(t.changes, []);
    assert.equal(t.provider.callsOf('listPipelines').length, 1);
    assert.equal(t.provider.callsOf('getRepository').length, 1);
    t.sync.dispose();
  });

  it('lists pipelines again when runs changed or name an unknown pipeline', async () => {
    const t = setup();
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    t.provider.pipelines = [makePipeline('ci'), makePipeline('deploy')];
    t.provider.runs = [...t.provider.runs, makeRun(3, { pipelineId: 'deploy' })];
    await t.sync.refresh(KEY);
    assert.equal(t.provider.callsOf('listPipelines').length, 2);
    assert.deepEqual(
      t.sync.snapshot(KEY)?.pipelines.map((p) => p.id),
      ['ci', 'deploy'],
    );
    assert.deepEqual(t.changes.at(-1), KEY);
    t.sync.dispose();
  });

  it('keeps the last good data and marks it stale when a poll fails, until a success', async () => {
    const t = setup();
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    const good = t.sync.snapshot(KEY);
    t.provider.failures.push(new NetworkError('getaddrinfo ENOTFOUND'));
    await t.clock.tick(30_000);
    const failed = t.sync.snapshot(KEY);
    assert.equal(failed?.stale, true);
    assert.deepEqual(failed?.problem, { kind: 'network', message: 'getaddrinfo ENOTFOUND' });
    assert.equal(failed?.recentRuns, good?.recentRuns);
    assert.equal(failed?.fetchedAt, good?.fetchedAt);
    await t.clock.tick(30_000);
    assert.equal(t.sync.snapshot(KEY)?.stale, false);
    assert.equal(t.sync.snapshot(KEY)?.problem, undefined);
    t.sync.dispose();
  });

  it('resumes after the rate-limit reset', async () => {
    const t = setup();
    t.sync.setRepositories(WATCH_MAIN);
    const resetAt = t.clock.now() + 200_000;
    t.provider.failures.push(new RateLimitError('API rate limit exceeded', resetAt));
    await t.clock.tick(0);
    assert.deepEqual(t.sync.snapshot(KEY)?.problem, { kind: 'rate_limit', message: 'API rate limit exceeded', resumeAt: resetAt });
    const callsAfterFailure = t.provider.calls.length;
    await t.clock.tick(200_000 + RATE_LIMIT_MARGIN_MS - 1);
    assert.equal(t.provider.calls.length, callsAfterFailure, 'silent until the reset');
    await t.clock.tick(1);
    assert.ok(t.provider.calls.length > callsAfterFailure);
    assert.equal(t.sync.snapshot(KEY)?.problem, undefined);
    assert.deepEqual(ids(t.sync.snapshot(KEY)?.recentRuns ?? []), ['2', '1']);
    t.sync.dispose();
  });

  it('polls at the active interval while a run is running, and backs off to the maximum when idle', async () => {
    const t = setup();
    t.provider.runs = [makeRun(1, { state: 'running' })];
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(30_000);
    assert.deepEqual(t.recentPollTimes(), [0, 10, 20, 30]);
    t.provider.runs = [makeRun(1, { state: 'success' })];
    await t.clock.tick(600_000);
    const gaps = t.recentPollTimes().slice(3).map((time, i, all) => (i === 0 ? 0 : time - (all[i - 1] ?? 0)));
    assert.deepEqual(gaps.slice(1, 7), [10, 30, 60, 120, 120, 120]);
    t.sync.dispose();
  });

  it('only fetches branch runs in background mode', async () => {
    const t = setup();
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    const before = t.provider.calls.length;
    t.state.activity = AWAY;
    t.sync.activityChanged();
    t.provider.runs = [...t.provider.runs, makeRun(5, { state: 'failure' })];
    await t.clock.tick(600_000);
    const background = t.provider.calls.slice(before);
    assert.equal(background.length, 1);
    assert.deepEqual(
      background.map((c) => [c.method, c.options.branch]),
      [['listRuns', 'main']],
    );
    assert.deepEqual(ids(t.sync.snapshot(KEY)?.branchRuns ?? []), ['5', '1']);
    assert.deepEqual(ids(t.sync.snapshot(KEY)?.recentRuns ?? []), ['2', '1'], 'recent runs untouched');
    t.sync.dispose();
  });

  it('polls fully at once when the window regains focus with old data', async () => {
    const t = setup();
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    t.state.activity = AWAY;
    t.sync.activityChanged();
    await t.clock.tick(100_000);
    t.state.activity = FOCUSED;
    t.sync.activityChanged();
    await t.clock.tick(0);
    assert.deepEqual(t.recentPollTimes(), [0, 100]);
    t.sync.dispose();
  });

  it('pages through older runs of a pipeline with loadMoreRuns', async () => {
    const t = setup();
    t.provider.runs = Array.from({ length: 25 }, (_, i) => makeRun(i + 1));
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    let page = t.sync.pipelineRuns(KEY, 'ci');
    assert.equal(page.runs.length, 10);
    assert.equal(page.hasMore, true);
    t.provider.holding = true;
    const loading = t.sync.loadMoreRuns(KEY, 'ci');
    const again = t.sync.loadMoreRuns(KEY, 'ci');
    assert.equal(t.sync.pipelineRuns(KEY, 'ci').loading, true);
    await flushMicrotasks();
    t.provider.release();
    await Promise.all([loading, again]);
    assert.equal(t.provider.callsOf('listRuns').filter((c) => c.options.pipelineId === 'ci').length, 1, 'concurrent calls share a request');
    page = t.sync.pipelineRuns(KEY, 'ci');
    assert.equal(page.loading, false);
    assert.equal(page.runs.length, 10);
    await t.sync.loadMoreRuns(KEY, 'ci');
    await t.sync.loadMoreRuns(KEY, 'ci');
    page = t.sync.pipelineRuns(KEY, 'ci');
    assert.deepEqual(
      ids(page.runs),
      Array.from({ length: 25 }, (_, i) => String(25 - i)),
    );
    assert.equal(page.hasMore, false);
    assert.deepEqual(
      t.provider.callsOf('listRuns').filter((c) => c.options.pipelineId === 'ci').map((c) => [c.options.page, c.options.perPage]),
      [
        [1, 10],
        [2, 10],
        [3, 10],
      ],
    );
    await t.sync.loadMoreRuns(KEY, 'ci');
    assert.equal(t.provider.callsOf('listRuns').filter((c) => c.options.pipelineId === 'ci').length, 3, 'no request past the last page');
    t.sync.dispose();
  });

  it('fetches jobs lazily, caches them, and refreshes watched jobs of live runs on each full poll', async () => {
    const t = setup();
    t.provider.runs = [makeRun(1, { state: 'running' }), makeRun(2, { state: 'success', branch: 'x' })];
    t.provider.jobs.set('1', [makeJob('j1', '1', { state: 'running' })]);
    t.provider.jobs.set('2', [makeJob('j2', '2')]);
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    assert.equal(t.sync.cachedJobs(KEY, '1'), undefined);
    assert.equal(t.provider.callsOf('listJobs').length, 0, 'jobs are lazy');
    const [live] = await Promise.all([t.sync.getJobs(KEY, '1'), t.sync.getJobs(KEY, '1'), t.sync.getJobs(KEY, '2')]);
    assert.equal(live[0]?.state, 'running');
    assert.equal(t.provider.callsOf('listJobs').length, 2);
    t.provider.jobs.set('1', [makeJob('j1', '1', { state: 'success' })]);
    t.provider.runs = [makeRun(1, { state: 'success' }), makeRun(2, { state: 'success', branch: 'x' })];
    t.changes.length = 0;
    await t.clock.tick(10_000);
    assert.deepEqual(
      t.provider.callsOf('listJobs').map((c) => c.runId),
      ['1', '2', '1'],
    );
    assert.equal(t.sync.cachedJobs(KEY, '1')?.[0]?.state, 'success');
    assert.deepEqual(t.changes, [KEY]);
    await t.sync.refresh(KEY);
    assert.equal(t.provider.callsOf('listJobs').length, 3, 'completed jobs are not refetched');
    assert.equal((await t.sync.getJobs(KEY, '1'))[0]?.state, 'success');
    t.sync.dispose();
  });

  it('clears the branch runs and polls at once when the branch changes', async () => {
    const t = setup();
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    t.sync.setRepositories([{ repo: REPO, branch: 'feature' }]);
    assert.equal(t.sync.snapshot(KEY)?.branch, 'feature');
    assert.deepEqual(t.sync.snapshot(KEY)?.branchRuns, []);
    await flushMicrotasks();
    assert.deepEqual(ids(t.sync.snapshot(KEY)?.branchRuns ?? []), ['2']);
    assert.equal(t.provider.callsOf('listRuns').at(-1)?.options.branch, 'feature');
    t.sync.dispose();
  });

  it('discards runs of the old branch when the branch changes during a poll', async () => {
    const t = setup();
    t.provider.holding = true;
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    t.sync.setRepositories([{ repo: REPO, branch: 'feature' }]);
    t.provider.release();
    await flushMicrotasks();
    assert.deepEqual(ids(t.sync.snapshot(KEY)?.branchRuns ?? []), ['2']);
    assert.deepEqual(
      t.provider.callsOf('listRuns').map((c) => c.options.branch),
      [undefined, 'main', undefined, 'feature'],
      'one follow-up poll for the new branch',
    );
    t.sync.dispose();
  });

  it('falls back to recent runs in background mode when no branch is watched', async () => {
    const t = setup();
    t.state.activity = AWAY;
    t.sync.setRepositories([{ repo: REPO }]);
    await t.clock.tick(0);
    assert.deepEqual(
      t.provider.calls.map((c) => [c.method, c.options.branch]),
      [['listRuns', undefined]],
    );
    assert.deepEqual(ids(t.sync.snapshot(KEY)?.recentRuns ?? []), ['2', '1']);
    t.sync.dispose();
  });

  it('aborts the poll of a removed repository and forgets it', async () => {
    const t = setup();
    t.provider.holding = true;
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    const signal = t.provider.calls[0]?.options.signal;
    t.sync.setRepositories([]);
    assert.equal(signal?.aborted, true);
    assert.equal(t.sync.snapshot(KEY), undefined);
    assert.deepEqual(t.sync.repositories(), []);
    assert.deepEqual(t.changes.at(-1), undefined);
    await flushMicrotasks();
    assert.equal(t.clock.pending(), 0);
    t.sync.dispose();
  });

  it('leaves no timers and aborts in-flight requests on dispose', async () => {
    const t = setup();
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    t.provider.holding = true;
    const refreshing = t.sync.refresh(KEY);
    const jobs = t.sync.getJobs(KEY, '1');
    await flushMicrotasks();
    t.sync.dispose();
    assert.equal(t.clock.pending(), 0);
    const signals = t.provider.calls.slice(-3).map((c) => c.options.signal?.aborted);
    assert.ok(signals.length === 3 && signals.every((aborted) => aborted === true), String(signals));
    await refreshing;
    await assert.rejects(jobs, { kind: 'cancelled' });
    assert.equal(t.clock.pending(), 0);
  });

  it('restores cached snapshots as stale, and the first refresh clears stale', async () => {
    const t = setup();
    const cachedAt = t.clock.now() - 3_600_000;
    t.store.data.set(KEY, encodeSnapshot({ repo: REPO, pipelines: [makePipeline('ci')], recentRuns: [makeRun(1)], branch: 'main', branchRuns: [makeRun(1)], fetchedAt: cachedAt, stale: false }));
    t.sync.setRepositories(WATCH_MAIN);
    await t.sync.restore();
    const restored = t.sync.snapshot(KEY);
    assert.equal(restored?.stale, true);
    assert.equal(restored?.fetchedAt, cachedAt);
    assert.deepEqual(ids(restored?.recentRuns ?? []), ['1']);
    assert.deepEqual(t.changes, [undefined, KEY]);
    await t.clock.tick(0);
    assert.equal(t.sync.snapshot(KEY)?.stale, false);
    assert.deepEqual(ids(t.sync.snapshot(KEY)?.recentRuns ?? []), ['2', '1']);
    t.sync.dispose();
  });

  it('persists polled snapshots through the store', async () => {
    const t = setup();
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    assert.equal(t.store.writes.length, 0);
    await t.clock.tick(1_000);
    assert.equal(t.store.writes.length, 1);
    assert.equal(t.store.writes[0]?.key, KEY);
    t.sync.dispose();
  });

  it('reports an auth problem for a repository without a provider, and polls after sign-in', async () => {
    const t = setup();
    t.state.signedIn = false;
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    assert.equal(t.sync.snapshot(KEY)?.problem?.kind, 'auth');
    assert.equal(t.clock.pending(), 0, 'polling stopped');
    await assert.rejects(t.sync.loadMoreRuns(KEY, 'ci'), AuthError);
    t.state.signedIn = true;
    await t.sync.refresh();
    assert.equal(t.sync.snapshot(KEY)?.problem, undefined);
    assert.deepEqual(ids(t.sync.snapshot(KEY)?.recentRuns ?? []), ['2', '1']);
    t.sync.dispose();
  });
});

describe('sync service during a provider outage (#13 "Data is never lost")', () => {
  it('keeps the tree and run panel data through the outage and refreshes without user action when the provider is back', async () => {
    const t = setup();
    t.provider.runs = [makeRun(1), makeRun(3, { state: 'running' })];
    t.provider.jobs.set('3', [makeJob('31', '3', { state: 'running' })]);
    t.sync.setRepositories(WATCH_MAIN);
    await t.clock.tick(0);
    // The run panel of run 3 is open: its jobs are fetched once and kept fresh by the polls.
    assert.deepEqual((await t.sync.getJobs(KEY, '3')).map((j) => j.id), ['31']);
    const before = t.sync.snapshot(KEY);

    let down = true;
    const listRuns = t.provider.listRuns.bind(t.provider);
    const listJobs = t.provider.listJobs.bind(t.provider);
    t.provider.listRuns = (...args) => (down ? Promise.reject(new NetworkError('Cannot reach GitHub at api.github.com: connection refused')) : listRuns(...args));
    t.provider.listJobs = (...args) => (down ? Promise.reject(new NetworkError('Cannot reach GitHub at api.github.com: connection refused')) : listJobs(...args));
    await t.clock.tick(5 * 60_000);
    const during = t.sync.snapshot(KEY);
    assert.equal(during?.stale, true);
    assert.equal(during?.problem?.kind, 'network');
    assert.deepEqual(ids(during?.recentRuns ?? []), ids(before?.recentRuns ?? []), 'the tree keeps its runs');
    assert.deepEqual(t.sync.cachedJobs(KEY, '3')?.map((j) => j.id), ['31'], 'the run panel keeps its jobs');

    // The provider comes back with news; nobody presses Refresh.
    down = false;
    t.provider.runs = [makeRun(1), makeRun(3, { state: 'success' })];
    t.provider.jobs.set('3', [makeJob('31', '3', { state: 'success' })]);
    await t.clock.tick(SETTINGS.maxInterval * 1000 + 1000);
    const after = t.sync.snapshot(KEY);
    assert.equal(after?.stale, false);
    assert.equal(after?.problem, undefined);
    assert.equal(after?.recentRuns.find((r) => r.id === '3')?.state, 'success');
    assert.equal(t.sync.cachedJobs(KEY, '3')?.[0]?.state, 'success', 'the run panel refreshed too');
    t.sync.dispose();
  });
});
