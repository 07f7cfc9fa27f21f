/**
 * GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs answers 302 to a short-lived signed URL on
 * another host (https://docs.github.com/en/rest/actions/workflow-jobs#download-job-logs-for-a-workflow-run).
 * The blob server here misbehaves mid-body: a cut or stalled log must be an error, not a short "complete" log.
 */
import assert from 'node:assert/strict';
import { NetworkError } from '../../../../src/core/errors';
import type { RepoRef } from '../../../../src/core/model';
import { nullLogger } from '../../../../src/core/ports';
import { GitHubProvider } from '../../../../src/providers/github';
import { ScriptedServer } from '../http/server';
import { FAST_TUNING } from './harness';

const TOKEN = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';

describe('github job log download (redirect to log storage)', () => {
  let api: ScriptedServer;
  let blob: ScriptedServer;
  let provider: GitHubProvider;
  beforeEach(async () => {
    api = new ScriptedServer();
    blob = new ScriptedServer();
    await api.start();
    await blob.start();
    api.handler = (_req, res) => {
      res.writeHead(302, { location: `${blob.url}/logs/7?sig=abc` });
      res.end();
    };
    provider = new GitHubProvider({ kind: 'github', apiUrl: api.url }, { getToken: () => Promise.resolve(TOKEN), logger: nullLogger }, { tuning: { ...FAST_TUNING, timeoutMs: 400, retries: 0 } });
  });
  afterEach(async () => {
    provider.dispose();
    await api.close();
    await blob.close();
  });
  const repo = (): RepoRef => ({ provider: 'github', host: api.url, slug: 'octo/hello' });

  it('reads the whole log and sends no token to the log storage', async () => {
    blob.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('line 1\nline 2\n');
    };
    const log = await provider.getJobLog(repo(), '7', 0);
    assert.deepEqual(log, { text: 'line 1\nline 2\n', nextOffset: 14, complete: true });
    assert.equal(api.seen[0]?.headers.authorization, `token ${TOKEN}`);
    assert.equal(blob.seen[0]?.headers.authorization, undefined);
  });

  it('fails when the log storage resets the connection mid-body', async () => {
    blob.handler = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '10000' });
      res.write('line 1\n', () => req.socket.destroy());
    };
    await assert.rejects(provider.getJobLog(repo(), '7', 0), (e: unknown) => e instanceof NetworkError && !e.message.includes(TOKEN));
  });

  it('ends at the timeout when the log storage stalls after the headers', async () => {
    blob.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '10000' });
      res.write('line 1\n');
    };
    const started = Date.now();
    await assert.rejects(provider.getJobLog(repo(), '7', 0), (e: unknown) => e instanceof NetworkError && /timed out/.test(e.message));
    assert.ok(Date.now() - started < 3_000);
  });
});
