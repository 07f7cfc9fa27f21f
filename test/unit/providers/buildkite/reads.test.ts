import assert from 'node:assert/strict';
import { TOKENS } from '../../../fakes/buildkite/fixtures';
import { startHarness, type Harness } from './harness';
import { BuildkiteProvider } from '../../../../src/providers/buildkite';
import { nullLogger } from '../../../../src/core/ports';

const BUILDS = 'GET /v2/organizations/{org}/pipelines/{pipeline}/builds';
const PIPELINE = 'GET /v2/organizations/{org}/pipelines/{pipeline}';
const BUILD = 'GET /v2/organizations/{org}/pipelines/{pipeline}/builds/{number}';

describe('buildkite provider reads (fake server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('reads the pipeline once for repository and pipelines', async () => {
    const repository = await h.provider.getRepository(h.repo);
    assert.deepEqual(repository.value, { ref: h.repo, webUrl: `${h.server.url}/web/acme/web`, defaultBranch: 'main' });
    const pipelines = await h.provider.listPipelines(h.repo);
    assert.deepEqual(pipelines.value, [{ id: 'builds', name: 'Web', webUrl: `${h.server.url}/web/acme/web/builds` }]);
    assert.equal(h.server.stats.count(PIPELINE), 1);
    assert.equal(repository.changed, true);
    assert.equal((await h.provider.getRepository(h.repo)).changed, false);
  });

  it('lists builds newest first, sized per_page, filtered by branch, with a next page', async () => {
    await h.provider.getRepository(h.repo);
    const page = await h.provider.listRuns(h.repo, { perPage: 2 });
    assert.deepEqual(page.value.items.map((r) => [r.id, r.state, r.pipelineName]), [['3', 'running', 'Web'], ['2', 'failure', 'Web']]);
    assert.equal(page.value.hasMore, true);
    const query = new URL(h.server.stats.last(BUILDS)?.path ?? '', 'http://x').searchParams;
    assert.equal(query.get('per_page'), '2');
    assert.equal(query.get('exclude_pipeline'), 'true');
    const branch = await h.provider.listRuns(h.repo, { branch: 'feature/tax', perPage: 10 });
    assert.deepEqual(branch.value.items.map((r) => r.id), ['2']);
    assert.equal(branch.value.hasMore, false);
    assert.equal(new URL(h.server.stats.last(BUILDS)?.path ?? '', 'http://x').searchParams.get('branch'), 'feature/tax');
    const other = await h.provider.listRuns(h.repo, { pipelineId: 'nope' });
    assert.deepEqual(other.value.items, []);
  });

  it('cuts a branch listing from the recent builds of the same poll when they hold it all', async () => {
    const [recent, branch] = await Promise.all([h.provider.listRuns(h.repo, { perPage: 20 }), h.provider.listRuns(h.repo, { branch: 'main', perPage: 10 })]);
    assert.equal(recent.value.items.length, 3);
    assert.deepEqual(branch.value, { items: recent.value.items.filter((r) => r.branch === 'main'), hasMore: false });
    assert.equal(h.server.stats.count(BUILDS), 1);
    // Recent builds with a further page do not tell all of a branch: it is asked for.
    await Promise.all([h.provider.listRuns(h.repo, { perPage: 1 }), h.provider.listRuns(h.repo, { branch: 'main', perPage: 10 })]);
    assert.equal(h.server.stats.count(BUILDS), 3);
    // Seconds later the recent answer is too old to stand for the branch.
    h.clock.advance(6_000);
    await h.provider.listRuns(h.repo, { branch: 'main', perPage: 10 });
    assert.equal(h.server.stats.count(BUILDS), 4);
  });

  it('says unchanged when the same listing comes back the same', async () => {
    assert.equal((await h.provider.listRuns(h.repo, { perPage: 5 })).changed, true);
    assert.equal((await h.provider.listRuns(h.repo, { perPage: 5 })).changed, false);
    h.server.state.mustBuild('acme', 'web', 3).state = 'passed';
    assert.equal((await h.provider.listRuns(h.repo, { perPage: 5 })).changed, true);
  });

  it('serves jobs from the build list of the same poll, and fetches the build later', async () => {
    await h.provider.listRuns(h.repo, { perPage: 5 });
    const jobs = await h.provider.listJobs(h.repo, '3');
    assert.equal(h.server.stats.count(BUILD), 0);
    assert.deepEqual(jobs.value.map((j) => [j.name, j.state]), [[':hammer: Build', 'running'], [':rocket: Release?', 'action_required'], ['Deploy', 'success'], ['Deploy staging', 'queued']]);
    assert.deepEqual(jobs.value[2]?.downstream, { runId: '7', repoSlug: 'acme/deploy', webUrl: `${h.server.url}/web/acme/deploy/builds/7` });
    h.clock.advance(10_000);
    const later = await h.provider.listJobs(h.repo, '2');
    assert.equal(h.server.stats.count(BUILD), 1);
    assert.deepEqual(later.value.map((j) => [j.name, j.stage]), [[':eslint: Lint', 'checks'], [':jest: Test', 'checks'], ['Flaky', undefined]]);
    const run = await h.provider.getRun(h.repo, '2');
    assert.equal(run.title, 'Fix tax rounding');
  });

  it('checks a token: scopes, user name, missing write scope, bad token', async () => {
    const full = await h.provider.checkToken(TOKENS.full);
    assert.deepEqual(full, { login: 'Dana Dev', scopes: ['read_builds', 'read_pipelines', 'read_build_logs', 'read_artifacts', 'read_organizations', 'read_user', 'write_builds'], missingScopes: [] });
    const readOnly = await h.provider.checkToken(TOKENS.readOnly);
    assert.deepEqual(readOnly.missingScopes, ['write_builds']);
    assert.equal(readOnly.login, 'Dana Dev');
    await assert.rejects(h.provider.checkToken('bkua_wrongwrongwrongwrongwrong'), (e: Error) => e.name === 'AuthError' && !e.message.includes('bkua_wrong'));
    assert.equal(h.server.stats.last('GET /v2/access-token')?.headers.authorization, undefined, 'the log keeps no credentials');
  });

  it('records the server rate-limit headers (delta seconds)', async () => {
    await h.provider.listRuns(h.repo);
    const info = h.provider.rateLimit;
    assert.equal(info?.limit, 200);
    assert.equal(info?.remaining, 199);
    assert.equal(info?.resetAt, h.clock.now() + 60_000);
  });

  it('matches workspace remotes to pipelines by repository URL', async () => {
    const found = await h.provider.matchRemotes(['https://github.com/acme/web.git']);
    assert.deepEqual(found.map((m) => [m.repo.slug, m.remoteUrl]), [['acme/web', 'https://github.com/acme/web.git'], ['acme/deploy', 'https://github.com/acme/web.git']]);
    const limited = new BuildkiteProvider(h.provider.host, { getToken: () => Promise.resolve(TOKENS.full), logger: nullLogger }, { organizations: ['acme'] });
    assert.deepEqual((await limited.matchRemotes(['git@gitlab.com:other/api.git'])).map((m) => m.repo.slug), []);
    limited.dispose();
    assert.deepEqual((await h.provider.matchRemotes(['git@gitlab.com:other/api.git'])).map((m) => m.repo.slug), ['other/api']);
  });
});
