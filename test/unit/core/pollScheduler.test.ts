import * as assert from 'node:assert/strict';
import { AuthError, NetworkError, RateLimitError } from '../../../src/core/errors';
import { nullLogger } from '../../../src/core/ports';
import type { PollMode, PollResult } from '../../../src/core/scheduler/intervalPolicy';
import { PollScheduler } from '../../../src/core/scheduler/pollScheduler';
import type { Activity, PollSettings } from '../../../src/core/sync/types';
import { FakeClock, flushMicrotasks } from '../../support/fakeClock';

const SETTINGS: PollSettings = { activeInterval: 10, idleInterval: 30, maxInterval: 120, backgroundInterval: 600, pageSize: 20 };

interface Call {
  readonly key: string;
  readonly mode: PollMode;
  readonly signal: AbortSignal;
  readonly at: number;
  resolve(result: PollResult): void;
  reject(error: unknown): void;
}

/** A scheduler around a poll function whose calls the test settles by hand (or automatically). */
function setup(options: { auto?: (call: Call) => PollResult | Error | undefined } = {}) {
  const clock = new FakeClock();
  let activity: Activity = { windowFocused: true, viewVisible: true };
  const calls: Call[] = [];
  const scheduler = new PollScheduler({
    clock,
    logger: nullLogger,
    settings: () => SETTINGS,
    activity: () => activity,
    poll: (key, mode, signal) =>
      new Promise<PollResult>((resolve, reject) => {
        const call: Call = { key, mode, signal, at: clock.now(), resolve, reject };
        calls.push(call);
        const outcome = options.auto?.(call);
        if (outcome instanceof Error) {
          reject(outcome);
        } else if (outcome !== undefined) {
          resolve(outcome);
        }
      }),
  });
  return {
    clock,
    calls,
    scheduler,
    setActivity(next: Activity) {
      activity = next;
      scheduler.reschedule();
    },
    /** Seconds between consecutive calls, from the start. */
    gaps(): number[] {
      return calls.slice(1).map((call, i) => (call.at - (calls[i]?.at ?? 0)) / 1000);
    },
  };
}

describe('poll scheduler', () => {
  it('polls a new key at once', async () => {
    const { clock, calls, scheduler } = setup({ auto: () => ({ changed: true, active: false }) });
    scheduler.add('a');
    await clock.tick(0);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.mode, 'full');
    scheduler.dispose();
  });

  it('polls at the active interval while a run is active', async () => {
    const t = setup({ auto: () => ({ changed: false, active: true }) });
    t.scheduler.add('a');
    await t.clock.tick(35_000);
    assert.deepEqual(t.gaps(), [10, 10, 10]);
    t.scheduler.dispose();
  });

  it('backs off to the maximum after unchanged polls', async () => {
    const t = setup({ auto: () => ({ changed: false, active: false }) });
    t.scheduler.add('a');
    await t.clock.tick(700_000);
    assert.deepEqual(t.gaps().slice(0, 6), [60, 120, 120, 120, 120, 120]);
    t.scheduler.dispose();
  });

  it('never overlaps polls of a key and coalesces refreshes into one follow-up', async () => {
    const t = setup();
    t.scheduler.add('a');
    await t.clock.tick(0);
    assert.equal(t.calls.length, 1);
    const refreshes = [t.scheduler.refresh('a'), t.scheduler.refresh('a'), t.scheduler.refresh()];
    await t.clock.tick(100_000);
    assert.equal(t.calls.length, 1, 'no second poll while the first is in flight');
    t.calls[0]?.resolve({ changed: true, active: false });
    await flushMicrotasks();
    assert.equal(t.calls.length, 2, 'exactly one follow-up poll');
    let settled = false;
    void Promise.all(refreshes).then(() => (settled = true));
    await flushMicrotasks();
    assert.equal(settled, false, 'refresh waits for the follow-up poll');
    t.calls[1]?.resolve({ changed: false, active: false });
    await flushMicrotasks();
    assert.equal(settled, true);
    t.scheduler.dispose();
  });

  it('refresh polls immediately and restarts the interval', async () => {
    const t = setup({ auto: () => ({ changed: true, active: false }) });
    t.scheduler.add('a');
    await t.clock.tick(20_000);
    await t.scheduler.refresh('a');
    assert.equal(t.calls.length, 2);
    assert.equal(t.scheduler.nextPollAt('a'), t.clock.now() + 30_000);
    t.scheduler.dispose();
  });

  it('waits for the rate-limit reset before polling again', async () => {
    const t = setup({ auto: (call) => (t.calls.length === 1 ? new RateLimitError('limit', call.at + 500_000) : { changed: true, active: false }) });
    t.scheduler.add('a');
    await t.clock.tick(0);
    assert.equal(t.scheduler.health('a')?.kind, 'rate_limited');
    await t.scheduler.refresh('a');
    assert.equal(t.calls.length, 1, 'refresh does not hammer a rate-limited API');
    await t.clock.tick(500_000);
    assert.equal(t.calls.length, 1);
    await t.clock.tick(1_000);
    assert.equal(t.calls.length, 2);
    assert.deepEqual(t.scheduler.health('a'), { kind: 'ok' });
    t.scheduler.dispose();
  });

  it('backs off while offline and recovers at the idle interval', async () => {
    let failures = 3;
    const t = setup({ auto: () => (failures-- > 0 ? new NetworkError('down') : { changed: true, active: false }) });
    t.scheduler.add('a');
    await t.clock.tick(300_000);
    assert.deepEqual(t.gaps().slice(0, 4), [30, 60, 120, 30]);
    t.scheduler.dispose();
  });

  it('stops polling after an authentication failure until resumed', async () => {
    let denied = true;
    const t = setup({ auto: () => (denied ? new AuthError('401', 401) : { changed: true, active: false }) });
    t.scheduler.add('a');
    await t.clock.tick(1_000_000);
    assert.equal(t.calls.length, 1);
    assert.equal(t.clock.pending(), 0);
    denied = false;
    await t.scheduler.resume('a');
    assert.equal(t.calls.length, 2);
    assert.deepEqual(t.scheduler.health('a'), { kind: 'ok' });
    assert.equal(t.clock.pending(), 1);
    t.scheduler.dispose();
  });

  it('polls only in background mode at the background interval when unfocused and hidden', async () => {
    const t = setup({ auto: () => ({ changed: false, active: true }) });
    t.scheduler.add('a');
    await t.clock.tick(0);
    t.setActivity({ windowFocused: false, viewVisible: false });
    await t.clock.tick(1_300_000);
    assert.deepEqual(
      t.calls.map((c) => c.mode),
      ['full', 'background', 'background'],
    );
    assert.deepEqual(t.gaps(), [600, 600]);
    t.scheduler.dispose();
  });

  it('polls at once when focus returns and the data is older than the interval', async () => {
    const t = setup({ auto: () => ({ changed: false, active: true }) });
    t.scheduler.add('a');
    await t.clock.tick(0);
    t.setActivity({ windowFocused: false, viewVisible: false });
    await t.clock.tick(60_000);
    assert.equal(t.calls.length, 1);
    t.setActivity({ windowFocused: true, viewVisible: false });
    await t.clock.tick(0);
    assert.equal(t.calls.length, 2);
    assert.equal(t.calls[1]?.mode, 'full');
    t.scheduler.dispose();
  });

  it('does not poll when focus returns and the data is still fresh', async () => {
    const t = setup({ auto: () => ({ changed: true, active: false }) });
    t.scheduler.add('a');
    await t.clock.tick(0);
    t.setActivity({ windowFocused: false, viewVisible: false });
    await t.clock.tick(5_000);
    t.setActivity({ windowFocused: true, viewVisible: true });
    await t.clock.tick(0);
    assert.equal(t.calls.length, 1);
    assert.equal(t.scheduler.nextPollAt('a'), t.calls[0]!.at + 30_000);
    t.scheduler.dispose();
  });

  it('aborts the in-flight poll of a removed key and forgets it', async () => {
    const t = setup();
    t.scheduler.add('a');
    t.scheduler.add('b');
    await t.clock.tick(0);
    t.scheduler.remove('a');
    assert.equal(t.calls[0]?.signal.aborted, true);
    assert.equal(t.calls[1]?.signal.aborted, false);
    t.calls[0]?.resolve({ changed: true, active: false });
    t.calls[1]?.resolve({ changed: true, active: false });
    await flushMicrotasks();
    assert.equal(t.scheduler.has('a'), false);
    assert.equal(t.clock.pending(), 1, 'only b is scheduled');
    t.scheduler.dispose();
  });

  it('leaves no timer and no in-flight poll after dispose', async () => {
    const t = setup({ auto: (call) => (call.key === 'slow' ? undefined : { changed: true, active: false }) });
    t.scheduler.add('fast');
    t.scheduler.add('slow');
    await t.clock.tick(0);
    const pendingRefresh = t.scheduler.refresh('slow');
    assert.equal(t.clock.pending(), 1);
    t.scheduler.dispose();
    assert.equal(t.clock.pending(), 0);
    assert.ok(t.calls.every((call) => call.signal.aborted || call.key === 'fast'));
    assert.equal(t.calls.find((c) => c.key === 'slow')?.signal.aborted, true);
    await pendingRefresh;
    await t.clock.tick(1_000_000);
    assert.equal(t.calls.length, 2);
    t.scheduler.add('late');
    assert.equal(t.clock.pending(), 0);
  });

  it('keeps keys independent', async () => {
    const t = setup({ auto: (call) => ({ changed: false, active: call.key === 'busy' }) });
    t.scheduler.add('busy');
    t.scheduler.add('idle');
    await t.clock.tick(60_000);
    assert.equal(t.calls.filter((c) => c.key === 'busy').length, 7);
    assert.equal(t.calls.filter((c) => c.key === 'idle').length, 2);
    t.scheduler.dispose();
  });
});
