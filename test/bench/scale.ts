/**
 * (e) Team scale: 200 repositories on seven hosts over a simulated hour through the real
 * composition (ProviderRegistry + ProviderPool with one HostLimit per account + one SyncService):
 * 112 GitHub repositories, 40 GitLab projects on two instances (one reporting a self-managed
 * budget of 600 requests an hour), 20 Buildkite pipelines, and (scaleFleet.ts) 15 Jenkins jobs in
 * 3 folders, 15 Bitbucket Cloud repositories (1,000 requests an hour) and 10 Azure repositories;
 * 5 with a run in progress all hour and seeded changes. Reports requests per provider and host, the share of each budget used, the time
 * from a change to the tree (median, worst), heap after the hour and the longest event-loop block.
 * The fakes run in the same process, so the event-loop figure includes their work.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ProviderDescriptor } from '../../src/core/ci/descriptor';
import type { CiProvider } from '../../src/core/ci/provider';
import { repoKey, type RepoRef } from '../../src/core/model';
import { SyncService } from '../../src/core/sync/syncService';
import { DEFAULT_POLL_SETTINGS } from '../../src/core/sync/types';
import { buildkiteDescriptor, BuildkiteProvider } from '../../src/providers/buildkite';
import { githubDescriptor } from '../../src/providers/github';
import { gitlabDescriptor, GitLabProvider } from '../../src/providers/gitlab';
import { ProviderPool } from '../../src/providers/pool';
import { ProviderRegistry } from '../../src/providers/registry';
import { TOKENS } from '../fakes/buildkite/fixtures';
import { FakeBuildkiteServer } from '../fakes/buildkite/server';
import { FakeBuildkiteState } from '../fakes/buildkite/state';
import { startFakeGitHub } from '../fakes/github/server';
import { FakeGitLabServer } from '../fakes/gitlab/server';
import { FakeGitLabState, type FakeGitLabData } from '../fakes/gitlab/state';
import { ManualClock } from '../fakes/kit';
import { FakeClock } from '../support/fakeClock';
import { MemoryStore } from '../support/memoryStore';
import { applyChange, benchData, changeSchedule, FLOWFORGE_TOKEN, repoSlugs, type Change } from './dataset';
import { InFlightTracker } from './inFlight';
import { NAIVE_INTERVAL_MS } from './naivePoller';
import { seededRandom } from './prng';
import { int, table } from './report';
import { FailureCounter, simulate } from './simulation';
import { startFleet } from './scaleFleet';

const HOUR = 3_600_000;
const GITLAB_TOKEN = 'glpat-scale-bench-token';
const GITHUB_REPOS = 112;
const GITLAB_PER_INSTANCE = 20;
const BUILDKITE_PIPELINES = 20;
/** A self-managed instance's RateLimit-Limit per hour (instance B). */
const SELF_MANAGED_LIMIT = 600;

export interface HostFigures {
  readonly account: string;
  readonly repositories: number;
  /** Jobs, where a repository holds several (a Jenkins folder). */
  readonly jobs?: number;
  readonly requests: number;
  /** Requests the account's budget counts (GitHub's 304s are free). */
  readonly counted: number;
  readonly hourlyBudget: number;
  /** counted / hourly budget. */
  readonly shareUsed: number;
  /** Repositories whose polling the budget slowed at the end of the hour. */
  readonly slowed: number;
  readonly changeToTreeMedianMs: number;
  readonly changeToTreeWorstMs: number;
}

export interface ScaleFigures {
  readonly repositories: number;
  readonly running: number;
  readonly changes: number;
  readonly hosts: readonly HostFigures[];
  readonly changeToTree: { readonly medianMs: number; readonly worstMs: number; readonly seen: number };
  readonly heapUsedMb: number;
  readonly longestBlockMs: number;
  readonly failedPolls: number;
  readonly wallSeconds: number;
}

function gitlabData(prefix: string, running: number, start: number): FakeGitLabData {
  const projects = Array.from({ length: GITLAB_PER_INSTANCE }, (_, i) => ({ id: i + 1, path_with_namespace: `${prefix}/p${String(i + 1).padStart(2, '0')}`, default_branch: 'main' }));
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    users: [{ id: 1, username: 'flowforge', name: 'FlowForge' }],
    tokens: [{ token: GITLAB_TOKEN, username: 'flowforge', scopes: ['api'] }],
    projects,
    pipelines: projects.flatMap((project, index) => [
      ...[1, 2, 3].map((n) => ({ id: project.id * 100 + n, iid: n, project_id: project.id, status: 'success' as const, ref: 'main', sha: String(project.id * 100 + n).padStart(40, '0'), source: 'push', username: 'flowforge', created_at: at(start - (4 - n) * HOUR), updated_at: at(start - (4 - n) * HOUR) })),
      ...(index < running ? [{ id: project.id * 100 + 50, iid: 50, project_id: project.id, status: 'running' as const, ref: 'main', sha: 'a'.repeat(40), source: 'push', username: 'flowforge', created_at: at(start - 60_000), updated_at: at(start - 60_000) }] : []),
    ]),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.floor((sorted.length - 1) / 2)] ?? 0);
}

export async function runScaleScenario(): Promise<ScaleFigures> {
  const wall = Date.now();
  const clock = new FakeClock(Date.now());
  const start = clock.now();
  const iso = () => new Date(clock.now()).toISOString();

  const githubSlugs = repoSlugs(GITHUB_REPOS);
  const github = await startFakeGitHub({ state: benchData(githubSlugs, 1, start), rateLimit: 5000 });
  // Both instances report an hourly RateLimit-Limit, as a self-managed GitLab's user rate limit does.
  const gitlabA = new FakeGitLabServer({ state: new FakeGitLabState(gitlabData('team-a', 2, start)), rateLimit: { limit: 7200, windowSeconds: 3600 } });
  const gitlabB = new FakeGitLabServer({ state: new FakeGitLabState(gitlabData('team-b', 0, start)), rateLimit: { limit: SELF_MANAGED_LIMIT, windowSeconds: 3600 } });
  gitlabA.state.now = iso;
  gitlabB.state.now = iso;
  await gitlabA.start();
  await gitlabB.start();
  const serverClock = new ManualClock(clock.now());
  const bkState = new FakeBuildkiteState(serverClock);
  bkState.tokens.set(TOKENS.full, { uuid: 'bench', scopes: ['read_builds', 'read_pipelines', 'read_build_logs', 'write_builds'] });
  bkState.organizations.push({ slug: 'acme', name: 'ACME' });
  const bkSlugs = Array.from({ length: BUILDKITE_PIPELINES }, (_, i) => `p${i + 1}`);
  for (const [index, slug] of bkSlugs.entries()) {
    bkState.pipelines.push({ org: 'acme', slug, name: slug, repository: `git@github.com:acme/${slug}.git`, defaultBranch: 'main', configuration: '' });
    const at = new Date(start - HOUR).toISOString();
    bkState.addBuild({ org: 'acme', pipeline: slug, number: 1, state: 'passed', message: 'one', commit: '1'.repeat(40), branch: 'main', source: 'webhook', createdAt: at, startedAt: at, finishedAt: at });
    if (index === 0) {
      bkState.addBuild({ org: 'acme', pipeline: slug, number: 2, state: 'running', message: 'long', commit: 'f'.repeat(40), branch: 'main', source: 'webhook', createdAt: new Date(start - 60_000).toISOString() });
    }
  }
  const buildkite = new FakeBuildkiteServer({ state: bkState, limitPerMinute: 200 });
  const bkUrl = await buildkite.start();
  const fleet = await startFleet(clock, serverClock, start);

  // The real descriptors; GitLab's and Buildkite's own client limiters on the fake clock and lifted (the HostLimit budgets apply).
  const descriptors: ProviderDescriptor[] = [
    githubDescriptor,
    { ...gitlabDescriptor, create: (account, deps) => new GitLabProvider(account.apiUrl, deps, { clock, requestsPerMinute: 1_000_000 }) },
    { ...buildkiteDescriptor, create: (account, deps) => new BuildkiteProvider(account.apiUrl, deps, { clock, requestsPerMinute: 1_000_000 }) },
    ...fleet.map((host) => host.descriptor),
  ];
  const registry = new ProviderRegistry(descriptors);
  const settings = new Map<string, unknown>([
    ['github.apiUrl', github.url],
    ['gitlab.url', gitlabA.url],
    ['gitlab.instances', [gitlabB.url]],
    ['buildkite.apiUrl', bkUrl],
    ['buildkite.organizations', ['acme']],
    ...fleet.flatMap((host) => host.settings),
  ]);
  const { accounts } = registry.readAccounts((key) => settings.get(key));
  const logger = new FailureCounter();
  const tokenOf = (kind: string) => (kind === 'github' ? FLOWFORGE_TOKEN : kind === 'gitlab' ? GITLAB_TOKEN : kind === 'buildkite' ? TOKENS.full : (fleet.find((host) => host.kind === kind)?.token ?? ''));
  const pool = new ProviderPool(registry, (account) => ({ logger, userAgent: 'FlowForge-scale', getToken: () => Promise.resolve(tokenOf(account.kind)) }), { clock });
  pool.setAccounts(accounts);
  const tracker = new InFlightTracker();
  const tracked = new Map<CiProvider, CiProvider>();
  const providerFor = (repo: RepoRef): CiProvider | undefined => {
    const provider = pool.providerFor(repo);
    if (provider === undefined) return undefined;
    let wrapped = tracked.get(provider);
    if (wrapped === undefined) {
      wrapped = tracker.wrap(provider);
      tracked.set(provider, wrapped);
    }
    return wrapped;
  };
  const sync = new SyncService({
    clock,
    logger,
    store: new MemoryStore(),
    providerFor,
    settings: () => DEFAULT_POLL_SETTINGS,
    activity: () => ({ windowFocused: true, viewVisible: true }),
    budget: { limitOf: (repo) => pool.limitFor(repo), share: () => 0.5 },
  });

  const account = (kind: string, url: string) => accounts.find((a) => a.kind === kind && a.apiUrl.startsWith(url.replace(/\/$/, ''))) ?? accounts[0];
  const gh = account('github', github.url);
  const glA = account('gitlab', gitlabA.url);
  const glB = account('gitlab', gitlabB.url);
  const bk = account('buildkite', bkUrl);
  if (!gh || !glA || !glB || !bk) throw new Error('scale bench: accounts not configured');
  const repos = new Map<string, RepoRef>();
  for (const slug of githubSlugs) repos.set(slug, githubDescriptor.parseSlug(slug, gh));
  for (const project of gitlabA.state.projects.values()) repos.set(project.path_with_namespace, gitlabDescriptor.parseSlug(project.path_with_namespace, glA));
  for (const project of gitlabB.state.projects.values()) repos.set(project.path_with_namespace, gitlabDescriptor.parseSlug(project.path_with_namespace, glB));
  for (const slug of bkSlugs) repos.set(`acme/${slug}`, buildkiteDescriptor.parseSlug(`acme/${slug}`, bk));
  const fleetAccounts = fleet.map((host) => {
    // The fake's account, not the default cloud one the descriptor always adds.
    const mine = accounts.find((a) => a.kind === host.kind && new URL(a.apiUrl).hostname === '127.0.0.1');
    if (!mine) throw new Error(`scale bench: no ${host.kind} account`);
    for (const slug of host.slugs) repos.set(slug, host.descriptor.parseSlug(slug, mine));
    return mine;
  });

  const slugs = [...repos.keys()];
  const changes = changeSchedule(slugs, HOUR, NAIVE_INTERVAL_MS, 0.02, seededRandom(20240115));
  // Time from a change to the first snapshot change of its repository after it.
  const waiting = new Map<string, number[]>();
  const latencies: number[] = [];
  const latencyByHost = new Map<string, number[]>();
  sync.onDidChange((key) => {
    if (key === undefined) return;
    const pending = waiting.get(key);
    if (pending && pending.length > 0) {
      const hostName = sync.snapshot(key)?.repo.host ?? '';
      const host = latencyByHost.get(hostName) ?? [];
      latencyByHost.set(hostName, host);
      for (const at of pending.splice(0)) {
        latencies.push(clock.now() - at);
        host.push(clock.now() - at);
      }
    }
  });
  const applyAny = (change: Change, at: number): void => {
    const repo = repos.get(change.slug);
    if (repo === undefined) return;
    if (repo.provider === 'github') {
      applyChange(github.state, change, at);
    } else if (repo.provider === 'gitlab') {
      const server = repo.host === glA.apiUrl ? gitlabA : gitlabB;
      const project = [...server.state.projects.values()].find((p) => p.path_with_namespace === change.slug);
      if (project === undefined) return;
      server.state.addPipeline({ id: server.state.newId(), iid: server.state.newId(), project_id: project.id, status: 'success', ref: change.kind === 'otherBranch' ? 'feature/x' : 'main', sha: String(at).padStart(40, '0'), source: 'push', username: 'flowforge', created_at: new Date(at).toISOString(), updated_at: new Date(at).toISOString() });
    } else if (repo.provider !== 'buildkite') {
      fleet.find((host) => host.kind === repo.provider)?.change(change.slug, at, change.kind === 'otherBranch');
    } else {
      const slug = change.slug.split('/')[1] ?? 'p1';
      const when = new Date(at).toISOString();
      bkState.addBuild({ org: 'acme', pipeline: slug, number: bkState.nextNumber('acme', slug), state: 'passed', message: 'new', commit: 'e'.repeat(40), branch: change.kind === 'otherBranch' ? 'feature' : 'main', source: 'webhook', createdAt: when, startedAt: when, finishedAt: when });
    }
    if (change.kind !== 'otherBranch') {
      const key = repoKey(repo);
      waiting.set(key, [...(waiting.get(key) ?? []), at]);
    }
  };

  const loop = monitorEventLoopDelay({ resolution: 10 });
  try {
    // Every repository is a workspace checkout of "main" for the first 10 (priority), the rest come from the settings.
    sync.setRepositories(slugs.map((slug, index) => ({ repo: repos.get(slug) as RepoRef, ...(index % 20 === 0 ? { branch: 'main' } : {}) })));
    await tracker.settled();
    loop.enable();
    await simulate(clock, start, start + HOUR, changes, {
      timers: async (advance) => {
        advance();
        serverClock.set(clock.now());
        await tracker.settled();
      },
      change: (change, at) => applyAny(change, at),
      naive: () => Promise.resolve(),
    });
    loop.disable();
    const hosts: HostFigures[] = [
      { label: gh, server: github.stats.requests, routes: {} },
      { label: glA, server: gitlabA.stats.total, routes: gitlabA.stats.byRoute() },
      { label: glB, server: gitlabB.stats.total, routes: gitlabB.stats.byRoute() },
      { label: bk, server: buildkite.stats.total, routes: buildkite.stats.byRoute() },
      ...fleet.map((host, index) => ({ label: fleetAccounts[index] ?? bk, server: host.requests(), routes: host.byRoute(), jobs: host.unitsPerRepository })),
    ].map(({ label, server, routes, ...rest }) => {
      if (process.env.SCALE_DEBUG) console.log(label.apiUrl, routes);
      const limit = pool.limitForAccount(label);
      const mine = [...repos.values()].filter((repo) => pool.accountFor(repo) === label);
      return {
        account: limit.label,
        repositories: mine.length,
        ...('jobs' in rest && rest.jobs > 1 ? { jobs: rest.jobs * mine.length } : {}),
        requests: server,
        counted: limit.usedLastHour(),
        hourlyBudget: limit.hourlyBudget,
        shareUsed: limit.usedLastHour() / limit.hourlyBudget,
        slowed: mine.filter((repo) => sync.budgetNote(repoKey(repo)) !== undefined).length,
        changeToTreeMedianMs: median(latencyByHost.get(label.apiUrl) ?? []),
        changeToTreeWorstMs: Math.max(0, ...(latencyByHost.get(label.apiUrl) ?? [])),
      };
    });
    return {
      repositories: repos.size,
      running: 5,
      changes: changes.length,
      hosts,
      changeToTree: { medianMs: median(latencies), worstMs: Math.max(0, ...latencies), seen: latencies.length },
      heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
      longestBlockMs: loop.max / 1e6,
      failedPolls: logger.failures,
      wallSeconds: (Date.now() - wall) / 1000,
    };
  } finally {
    sync.dispose();
    pool.dispose();
    await Promise.all([github.close(), gitlabA.close(), gitlabB.close(), buildkite.close(), ...fleet.map((host) => host.close())]);
  }
}

export function formatScale(f: ScaleFigures): string {
  const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
  return table(`(e) Team scale, simulated hour: ${f.repositories} repositories on ${f.hosts.length} hosts, ${f.running} running, ${f.changes} changes, budget share 50% (${f.wallSeconds.toFixed(0)} s wall time)`, [
    ...f.hosts.flatMap((h): [string, string, string?][] => [
      [`${h.account}: ${h.repositories} repositories${h.jobs === undefined ? '' : ` (${h.jobs} jobs)`}, requests sent`, int(h.requests)],
      [`  counted / hourly budget (share used)`, `${int(h.counted)} / ${int(h.hourlyBudget)} (${(h.shareUsed * 100).toFixed(1)}%)`, 'target <= 50%'],
      [`  repositories slowed by the budget at the end`, int(h.slowed)],
      [`  change -> tree, median / worst`, `${seconds(h.changeToTreeMedianMs)} / ${seconds(h.changeToTreeWorstMs)}`],
    ]),
    ['change -> tree, all hosts, median / worst', `${seconds(f.changeToTree.medianMs)} / ${seconds(f.changeToTree.worstMs)} (${int(f.changeToTree.seen)} changes seen)`],
    ['failed polls', int(f.failedPolls)],
    ['heap used after the hour (whole bench process)', `${f.heapUsedMb.toFixed(1)} MB`],
    ['longest event-loop block during the hour (fakes in process)', `${f.longestBlockMs.toFixed(1)} ms`, 'target < 50 ms'],
  ]);
}
