import assert from 'node:assert/strict';
import { AuthError, CancelledError, GoneError, NotFoundError } from '../../../../src/core/errors';
import { bearer, download, HttpClient, HttpNetworkError, UnexpectedResponseError, type DownloadOptions } from '../../../../src/providers/http';
import { json, ScriptedServer } from './server';

const TOKEN = 'tok-download-0123456789';
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('zip body bytes '.repeat(100))]);

function apiClient(api: ScriptedServer): HttpClient {
  return new HttpClient({
    baseUrl: `${api.url}/api/`,
    dialect: { service: 'Example' },
    auth: () => Promise.resolve(bearer(TOKEN)),
    userAgent: 'FlowForge-test',
    timeoutMs: 2_000,
    retry: { baseDelayMs: 5 },
  });
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) {
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

describe('http toolkit download (two local origins)', () => {
  let api: ScriptedServer;
  let storage: ScriptedServer;
  beforeEach(async () => {
    api = new ScriptedServer();
    storage = new ScriptedServer();
    await api.start();
    await storage.start();
  });
  afterEach(async () => {
    await api.close();
    await storage.close();
  });

  it('follows a 302 to the storage origin without the token and streams the bytes', async () => {
    api.handler = (_req, res) => {
      res.writeHead(302, { location: `${storage.url}/blob/a.zip?sig=signed` });
      res.end();
    };
    storage.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(ZIP.byteLength) });
      res.end(ZIP);
    };
    const got = await apiClient(api).download({ path: 'artifacts/7/zip', expect: 'zip', fileName: 'a.zip', what: 'artifact a' });
    assert.equal(got.fileName, 'a.zip');
    assert.equal(got.sizeBytes, ZIP.byteLength);
    assert.deepEqual(await collect(got.body), ZIP);
    assert.equal(api.seen[0]?.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(storage.seen.length, 1);
    assert.equal(storage.seen[0]?.headers.authorization, undefined, 'the storage host never sees the token');
    assert.ok(!JSON.stringify(storage.seen[0]?.headers).includes(TOKEN));
    assert.equal(storage.seen[0]?.url, '/blob/a.zip?sig=signed');
  });

  it('sends no credentials again once a redirect left the origin, even when it comes back', async () => {
    api.handler = (req, res) => {
      if (req.url?.startsWith('/api/')) {
        res.writeHead(302, { location: `${storage.url}/hop` });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('hello');
    };
    storage.handler = (_req, res) => {
      res.writeHead(307, { location: `${api.url}/back` });
      res.end();
    };
    const got = await apiClient(api).download({ path: 'file', expect: 'file', fileName: 'f.txt', what: 'file' });
    assert.equal((await collect(got.body)).toString(), 'hello');
    assert.equal(api.seen[1]?.url, '/back');
    assert.equal(api.seen[1]?.headers.authorization, undefined);
  });

  it('stops after 5 redirects', async () => {
    api.handler = (req, res) => {
      res.writeHead(302, { location: `${api.url}/loop${api.seen.length}` });
      res.end();
    };
    await assert.rejects(apiClient(api).download({ path: 'x', expect: 'file', fileName: 'x', what: 'x' }), (e: unknown) => e instanceof Error && !(e instanceof CancelledError));
    assert.equal(api.seen.length, 6);
  });

  it('maps an expired signed link on the storage host to GoneError, and the API 410 too', async () => {
    api.handler = (_req, res) => {
      res.writeHead(302, { location: `${storage.url}/blob` });
      res.end();
    };
    storage.handler = (_req, res) => {
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end('<Error><Code>AuthenticationFailed</Code></Error>');
    };
    await assert.rejects(apiClient(api).download({ path: 'a', expect: 'zip', fileName: 'a.zip', what: 'artifact a' }), GoneError);
    api.handler = (_req, res) => json(res, 410, { message: 'Artifact has expired' });
    await assert.rejects(apiClient(api).download({ path: 'a', expect: 'zip', fileName: 'a.zip', what: 'artifact a' }), (e: unknown) => e instanceof GoneError && e.message.includes('expired'));
  });

  it('keeps the API host errors typed: 401 AuthError, 404 NotFoundError, redacted', async () => {
    api.handler = (_req, res) => json(res, 401, { message: `bad ${TOKEN}` });
    await assert.rejects(apiClient(api).download({ path: 'a', expect: 'file', fileName: 'a', what: 'a' }), (e: unknown) => e instanceof AuthError && !e.message.includes(TOKEN));
    api.handler = (_req, res) => json(res, 404, { message: 'Not Found' });
    await assert.rejects(apiClient(api).download({ path: 'a', expect: 'file', fileName: 'a', what: 'a' }), NotFoundError);
  });

  it('refuses an HTML page where a zip is expected, and passes a page through for a file', async () => {
    api.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html>Sign in</html>');
    };
    await assert.rejects(apiClient(api).download({ path: 'a', expect: 'zip', fileName: 'a.zip', what: 'artifact a' }), UnexpectedResponseError);
    const page = await apiClient(api).download({ path: 'a', expect: 'file', fileName: 'a.html', what: 'a' });
    assert.match((await collect(page.body)).toString(), /Sign in/);
  });

  it('retries a 503 before the first byte, never a reset after it', async () => {
    let calls = 0;
    api.handler = (_req, res) => {
      calls++;
      if (calls === 1) {
        json(res, 503, { message: 'busy' });
        return;
      }
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(ZIP.byteLength * 2) });
      res.write(ZIP);
      setTimeout(() => res.socket?.destroy(), 50);
    };
    const got = await apiClient(api).download({ path: 'a', expect: 'zip', fileName: 'a.zip', what: 'a' });
    await assert.rejects(collect(got.body), HttpNetworkError);
    assert.equal(calls, 2, 'one retry before the body, none after');
  });

  it('ends a body that stalls with a timeout, however long the whole download runs', async () => {
    api.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let sent = 0;
      const tick = setInterval(() => {
        sent++;
        res.write('x'.repeat(100));
        if (sent === 8) {
          clearInterval(tick);
        }
      }, 60);
    };
    const got = await download(
      { url: new URL(`${api.url}/a`), auth: bearer(TOKEN), expect: 'file', fileName: 'a', what: 'a' },
      { dialect: { service: 'Example' }, host: api.url, userAgent: 't', headersTimeoutMs: 300, stallTimeoutMs: 250 },
    );
    // 8 × 60 ms is longer than the 300 ms headers timeout: it must not cut a flowing body.
    await assert.rejects(collect(got.body), (e: unknown) => e instanceof HttpNetworkError && e.reason === 'timeout' && /stalled/.test(e.message));
  });

  it('ends with CancelledError when the caller aborts mid-body', async () => {
    api.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write('first');
    };
    const controller = new AbortController();
    const got = await apiClient(api).download({ path: 'a', expect: 'file', fileName: 'a', what: 'a', signal: controller.signal });
    const iterator = got.body[Symbol.asyncIterator]();
    assert.equal(Buffer.from((await iterator.next()).value as Uint8Array).toString(), 'first');
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(iterator.next(), CancelledError);
  });

  it('holds no more than a few chunks of a 50 MB body in memory (read on demand)', async () => {
    const chunkSize = 64 * 1024;
    const total = 50 * 1024 * 1024;
    let produced = 0;
    let consumed = 0;
    let maxAhead = 0;
    const source = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (produced >= total) {
            controller.close();
            return;
          }
          const chunk = new Uint8Array(chunkSize);
          chunk[0] = produced === 0 ? 0x50 : 0;
          produced += chunk.byteLength;
          maxAhead = Math.max(maxAhead, produced - consumed);
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 1 },
    );
    const fakeFetch: DownloadOptions['fetch'] = () => Promise.resolve(new Response(source, { status: 200, headers: { 'content-length': String(total) } }));
    const got = await download(
      { url: new URL('http://127.0.0.1:9/a'), auth: bearer(TOKEN), expect: 'file', fileName: 'big.bin', what: 'big' },
      { fetch: fakeFetch, dialect: { service: 'Example' }, host: 'example', userAgent: 't' },
    );
    for await (const chunk of got.body) {
      consumed += chunk.byteLength;
    }
    assert.equal(consumed, total);
    assert.ok(maxAhead <= 4 * chunkSize, `at most 4 chunks ahead of the reader, saw ${maxAhead} bytes`);
  });

  it('cancels the stream when the reader stops early', async () => {
    let cancelled = false;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(1024));
      },
      cancel() {
        cancelled = true;
      },
    });
    const got = await download(
      { url: new URL('http://127.0.0.1:9/a'), expect: 'file', fileName: 'a', what: 'a' },
      { fetch: () => Promise.resolve(new Response(source)), dialect: { service: 'Example' }, host: 'example', userAgent: 't' },
    );
    for await (const chunk of got.body) {
      assert.equal(chunk.byteLength, 1024);
      break;
    }
    assert.ok(cancelled);
  });
});
