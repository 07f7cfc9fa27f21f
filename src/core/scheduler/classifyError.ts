/**
 * Maps a poll failure to the scheduler's notion of health.
 */
import { AuthError, RateLimitError } from '../errors';
import type { PollHealth } from './intervalPolicy';

/**
 * Rate limits wait for their reset; a failed authentication stops polling; everything else
 * (network, server, and unexpected errors) is treated as transient and backed off.
 */
export function classifyError(error: unknown, previous: PollHealth): PollHealth {
  if (error instanceof RateLimitError) {
    return { kind: 'rate_limited', resetAt: error.resetAt };
  }
  if (error instanceof AuthError) {
    return { kind: 'stopped' };
  }
  const failures = previous.kind === 'offline' ? previous.failures + 1 : 1;
  return { kind: 'offline', failures };
}
