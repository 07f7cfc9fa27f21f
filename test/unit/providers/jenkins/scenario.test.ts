/** The Jenkins part of the moving scenario, read through the provider: the demo branch's live build, its growing console, the input and the parameterized job. */
import assert from 'node:assert/strict';
import { nullLogger } from '../../../../src/core/ports';
import type { RepoRef } from '../../../../src/core/model';
import { JenkinsProvider } from '../../../../src/providers/jenkins';
import { ScenarioClock } from '../../../fakes/scenario/clock';
import { loadJenkinsDefinition, startJenkinsScenario, type JenkinsScenario } from '../../../fakes/scenario/jenkins';
import { instantClock } from '../gitlab/harness';

describe('Jenkins scenario', () => {
  let scenario: JenkinsScenario;
  let clock: ScenarioClock;
  let provider: JenkinsProvider;
  const repo = (slug: string): RepoRef => ({ provider: 'jenkins', host: scenario.url, slug });

  beforeEach(async () => {
    clock = new ScenarioClock({ start: 0, speed: 0 });
    scenario = await startJenkinsScenario(loadJenkinsDefinition(), clock);
    provider = new JenkinsProvider(scenario.url, { getToken: () => Promise.resolve(`${scenario.user}:${scenario.token}`), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, timeoutMs: 2000 });
  });
  afterEach(async () => {
    provider.dispose();
    await scenario.close();
  });

  it('finds the multibranch project from the demo remote and runs the demo branch live, its console growing', async () => {
    const matches = await provider.matchRemotes(['https://github.com/flowforge-demo/webshop.git']);
    // The deploy and release pipelines build the same repository: the remote finds them too.
    assert.deepEqual(matches.map((m) => m.repo.slug), ['flowforge-demo/webshop', 'flowforge-demo/deploy', 'flowforge-demo/release']);
    const web = repo('flowforge-demo/webshop');
    const runs = await provider.listRuns(web, { branch: 'feature/express-checkout' });
    assert.deepEqual(runs.value.items.map((r) => [r.id, r.state]), [['feature%2Fexpress-checkout#4', 'running'], ['feature%2Fexpress-checkout#3', 'failure']]);
    clock.advance(5);
    scenario.sync();
    const first = await provider.getJobLog(web, 'feature%2Fexpress-checkout#4@13', 0);
    assert.match(first.text, /\+ npm ci/);
    assert.equal(first.complete, false);
    clock.advance(50);
    scenario.sync();
    const rest = await provider.getJobLog(web, 'feature%2Fexpress-checkout#4@13', first.nextOffset);
    assert.match(rest.text, /12 passing/);
    assert.equal(rest.complete, true);
    assert.equal((await provider.getRun(web, 'feature%2Fexpress-checkout#4')).state, 'success');
  });

  it('proceeds the release input once, and the release then finishes', async () => {
    const release = repo('flowforge-demo/release');
    const form = await provider.unblockForm(release, '5', '5@13');
    assert.deepEqual(form.fields.map((f) => [f.name, f.default]), [['CHANGE_TICKET', 'CHG-1001']]);
    await provider.unblockJob(release, '5@13', { CHANGE_TICKET: 'CHG-2002' });
    scenario.sync();
    assert.equal((await provider.getRun(release, '5')).state, 'success');
    assert.deepEqual(scenario.mutations().map((m) => m.path.split('?')[0]), ['/jenkins/job/flowforge-demo/job/release/5/input/Production/proceed']);
  });

  it('shows both release builds waiting on input as action required, and aborts #4 once: it ends aborted', async () => {
    const release = repo('flowforge-demo/release');
    const runs = await provider.listRuns(release);
    assert.deepEqual(runs.value.items.map((r) => [r.id, r.state]), [['5', 'action_required'], ['4', 'action_required']]);
    await provider.rejectUnblock(release, '4@13');
    scenario.sync();
    assert.deepEqual(scenario.mutations().map((m) => m.path), ['/jenkins/job/flowforge-demo/job/release/4/input/Production/abort']);
    assert.deepEqual((await provider.listRuns(release)).value.items.map((r) => [r.id, r.state]), [['5', 'action_required'], ['4', 'cancelled']]);
  });

  it('loops: the next cycle starts the next build of the branch', async () => {
    clock.set(155);
    scenario.sync();
    const runs = await provider.listRuns(repo('flowforge-demo/webshop'), { branch: 'feature/express-checkout' });
    assert.deepEqual(runs.value.items.map((r) => [r.number, r.state]).slice(0, 2), [[4, 'success'], [3, 'failure']]);
    const looping = await startJenkinsScenario(loadJenkinsDefinition(), clock, { loop: true });
    try {
      const other = new JenkinsProvider(looping.url, { getToken: () => Promise.resolve(`${looping.user}:${looping.token}`), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, timeoutMs: 2000 });
      const looped = await other.listRuns({ provider: 'jenkins', host: looping.url, slug: 'flowforge-demo/webshop' }, { branch: 'feature/express-checkout' });
      assert.deepEqual(looped.value.items.map((r) => [r.number, r.state]).slice(0, 2), [[5, 'running'], [4, 'success']]);
      other.dispose();
    } finally {
      await looping.close();
    }
  });
});
