/**
 * Client-side request budget: never more than `perMinute` request starts in any sliding
 * 60-second window, and no minute-long stall after a burst. A burst of up to a quarter of the
 * budget starts at once; after it, requests start at an even pace of (perMinute - burst) a
 * minute (a generic cell rate algorithm), so a burst plus a minute of steady pace stays within
 * the budget and data keeps arriving every few seconds instead of freezing until the window
 * slides. Excess requests wait in FIFO order instead of failing.
 *
 * Server limits win: after `pauseUntil(resetAt)` (the client calls it on a 429 or a response
 * saying the budget is spent) every acquire fails fast with RateLimitError until then, instead
 * of sending requests the server will refuse. Use one limiter per host and account.
 */
import { CancelledError, RateLimitError } from '../../core/errors';
import type { Disposable } from '../../core/events';
import type { Clock } from '../../core/ports';

const WINDOW_MS = 60_000;
/** Longest server-requested pause honoured, against a skewed clock or a bogus reset. */
const MAX_PAUSE_MS = 15 * 60_000;

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

export class RequestLimiter implements Disposable {
  private readonly starts: number[] = [];
  private readonly queue: Waiter[] = [];
  private timer: Disposable | undefined;
  private disposed = false;
  /** Requests that may start back to back before the pace applies. */
  readonly burst: number;
  /** Milliseconds between paced starts. */
  private readonly interval: number;
  /** Theoretical arrival time of the next paced start (GCRA). */
  private nextPacedAt = Number.NEGATIVE_INFINITY;
  /** Epoch ms until which the server asked us to stop. */
  private pausedUntil = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly perMinute: number,
    private readonly clock: Clock,
  ) {
    if (!Number.isInteger(perMinute) || perMinute < 1) {
      throw new RangeError('perMinute must be a positive integer');
    }
    this.burst = Math.max(1, Math.ceil(perMinute / 4));
    this.interval = WINDOW_MS / Math.max(1, perMinute - this.burst);
  }

  /** Number of requests waiting for budget. */
  get pending(): number {
    return this.queue.length;
  }

  /** Epoch ms until which requests fail fast, or undefined when not paused. */
  get pausedUntilMs(): number | undefined {
    return this.pausedUntil > this.clock.now() ? this.pausedUntil : undefined;
  }

  /** The server said its budget is spent until `resetAt` (epoch ms, capped at 15 minutes ahead). */
  pauseUntil(resetAt: number): void {
    const now = this.clock.now();
    this.pausedUntil = Math.max(this.pausedUntil, Math.min(resetAt, now + MAX_PAUSE_MS));
  }

  /**
   * Resolves when a request may start; the start is counted at that moment. Rejects with
   * RateLimitError while paused by the server, CancelledError on abort or dispose.
   */
  acquire(signal?: AbortSignal): Promise<void> {
    if (this.disposed) {
      return Promise.reject(new CancelledError());
    }
    if (signal?.aborted) {
      return Promise.reject(new CancelledError());
    }
    const paused = this.pausedUntilMs;
    if (paused !== undefined) {
      return Promise.reject(new RateLimitError(`Rate limit reached; requests resume at ${new Date(paused).toISOString()}`, paused));
    }
    if (this.queue.length === 0 && this.tryStart()) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) {
            this.queue.splice(index, 1);
          }
          reject(new CancelledError());
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.schedule();
    });
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.dispose();
    this.timer = undefined;
    for (const waiter of this.queue.splice(0)) {
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.reject(new CancelledError());
    }
  }

  private prune(now: number): void {
    while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - WINDOW_MS) {
      this.starts.shift();
    }
  }

  private tryStart(): boolean {
    const now = this.clock.now();
    if (this.startAllowedAt(now) > now) {
      return false;
    }
    this.nextPacedAt = Math.max(this.nextPacedAt, now) + this.interval;
    this.starts.push(now);
    return true;
  }

  /** Earliest time the next request may start: the later of the window's and the pace's answer. */
  private startAllowedAt(now: number): number {
    this.prune(now);
    const byWindow = this.starts.length >= this.perMinute ? (this.starts[0] ?? now) + WINDOW_MS : now;
    const byPace = this.nextPacedAt - (this.burst - 1) * this.interval;
    return Math.max(now, byWindow, byPace);
  }

  private drain(): void {
    this.timer = undefined;
    while (this.queue.length > 0 && this.tryStart()) {
      const waiter = this.queue.shift();
      if (waiter) {
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.resolve();
      }
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0 || this.disposed) {
      return;
    }
    const now = this.clock.now();
    this.timer = this.clock.setTimeout(() => this.drain(), Math.max(0, this.startAllowedAt(now) - now));
  }
}
