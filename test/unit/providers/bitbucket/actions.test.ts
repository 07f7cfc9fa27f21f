import assert from 'node:assert/strict';
import { CREDENTIALS, IDS } from '../../../fakes/bitbucket/fixtures';
import { startHarness, type Harness } from './harness';

describe('bitbucket actions', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const writes = (): { method: string; path: string; body: unknown }[] => h.server.stats.requests.filter((r) => r.method !== 'GET').map(({ method, path, body }) => ({ method, path, body }));

  it('runs the branch pipeline once, and returns the new pipeline with its page', async () => {
    h = await startHarness();
    const created = await h.provider.createRun(h.repo, 'pipelines', { ref: 'main', inputs: {} });
    const pipeline = h.server.state.pipelines.find((p) => p.uuid === created.runId);
    assert.ok(pipeline);
    assert.equal(created.webUrl, `${h.server.url}/acme/web/pipelines/results/${pipeline.buildNumber}`);
    assert.deepEqual(writes(), [{ method: 'POST', path: '/2.0/repositories/acme/web/pipelines', body: { type: 'pipeline', target: { type: 'pipeline_ref_target', ref_type: 'branch', ref_name: 'main' } } }]);
  });

  it('runs a custom pipeline on a commit with variables, the secured ones marked secured', async () => {
    h = await startHarness();
    await h.provider.createRun(h.repo, 'pipelines', { ref: 'feature/tax', inputs: { pipeline: 'deploy', commit: 'abc123', variables: 'TARGET=staging\nDRY_RUN=1', secured_variables: 'API_KEY=s3cr=t' } });
    assert.deepEqual(writes()[0]?.body, {
      type: 'pipeline',
      target: { type: 'pipeline_ref_target', ref_type: 'branch', ref_name: 'feature/tax', commit: { type: 'commit', hash: 'abc123' }, selector: { type: 'custom', pattern: 'deploy' } },
      variables: [
        { type: 'pipeline_variable', key: 'TARGET', value: 'staging' },
        { type: 'pipeline_variable', key: 'DRY_RUN', value: '1' },
        { type: 'pipeline_variable', key: 'API_KEY', value: 's3cr=t', secured: true },
      ],
    });
    const created = h.server.state.pipelines.at(-1);
    assert.deepEqual(created?.selector, { type: 'custom', pattern: 'deploy' });
    assert.equal(created?.variables.find((v) => v.key === 'API_KEY')?.secured, true);
  });

  it('stops a running pipeline once (204)', async () => {
    h = await startHarness();
    await h.provider.cancelRun(h.repo, IDS.running);
    assert.equal(h.server.state.pipeline('acme', 'web', IDS.running)?.state, 'STOPPED');
    assert.deepEqual(writes().map((w) => `${w.method} ${w.path}`), [`POST /2.0/repositories/acme/web/pipelines/${encodeURIComponent(IDS.running)}/stopPipeline`]);
  });

  it('sends a refused stop once and says why (400 for a finished pipeline)', async () => {
    h = await startHarness();
    await assert.rejects(h.provider.cancelRun(h.repo, IDS.passed), (error: Error) => /already completed/.test(error.message));
    assert.equal(writes().length, 1);
  });

  it('sends a run once when the server fails with 503 (mutations are never retried)', async () => {
    h = await startHarness();
    h.server.inject({ kind: 'status', status: 503, method: 'POST' });
    await assert.rejects(h.provider.createRun(h.repo, 'pipelines', { ref: 'main', inputs: {} }), { kind: 'server' });
    assert.equal(writes().length, 1);
  });

  it('names the missing scope when a read-only token tries to run a pipeline', async () => {
    h = await startHarness({}, CREDENTIALS.workspaceReadOnly);
    await assert.rejects(h.provider.createRun(h.repo, 'pipelines', { ref: 'main', inputs: {} }), (error: Error & { kind?: string; missingScopes?: readonly string[] }) => {
      assert.equal(error.kind, 'forbidden');
      assert.deepEqual(error.missingScopes, ['pipeline:write']);
      return true;
    });
  });

  it('sends an access token as Bearer and an e-mail + API token as Basic', async () => {
    h = await startHarness({}, CREDENTIALS.repository);
    await h.provider.listRuns(h.repo);
    await h.close();
    h = await startHarness({}, CREDENTIALS.account);
    await h.provider.listRuns(h.repo);
    // The fake accepts the repository token only as Bearer and the account only as Basic: both read.
    assert.equal(h.server.stats.requests.length, 1);
  });
});
