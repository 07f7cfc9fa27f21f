import assert from 'node:assert/strict';
import { SAMPLE_FINE_GRAINED_TOKEN, SAMPLE_READONLY_TOKEN, SAMPLE_SHA, SAMPLE_TOKEN } from '../../../fakes/github/sample';
import { startHarness, type Harness } from './harness';

describe('github provider operations (fake server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  describe('checkToken', () => {
    it('returns login and scopes of a classic token with nothing missing', async () => {
      assert.deepEqual(await h.provider.checkToken(SAMPLE_TOKEN), { login: 'octocat', scopes: ['repo', 'workflow', 'read:org'], missingScopes: [] });
    });
    it('names the missing scopes', async () => {
      assert.deepEqual((await h.provider.checkToken(SAMPLE_READONLY_TOKEN)).missingScopes, ['repo', 'workflow']);
    });
    it('reports unknown scopes for a fine-grained token (no header)', async () => {
      assert.deepEqual(await h.provider.checkToken(SAMPLE_FINE_GRAINED_TOKEN), { login: 'finegrained', scopes: undefined, missingScopes: [] });
    });
  });

  it('downloads a job log through the redirect', async () => {
    const log = await h.provider.getJobLog(h.repo, '303', 0);
    assert.equal(log.text, 'npm test\nError: expected 1 to equal 2\n');
    assert.equal(log.nextOffset, Buffer.byteLength(log.text));
    assert.equal(log.complete, true);
    const tail = await h.provider.getJobLog(h.repo, '303', 9);
    assert.equal(tail.text, 'Error: expected 1 to equal 2\n');
  });

  it('lists check runs of a commit and their annotations', async () => {
    const checks = await h.provider.listChecks(h.repo, SAMPLE_SHA);
    assert.deepEqual(checks.map((check) => [check.name, check.state, check.annotationsCount, check.title]), [['lint', 'failure', 2, '2 problems']]);
    const annotations = await h.provider.listAnnotations(h.repo, '401');
    assert.deepEqual(annotations.map((a) => [a.path, a.level, a.startLine, a.startColumn]), [['src/a.ts', 'failure', 3, 5], ['src/b.ts', 'warning', 10, undefined]]);
  });

  it('re-runs a run with debug logging', async () => {
    assert.deepEqual(await h.provider.rerunRun(h.repo, '202', { debug: true }), { runId: '202' });
    assert.deepEqual(h.server.state.mutations, [{ kind: 'rerun', repo: 'octo/hello', targetId: 202, body: { enable_debug_logging: true } }]);
    const run = h.server.state.run('octo/hello', 202);
    assert.deepEqual([run?.status, run?.runAttempt], ['queued', 2]);
  });

  it('re-runs only failed jobs', async () => {
    await h.provider.rerunFailedJobs(h.repo, '202');
    const jobs = (await h.provider.listJobs(h.repo, '202')).value;
    assert.deepEqual(jobs.map((job) => [job.name, job.state]), [['build', 'success'], ['test', 'queued']]);
  });

  it('re-runs a single job', async () => {
    await h.provider.rerunJob(h.repo, '302');
    assert.equal(h.server.state.mutations[0]?.kind, 'rerun-job');
    assert.equal(h.server.state.job('octo/hello', 302)?.status, 'queued');
  });

  it('cancels and force-cancels runs', async () => {
    await h.provider.cancelRun(h.repo, '203');
    await h.provider.cancelRun(h.repo, '204', { force: true });
    assert.deepEqual(h.server.state.mutations.map((m) => [m.kind, m.targetId]), [['cancel', 203], ['force-cancel', 204]]);
    assert.equal(h.server.state.run('octo/hello', 203)?.conclusion, 'cancelled');
  });

  it('dispatches a workflow with ref and inputs and returns the new run', async () => {
    const created = await h.provider.createRun(h.repo, '12', { ref: 'main', inputs: { environment: 'staging', dryRun: true } });
    const body = h.server.state.mutations[0]?.body;
    assert.deepEqual(body, { ref: 'main', inputs: { environment: 'staging', dryRun: true }, return_run_details: true });
    assert.ok(created.runId);
    assert.equal(created.webUrl, `${h.server.url}/octo/hello/actions/runs/${created.runId}`);
    const runs = await h.provider.listRuns(h.repo, { pipelineId: '12' });
    assert.equal(runs.value.items[0]?.id, created.runId);
    assert.equal(runs.value.items[0]?.event, 'workflow_dispatch');
  });

  it('accepts a 204 dispatch answer without run details', async () => {
    h.server.faults.add({ route: 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', status: 204 });
    assert.deepEqual(await h.provider.createRun(h.repo, '12', { ref: 'main', inputs: {} }), {});
  });
});
