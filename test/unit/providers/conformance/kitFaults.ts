/** A conformance fault class as a fault rule of the fake-server kit (test/fakes/kit), for the harnesses of kit-based fakes. */
import type { FaultRule } from '../../../fakes/kit/faults';
import type { FaultClass, FaultOptions } from './harness';

/** `retryHeaders`: how the provider's API says when a 429 ends (Retry-After, RateLimit-Reset…). */
export function kitFaultRule(kind: FaultClass, options: FaultOptions, retryHeaders: (seconds: number) => Record<string, string>): Omit<FaultRule, 'method' | 'times'> {
  switch (kind) {
    case '429':
      return { kind: 'status', status: 429, headers: retryHeaders(options.resetInSeconds ?? 60) };
    case 'html200':
      return { kind: 'html' };
    case 'truncatedJson':
      return { kind: 'truncated' };
    case 'wrongShape':
      return { kind: 'wrongShape', body: { unexpected: 'shape', data: null } };
    case 'stall':
      return { kind: 'stall' };
    case 'reset':
      return { kind: 'reset' };
    default:
      return { kind: 'status', status: Number(kind) };
  }
}
