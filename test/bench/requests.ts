/**
 * (a) API requests over a simulated hour: the real SyncService + GitHub provider against the fake
 * GitHub server, driven by a fake clock, next to a naive 30 s poller on the same server and the
 * same seeded change schedule. Every step settles its HTTP requests before time moves on, so the
 * server's counters can be attributed to FlowForge or to the naive poller by difference.
 */
import { SyncService } from '../../src/core/sync/syncService';
import { DEFAULT_POLL_SETTINGS } from '../../src/core/sync/types';
import { githubDescriptor } from '../../src/providers/github';
import type { AccountConfig } from '../../src/core/ci/provider';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github/server';
import { FakeClock } from '../support/fakeClock';
import { MemoryStore } from '../support/memoryStore';
import { applyChange, benchData, changeSchedule, FLOWFORGE_TOKEN, NAIVE_TOKEN, repoSlugs, WATCHED_BRANCH } from './dataset';
import { InFlightTracker } from './inFlight';
import { NAIVE_INTERVAL_MS, NaivePoller } from './naivePoller';
import { seededRandom } from './prng';
import { FailureCounter, simulate } from './simulation';

export interface RequestScenario {
  readonly name: string;
  readonly repos: number;
  /** Repositories with a run in progress the whole hour. */
  readonly activeRepos: number;
  readonly durationMs: number;
  /** Share of (repository, 30 s window) poll opportunities that see a change. */
  readonly changeRate: number;
  readonly seed: number;
  /** flowforge.mergeGate.enabled (default on, as in the extension). */
  readonly mergeGate?: boolean;
}

export interface Counts {
  requests: number;
  /** Answers spending rate limit (200s). */
  counted: number;
  notModified: number;
  errors: number;
}

export interface RequestFigures {
  readonly scenario: string;
  readonly repos: number;
  readonly activeRepos: number;
  readonly changes: number;
  readonly flowforge: Counts & { readonly failedPolls: number; readonly errorLogLines: number };
  readonly naive: Counts;
  /** naive requests / FlowForge counted requests. */
  readonly ratio: number;
}

const zero = (): Counts => ({ requests: 0, counted: 0, notModified: 0, errors: 0 });

/** Runs `step` and adds the server requests it caused to `into`. */
async function measure(server: FakeGitHub, into: Counts, step: () => Promise<void>): Promise<void> {
  const { requests, counted, notModified } = server.stats;
  await step();
  const delta = { requests: server.stats.requests - requests, counted: server.stats.counted - counted, notModified: server.stats.notModified - notModified };
  into.requests += delta.requests;
  into.counted += delta.counted;
  into.notModified += delta.notModified;
  into.errors += delta.requests - delta.counted - delta.notModified;
}

export async function runRequestScenario(scenario: RequestScenario): Promise<RequestFigures> {
  const clock = new FakeClock();
  const start = clock.now();
  const end = start + scenario.durationMs;
  const slugs = repoSlugs(scenario.repos);
  const changes = changeSchedule(slugs, scenario.durationMs, NAIVE_INTERVAL_MS, scenario.changeRate, seededRandom(scenario.seed));
  // A huge limit: the naive poller alone would exceed GitHub's 5000/h, and we want to count, not throttle.
  const server = await startFakeGitHub({ state: benchData(slugs, scenario.activeRepos, start), rateLimit: 10_000_000 });
  const logger = new FailureCounter();
  const account: AccountConfig = { kind: 'github', apiUrl: server.url };
  const provider = githubDescriptor.create(account, { getToken: () => Promise.resolve(FLOWFORGE_TOKEN), logger });
  const tracker = new InFlightTracker();
  const tracked = tracker.wrap(provider);
  const sync = new SyncService({
    clock,
    logger,
    store: new MemoryStore(),
    providerFor: () => tracked,
    settings: () => ({ ...DEFAULT_POLL_SETTINGS, mergeGate: scenario.mergeGate }),
    activity: () => ({ windowFocused: true, viewVisible: true }),
  });
  const naive = new NaivePoller(server.url, NAIVE_TOKEN, slugs, DEFAULT_POLL_SETTINGS.pageSize);
  const flowforge = zero();
  const baseline = zero();
  try {
    await measure(server, flowforge, async () => {
      sync.setRepositories(slugs.map((slug) => ({ repo: githubDescriptor.parseSlug(slug, account), branch: WATCHED_BRANCH })));
      await tracker.settled();
    });
    await simulate(clock, start, end, changes, {
      timers: (advance) => measure(server, flowforge, async () => {
        advance();
        await tracker.settled();
      }),
      change: (change, at) => applyChange(server.state, change, at),
      naive: () => measure(server, baseline, () => naive.pollAll()),
    });
  } finally {
    sync.dispose();
    provider.dispose();
    await server.close();
  }
  return {
    scenario: scenario.name,
    repos: scenario.repos,
    activeRepos: scenario.activeRepos,
    changes: changes.length,
    flowforge: { ...flowforge, failedPolls: logger.failures, errorLogLines: logger.errorLines },
    naive: baseline,
    ratio: flowforge.counted === 0 ? Number.POSITIVE_INFINITY : baseline.requests / flowforge.counted,
  };
}
