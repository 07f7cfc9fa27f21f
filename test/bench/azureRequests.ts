/**
 * Requests of 20 Azure Repos repositories over a simulated hour: the real SyncService + AzureProvider
 * against the fake Azure DevOps, driven by a fake clock (the fake server follows it). Two
 * repositories have a build running all hour (its timeline asked by changeId); a new finished build
 * lands somewhere every 6 minutes. Reported by npm run bench.
 */
import assert from 'node:assert/strict';
import { SyncService } from '../../src/core/sync/syncService';
import { DEFAULT_POLL_SETTINGS } from '../../src/core/sync/types';
import { azureDescriptor, AzureProvider } from '../../src/providers/azure';
import { InFlightTracker } from './inFlight';
import { FailureCounter } from './simulation';
import { FakeClock } from '../support/fakeClock';
import { MemoryStore } from '../support/memoryStore';
import { ManualClock } from '../fakes/kit';
import { addStage, TOKENS } from '../fakes/azure/fixtures';
import { FakeAzureServer } from '../fakes/azure/server';
import { FakeAzureState, type FakeBuild } from '../fakes/azure/state';

const REPOSITORIES = 20;
const RUNNING = 2;
const HOUR = 3_600_000;
const CHANGE_EVERY = 6 * 60_000;

export interface AzureRequestFigures {
  readonly repositories: number;
  readonly running: number;
  readonly total: number;
  /** A naive poller: two build lists per repository every 30 s. */
  readonly naive: number;
  readonly failedPolls: number;
  readonly byRoute: Readonly<Record<string, number>>;
}

export async function runAzureRequestScenario(): Promise<AzureRequestFigures> {
  const clock = new FakeClock();
  const serverClock = new ManualClock(clock.now());
  const state = new FakeAzureState(serverClock);
  state.tokens.set(TOKENS.full, { scopes: ['vso.build', 'vso.build_execute', 'vso.test'] });
  state.organizations.push('acme');
  state.projects.push({ org: 'acme', name: 'web', id: 'bench-project' });
  const names = Array.from({ length: REPOSITORIES }, (_, i) => `r${i + 1}`);
  let id = 1000;
  const finished = (definitionId: number, at: string): FakeBuild => {
    const build = state.addBuild({ id: id++, org: 'acme', project: 'web', definitionId, status: 'completed', result: 'succeeded', reason: 'individualCI', sourceBranch: 'refs/heads/main', sourceVersion: 'e'.repeat(40), message: 'change', requestedFor: state.user, queueTime: at, startTime: at, finishTime: at });
    addStage(state, build, { name: 'Build', identifier: 'Build', order: 1, state: 'completed', result: 'succeeded' }, [{ name: 'Job', state: 'completed', result: 'succeeded', tasks: [{ name: 'test', state: 'completed', result: 'succeeded' }] }]);
    return build;
  };
  for (const [index, name] of names.entries()) {
    const repositoryId = `repo-${name}`;
    state.repositories.push({ id: repositoryId, org: 'acme', project: 'web', name, defaultBranch: 'main', branches: ['main'], files: new Map() });
    state.definitions.push({ id: index + 1, org: 'acme', project: 'web', name: `${name}-ci`, repositoryId, yamlFilename: 'azure-pipelines.yml' });
    for (let n = 1; n <= 5; n++) finished(index + 1, new Date(clock.now() - (6 - n) * HOUR).toISOString());
    if (index < RUNNING) {
      const build = state.addBuild({ id: id++, org: 'acme', project: 'web', definitionId: index + 1, status: 'inProgress', result: null, reason: 'individualCI', sourceBranch: 'refs/heads/main', sourceVersion: 'f'.repeat(40), message: 'soak', requestedFor: state.user, queueTime: new Date(clock.now() - 60_000).toISOString() });
      addStage(state, build, { name: 'Build', identifier: 'Build', order: 1, state: 'inProgress', result: null }, [{ name: 'Soak', state: 'inProgress', result: null, tasks: [{ name: 'soak', state: 'inProgress', result: null }] }]);
    }
  }
  const server = new FakeAzureServer({ state, enforce: false });
  const url = await server.start();
  const account = azureDescriptor.readAccounts(() => [`${url}/acme`]).accounts[0];
  assert.ok(account);
  const logger = new FailureCounter();
  const provider = new AzureProvider(url, { getToken: () => Promise.resolve(TOKENS.full), logger }, { clock, requestsPerMinute: 1_000_000 });
  const tracker = new InFlightTracker();
  const tracked = tracker.wrap(provider);
  const sync = new SyncService({ clock, logger, store: new MemoryStore(), providerFor: () => tracked, settings: () => DEFAULT_POLL_SETTINGS, activity: () => ({ windowFocused: true, viewVisible: true }) });
  const start = clock.now();
  let nextChange = start + CHANGE_EVERY;
  let changeIndex = 0;
  try {
    sync.setRepositories(names.map((name) => ({ repo: azureDescriptor.parseSlug(`acme/web/${name}`, account), branch: 'main' })));
    await tracker.settled();
    for (;;) {
      const timerAt = clock.nextDueAt() ?? Number.POSITIVE_INFINITY;
      const next = Math.min(timerAt, nextChange);
      if (next >= start + HOUR) break;
      clock.advance(next - clock.now());
      serverClock.set(clock.now());
      if (next === nextChange && timerAt !== next) {
        finished(((changeIndex * 7) % REPOSITORIES) + 1, new Date(next).toISOString());
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
  return { repositories: REPOSITORIES, running: RUNNING, total: server.stats.count(), naive: REPOSITORIES * 2 * (HOUR / 30_000), failedPolls: logger.failures, byRoute: server.stats.byRoute() };
}

export function formatAzureRequests(f: AzureRequestFigures): string {
  const routes = Object.entries(f.byRoute).map(([route, count]) => `    ${count}\t${route}`).join('\n');
  return `\nAzure Pipelines, ${f.repositories} repositories (${f.running} building), 1 simulated hour: ${f.total} requests, naive poller ${f.naive} (${(f.naive / Math.max(1, f.total)).toFixed(1)}x fewer); failed polls ${f.failedPolls}\n${routes}`;
}
