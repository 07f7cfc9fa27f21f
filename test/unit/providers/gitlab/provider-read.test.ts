import assert from 'node:assert/strict';
import type { GitLabJob } from '../../../../src/providers/gitlab';
import { startHarness, type Harness } from './harness';

describe('gitlab provider reads (fake server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('gets a subgroup project by its URL-encoded path', async () => {
    const { value } = await h.provider.getRepository(h.repo);
    assert.equal(value.defaultBranch, 'main');
    assert.equal(value.webUrl, `${h.server.url}/group/sub/project`);
    assert.equal(h.server.stats.last('GET /projects/:id')?.path, '/projects/group%2Fsub%2Fproject');
  });

  it('lists the single pipeline definition, honouring ci_config_path', async () => {
    const own = await h.provider.listPipelines(h.repo);
    assert.deepEqual(own.value.map((p) => [p.id, p.name, p.path]), [['gitlab-ci', 'Pipelines', '.gitlab-ci.yml']]);
    const other = await h.provider.listPipelines({ ...h.repo, slug: 'group/deploy' });
    assert.equal(other.value[0]?.path, 'ci/pipeline.yml');
  });

  it('lists runs newest first with paging and totals', async () => {
    const first = await h.provider.listRuns(h.repo, { perPage: 5 });
    assert.equal(first.value.items.length, 5);
    assert.equal(first.value.hasMore, true);
    assert.equal(first.value.totalCount, 13);
    assert.deepEqual(first.value.items.map((r) => r.id), ['112', '111', '110', '109', '108']);
    const last = await h.provider.listRuns(h.repo, { perPage: 5, page: 3 });
    assert.equal(last.value.items.length, 3);
    assert.equal(last.value.hasMore, false);
    const query = new URLSearchParams(h.server.stats.last('GET /projects/:id/pipelines')?.path.split('?')[1]);
    assert.equal(query.get('order_by'), 'id');
    assert.equal(query.get('sort'), 'desc');
    assert.equal(query.get('per_page'), '5');
  });

  it('filters runs by branch and maps the run fields', async () => {
    const { value } = await h.provider.listRuns(h.repo, { branch: 'main', perPage: 100 });
    assert.ok(value.items.every((r) => r.branch === 'main'));
    const nightly = value.items.find((r) => r.id === '100');
    assert.equal(nightly?.title, 'Nightly build');
    assert.equal(nightly?.number, 1);
    assert.equal(nightly?.state, 'failure');
    const plain = value.items.find((r) => r.id === '101');
    assert.equal(plain?.title, `Commit ${plain?.headSha.slice(0, 8)}`, 'a pipeline without a name reads as its commit title');
  });

  it('reports changed=false when the same data comes back, true after a change', async () => {
    assert.equal((await h.provider.listRuns(h.repo)).changed, true);
    assert.equal((await h.provider.listRuns(h.repo)).changed, false);
    h.server.state.setPipelineStatus(112, 'success');
    assert.equal((await h.provider.listRuns(h.repo)).changed, true);
    assert.equal((await h.provider.listJobs(h.repo, '100')).changed, true);
    assert.equal((await h.provider.listJobs(h.repo, '100')).changed, false);
  });

  it('lists jobs and bridges across pages, in creation order', async () => {
    for (let i = 0; i < 120; i++) {
      h.server.state.addJob({ id: 10_000 + i, pipeline_id: 100, name: `shard ${i}`, stage: 'test', status: 'success', created_at: '2024-01-01T00:00:00Z' });
    }
    const { value } = await h.provider.listJobs(h.repo, '100');
    const jobs = value as readonly GitLabJob[];
    assert.equal(jobs.length, 125);
    assert.deepEqual(jobs.slice(0, 5).map((j) => j.name), ['build', 'test', 'lint', 'trigger-deploy', 'deploy']);
    assert.equal(h.server.stats.count('GET /projects/:id/pipelines/:pipeline_id/jobs'), 2);
    const bridge = jobs.find((j) => j.name === 'trigger-deploy');
    assert.deepEqual(bridge?.downstream, { runId: '200', repoSlug: 'group/deploy', webUrl: `${h.server.url}/group/deploy/-/pipelines/200`, rawStatus: 'running' });
    assert.equal(jobs.find((j) => j.name === 'lint')?.allowFailure, true);
    assert.equal(jobs.find((j) => j.name === 'deploy')?.state, 'action_required');
    assert.equal(jobs[0]?.stage, 'build');
  });

  it('maps the pipeline test report', async () => {
    const report = await h.provider.getTestReport(h.repo, '100');
    assert.equal(report?.failed, 1);
    assert.equal(report?.failures[0]?.file, './spec/math_spec.rb');
    assert.equal(await h.provider.getTestReport(h.repo, '101'), undefined);
  });

  it('records rate-limit headers', async () => {
    await h.provider.getRepository(h.repo);
    const info = h.provider.rateLimit;
    assert.ok(info);
    assert.equal(info.limit, 2000);
    assert.equal(info.remaining, 1999);
    assert.ok(info.resetAt > Date.now() - 1000);
  });
});
