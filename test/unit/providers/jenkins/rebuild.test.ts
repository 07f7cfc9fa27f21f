/** Rebuild: replay where the build offers it, else the same parameters again; one POST each. */
import assert from 'node:assert/strict';
import type { RepoRef } from '../../../../src/core/model';
import { jenkinsDescriptor } from '../../../../src/providers/jenkins';
import { rebuildPlan } from '../../../../src/providers/jenkins/rebuild';
import { useFakeJenkins } from './fake';

describe('Jenkins rebuild', () => {
  const fake = useFakeJenkins();
  const repo = (): RepoRef => ({ provider: 'jenkins', host: fake.server.jenkinsUrl, slug: 'team/web' });

  it('is offered through the descriptor features', () => {
    assert.ok(jenkinsDescriptor.features.has('rerunRun'));
  });

  it('replays a Pipeline build (every WorkflowRun offers Replay), in one POST', async () => {
    await fake.make().rerunRun(repo(), 'feature%2Ftax#1');
    assert.deepEqual(fake.posts(), ['/jenkins/job/team/job/web/job/feature%252Ftax/1/replay/rebuild']);
    assert.equal(fake.server.state.build(['team', 'web', 'feature%2Ftax'], 2)?.replayOf, 1);
  });

  it('replays a Pipeline build with parameters too: Jenkins copies its parameters and revision', async () => {
    await fake.make().rerunRun(repo(), 'main#2');
    assert.deepEqual(fake.posts(), ['/jenkins/job/team/job/web/job/main/2/replay/rebuild']);
    assert.deepEqual(fake.server.state.build(['team', 'web', 'main'], 4)?.parameterValues, [{ name: 'TARGET', value: 'prod' }, { name: 'DRY_RUN', value: false }, { name: 'REGION', value: 'us' }]);
  });

  it('starts a freestyle job again with the parameter values the build ran with, following its queue item', async () => {
    const nightly = fake.server.state.job(['nightly']);
    const last = nightly?.builds[0];
    assert.ok(nightly && last);
    nightly.parameters.push({ _class: 'hudson.model.StringParameterDefinition', name: 'TARGET', type: 'StringParameterDefinition', defaultParameterValue: { value: 'staging' } });
    last.parameterValues = [{ name: 'TARGET', value: 'prod' }];
    fake.server.state.queue.splice(0);
    const created = await fake.make().rerunRun({ provider: 'jenkins', host: fake.server.jenkinsUrl, slug: 'nightly' }, '1');
    assert.equal(created.runId, '2');
    assert.deepEqual(fake.posts(), ['/jenkins/job/nightly/buildWithParameters?TARGET=prod']);
    assert.deepEqual(fake.server.state.build(['nightly'], 2)?.parameterValues, [{ name: 'TARGET', value: 'prod' }]);
  });

  it('never retries a failed rebuild', async () => {
    fake.server.inject({ method: 'POST', kind: 'status', status: 502, times: 5 });
    await assert.rejects(fake.make().rerunRun(repo(), 'main#2'));
    assert.equal(fake.posts().length, 1);
  });

  it('reads the plan from the build: replay for a WorkflowRun, and only plain parameter values', () => {
    const parameters = { _class: 'hudson.model.ParametersAction', parameters: [{ name: 'A', value: 'x' }, { name: 'SECRET' }, { name: 'N', value: 3 }] };
    assert.deepEqual(rebuildPlan({ _class: 'org.jenkinsci.plugins.workflow.job.WorkflowRun', actions: [{}, parameters] }), { replay: true, values: { A: 'x', N: 3 } });
    assert.deepEqual(rebuildPlan({ _class: 'hudson.model.FreeStyleBuild', actions: [{}] }), { replay: false, values: {} });
  });
});

describe('Jenkins refs', () => {
  const fake = useFakeJenkins();

  it('offers a multibranch project\'s branches, and the branches a plain job built', async () => {
    const provider = fake.make();
    const host = fake.server.jenkinsUrl;
    assert.deepEqual((await provider.listRefs({ provider: 'jenkins', host, slug: 'team/web' })).branches, ['main', 'feature/tax']);
    assert.deepEqual((await provider.listRefs({ provider: 'jenkins', host, slug: 'nightly' })).branches, ['main']);
  });
});
