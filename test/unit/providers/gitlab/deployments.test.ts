import assert from 'node:assert/strict';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../../src/core/errors';
import { mapPendingDeployment } from '../../../../src/providers/gitlab/deployments';
import { TOKENS } from '../../../fakes/gitlab/fixtures';
import { startHarness, type Harness } from './harness';

const APPROVAL = 'POST /projects/:id/deployments/:deployment_id/approval';

describe('gitlab deployment approvals (fake server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('lists the blocked deployments of one pipeline, by environment, with the approval rules', async () => {
    const pending = await h.provider.listPendingDeployments(h.repo, '112');
    assert.deepEqual(pending, [
      { environment: { id: '901', name: 'billing-db' }, waitTimer: 0, currentUserCanApprove: true, reviewers: [] },
      { environment: { id: '900', name: 'production' }, waitTimer: 0, currentUserCanApprove: true, reviewers: ['Maintainers', 'qa-group'] },
    ]);
    const request = h.server.stats.last('GET /projects/:id/deployments');
    assert.match(request?.path ?? '', /^\/projects\/group%2Fsub%2Fproject\/deployments\?/);
    assert.match(request?.path ?? '', /status=blocked/);
  });

  it('leaves out other pipelines and deployments that are not blocked', async () => {
    assert.deepEqual((await h.provider.listPendingDeployments(h.repo, '100')).map((p) => p.environment.name), ['review']);
    assert.deepEqual(await h.provider.listPendingDeployments(h.repo, '101'), []);
    const production = h.server.state.deployments.get(900);
    assert.ok(production);
    production.approvals = [{ username: 'bob', status: 'approved', comment: null, created_at: '2024-01-01T00:00:00Z' }];
    assert.deepEqual((await h.provider.listPendingDeployments(h.repo, '112')).map((p) => p.environment.name), ['billing-db'], 'fully approved, still blocked until played');
  });

  it('approves with a comment: one POST per deployment, the body GitLab documents', async () => {
    await h.provider.reviewPendingDeployments(h.repo, '112', ['900'], 'approved', 'Ship it');
    const requests = h.server.stats.requests.filter((r) => r.route === APPROVAL);
    assert.equal(requests.length, 1);
    assert.equal(requests[0]?.path, '/projects/group%2Fsub%2Fproject/deployments/900/approval');
    assert.deepEqual(requests[0]?.body, { status: 'approved', comment: 'Ship it' });
    const deployment = h.server.state.deployments.get(900);
    assert.equal(deployment?.status, 'created');
    assert.deepEqual(deployment?.approvals?.map((a) => [a.username, a.status, a.comment]), [['alice', 'approved', 'Ship it']]);
    assert.deepEqual((await h.provider.listPendingDeployments(h.repo, '112')).map((p) => p.environment.id), ['901']);
  });

  it('rejects without a comment field when the comment is empty; the job and pipeline fail', async () => {
    await h.provider.reviewPendingDeployments(h.repo, '100', ['902'], 'rejected', '  ');
    assert.deepEqual(h.server.stats.last(APPROVAL)?.body, { status: 'rejected' });
    assert.equal(h.server.state.deployments.get(902)?.status, 'failed');
    assert.equal(h.server.state.jobs.get(504)?.status, 'failed');
    assert.equal(h.server.state.pipelines.get(100)?.status, 'failed');
  });

  it('sends each id once, in order, and never retries a failed approval', async () => {
    await assert.rejects(h.provider.reviewPendingDeployments(h.repo, '112', ['900', '901'], 'approved', 'ok'), (e: unknown) => e instanceof ForbiddenError && /403/.test(e.message) && /not authorized/.test(e.message));
    assert.deepEqual(h.server.stats.requests.filter((r) => r.route === APPROVAL).map((r) => r.path.split('/')[4]), ['900', '901']);
    assert.equal(h.server.state.deployments.get(901)?.status, 'blocked');
  });

  it('does not retry on a server error either', async () => {
    h.server.inject({ path: '/approval', status: 502 });
    await assert.rejects(h.provider.reviewPendingDeployments(h.repo, '112', ['900'], 'approved', ''));
    assert.equal(h.server.stats.count(APPROVAL), 1);
    assert.equal(h.server.state.deployments.get(900)?.status, 'blocked');
  });

  it("surfaces GitLab's 400 message for a deployment that no longer waits", async () => {
    await assert.rejects(h.provider.reviewPendingDeployments(h.repo, '100', ['903'], 'approved', ''), (e: unknown) => e instanceof ValidationError && e.message === 'This deployment is not waiting for approvals.');
  });

  it('answers 404 for an unknown deployment', async () => {
    await assert.rejects(h.provider.reviewPendingDeployments(h.repo, '112', ['999'], 'approved', ''), (e: unknown) => e instanceof NotFoundError);
  });

  it('needs the api scope to approve (403 insufficient_scope with read_api)', async () => {
    await h.close();
    h = await startHarness({}, TOKENS.readApi);
    await assert.rejects(h.provider.reviewPendingDeployments(h.repo, '112', ['900'], 'approved', ''), (e: unknown) => e instanceof ForbiddenError && e.missingScopes.includes('api'));
    assert.equal(h.server.state.deployments.get(900)?.status, 'blocked');
  });

  it('maps a deployment without environment or rules leniently', () => {
    assert.deepEqual(mapPendingDeployment({ id: 5, status: 'blocked' }), { environment: { id: '5', name: 'deployment 5' }, waitTimer: 0, currentUserCanApprove: true, reviewers: [] });
  });
});
