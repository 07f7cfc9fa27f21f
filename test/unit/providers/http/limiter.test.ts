import assert from 'node:assert/strict';
import { CancelledError } from '../../../../src/core/errors';
import type { Clock } from '../../../../src/core/ports';
import { RequestLimiter } from '../../../../src/providers/http/limiter';

class FakeClock implements Clock {
  time = 0;
  private timers: { at: number; callback: () => void; live: boolean }[] = [];
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number) {
    const timer = { at: this.time + ms, callback, live: true };
    this.timers.push(timer);
    return { dispose: () => void (timer.live = false) };
  }
  /** Jumps to the next live timer and fires it; false when none is left. */
  runNext(): boolean {
    const next = this.timers.filter((t) => t.live).sort((a, b) => a.at - b.at)[0];
    if (!next) {
      return false;
    }
    next.live = false;
    this.time = Math.max(this.time, next.at);
    next.callback();
    return true;
  }

  /** Advances time, firing due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) {
        break;
      }
      due.live = false;
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = end;
  }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('gitlab request limiter', () => {
  it('never starts more than N requests in any 60 s window, and queues the rest', async () => {
    const clock = new FakeClock();
    const limiter = new RequestLimiter(10, clock);
    const starts: number[] = [];
    const all = Array.from({ length: 35 }, () => limiter.acquire().then(() => starts.push(clock.now())));
    await flush();
    assert.equal(starts.length, limiter.burst);
    assert.equal(limiter.pending, 35 - limiter.burst);
    // Fire one timer at a time so each start is recorded at its true time.
    while (clock.runNext()) {
      await flush();
    }
    await Promise.all(all);
    assert.equal(starts.length, 35);
    for (const start of starts) {
      const inWindow = starts.filter((s) => s >= start && s < start + 60_000).length;
      assert.ok(inWindow <= 10, `${inWindow} starts in the window from ${start}`);
    }
    limiter.dispose();
  });

  it('starts a burst of a quarter of the budget at once, then paces the rest evenly instead of stalling for the window', async () => {
    const clock = new FakeClock();
    const limiter = new RequestLimiter(100, clock);
    const starts: number[] = [];
    for (let i = 0; i < 60; i++) {
      void limiter.acquire().then(() => starts.push(clock.now()));
    }
    await flush();
    assert.equal(limiter.burst, 25);
    assert.equal(starts.length, 25);
    // The rest at (100 - 25) a minute: one every 800 ms, never a gap of a minute.
    for (let t = 0; t < 10_000; t += 100) {
      clock.advance(100);
      await flush();
    }
    assert.equal(starts.length, 25 + 12);
    while (clock.runNext()) {
      await flush();
    }
    assert.equal(starts.length, 60);
    const gaps = starts.slice(25).map((s, i) => s - (starts[24 + i] ?? 0));
    assert.ok(gaps.every((gap) => gap <= 800), `gaps between paced starts: ${gaps.join(', ')}`);
    limiter.dispose();
  });

  it('keeps a burst plus a minute of paced requests within the budget', async () => {
    const clock = new FakeClock();
    const limiter = new RequestLimiter(2, clock);
    let started = 0;
    for (let i = 0; i < 4; i++) {
      void limiter.acquire().then(() => started++);
    }
    await flush();
    assert.equal(started, 1);
    clock.advance(59_999);
    await flush();
    assert.equal(started, 1);
    clock.advance(1);
    await flush();
    assert.equal(started, 2);
    limiter.dispose();
  });

  it('rejects queued requests on abort and on dispose', async () => {
    const clock = new FakeClock();
    const limiter = new RequestLimiter(1, clock);
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const disposed = limiter.acquire();
    controller.abort();
    await assert.rejects(aborted, CancelledError);
    assert.equal(limiter.pending, 1);
    limiter.dispose();
    await assert.rejects(disposed, CancelledError);
  });
});
