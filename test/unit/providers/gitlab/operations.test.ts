import assert from 'node:assert/strict';
import { AuthError, ValidationError } from '../../../../src/core/errors';
import { TOKENS } from '../../../fakes/gitlab/fixtures';
import { startHarness, type Harness } from './harness';

describe('gitlab provider operations (fake server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('creates a pipeline with variables and inputs', async () => {
    const created = await h.provider.createRun(h.repo, 'gitlab-ci', { ref: 'main', inputs: { env: 'prod', dry: true }, variables: { DEBUG: '1' } });
    const body = h.server.stats.last('POST /projects/:id/pipeline')?.body;
    assert.deepEqual(body, { ref: 'main', variables: [{ key: 'DEBUG', value: '1', variable_type: 'env_var' }], inputs: { env: 'prod', dry: true } });
    assert.ok(created.runId);
    assert.equal(created.webUrl, `${h.server.url}/group/sub/project/-/pipelines/${created.runId}`);
  });

  it('omits empty variables and inputs', async () => {
    await h.provider.createRun(h.repo, undefined, { ref: 'main', inputs: {} });
    assert.deepEqual(h.server.stats.last('POST /projects/:id/pipeline')?.body, { ref: 'main' });
  });

  it('surfaces GitLab validation messages', async () => {
    await assert.rejects(h.provider.createRun(h.repo, undefined, { ref: 'missing-branch', inputs: {} }), (e: unknown) => e instanceof ValidationError && e.message === 'Reference not found');
  });

  it('retries, cancels and plays', async () => {
    const retried = await h.provider.rerunRun(h.repo, '100');
    assert.equal(retried.runId, '100');
    assert.equal(h.server.state.pipelines.get(100)?.status, 'pending');
    await h.provider.cancelRun(h.repo, '100');
    assert.equal(h.server.state.pipelines.get(100)?.status, 'canceled');
    await h.provider.playJob(h.repo, '504');
    assert.equal(h.server.state.jobs.get(504)?.status, 'pending');
    await h.provider.cancelJob(h.repo, '504');
    assert.equal(h.server.state.jobs.get(504)?.status, 'canceled');
    await h.provider.rerunJob(h.repo, '500');
    assert.equal(h.server.stats.count('POST /projects/:id/jobs/:job_id/retry'), 1);
  });

  it('reads a trace incrementally with Range, returning only new bytes', async () => {
    const first = await h.provider.getJobLog(h.repo, '510', 0);
    assert.equal(first.text, 'step 1\n');
    assert.equal(first.complete, false);
    const none = await h.provider.getJobLog(h.repo, '510', first.nextOffset);
    assert.deepEqual(none, { text: '', nextOffset: first.nextOffset, complete: false });
    h.server.state.appendTrace(510, 'step 2 ✓\n');
    h.server.state.setJobStatus(510, 'success');
    const second = await h.provider.getJobLog(h.repo, '510', first.nextOffset);
    assert.equal(second.text, 'step 2 ✓\n');
    assert.equal(second.complete, true);
    assert.equal(second.nextOffset, Buffer.byteLength('step 1\nstep 2 ✓\n'));
    assert.equal(h.server.stats.last('GET /projects/:id/jobs/:job_id/trace')?.headers.range, `bytes=${first.nextOffset}-`);
  });

  it('slices locally when the server ignores Range (200)', async () => {
    h.server.inject({ path: '/trace', status: 200, text: 'Running tests\n1 failed\n' });
    const tail = await h.provider.getJobLog(h.repo, '501', 'Running tests\n'.length);
    assert.deepEqual(tail, { text: '1 failed\n', nextOffset: 'Running tests\n1 failed\n'.length, complete: true });
  });

  describe('checkToken', () => {
    it('accepts an api token with nothing missing', async () => {
      const check = await h.provider.checkToken(TOKENS.api);
      assert.deepEqual(check, { login: 'alice', scopes: ['api'], missingScopes: [] });
    });

    it('accepts a read_api token as read-only (missing api)', async () => {
      const check = await h.provider.checkToken(TOKENS.readApi);
      assert.deepEqual(check, { login: 'alice', scopes: ['read_api'], missingScopes: ['api'] });
    });

    it('reports unknown scopes when the token has no self endpoint', async () => {
      const check = await h.provider.checkToken(TOKENS.oauth);
      assert.deepEqual(check, { login: 'alice', scopes: undefined, missingScopes: [] });
    });

    it('throws AuthError for a bad token without leaking it', async () => {
      await assert.rejects(h.provider.checkToken('glpat-wrong-secret'), (e: unknown) => e instanceof AuthError && !e.message.includes('glpat-wrong-secret'));
    });
  });
});
