import assert from 'node:assert/strict';
import { IDS, REPO_ID } from '../../../fakes/azure/fixtures';
import { startHarness, type Harness } from './harness';

describe('azure provider reads (fake Azure DevOps)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const paths = (): string[] => h.server.stats.requests.map((r) => r.path);

  it('lists the pipelines that build the repository (not those of another repository)', async () => {
    const repo = await h.provider.getRepository(h.repo);
    assert.equal(repo.value.defaultBranch, 'main');
    assert.match(repo.value.webUrl, /\/acme\/web\/_git\/web$/);
    const { value } = await h.provider.listPipelines(h.repo);
    assert.deepEqual(value.map((p) => [p.id, p.name, p.path]), [['11', 'web-ci', 'azure-pipelines.yml'], ['12', 'web-deploy', 'deploy.yml']]);
    await h.provider.listRuns(h.repo);
    // One definitions listing serves the repository, its pipelines and the build filter (cached for 10 minutes).
    assert.equal(h.server.stats.count('GET /{org}/{project}/_apis/build/definitions'), 1);
  });

  it('lists builds of the repository with result, reason, requested-for and source version, newest first', async () => {
    const { value } = await h.provider.listRuns(h.repo, { perPage: 50 });
    assert.deepEqual(value.items.map((r) => r.id), ['104', '103', '102', '101']);
    const failed = value.items.find((r) => r.id === '102');
    assert.deepEqual(
      { state: failed?.state, raw: failed?.rawStatus, event: failed?.event, actor: failed?.actor, sha: failed?.headSha, branch: failed?.branch, title: failed?.title, pipeline: failed?.pipelineName },
      { state: 'failure', raw: 'failed', event: 'individualCI', actor: 'Dana Dev', sha: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890', branch: 'feature/tax', title: 'Round tax per line', pipeline: 'web-ci' },
    );
    const listing = paths().find((p) => p.includes('/build/builds?')) ?? '';
    assert.match(listing, new RegExp(`repositoryId=${REPO_ID}`));
    assert.match(listing, /repositoryType=TfsGit/);
    assert.match(listing, /api-version=7\.1/);
  });

  it('asks for the current branch as refs/heads/… and for one pipeline by definitions=', async () => {
    const branch = await h.provider.listRuns(h.repo, { branch: 'feature/tax' });
    assert.deepEqual(branch.value.items.map((r) => r.id), ['102']);
    assert.ok(paths().some((p) => p.includes('branchName=refs%2Fheads%2Ffeature%2Ftax')), paths().join('\n'));
    const deploy = await h.provider.listRuns(h.repo, { pipelineId: '12' });
    assert.deepEqual(deploy.value.items.map((r) => r.id), ['104']);
  });

  it('pages by continuation token: page 2 sends the token page 1 ended with, page 3 walks there once', async () => {
    const first = await h.provider.listRuns(h.repo, { perPage: 1, page: 1 });
    assert.equal(first.value.hasMore, true);
    const second = await h.provider.listRuns(h.repo, { perPage: 1, page: 2 });
    assert.deepEqual(second.value.items.map((r) => r.id), ['103']);
    assert.ok(paths().some((p) => p.includes('continuationToken=1')));
    const fresh = await startHarness();
    try {
      const third = await fresh.provider.listRuns(fresh.repo, { perPage: 1, page: 3 });
      assert.deepEqual(third.value.items.map((r) => r.id), ['102']);
      assert.equal(fresh.server.stats.count('GET /{org}/{project}/_apis/build/builds'), 3);
    } finally {
      await fresh.close();
    }
  });

  it('maps the timeline to jobs in stage order with their tasks as steps', async () => {
    const { value } = await h.provider.listJobs(h.repo, '102');
    assert.deepEqual(value.map((j) => [j.id, j.name, j.stage, j.state]), [
      [`102.${IDS.lintJob}`, 'Lint', 'Build', 'neutral'],
      [`102.${IDS.testJob}`, 'Test', 'Build', 'failure'],
    ]);
    assert.deepEqual(value[1]?.steps.map((s) => [s.number, s.name, s.state]), [[1, 'Checkout', 'success'], [2, 'npm test', 'failure']]);
  });

  it('asks a running build only for the timeline records changed since its changeId', async () => {
    await h.provider.listJobs(h.repo, '103');
    const build = h.server.state.mustBuild(103);
    const task = build.records.find((r) => r.id === IDS.compileTask);
    assert.ok(task);
    h.server.state.touch(build, task, { state: 'completed', result: 'succeeded' });
    const { value } = await h.provider.listJobs(h.repo, '103');
    assert.equal(value[0]?.steps[1]?.state, 'success');
    const timelines = h.server.stats.requests.filter((r) => r.route.endsWith('/timeline/{timelineId}'));
    assert.equal(timelines.length, 2);
    assert.doesNotMatch(timelines[0]?.path ?? '', /changeId/);
    assert.match(timelines[1]?.path ?? '', new RegExp(`changeId=${build.changeId - 1}\\b`));
  });

  it('marks a running build that waits for an approval as action required once its timeline was read', async () => {
    await h.provider.listJobs(h.repo, '104');
    const run = (await h.provider.listRuns(h.repo)).value.items.find((r) => r.id === '104');
    assert.equal(run?.state, 'action_required');
    assert.equal(run?.rawStatus, 'waiting for approval');
  });

  it('gives an empty listing for a repository no pipeline builds', async () => {
    const other = { ...h.repo, slug: 'acme/web/docs' };
    const { value } = await h.provider.listRuns(other);
    assert.deepEqual(value.items, []);
    assert.deepEqual((await h.provider.listPipelines(other)).value, []);
  });

  it('checks a token with the connection data endpoint and names the user', async () => {
    await h.provider.getRepository(h.repo);
    const check = await h.provider.checkToken('fakepat7read2abcdefghijklmnopqrstuvwxyz234567abcdefg');
    assert.equal(check.login, 'Dana Dev');
    assert.ok(paths().some((p) => p === '/acme/_apis/connectionData'), paths().join('\n'));
  });
});
