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
import { nullLogger } from '../../../../src/core/ports';
import { GitLabProvider } from '../../../../src/providers/gitlab';
import { translateTransportError, UnexpectedResponseError } from '../../../../src/providers/http';
import { TOKENS } from '../../../fakes/gitlab/fixtures';
import { startHarness, type Harness } from './harness';

describe('gitlab provider errors (fake server)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const statusCases: [number, new (...args: never[]) => Error][] = [
    [401, AuthError],
    [403, ForbiddenError],
    [404, NotFoundError],
    [410, GoneError],
    [400, ValidationError],
    [422, ValidationError],
    [502, ServerError],
  ];
  for (const [status, type] of statusCases) {
    it(`maps ${status} to ${type.name}`, async () => {
      h.server.inject({ path: '/projects/', status, times: 3, body: { message: 'nope' } });
      await assert.rejects(h.provider.getRepository(h.repo), (e: unknown) => e instanceof type && !e.message.includes(TOKENS.api));
    });
  }

  it('says which scope a 403 lacks', async () => {
    await h.close();
    h = await startHarness({}, TOKENS.readApi);
    await assert.rejects(h.provider.cancelRun(h.repo, '100'), (e: unknown) => e instanceof ForbiddenError && e.missingScopes.includes('api') && e.message.includes('api scope'));
  });

  it('maps 429 with Retry-After to RateLimitError', async () => {
    h.server.inject({ status: 429, headers: { 'retry-after': '30' } });
    const before = Date.now();
    await assert.rejects(h.provider.listRuns(h.repo), (e: unknown) => e instanceof RateLimitError && e.resetAt >= before + 29_000 && e.resetAt <= Date.now() + 31_000);
  });

  it('gets 429 from the server-side limit and reads the RateLimit headers', async () => {
    h.server.rateLimit = { limit: 2, windowSeconds: 60, enforce: true };
    await h.provider.getRepository(h.repo);
    await h.provider.getRepository(h.repo);
    assert.equal(h.provider.rateLimit?.remaining, 0);
    await assert.rejects(h.provider.getRepository(h.repo), RateLimitError);
  });

  it('retries a GET at most twice on 5xx', async () => {
    h.server.inject({ path: '/projects/', status: 500, times: 5 });
    await assert.rejects(h.provider.getRepository(h.repo), ServerError);
    assert.equal(h.server.stats.count('GET /projects/:id'), 3);
  });

  it('recovers when a retry succeeds', async () => {
    h.server.inject({ path: '/projects/', status: 503, times: 1 });
    const { value } = await h.provider.getRepository(h.repo);
    assert.equal(value.defaultBranch, 'main');
    assert.equal(h.server.stats.count('GET /projects/:id'), 2);
  });

  for (const [name, call] of [
    ['retry pipeline', (p: GitLabProvider, r: Harness['repo']) => p.rerunRun(r, '100')],
    ['create pipeline', (p: GitLabProvider, r: Harness['repo']) => p.createRun(r, undefined, { ref: 'main', inputs: {} })],
    ['play job', (p: GitLabProvider, r: Harness['repo']) => p.playJob(r, '504')],
  ] as const) {
    it(`never retries a mutation (${name}) on 500`, async () => {
      h.server.inject({ method: 'POST', status: 500, times: 5 });
      await assert.rejects(call(h.provider, h.repo), ServerError);
      assert.equal(h.server.stats.requests.filter((r) => r.method === 'POST').length, 1);
    });
  }

  it('says a 200 HTML page (sign-in or proxy) is not a pipeline list, instead of "no pipelines"', async () => {
    // The GraphQL poll gets it first and gives way to REST, which gets it too.
    h.server.inject({ times: 2, status: 200, text: '<!DOCTYPE html><html><head><title>Sign in</title></head></html>', headers: { 'content-type': 'text/html' } });
    await assert.rejects(h.provider.listRuns(h.repo), (e: unknown) => e instanceof UnexpectedResponseError && /HTML page, not JSON/.test(e.message));
  });

  it('says a wrong-shaped 200 answer is not a pipeline list', async () => {
    h.server.inject({ times: 2, status: 200, body: { message: 'login' } });
    await assert.rejects(h.provider.listRuns(h.repo), (e: unknown) => e instanceof UnexpectedResponseError && /expected a JSON list/.test(e.message));
  });

  it('turns a slow answer into NetworkError (timeout)', async () => {
    h.server.inject({ path: '/projects/', delayMs: 3_000 });
    const provider = new GitLabProvider(h.server.url, { getToken: () => Promise.resolve(TOKENS.api), logger: nullLogger }, { timeoutMs: 400, maxRetries: 0 });
    try {
      await assert.rejects(provider.getRepository(h.repo), (e: unknown) => e instanceof NetworkError && /did not answer/.test(e.message));
    } finally {
      provider.dispose();
    }
  });

  it('turns a dropped connection into NetworkError after two GET retries', async () => {
    h.server.inject({ path: '/projects/', drop: true, times: 3 });
    await assert.rejects(h.provider.getRepository(h.repo), NetworkError);
    assert.equal(h.server.stats.count('GET /projects/:id'), 3);
  });

  it('turns a refused connection into NetworkError', async () => {
    const url = h.server.url;
    await h.close();
    const provider = new GitLabProvider(url, { getToken: () => Promise.resolve(TOKENS.api), logger: nullLogger });
    await assert.rejects(provider.getRepository(h.repo), (e: unknown) => e instanceof NetworkError && /refused/.test(e.message));
    provider.dispose();
    h = await startHarness();
  });

  it('turns an abort into CancelledError', async () => {
    h.server.inject({ path: '/projects/', delayMs: 1_000 });
    const controller = new AbortController();
    const pending = h.provider.getRepository(h.repo, { signal: controller.signal });
    setImmediate(() => controller.abort());
    await assert.rejects(pending, CancelledError);
  });

  it('raises AuthError without a token', async () => {
    await h.close();
    h = await startHarness({}, null);
    await assert.rejects(h.provider.getRepository(h.repo), AuthError);
    assert.equal(h.server.stats.total, 0);
  });

  for (const code of ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT']) {
    it(`explains certificate errors (${code})`, () => {
      const cause = Object.assign(new Error('cert'), { code });
      const error = translateTransportError(new TypeError('fetch failed', { cause }), { service: 'GitLab', host: 'https://gl.corp', cancelled: false, timedOut: false, timeoutMs: 1 });
      assert.ok(error instanceof NetworkError);
      assert.match(error.message, /certificate/);
      assert.match(error.message, new RegExp(code));
    });
  }
});
