/**
 * Automatic retries: idempotent reads only (GET, HEAD), on transient failures, bounded and
 * abortable. Mutations are never retried: the client gives them no retry budget at all.
 */
import { CancelledError, type CiError } from '../../core/errors';
import type { Clock } from '../../core/ports';
import { HttpNetworkError } from './errors';

export interface RetryPolicy {
  /** Retries after the first attempt (default 2). */
  readonly maxRetries: number;
  /** Delay before the first retry; doubles each time (default 500 ms). */
  readonly baseDelayMs: number;
  /** A 429 is retried when its Retry-After is at most this far away (default 10 s). */
  readonly maxRetryAfterMs: number;
  /** Statuses retried (default 502, 503, 504). */
  readonly statuses: readonly number[];
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxRetryAfterMs: 10_000, statuses: [502, 503, 504] };

export function isIdempotent(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/**
 * Milliseconds to wait before retrying after `error`, or undefined when it must not be retried.
 * Timeouts and TLS/DNS failures are not retried (they rarely heal within seconds).
 */
export function retryDelay(error: CiError, attempt: number, policy: RetryPolicy, now: number): number | undefined {
  const backoff = policy.baseDelayMs * 2 ** attempt;
  if (error instanceof HttpNetworkError) {
    return error.reason === 'reset' || error.reason === 'refused' || error.reason === 'other' ? backoff : undefined;
  }
  if (error.kind === 'rate_limit' && error.status === 429 && 'resetAt' in error && typeof error.resetAt === 'number') {
    const wait = error.resetAt - now;
    return wait <= policy.maxRetryAfterMs ? Math.max(0, wait) : undefined;
  }
  if (error.kind === 'server' && error.status !== undefined && policy.statuses.includes(error.status)) {
    return backoff;
  }
  return undefined;
}

/** Resolves after `ms` on `clock`; rejects with CancelledError when `signal` aborts first. */
export function sleep(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CancelledError());
      return;
    }
    const onAbort = () => {
      handle.dispose();
      reject(new CancelledError());
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
