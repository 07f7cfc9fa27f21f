/**
 * Server rate-limit headers: RateLimit-* (GitLab, IETF draft), X-RateLimit-* (GitHub, Bitbucket,
 * Buildkite) and Retry-After (seconds or an HTTP date).
 */
import type { RateLimitInfo } from '../../core/ci/provider';

/** Reset values below this are delta seconds (IETF draft); above, epoch seconds (GitLab, GitHub). */
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === '') {
    return undefined;
  }
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

function resetHeader(headers: Headers, now: number): number | undefined {
  const reset = numberHeader(headers, 'ratelimit-reset') ?? numberHeader(headers, 'x-ratelimit-reset');
  if (reset === undefined) {
    return undefined;
  }
  return reset >= EPOCH_SECONDS_THRESHOLD ? reset * 1000 : now + Math.max(0, reset) * 1000;
}

/** Limit / remaining / reset when a response carries all three (either header family). */
export function readRateLimit(headers: Headers, now: number): RateLimitInfo | undefined {
  const limit = numberHeader(headers, 'ratelimit-limit') ?? numberHeader(headers, 'x-ratelimit-limit');
  const remaining = numberHeader(headers, 'ratelimit-remaining') ?? numberHeader(headers, 'x-ratelimit-remaining');
  const resetAt = resetHeader(headers, now);
  if (limit === undefined || remaining === undefined || resetAt === undefined) {
    return undefined;
  }
  return { limit, remaining, resetAt };
}

/** Epoch ms given by Retry-After, or undefined without a valid one. */
export function retryAfterAt(headers: Headers, now: number): number | undefined {
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') {
    return undefined;
  }
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) {
    return now + Math.max(0, seconds) * 1000;
  }
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : date;
}

/**
 * Epoch ms when a rate-limited client may resume: Retry-After, else RateLimit-Reset /
 * X-RateLimit-Reset, else `now + fallbackMs`.
 */
export function resumeAt(headers: Headers, now: number, fallbackMs = 60_000): number {
  return retryAfterAt(headers, now) ?? resetHeader(headers, now) ?? now + fallbackMs;
}

/** True when the headers say the budget is spent (remaining 0) until the reset. */
export function budgetSpent(headers: Headers): boolean {
  return (numberHeader(headers, 'ratelimit-remaining') ?? numberHeader(headers, 'x-ratelimit-remaining')) === 0;
}
