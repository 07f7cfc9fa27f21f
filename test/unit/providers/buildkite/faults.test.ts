import assert from 'node:assert/strict';
import { startHarness, type Harness } from './harness';

const BUILDS = 'GET /v2/organizations/{org}/pipelines/{pipeline}/builds';

describe('buildkite provider faults (fake server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ timeoutMs: 400 });
  });
  afterEach(() => h.close());

  const cases: readonly [string, Parameters<Harness['server']['inject']>[0], string][] = [
    ['401', { kind: 'status', status: 401 }, 'AuthError'],
    ['403', { kind: 'status', status: 403, body: { message: 'Your access token does not have the read_builds scope' } }, 'ForbiddenError'],
    ['404', { kind: 'status', status: 404 }, 'NotFoundError'],
    ['410', { kind: 'status', status: 410 }, 'GoneError'],
    ['422', { kind: 'status', status: 422, body: { message: 'Validation Failed' } }, 'ValidationError'],
    ['429', { kind: 'status', status: 429, headers: { 'ratelimit-reset': '30', 'ratelimit-remaining': '0', 'ratelimit-limit': '200' } }, 'RateLimitError'],
    ['500', { kind: 'status', status: 500, times: 3 }, 'ServerError'],
    ['HTML with 200', { kind: 'html' }, 'UnexpectedResponseError'],
    ['truncated JSON', { kind: 'truncated' }, 'UnexpectedResponseError'],
    ['wrong shape', { kind: 'wrongShape', body: { builds: [] } }, 'UnexpectedResponseError'],
    ['stall after headers', { kind: 'stall' }, 'HttpNetworkError'],
    ['reset', { kind: 'reset', times: 3 }, 'HttpNetworkError'],
  ];
  for (const [name, rule, error] of cases) {
    it(`${name} -> ${error}`, async () => {
      h.server.inject({ ...rule, route: BUILDS });
      await assert.rejects(h.provider.listRuns(h.repo), (e: Error) => {
        assert.equal(e.name, error, e.message);
        return true;
      });
    });
  }

  it('names the missing scope of a 403', async () => {
    h.server.inject({ kind: 'status', status: 403, body: { message: 'Your access token does not have the read_builds scope' }, route: BUILDS });
    await assert.rejects(h.provider.listRuns(h.repo), (e: Error & { missingScopes?: readonly string[] }) => {
      assert.deepEqual(e.missingScopes, ['read_builds']);
      return true;
    });
  });

  it('retries a GET after a 502 and reads the answer', async () => {
    h.server.inject({ kind: 'status', status: 502, route: BUILDS });
    const page = await h.provider.listRuns(h.repo);
    assert.equal(page.value.items.length, 3);
    assert.equal(h.server.stats.count(BUILDS), 2);
  });

  it('a 429 pauses the organization budget until RateLimit-Reset', async () => {
    h.server.inject({ kind: 'status', status: 429, headers: { 'ratelimit-reset': '40', 'ratelimit-remaining': '0', 'ratelimit-limit': '200' }, route: BUILDS });
    await assert.rejects(h.provider.listRuns(h.repo), { name: 'RateLimitError' });
    const before = h.server.stats.count();
    await assert.rejects(h.provider.getRepository(h.repo), { name: 'RateLimitError' });
    assert.equal(h.server.stats.count(), before, 'nothing sent while paused');
    h.clock.advance(41_000);
    await h.provider.getRepository(h.repo);
  });

  it('answers 429 itself once the 200 requests of a minute are spent', async () => {
    h.server.budget.exhaust('acme');
    await assert.rejects(h.provider.listRuns(h.repo), (e: Error & { resetAt?: number }) => {
      assert.equal(e.name, 'RateLimitError');
      assert.equal(e.resetAt, h.clock.now() + 60_000);
      return true;
    });
  });

  it('says AuthError without sending anything when there is no token', async () => {
    const anonymous = await startHarness({}, null);
    try {
      await assert.rejects(anonymous.provider.listRuns(anonymous.repo), { name: 'AuthError' });
      assert.equal(anonymous.server.stats.count(), 0);
    } finally {
      await anonymous.close();
    }
  });
});
