/**
 * The hosts of the scale bench (scale.ts) beyond GitHub, GitLab and Buildkite: a Jenkins server
 * (15 pipeline jobs in 3 folders, each folder watched as one repository), Bitbucket Cloud (15
 * repositories, its documented 1,000 requests an hour for repository data the tight budget; one
 * pipeline running all hour) and Azure DevOps (10 repositories). Each host is the fake server the
 * provider's own tests use, on the scale bench's server clock, reached by the real descriptor and
 * provider; `change` lands a finished build where the scale bench's change schedule says.
 */
import type { ProviderDescriptor } from '../../src/core/ci/descriptor';
import type { Clock } from '../../src/core/ports';
import { azureDescriptor, AzureProvider } from '../../src/providers/azure';
import { bitbucketDescriptor } from '../../src/providers/bitbucket';
import { BitbucketProvider } from '../../src/providers/bitbucket/provider';
import { jenkinsDescriptor, JenkinsProvider } from '../../src/providers/jenkins';
import { addStage, TOKENS as AZURE_TOKENS } from '../fakes/azure/fixtures';
import { FakeAzureServer } from '../fakes/azure/server';
import { FakeAzureState } from '../fakes/azure/state';
import { CREDENTIALS as BITBUCKET_CREDENTIALS, EMAIL } from '../fakes/bitbucket/fixtures';
import { FakeBitbucketServer } from '../fakes/bitbucket/server';
import { FakeBitbucketState, fakeUuid, type FakePipelineState } from '../fakes/bitbucket/state';
import { API_TOKEN, CREDENTIAL as JENKINS_CREDENTIAL, USER } from '../fakes/jenkins/fixtures';
import { FakeJenkinsServer } from '../fakes/jenkins/server';
import { CLASSES, FakeJenkinsState, type FakeJenkinsBuild, type FakeJob } from '../fakes/jenkins/state';
import type { ManualClock } from '../fakes/kit';

const HOUR = 3_600_000;
export const JENKINS_FOLDERS = 3;
export const JENKINS_JOBS_PER_FOLDER = 5;
export const BITBUCKET_REPOSITORIES = 15;
export const AZURE_REPOSITORIES = 10;

/** One more host of the scale bench. */
export interface FleetHost {
  readonly kind: string;
  /** Settings (without the flowforge. prefix) that configure its account. */
  readonly settings: readonly (readonly [string, unknown])[];
  /** The descriptor, its provider on the bench's clock with the client's own pacing lifted (the HostLimit budget applies). */
  readonly descriptor: ProviderDescriptor;
  readonly token: string;
  /** Repository slugs as the descriptor parses them. */
  readonly slugs: readonly string[];
  /** What each repository holds for the figures: jobs for Jenkins folders, else 1. */
  readonly unitsPerRepository: number;
  /** Lands a finished build in `slug` at `at` (on `main`, or another branch). */
  change(slug: string, at: number, otherBranch: boolean): void;
  requests(): number;
  byRoute(): Readonly<Record<string, number>>;
  close(): Promise<void>;
}

function jenkinsBuild(number: number, at: number, building: boolean): FakeJenkinsBuild {
  return {
    number, result: building ? null : 'SUCCESS', building, timestamp: at, duration: building ? 0 : 60_000, estimatedDuration: 60_000,
    sha: number.toString(16).padStart(40, '0'), branch: 'main', message: `change ${number}`, cause: { shortDescription: 'Started by an SCM change' },
    remoteUrl: 'https://github.com/acme/web.git', console: 'Finished: SUCCESS\n', stops: [],
  };
}

async function jenkinsHost(clock: Clock, serverClock: ManualClock, start: number): Promise<FleetHost> {
  const state = new FakeJenkinsState(serverClock);
  state.users.push({ id: USER, fullName: 'Bench', tokens: [API_TOKEN] });
  const folders = new Map<string, FakeJob[]>();
  for (let f = 1; f <= JENKINS_FOLDERS; f++) {
    const jobs = Array.from({ length: JENKINS_JOBS_PER_FOLDER }, (_, i): FakeJob => ({
      _class: CLASSES.pipeline, name: `job${i + 1}`, buildable: true, parameters: [],
      builds: [3, 2, 1].map((n) => jenkinsBuild(n, start - (4 - n) * HOUR, false)),
    }));
    folders.set(`team${f}`, jobs);
    state.root.push({ _class: CLASSES.folder, name: `team${f}`, buildable: false, builds: [], parameters: [], jobs });
  }
  const server = new FakeJenkinsServer({ state });
  await server.start();
  let turn = 0;
  return {
    kind: 'jenkins',
    settings: [['jenkins.servers', [server.jenkinsUrl]]],
    descriptor: { ...jenkinsDescriptor, create: (account, deps) => new JenkinsProvider(account.apiUrl, deps, { clock }) },
    token: JENKINS_CREDENTIAL,
    slugs: [...folders.keys()],
    unitsPerRepository: JENKINS_JOBS_PER_FOLDER,
    change: (slug, at) => {
      const jobs = folders.get(slug) ?? [];
      const job = jobs[turn++ % jobs.length];
      if (job !== undefined) job.builds.unshift(jenkinsBuild((job.builds[0]?.number ?? 0) + 1, at, false));
    },
    requests: () => server.stats.count(),
    byRoute: () => server.stats.byRoute(),
    close: () => server.close(),
  };
}

async function bitbucketHost(clock: Clock, serverClock: ManualClock, start: number): Promise<FleetHost> {
  const state = new FakeBitbucketState(serverClock);
  state.credentials.set(BITBUCKET_CREDENTIALS.account, { kind: 'account', name: EMAIL, scopes: ['repository:read', 'pipeline:write'] });
  const slugs = Array.from({ length: BITBUCKET_REPOSITORIES }, (_, i) => `acme/r${String(i + 1).padStart(2, '0')}`);
  let number = 1;
  const pipeline = (slug: string, at: number, ref: string, pipelineState: FakePipelineState): void => {
    const [workspace = 'acme', repo = ''] = slug.split('/');
    const done = pipelineState !== 'RUNNING';
    const iso = new Date(at).toISOString();
    state.pipelines.push({
      uuid: fakeUuid(), workspace, repo, buildNumber: number++, state: pipelineState, refName: ref, refType: 'branch', commit: at.toString(16).padStart(40, '0'),
      selector: { type: 'branches', pattern: ref }, trigger: 'PUSH', creator: state.user, createdOn: iso, ...(done ? { completedOn: iso } : {}),
      steps: [{ uuid: fakeUuid(), name: 'Build', state: done ? 'SUCCESSFUL' : 'IN_PROGRESS', startedOn: iso, ...(done ? { completedOn: iso } : {}), log: '+ npm test\n' }],
      variables: [],
    });
  };
  for (const [index, slug] of slugs.entries()) {
    const [workspace = 'acme', name = ''] = slug.split('/');
    state.repositories.push({ workspace, slug: name, name, mainBranch: 'main', branches: ['main', 'feature/x'], tags: [], files: new Map() });
    for (const n of [1, 2, 3]) pipeline(slug, start - (4 - n) * HOUR, 'main', 'SUCCESSFUL');
    if (index === 0) pipeline(slug, start - 60_000, 'main', 'RUNNING');
  }
  const server = new FakeBitbucketServer({ state });
  await server.start();
  return {
    kind: 'bitbucket',
    settings: [['bitbucket.apiUrl', server.apiUrl]],
    descriptor: { ...bitbucketDescriptor, create: (account, deps) => new BitbucketProvider(account.apiUrl, deps, { clock, requestsPerMinute: 1_000_000 }) },
    token: BITBUCKET_CREDENTIALS.account,
    slugs,
    unitsPerRepository: 1,
    change: (slug, at, otherBranch) => pipeline(slug, at, otherBranch ? 'feature/x' : 'main', 'SUCCESSFUL'),
    requests: () => server.stats.count(),
    byRoute: () => server.stats.byRoute(),
    close: () => server.close(),
  };
}

async function azureHost(clock: Clock, serverClock: ManualClock, start: number): Promise<FleetHost> {
  const state = new FakeAzureState(serverClock);
  state.tokens.set(AZURE_TOKENS.full, { scopes: ['vso.build', 'vso.build_execute', 'vso.test'] });
  state.organizations.push('acme');
  state.projects.push({ org: 'acme', name: 'web', id: 'scale-project' });
  const names = Array.from({ length: AZURE_REPOSITORIES }, (_, i) => `r${i + 1}`);
  let id = 1000;
  const finished = (definitionId: number, at: number, branch: string): void => {
    const iso = new Date(at).toISOString();
    const build = state.addBuild({ id: id++, org: 'acme', project: 'web', definitionId, status: 'completed', result: 'succeeded', reason: 'individualCI', sourceBranch: `refs/heads/${branch}`, sourceVersion: 'e'.repeat(40), message: 'change', requestedFor: state.user, queueTime: iso, startTime: iso, finishTime: iso });
    addStage(state, build, { name: 'Build', identifier: 'Build', order: 1, state: 'completed', result: 'succeeded' }, [{ name: 'Job', state: 'completed', result: 'succeeded', tasks: [{ name: 'test', state: 'completed', result: 'succeeded' }] }]);
  };
  for (const [index, name] of names.entries()) {
    const repositoryId = `repo-${name}`;
    state.repositories.push({ id: repositoryId, org: 'acme', project: 'web', name, defaultBranch: 'main', branches: ['main', 'feature/x'], files: new Map() });
    state.definitions.push({ id: index + 1, org: 'acme', project: 'web', name: `${name}-ci`, repositoryId, yamlFilename: 'azure-pipelines.yml' });
    for (const n of [1, 2, 3]) finished(index + 1, start - (4 - n) * HOUR, 'main');
  }
  const server = new FakeAzureServer({ state, enforce: false });
  const url = await server.start();
  return {
    kind: 'azure',
    settings: [['azure.organizations', [`${url}/acme`]]],
    descriptor: { ...azureDescriptor, create: (account, deps) => new AzureProvider(account.apiUrl, deps, { clock, requestsPerMinute: 1_000_000 }) },
    token: AZURE_TOKENS.full,
    slugs: names.map((name) => `acme/web/${name}`),
    unitsPerRepository: 1,
    change: (slug, at, otherBranch) => finished(names.indexOf(slug.split('/')[2] ?? '') + 1, at, otherBranch ? 'feature/x' : 'main'),
    requests: () => server.stats.count(),
    byRoute: () => server.stats.byRoute(),
    close: () => server.close(),
  };
}

/** Starts the Jenkins, Bitbucket and Azure hosts of the scale bench. */
export async function startFleet(clock: Clock, serverClock: ManualClock, start: number): Promise<FleetHost[]> {
  return [await jenkinsHost(clock, serverClock, start), await bitbucketHost(clock, serverClock, start), await azureHost(clock, serverClock, start)];
}
