import assert from 'node:assert/strict';
import { ForbiddenError, RateLimitError, ValidationError } from '../../../../src/core/errors';
import { IDS, TOKENS } from '../../../fakes/azure/fixtures';
import { startHarness, type Harness } from './harness';

describe('azure actions, checks and rate limits', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const writes = (): string[] => h.server.stats.requests.filter((r) => r.method !== 'GET').map((r) => r.route);

  it('cancels a build with one PATCH', async () => {
    await h.provider.cancelRun(h.repo, '103');
    assert.equal(h.server.state.mustBuild(103).status, 'cancelling');
    assert.deepEqual(writes(), ['PATCH /{org}/{project}/_apis/build/builds/{buildId}']);
  });

  it('retries the failed stage of a build: its failed job runs again, the passed ones stay', async () => {
    await h.provider.rerunFailedJobs(h.repo, '102');
    const build = h.server.state.mustBuild(102);
    assert.equal(build.status, 'inProgress');
    assert.equal(build.records.find((r) => r.id === IDS.testJob)?.state, 'pending');
    assert.equal(build.records.find((r) => r.id === IDS.lintJob)?.state, 'completed');
    assert.deepEqual(writes(), ['PATCH /{org}/{project}/_apis/build/builds/{buildId}/stages/{stage}']);
    await assert.rejects(h.provider.rerunFailedJobs(h.repo, '101'), ValidationError);
  });

  it('runs a pipeline on a branch with its parameters and gives the new build', async () => {
    const created = await h.provider.createRun(h.repo, '12', { ref: 'main', inputs: { environment: 'production', dryRun: false } });
    assert.equal(created.runId, '202');
    assert.deepEqual(h.server.state.mustBuild(202).templateParameters, { environment: 'production', dryRun: 'false' });
    // The fake refuses a value outside the parameter's values, as Azure DevOps does.
    await assert.rejects(h.provider.createRun(h.repo, '12', { ref: 'main', inputs: { environment: 'moon' } }), ValidationError);
    assert.equal(writes().length, 2);
  });

  it('approves and rejects pending approvals with a comment', async () => {
    await h.provider.reviewPendingDeployments(h.repo, '104', [IDS.approval], 'rejected', 'Not on a Friday');
    const approval = h.server.state.approvals[0];
    assert.deepEqual([approval?.status, approval?.comment], ['rejected', 'Not on a Friday']);
    assert.deepEqual(await h.provider.listPendingDeployments(h.repo, '104'), []);
    assert.equal((await h.provider.getRun(h.repo, '104')).state, 'failure');
  });

  it('names the missing scope when a read-only token acts', async () => {
    const readOnly = await startHarness({}, TOKENS.readOnly);
    try {
      await assert.rejects(readOnly.provider.cancelRun(readOnly.repo, '103'), (error: unknown) => error instanceof ForbiddenError && error.missingScopes.includes('vso.build_execute'));
    } finally {
      await readOnly.close();
    }
  });

  it('turns timeline issues into checks and their file references into annotations', async () => {
    const checks = await h.provider.listChecks(h.repo, '', { runId: '102' });
    assert.deepEqual(checks.map((c) => [c.name, c.state, c.title, c.annotationsCount]), [
      ['Build › Lint › eslint', 'neutral', '1 warning', 1],
      ['Build › Test › npm test', 'failure', '2 errors', 1],
    ]);
    const annotations = await h.provider.listAnnotations(h.repo, checks[1]?.id ?? '');
    assert.deepEqual(annotations.map((a) => [a.path, a.startLine, a.level, a.message]), [['src/tax.ts', 12, 'failure', 'expected 0.2 to equal 0.25']]);
    const bySha = await h.provider.listChecks(h.repo, 'b2c3d4e5f60718293a4b5c6d7e8f901234567890');
    assert.equal(bySha.length, 2);
  });

  it('reads test runs and the failed results into a test report', async () => {
    const report = await h.provider.getTestReport(h.repo, '102');
    assert.deepEqual({ total: report?.total, passed: report?.passed, failed: report?.failed }, { total: 3, passed: 2, failed: 1 });
    assert.deepEqual(report?.failures.map((f) => [f.name, f.file, f.message]), [['rounds per line', 'src/tax.test.ts', 'expected 0.2 to equal 0.25']]);
    assert.equal(await h.provider.getTestReport(h.repo, '101'), undefined);
  });

  it('honours a Retry-After on a successful answer: later requests wait until then', async () => {
    await h.provider.getRepository(h.repo);
    // Azure DevOps delays a user's requests before it blocks them, and says so with Retry-After.
    h.server.inject({ kind: 'status', status: 200, route: 'GET /{org}/{project}/_apis/build/builds', headers: { 'retry-after': '30', 'x-ratelimit-resource': 'Build/User', 'x-ratelimit-delay': '2.5' }, body: { count: 0, value: [] } });
    await h.provider.listRuns(h.repo);
    const before = h.server.stats.count();
    await assert.rejects(h.provider.listJobs(h.repo, '102'), (error: unknown) => error instanceof RateLimitError && error.resetAt >= h.clock.now() + 29_000);
    assert.equal(h.server.stats.count(), before, 'nothing sent while paused');
    h.clock.advance(31_000);
    assert.equal((await h.provider.listJobs(h.repo, '102')).value.length, 2);
  });

  it('reports the X-RateLimit figures Azure DevOps sends', async () => {
    await h.provider.getRepository(h.repo);
    assert.equal(h.provider.rateLimit?.limit, 1000);
    assert.ok((h.provider.rateLimit?.remaining ?? 0) < 1000);
  });
});
