/**
 * The Azure part of the moving scenario (test/fakes/scenario/azure.ts) read through the real
 * provider: a build moves notStarted -> inProgress (stages -> jobs -> tasks, the running task's log
 * tailed by startLine) -> succeeded; the failed build has its timeline issue with file and line and
 * its failing test; the release build waits for its approval; a cancelled build is canceled.
 */
import * as assert from 'node:assert/strict';
import { nullLogger } from '../../../../src/core/ports';
import type { RepoRef } from '../../../../src/core/model';
import { AzureProvider } from '../../../../src/providers/azure';
import { ScenarioClock } from '../../../fakes/scenario/clock';
import { loadAzureDefinition, startAzureScenario, type AzureScenario } from '../../../fakes/scenario/azure';

describe('Azure scenario through the provider', () => {
  let clock: ScenarioClock;
  let scenario: AzureScenario;
  let provider: AzureProvider;
  let repo: RepoRef;

  beforeEach(async () => {
    clock = new ScenarioClock({ start: 0, speed: 0 });
    scenario = await startAzureScenario(loadAzureDefinition(), clock);
    provider = new AzureProvider(scenario.url, { getToken: () => Promise.resolve(scenario.token), logger: nullLogger }, { retryDelayMs: 1, requestsPerMinute: 1000, organizations: [scenario.definition.organization] });
    repo = { provider: 'azure', host: scenario.url, slug: scenario.slug };
  });

  afterEach(async () => {
    provider.dispose();
    await scenario.close();
  });

  const advance = (seconds: number): void => {
    clock.advance(seconds);
    scenario.sync();
  };
  const runs = async (branch?: string) => (await provider.listRuns(repo, { ...(branch !== undefined ? { branch } : {}), perPage: 20 })).value.items;
  const run = async (id: number) => {
    const found = (await runs()).find((r) => r.number === id);
    assert.ok(found, `build ${id}`);
    return found;
  };

  it('finds the two pipelines and the builds of the repository', async () => {
    await provider.getRepository(repo);
    assert.deepEqual((await provider.listPipelines(repo)).value.map((p) => p.name).sort(), ['payments-api-ci', 'payments-api-deploy']);
    const states = Object.fromEntries((await runs()).map((r) => [r.number, r.state]));
    assert.deepEqual(states, { 401: 'success', 402: 'failure', 403: 'running', 404: 'queued' });
    assert.deepEqual((await runs('feature/refund-rounding')).map((r) => r.number).sort(), [402, 404]);
  });

  it('runs 404: stage -> jobs -> tasks from the timeline, the running task log tailed by startLine', async () => {
    const build = await run(404);
    advance(4 + 5 + 2 + 1); // queued 4 s, Lint 5 s, Test: Checkout 2 s, then npm ci running
    const jobs = (await provider.listJobs(repo, build.id)).value;
    assert.deepEqual(jobs.map((j) => [j.stage, j.name, j.state]), [['Build', 'Lint', 'success'], ['Build', 'Test', 'running']]);
    assert.deepEqual(jobs[1]?.steps?.map((s) => [s.name, s.state]), [['Checkout payments-api@feature', 'success'], ['npm ci', 'running'], ['npm test', 'queued']]);
    const test = jobs[1];
    assert.ok(test);
    const first = await provider.getJobLog(repo, test.id, 0);
    assert.match(first.text, /Syncing repository: payments-api/);
    assert.equal(first.complete, false);
    advance(8); // npm test running
    const rest = await provider.getJobLog(repo, test.id, first.nextOffset);
    assert.match(rest.text, /found 0 vulnerabilities/);
    assert.doesNotMatch(rest.text, /Syncing repository/, 'the tail repeats the finished task');
    assert.ok(scenario.logRequests().some((r) => /startLine=\d+/.test(r.path)), `log requests: ${JSON.stringify(scenario.logRequests())}`);
    advance(60);
    assert.equal((await provider.getRun(repo, build.id)).state, 'success');
  });

  it('has the timeline issue of 402 on src/payments/refund.ts:27 and its failing test', async () => {
    const build = await run(402);
    const checks = await provider.listChecks(repo, build.headSha, { runId: build.id });
    const all = [];
    for (const check of checks) all.push(...(await provider.listAnnotations(repo, check.id)));
    assert.ok(all.some((a) => a.path === 'src/payments/refund.ts' && a.startLine === 27 && a.level === 'failure'), `annotations: ${JSON.stringify(all)}`);
    const report = await provider.getTestReport(repo, build.id);
    assert.deepEqual(report?.failures.map((f) => f.name), ['rounds per line']);
  });

  it('has 403 waiting for its approval; approving sends one PATCH with the comment', async () => {
    const build = await run(403);
    const pending = await provider.listPendingDeployments(repo, build.id);
    assert.equal(pending.length, 1, JSON.stringify(pending));
    const before = scenario.mutations().length;
    await provider.reviewPendingDeployments(repo, build.id, [pending[0]?.environment.id ?? ''], 'approved', 'smoke tests green');
    const writes = scenario.mutations().slice(before);
    assert.equal(writes.length, 1);
    assert.deepEqual(writes[0]?.body, [{ approvalId: pending[0]?.environment.id, status: 'approved', comment: 'smoke tests green' }]);
    advance(1);
    assert.deepEqual(await provider.listPendingDeployments(repo, build.id), []);
    assert.equal((await provider.getRun(repo, build.id)).state, 'running', 'the Production stage runs once approved');
    advance(30);
    assert.equal((await provider.getRun(repo, build.id)).state, 'success');
    const deploy = (await provider.listJobs(repo, build.id)).value.find((j) => j.name === 'Deploy');
    assert.equal(deploy?.state, 'success');
  });

  it('cancels a running build: canceled on the next sync, and the scenario leaves it', async () => {
    advance(6);
    const build = await run(404);
    await provider.cancelRun(repo, build.id);
    advance(1);
    assert.equal((await provider.getRun(repo, build.id)).state, 'cancelled');
    advance(60);
    assert.equal((await provider.getRun(repo, build.id)).state, 'cancelled');
  });
});
