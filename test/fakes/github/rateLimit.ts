/** Primary rate limit per token: every counted answer spends one; 304s are free. */

export interface RateLimitSnapshot {
  readonly limit: number;
  readonly remaining: number;
  /** Epoch seconds. */
  readonly reset: number;
  readonly used: number;
}

export class RateLimits {
  private readonly used = new Map<string, number>();
  private reset: number;

  constructor(readonly limit: number, private readonly windowSeconds = 3600) {
    this.reset = Math.floor(Date.now() / 1000) + windowSeconds;
  }

  private roll(): void {
    const now = Math.floor(Date.now() / 1000);
    if (now >= this.reset) {
      this.used.clear();
      this.reset = now + this.windowSeconds;
    }
  }

  snapshot(identity: string): RateLimitSnapshot {
    this.roll();
    const used = this.used.get(identity) ?? 0;
    return { limit: this.limit, remaining: Math.max(0, this.limit - used), reset: this.reset, used };
  }

  spend(identity: string): void {
    this.used.set(identity, (this.used.get(identity) ?? 0) + 1);
  }

  /** Sets what is left for an identity (e.g. 0 to simulate exhaustion). */
  setRemaining(identity: string, remaining: number): void {
    this.used.set(identity, Math.max(0, this.limit - remaining));
  }

  headers(snapshot: RateLimitSnapshot): Record<string, string> {
    return {
      'x-ratelimit-limit': String(snapshot.limit),
      'x-ratelimit-remaining': String(snapshot.remaining),
      'x-ratelimit-reset': String(snapshot.reset),
      'x-ratelimit-used': String(snapshot.used),
      'x-ratelimit-resource': 'core',
    };
  }
}
