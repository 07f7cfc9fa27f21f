import assert from 'node:assert/strict';
import { NotFoundError, ServerError } from '../../../src/core/errors';
import { startHarness, type Harness } from '../providers/gitlab/harness';

const CI = `variables:
  DEPLOY_ENV:
    value: staging
    options: [staging, production]
`;

describe('gitlab action operations (fake server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.server.state.setFile(42, 'main', '.gitlab-ci.yml', CI);
    h.server.state.setFile(43, 'main', 'ci/pipeline.yml', 'stages: [build]\n');
    h.server.state.refs.set(42, { branches: ['main', 'feature/x'], tags: ['v1.0'] });
  });
  afterEach(async () => {
    await h.close();
  });

  it('reads one pipeline and the signed-in user', async () => {
    const run = await h.provider.getRun(h.repo, '106');
    assert.deepEqual([run.id, run.state], ['106', 'running']);
    assert.equal(await h.provider.currentUser(), 'alice');
  });

  it('reads .gitlab-ci.yml raw at a ref', async () => {
    assert.deepEqual(await h.provider.getPipelineDefinition(h.repo, 'gitlab-ci', 'main'), { path: '.gitlab-ci.yml', text: CI });
    const request = h.server.stats.last('GET /projects/:id/repository/files/:file_path/raw');
    assert.equal(request?.path, '/projects/group%2Fsub%2Fproject/repository/files/.gitlab-ci.yml/raw?ref=main');
  });

  it('follows a custom ci_config_path', async () => {
    const repo = { ...h.repo, slug: 'group/deploy' };
    assert.deepEqual(await h.provider.getPipelineDefinition(repo, 'gitlab-ci', 'main'), { path: 'ci/pipeline.yml', text: 'stages: [build]\n' });
  });

  it('reports a missing file at a ref as not found', async () => {
    await assert.rejects(h.provider.getPipelineDefinition(h.repo, 'gitlab-ci', 'feature/x'), NotFoundError);
  });

  it('lists branches with the default and tags', async () => {
    assert.deepEqual(await h.provider.listRefs(h.repo), { branches: ['main', 'feature/x'], tags: ['v1.0'], defaultBranch: 'main' });
  });

  it('sends a failed create-pipeline exactly once', async () => {
    h.server.inject({ method: 'POST', path: '/pipeline', status: 500, times: 3 });
    await assert.rejects(h.provider.createRun(h.repo, undefined, { ref: 'main', inputs: {} }), ServerError);
    assert.equal(h.server.stats.count('POST /projects/:id/pipeline'), 1);
  });

  it('sends a failed cancel exactly once', async () => {
    h.server.inject({ method: 'POST', path: '/cancel', status: 502, times: 3 });
    await assert.rejects(h.provider.cancelRun(h.repo, '106'), ServerError);
    assert.equal(h.server.stats.count('POST /projects/:id/pipelines/:pipeline_id/cancel'), 1);
  });
});
