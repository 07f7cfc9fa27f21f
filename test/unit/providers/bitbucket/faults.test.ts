import assert from 'node:assert/strict';
import { startHarness, type Harness } from './harness';

describe('bitbucket faults and rate limits', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('reports the hourly budget from X-RateLimit-*', async () => {
    h = await startHarness();
    await h.provider.listRuns(h.repo);
    assert.equal(h.provider.rateLimit?.limit, 1000);
    assert.equal(h.provider.rateLimit?.remaining, 999);
  });

  it('a 429 pauses the budget until Retry-After: nothing is sent meanwhile', async () => {
    h = await startHarness();
    h.server.inject({ kind: 'status', status: 429, headers: { 'retry-after': '40' } });
    await assert.rejects(h.provider.listRuns(h.repo), { kind: 'rate_limit' });
    const before = h.server.stats.requests.length;
    await assert.rejects(h.provider.getRepository(h.repo), { kind: 'rate_limit' });
    assert.equal(h.server.stats.requests.length, before, 'nothing sent while paused');
    h.clock.advance(41_000);
    assert.equal((await h.provider.listRuns(h.repo)).value.items.length, 4);
  });

  it('fails fast with RateLimitError once the hour is spent', async () => {
    h = await startHarness({}, undefined, { limitPerHour: 2 });
    await h.provider.listRuns(h.repo);
    await h.provider.listRuns(h.repo);
    await assert.rejects(h.provider.listRuns(h.repo), { kind: 'rate_limit' });
  });

  it('refuses an HTML login page and a listing of the wrong shape', async () => {
    h = await startHarness();
    h.server.inject({ kind: 'html' });
    await assert.rejects(h.provider.listRuns(h.repo), { kind: 'server' });
    h.server.inject({ kind: 'wrongShape', body: { unexpected: 'shape' } });
    await assert.rejects(h.provider.listRuns(h.repo, { branch: 'x' }), { kind: 'server' });
  });
});
