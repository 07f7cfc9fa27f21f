/**
 * The Bitbucket part of the moving scenario (test/fakes/scenario/bitbucket.ts) read through the real
 * provider: pipelines move pending -> running (a step log growing, tailed by Range) -> done; the
 * failed pipeline has its failing test case; the release pipeline is paused at its manual step; a
 * stopped pipeline stays stopped.
 */
import * as assert from 'node:assert/strict';
import { nullLogger } from '../../../../src/core/ports';
import type { RepoRef } from '../../../../src/core/model';
import { BitbucketProvider } from '../../../../src/providers/bitbucket';
import { ScenarioClock } from '../../../fakes/scenario/clock';
import { loadBitbucketDefinition, startBitbucketScenario, type BitbucketScenario } from '../../../fakes/scenario/bitbucket';

describe('Bitbucket scenario through the provider', () => {
  let clock: ScenarioClock;
  let scenario: BitbucketScenario;
  let provider: BitbucketProvider;
  let repo: RepoRef;

  beforeEach(async () => {
    clock = new ScenarioClock({ start: 0, speed: 0 });
    scenario = await startBitbucketScenario(loadBitbucketDefinition(), clock);
    const { email, token } = scenario.definition.account;
    provider = new BitbucketProvider(scenario.apiUrl, { getToken: () => Promise.resolve(`${email}:${token}`), logger: nullLogger }, { retryDelayMs: 1, requestsPerMinute: 1000 });
    repo = { provider: 'bitbucket', host: scenario.apiUrl, slug: scenario.slug };
  });

  afterEach(async () => {
    provider.dispose();
    await scenario.close();
  });

  const runs = async (branch?: string) => (await provider.listRuns(repo, { ...(branch !== undefined ? { branch } : {}), perPage: 20 })).value.items;
  const advance = (seconds: number): void => {
    clock.advance(seconds);
    scenario.sync();
  };

  it('lists the history with a failed, a paused and a pending pipeline at 0', async () => {
    const all = await runs();
    const byNumber = new Map(all.map((r) => [r.number, r]));
    assert.deepEqual([...byNumber.keys()].sort(), [30, 31, 32, 33]);
    assert.equal(byNumber.get(30)?.state, 'success');
    assert.equal(byNumber.get(31)?.state, 'failure');
    assert.equal(byNumber.get(32)?.state, 'action_required');
    assert.equal(byNumber.get(33)?.state, 'queued');
    assert.deepEqual((await runs('feature/express-checkout')).map((r) => r.number).sort(), [31, 33]);
  });

  it('runs #33: its Build step log grows and is tailed by byte range, then the pipeline passes', async () => {
    const run = (await runs()).find((r) => r.number === 33);
    assert.ok(run);
    advance(6); // 2 s into Build
    const jobs = (await provider.listJobs(repo, run.id)).value;
    assert.deepEqual(jobs.map((j) => [j.name, j.state]), [['Build', 'running'], ['Unit tests', 'queued']]);
    const build = jobs[0];
    assert.ok(build);
    const first = await provider.getJobLog(repo, build.id, 0);
    assert.equal(first.complete, false);
    assert.match(first.text, /git clone/);
    assert.doesNotMatch(first.text, /built in/);
    advance(10); // Build done, Unit tests running
    const rest = await provider.getJobLog(repo, build.id, first.nextOffset);
    assert.match(rest.text, /✓ built in 3\.88s/);
    assert.doesNotMatch(rest.text, /git clone/, 'the tail repeats what was read');
    const ranges = scenario.logRequests().map((r) => r.range ?? '');
    assert.deepEqual(ranges.slice(-1), [`bytes=${first.nextOffset}-`]);
    advance(60);
    assert.equal((await provider.getRun(repo, run.id)).state, 'success');
  });

  it('has the failing test case of #31 in its test report', async () => {
    const run = (await runs()).find((r) => r.number === 31);
    assert.ok(run);
    const report = await provider.getTestReport(repo, run.id);
    assert.equal(report?.failed, 1);
    assert.deepEqual(report?.failures.map((f) => f.name), ['shows the total on the button']);
  });

  it('keeps a stopped pipeline stopped while the scenario moves on', async () => {
    advance(6);
    const run = (await runs()).find((r) => r.number === 33);
    assert.ok(run);
    await provider.cancelRun(repo, run.id);
    advance(60);
    assert.equal((await provider.getRun(repo, run.id)).state, 'cancelled');
    assert.deepEqual(scenario.mutations().map((m) => m.route), ['POST /2.0/repositories/{workspace}/{repo_slug}/pipelines/{pipeline_uuid}/stopPipeline']);
  });

  it('loops in the demo: the live pipeline comes again with the next number', async () => {
    await scenario.close();
    scenario = await startBitbucketScenario(loadBitbucketDefinition(), clock, { loop: true });
    provider.dispose();
    const { email, token } = scenario.definition.account;
    provider = new BitbucketProvider(scenario.apiUrl, { getToken: () => Promise.resolve(`${email}:${token}`), logger: nullLogger }, { retryDelayMs: 1, requestsPerMinute: 1000 });
    repo = { provider: 'bitbucket', host: scenario.apiUrl, slug: scenario.slug };
    advance(scenario.definition.loopSeconds + 1);
    const numbers = (await runs()).map((r) => r.number);
    assert.ok(numbers.includes(34), `numbers: ${JSON.stringify(numbers)}`);
    assert.equal((await runs()).find((r) => r.number === 33)?.state, 'success');
  });
});
