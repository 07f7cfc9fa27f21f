/**
 * Requests of 20 Azure Repos repositories over a simulated hour: the real SyncService + AzureProvider
 * against the fake Azure DevOps, driven by a fake clock (the fake server follows it). Two
 * repositories have a build running all hour (its timeline asked by changeId); a new finished build
 * lands somewhere every 6 minutes. Reported by npm run bench.
 */
import assert from 'node:assert/strict';
import { azureDescriptor, AzureProvider } from '../../src/providers/azure';
import { formatHour, HOUR, hourClocks, naiveRequests, simulateHour } from './simulatedHour';
import { addStage, TOKENS } from '../fakes/azure/fixtures';
import { FakeAzureServer } from '../fakes/azure/server';
import { FakeAzureState, type FakeBuild } from '../fakes/azure/state';

const REPOSITORIES = 20;
const RUNNING = 2;

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
  const hour = hourClocks();
  const { clock, serverClock, logger } = hour;
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
  const provider = new AzureProvider(url, { getToken: () => Promise.resolve(TOKENS.full), logger }, { clock, requestsPerMinute: 1_000_000 });
  await simulateHour(hour, provider, names.map((name) => ({ repo: azureDescriptor.parseSlug(`acme/web/${name}`, account), branch: 'main' })), (index, next) => void finished(((index * 7) % REPOSITORIES) + 1, new Date(next).toISOString()), async () => {
    provider.dispose();
    await server.close();
  });
  return { repositories: REPOSITORIES, running: RUNNING, total: server.stats.count(), naive: naiveRequests(REPOSITORIES), failedPolls: logger.failures, byRoute: server.stats.byRoute() };
}

export function formatAzureRequests(f: AzureRequestFigures): string {
  return formatHour(`Azure Pipelines, ${f.repositories} repositories (${f.running} building)`, f.total, f.naive, `; failed polls ${f.failedPolls}`, f.byRoute);
}
