/**
 * Every failure class maps to the typed error of core/errors.ts that decides the UX, and none
 * comes back as an empty success: sign-in for 401, a resume time for 429, "stale" for the rest.
 */
import assert from 'node:assert/strict';
import {
  AuthError,
  ForbiddenError,
  GoneError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ServerError,
  ValidationError,
  isCiError,
  type CiError,
} from '../../../../src/core/errors';
import type { CiProvider } from '../../../../src/core/ci/provider';
import type { RepoRef } from '../../../../src/core/model';
import { caseIt, type CaseContext } from './context';
import type { FakeHandle, FaultClass } from './harness';

/** Enough failures for every retry and every request one read makes. */
const ALWAYS = 50;

type ErrorType = abstract new (...args: never[]) => CiError;

const STATUS_ERRORS: readonly [FaultClass, ErrorType, number][] = [
  ['401', AuthError, 401],
  ['403', ForbiddenError, 403],
  ['404', NotFoundError, 404],
  ['410', GoneError, 410],
  ['422', ValidationError, 422],
  ['500', ServerError, 500],
  ['502', ServerError, 502],
  ['503', ServerError, 503],
];

type Read = (provider: CiProvider, repo: RepoRef, fake: FakeHandle) => Promise<unknown>;

/** The listings a poll makes: an unusable answer to any of them must fail, never read as "nothing there". */
const READS: readonly [string, Read][] = [
  ['listPipelines', (p, repo) => p.listPipelines(repo)],
  ['listRuns', (p, repo) => p.listRuns(repo)],
  ['listJobs', (p, repo, fake) => p.listJobs(repo, fake.seed.finishedRun.id)],
];

const BODY_FAULTS: readonly [FaultClass, string][] = [
  ['html200', 'an HTML page with status 200'],
  ['truncatedJson', 'cut-off JSON'],
  ['wrongShape', 'wrong-shaped JSON'],
];

function tokenFree(c: CaseContext, error: unknown): boolean {
  return error instanceof Error && !error.message.includes(c.fake.token) && !(error.stack ?? '').includes(c.fake.token);
}

export function faultCases(c: CaseContext): void {
  for (const [fault, type, status] of STATUS_ERRORS) {
    caseIt(c, `maps ${fault} to ${type.name}`, async () => {
      c.fake.inject(fault, { times: ALWAYS });
      await assert.rejects(c.provider.listRuns(c.fake.repo), (error: unknown) => {
        assert.ok(error instanceof type, `${String(error)} is a ${type.name}`);
        assert.equal(error.status, status);
        assert.ok(tokenFree(c, error), 'the message does not contain the token');
        return true;
      });
    });
  }

  caseIt(c, 'maps a token the server rejects to AuthError (sign-in), without the token', async () => {
    const bad = `${c.fake.token}x`;
    const provider = c.fake.createProvider({ token: bad });
    await assert.rejects(provider.listRuns(c.fake.repo), (error: unknown) => error instanceof AuthError && error.kind === 'auth' && !error.message.includes(bad));
  });

  caseIt(c, 'maps a missing token to AuthError (sign-in)', async () => {
    const provider = c.fake.createProvider({ token: null });
    await assert.rejects(provider.listRuns(c.fake.repo), (error: unknown) => error instanceof AuthError && error.kind === 'auth');
  });

  caseIt(c, 'maps 429 to RateLimitError with the resume time the server gave', async () => {
    const before = Date.now();
    c.fake.inject('429', { times: ALWAYS, resetInSeconds: 90 });
    await assert.rejects(c.provider.listRuns(c.fake.repo), (error: unknown) => {
      assert.ok(error instanceof RateLimitError, String(error));
      assert.ok(error.resetAt >= before + 89_000 && error.resetAt <= Date.now() + 91_000, `resetAt ${new Date(error.resetAt).toISOString()} is in 90 s`);
      return true;
    });
  });

  caseIt(c, 'exposes the rate-limit figures the server reports', async () => {
    const figures = { limit: 4321, remaining: 1234, resetAtSeconds: Math.floor(Date.now() / 1000) + 600 };
    c.fake.reportRateLimit(figures);
    await c.provider.getRepository(c.fake.repo);
    const seen = c.provider.rateLimit;
    assert.ok(seen, 'rateLimit is set');
    assert.deepEqual({ limit: seen.limit, remaining: seen.remaining }, { limit: figures.limit, remaining: figures.remaining });
    // Within 2 s: some APIs give the reset in seconds from now (Buildkite), not as an epoch.
    assert.ok(Math.abs(seen.resetAt - figures.resetAtSeconds * 1000) <= 2000, `resetAt ${new Date(seen.resetAt).toISOString()}`);
  });

  for (const [fault, what] of BODY_FAULTS) {
    for (const [name, read] of READS) {
      caseIt(c, `fails ${name} on ${what} instead of an empty success`, async () => {
        c.fake.inject(fault, { times: ALWAYS });
        const outcome = await read(c.provider, c.fake.repo, c.fake).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        assert.ok('error' in outcome, `resolved with ${JSON.stringify((outcome as { value: unknown }).value)?.slice(0, 300)}`);
        const { error } = outcome;
        assert.ok(isCiError(error) && (error.kind === 'server' || error.kind === 'network'), `a server/network CiError, got ${String(error)}`);
        assert.ok(tokenFree(c, error));
      });
    }
  }

  caseIt(c, 'turns a stall after the headers into NetworkError within the timeout', async () => {
    c.fake.inject('stall', { times: ALWAYS });
    const started = Date.now();
    await assert.rejects(c.provider.listRuns(c.fake.repo), NetworkError);
    const elapsed = Date.now() - started;
    assert.ok(elapsed <= c.fake.readDeadlineMs + 1000, `failed after ${elapsed} ms (deadline ${c.fake.readDeadlineMs} ms)`);
  });

  caseIt(c, 'fails getJobLog on a stall after the headers instead of an empty log', async () => {
    c.fake.inject('stall', { times: ALWAYS });
    const outcome = await c.provider.getJobLog?.(c.fake.repo, c.fake.seed.log.jobId, 0).then(
      (chunk) => ({ chunk }),
      (error: unknown) => ({ error }),
    );
    assert.ok(outcome && 'error' in outcome, `resolved with ${JSON.stringify(outcome)}`);
    assert.ok(outcome.error instanceof NetworkError, String(outcome.error));
  });

  caseIt(c, 'turns a connection reset into NetworkError', async () => {
    c.fake.inject('reset', { times: ALWAYS });
    await assert.rejects(c.provider.listRuns(c.fake.repo), (error: unknown) => error instanceof NetworkError && tokenFree(c, error));
  });

  caseIt(c, 'recovers once the fault is over (no sticky failure)', async () => {
    c.fake.inject('502', { times: ALWAYS });
    await assert.rejects(c.provider.listRuns(c.fake.repo), ServerError);
    c.fake.clearFaults();
    const { value } = await c.provider.listRuns(c.fake.repo, { perPage: 100 });
    assert.equal(value.items.length, c.fake.seed.runCount);
  });
}
