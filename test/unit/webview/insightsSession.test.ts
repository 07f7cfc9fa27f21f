import * as assert from 'node:assert/strict';
import type { TestReport } from '../../../src/core/ci/operations';
import type { Job, Run } from '../../../src/core/model';
import { mergeRuns } from '../../../src/core/runOrder';
import type { PagedRuns } from '../../../src/core/sync/types';
import { InsightsSession, JOB_RUNS, type InsightsSync, type ReportReader } from '../../../src/webview/insightsSession';
import { TestReportCache } from '../../../src/webview/insightsReports';
import { makeJob, makeRun } from '../../support/coreFixtures';

const T0 = Date.UTC(2024, 0, 1);
const iso = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

/** Runs 1..n of pipeline "ci", finished, 60 s each; every third one failed. */
function runs(n: number): Run[] {
  return Array.from({ length: n }, (_, i) => makeRun(i + 1, { state: (i + 1) % 3 === 0 ? 'failure' : 'success', createdAt: iso(i * 1000), startedAt: iso(i * 1000 + 5), updatedAt: iso(i * 1000 + 65) }));
}

/** A sync service holding the newest `recent` runs and serving older pages of `pageSize`, counting requests. */
class FakeSync implements InsightsSync {
  loadCalls = 0;
  jobCalls: string[] = [];
  private pages = 0;
  constructor(
    private readonly all: Run[],
    private readonly recent: number,
    private readonly pageSize: number,
    readonly cached = new Map<string, readonly Job[]>(),
  ) {}
  pipelineRuns(): PagedRuns {
    const newestFirst = [...this.all].reverse();
    const loaded = newestFirst.slice(0, this.pages * this.pageSize);
    const merged = mergeRuns(newestFirst.slice(0, this.recent), loaded);
    return { runs: merged, hasMore: this.pages === 0 ? this.all.length > this.recent : this.pages * this.pageSize < this.all.length, loading: false };
  }
  loadMoreRuns(): Promise<void> {
    this.loadCalls++;
    this.pages++;
    return Promise.resolve();
  }
  cachedJobs(_key: string, runId: string): readonly Job[] | undefined {
    return this.cached.get(runId);
  }
  getJobs(_key: string, runId: string): Promise<readonly Job[]> {
    this.jobCalls.push(runId);
    return Promise.resolve([makeJob(`${runId}-b`, runId, { name: 'build', startedAt: iso(0), completedAt: iso(30) })]);
  }
}

function session(sync: InsightsSync, limit: number, reports?: ReportReader): InsightsSession {
  return new InsightsSession(
    { repoKey: 'github|h|o/r', pipelineId: 'ci', workflowName: 'CI', repository: 'o/r' },
    { sync, reports, limit: () => limit, alerts: () => [], onChange: () => undefined, errorText: (e) => String(e) },
  );
}

describe('insights panel data', () => {
  it('pages older runs in through the sync service until the limit, one request per page, and says so', async () => {
    const sync = new FakeSync(runs(100), 20, 20);
    const s = session(sync, 50);
    assert.equal(s.view().runs.length, 20);
    await s.load();
    const view = s.view();
    assert.equal(sync.loadCalls, 3, 'pages 1-3 of 20 give 60 runs');
    assert.equal(view.pageRequests, 3);
    assert.equal(view.runs.length, 50, 'the newest 50 of the 60 loaded');
    assert.equal(view.runs[0]?.number, 51, 'oldest first');
    assert.equal(view.runs.at(-1)?.number, 100);
    assert.equal(view.hasMore, true);
    assert.equal(view.stats.total, 50);
    assert.equal(view.stats.medianMs, 60_000);
    assert.equal(view.stats.medianQueueMs, 5_000);
    assert.equal(view.loading, false);
  });

  it('stops when the workflow has no more runs, and asks for nothing when the polled runs suffice', async () => {
    const short = new FakeSync(runs(30), 20, 20);
    const a = session(short, 100);
    await a.load();
    assert.equal(short.loadCalls, 2);
    assert.equal(a.view().runs.length, 30);
    assert.equal(a.view().hasMore, false);
    const enough = new FakeSync(runs(30), 20, 20);
    const b = session(enough, 10);
    await b.load();
    assert.equal(enough.loadCalls, 0);
  });

  it('slowest jobs from the newest finished runs: cached jobs cost nothing, the others one request each (bounded)', async () => {
    const cached = new Map<string, readonly Job[]>([['20', [makeJob('20-b', '20', { name: 'build', startedAt: iso(0), completedAt: iso(90) })]]]);
    const sync = new FakeSync(runs(20), 20, 20, cached);
    const s = session(sync, 20);
    await s.load();
    const view = s.view();
    assert.equal(sync.jobCalls.length, JOB_RUNS - 1);
    assert.ok(!sync.jobCalls.includes('20'));
    assert.deepEqual(view.jobsCost, { runs: JOB_RUNS, requests: JOB_RUNS - 1 });
    assert.equal(view.slowJobs[0]?.name, 'build');
    assert.equal(view.slowJobs[0]?.maxMs, 90_000);
  });

  it('flaky tests from the test reports, fetched once per run and attempt and then cached; without reports the panel says so', async () => {
    const all = runs(4);
    const failing = (names: string[]): TestReport => ({ total: 3, passed: 3 - names.length, failed: names.length, skipped: 0, errored: 0, suites: [], failures: names.map((name) => ({ suite: 's', name })) });
    const byRun: Record<string, TestReport> = { '1': failing(['t']), '2': failing([]), '3': failing(['t']), '4': failing([]) };
    let fetched = 0;
    const cache = new TestReportCache();
    const reader = cache.readerFor('k', { provider: 'p', host: 'h', slug: 'o/r' }, {
      getTestReport: (_repo, runId) => {
        fetched++;
        return Promise.resolve(byRun[runId]);
      },
    });
    assert.ok(reader);
    const s = session(new FakeSync(all, 20, 20), 20, reader);
    await s.load();
    const flaky = s.view().flaky;
    assert.ok(flaky.supported);
    assert.equal(flaky.requests, 4);
    assert.equal(flaky.reportRuns, 4);
    assert.deepEqual(flaky.tests.map((t) => [t.id, t.reason]), [['s › t', 'alternating']]);
    await s.load();
    assert.equal(fetched, 4, 'the second load read the cached reports');
    const again = s.view().flaky;
    assert.ok(again.supported && again.requests === 0);
    assert.equal(cache.readerFor('k', { provider: 'p', host: 'h', slug: 'o/r' }, {}), undefined, 'a provider without test reports');
    assert.deepEqual(session(new FakeSync(all, 20, 20), 20).view().flaky, { supported: false });
  });

  it('keeps what it loaded and says why when a page fails', async () => {
    const sync = new FakeSync(runs(60), 20, 20);
    sync.loadMoreRuns = () => Promise.reject(new Error('rate limited'));
    const s = session(sync, 50);
    await s.load();
    assert.equal(s.view().runs.length, 20);
    assert.equal(s.view().error, 'Error: rate limited');
  });
});
