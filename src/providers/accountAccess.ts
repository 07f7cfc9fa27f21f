/**
 * Puts every request of one account through its HostLimit (src/core/scheduler/hostLimit.ts),
 * whatever the provider: the fetch the provider is given counts each exchange, reads the
 * server's rate-limit headers and, inside a rate-limit window, answers 429 itself without
 * sending anything; and every provider call fails fast with "rate limited until HH:MM" while
 * the account is paused, so polls, details, logs, Load more and actions all share one state
 * (accountProvider, which also redacts what the provider's errors say).
 */
import { RateLimitError } from '../core/errors';
import type { CiProvider } from '../core/ci/provider';
import type { Clock } from '../core/ports';
import type { HostLimit } from '../core/scheduler/hostLimit';
import { budgetSpent, readRateLimit, resumeAt, retryAfterAt } from './http/rateLimit';
import { rewriteErrorTexts } from './http/redactError';

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

/** Methods called as they are: no limit check (disposing must always work) and no error rewrite. */
const UNGUARDED = new Set<PropertyKey>(['dispose', 'constructor']);

type Method = (...args: unknown[]) => unknown;

/**
 * The provider as the pool hands it out: one Proxy whose methods are wrapped once (on first read)
 * and kept. Every call:
 * - fails fast with the account's RateLimitError while it is paused, calling nothing: a rejected
 *   promise, as the contract's methods are asynchronous. A method seen returning a plain value is
 *   synchronous (it cannot send a request) and is always called, its value returned as it is;
 * - closes the account when it rejects or throws a RateLimitError;
 * - with `redact`, rejects and throws with every credential removed from the error texts.
 * Other properties (getters included) are read from the provider itself.
 */
export function accountProvider(provider: CiProvider, limit: HostLimit, redact?: (text: string) => string): CiProvider {
  const wrapped = new Map<PropertyKey, Method>();
  const settle = (error: unknown): never => {
    if (error instanceof RateLimitError) {
      limit.pause(error.resetAt);
    }
    throw redact === undefined ? error : rewriteErrorTexts(error, redact);
  };
  const wrap = (method: Method): Method => {
    let synchronous = false;
    return (...args: unknown[]): unknown => {
      const until = synchronous ? undefined : limit.pausedUntil;
      if (until !== undefined) {
        return Promise.reject(limit.limitError(until)).catch(settle);
      }
      let result: unknown;
      try {
        result = method.apply(provider, args);
      } catch (error) {
        return settle(error);
      }
      if (result instanceof Promise) {
        return result.catch(settle);
      }
      synchronous = true;
      return result;
    };
  };
  return new Proxy(provider, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') {
        return value;
      }
      let method = wrapped.get(property);
      if (method === undefined) {
        const original = value as Method;
        method = UNGUARDED.has(property) ? original.bind(target) : wrap(original);
        wrapped.set(property, method);
      }
      return method;
    },
  });
}
