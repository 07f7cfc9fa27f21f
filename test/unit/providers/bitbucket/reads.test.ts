import assert from 'node:assert/strict';
import { jobIdOf } from '../../../../src/providers/bitbucket/urls';
import { validateWebviewMessage } from '../../../../src/shared/validate';
import { IDS, SHA } from '../../../fakes/bitbucket/fixtures';
import { startHarness, type Harness } from './harness';

describe('bitbucket provider reads', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const paths = (): string[] => h.server.stats.requests.map((r) => r.path);

  it('lists pipelines newest first with state, trigger, creator, commit and web link', async () => {
    const { value } = await h.provider.listRuns(h.repo);
    assert.deepEqual(value.items.map((r) => [r.number, r.state, r.rawStatus]), [
      [4, 'running', 'IN_PROGRESS / RUNNING'],
      [3, 'action_required', 'IN_PROGRESS / PAUSED'],
      [2, 'failure', 'COMPLETED / FAILED'],
      [1, 'success', 'COMPLETED / SUCCESSFUL'],
    ]);
    const paused = value.items[1];
    assert.equal(paused?.id, IDS.paused);
    assert.equal(paused?.pipelineName, 'custom: deploy');
    assert.equal(paused?.event, 'manual');
    assert.equal(paused?.actor, 'Dana Developer');
    assert.equal(paused?.headSha, SHA.main);
    assert.equal(paused?.branch, 'main');
    assert.equal(paused?.webUrl, `${h.server.url}/acme/web/pipelines/results/3`);
    assert.equal(value.items[2]?.completedAt !== undefined, true);
    assert.equal(value.hasMore, false);
    assert.deepEqual(paths(), ['/2.0/repositories/acme/web/pipelines?sort=-created_on&pagelen=20']);
  });

  it('asks for the current branch with target.branch, and pages with page/pagelen', async () => {
    const branch = await h.provider.listRuns(h.repo, { branch: 'feature/tax' });
    assert.deepEqual(branch.value.items.map((r) => r.id), [IDS.failed]);
    const first = await h.provider.listRuns(h.repo, { perPage: 3 });
    const second = await h.provider.listRuns(h.repo, { perPage: 3, page: 2 });
    assert.equal(first.value.hasMore, true);
    assert.equal(first.value.totalCount, 4);
    assert.deepEqual(second.value.items.map((r) => r.number), [1]);
    assert.equal(second.value.hasMore, false);
    assert.ok(paths().includes('/2.0/repositories/acme/web/pipelines?sort=-created_on&pagelen=20&target.branch=feature%2Ftax'), paths().join('\n'));
    assert.ok(paths().includes('/2.0/repositories/acme/web/pipelines?sort=-created_on&pagelen=3&page=2'), paths().join('\n'));
  });

  it('says unchanged when the same answer comes again', async () => {
    assert.equal((await h.provider.listRuns(h.repo)).changed, true);
    assert.equal((await h.provider.listRuns(h.repo)).changed, false);
    const running = h.server.state.pipeline('acme', 'web', IDS.running);
    if (running) running.state = 'SUCCESSFUL';
    assert.equal((await h.provider.listRuns(h.repo)).changed, true);
  });

  it('lists the steps of a pipeline as jobs, a manual step waiting as action_required', async () => {
    await h.provider.listRuns(h.repo);
    const failed = (await h.provider.listJobs(h.repo, IDS.failed)).value;
    assert.deepEqual(failed.map((j) => [j.name, j.state, j.rawStatus]), [
      ['Lint', 'success', 'COMPLETED / SUCCESSFUL'],
      ['Test', 'failure', 'COMPLETED / FAILED'],
      ['Deploy', 'skipped', 'COMPLETED / NOT_RUN'],
    ]);
    assert.equal(failed[1]?.id, jobIdOf(IDS.failed, IDS.failedTest));
    // The run panel selects a job by its id: the webview's messages must let it through.
    for (const job of failed) assert.ok(validateWebviewMessage({ type: 'selectJob', jobId: job.id }), `job id ${job.id} is refused by the run panel`);
    assert.equal(failed[1]?.webUrl, `${h.server.url}/acme/web/pipelines/results/2/steps/${encodeURIComponent(IDS.failedTest)}`);
    assert.ok(failed[1]?.startedAt !== undefined && failed[1]?.completedAt !== undefined);
    const paused = (await h.provider.listJobs(h.repo, IDS.paused)).value;
    assert.deepEqual(paused.map((j) => [j.name, j.state, j.manual ?? false]), [['Build', 'success', false], ['Deploy to production', 'action_required', true]]);
  });

  it('reads one pipeline, the repository with its main branch, and one pipeline for it', async () => {
    const run = await h.provider.getRun(h.repo, IDS.failed);
    assert.equal(run.number, 2);
    assert.equal(run.title, 'default on feature/tax');
    // A branch pipeline names its branch once: "branches: main", not "branches: main on main".
    assert.equal((await h.provider.getRun(h.repo, IDS.passed)).title, 'branches: main');
    const repo = (await h.provider.getRepository(h.repo)).value;
    assert.equal(repo.defaultBranch, 'main');
    assert.equal(repo.webUrl, `${h.server.url}/acme/web`);
    const pipelines = (await h.provider.listPipelines(h.repo)).value;
    assert.deepEqual(pipelines.map((p) => [p.id, p.webUrl]), [['pipelines', `${h.server.url}/acme/web/pipelines`]]);
    // The repository is read once for both.
    assert.equal(paths().filter((p) => p === '/2.0/repositories/acme/web').length, 1);
  });

  it('merges the steps\' test reports into one report with the failed cases', async () => {
    const report = await h.provider.getTestReport(h.repo, IDS.failed);
    assert.deepEqual(report && { total: report.total, passed: report.passed, failed: report.failed, skipped: report.skipped }, { total: 4, passed: 2, failed: 1, skipped: 1 });
    assert.deepEqual(report?.suites, [{ name: 'Test', total: 4, failed: 1 }]);
    assert.deepEqual(report?.failures, [{ suite: 'Test', name: 'rounds half up', className: 'tax.test.ts > tax' }]);
    assert.equal(await h.provider.getTestReport(h.repo, IDS.passed), undefined);
  });

  it('lists branches (main branch first) but no tags (a run targets a branch), and reads bitbucket-pipelines.yml at a ref', async () => {
    const refs = await h.provider.listRefs(h.repo);
    assert.deepEqual(refs, { branches: ['main', 'feature/tax'], tags: [], defaultBranch: 'main' });
    const definition = await h.provider.getPipelineDefinition(h.repo, 'pipelines', 'feature/tax');
    assert.equal(definition.path, 'bitbucket-pipelines.yml');
    assert.match(definition.text, /custom:\n {4}deploy:/);
  });
});
