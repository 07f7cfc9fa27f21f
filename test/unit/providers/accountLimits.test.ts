/**
 * One rate-limit state per host and account (issue #13 item 6), through the real composition:
 * ProviderPool (accountAccess.ts) -> GitLabProvider -> fake GitLab on 127.0.0.1, with SyncService.
 * A 429 with Retry-After on one project closes the whole instance: the other project's poll,
 * its jobs and Load more send nothing and say "rate limited until …"; after the window they send again.
 */
import * as assert from 'node:assert/strict';
import { RateLimitError } from '../../../src/core/errors';
import { repoKey, type RepoRef } from '../../../src/core/model';
import { SyncService } from '../../../src/core/sync/syncService';
import { DEFAULT_POLL_SETTINGS } from '../../../src/core/sync/types';
import { gitlabDescriptor } from '../../../src/providers/gitlab';
import { GitLabProvider } from '../../../src/providers/gitlab/provider';
import { ProviderPool } from '../../../src/providers/pool';
import { ProviderRegistry } from '../../../src/providers/registry';
import { githubDescriptor } from '../../../src/providers/github';
import { SAMPLE_REPO, SAMPLE_TOKEN, sampleData as githubSample } from '../../fakes/github/sample';
import { startFakeGitHub } from '../../fakes/github/server';
import { FakeGitLabServer } from '../../fakes/gitlab/server';
import { FakeGitLabState, type FakePipeline } from '../../fakes/gitlab/state';
import { FakeClock } from '../../support/fakeClock';
import { MemoryStore, RecordingLogger } from '../../support/memoryStore';

const TOKEN = 'glpat-account-limit-token';

function pipeline(id: number, projectId: number): FakePipeline {
  const at = new Date(Date.UTC(2024, 5, 1, 10, id % 60)).toISOString();
  return { id, iid: id, project_id: projectId, status: 'success', ref: 'main', sha: id.toString(16).padStart(40, '0'), source: 'push', username: 'alice', created_at: at, updated_at: at };
}

describe('one rate-limit state per host and account', function () {
  this.timeout(20_000);
  let server: FakeGitLabServer;
  let pool: ProviderPool;
  let sync: SyncService;
  let clock: FakeClock;
  let repos: { a: RepoRef; b: RepoRef };

  beforeEach(async () => {
    server = new FakeGitLabServer({
      state: new FakeGitLabState({
        users: [{ id: 7, username: 'alice', name: 'Alice' }],
        tokens: [{ token: TOKEN, username: 'alice', scopes: ['api'] }],
        projects: [
          { id: 1, path_with_namespace: 'group/a', default_branch: 'main', ci_config_path: null },
          { id: 2, path_with_namespace: 'group/b', default_branch: 'main', ci_config_path: null },
        ],
        pipelines: [pipeline(100, 1), pipeline(200, 2)],
      }),
    });
    await server.start();
    clock = new FakeClock(Date.now());
    // The provider's own limiter on the same fake clock as the pool.
    const registry = new ProviderRegistry([{ ...gitlabDescriptor, create: (account, deps) => new GitLabProvider(account.apiUrl, deps, { clock }) }]);
    const { accounts } = registry.readAccounts((key) => (key === 'gitlab.url' ? server.url : undefined));
    const logger = new RecordingLogger();
    pool = new ProviderPool(registry, () => ({ logger, userAgent: 'FlowForge/test', getToken: () => Promise.resolve(TOKEN) }), { clock });
    pool.setAccounts(accounts);
    repos = { a: { provider: 'gitlab', host: server.url, slug: 'group/a' }, b: { provider: 'gitlab', host: server.url, slug: 'group/b' } };
    sync = new SyncService({
      clock,
      logger,
      store: new MemoryStore(),
      providerFor: (repo) => pool.providerFor(repo),
      settings: () => DEFAULT_POLL_SETTINGS,
      activity: () => ({ windowFocused: true, viewVisible: true }),
      budget: { limitOf: (repo) => pool.limitFor(repo), share: () => 0.5 },
    });
    sync.setRepositories([{ repo: repos.a }, { repo: repos.b }]);
    await sync.refresh();
  });

  afterEach(async () => {
    sync.dispose();
    pool.dispose();
    await server.close();
  });

  it('a 429 with Retry-After on one project pauses the other projects of the instance, and every request path', async () => {
    const [a, b] = [repoKey(repos.a), repoKey(repos.b)];
    assert.equal(sync.snapshot(b)?.problem, undefined);
    server.inject({ status: 429, headers: { 'retry-after': '120' }, body: { message: '429 Too Many Requests' } });
    await sync.refresh(a);
    assert.equal(sync.snapshot(a)?.problem?.kind, 'rate_limit');

    const sent = server.stats.requests.length;
    await sync.refresh(b);
    const problem = sync.snapshot(b)?.problem;
    assert.equal(problem?.kind, 'rate_limit');
    assert.match(problem?.message ?? '', /rate limited until \d{1,2}:\d{2}/);
    assert.ok((problem?.resumeAt ?? 0) >= clock.now() + 119_000, 'resumes at the Retry-After');
    assert.ok(sync.snapshot(b)?.recentRuns.length, 'last good data kept');
    await assert.rejects(sync.getJobs(b, '200'), RateLimitError);
    await assert.rejects(sync.loadMoreRuns(b, sync.snapshot(b)?.recentRuns[0]?.pipelineId ?? ''), RateLimitError);
    const provider = pool.providerFor(repos.b);
    await assert.rejects(provider?.cancelRun?.(repos.b, '200') ?? Promise.reject(new Error('no cancelRun')), /rate limited until/);
    assert.equal(server.stats.requests.length, sent, 'nothing was sent inside the window');

    // The scheduler does not even plan a poll of the account before the window ends.
    assert.ok((sync['scheduler'].nextPollAt(b) ?? 0) >= clock.now() + 119_000);

    await clock.tick(121_000);
    await sync.refresh(b);
    assert.ok(server.stats.requests.length > sent, 'sends again after the window');
    assert.equal(sync.snapshot(b)?.problem, undefined);
  });

  it('counts every request of the account against its documented budget', () => {
    const limit = pool.limitFor(repos.a);
    assert.ok(limit);
    assert.equal(limit, pool.limitFor(repos.b), 'one state for both projects');
    assert.equal(limit.counted, server.stats.requests.length);
    // The fake answers RateLimit-Limit 2000 (a minute): the server's figure replaces the self-managed default.
    assert.equal(limit.currentBudget.requests, 2000);
  });
});

describe('GitHub: one rate-limit state for polls, jobs and Load more', function () {
  this.timeout(20_000);

  it('after a primary rate limit (403, remaining 0) getJobs and loadMoreRuns send nothing until the reset', async () => {
    const github = await startFakeGitHub({ state: githubSample() });
    const clock = new FakeClock(Date.now());
    const registry = new ProviderRegistry([githubDescriptor]);
    const { accounts } = registry.readAccounts((key) => (key === 'github.apiUrl' ? github.url : undefined));
    const logger = new RecordingLogger();
    const pool = new ProviderPool(registry, () => ({ logger, userAgent: 'FlowForge/test', getToken: () => Promise.resolve(SAMPLE_TOKEN) }), { clock });
    pool.setAccounts(accounts);
    const repo: RepoRef = { provider: 'github', host: github.url, slug: SAMPLE_REPO };
    const sync = new SyncService({
      clock,
      logger,
      store: new MemoryStore(),
      providerFor: (r) => pool.providerFor(r),
      settings: () => DEFAULT_POLL_SETTINGS,
      activity: () => ({ windowFocused: true, viewVisible: true }),
      budget: { limitOf: (r) => pool.limitFor(r), share: () => 0.5 },
    });
    try {
      sync.setRepositories([{ repo }]);
      await sync.refresh();
      const key = repoKey(repo);
      const run = sync.snapshot(key)?.recentRuns[0];
      assert.ok(run);
      const reset = Math.ceil((Date.now() + 30 * 60_000) / 1000);
      github.faults.add({ route: '*', status: 403, headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, body: { message: 'API rate limit exceeded for user.' } });
      await sync.refresh(key);
      assert.equal(sync.snapshot(key)?.problem?.kind, 'rate_limit');
      const sent = github.stats.requests;
      await assert.rejects(sync.getJobs(key, run.id), /rate limited until/);
      await assert.rejects(sync.loadMoreRuns(key, run.pipelineId), /rate limited until/);
      assert.equal(github.stats.requests, sent, 'nothing sent inside the primary-limit window');
    } finally {
      sync.dispose();
      pool.dispose();
      await github.close();
    }
  });
});
