/**
 * The Workflow Insights panel's older pages are cached with the snapshot: after a reload (a new sync
 * service on the same store) the panel is answered from the cache without one page request to the
 * fake GitHub; the cache keeps at most the runs the setting asks for per workflow, and a snapshot
 * written before pages were persisted still loads.
 */
import assert from 'node:assert/strict';
import { decodeSnapshot, encodeSnapshot } from '../../../../src/core/cache/snapshotCodec';
import { repoKey, type RepoRef } from '../../../../src/core/model';
import { nullLogger } from '../../../../src/core/ports';
import { SyncService } from '../../../../src/core/sync/syncService';
import { DEFAULT_POLL_SETTINGS } from '../../../../src/core/sync/types';
import { GitHubProvider } from '../../../../src/providers/github';
import { InsightsSession } from '../../../../src/webview/insightsSession';
import { SAMPLE_REPO, SAMPLE_SHA, SAMPLE_TOKEN, sampleData } from '../../../fakes/github/sample';
import { startFakeGitHub, type FakeGitHub } from '../../../fakes/github/server';
import { FakeClock } from '../../../support/fakeClock';
import { MemoryStore } from '../../../support/memoryStore';

const WORKFLOW_RUNS = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
const LIMIT = 50;

describe('insights pages in the snapshot cache', () => {
  let server: FakeGitHub;
  let repo: RepoRef;
  const store = new MemoryStore();
  const clock = new FakeClock();
  const open: { dispose(): void }[] = [];

  before(async () => {
    const data = sampleData();
    for (let i = 0; i < 80; i++) {
      const at = new Date(Date.UTC(2024, 3, 1, 0, i)).toISOString().replace('.000', '');
      data.runs.push({ id: 6000 + i, repo: SAMPLE_REPO, workflowId: 11, runNumber: 100 + i, runAttempt: 1, event: 'push', status: 'completed', conclusion: i % 4 === 0 ? 'failure' : 'success', headBranch: 'main', headSha: SAMPLE_SHA, displayTitle: `Old ${i}`, commitMessage: `Old ${i}`, actor: 'octocat', createdAt: at, updatedAt: at, runStartedAt: at });
    }
    server = await startFakeGitHub({ state: data });
    repo = { provider: 'github', host: server.url, slug: SAMPLE_REPO };
  });
  after(async () => {
    for (const item of open) item.dispose();
    await server.close();
  });

  function service(): SyncService {
    const provider = new GitHubProvider({ kind: 'github', apiUrl: server.url }, { getToken: () => Promise.resolve(SAMPLE_TOKEN), logger: nullLogger });
    const sync = new SyncService({
      clock,
      logger: nullLogger,
      store,
      providerFor: () => provider,
      settings: () => ({ ...DEFAULT_POLL_SETTINGS, pageSize: 20 }),
      activity: () => ({ windowFocused: true, viewVisible: true }),
      persistedRunsPerPipeline: () => LIMIT,
    });
    open.push(provider, sync);
    sync.setRepositories([{ repo }]);
    return sync;
  }

  function panel(sync: SyncService): InsightsSession {
    return new InsightsSession(
      { repoKey: repoKey(repo), pipelineId: '11', workflowName: 'CI', repository: SAMPLE_REPO },
      { sync, limit: () => LIMIT, alerts: () => [], onChange: () => undefined, errorText: (e) => String(e) },
    );
  }

  it('a reload answers the panel from the cache: the same runs, no page request', async () => {
    const first = service();
    await first.refresh(repoKey(repo));
    const before = panel(first);
    await before.load();
    const shown = before.view();
    assert.ok(shown.pageRequests > 0, 'the first panel paged runs in');
    assert.equal(shown.runs.length, LIMIT);
    first.dispose();

    const stored = decodeSnapshot(store.data.get(repoKey(repo)) ?? '');
    assert.ok(stored.ok);
    const kept = stored.snapshot.pages?.['11'];
    assert.ok(kept, 'the pages of workflow 11 are in the cache');
    assert.ok(kept.runs.length <= LIMIT, `at most ${LIMIT} runs kept, not ${kept.runs.length}`);

    server.stats.reset();
    const second = service();
    await second.restore();
    const after = panel(second);
    await after.load();
    const again = after.view();
    assert.equal(again.pageRequests, 0);
    assert.equal(server.stats.route(WORKFLOW_RUNS).requests, 0, 'no page of runs was requested');
    assert.deepEqual(again.runs.map((run) => run.number), shown.runs.map((run) => run.number));
  });

  it('a snapshot without pages (written before they were kept) still loads; malformed pages are refused', () => {
    const snapshot = { repo: { provider: 'github', host: 'https://api.github.com', slug: 'o/r' }, pipelines: [], recentRuns: [], branchRuns: [], stale: false };
    const old = decodeSnapshot(encodeSnapshot(snapshot));
    assert.ok(old.ok);
    assert.equal(old.snapshot.pages, undefined);
    const bad = JSON.parse(encodeSnapshot(snapshot)) as Record<string, unknown>;
    bad.pages = { ci: { runs: [{ id: 1 }], nextPage: 2, hasMore: true } };
    assert.deepEqual(decodeSnapshot(JSON.stringify(bad)), { ok: false, reason: 'invalid pipeline pages' });
  });
});
