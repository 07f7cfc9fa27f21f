/** The Jenkins provider against the fake Jenkins (test/fakes/jenkins): mapping, cheap polling, console tail, crumb, forms, errors. */
import assert from 'node:assert/strict';
import { AuthError } from '../../../../src/core/errors';
import { nullLogger } from '../../../../src/core/ports';
import type { RepoRef } from '../../../../src/core/model';
import { jenkinsDescriptor, JenkinsProvider } from '../../../../src/providers/jenkins';
import { CREDENTIAL, PASSWORD_CREDENTIAL, REMOTE, sampleState } from '../../../fakes/jenkins/fixtures';
import { FakeJenkinsServer } from '../../../fakes/jenkins/server';
import { instantClock } from '../gitlab/harness';

describe('Jenkins provider', () => {
  let server: FakeJenkinsServer;
  let repo: RepoRef;
  const providers: JenkinsProvider[] = [];
  const make = (credential: string | null = CREDENTIAL): JenkinsProvider => {
    const provider = new JenkinsProvider(server.jenkinsUrl, { getToken: () => Promise.resolve(credential ?? undefined), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, timeoutMs: 2000 });
    providers.push(provider);
    return provider;
  };

  beforeEach(async () => {
    server = new FakeJenkinsServer({ state: sampleState() });
    await server.start();
    repo = { provider: 'jenkins', host: server.jenkinsUrl, slug: 'team/web' };
  });
  afterEach(async () => {
    providers.splice(0).forEach((p) => p.dispose());
    await server.close();
  });

  it('maps the current branch to its multibranch child job (URL-encoded) below the path prefix', async () => {
    const { value } = await make().listRuns(repo, { branch: 'feature/tax' });
    assert.deepEqual(value.items.map((r) => [r.id, r.branch, r.state, r.rawStatus]), [['feature%2Ftax#1', 'feature/tax', 'failure', 'UNSTABLE']]);
    assert.ok(server.stats.requests.some((r) => r.path.startsWith('/jenkins/job/team/job/web/job/feature%252Ftax/api/json')), JSON.stringify(server.stats.requests.map((r) => r.path)));
  });

  it('polls a multibranch project with one tree= request for every branch', async () => {
    const provider = make();
    await provider.listRuns(repo);
    server.stats.reset();
    const { value } = await provider.listRuns(repo);
    assert.equal(server.stats.requests.length, 1);
    assert.match(server.stats.requests[0]?.path ?? '', /tree=jobs%5Bname%2Curl%2CinQueue%2CnextBuildNumber%2Cbuilds%5B/);
    assert.deepEqual(value.items.map((r) => r.id), ['main#3', 'main#2', 'feature%2Ftax#1', 'main#1']);
    assert.equal(value.items[0]?.actor, 'Jane Doe');
  });

  it('tails a running console with progressiveText, without console notes', async () => {
    const provider = make();
    const first = await provider.getJobLog(repo, 'main#3@13', 0);
    assert.equal(first.complete, false);
    assert.ok(!first.text.includes('ha:'), JSON.stringify(first.text));
    assert.ok(first.text.includes('Running tests...'));
    const build = server.state.build(['team', 'web', 'main'], 3);
    assert.ok(build);
    build.console += 'more output\n';
    const next = await provider.getJobLog(repo, 'main#3@13', first.nextOffset);
    assert.equal(next.text, 'more output\n');
    build.building = false;
    build.result = 'SUCCESS';
    const last = await provider.getJobLog(repo, 'main#3@13', next.nextOffset);
    assert.deepEqual([last.text, last.complete], ['', true]);
  });

  it('asks the crumb once per session and sends it with POSTs signed in with a password', async () => {
    const provider = make(PASSWORD_CREDENTIAL);
    await provider.cancelRun(repo, 'main#3');
    await provider.cancelRun(repo, 'main#3', { force: true });
    const crumbs = server.stats.requests.filter((r) => r.path.startsWith('/jenkins/crumbIssuer'));
    assert.equal(crumbs.length, 1);
    assert.deepEqual(server.state.build(['team', 'web', 'main'], 3)?.stops, ['stop', 'term']);
  });

  it('force-cancels with term first and kill when the build was already terminated, one POST each', async () => {
    const provider = make();
    await provider.cancelRun(repo, 'main#3', { force: true });
    await provider.cancelRun(repo, 'main#3', { force: true });
    const posts = server.stats.requests.filter((r) => r.method === 'POST').map((r) => r.path.replace(/^.*\//, ''));
    assert.deepEqual(posts, ['term', 'kill']);
    assert.deepEqual(server.state.build(['team', 'web', 'main'], 3)?.stops, ['term', 'kill']);
  });

  it('builds with parameters from the typed form of the job', async () => {
    const provider = make();
    const definition = await provider.getPipelineDefinition(repo, 'main', 'main');
    const form = jenkinsDescriptor.dispatch?.parseForm(definition.text, definition.path);
    assert.deepEqual(form?.fields.map((f) => [f.name, f.kind, f.default]), [['TARGET', 'string', 'staging'], ['DRY_RUN', 'boolean', true], ['REGION', 'choice', 'eu'], ['SECRET', 'string', undefined]]);
    const created = await provider.createRun(repo, 'main', { ref: 'main', inputs: { TARGET: 'prod', DRY_RUN: false } });
    assert.equal(created.runId, 'main#4');
    const post = server.stats.requests.filter((r) => r.method === 'POST');
    assert.equal(post.length, 1);
    assert.match(post[0]?.path ?? '', /buildWithParameters\?TARGET=prod&DRY_RUN=false$/);
  });

  it('asks for sign-in when anonymous read is denied (403), and reads anonymously where allowed', async () => {
    await assert.rejects(make(null).listRuns(repo), AuthError);
    server.state.anonymousRead = true;
    const { value } = await make(null).listRuns(repo);
    assert.equal(value.items.length, 4);
  });

  it('matches a workspace remote to the multibranch project that builds it', async () => {
    const matches = await make().matchRemotes(['git@github.com:acme/web.git']);
    // The multibranch project (not its branch jobs) and the freestyle job that builds the same repository.
    assert.deepEqual(matches.map((m) => [m.repo.slug, m.remoteUrl]), [['team/web', 'git@github.com:acme/web.git'], ['nightly', 'git@github.com:acme/web.git']]);
    assert.equal(server.stats.requests.length, 1, REMOTE);
  });

  it('falls back to a Console job when the Pipeline REST API is missing (freestyle)', async () => {
    const { value } = await make().listJobs({ ...repo, slug: 'nightly' }, '1');
    assert.deepEqual(value.map((j) => [j.id, j.name, j.state]), [['1@console', 'Console', 'success']]);
  });
});
