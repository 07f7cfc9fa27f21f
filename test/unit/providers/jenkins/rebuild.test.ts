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

  it('replays a Pipeline build that offers Replay, in one POST', async () => {
    await fake.make().rerunRun(repo(), 'feature%2Ftax#1');
    assert.deepEqual(fake.posts(), ['/jenkins/job/team/job/web/job/feature%252Ftax/1/replay/rebuild']);
    assert.equal(fake.server.state.build(['team', 'web', 'feature%2Ftax'], 2)?.replayOf, 1);
  });

  it('starts the job again with the parameter values the build ran with, following its queue item', async () => {
    const created = await fake.make().rerunRun(repo(), 'main#2');
    assert.equal(created.runId, 'main#4');
    assert.equal(fake.posts().length, 1);
    assert.match(fake.posts()[0] ?? '', /\/job\/main\/buildWithParameters\?TARGET=prod&DRY_RUN=false&REGION=us$/);
    assert.deepEqual(fake.server.state.build(['team', 'web', 'main'], 4)?.parameterValues, [{ name: 'TARGET', value: 'prod' }, { name: 'DRY_RUN', value: false }, { name: 'REGION', value: 'us' }]);
  });

  it('never retries a failed rebuild', async () => {
    fake.server.inject({ method: 'POST', kind: 'status', status: 502, times: 5 });
    await assert.rejects(fake.make().rerunRun(repo(), 'main#2'));
    assert.equal(fake.posts().length, 1);
  });

  it('reads the plan from the actions: Replay, and only plain parameter values', () => {
    const plan = rebuildPlan([{ _class: 'org.jenkinsci.plugins.workflow.cps.replay.ReplayAction' }, { _class: 'hudson.model.ParametersAction', parameters: [{ name: 'A', value: 'x' }, { name: 'SECRET' }, { name: 'N', value: 3 }] }]);
    assert.deepEqual(plan, { replay: true, values: { A: 'x', N: 3 } });
    assert.deepEqual(rebuildPlan([{}]), { replay: false, values: {} });
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
