/**
 * Several accounts side by side through the real composition of src/extension.ts (minus VS Code):
 * settings → accountsFromSettings → ProviderRegistry/ProviderPool (one token per account) →
 * SyncService, against a fake GitHub and two fake GitLab instances on 127.0.0.1.
 */
import * as assert from 'node:assert/strict';
import { repoKey, type RepoRef, type Run } from '../../../src/core/model';
import type { FlowForgeSettings } from '../../../src/core/settings';
import { SyncService } from '../../../src/core/sync/syncService';
import { DEFAULT_POLL_SETTINGS, type RepoSnapshot, type WatchedRepository } from '../../../src/core/sync/types';
import { githubDescriptor } from '../../../src/providers/github';
import { gitlabDescriptor } from '../../../src/providers/gitlab';
import { ProviderPool } from '../../../src/providers/pool';
import { ProviderRegistry } from '../../../src/providers/registry';
import { SAMPLE_REPO, SAMPLE_SHA, SAMPLE_TOKEN, sampleData as githubSample } from '../../fakes/github/sample';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github/server';
import { FakeGitLabServer } from '../../fakes/gitlab/server';
import { FakeGitLabState, type FakeGitLabData, type FakePipeline, type FakeStatus } from '../../fakes/gitlab/state';
import { FakeClock } from '../../support/fakeClock';
import { MemoryStore, RecordingLogger } from '../../support/memoryStore';

const TOKEN_A = 'glpat-instance-a-token';
const TOKEN_B = 'glpat-instance-b-token';
const PROJECT_A = 'group/sub/app';
const PROJECT_B = 'platform/api';

function pipeline(id: number, projectId: number, status: FakeStatus, ref: string, username: string): FakePipeline {
  const at = new Date(Date.UTC(2024, 5, 1, 10, id % 60)).toISOString();
  return { id, iid: id - 99, project_id: projectId, status, ref, sha: id.toString(16).padStart(40, '0'), source: 'push', username, created_at: at, updated_at: at };
}

/**
 * Both instances use the same project id and overlapping pipeline ids on purpose: nothing keyed
 * by a bare id may mix them up. What tells them apart is the status, ref and user of each pipeline.
 */
function instanceA(): FakeGitLabData {
  return {
    users: [{ id: 7, username: 'alice', name: 'Alice' }],
    tokens: [{ token: TOKEN_A, username: 'alice', scopes: ['api'] }],
    projects: [{ id: 42, path_with_namespace: PROJECT_A, default_branch: 'main', ci_config_path: null }],
    pipelines: [pipeline(100, 42, 'success', 'main', 'alice'), pipeline(101, 42, 'failed', 'main', 'alice'), pipeline(102, 42, 'running', 'feature/x', 'alice')],
  };
}

function instanceB(): FakeGitLabData {
  return {
    users: [{ id: 9, username: 'bob', name: 'Bob' }],
    tokens: [{ token: TOKEN_B, username: 'bob', scopes: ['read_api'] }],
    projects: [{ id: 42, path_with_namespace: PROJECT_B, default_branch: 'main', ci_config_path: 'ci/pipeline.yml' }],
    pipelines: [pipeline(100, 42, 'failed', 'main', 'bob'), pipeline(101, 42, 'success', 'main', 'bob'), pipeline(103, 42, 'pending', 'main', 'bob'), pipeline(104, 42, 'success', 'release', 'bob')],
  };
}

/** Every token value the fake GitLab looked up to authenticate a request (one lookup per request that carried one). */
function recordGitLabTokens(server: FakeGitLabServer): string[] {
  const seen: string[] = [];
  const tokens = server.state.tokens;
  const lookup = tokens.get.bind(tokens);
  tokens.get = (token: string) => {
    seen.push(token);
    return lookup(token);
  };
  return seen;
}

/** Same for the fake GitHub. */
function recordGitHubTokens(server: FakeGitHub): string[] {
  const seen: string[] = [];
  const lookup = server.state.userByToken.bind(server.state);
  server.state.userByToken = (token: string) => {
    seen.push(token);
    return lookup(token);
  };
  return seen;
}

interface World {
  readonly github: FakeGitHub;
  readonly gitlabA: FakeGitLabServer;
  readonly gitlabB: FakeGitLabServer;
  readonly seen: { readonly github: string[]; readonly a: string[]; readonly b: string[] };
  readonly pool: ProviderPool;
  readonly sync: SyncService;
  readonly clock: FakeClock;
  readonly logger: RecordingLogger;
  readonly keys: { readonly github: string; readonly a: string; readonly b: string };
}

async function startWorld(): Promise<World> {
  const github = await startFakeGitHub({ state: githubSample() });
  const gitlabA = new FakeGitLabServer({ state: new FakeGitLabState(instanceA()) });
  const gitlabB = new FakeGitLabServer({ state: new FakeGitLabState(instanceB()) });
  await gitlabA.start();
  await gitlabB.start();
  const seen = { github: recordGitHubTokens(github), a: recordGitLabTokens(gitlabA), b: recordGitLabTokens(gitlabB) };

  const providerSettings = new Map<string, unknown>([
    ['github.apiUrl', github.url],
    ['gitlab.url', gitlabA.url],
    ['gitlab.instances', [`${gitlabB.url}/`]],
    ['gitlab.requestsPerMinute', 100],
  ]);
  const settings: FlowForgeSettings = {
    providers: (key) => providerSettings.get(key),
    repositories: [`github:${SAMPLE_REPO}`, `gitlab:${PROJECT_A}`],
    polling: DEFAULT_POLL_SETTINGS,
    diagnosticsEnabled: true,
    statusBar: { enabled: true, show: 'aggregate' },
  };
  const registry = new ProviderRegistry([githubDescriptor, gitlabDescriptor]);
  const { accounts, errors } = registry.readAccounts(settings.providers);
  assert.deepEqual(errors, []);
  assert.deepEqual(accounts, [
    { kind: 'github', apiUrl: github.url, envVar: 'FLOWFORGE_GITHUB_TOKEN' },
    { kind: 'gitlab', apiUrl: gitlabA.url, requestsPerMinute: 100, envVar: 'FLOWFORGE_GITLAB_TOKEN' },
    { kind: 'gitlab', apiUrl: gitlabB.url, requestsPerMinute: 100 },
  ]);

  // Token per account apiUrl, as the extension's TokenResolver returns it.
  const tokens = new Map<string, string>([
    [github.url, SAMPLE_TOKEN],
    [gitlabA.url, TOKEN_A],
    [gitlabB.url, TOKEN_B],
  ]);
  const logger = new RecordingLogger();
  const pool = new ProviderPool(registry, (account) => ({
    logger,
    userAgent: 'FlowForge/test',
    getToken: () => Promise.resolve(tokens.get(account.apiUrl)),
    requestsPerMinute: account.requestsPerMinute,
  }));
  pool.setAccounts(accounts);

  // Entries can only name the main GitLab instance; instance B's project comes from a checkout's remote.
  const resolution = registry.resolve([{ remoteUrls: [`${gitlabB.url}/${PROJECT_B}.git`], branch: 'main', rootPath: '/work/api' }], settings.repositories, pool.getAccounts());
  assert.deepEqual(resolution.warnings, []);
  const repos: { github: RepoRef; a: RepoRef; b: RepoRef } = {
    github: { provider: 'github', host: github.url, slug: SAMPLE_REPO },
    a: { provider: 'gitlab', host: gitlabA.url, slug: PROJECT_A },
    b: { provider: 'gitlab', host: gitlabB.url, slug: PROJECT_B },
  };
  assert.deepEqual(
    resolution.repositories.map((r) => [r.repo, r.branch, r.origin]),
    [
      [repos.b, 'main', 'remote'],
      [repos.github, undefined, 'setting'],
      [repos.a, undefined, 'setting'],
    ],
  );
  const watched: WatchedRepository[] = resolution.repositories.map((r) => (r.branch ? { repo: r.repo, branch: r.branch } : { repo: r.repo }));

  const clock = new FakeClock();
  const sync = new SyncService({
    clock,
    logger,
    store: new MemoryStore(),
    providerFor: (repo) => pool.providerFor(repo),
    settings: () => settings.polling,
    activity: () => ({ windowFocused: true, viewVisible: true }),
  });
  sync.setRepositories(watched);
  return {
    github,
    gitlabA,
    gitlabB,
    seen,
    pool,
    sync,
    clock,
    logger,
    keys: { github: repoKey(repos.github), a: repoKey(repos.a), b: repoKey(repos.b) },
  };
}

async function stopWorld(world: World): Promise<void> {
  world.sync.dispose();
  world.pool.dispose();
  await Promise.all([world.github.close(), world.gitlabA.close(), world.gitlabB.close()]);
}

function snapshotOf(world: World, key: string): RepoSnapshot {
  const snapshot = world.sync.snapshot(key);
  assert.ok(snapshot, `no snapshot for ${key}`);
  return snapshot;
}

function assertFresh(snapshot: RepoSnapshot): void {
  const key = repoKey(snapshot.repo);
  assert.equal(snapshot.problem, undefined, `${key}: unexpected problem ${JSON.stringify(snapshot.problem)}`);
  assert.equal(snapshot.stale, false, `${key} is stale`);
  assert.ok(snapshot.recentRuns.length > 0, `${key} has no runs`);
  assert.notEqual(snapshot.fetchedAt, undefined, `${key} was never fetched`);
}

/** "id state branch" of each run, newest first. */
function describeRuns(runs: readonly Run[]): string[] {
  return runs.map((r) => `${r.id} ${r.state} ${r.branch ?? '-'}`);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Warnings the poll scheduler logged, as "key (health)". */
function pollFailures(logger: RecordingLogger): string[] {
  return logger.warnings.flatMap((w) => {
    const match = /^Poll of (\S+) failed \((\w+)\)/.exec(w);
    return match ? [`${match[1]} (${match[2]})`] : [];
  });
}

describe('several accounts side by side (GitHub + two GitLab instances)', () => {
  let world: World | undefined;

  afterEach(async () => {
    if (world !== undefined) {
      await stopWorld(world);
      world = undefined;
    }
  });

  it('polls a GitHub repository and projects on two GitLab instances side by side, each with its own token', async () => {
    const w = (world = await startWorld());
    await w.sync.refresh();

    const github = snapshotOf(w, w.keys.github);
    const a = snapshotOf(w, w.keys.a);
    const b = snapshotOf(w, w.keys.b);
    [github, a, b].forEach(assertFresh);

    // Each project shows its own instance's pipelines, though ids collide across instances.
    assert.deepEqual(describeRuns(a.recentRuns), ['102 running feature/x', '101 failure main', '100 success main']);
    assert.deepEqual(describeRuns(b.recentRuns), ['104 success release', '103 queued main', '101 success main', '100 failure main']);
    assert.deepEqual(describeRuns(b.branchRuns), ['103 queued main', '101 success main', '100 failure main']);
    assert.ok(a.recentRuns.every((r) => r.webUrl.startsWith(`${w.gitlabA.url}/${PROJECT_A}/-/pipelines/`)));
    assert.ok(b.recentRuns.every((r) => r.webUrl.startsWith(`${w.gitlabB.url}/${PROJECT_B}/-/pipelines/`)));
    assert.deepEqual(
      a.pipelines.map((p) => [p.name, p.path]),
      [['Pipelines', '.gitlab-ci.yml']],
    );
    assert.deepEqual(
      b.pipelines.map((p) => p.path),
      ['ci/pipeline.yml'],
    );
    assert.deepEqual(unique(github.recentRuns.map((r) => r.headSha)), [SAMPLE_SHA]);

    // Each server saw only its own account's token, on every request, and only its own project.
    assert.deepEqual(unique(w.seen.a), [TOKEN_A]);
    assert.deepEqual(unique(w.seen.b), [TOKEN_B]);
    assert.deepEqual(unique(w.seen.github), [SAMPLE_TOKEN]);
    assert.equal(w.seen.a.length, w.gitlabA.stats.total);
    assert.equal(w.seen.b.length, w.gitlabB.stats.total);
    assert.equal(w.seen.github.length, w.github.stats.requests);
    assert.ok(w.gitlabA.stats.total > 0 && w.gitlabB.stats.total > 0 && w.github.stats.requests > 0);
    // A GraphQL poll names its projects in variables.paths.
    const graphqlPaths = (body: unknown): string[] => ((body as { variables?: { paths?: string[] } }).variables?.paths ?? []).map((path) => `/projects/${encodeURIComponent(path)}`);
    const projectPaths = (server: FakeGitLabServer) =>
      unique(server.stats.requests.flatMap((r) => (r.path === '/api/graphql' ? graphqlPaths(r.body) : [/^\/projects\/[^/?]+/.exec(r.path)?.[0] ?? r.path])));
    assert.deepEqual(projectPaths(w.gitlabA), [`/projects/${encodeURIComponent(PROJECT_A)}`]);
    assert.deepEqual(projectPaths(w.gitlabB), [`/projects/${encodeURIComponent(PROJECT_B)}`]);
    assert.deepEqual(unique(w.github.stats.requestLog.map((r) => /^\/repos\/[^/?]+\/[^/?]+/.exec(r.path)?.[0] ?? r.path)), [`/repos/${SAMPLE_REPO}`]);
    assert.deepEqual(pollFailures(w.logger), []);
  });

  it('keeps the other accounts working when one GitLab instance becomes unreachable', async () => {
    const w = (world = await startWorld());
    await w.sync.refresh();
    const before = { github: snapshotOf(w, w.keys.github), a: snapshotOf(w, w.keys.a), b: snapshotOf(w, w.keys.b) };
    [before.github, before.a, before.b].forEach(assertFresh);

    // Instance B goes away; meanwhile new runs appear on GitHub and on instance A.
    await w.gitlabB.close();
    const fresh = new Date().toISOString();
    w.gitlabA.state.addPipeline({ ...pipeline(110, 42, 'success', 'main', 'alice'), created_at: fresh, updated_at: fresh });
    const newRun = w.github.state.addRun({ ...w.github.state.data.runs[0]!, id: 299, runNumber: 9, createdAt: fresh.replace(/\.\d+Z$/, 'Z'), updatedAt: fresh.replace(/\.\d+Z$/, 'Z') });
    w.clock.advance(1_000);
    const requestsBefore = { a: w.gitlabA.stats.total, github: w.github.stats.requests };
    await w.sync.refresh();

    const b = snapshotOf(w, w.keys.b);
    assert.equal(b.stale, true);
    assert.equal(b.problem?.kind, 'network');
    // "connection refused", or "connection was reset" when a kept-alive socket was still open.
    assert.ok(b.problem.message.startsWith(`Cannot reach GitLab at ${w.gitlabB.url}: connection`), b.problem.message);
    assert.equal(b.recentRuns, before.b.recentRuns);
    assert.equal(b.branchRuns, before.b.branchRuns);
    assert.equal(b.fetchedAt, before.b.fetchedAt);

    const github = snapshotOf(w, w.keys.github);
    const a = snapshotOf(w, w.keys.a);
    assertFresh(github);
    assertFresh(a);
    assert.equal(a.fetchedAt, w.clock.now());
    assert.equal(github.fetchedAt, w.clock.now());
    assert.equal(a.recentRuns[0]?.id, '110');
    assert.ok(github.recentRuns.some((r) => r.id === String(newRun.id)));
    assert.ok(w.gitlabA.stats.total > requestsBefore.a && w.github.stats.requests > requestsBefore.github);
    assert.deepEqual(unique(w.seen.a), [TOKEN_A]);

    // Only instance B is marked offline.
    assert.deepEqual(pollFailures(w.logger), [`${w.keys.b} (offline)`]);
  });

  it('asks for a new token only for the account whose token is rejected', async () => {
    const w = (world = await startWorld());
    await w.sync.refresh();
    const before = snapshotOf(w, w.keys.a);
    assertFresh(before);

    // Instance A's token is revoked on the server.
    w.gitlabA.state.tokens.delete(TOKEN_A);
    w.clock.advance(1_000);
    await w.sync.refresh();

    const a = snapshotOf(w, w.keys.a);
    assert.equal(a.problem?.kind, 'auth');
    assert.match(a.problem.message, /rejected the token \(401\)/);
    assert.equal(a.stale, true);
    assert.equal(a.recentRuns, before.recentRuns);
    assertFresh(snapshotOf(w, w.keys.github));
    assertFresh(snapshotOf(w, w.keys.b));

    // The sign-in prompt (tree node for an auth problem) is for instance A's account only.
    const needSignIn = [w.keys.github, w.keys.a, w.keys.b].map((key) => snapshotOf(w, key)).filter((s) => s.problem?.kind === 'auth');
    assert.deepEqual(
      needSignIn.map((s) => w.pool.accountFor(s.repo)?.apiUrl),
      [w.gitlabA.url],
    );
    assert.deepEqual(pollFailures(w.logger), [`${w.keys.a} (stopped)`]);
    // Instance B kept receiving its own token; nobody else's token went to A.
    assert.deepEqual(unique(w.seen.b), [TOKEN_B]);
    assert.deepEqual(unique(w.seen.a), [TOKEN_A]);
  });
});
