/**
 * Spaces writes (mutations) at least `minGapMs` apart per account, as GitHub asks of
 * integrations to stay clear of secondary rate limits. Queued writes run in order. vscode-free.
 */
import type { Clock } from '../core/ports';

export const WRITE_GAP_MS = 1000;

export class WriteSpacer {
  /** Per account: when the last write started, and the tail of the queue. */
  private readonly lanes = new Map<string, { lastStart: number; tail: Promise<unknown> }>();

  constructor(
    private readonly clock: Clock,
    private readonly minGapMs = WRITE_GAP_MS,
  ) {}

  /** Runs `write` once the account's previous write started at least `minGapMs` ago. */
  run<T>(account: string, write: () => Promise<T>): Promise<T> {
    const lane = this.lanes.get(account) ?? { lastStart: Number.NEGATIVE_INFINITY, tail: Promise.resolve() };
    this.lanes.set(account, lane);
    const result = lane.tail.then(async () => {
      const wait = lane.lastStart + this.minGapMs - this.clock.now();
      if (wait > 0) {
        await new Promise<void>((resolve) => this.clock.setTimeout(resolve, wait));
      }
      lane.lastStart = this.clock.now();
      return write();
    });
    // The next write waits for this one to start and finish, whatever its outcome.
    lane.tail = result.catch(() => undefined);
    return result;
  }
}
