/**
 * A windowed request budget per key (organization, token): every answered request spends one.
 * Headers in the IETF draft style (RateLimit-Limit / -Remaining / -Reset in delta seconds) or with
 * an epoch reset, as the API documents it.
 */
import type { TimeSource } from './clock';

export interface RateLimitOptions {
  readonly limit: number;
  readonly windowMs?: number;
  /** Answer 429 once the window's budget is spent. */
  readonly enforce?: boolean;
  /** 'delta': reset in seconds from now; 'epoch': reset as epoch seconds. */
  readonly reset?: 'delta' | 'epoch';
  /** Header prefix, e.g. "ratelimit" or "x-ratelimit". */
  readonly prefix?: string;
}

export interface Spent {
  readonly exceeded: boolean;
  readonly headers: Record<string, string>;
}

export class RateBudget {
  private readonly used = new Map<string, { start: number; count: number }>();

  constructor(private options: RateLimitOptions, private readonly clock: TimeSource) {}

  configure(options: Partial<RateLimitOptions>): void {
    this.options = { ...this.options, ...options };
  }

  /** Spends one request of `key`'s window and returns the headers of the answer. */
  spend(key: string): Spent {
    const windowMs = this.options.windowMs ?? 60_000;
    const now = this.clock.now();
    let entry = this.used.get(key);
    if (entry === undefined || now - entry.start >= windowMs) {
      entry = { start: now, count: 0 };
      this.used.set(key, entry);
    }
    entry.count += 1;
    const resetMs = entry.start + windowMs;
    const remaining = Math.max(0, this.options.limit - entry.count);
    const prefix = this.options.prefix ?? 'ratelimit';
    const reset = this.options.reset === 'epoch' ? Math.ceil(resetMs / 1000) : Math.max(0, Math.ceil((resetMs - now) / 1000));
    const exceeded = (this.options.enforce ?? false) && entry.count > this.options.limit;
    return {
      exceeded,
      headers: { [`${prefix}-limit`]: String(this.options.limit), [`${prefix}-remaining`]: String(remaining), [`${prefix}-reset`]: String(reset) },
    };
  }

  /** Marks `key`'s window as spent (e.g. to simulate another client using it up). */
  exhaust(key: string): void {
    this.used.set(key, { start: this.clock.now(), count: this.options.limit });
  }

  reset(): void {
    this.used.clear();
  }
}
