/**
 * A windowed request budget per key (organization, token): every answered request spends one.
 * Headers in the IETF draft style (RateLimit-Limit / -Remaining / -Reset in delta seconds) or with
 * an epoch reset, as the API documents it, or rendered by the fake (`render`).
 */
import type { TimeSource } from './clock';

/** Where a key's window stands. */
export interface RateSnapshot {
  readonly limit: number;
  readonly used: number;
  readonly remaining: number;
  /** End of the window, epoch ms. */
  readonly resetMs: number;
  /** Time of the snapshot, epoch ms. */
  readonly now: number;
}

export interface RateLimitOptions {
  readonly limit: number;
  readonly windowMs?: number;
  /** Answer 429 once the window's budget is spent. */
  readonly enforce?: boolean;
  /** 'delta': reset in seconds from now; 'epoch': reset as epoch seconds. */
  readonly reset?: 'delta' | 'epoch';
  /** Header prefix, e.g. "ratelimit" or "x-ratelimit". */
  readonly prefix?: string;
  /** The API's own rate-limit headers, instead of `<prefix>-limit/-remaining/-reset`. */
  readonly render?: (snapshot: RateSnapshot) => Record<string, string>;
}

export interface Spent {
  readonly exceeded: boolean;
  readonly headers: Record<string, string>;
  readonly snapshot: RateSnapshot;
}

export class RateBudget {
  private readonly used = new Map<string, { start: number; count: number }>();

  constructor(private options: RateLimitOptions, private readonly clock: TimeSource) {}

  get limit(): number {
    return this.options.limit;
  }

  get settings(): RateLimitOptions {
    return this.options;
  }

  configure(options: Partial<RateLimitOptions>): void {
    this.options = { ...this.options, ...options };
  }

  /** Spends one request of `key`'s window and returns the headers of the answer. */
  spend(key: string): Spent {
    const entry = this.window(key);
    entry.count += 1;
    const snapshot = this.snapshot(key);
    const exceeded = (this.options.enforce ?? false) && entry.count > this.options.limit;
    return { exceeded, headers: this.headers(snapshot), snapshot };
  }

  /** Gives back what `spend` took, for answers the API does not charge (e.g. 304s). */
  refund(key: string): void {
    const entry = this.used.get(key);
    if (entry !== undefined) {
      entry.count = Math.max(0, entry.count - 1);
    }
  }

  snapshot(key: string): RateSnapshot {
    const entry = this.window(key);
    const now = this.clock.now();
    return { limit: this.options.limit, used: entry.count, remaining: Math.max(0, this.options.limit - entry.count), resetMs: entry.start + this.windowMs(), now };
  }

  headers(snapshot: RateSnapshot): Record<string, string> {
    if (this.options.render !== undefined) {
      return this.options.render(snapshot);
    }
    const prefix = this.options.prefix ?? 'ratelimit';
    const reset = this.options.reset === 'epoch' ? Math.ceil(snapshot.resetMs / 1000) : Math.max(0, Math.ceil((snapshot.resetMs - snapshot.now) / 1000));
    return { [`${prefix}-limit`]: String(snapshot.limit), [`${prefix}-remaining`]: String(snapshot.remaining), [`${prefix}-reset`]: String(reset) };
  }

  /** Marks `key`'s window as spent (e.g. to simulate another client using it up). */
  exhaust(key: string): void {
    this.used.set(key, { start: this.clock.now(), count: this.options.limit });
  }

  /** Leaves `remaining` requests in `key`'s current window. */
  setRemaining(key: string, remaining: number): void {
    this.window(key).count = Math.max(0, this.options.limit - remaining);
  }

  reset(): void {
    this.used.clear();
  }

  private windowMs(): number {
    return this.options.windowMs ?? 60_000;
  }

  private window(key: string): { start: number; count: number } {
    const now = this.clock.now();
    let entry = this.used.get(key);
    if (entry === undefined || now - entry.start >= this.windowMs()) {
      entry = { start: now, count: 0 };
      this.used.set(key, entry);
    }
    return entry;
  }
}
