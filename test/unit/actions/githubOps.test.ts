import assert from 'node:assert/strict';
import { ServerError, ValidationError } from '../../../src/core/errors';
import { seedActionData, startHarness, type Harness } from '../providers/github/harness';

const WORKFLOW = `name: Deploy
on:
  workflow_dispatch:
    inputs:
      target:
        type: environment
`;

const PENDING = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments';

describe('github action operations (fake server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    seedActionData(h.server.state.data, 'boss', WORKFLOW);
  });
  afterEach(async () => {
    await h.close();
  });

  it('reads one run and the signed-in login', async () => {
    const run = await h.provider.getRun(h.repo, '203');
    assert.deepEqual([run.id, run.state], ['203', 'running']);
    assert.equal(await h.provider.currentUser(), 'octocat');
  });

  it('reads a workflow file at a ref through the contents API (base64)', async () => {
    const definition = await h.provider.getPipelineDefinition(h.repo, '12', 'release/1.0');
    assert.deepEqual(definition, { path: '.github/workflows/deploy.yml', text: WORKFLOW });
    assert.equal(h.server.stats.route('GET /repos/{owner}/{repo}/contents/{path}').requests, 1);
  });

  it('names the missing file as not found', async () => {
    await assert.rejects(h.provider.getPipelineDefinition(h.repo, '12', 'main'), (e: unknown) => e instanceof Error && e.name === 'NotFoundError');
  });

  it('lists branches over pages and tags', async () => {
    const refs = await h.provider.listRefs(h.repo);
    assert.equal(refs.branches.length, 130);
    assert.deepEqual(refs.tags, ['v1', 'v2']);
    assert.equal(h.server.stats.route('GET /repos/{owner}/{repo}/branches').requests, 2);
  });

  it('lists environments', async () => {
    assert.deepEqual(await h.provider.listEnvironments(h.repo), [{ id: '71', name: 'staging' }, { id: '72', name: 'production' }]);
  });

  it('lists pending deployments with reviewers and who may approve', async () => {
    const pending = await h.provider.listPendingDeployments(h.repo, '204');
    assert.deepEqual(pending, [
      { environment: { id: '71', name: 'staging' }, waitTimer: 0, currentUserCanApprove: true, reviewers: ['octocat'] },
      { environment: { id: '72', name: 'production' }, waitTimer: 5, currentUserCanApprove: false, reviewers: ['boss'] },
    ]);
  });

  it('approves pending deployments with numeric ids, state and comment', async () => {
    await h.provider.reviewPendingDeployments(h.repo, '204', ['71'], 'approved', 'Ship it');
    assert.deepEqual(h.server.state.mutations, [{ kind: 'review-deployments', repo: 'octo/hello', targetId: 204, body: { environment_ids: [71], state: 'approved', comment: 'Ship it' } }]);
    assert.deepEqual(h.server.state.pendingDeployments(204).map((p) => p.environmentId), [72]);
  });

  it('surfaces the 422 text of a review the user may not give', async () => {
    await assert.rejects(h.provider.reviewPendingDeployments(h.repo, '204', ['72'], 'rejected', ''), (e: unknown) => e instanceof ValidationError && /no pending deployments/.test(e.message));
  });

  it('sends a failed review exactly once (500 is ambiguous for a mutation)', async () => {
    h.server.faults.add({ route: PENDING, status: 500, times: 3 });
    await assert.rejects(h.provider.reviewPendingDeployments(h.repo, '204', ['71'], 'approved', ''), ServerError);
    assert.equal(h.server.stats.route(PENDING).requests, 1);
  });

  it('sends a failed dispatch exactly once', async () => {
    const route = 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches';
    h.server.faults.add({ route, status: 500, times: 3 });
    await assert.rejects(h.provider.createRun(h.repo, '12', { ref: 'main', inputs: {} }), ServerError);
    assert.equal(h.server.stats.route(route).requests, 1);
  });
});
