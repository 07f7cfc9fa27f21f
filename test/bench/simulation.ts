/**
 * The simulated hour shared by the request benchmarks: a fake clock moved from event to event
 * (FlowForge's poll timers, the seeded change schedule, the naive poller's 30 s rounds), and a
 * logger that counts failed polls. Timers go first at equal times, so advancing the clock for a
 * change or a naive round never fires one.
 */
import type { Logger } from '../../src/core/ports';
import type { FakeClock } from '../support/fakeClock';
import type { Change } from './dataset';
import { NAIVE_INTERVAL_MS } from './naivePoller';

export interface SimulationSteps {
  /** Due timers: call `advance` (which fires them), then wait for the polls they started. */
  readonly timers: (advance: () => void) => Promise<void>;
  readonly change: (change: Change, at: number) => void;
  readonly naive: () => Promise<void>;
}

export async function simulate(clock: FakeClock, start: number, end: number, changes: readonly Change[], steps: SimulationSteps): Promise<void> {
  let nextNaive = start;
  let nextChange = 0;
  for (;;) {
    const change = changes[nextChange];
    const changeAt = change === undefined ? Number.POSITIVE_INFINITY : start + change.at;
    const timerAt = clock.nextDueAt() ?? Number.POSITIVE_INFINITY;
    const next = Math.min(timerAt, changeAt, nextNaive);
    if (next >= end) {
      return;
    }
    const advance = (): void => clock.advance(next - clock.now());
    if (timerAt === next) {
      await steps.timers(advance);
    } else if (change !== undefined && changeAt === next) {
      advance();
      steps.change(change, next);
      nextChange += 1;
    } else {
      advance();
      await steps.naive();
      nextNaive += NAIVE_INTERVAL_MS;
    }
  }
}

/** Counts failed polls (the scheduler's "Poll of … failed" warnings) and error-level log lines. */
export class FailureCounter implements Logger {
  failures = 0;
  errorLines = 0;
  trace(): void {}
  debug(): void {}
  info(): void {}
  warn(message: string): void {
    if (message.startsWith('Poll of ')) {
      this.failures += 1;
    }
  }
  error(): void {
    this.errorLines += 1;
  }
}
