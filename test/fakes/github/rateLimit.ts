/** GitHub's primary rate limit per user, on the kit's budget: 5000 an hour, X-RateLimit-* headers, 304s and errors free. */
import type { RateBudget, RateSnapshot } from '../kit';

export interface RateLimitSnapshot {
  readonly limit: number;
  readonly remaining: number;
  /** Epoch seconds. */
  readonly reset: number;
  readonly used: number;
}

const resetSeconds = (snapshot: RateSnapshot): number => Math.floor(snapshot.resetMs / 1000);

/** https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#checking-the-status-of-your-rate-limit */
export function rateLimitHeaders(snapshot: RateSnapshot): Record<string, string> {
  return {
    'x-ratelimit-limit': String(snapshot.limit),
    'x-ratelimit-remaining': String(snapshot.remaining),
    'x-ratelimit-reset': String(resetSeconds(snapshot)),
    'x-ratelimit-used': String(snapshot.used),
    'x-ratelimit-resource': 'core',
  };
}

export class RateLimits {
  constructor(private readonly budget: RateBudget) {}

  snapshot(login: string): RateLimitSnapshot {
    const snapshot = this.budget.snapshot(login);
    return { limit: snapshot.limit, remaining: snapshot.remaining, reset: resetSeconds(snapshot), used: snapshot.used };
  }

  /** Sets what is left for a user (e.g. 0 to simulate exhaustion). */
  setRemaining(login: string, remaining: number): void {
    this.budget.setRemaining(login, remaining);
  }
}
