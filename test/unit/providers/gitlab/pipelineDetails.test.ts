import assert from 'node:assert/strict';
import { CancelledError } from '../../../../src/core/errors';
import type { RepoRef, Run } from '../../../../src/core/model';
import { nullLogger } from '../../../../src/core/ports';
import { GitLabProvider } from '../../../../src/providers/gitlab';
import { DETAILED_RUNS } from '../../../../src/providers/gitlab/pipelineDetails';
import { TOKENS } from '../../../fakes/gitlab/fixtures';
import { FakeGitLabServer } from '../../../fakes/gitlab/server';
import { FakeGitLabState, type FakePipeline } from '../../../fakes/gitlab/state';
import { instantClock } from './harness';

const PROJECT_ID = 42;
const SLUG = 'group/app';
const START = Date.UTC(2024, 1, 1, 12, 0, 0);
const iso = (ms: number): string => new Date(ms).toISOString();

/** Pipeline n (1..count) was created n minutes after the hour, queued 10 s, ran 40 s; the odd ones by bob. */
function pipelines(count: number): FakePipeline[] {
  return Array.from({ length: count }, (_, i) => {
    const created = START + (i + 1) * 60_000;
    return {
      id: i + 1, iid: i + 1, project_id: PROJECT_ID, status: 'success', ref: 'main', sha: (i + 1).toString(16).padStart(40, '0'), source: 'push', name: `Build ${i + 1}`,
      username: i % 2 === 0 ? 'alice' : 'bob', created_at: iso(created), updated_at: iso(created + 50_000), started_at: iso(created + 10_000), finished_at: iso(created + 50_000),
    };
  });
}

describe('gitlab pipeline details (user and times the REST pipeline list leaves out)', () => {
  let server: FakeGitLabServer;
  let provider: GitLabProvider;
  let repo: RepoRef;

  async function start(count: number): Promise<void> {
    const state = new FakeGitLabState({
      users: [{ id: 7, username: 'alice', name: 'Alice' }, { id: 8, username: 'bob', name: 'Bob' }],
      tokens: [{ token: TOKENS.api, username: 'alice', scopes: ['api'] }],
      projects: [{ id: PROJECT_ID, path_with_namespace: SLUG, default_branch: 'main' }],
      pipelines: pipelines(count),
    });
    server = new FakeGitLabServer({ state });
    const url = await server.start();
    provider = new GitLabProvider(url, { getToken: () => Promise.resolve(TOKENS.api), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, graphql: false });
    repo = { provider: 'gitlab', host: url, slug: SLUG };
  }

  const detailRequests = (): string[] => server.stats.requests.map((r) => r.path).filter((path) => /\/pipelines\/\d+$/.test(path));
  const byId = (runs: readonly Run[], id: string): Run | undefined => runs.find((run) => run.id === id);

  afterEach(async () => {
    provider.dispose();
    await server.close();
  });

  it('fills in the user, start and finish of the newest pipelines from the single-pipeline endpoint, once', async () => {
    await start(8);
    const first = await provider.listRuns(repo, { perPage: 20 });
    // The list itself carries none of them (GitLab's PipelineBasic).
    const listed = server.stats.requests.find((r) => r.route === 'GET /projects/:id/pipelines');
    assert.ok(listed, 'the list was requested');
    assert.equal(detailRequests().length, DETAILED_RUNS);
    const newest = byId(first.value.items, '8');
    assert.equal(newest?.actor, 'bob');
    assert.equal(newest?.startedAt, iso(START + 8 * 60_000 + 10_000));
    assert.equal(newest?.completedAt, iso(START + 8 * 60_000 + 50_000));
    assert.equal(byId(first.value.items, '7')?.actor, 'alice');
    // Older ones stay as listed.
    assert.equal(byId(first.value.items, '1')?.actor, undefined);

    server.stats.reset();
    const again = await provider.listRuns(repo, { perPage: 20 });
    assert.deepEqual(detailRequests(), [], 'details are asked for once per status');
    assert.equal(again.changed, false);
    assert.equal(byId(again.value.items, '8')?.actor, 'bob');
  });

  it('asks again when a pipeline changes status, and never keeps an old finish time on a running pipeline', async () => {
    await start(3);
    await provider.listRuns(repo, { perPage: 20 });
    server.state.setPipelineStatus(3, 'running');
    const pipeline = server.state.pipelines.get(3);
    assert.ok(pipeline);
    pipeline.finished_at = null;
    server.stats.reset();
    const running = await provider.listRuns(repo, { perPage: 20 });
    assert.deepEqual(detailRequests().map((path) => path.split('/').pop()), ['3']);
    const run = byId(running.value.items, '3');
    assert.equal(run?.state, 'running');
    assert.equal(run?.completedAt, undefined);
    assert.equal(run?.actor, 'alice');
  });

  it('shares one detail request between the recent and branch lists of a poll', async () => {
    await start(3);
    const [recent, branch] = await Promise.all([provider.listRuns(repo, { perPage: 20 }), provider.listRuns(repo, { branch: 'main', perPage: 10 })]);
    assert.deepEqual(detailRequests().sort(), ['1', '2', '3'].map((id) => `/projects/${encodeURIComponent(SLUG)}/pipelines/${id}`));
    assert.equal(byId(recent.value.items, '2')?.actor, 'bob');
    assert.equal(byId(branch.value.items, '2')?.actor, 'bob');
  });

  it('leaves a run as listed when its detail request fails, and asks again on the next poll', async () => {
    await start(2);
    server.faults.add({ method: 'GET', path: /\/pipelines\/2$/, status: 500, times: 3 });
    const first = await provider.listRuns(repo, { perPage: 20 });
    assert.equal(byId(first.value.items, '2')?.actor, undefined);
    assert.equal(byId(first.value.items, '1')?.actor, 'alice');
    const second = await provider.listRuns(repo, { perPage: 20 });
    assert.equal(byId(second.value.items, '2')?.actor, 'bob');
    assert.equal(second.changed, true);
  });

  it('rejects with CancelledError when the poll is aborted', async () => {
    await start(2);
    server.faults.add({ method: 'GET', path: /\/pipelines\/\d+$/, delayMs: 2_000, times: 2 });
    const controller = new AbortController();
    const listing = provider.listRuns(repo, { perPage: 20, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(listing, CancelledError);
  });
});
