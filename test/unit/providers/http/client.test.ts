import assert from 'node:assert/strict';
import {
  AuthError,
  CancelledError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  RateLimitError,
  ServerError,
  ValidationError,
} from '../../../../src/core/errors';
import type { Clock } from '../../../../src/core/ports';
import {
  basic,
  bearer,
  HttpClient,
  HttpNetworkError,
  RequestLimiter,
  requireArray,
  tokenHeader,
  UnexpectedResponseError,
  type AuthHeader,
  type HttpClientConfig,
} from '../../../../src/providers/http';
import { json, ScriptedServer } from './server';

const TOKEN = 'tok-0123456789abcdef';

function client(server: ScriptedServer, overrides: Partial<HttpClientConfig> = {}): HttpClient {
  return new HttpClient({
    baseUrl: `${server.url}/api/`,
    dialect: {
      service: 'Example',
      forbidden: (failure) => ({ missingScopes: (failure.headers.get('x-missing-scope') ?? '').split(',').filter(Boolean) }),
    },
    auth: () => Promise.resolve(bearer(TOKEN)),
    userAgent: 'FlowForge-test',
    timeoutMs: 2_000,
    retry: { baseDelayMs: 5 },
    ...overrides,
  });
}

function networkReason(reason: string) {
  return (e: unknown) => e instanceof HttpNetworkError && e.reason === reason && !e.message.includes(TOKEN);
}

describe('http toolkit client (local server)', () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = new ScriptedServer();
    await server.start();
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends the credential, user agent and query below the base URL path prefix, and parses JSON', async () => {
    server.handler = (_req, res) => json(res, 200, [{ id: 1 }]);
    const http = client(server, { baseUrl: `${server.url}/jenkins/` });
    const response = await http.request({ path: '/job/app/api/json', query: { depth: 1, skip: undefined }, what: 'jobs' });
    assert.deepEqual(response.body, [{ id: 1 }]);
    assert.equal(server.seen[0]?.url, '/jenkins/job/app/api/json?depth=1');
    assert.equal(server.seen[0]?.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(server.seen[0]?.headers['user-agent'], 'FlowForge-test');
  });

  it('supports HTTP Basic and custom token headers', async () => {
    server.handler = (_req, res) => json(res, 200, {});
    await client(server, { auth: () => Promise.resolve(basic('ada', TOKEN)) }).request({ path: 'x', what: 'x' });
    await client(server, { auth: () => Promise.resolve(tokenHeader('PRIVATE-TOKEN', TOKEN)) }).request({ path: 'x', what: 'x' });
    assert.equal(server.seen[0]?.headers.authorization, `Basic ${Buffer.from(`ada:${TOKEN}`).toString('base64')}`);
    assert.equal(server.seen[1]?.headers['private-token'], TOKEN);
    assert.equal(server.seen[1]?.headers.authorization, undefined);
  });

  it('raises AuthError without credentials and sends nothing', async () => {
    await assert.rejects(client(server, { auth: () => Promise.resolve(undefined) }).request({ path: 'x', what: 'x' }), AuthError);
    assert.equal(server.seen.length, 0);
  });

  const statusCases: [number, new (...args: never[]) => Error][] = [
    [401, AuthError],
    [403, ForbiddenError],
    [404, NotFoundError],
    [410, GoneError],
    [422, ValidationError],
    [500, ServerError],
    [418, ServerError],
  ];
  for (const [status, type] of statusCases) {
    it(`maps ${status} to ${type.name} without the token in the message`, async () => {
      // The server echoes the token: the message must still not carry it.
      server.handler = (_req, res) => json(res, status, { message: `bad ${TOKEN}` });
      await assert.rejects(client(server).request({ path: 'x', what: 'thing 1' }), (e: unknown) => e instanceof type && (e as ServerError).status === status && !e.message.includes(TOKEN));
    });
  }

  it('names the missing scope of a 403 and keeps the server explanation of a 422', async () => {
    server.handler = (_req, res) => json(res, 403, { message: 'nope' }, { 'x-missing-scope': 'read_builds' });
    await assert.rejects(client(server).request({ path: 'x', what: 'builds' }), (e: unknown) => e instanceof ForbiddenError && e.missingScopes.join() === 'read_builds' && /read_builds/.test(e.message));
    server.handler = (_req, res) => json(res, 422, { message: 'branch does not exist' });
    await assert.rejects(client(server).request({ method: 'POST', path: 'x', what: 'builds', json: {} }), (e: unknown) => e instanceof ValidationError && e.message === 'branch does not exist');
  });

  for (const [name, headers] of [
    ['Retry-After', () => ({ 'retry-after': '120' })],
    ['RateLimit-Reset (epoch s)', () => ({ 'ratelimit-reset': String(Math.floor(Date.now() / 1000) + 120) })],
    ['X-RateLimit-Reset (epoch s)', () => ({ 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 120) })],
  ] as const) {
    it(`maps 429 to RateLimitError with the time to resume from ${name}`, async () => {
      server.handler = (_req, res) => json(res, 429, {}, headers());
      await assert.rejects(client(server).request({ path: 'x', what: 'x' }), (e: unknown) => e instanceof RateLimitError && Math.abs(e.resetAt - (Date.now() + 120_000)) < 3_000);
      assert.equal(server.seen.length, 1, 'a long Retry-After is not waited out');
    });
  }

  it('remembers rate-limit headers and fails fast while the server budget is spent', async () => {
    const reset = Math.floor(Date.now() / 1000) + 60;
    server.handler = (_req, res) => json(res, 200, {}, { 'ratelimit-limit': '10', 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) });
    const limiter = new RequestLimiter(100, realClock);
    const http = client(server, { limiter });
    try {
      await http.request({ path: 'x', what: 'x' });
      assert.deepEqual(http.rateLimit, { limit: 10, remaining: 0, resetAt: reset * 1000 });
      await assert.rejects(http.request({ path: 'x', what: 'x' }), (e: unknown) => e instanceof RateLimitError && e.resetAt === reset * 1000 && /Example/.test(e.message));
      assert.equal(server.seen.length, 1);
    } finally {
      limiter.dispose();
    }
  });

  it('says an HTML page answered with 200 is not JSON', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><head><title>Sign in · Corp SSO</title></head><body></body></html>');
    };
    await assert.rejects(client(server).request({ path: 'x', what: 'pipelines' }), (e: unknown) => e instanceof UnexpectedResponseError && /HTML page, not JSON/.test(e.message) && /Sign in/.test(e.message) && /pipelines/.test(e.message));
  });

  it('says a cut-off JSON body is not valid JSON', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[{"id":1},{"id":');
    };
    await assert.rejects(client(server).request({ path: 'x', what: 'pipelines' }), (e: unknown) => e instanceof UnexpectedResponseError && /not valid JSON/.test(e.message));
  });

  it('rejects a wrong-shaped body through requireArray instead of reading it as no items', async () => {
    server.handler = (_req, res) => json(res, 200, { message: 'login required' });
    const body = await client(server).getJson('x', 'pipelines');
    assert.throws(() => requireArray(body, 'pipelines of a/b'), (e: unknown) => e instanceof UnexpectedResponseError && /expected a JSON list, got an object/.test(e.message));
  });

  it('ends a body that stalls after the headers at the timeout, as a network error', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('[{"id":1},');
    };
    const started = Date.now();
    await assert.rejects(client(server, { timeoutMs: 300 }).request({ path: 'x', what: 'x' }), networkReason('timeout'));
    assert.ok(Date.now() - started < 1_500);
  });

  it('ends slow headers at the timeout', async () => {
    server.handler = (_req, res) => void setTimeout(() => json(res, 200, []), 1_500);
    await assert.rejects(client(server, { timeoutMs: 300 }).request({ path: 'x', what: 'x' }), networkReason('timeout'));
    assert.equal(server.seen.length, 1, 'a timeout is not retried');
  });

  it('turns a connection reset mid-body into a network error, retried for a GET', async () => {
    server.handler = (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('[{"id":1},', () => req.socket.destroy());
    };
    await assert.rejects(client(server).request({ path: 'x', what: 'x' }), networkReason('reset'));
    assert.equal(server.seen.length, 3);
  });

  it('turns a refused connection into a network error', async () => {
    const http = client(server, { retry: { maxRetries: 0 } });
    await server.close();
    await assert.rejects(http.request({ path: 'x', what: 'x' }), networkReason('refused'));
    server = new ScriptedServer();
    await server.start();
  });

  it('turns a caller abort into CancelledError, during the headers and during the body', async () => {
    server.handler = (_req, res) => void setTimeout(() => json(res, 200, []), 1_000);
    const early = new AbortController();
    setTimeout(() => early.abort(), 50);
    await assert.rejects(client(server).request({ path: 'x', what: 'x', signal: early.signal }), CancelledError);
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('[');
    };
    const late = new AbortController();
    setTimeout(() => late.abort(), 100);
    await assert.rejects(client(server).request({ path: 'x', what: 'x', signal: late.signal }), CancelledError);
  });

  it('retries a GET twice on 503 and recovers when a retry succeeds', async () => {
    server.handler = (_req, res) => json(res, 503, {});
    await assert.rejects(client(server).request({ path: 'x', what: 'x' }), ServerError);
    assert.equal(server.seen.length, 3);
    server.seen.length = 0;
    server.handler = (_req, res) => (server.seen.length < 2 ? json(res, 502, {}) : json(res, 200, { ok: true }));
    assert.deepEqual((await client(server).request({ path: 'x', what: 'x' })).body, { ok: true });
    assert.equal(server.seen.length, 2);
  });

  it('waits out a 429 with a short Retry-After for a GET', async () => {
    server.handler = (_req, res) => (server.seen.length < 2 ? json(res, 429, {}, { 'retry-after': '0' }) : json(res, 200, []));
    await client(server).request({ path: 'x', what: 'x' });
    assert.equal(server.seen.length, 2);
  });

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    it(`never retries a ${method}`, async () => {
      server.handler = (req, res) => (server.seen.length === 1 ? req.socket.destroy() : json(res, 503, {}));
      await assert.rejects(client(server).request({ method, path: 'x', what: 'x', json: { a: 1 } }), HttpNetworkError);
      assert.equal(server.seen.length, 1);
      await assert.rejects(client(server).request({ method, path: 'x', what: 'x' }), ServerError);
      assert.equal(server.seen.length, 2);
    });
  }

  it('does not retry a 500 by default, nor a 4xx', async () => {
    server.handler = (_req, res) => json(res, server.seen.length === 1 ? 500 : 404, {});
    await assert.rejects(client(server).request({ path: 'x', what: 'x' }), ServerError);
    await assert.rejects(client(server).request({ path: 'x', what: 'x' }), NotFoundError);
    assert.equal(server.seen.length, 2);
  });

  it('stops retrying when the caller aborts during the back-off', async () => {
    server.handler = (_req, res) => json(res, 503, {});
    const controller = new AbortController();
    const pending = client(server, { retry: { baseDelayMs: 5_000 } }).request({ path: 'x', what: 'x', signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await assert.rejects(pending, CancelledError);
    assert.equal(server.seen.length, 1);
  });

  for (const auth of [bearer(TOKEN), tokenHeader('private-token', TOKEN)] as AuthHeader[]) {
    it(`drops the ${auth.name} header on a redirect to another origin, keeps it on the same origin`, async () => {
      const other = new ScriptedServer();
      await other.start();
      try {
        other.handler = (_req, res) => json(res, 200, { from: 'other' });
        server.handler = (req, res) => {
          res.writeHead(302, { location: req.url === '/api/same' ? '/api/final' : `${other.url}/blob` });
          res.end();
        };
        const http = client(server, { auth: () => Promise.resolve(auth) });
        assert.deepEqual((await http.request({ path: 'away', what: 'x' })).body, { from: 'other' });
        assert.equal(other.seen[0]?.headers[auth.name], undefined);
        assert.equal(other.seen[0]?.headers['user-agent'], 'FlowForge-test');
        server.handler = (req, res) => (req.url === '/api/same' ? (res.writeHead(302, { location: '/api/final' }), res.end()) : json(res, 200, {}));
        await http.request({ path: 'same', what: 'x' });
        assert.equal(server.seen.at(-1)?.url, '/api/final');
        assert.equal(server.seen.at(-1)?.headers[auth.name], auth.value);
      } finally {
        await other.close();
      }
    });
  }

  it('refuses to send credentials to an absolute URL on another origin', async () => {
    await assert.rejects(client(server).request({ path: 'http://127.0.0.2:1/x', what: 'x' }), UnexpectedResponseError);
  });

  it('reads text and bytes bodies, and returns accepted statuses', async () => {
    server.handler = (_req, res) => {
      res.writeHead(server.seen.length === 3 ? 416 : 200, { 'content-type': 'text/plain' });
      res.end('log line');
    };
    const http = client(server);
    assert.equal((await http.request({ path: 'x', what: 'x', as: 'text' })).body, 'log line');
    const raw = await http.request({ path: 'x', what: 'x', as: 'bytes' });
    assert.equal(raw.body, undefined);
    assert.equal(Buffer.from(raw.bytes).toString(), 'log line');
    assert.equal((await http.request({ path: 'x', what: 'x', accept: [416] })).status, 416);
  });

  it('a sign-in page answering a read for plain text (a log) is an error; a write\'s HTML answer is not', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' });
      res.end(`<html><head><title>Sign in [Jenkins]</title></head><body>${TOKEN}</body></html>`);
    };
    const http = client(server);
    for (const as of ['bytes', 'text'] as const) {
      await assert.rejects(http.request({ path: 'log', what: 'console of build 2', headers: { accept: 'text/plain' }, as }), (error: unknown) => {
        assert.ok(error instanceof UnexpectedResponseError);
        assert.equal(error.message, 'Example console of build 2: the server answered with an HTML page, not the text asked for ("Sign in [Jenkins]"): a proxy or sign-in page?');
        return true;
      });
    }
    // A POST whose answer is the redirected build page, and a read that takes any type, are read as they come.
    assert.equal((await http.request({ method: 'POST', path: 'stop', what: 'stop', headers: { accept: 'text/plain' }, as: 'bytes' })).status, 200);
    assert.match(String((await http.request({ path: 'page', what: 'page', as: 'text' })).body), /Sign in/);
  });
});

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    return { dispose: () => clearTimeout(handle) };
  },
};
