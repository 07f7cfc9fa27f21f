/**
 * Requests of a Jenkins server with 20 jobs over a simulated hour: the real SyncService +
 * JenkinsProvider against the fake Jenkins, the 20 pipeline jobs in one folder watched as one
 * repository (each poll asks for every job's builds in one `tree=` request), idle or with two jobs
 * building all hour, a new finished build somewhere every 6 minutes. Reported by npm run bench next to the other
 * providers and bounded by test/unit/providers/jenkins/polling.test.ts.
 */
import assert from 'node:assert/strict';
import { jenkinsDescriptor, JenkinsProvider } from '../../src/providers/jenkins';
import { formatHour, HOUR, hourClocks, naiveRequests, simulateHour } from './simulatedHour';
import { API_TOKEN, CREDENTIAL, USER } from '../fakes/jenkins/fixtures';
import { FakeJenkinsServer } from '../fakes/jenkins/server';
import { CLASSES, FakeJenkinsState, type FakeJenkinsBuild } from '../fakes/jenkins/state';

const JOBS = 20;

export interface JenkinsRequestFigures {
  readonly jobs: number;
  readonly running: number;
  readonly total: number;
  /** A naive poller: two build lists per job every 30 s. */
  readonly naive: number;
  readonly failedPolls: number;
  readonly byRoute: Readonly<Record<string, number>>;
}

function build(number: number, at: number, building: boolean): FakeJenkinsBuild {
  return {
    number, result: building ? null : 'SUCCESS', building, timestamp: at, duration: building ? 0 : 60_000, estimatedDuration: 60_000,
    sha: number.toString(16).padStart(40, '0'), branch: 'main', message: `change ${number}`, cause: { shortDescription: 'Started by an SCM change' },
    remoteUrl: 'https://github.com/acme/web.git', console: 'Finished: SUCCESS\n', stops: [],
  };
}

/** `running` of the jobs build all hour (0: an idle server but for the new builds every 6 minutes). */
export async function runJenkinsRequestScenario(running = 0): Promise<JenkinsRequestFigures> {
  const hour = hourClocks();
  const { clock, serverClock, logger } = hour;
  const state = new FakeJenkinsState(serverClock);
  state.users.push({ id: USER, fullName: 'Bench', tokens: [API_TOKEN] });
  const jobs = Array.from({ length: JOBS }, (_, i) => ({
    _class: CLASSES.pipeline, name: `job${i + 1}`, buildable: true, parameters: [],
    builds: [
      ...(i < running ? [build(6, clock.now() - 60_000, true)] : []),
      ...[5, 4, 3, 2, 1].map((n) => build(n, clock.now() - (6 - n) * HOUR, false)),
    ],
  }));
  state.root.push({ _class: CLASSES.folder, name: 'acme', buildable: false, builds: [], parameters: [], jobs });
  const server = new FakeJenkinsServer({ state });
  await server.start();
  const account = jenkinsDescriptor.readAccounts(() => [server.jenkinsUrl]).accounts[0];
  assert.ok(account);
  const provider = new JenkinsProvider(server.jenkinsUrl, { getToken: () => Promise.resolve(CREDENTIAL), logger }, { clock });
  await simulateHour(hour, provider, [{ repo: jenkinsDescriptor.parseSlug('acme', account), branch: 'main' }], (index, at) => {
    const job = jobs[(index * 7) % JOBS];
    if (job !== undefined) job.builds.unshift(build((job.builds[0]?.number ?? 0) + 1, at, false));
  }, async () => {
    provider.dispose();
    await server.close();
  });
  return { jobs: JOBS, running, total: server.stats.count(), naive: naiveRequests(JOBS), failedPolls: logger.failures, byRoute: server.stats.byRoute() };
}

export function formatJenkinsRequests(f: JenkinsRequestFigures): string {
  return formatHour(`Jenkins, one folder of ${f.jobs} jobs (${f.running} building)`, f.total, f.naive, `; failed polls ${f.failedPolls}`, f.byRoute);
}
