/** Reads GitLab's RateLimit-* and Retry-After headers. */
import type { RateLimitInfo } from '../../core/ci/provider';

function intHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') {
    return undefined;
  }
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** RateLimit-Limit / -Remaining / -Reset (epoch seconds), when all are present. */
export function readRateLimit(headers: Headers): RateLimitInfo | undefined {
  const limit = intHeader(headers, 'ratelimit-limit');
  const remaining = intHeader(headers, 'ratelimit-remaining');
  const reset = intHeader(headers, 'ratelimit-reset');
  if (limit === undefined || remaining === undefined || reset === undefined) {
    return undefined;
  }
  return { limit, remaining, resetAt: reset * 1000 };
}

/** Epoch ms when a 429 says we may retry: Retry-After (seconds or HTTP date), else RateLimit-Reset, else in 60 s. */
export function retryAt(headers: Headers, now: number): number {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && retryAfter.trim() !== '') {
      return now + Math.max(0, seconds) * 1000;
    }
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) {
      return date;
    }
  }
  const reset = intHeader(headers, 'ratelimit-reset');
  return reset !== undefined ? reset * 1000 : now + 60_000;
}
