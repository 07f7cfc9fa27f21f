import assert from 'node:assert/strict';
import { startHarness, type Harness } from './harness';

const RUNS = 'GET /repos/{owner}/{repo}/actions/runs';

describe('github provider reads (fake server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('gets the repository with its web URL and default branch', async () => {
    const { value } = await h.provider.getRepository(h.repo);
    assert.equal(value.webUrl, `${h.server.url}/octo/hello`);
    assert.equal(value.defaultBranch, 'main');
  });

  it('lists runs newest first with normalized states and a total count', async () => {
    const { value } = await h.provider.listRuns(h.repo);
    assert.deepEqual(value.items.map((run) => [run.id, run.state]), [['204', 'queued'], ['203', 'running'], ['202', 'failure'], ['201', 'success']]);
    assert.equal(value.totalCount, 4);
    assert.equal(value.hasMore, false);
    assert.equal(value.items[1]?.actor, 'hubot');
  });

  it('filters runs by branch and by workflow', async () => {
    const byBranch = await h.provider.listRuns(h.repo, { branch: 'feature/x' });
    assert.deepEqual(byBranch.value.items.map((run) => run.id), ['202']);
    const byWorkflow = await h.provider.listRuns(h.repo, { pipelineId: '12' });
    assert.deepEqual(byWorkflow.value.items.map((run) => run.pipelineName), ['Deploy']);
  });

  it('pages runs with hasMore from the Link header and clamps per_page', async () => {
    const first = await h.provider.listRuns(h.repo, { perPage: 3, page: 1 });
    const second = await h.provider.listRuns(h.repo, { perPage: 3, page: 2 });
    assert.equal(first.value.items.length, 3);
    assert.equal(first.value.hasMore, true);
    assert.deepEqual(second.value.items.map((run) => run.id), ['201']);
    assert.equal(second.value.hasMore, false);
    const clamped = await h.provider.listRuns(h.repo, { perPage: 0 });
    assert.equal(clamped.value.items.length, 1);
  });

  it('follows every page of workflows and jobs', async () => {
    for (let i = 0; i < 120; i++) {
      h.server.state.data.workflows.push({ id: 5000 + i, repo: 'octo/hello', name: `W${i}`, path: `.github/workflows/w${i}.yml`, state: 'active' });
      h.server.state.addJob({ runId: 201, name: `matrix ${i}`, runAttempt: 1, status: 'queued', conclusion: null, createdAt: '2024-05-01T12:00:00Z', startedAt: null, completedAt: null, steps: [] });
    }
    const pipelines = await h.provider.listPipelines(h.repo);
    assert.equal(pipelines.value.length, 122);
    assert.equal(h.server.stats.route('GET /repos/{owner}/{repo}/actions/workflows').requests, 2);
    const jobs = await h.provider.listJobs(h.repo, '201');
    assert.equal(jobs.value.length, 121);
    assert.equal(jobs.value[0]?.steps.length, 2);
  });

  it('serves unchanged runs from the ETag cache without spending rate limit', async () => {
    const first = await h.provider.listRuns(h.repo);
    const second = await h.provider.listRuns(h.repo);
    assert.equal(first.changed, true);
    assert.equal(second.changed, false);
    assert.deepEqual(second.value, first.value);
    assert.deepEqual(h.server.stats.route(RUNS), { requests: 2, counted: 1, notModified: 1 });
    assert.equal(h.provider.rateLimit?.remaining, 4999);
  });

  it('sees a change after the state moves on', async () => {
    await h.provider.listRuns(h.repo);
    h.server.state.updateRun('octo/hello', 203, { status: 'completed', conclusion: 'success' });
    const next = await h.provider.listRuns(h.repo);
    assert.equal(next.changed, true);
    assert.equal(next.value.items.find((run) => run.id === '203')?.state, 'success');
  });

  it('does not share cached answers between tokens', async () => {
    await h.provider.listRuns(h.repo);
    h.token = 'github_pat_fakeFineGrained000000000000';
    const other = await h.provider.listRuns(h.repo);
    assert.equal(other.changed, true);
    assert.equal(h.server.stats.route(RUNS).notModified, 0);
  });

  it('records the rate-limit headers it last saw', async () => {
    const before = h.provider.rateLimit;
    assert.equal(before, undefined);
    await h.provider.listPipelines(h.repo);
    const info = h.provider.rateLimit;
    assert.equal(info?.limit, 5000);
    assert.equal(info?.remaining, 4999);
    assert.ok(info !== undefined && info.resetAt > Date.now());
  });

  it('lists jobs of the latest attempt only', async () => {
    const jobs = await h.provider.listJobs(h.repo, '202');
    assert.deepEqual(jobs.value.map((job) => [job.name, job.state]), [['build', 'success'], ['test', 'failure']]);
  });
});
