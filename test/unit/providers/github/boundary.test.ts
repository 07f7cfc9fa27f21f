/**
 * Issue 13 at GitHub's boundary: every answer is checked against the shape GitHub's REST
 * description gives it (src/providers/github/schemas.ts). Malformed items are dropped and logged,
 * good ones kept; a wholly wrong, HTML, empty or cut answer is a typed error saying so (never
 * "could not reach"); the token never appears in what leaves the provider; a GET that never
 * answers fails within one timeout (plus the retry window), not one per attempt; a multi-megabyte
 * string value parses.
 */
import assert from 'node:assert/strict';
import { CancelledError, NetworkError, ServerError } from '../../../../src/core/errors';
import type { RepoRef } from '../../../../src/core/model';
import { nullLogger, type Logger } from '../../../../src/core/ports';
import { GitHubProvider } from '../../../../src/providers/github';
import type { ClientTuning } from '../../../../src/providers/github/client';
import { json, ScriptedServer } from '../http/server';
import { FAST_TUNING } from './harness';

const TOKEN = 'ghp_canary0123456789abcdefghijklmnopqrstu';

function apiRun(id: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id, name: 'CI', workflow_id: 11, path: '.github/workflows/ci.yml', run_number: 7, run_attempt: 1, display_title: 'Fix it',
    head_branch: 'main', head_sha: 'abc123', event: 'push', status: 'completed', conclusion: 'success',
    created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:05:00Z', html_url: 'https://github.example/o/r/actions/runs/1', ...extra,
  };
}

function apiJob(id: number, steps: unknown[]): Record<string, unknown> {
  return { id, run_id: 1, name: 'build', status: 'completed', conclusion: 'success', started_at: null, completed_at: null, html_url: null, steps };
}

describe('github answers at the boundary (issue 13)', () => {
  let server: ScriptedServer;
  let warnings: string[];
  const logger: Logger = { ...nullLogger, warn: (message: string) => void warnings.push(message) };
  const providers: GitHubProvider[] = [];
  const repo = (): RepoRef => ({ provider: 'github', host: server.url, slug: 'o/r' });
  const provider = (tuning: Partial<ClientTuning> = {}): GitHubProvider => {
    const created = new GitHubProvider({ kind: 'github', apiUrl: server.url }, { getToken: () => Promise.resolve(TOKEN), logger }, { tuning: { ...FAST_TUNING, timeoutMs: 1000, ...tuning } });
    providers.push(created);
    return created;
  };

  beforeEach(async () => {
    warnings = [];
    server = new ScriptedServer();
    await server.start();
  });
  afterEach(async () => {
    providers.splice(0).forEach((created) => created.dispose());
    await server.close();
  });

  it('keeps the good runs of a listing, drops the malformed ones and logs them once with the count', async () => {
    server.handler = (_req, res) => json(res, 200, { total_count: 4, workflow_runs: [apiRun(1), apiRun(undefined), apiRun({ nested: true }), apiRun(4, { status: 5 })] });
    const { value } = await provider().listRuns(repo());
    assert.deepEqual(value.items.map((run) => run.id), ['1']);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /Runs of o\/r .*dropped 3 of 4 malformed items \(id: missing\)/);
  });

  it('drops malformed steps of a job and keeps the job', async () => {
    server.handler = (_req, res) => json(res, 200, { total_count: 1, jobs: [apiJob(5, [{ number: 1, name: 'Set up', status: 'completed', conclusion: 'success' }, { number: 'two', name: 'x', status: 'completed', conclusion: null }])] });
    const { value } = await provider().listJobs(repo(), '1');
    assert.deepEqual(value.map((job) => [job.id, job.steps.map((step) => step.name)]), [['5', ['Set up']]]);
    assert.equal(warnings.length, 1);
  });

  it('names a wholly wrong answer as a shape error, never as an unreachable host', async () => {
    server.handler = (_req, res) => json(res, 200, { unexpected: 'shape', data: null });
    await assert.rejects(provider().listRuns(repo()), (error: unknown) => {
      assert.ok(error instanceof ServerError, String(error));
      assert.match(error.message, /the server's answer was not the expected shape: total_count: missing; workflow_runs: missing/);
      assert.doesNotMatch(error.message, /reach|incomplete/i);
      return true;
    });
    server.handler = (_req, res) => json(res, 200, [{ id: 1 }]);
    await assert.rejects(provider().listJobs(repo(), '1'), /not the expected shape: the answer: a list, expected an object/);
  });

  it('says an HTML page came back (a proxy or sign-in page), for JSON and for a log', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><title>Sign in to your network</title></head><body>…</body></html>');
    };
    await assert.rejects(provider().listRuns(repo()), (error: unknown) => error instanceof ServerError && /answered with an HTML page, not JSON \("Sign in to your network"\): a proxy or sign-in page\?/.test(error.message));
    await assert.rejects(provider().getJobLog(repo(), '7', 0), (error: unknown) => error instanceof ServerError && /HTML page, not the log/.test(error.message));
  });

  it('says an empty or cut-off body came back', async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('');
    };
    await assert.rejects(provider().listRuns(repo()), (error: unknown) => error instanceof ServerError && /empty body, not JSON/.test(error.message));
    server.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"total_count": 1, "workflow_runs": [{"id": 1, "sta');
    };
    await assert.rejects(provider().listRuns(repo()), (error: unknown) => error instanceof ServerError && /not valid JSON .*cut off/.test(error.message));
  });

  it('parses a run whose title is a 4 MB string', async () => {
    const title = 'x'.repeat(4 * 1024 * 1024);
    server.handler = (_req, res) => json(res, 200, { total_count: 1, workflow_runs: [apiRun(1, { display_title: title })] });
    const { value } = await provider().listRuns(repo());
    assert.equal(value.items[0]?.title.length, title.length);
  });

  for (const status of [401, 403, 422, 502]) {
    it(`keeps the token out of the error when the server echoes the request headers (${status})`, async () => {
      server.handler = (req, res) => json(res, status, { message: `Your request: authorization: ${String(req.headers.authorization)}; raw ${TOKEN}` });
      await assert.rejects(provider({ retries: 0 }).listRuns(repo()), (error: unknown) => {
        assert.ok(error instanceof Error);
        for (const text of [error.message, String(error), error.stack ?? '']) {
          assert.ok(!text.includes(TOKEN), text.slice(0, 200));
        }
        return true;
      });
    });
  }

  it('keeps an explicitly checked token out of the error too', async () => {
    const other = 'ghp_othercanary9876543210zyxwvutsrqponm';
    server.handler = (req, res) => json(res, 422, { message: `echo ${String(req.headers.authorization)}` });
    await assert.rejects(provider().checkToken(other), (error: unknown) => error instanceof Error && !error.message.includes(other) && !(error.stack ?? '').includes(other));
  });

  it('fails a GET that never answers within one timeout and the retry window, not once per attempt', async () => {
    server.handler = () => undefined;
    const started = Date.now();
    await assert.rejects(provider({ timeoutMs: 1000, retryWindowMs: 200, retries: 2 }).listRuns(repo()), (error: unknown) => error instanceof NetworkError && /did not answer within 1 s/.test(error.message));
    const elapsed = Date.now() - started;
    // Three attempts of 1 s each took 3 s before; the bound is 1.2 s (slack for a busy machine).
    assert.ok(elapsed < 2500, `${elapsed} ms`);
    assert.ok(server.seen.length <= 2, `${server.seen.length} requests`);
  });

  it('a caller who gives up within the deadline gets a cancellation, not a timeout', async () => {
    server.handler = () => undefined;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(provider({ timeoutMs: 1000 }).listRuns(repo(), { signal: controller.signal }), (error: unknown) => error instanceof CancelledError);
  });

  it('still retries a read that fails fast (a 502) within the window', async () => {
    let calls = 0;
    server.handler = (_req, res) => (++calls === 1 ? json(res, 502, { message: 'bad gateway' }) : json(res, 200, { total_count: 1, workflow_runs: [apiRun(1)] }));
    const { value } = await provider().listRuns(repo());
    assert.equal(value.items.length, 1);
    assert.equal(calls, 2);
  });
});
