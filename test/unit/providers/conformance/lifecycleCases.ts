/** dispose() and the caller's AbortSignal end requests in flight at once, and nothing keeps a timer afterwards. */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { CancelledError } from '../../../../src/core/errors';
import { caseIt, settleWithin, type CaseContext } from './context';

/** Far longer than a cancelled request may take to settle. */
const LONG_TIMEOUT_MS = 5000;
const PROMPTLY_MS = 500;

/** Timers that keep the process alive (unref'd ones do not count). */
function liveTimers(): number {
  return process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length;
}

/** The count before the case starts anything; after a tick, so mocha's own timeout timer (set once the case returned its promise) is in it. */
async function timerBaseline(): Promise<number> {
  await sleep(0);
  return liveTimers();
}

function describeOutcome(outcome: unknown): string {
  return outcome !== null && typeof outcome === 'object' && 'error' in outcome ? `rejected with ${String(outcome.error)}` : `resolved: ${JSON.stringify(outcome)}`;
}

async function untilRequested(c: CaseContext): Promise<void> {
  for (let i = 0; i < 200 && c.fake.requests().length === 0; i++) {
    await sleep(5);
  }
  assert.ok(c.fake.requests().length > 0, 'the request reached the fake');
}

export function lifecycleCases(c: CaseContext): void {
  caseIt(c, 'dispose() rejects a stalled request with CancelledError at once and leaves no timer', async () => {
    const baseline = await timerBaseline();
    c.fake.inject('stall', { times: 50 });
    const provider = c.fake.createProvider({ timeoutMs: LONG_TIMEOUT_MS });
    const pending = provider.listRuns(c.fake.repo);
    await untilRequested(c);
    provider.dispose();
    const outcome = await settleWithin(pending, PROMPTLY_MS);
    assert.notEqual(outcome, 'timeout', `still pending ${PROMPTLY_MS} ms after dispose()`);
    assert.ok(outcome !== 'timeout' && 'error' in outcome && outcome.error instanceof CancelledError, `CancelledError expected, ${describeOutcome(outcome)}`);
    await sleep(0);
    assert.ok(liveTimers() <= baseline, `${liveTimers() - baseline} timer(s) left after dispose()`);
  });

  caseIt(c, "the caller's abort rejects a stalled request with CancelledError at once", async () => {
    c.fake.inject('stall', { times: 50 });
    const provider = c.fake.createProvider({ timeoutMs: LONG_TIMEOUT_MS });
    const controller = new AbortController();
    const pending = provider.listRuns(c.fake.repo, { signal: controller.signal });
    await untilRequested(c);
    controller.abort();
    const outcome = await settleWithin(pending, PROMPTLY_MS);
    assert.ok(outcome !== 'timeout' && 'error' in outcome && outcome.error instanceof CancelledError, `CancelledError expected, ${describeOutcome(outcome)}`);
  });

  caseIt(c, 'leaves no timer after reads, a failed read and dispose()', async () => {
    const baseline = await timerBaseline();
    const provider = c.fake.createProvider();
    await provider.listRuns(c.fake.repo);
    await provider.listJobs(c.fake.repo, c.fake.seed.finishedRun.id);
    c.fake.inject('503', { times: 50 });
    await assert.rejects(provider.getRepository(c.fake.repo));
    provider.dispose();
    await sleep(0);
    assert.ok(liveTimers() <= baseline, `${liveTimers() - baseline} timer(s) left after dispose()`);
  });
}
