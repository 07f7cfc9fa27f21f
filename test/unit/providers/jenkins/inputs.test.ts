/** Jenkins input steps against the fake Jenkins: the paused stage as an unblock step, its typed form, one proceed POST. */
import assert from 'node:assert/strict';
import { ServerError } from '../../../../src/core/errors';
import type { RepoRef } from '../../../../src/core/model';
import { jenkinsDescriptor, type JenkinsProvider } from '../../../../src/providers/jenkins';
import { abortPath, mapPendingInput, proceedJson } from '../../../../src/providers/jenkins/inputs';
import { CREDENTIAL, PASSWORD_CREDENTIAL } from '../../../fakes/jenkins/fixtures';
import type { FakeJenkinsServer } from '../../../fakes/jenkins/server';
import { useFakeJenkins } from './fake';

describe('Jenkins input steps', () => {
  const fake = useFakeJenkins();
  let server: FakeJenkinsServer;
  let repo: RepoRef;
  const make = (credential = CREDENTIAL): JenkinsProvider => fake.make(credential);
  const input = () => server.state.build(['deploy'], 7)?.inputs?.[0];
  const posts = (): string[] => fake.posts();

  beforeEach(() => {
    server = fake.server;
    repo = { provider: 'jenkins', host: server.jenkinsUrl, slug: 'deploy' };
  });

  it('offers unblocking and aborting through the descriptor features', () => {
    assert.ok(jenkinsDescriptor.features.has('unblock'));
    assert.ok(jenkinsDescriptor.features.has('unblockReject'));
  });

  it('lists a build paused on input as action required, from the builds listing alone', async () => {
    const provider = make();
    server.stats.reset();
    const { value } = await provider.listRuns(repo);
    assert.deepEqual(value.items.map((r) => [r.id, r.state, r.rawStatus]), [['7', 'action_required', 'PAUSED_PENDING_INPUT']]);
    assert.ok(!server.stats.requests.some((r) => r.path.includes('wfapi')), 'the listing asks the Pipeline REST API per build');
    await provider.unblockJob(repo, '7@13', { VERSION: '1.5.0', NOTIFY: true });
    const after = await provider.listRuns(repo);
    assert.deepEqual(after.value.items.map((r) => [r.state, r.rawStatus]), [['running', 'BUILDING']]);
  });

  it('shows the stage paused on input as a manual step waiting for action', async () => {
    const { value } = await make().listJobs(repo, '7');
    assert.deepEqual(value.map((j) => [j.name, j.state, j.rawStatus, j.manual ?? false]), [['Build', 'success', 'SUCCESS', false], ['Approve', 'action_required', 'PAUSED_PENDING_INPUT', true]]);
  });

  it('reads the input parameters as a typed form', async () => {
    const form = await make().unblockForm(repo, '7', '7@13');
    assert.deepEqual(form.fields.map((f) => [f.name, f.kind, f.default]), [['VERSION', 'string', '1.4.2'], ['NOTIFY', 'boolean', false]]);
    assert.match(form.path, /Deploy to production\?/);
  });

  it('proceeds with the values entered in exactly one POST', async () => {
    await make().unblockJob(repo, '7@13', { VERSION: '1.5.0', NOTIFY: true });
    assert.equal(posts().length, 1);
    assert.match(posts()[0] ?? '', /^\/jenkins\/job\/deploy\/7\/input\/Release\/proceed\?json=/);
    assert.deepEqual(input()?.answer, { action: 'proceed', values: { VERSION: '1.5.0', NOTIFY: true } });
    const { value } = await make().listJobs(repo, '7');
    assert.equal(value[1]?.state, 'running');
  });

  it('sends the crumb with a password, and proceeds an input without parameters with proceedEmpty', async () => {
    const pending = input();
    assert.ok(pending);
    server.state.build(['deploy'], 7)?.inputs?.splice(0, 1, { ...pending, parameters: [] });
    await make(PASSWORD_CREDENTIAL).unblockJob(repo, '7@13', {});
    assert.deepEqual(posts(), ['/jenkins/job/deploy/7/input/Release/proceedEmpty']);
    assert.equal(server.state.build(['deploy'], 7)?.inputs?.[0]?.answer?.action, 'proceed');
  });

  it('never retries a failed proceed', async () => {
    server.inject({ method: 'POST', kind: 'status', status: 503, times: 3 });
    await assert.rejects(make().unblockJob(repo, '7@13', { VERSION: '1.5.0', NOTIFY: false }), ServerError);
    assert.equal(posts().length, 1);
    assert.equal(input()?.answer, undefined);
  });

  it('aborts with exactly one POST to the input\'s abortUrl: the build ends aborted', async () => {
    await make().rejectUnblock(repo, '7@13');
    assert.deepEqual(posts(), ['/jenkins/job/deploy/7/input/Release/abort']);
    assert.equal(input()?.answer?.action, 'abort');
    const run = await make().getRun(repo, '7');
    assert.deepEqual([run.state, run.rawStatus], ['cancelled', 'ABORTED']);
  });

  it('sends the crumb with the abort when signed in with a password', async () => {
    await make(PASSWORD_CREDENTIAL).rejectUnblock(repo, '7@13');
    assert.deepEqual(posts(), ['/jenkins/job/deploy/7/input/Release/abort']);
    assert.equal(input()?.answer?.action, 'abort');
  });

  it('never retries a failed abort', async () => {
    server.inject({ method: 'POST', kind: 'status', status: 502, times: 3 });
    await assert.rejects(make().rejectUnblock(repo, '7@13'), ServerError);
    assert.equal(posts().length, 1);
    assert.equal(input()?.answer, undefined);
  });

  it('posts the abortUrl only below the server\'s own path, else the input\'s abort action', () => {
    const host = 'https://ci.example.com/jenkins';
    const pending = (abortUrl?: string) => ({ id: 'Release', message: 'Go?', proceedText: 'Go', fields: [], ...(abortUrl !== undefined ? { abortUrl } : {}) });
    assert.equal(abortPath(host, '/job/deploy/7', pending('/jenkins/job/deploy/7/input/Release/abort')), '/job/deploy/7/input/Release/abort');
    for (const foreign of ['https://evil.example.com/jenkins/job/deploy/7/input/Release/abort', '/other/job/deploy/7/input/Release/abort', '/jenkins/job/deploy/8/input/Release/abort', '/jenkins/job/deploy/7/input/Release/proceed', '/jenkins/job/deploy/7/input/Release/abort?x=1', undefined]) {
      assert.equal(abortPath(host, '/job/deploy/7', pending(foreign)), '/job/deploy/7/input/Release/abort', String(foreign));
    }
  });

  it('says so when the build no longer waits', async () => {
    await make().unblockJob(repo, '7@13', { VERSION: '1', NOTIFY: false });
    await assert.rejects(make().unblockForm(repo, '7', '7@13'), /not waiting for input/);
  });

  it('is served by the fake in the plugins\' shape (PendingInputActionsExt, InputParameterDefExt, InputAction)', async () => {
    const auth = { authorization: `Basic ${Buffer.from(CREDENTIAL).toString('base64')}` };
    const pending = (await (await fetch(`${server.jenkinsUrl}/job/deploy/7/wfapi/pendingInputActions`, { headers: auth })).json()) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(pending[0] ?? {}).sort(), ['abortUrl', 'id', 'inputs', 'message', 'proceedText', 'proceedUrl', 'redirectApprovalUrl']);
    assert.equal(pending[0]?.abortUrl, '/jenkins/job/deploy/7/input/Release/abort');
    assert.deepEqual(pending[0]?.inputs, [
      { type: 'StringParameterDefinition', name: 'VERSION', description: 'Version to release', definition: { defaultVal: '1.4.2' } },
      { type: 'BooleanParameterDefinition', name: 'NOTIFY', definition: { defaultVal: false } },
    ]);
    const build = (await (await fetch(`${server.jenkinsUrl}/job/deploy/7/api/json`, { headers: auth })).json()) as { _class: string; actions: Record<string, unknown>[] };
    assert.equal(build._class, 'org.jenkinsci.plugins.workflow.job.WorkflowRun');
    assert.ok(build.actions.some((a) => a._class === 'org.jenkinsci.plugins.workflow.support.steps.input.InputAction' && a.waitingForInput === true));
    assert.ok(!build.actions.some((a) => /ReplayAction/.test(String(a._class))), 'ReplayAction is no exported bean: it shows as {}');
  });

  it('maps the plugin shape (InputParameterDefExt: definition.defaultVal, definition.choices), unnamed ones left out', () => {
    const mapped = mapPendingInput({ id: 'Go', message: 'Go?', inputs: [{ type: 'ChoiceParameterDefinition', name: 'ENV', definition: { defaultVal: 'b', choices: ['a', 'b'] } }, { type: 'BooleanParameterDefinition', name: 'NOTIFY', definition: { defaultVal: true } }, { type: 'StringParameterDefinition' }], abortUrl: '/job/x/1/input/Go/abort' });
    assert.deepEqual(mapped?.fields.map((f) => [f.name, f.kind, f.options, f.default]), [['ENV', 'choice', ['a', 'b'], 'b'], ['NOTIFY', 'boolean', undefined, true]]);
    assert.equal(mapped?.abortUrl, '/job/x/1/input/Go/abort');
    assert.equal(mapped && proceedJson(mapped, { ENV: 'b', OTHER: 'x' }), '{"parameter":[{"name":"ENV","value":"b"}]}');
    assert.equal(mapPendingInput({ message: 'no id' }), undefined);
  });
});
