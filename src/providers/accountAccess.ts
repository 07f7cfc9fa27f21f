/**
 * Puts every request of one account through its HostLimit (src/core/scheduler/hostLimit.ts),
 * whatever the provider: the fetch the provider is given counts each exchange, reads the
 * server's rate-limit headers and, inside a rate-limit window, answers 429 itself without
 * sending anything; and every provider call fails fast with "rate limited until HH:MM" while
 * the account is paused, so polls, details, logs, Load more and actions all share one state.
 */
import { RateLimitError } from '../core/errors';
import type { CiProvider } from '../core/ci/provider';
import type { Clock } from '../core/ports';
import type { HostLimit } from '../core/scheduler/hostLimit';
import { budgetSpent, readRateLimit, resumeAt, retryAfterAt } from './http/rateLimit';

type Fetch = typeof globalThis.fetch;

/** Statuses whose Retry-After means "slow down": rate limits (429, GitHub's 403) and throttled successes (Azure DevOps). */
function throttles(status: number): boolean {
  return status === 429 || status === 403 || (status >= 200 && status < 300);
}

/** What the server's answer says about the account's limit. */
function observe(limit: HostLimit, response: Response, now: number): void {
  limit.noteRequest(response.status);
  const { headers, status } = response;
  const info = readRateLimit(headers, now);
  if (info !== undefined) {
    limit.noteServerLimit(info);
  }
  if (status === 429 || (budgetSpent(headers) && info !== undefined) || (throttles(status) && retryAfterAt(headers, now) !== undefined)) {
    limit.pause(resumeAt(headers, now));
  }
}

/** The answer given instead of sending, while the account is paused: the provider maps it like the server's own 429. */
function localRateLimitAnswer(limit: HostLimit, until: number, now: number): Response {
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  const message = limit.limitError(until).message;
  return new Response(JSON.stringify({ message }), { status: 429, statusText: 'Too Many Requests', headers: { 'content-type': 'application/json', 'retry-after': String(seconds) } });
}

/** `fetch` (or the global one, looked up per call) through the account's limit. */
export function limitedFetch(limit: HostLimit, clock: Clock, fetch?: Fetch): Fetch {
  return async (input, init) => {
    const until = limit.pausedUntil;
    if (until !== undefined) {
      return localRateLimitAnswer(limit, until, clock.now());
    }
    const response = await (fetch ?? globalThis.fetch)(input, init);
    observe(limit, response, clock.now());
    return response;
  };
}

const UNGUARDED = new Set<PropertyKey>(['dispose', 'constructor']);

/**
 * The provider with every call checked against the account's limit first (a RateLimitError,
 * nothing sent, while paused), and every RateLimitError it throws closing the account.
 */
export function limitedProvider(provider: CiProvider, limit: HostLimit): CiProvider {
  return new Proxy(provider, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function') {
        return value;
      }
      const method = value as (...args: unknown[]) => unknown;
      if (UNGUARDED.has(property)) {
        return method.bind(target);
      }
      return async (...args: unknown[]) => {
        limit.ensureOpen();
        try {
          return await method.apply(target, args);
        } catch (error) {
          if (error instanceof RateLimitError) {
            limit.pause(error.resetAt);
          }
          throw error;
        }
      };
    },
  });
}
