/**
 * Requests of 20 Buildkite pipelines over a simulated hour: the real SyncService + BuildkiteProvider
 * against the fake Buildkite, driven by a fake clock (the fake server follows it). Two pipelines
 * have a build running all hour; a new finished build lands somewhere every 6 minutes. Reported by
 * npm run bench and bounded by test/unit/providers/buildkite/polling.test.ts.
 */
import assert from 'node:assert/strict';
import { buildkiteDescriptor, BuildkiteProvider } from '../../src/providers/buildkite';
import { formatHour, HOUR, hourClocks, naiveRequests, simulateHour } from './simulatedHour';
import { TOKENS } from '../fakes/buildkite/fixtures';
import { FakeBuildkiteServer } from '../fakes/buildkite/server';
import { FakeBuildkiteState } from '../fakes/buildkite/state';

const PIPELINES = 20;
const RUNNING = 2;

function maxPerMinute(times: readonly number[]): number {
  let best = 0;
  let from = 0;
  for (let to = 0; to < times.length; to++) {
    while ((times[to] ?? 0) - (times[from] ?? 0) >= 60_000) from++;
    best = Math.max(best, to - from + 1);
  }
  return best;
}

export interface BuildkiteRequestFigures {
  readonly pipelines: number;
  readonly running: number;
  readonly total: number;
  /** A naive poller: two lists per pipeline every 30 s. */
  readonly naive: number;
  /** Most requests in any 60 s window (Buildkite allows 200 per organization). */
  readonly busiestMinute: number;
  readonly failedPolls: number;
  readonly byRoute: Readonly<Record<string, number>>;
}

export async function runBuildkiteRequestScenario(): Promise<BuildkiteRequestFigures> {
  const hour = hourClocks();
  const { clock, serverClock, logger } = hour;
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
  // The client-side budget is lifted: its waits would need the fake clock to move inside a poll.
  const provider = new BuildkiteProvider(url, { getToken: () => Promise.resolve(TOKENS.full), logger }, { clock, requestsPerMinute: 1_000_000 });
  await simulateHour(hour, provider, slugs.map((slug) => ({ repo: buildkiteDescriptor.parseSlug(`acme/${slug}`, account), branch: 'main' })), (index, next) => {
    const slug = slugs[(index * 7) % PIPELINES] ?? 'p1';
    const at = new Date(next).toISOString();
    state.addBuild({ org: 'acme', pipeline: slug, number: state.nextNumber('acme', slug), state: 'passed', message: 'new', commit: 'e'.repeat(40), branch: index % 2 === 0 ? 'main' : 'feature', source: 'webhook', createdAt: at, startedAt: at, finishedAt: at });
  }, async () => {
    provider.dispose();
    await server.close();
  });
  const total = server.stats.count();
  return {
    pipelines: PIPELINES,
    running: RUNNING,
    total,
    naive: naiveRequests(PIPELINES),
    busiestMinute: maxPerMinute(server.stats.requests.map((r) => r.at)),
    failedPolls: logger.failures,
    byRoute: server.stats.byRoute(),
  };
}

export function formatBuildkiteRequests(f: BuildkiteRequestFigures): string {
  return formatHour(`Buildkite, ${f.pipelines} pipelines (${f.running} running)`, f.total, f.naive, `; busiest minute ${f.busiestMinute} of Buildkite's 200 per organization; failed polls ${f.failedPolls}`, f.byRoute);
}
