/**
 * A deterministic Clock for tests: time only moves when the test says so.
 */
import type { Disposable } from '../../src/core/events';
import type { Clock } from '../../src/core/ports';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

/** Lets every queued promise continuation run (one macrotask turn drains the microtask queue). */
export async function flushMicrotasks(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export class FakeClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();

  constructor(start = Date.UTC(2024, 0, 15, 12, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): Disposable {
    const seq = this.seq++;
    this.timers.set(seq, { at: this.time + Math.max(0, ms), seq, callback });
    return { dispose: () => this.timers.delete(seq) };
  }

  /** Number of timers scheduled and not yet fired or disposed. */
  pending(): number {
    return this.timers.size;
  }

  /** Due time of the earliest pending timer, if any. */
  nextDueAt(): number | undefined {
    return this.next(Number.POSITIVE_INFINITY)?.at;
  }

  /**
   * Moves time forward by `ms`, firing due timers in order of due time (then of scheduling).
   * Timers scheduled by callbacks fire too when they fall due within the window.
   */
  advance(ms: number): void {
    const target = this.time + ms;
    for (let timer = this.next(target); timer !== undefined; timer = this.next(target)) {
      this.fire(timer);
    }
    this.time = target;
  }

  /**
   * Like advance, but lets promises settle after each timer, so async work started by a
   * timer (and the timers it schedules when done) is processed within the same window.
   */
  async tick(ms: number): Promise<void> {
    const target = this.time + ms;
    await flushMicrotasks();
    for (let timer = this.next(target); timer !== undefined; timer = this.next(target)) {
      this.fire(timer);
      await flushMicrotasks();
    }
    this.time = target;
  }

  private fire(timer: Timer): void {
    this.timers.delete(timer.seq);
    this.time = timer.at;
    timer.callback();
  }

  private next(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.at <= limit && (best === undefined || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq))) {
        best = timer;
      }
    }
    return best;
  }
}
