/**
 * The simulated hour the per-provider request benchmarks share: the real SyncService polls the
 * given repositories through `provider` (tracked so every poll's requests finish before time moves
 * on), a fake clock jumps from timer to timer and the fake server's clock follows; every
 * CHANGE_EVERY `change(index, at)` lands a new finished build somewhere.
 */
import { SyncService } from '../../src/core/sync/syncService';
import { DEFAULT_POLL_SETTINGS } from '../../src/core/sync/types';
import type { CiProvider } from '../../src/core/ci/provider';
import type { RepoRef } from '../../src/core/model';
import { InFlightTracker } from './inFlight';
import { FailureCounter } from './simulation';
import { FakeClock } from '../support/fakeClock';
import { MemoryStore } from '../support/memoryStore';
import { ManualClock } from '../fakes/kit';

export const HOUR = 3_600_000;
export const CHANGE_EVERY = 6 * 60_000;

/** The clocks of one simulated hour (the fake server follows `serverClock`) and its failed-poll count. */
export interface HourClocks {
  readonly clock: FakeClock;
  readonly serverClock: ManualClock;
  /** Counts failed polls (warnings "Poll of …"). */
  readonly logger: FailureCounter;
}

export function hourClocks(): HourClocks {
  const clock = new FakeClock();
  return { clock, serverClock: new ManualClock(clock.now()), logger: new FailureCounter() };
}

/**
 * Polls `repositories` through `provider` for an hour; `change(index, at)` lands the index-th new
 * build at `at` (epoch ms); `close` (the provider and its fake server) runs at the end, whatever happened.
 */
export async function simulateHour(
  { clock, serverClock, logger }: HourClocks,
  provider: CiProvider,
  repositories: readonly { readonly repo: RepoRef; readonly branch: string }[],
  change: (index: number, at: number) => void,
  close: () => Promise<void>,
): Promise<void> {
  const tracker = new InFlightTracker();
  const tracked = tracker.wrap(provider);
  const sync = new SyncService({ clock, logger, store: new MemoryStore(), providerFor: () => tracked, settings: () => DEFAULT_POLL_SETTINGS, activity: () => ({ windowFocused: true, viewVisible: true }) });
  const start = clock.now();
  let nextChange = start + CHANGE_EVERY;
  let changeIndex = 0;
  try {
    sync.setRepositories(repositories);
    await tracker.settled();
    for (;;) {
      const timerAt = clock.nextDueAt() ?? Number.POSITIVE_INFINITY;
      const next = Math.min(timerAt, nextChange);
      if (next >= start + HOUR) break;
      clock.advance(next - clock.now());
      serverClock.set(clock.now());
      if (next === nextChange && timerAt !== next) {
        change(changeIndex, next);
        changeIndex++;
        nextChange += CHANGE_EVERY;
      }
      await tracker.settled();
    }
  } finally {
    sync.dispose();
    await close();
  }
}

/** A naive poller's requests in the hour: two lists per repository every 30 s. */
export function naiveRequests(repositories: number): number {
  return repositories * 2 * (HOUR / 30_000);
}

/** "…: N requests, naive poller M (Kx fewer)" and the requests by route, one a line. */
export function formatHour(title: string, total: number, naive: number, tail: string, byRoute: Readonly<Record<string, number>>): string {
  const routes = Object.entries(byRoute).map(([route, count]) => `    ${count}\t${route}`).join('\n');
  return `\n${title}, 1 simulated hour: ${total} requests, naive poller ${naive} (${(naive / Math.max(1, total)).toFixed(1)}x fewer)${tail}\n${routes}`;
}
