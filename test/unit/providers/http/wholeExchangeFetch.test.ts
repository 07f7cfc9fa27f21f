import assert from 'node:assert/strict';
import { HttpNetworkError, wholeExchangeFetch } from '../../../../src/providers/http';
import { json, ScriptedServer } from './server';

describe('http toolkit wholeExchangeFetch (for SDKs)', () => {
  let server: ScriptedServer;
  beforeEach(async () => {
    server = new ScriptedServer();
    await server.start();
  });
  afterEach(async () => {
    await server.close();
  });

  const fetchFor = (timeoutMs = 2_000) => wholeExchangeFetch({ fetch: globalThis.fetch, timeoutMs, service: 'GitHub', host: server.url });

  it('hands over a complete Response with status, headers, body and final URL', async () => {
    server.handler = (req, res) => (req.url === '/a' ? (res.writeHead(302, { location: '/b' }), res.end()) : json(res, 201, { ok: true }, { etag: '"x"' }));
    const response = await fetchFor()(`${server.url}/a`, { method: 'POST', body: '{}', headers: { authorization: 'token t' } });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('etag'), '"x"');
    assert.equal(response.url, `${server.url}/b`);
    assert.deepEqual(await response.json(), { ok: true });
    assert.equal(server.seen[1]?.method, 'GET', 'a 302 after POST continues as GET');
  });

  it('rejects at the timeout when the body stalls after the headers', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
      res.write('first half');
    };
    await assert.rejects(fetchFor(300)(`${server.url}/log`), (e: unknown) => e instanceof HttpNetworkError && e.reason === 'timeout');
  });

  it('rejects when the connection is reset mid-body instead of returning a short body', async () => {
    server.handler = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
      res.write('first half', () => req.socket.destroy());
    };
    await assert.rejects(fetchFor()(`${server.url}/log`), (e: unknown) => e instanceof HttpNetworkError && e.reason === 'reset');
  });

  it('rejects with the AbortError of the signal when the caller aborts', async () => {
    server.handler = (_req, res) => void setTimeout(() => json(res, 200, {}), 1_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(fetchFor()(`${server.url}/x`, { signal: controller.signal }), (e: unknown) => e instanceof Error && e.name === 'AbortError');
  });

  it('sends nothing for a signal already aborted (a request an SDK queued before its caller gave up)', async () => {
    let calls = 0;
    const counting: typeof globalThis.fetch = (input, init) => {
      calls += 1;
      return globalThis.fetch(input, init);
    };
    const controller = new AbortController();
    controller.abort();
    const fetch = wholeExchangeFetch({ fetch: counting, timeoutMs: 2_000, service: 'GitHub', host: server.url });
    await assert.rejects(fetch(`${server.url}/x`, { signal: controller.signal }), (e: unknown) => e instanceof Error && e.name === 'AbortError');
    assert.equal(calls, 0);
    assert.equal(server.seen.length, 0);
  });

  it('keeps 304 answers bodiless', async () => {
    server.handler = (_req, res) => (res.writeHead(304, { etag: '"x"' }), res.end());
    const response = await fetchFor()(`${server.url}/x`);
    assert.equal(response.status, 304);
    assert.equal(response.body, null);
  });
});
