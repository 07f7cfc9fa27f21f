import assert from 'node:assert/strict';
import {
  AuthError,
  CancelledError,
  ForbiddenError,
  GoneError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ServerError,
  ValidationError,
} from '../../../../src/core/errors';
import { SAMPLE_TOKEN } from '../../../fakes/github/sample';
import { startHarness, type Harness } from './harness';

const RUNS = 'GET /repos/{owner}/{repo}/actions/runs';

describe('github provider errors (fake server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ timeoutMs: 300 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('maps 401 to AuthError without leaking the token', async () => {
    h.token = 'ghp_wrongToken';
    await assert.rejects(h.provider.listRuns(h.repo), (error: Error) => error instanceof AuthError && !error.message.includes('ghp_wrongToken'));
  });

  it('maps a 403 naming the missing scopes to ForbiddenError', async () => {
    h.server.faults.add({ route: RUNS, status: 403, headers: { 'x-oauth-scopes': 'public_repo', 'x-accepted-oauth-scopes': 'repo' }, body: { message: 'Resource not accessible by integration' } });
    await assert.rejects(h.provider.listRuns(h.repo), (error: Error) => error instanceof ForbiddenError && error.missingScopes.join() === 'repo' && error.message.includes('"repo"'));
  });

  it('maps an exhausted primary rate limit to RateLimitError with the reset time, without waiting for it', async () => {
    h.server.rateLimits.setRemaining('octocat', 0);
    const reset = h.server.rateLimits.snapshot('octocat').reset;
    await assert.rejects(h.provider.listRuns(h.repo), (error: Error) => error instanceof RateLimitError && error.resetAt === reset * 1000);
    assert.equal(h.server.stats.route(RUNS).requests, 1);
    assert.equal(h.provider.rateLimit?.remaining, 0);
  });

  it('retries a short secondary rate limit once, then succeeds', async () => {
    h.server.faults.add({ route: RUNS, status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit.' } });
    const { value } = await h.provider.listRuns(h.repo);
    assert.equal(value.items.length, 4);
    assert.equal(h.server.stats.route(RUNS).requests, 2);
  });

  it('gives up on a long secondary rate limit and reports when to resume', async () => {
    h.server.faults.add({ route: RUNS, status: 403, headers: { 'retry-after': '120' }, body: { message: 'You have exceeded a secondary rate limit.' } });
    const before = Date.now();
    await assert.rejects(h.provider.listRuns(h.repo), (error: Error) => error instanceof RateLimitError && error.resetAt >= before + 120_000);
    assert.equal(h.server.stats.route(RUNS).requests, 1);
  });

  it('maps 429 with retry-after to RateLimitError', async () => {
    h.server.faults.add({ route: RUNS, status: 429, headers: { 'retry-after': '30' } });
    const before = Date.now();
    await assert.rejects(h.provider.listRuns(h.repo), (error: Error) => error instanceof RateLimitError && error.resetAt >= before + 30_000 && error.status === 429);
  });

  it('maps 404 to NotFoundError ("not found or no access")', async () => {
    await assert.rejects(h.provider.getRepository({ ...h.repo, slug: 'octo/private' }), (error: Error) => error instanceof NotFoundError && /not found or no access/.test(error.message));
  });

  it('maps 410 to GoneError', async () => {
    await assert.rejects(h.provider.getJobLog(h.repo, '305', 0), GoneError);
  });

  it('maps 422 to ValidationError with the API message and errors', async () => {
    h.server.faults.add({ route: 'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', status: 422, body: { message: 'Unexpected inputs provided', errors: ['["colour"]'] } });
    await assert.rejects(h.provider.createRun(h.repo, '11', { ref: 'main', inputs: { colour: 'red' } }), (error: Error) => error instanceof ValidationError && error.message.includes('Unexpected inputs provided') && error.message.includes('colour'));
  });

  it('retries 500 and 502 on GETs and succeeds when the server recovers', async () => {
    h.server.faults.add({ route: RUNS, status: 500 });
    h.server.faults.add({ route: RUNS, status: 502 });
    const { value } = await h.provider.listRuns(h.repo);
    assert.equal(value.items.length, 4);
    assert.equal(h.server.stats.route(RUNS).requests, 3);
  });

  it('gives up after two retries with ServerError', async () => {
    h.server.faults.add({ route: RUNS, status: 502, times: 5 });
    await assert.rejects(h.provider.listRuns(h.repo), (error: Error) => error instanceof ServerError && error.status === 502);
    assert.equal(h.server.stats.route(RUNS).requests, 3);
  });

  it('turns a response slower than the timeout into NetworkError', async () => {
    h.server.faults.add({ route: RUNS, delayMs: 600, times: 3 });
    await assert.rejects(h.provider.listRuns(h.repo), (error: Error) => error instanceof NetworkError && /timed out/.test(error.message));
  });

  it('turns a dropped connection into NetworkError after retries', async () => {
    h.server.faults.add({ route: RUNS, drop: true, times: 3 });
    await assert.rejects(h.provider.listRuns(h.repo), NetworkError);
    assert.equal(h.server.stats.route(RUNS).requests, 3);
  });

  it('reports an unreachable host as NetworkError', async () => {
    await h.server.close();
    await assert.rejects(h.provider.listRuns(h.repo), (error: Error) => error instanceof NetworkError && error.message.includes('127.0.0.1'));
  });

  it('rejects with CancelledError when the caller aborts', async () => {
    h.server.faults.add({ route: RUNS, delayMs: 200 });
    const controller = new AbortController();
    const pending = h.provider.listRuns(h.repo, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, CancelledError);
  });

  it('rejects in-flight requests with CancelledError on dispose', async () => {
    h.server.faults.add({ route: RUNS, delayMs: 200 });
    const pending = h.provider.listRuns(h.repo);
    setTimeout(() => h.provider.dispose(), 20);
    await assert.rejects(pending, CancelledError);
  });

  it('never retries mutations, even on 500', async () => {
    const route = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun';
    h.server.faults.add({ route, status: 500, times: 3 });
    await assert.rejects(h.provider.rerunRun(h.repo, '201'), ServerError);
    assert.equal(h.server.stats.route(route).requests, 1);
  });

  it('never retries mutations on a secondary rate limit', async () => {
    const route = 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel';
    h.server.faults.add({ route, status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit.' } });
    await assert.rejects(h.provider.cancelRun(h.repo, '203'), RateLimitError);
    assert.equal(h.server.stats.route(route).requests, 1);
  });

  it('checkToken uses the given token and rejects a bad one with AuthError', async () => {
    h.token = undefined;
    await assert.rejects(h.provider.checkToken('ghp_nope'), (error: Error) => error instanceof AuthError && error.message === `The token was rejected by ${new URL(h.server.url).host}`);
    const check = await h.provider.checkToken(SAMPLE_TOKEN);
    assert.equal(check.login, 'octocat');
  });
});
