/**
 * GitLab API requests over a simulated hour: the real SyncService + GitLabProvider (one batched
 * GraphQL poll per instance and round, REST for the rest) against the fake GitLab server, driven by a fake clock, next to a naive
 * poller that GETs both pipeline lists of every project every 30 s, on the same server and the
 * same seeded change schedule as the GitHub figure. Requests are told apart by User-Agent.
 * The provider's client-side budget (100/min) is lifted: its waits would need the fake clock to
 * move inside a poll, and the figure counts requests, not pacing.
 */
import type { AccountConfig } from '../../src/core/ci/provider';
import { repoKey } from '../../src/core/model';
import { SyncService } from '../../src/core/sync/syncService';
import { DEFAULT_POLL_SETTINGS } from '../../src/core/sync/types';
import { gitlabDescriptor, GitLabProvider } from '../../src/providers/gitlab';
import { FakeGitLabServer } from '../fakes/gitlab/server';
import { FakeGitLabState, type FakeGitLabData, type FakePipeline, type FakeStatus } from '../fakes/gitlab/state';
import { FakeClock } from '../support/fakeClock';
import { MemoryStore } from '../support/memoryStore';
import { changeSchedule, repoSlugs, WATCHED_BRANCH, type Change } from './dataset';
import { InFlightTracker } from './inFlight';
import { NAIVE_INTERVAL_MS } from './naivePoller';
import { seededRandom } from './prng';
import { FailureCounter, simulate } from './simulation';
import { int, ratio, table } from './report';
import type { RequestScenario } from './requests';

const FLOWFORGE_TOKEN = 'glpat-bench-flowforge';
const NAIVE_TOKEN = 'glpat-bench-naive';
const FLOWFORGE_AGENT = 'FlowForge-bench';
const NAIVE_AGENT = 'naive-poller';

export interface GitLabRequestFigures {
  readonly scenario: string;
  readonly projects: number;
  readonly activeProjects: number;
  readonly changes: number;
  readonly flowforge: {
    readonly requests: number;
    readonly graphql: number;
    readonly probes: number;
    readonly lists: number;
    readonly details: number;
    readonly commits: number;
    readonly other: number;
    readonly failedPolls: number;
    /** Projects whose tree data (recent and branch runs: id, status) matches the server at the end of the hour. */
    readonly upToDate: number;
  };
  readonly naive: { readonly requests: number };
  /** naive requests / FlowForge requests. */
  readonly ratio: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function pipelineOf(id: number, projectId: number, ref: string, status: FakeStatus, at: number): FakePipeline {
  return { id, iid: id % 1000, project_id: projectId, status, ref, sha: id.toString(16).padStart(40, '0'), source: 'push', username: 'flowforge', created_at: iso(at), updated_at: iso(at) };
}

/** Five finished pipelines per project; the first `active` projects also have one running all hour. */
function benchData(slugs: readonly string[], active: number, start: number): FakeGitLabData {
  const data: Required<Pick<FakeGitLabData, 'users' | 'tokens' | 'projects' | 'pipelines'>> = {
    users: [{ id: 1, username: 'flowforge', name: 'FlowForge' }, { id: 2, username: 'naive', name: 'Naive' }],
    tokens: [{ token: FLOWFORGE_TOKEN, username: 'flowforge', scopes: ['api'] }, { token: NAIVE_TOKEN, username: 'naive', scopes: ['api'] }],
    projects: [],
    pipelines: [],
  };
  for (const [index, slug] of slugs.entries()) {
    const id = (index + 1) * 1000;
    data.projects.push({ id, path_with_namespace: slug, default_branch: WATCHED_BRANCH });
    for (let n = 1; n <= 5; n += 1) {
      data.pipelines.push(pipelineOf(id + 100 + n, id, WATCHED_BRANCH, n % 4 === 0 ? 'failed' : 'success', start - (6 - n) * 3_600_000));
    }
    if (index < active) {
      data.pipelines.push(pipelineOf(id + 200, id, WATCHED_BRANCH, 'running', start - 60_000));
    }
  }
  return data;
}

/** A new finished pipeline (on the watched branch or another one), or a finished pipeline retried to the other result. */
function applyChange(state: FakeGitLabState, slugs: readonly string[], change: Change, now: number): void {
  const projectId = (slugs.indexOf(change.slug) + 1) * 1000;
  const pipelines = state.pipelinesOf(projectId).sort((a, b) => b.id - a.id);
  const done = pipelines.find((p) => p.status === 'success' || p.status === 'failed');
  if (change.kind === 'rerun' && done !== undefined) {
    state.setPipelineStatus(done.id, done.status === 'success' ? 'failed' : 'success');
    return;
  }
  const ref = change.kind === 'otherBranch' ? 'feature/bench' : WATCHED_BRANCH;
  state.addPipeline(pipelineOf(state.newId(), projectId, ref, pipelines.length % 4 === 0 ? 'failed' : 'success', now));
}

async function naivePoll(url: string, slugs: readonly string[], pageSize: number): Promise<void> {
  const get = async (path: string): Promise<void> => {
    const response = await fetch(`${url}/api/v4${path}`, { headers: { 'private-token': NAIVE_TOKEN, 'user-agent': NAIVE_AGENT } });
    await response.arrayBuffer();
  };
  await Promise.all(
    slugs.map((slug) => {
      const base = `/projects/${encodeURIComponent(slug)}/pipelines?order_by=id&sort=desc&page=1`;
      return Promise.all([get(`${base}&per_page=${pageSize}`), get(`${base}&ref=${encodeURIComponent(WATCHED_BRANCH)}&per_page=10`)]);
    }),
  );
}

export async function runGitLabRequestScenario(scenario: RequestScenario): Promise<GitLabRequestFigures> {
  const clock = new FakeClock();
  const start = clock.now();
  const end = start + scenario.durationMs;
  const slugs = repoSlugs(scenario.repos);
  const changes = changeSchedule(slugs, scenario.durationMs, NAIVE_INTERVAL_MS, scenario.changeRate, seededRandom(scenario.seed));
  const state = new FakeGitLabState(benchData(slugs, scenario.activeRepos, start));
  state.now = () => iso(clock.now());
  const server = new FakeGitLabServer({ state, rateLimit: { limit: 10_000_000 } });
  const url = await server.start();
  const logger = new FailureCounter();
  const account: AccountConfig = { kind: 'gitlab', apiUrl: url };
  const deps = { getToken: () => Promise.resolve(FLOWFORGE_TOKEN), logger, userAgent: FLOWFORGE_AGENT };
  const provider = new GitLabProvider(url, deps, { clock, requestsPerMinute: 1_000_000 });
  const tracker = new InFlightTracker();
  let upToDate = 0;
  const tracked = tracker.wrap(provider);
  const sync = new SyncService({
    clock,
    logger,
    store: new MemoryStore(),
    providerFor: () => tracked,
    settings: () => ({ ...DEFAULT_POLL_SETTINGS, mergeGate: scenario.mergeGate }),
    activity: () => ({ windowFocused: true, viewVisible: true }),
  });
  try {
    sync.setRepositories(slugs.map((slug) => ({ repo: gitlabDescriptor.parseSlug(slug, account), branch: WATCHED_BRANCH })));
    await tracker.settled();
    await simulate(clock, start, end, changes, {
      timers: async (advance) => {
        advance();
        await tracker.settled();
      },
      change: (change, at) => applyChange(state, slugs, change, at),
      naive: () => naivePoll(url, slugs, DEFAULT_POLL_SETTINGS.pageSize),
    });
    await sync.refresh();
    await tracker.settled();
    upToDate = slugs.filter((slug) => {
      const repo = gitlabDescriptor.parseSlug(slug, account);
      const snapshot = sync.snapshot(repoKey(repo));
      const projectId = (slugs.indexOf(slug) + 1) * 1000;
      const want = (ref?: string) => state.pipelinesOf(projectId).filter((p) => ref === undefined || p.ref === ref).sort((a, b) => b.id - a.id).slice(0, ref === undefined ? DEFAULT_POLL_SETTINGS.pageSize : 10).map((p) => `${p.id}:${p.status}`).join(',');
      const got = (runs: readonly { id: string; rawStatus: string }[] | undefined) => (runs ?? []).map((r) => `${r.id}:${r.rawStatus}`).join(',');
      return got(snapshot?.recentRuns) === want() && got(snapshot?.branchRuns) === want(WATCHED_BRANCH);
    }).length;
  } finally {
    sync.dispose();
    provider.dispose();
    await server.close();
  }
  const ours = server.stats.requests.filter((r) => r.headers['user-agent'] === FLOWFORGE_AGENT);
  const lists = ours.filter((r) => r.route === 'GET /projects/:id/pipelines');
  const probes = lists.filter((r) => new URLSearchParams(r.path.split('?')[1]).has('updated_after')).length;
  const details = ours.filter((r) => r.route === 'GET /projects/:id/pipelines/:pipeline_id').length;
  const graphql = ours.filter((r) => r.route === 'POST /api/graphql').length;
  const commits = ours.filter((r) => r.route === 'GET /projects/:id/repository/commits/:sha').length;
  const naive = server.stats.requests.filter((r) => r.headers['user-agent'] === NAIVE_AGENT).length;
  return {
    scenario: scenario.name,
    projects: scenario.repos,
    activeProjects: scenario.activeRepos,
    changes: changes.length,
    flowforge: {
      requests: ours.length,
      graphql,
      probes,
      lists: lists.length - probes,
      details,
      commits,
      other: ours.length - lists.length - details - graphql - commits,
      failedPolls: logger.failures,
      upToDate,
    },
    naive: { requests: naive },
    ratio: ours.length === 0 ? Number.POSITIVE_INFINITY : naive / ours.length,
  };
}

export function formatGitLabRequests(f: GitLabRequestFigures): string {
  return table(`(a) GitLab API requests, simulated hour: ${f.scenario} (${f.projects} projects, ${f.activeProjects} with a pipeline running, ${f.changes} changes; client budget lifted)`, [
    ['FlowForge requests total', int(f.flowforge.requests)],
    ['  GraphQL batches (POST /api/graphql)', int(f.flowforge.graphql)],
    ['  REST probes (updated_after)', int(f.flowforge.probes)],
    ['  REST pipeline lists', int(f.flowforge.lists)],
    ['  REST single pipelines (user, start, finish)', int(f.flowforge.details)],
    ['  REST commit titles', int(f.flowforge.commits)],
    ['  other (project, jobs, bridges)', int(f.flowforge.other)],
    ['  failed polls', int(f.flowforge.failedPolls)],
    ['Projects up to date at the end of the hour', `${int(f.flowforge.upToDate)} / ${int(f.projects)}`],
    ['Naive poller requests (both lists every 30 s)', int(f.naive.requests)],
    ['Ratio naive / FlowForge', ratio(f.ratio), f.activeProjects > 0 ? 'target >= 5x' : 'target >= 10x'],
  ]);
}
