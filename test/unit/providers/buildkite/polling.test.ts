/**
 * Requests of 20 Buildkite pipelines over a simulated hour: the real SyncService + BuildkiteProvider
 * against the fake Buildkite, driven by a fake clock (the fake server follows it). Two pipelines
 * have a build running all hour; a new finished build lands somewhere every 6 minutes. Printed as
 * a figure, and checked against Buildkite's documented limit of 200 requests per minute per
 * organization (and FlowForge's own default share of 60).
 */
import assert from 'node:assert/strict';
import { SyncService } from '../../../../src/core/sync/syncService';
import { DEFAULT_POLL_SETTINGS } from '../../../../src/core/sync/types';
import { buildkiteDescriptor, BuildkiteProvider } from '../../../../src/providers/buildkite';
import { DEFAULT_REQUESTS_PER_MINUTE } from '../../../../src/providers/buildkite/provider';
import { InFlightTracker } from '../../../bench/inFlight';
import { FailureCounter } from '../../../bench/simulation';
import { FakeClock } from '../../../support/fakeClock';
import { MemoryStore } from '../../../support/memoryStore';
import { ManualClock } from '../../../fakes/kit';
import { TOKENS } from '../../../fakes/buildkite/fixtures';
import { FakeBuildkiteServer } from '../../../fakes/buildkite/server';
import { FakeBuildkiteState } from '../../../fakes/buildkite/state';

const PIPELINES = 20;
const RUNNING = 2;
const HOUR = 3_600_000;
const CHANGE_EVERY = 6 * 60_000;

function maxPerMinute(times: readonly number[]): number {
  let best = 0;
  let from = 0;
  for (let to = 0; to < times.length; to++) {
    while ((times[to] ?? 0) - (times[from] ?? 0) >= 60_000) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}

describe('buildkite polling over a simulated hour (20 pipelines)', function () {
  this.timeout(120_000);

  it('stays far below 200 requests per minute per organization', async () => {
    const clock = new FakeClock();
    const serverClock = new ManualClock(clock.now());
    const state = new FakeBuildkiteState(serverClock);
    state.tokens.set(TOKENS.full, { uuid: 'bench', scopes: ['read_builds', 'read_pipelines', 'read_build_logs', 'write_builds'] });
    state.organizations.push({ slug: 'acme', name: 'ACME' });
    const slugs = Array.from({ length: PIPELINES }, (_, i) => `p${i + 1}`);
    for (const [index, slug] of slugs.entries()) {
      state.pipelines.push({ org: 'acme', slug, name: slug, repository: `git@github.com:acme/${slug}.git`, defaultBranch: 'main', configuration: '' });
      for (let n = 1; n <= 5; n++) {
        const at = new Date(clock.now() - (6 - n) * HOUR).toISOString();
        state.addBuild({ org: 'acme', pipeline: slug, number: n, state: n % 4 === 0 ? 'failed' : 'passed', message: `change ${n}`, commit: n.toString(16).padStart(40, '0'), branch: 'main', source: 'webhook', createdAt: at, startedAt: at, finishedAt: at, jobs: [{ id: `${slug}-${n}`, type: 'script', name: 'test', state: 'passed' }] });
      }
      if (index < RUNNING) {
        state.addBuild({ org: 'acme', pipeline: slug, number: 6, state: 'running', message: 'long', commit: 'f'.repeat(40), branch: 'main', source: 'webhook', createdAt: new Date(clock.now() - 60_000).toISOString(), jobs: [{ id: `${slug}-run`, type: 'script', name: 'soak', state: 'running' }] });
      }
    }
    const server = new FakeBuildkiteServer({ state, limitPerMinute: 200 });
    const url = await server.start();
    const account = buildkiteDescriptor.readAccounts(() => url).accounts[0];
    assert.ok(account);
    const logger = new FailureCounter();
    // The client-side budget is lifted: its waits would need the fake clock to move inside a poll.
    const provider = new BuildkiteProvider(url, { getToken: () => Promise.resolve(TOKENS.full), logger }, { clock, requestsPerMinute: 1_000_000 });
    const tracker = new InFlightTracker();
    const tracked = tracker.wrap(provider);
    const sync = new SyncService({ clock, logger, store: new MemoryStore(), providerFor: () => tracked, settings: () => DEFAULT_POLL_SETTINGS, activity: () => ({ windowFocused: true, viewVisible: true }) });
    const start = clock.now();
    let nextChange = start + CHANGE_EVERY;
    let changeIndex = 0;
    try {
      sync.setRepositories(slugs.map((slug) => ({ repo: buildkiteDescriptor.parseSlug(`acme/${slug}`, account), branch: 'main' })));
      await tracker.settled();
      for (;;) {
        const timerAt = clock.nextDueAt() ?? Number.POSITIVE_INFINITY;
        const next = Math.min(timerAt, nextChange);
        if (next >= start + HOUR) break;
        clock.advance(next - clock.now());
        serverClock.set(clock.now());
        if (next === nextChange && timerAt !== next) {
          const slug = slugs[(changeIndex * 7) % PIPELINES] ?? 'p1';
          const at = new Date(next).toISOString();
          state.addBuild({ org: 'acme', pipeline: slug, number: state.nextNumber('acme', slug), state: 'passed', message: 'new', commit: 'e'.repeat(40), branch: changeIndex % 2 === 0 ? 'main' : 'feature', source: 'webhook', createdAt: at, startedAt: at, finishedAt: at });
          changeIndex++;
          nextChange += CHANGE_EVERY;
        }
        await tracker.settled();
      }
    } finally {
      sync.dispose();
      provider.dispose();
      await server.close();
    }
    const byRoute = server.stats.byRoute();
    const total = server.stats.count();
    const peak = maxPerMinute(server.stats.requests.map((r) => r.at));
    const naive = PIPELINES * 2 * (HOUR / 30_000);
    console.log(`      Buildkite, 20 pipelines, 1 simulated hour: ${total} requests (naive 2 lists per pipeline every 30 s: ${naive}); busiest minute ${peak}; failed polls ${logger.failures}`);
    for (const [route, count] of Object.entries(byRoute)) console.log(`        ${count}\t${route}`);
    assert.equal(logger.failures, 0);
    assert.ok(peak <= 200, `busiest minute ${peak} > 200`);
    assert.ok(total < naive / 2, `${total} requests is not much better than a naive poller (${naive})`);
    assert.ok(DEFAULT_REQUESTS_PER_MINUTE <= 200);
  });
});
