import assert from 'node:assert/strict';
import type { Fetched } from '../../../../src/core/ci/provider';
import { AuthError, CancelledError } from '../../../../src/core/errors';
import type { Page, RepoRef, Run } from '../../../../src/core/model';
import { nullLogger } from '../../../../src/core/ports';
import { GitLabProvider } from '../../../../src/providers/gitlab';
import { MAX_REUSES } from '../../../../src/providers/gitlab/updatedSince';
import { TOKENS } from '../../../fakes/gitlab/fixtures';
import { FakeGitLabServer } from '../../../fakes/gitlab/server';
import { FakeGitLabState, type FakePipeline, type FakeStatus } from '../../../fakes/gitlab/state';
import { instantClock } from './harness';

const PROJECT_ID = 42;
const SLUG = 'group/app';
const START = Date.UTC(2024, 1, 1, 12, 0, 0);

function pipeline(id: number, ref: string, status: FakeStatus, minute: number): FakePipeline {
  const at = new Date(START - (60 - minute) * 60_000).toISOString();
  return { id, iid: id, project_id: PROJECT_ID, status, ref, sha: id.toString(16).padStart(40, '0'), source: 'push', name: `Build ${id}`, username: 'alice', created_at: at, updated_at: at };
}

/** 24 finished pipelines (16 on main, 8 on feature/x), ids 1..24, updated a minute apart. */
function finishedPipelines(): FakePipeline[] {
  return Array.from({ length: 24 }, (_, i) => pipeline(i + 1, i % 3 === 2 ? 'feature/x' : 'main', i % 5 === 4 ? 'failed' : 'success', i + 1));
}

interface Poll {
  readonly recent: Fetched<Page<Run>>;
  readonly branch: Fetched<Page<Run>>;
  /** List and probe requests the poll sent, as paths below /api/v4. */
  readonly paths: readonly string[];
  /** Single-pipeline requests (user and times of the newest pipelines, pipelineDetails.ts). */
  readonly details: readonly string[];
}

const ids = (page: Fetched<Page<Run>>): string[] => page.value.items.map((run) => run.id);
const isProbe = (path: string): boolean => new URLSearchParams(path.split('?')[1]).has('updated_after');

describe('gitlab updated_after probe (fake server; the REST poll, when GraphQL cannot serve)', () => {
  let server: FakeGitLabServer;
  let provider: GitLabProvider;
  let repo: RepoRef;
  /** Virtual time of the fake's updates: 5 s later on every change. */
  let now: number;

  async function start(pipelines: FakePipeline[]): Promise<void> {
    const state = new FakeGitLabState({
      users: [{ id: 7, username: 'alice', name: 'Alice' }],
      tokens: [{ token: TOKENS.api, username: 'alice', scopes: ['api'] }],
      projects: [{ id: PROJECT_ID, path_with_namespace: SLUG, default_branch: 'main' }],
      pipelines,
    });
    now = START;
    state.now = () => new Date((now += 5000)).toISOString();
    server = new FakeGitLabServer({ state });
    const url = await server.start();
    provider = new GitLabProvider(url, { getToken: () => Promise.resolve(TOKENS.api), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, graphql: false });
    repo = { provider: 'gitlab', host: url, slug: SLUG };
  }

  /** One poll as fetchFull makes it: recent runs and the branch's runs in parallel. */
  async function poll(signal?: AbortSignal): Promise<Poll> {
    server.stats.reset();
    const [recent, branch] = await Promise.all([provider.listRuns(repo, { perPage: 20, signal }), provider.listRuns(repo, { branch: 'main', perPage: 10, signal })]);
    const all = server.stats.requests.map((r) => r.path);
    const isDetail = (path: string): boolean => /\/pipelines\/\d+$/.test(path);
    // Commit titles (commitTitles.ts) are asked once per commit, beside the lists and probes counted here.
    const isCommit = (path: string): boolean => path.includes('/repository/commits/');
    return { recent, branch, paths: all.filter((path) => !isDetail(path) && !isCommit(path)), details: all.filter(isDetail) };
  }

  afterEach(async () => {
    provider.dispose();
    await server.close();
  });

  it('answers an idle second poll of recent + branch runs with one probe and changed=false', async () => {
    await start(finishedPipelines());
    const first = await poll();
    assert.equal(first.paths.length, 2);
    assert.ok(!first.paths.some(isProbe));
    assert.equal(first.recent.changed, true);
    assert.equal(first.branch.changed, true);
    // The details (user, times) of pipelines that only the other list had among its newest fill in on the next poll.
    const warm = await poll();
    assert.equal(warm.paths.length, 1, `requests: ${warm.paths.join(', ')}`);

    const second = await poll();
    assert.equal(second.paths.length, 1, `requests: ${second.paths.join(', ')}`);
    assert.deepEqual(second.details, [], 'the newest pipelines\' details are known from the first poll');
    const query = new URLSearchParams(second.paths[0]?.split('?')[1]);
    // Newest updated_at seen (pipeline 24, START - 36 min) minus one second.
    assert.equal(query.get('updated_after'), new Date(START - 36 * 60_000 - 1000).toISOString());
    assert.equal(query.get('order_by'), 'updated_at');
    assert.equal(query.get('sort'), 'desc');
    assert.equal(query.get('per_page'), '20');
    assert.equal(second.recent.changed, false);
    assert.equal(second.branch.changed, false);
    assert.deepEqual(second.recent.value, warm.recent.value);
    assert.deepEqual(second.branch.value, warm.branch.value);
  });

  it('sees a status change and a new pipeline on the next poll, refetching only the lists they touch', async () => {
    await start(finishedPipelines());
    await poll();
    await poll();
    // Pipeline 21 (feature/x) is retried and fails again: the recent list shows it, the main branch list does not.
    server.state.setPipelineStatus(21, 'failed');
    const statusChange = await poll();
    assert.equal(statusChange.paths.filter(isProbe).length, 1);
    assert.equal(statusChange.paths.length, 2, `requests: ${statusChange.paths.join(', ')}`);
    assert.equal(statusChange.recent.changed, true);
    assert.equal(statusChange.recent.value.items.find((run) => run.id === '21')?.state, 'failure');
    assert.equal(statusChange.branch.changed, false);

    const created = server.state.createPipeline(PROJECT_ID, 'main', { username: 'alice' });
    server.state.setPipelineStatus(created.id, 'success');
    const added = await poll();
    assert.equal(added.paths.length, 3, `requests: ${added.paths.join(', ')}`);
    assert.equal(added.recent.changed, true);
    assert.equal(added.branch.changed, true);
    assert.equal(ids(added.recent)[0], String(created.id));
    assert.equal(ids(added.branch)[0], String(created.id));

    const idle = await poll();
    assert.equal(idle.paths.length, 1);
    assert.deepEqual(idle.details, []);
    assert.equal(idle.recent.changed || idle.branch.changed, false);
  });

  it('sends no probe while a cached run is queued or running', async () => {
    await start([...finishedPipelines(), pipeline(25, 'main', 'running', 50)]);
    await poll();
    const running = await poll();
    assert.equal(running.paths.length, 2);
    assert.ok(!running.paths.some(isProbe), `requests: ${running.paths.join(', ')}`);

    server.state.setPipelineStatus(25, 'success');
    const finished = await poll();
    assert.ok(!finished.paths.some(isProbe));
    assert.equal(finished.recent.changed, true);
    assert.equal(finished.branch.value.items[0]?.state, 'success');
    assert.equal((await poll()).paths.length, 1);
  });

  it('still probes while a pipeline only waits for a manual action', async () => {
    await start([...finishedPipelines(), pipeline(25, 'main', 'manual', 50)]);
    await poll();
    const waiting = await poll();
    assert.deepEqual(waiting.paths.map(isProbe), [true]);
  });

  it(`fetches the lists again on the ${MAX_REUSES + 1}th poll, so a deleted pipeline disappears`, async () => {
    await start(finishedPipelines());
    await poll();
    server.state.pipelines.delete(23);
    for (let i = 1; i <= MAX_REUSES; i += 1) {
      const idle = await poll();
      assert.deepEqual(idle.paths.map(isProbe), [true], `poll ${i + 1}`);
      assert.ok(ids(idle.recent).includes('23'));
    }
    const full = await poll();
    assert.equal(full.paths.length, 2);
    assert.ok(!full.paths.some(isProbe));
    assert.equal(full.recent.changed, true);
    assert.equal(full.branch.changed, true);
    assert.ok(!ids(full.recent).includes('23'));
    assert.ok(!ids(full.branch).includes('23'));
    assert.deepEqual((await poll()).paths.map(isProbe), [true]);
  });

  it('rejects with AuthError when the probe answers 401, as a list request does', async () => {
    await start(finishedPipelines());
    await poll();
    server.inject({ path: '/pipelines', status: 401, body: { message: '401 Unauthorized' } });
    await assert.rejects(poll(), (e: unknown) => e instanceof AuthError);
    assert.deepEqual(server.stats.requests.map((r) => isProbe(r.path)), [true]);

    server.inject({ path: '/pipelines', status: 401, body: { message: '401 Unauthorized' } });
    await assert.rejects(provider.listRuns(repo, { page: 2 }), (e: unknown) => e instanceof AuthError);
  });

  it('rejects with CancelledError on an aborted signal; the other caller of a shared probe still gets its answer', async () => {
    await start(finishedPipelines());
    const first = await poll();
    await assert.rejects(poll(AbortSignal.abort()), (e: unknown) => e instanceof CancelledError);

    server.stats.reset();
    server.inject({ path: '/pipelines', delayMs: 200 });
    const controller = new AbortController();
    const aborted = provider.listRuns(repo, { perPage: 20, signal: controller.signal });
    const kept = provider.listRuns(repo, { branch: 'main', perPage: 10 });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(aborted, (e: unknown) => e instanceof CancelledError);
    const answer = await kept;
    assert.deepEqual(answer.value, first.branch.value);
    assert.equal(answer.changed, false);
    assert.deepEqual(server.stats.requests.map((r) => isProbe(r.path)), [true]);
  });

  it('fetches later pages directly, without a probe', async () => {
    await start(finishedPipelines());
    await provider.listRuns(repo, { perPage: 10, page: 2 });
    await provider.listRuns(repo, { perPage: 10, page: 2 });
    const lists = server.stats.requests.filter((r) => !/\/pipelines\/\d+$/.test(r.path));
    assert.deepEqual(lists.map((r) => isProbe(r.path)), [false, false]);
  });

  it('fake: filters by updated_after/updated_before and orders by updated_at', async () => {
    await start(finishedPipelines());
    server.state.setPipelineStatus(3, 'failed');
    const get = async (query: string): Promise<{ status: number; ids: number[] }> => {
      const response = await fetch(`${server.url}/api/v4/projects/${PROJECT_ID}/pipelines?${query}`, { headers: { 'private-token': TOKENS.api } });
      const body = (await response.json()) as { id: number }[];
      return { status: response.status, ids: response.ok ? body.map((p) => p.id) : [] };
    };
    // Pipeline 22 was updated at START - 38 min exactly: strictly after excludes it.
    const after = new Date(START - 38 * 60_000).toISOString();
    assert.deepEqual((await get(`updated_after=${after}&order_by=updated_at&sort=desc`)).ids, [3, 24, 23]);
    assert.deepEqual((await get(`updated_after=${after}&order_by=updated_at&sort=asc`)).ids, [23, 24, 3]);
    assert.deepEqual((await get(`updated_after=${after}`)).ids, [24, 23, 3]);
    const before = new Date(START - 57 * 60_000).toISOString();
    assert.deepEqual((await get(`updated_before=${before}&order_by=updated_at`)).ids, [2, 1]);
    assert.equal((await get('updated_after=yesterday')).status, 400);
    assert.equal((await get('order_by=created_at')).status, 400);
  });
});
