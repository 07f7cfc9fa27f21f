import assert from 'node:assert/strict';
import { AuthError, NotFoundError } from '../../../../src/core/errors';
import type { RepoRef, Run } from '../../../../src/core/model';
import { nullLogger, type Logger } from '../../../../src/core/ports';
import { GitLabProvider } from '../../../../src/providers/gitlab';
import { buildPipelinesQuery } from '../../../../src/providers/gitlab/pipelinesQuery';
import { sampleData, TOKENS } from '../../../fakes/gitlab/fixtures';
import { queryComplexity } from '../../../fakes/gitlab/graphql/execute';
import { parseQuery } from '../../../fakes/gitlab/graphql/parse';
import { FakeGitLabServer } from '../../../fakes/gitlab/server';
import { FakeGitLabState } from '../../../fakes/gitlab/state';
import { instantClock } from './harness';

const GRAPHQL = 'POST /api/graphql';
const SLUGS = ['group/sub/project', 'group/deploy'];

/** A logger that keeps its warnings. */
function warnings(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return { ...nullLogger, lines, warn: (message: string) => lines.push(message) };
}

describe('gitlab batched GraphQL poll (fake server)', () => {
  let server: FakeGitLabServer;
  let provider: GitLabProvider;
  let logger: ReturnType<typeof warnings>;
  let repos: RepoRef[];

  beforeEach(async () => {
    server = new FakeGitLabServer({ state: new FakeGitLabState(sampleData()) });
    const url = await server.start();
    logger = warnings();
    provider = new GitLabProvider(url, { getToken: () => Promise.resolve(TOKENS.api), logger }, { clock: instantClock, retryDelayMs: 1, requestsPerMinute: 10_000 });
    repos = SLUGS.map((slug) => ({ provider: 'gitlab', host: url, slug }));
  });

  afterEach(async () => {
    provider.dispose();
    await server.close();
  });

  /** One poll round as the sync service makes it: recent and branch runs of every project at once. */
  function pollCalls(p: GitLabProvider = provider) {
    return repos.flatMap((repo) => [p.listRuns(repo, { perPage: 20 }), p.listRuns(repo, { branch: 'main', perPage: 10 })]);
  }
  const pollAll = (p: GitLabProvider = provider) => Promise.all(pollCalls(p));

  const restLists = () => server.stats.count('GET /projects/:id/pipelines');

  it('polls every project of the instance with one GraphQL request and no REST list', async () => {
    const answers = await pollAll();
    assert.equal(server.stats.count(GRAPHQL), 1);
    assert.equal(restLists(), 0);
    assert.equal(server.stats.count('GET /projects/:id/pipelines/:pipeline_id'), 0, 'GraphQL carries the user and the times');
    const paths = (server.stats.last('POST /api/graphql')?.body as { variables: { paths: string[] } }).variables.paths;
    assert.deepEqual([...paths].sort(), [...SLUGS].sort());
    assert.ok(answers.every((a) => a.changed));
    assert.ok(answers[1]?.value.items.every((run) => run.branch === 'main'));
  });

  it('gives the same runs as the REST poll, with commit titles where a pipeline has no name', async () => {
    const rest = new GitLabProvider(server.url, { getToken: () => Promise.resolve(TOKENS.api), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, requestsPerMinute: 10_000, graphql: false });
    try {
      const viaGraphQL = await pollAll();
      // REST fills the user, times and titles in over a few polls (details and titles of the newest first).
      for (let i = 0; i < 5; i++) {
        await pollAll(rest);
      }
      const viaRest = await pollAll(rest);
      const view = (runs: readonly Run[]) => runs.map((r) => [r.id, r.number, r.title, r.state, r.rawStatus, r.branch, r.headSha, r.event, r.webUrl, r.createdAt, r.updatedAt]);
      viaGraphQL.forEach((answer, index) => {
        assert.deepEqual(view(answer.value.items), view(viaRest[index]?.value.items ?? []), `list ${index}`);
        assert.equal(answer.value.hasMore, viaRest[index]?.value.hasMore);
        assert.equal(answer.value.totalCount, viaRest[index]?.value.totalCount);
      });
      const unnamed = viaGraphQL[0]?.value.items.find((r) => r.id === '101');
      assert.equal(unnamed?.title, server.state.commitTitle(unnamed?.headSha ?? ''));
      assert.equal(viaGraphQL[0]?.value.items.find((r) => r.id === '100')?.title, 'Nightly build', 'a named pipeline keeps its name');
    } finally {
      rest.dispose();
    }
  });

  it('lets a poll that starts while the batch is in flight join it (polls out of step still share one request)', async () => {
    await pollAll(); // both projects are now known to the batch
    server.stats.reset();
    server.inject({ path: '/api/graphql', delayMs: 300 });
    const early = provider.listRuns(repos[0]!, { perPage: 20 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const late = provider.listRuns(repos[1]!, { perPage: 20 });
    const [a, b] = await Promise.all([early, late]);
    assert.equal(server.stats.count(GRAPHQL), 1);
    assert.ok(a.value.items.length > 0 && b.value.items.length > 0);
    assert.equal(restLists(), 0);
  });

  it('shows a change on the next poll and reports unchanged lists as unchanged', async () => {
    await pollAll();
    assert.ok((await pollAll()).every((a) => !a.changed));
    server.state.setPipelineStatus(112, 'success');
    const next = await pollAll();
    assert.equal(next[0]?.changed, true);
    assert.equal(next[0]?.value.items.find((r) => r.id === '112')?.rawStatus, 'success');
    assert.equal(server.stats.count(GRAPHQL), 3);
  });

  it('serves listPipelines from the poll answer (web URL, CI file) without a project request', async () => {
    await pollAll();
    const [own, other] = await Promise.all(repos.map((repo) => provider.listPipelines(repo)));
    assert.equal(own?.value[0]?.path, '.gitlab-ci.yml');
    assert.equal(other?.value[0]?.path, 'ci/pipeline.yml');
    assert.equal(own?.value[0]?.webUrl, `${server.url}/group/sub/project/-/pipelines`);
    assert.equal(server.stats.count('GET /projects/:id'), 0);
  });

  it('halves a query GitLab finds too complex and still answers every project by GraphQL', async () => {
    const score = (paths: string[]) => {
      const { query, variables } = buildPipelinesQuery(paths, [{ branch: undefined, perPage: 20 }, { branch: 'main', perPage: 10 }]);
      return queryComplexity(server.state, server.url, parseQuery(query), variables);
    };
    assert.ok(score(SLUGS.slice(0, 1)) < score(SLUGS), 'a query for more projects scores higher');
    server.state.graphql.maxComplexity = score(SLUGS.slice(0, 1));
    const answers = await pollAll();
    assert.equal(server.stats.count(GRAPHQL), 3, 'one refused query of two projects, then one per project');
    assert.equal(restLists(), 0);
    assert.ok(answers.every((a) => a.value.items.length > 0));
    await pollAll();
    assert.equal(server.stats.count(GRAPHQL), 5, 'later polls ask one project per query at once');
  });

  it('falls back to REST for ten minutes on a GitLab without projects(fullPaths:), and says so once', async () => {
    server.state.graphql.fullPaths = false;
    const first = await pollAll();
    assert.equal(server.stats.count(GRAPHQL), 1);
    assert.ok(restLists() >= 4);
    assert.ok(first.every((a) => a.value.items.length > 0));
    await pollAll();
    assert.equal(server.stats.count(GRAPHQL), 1, 'GraphQL is not asked again meanwhile');
    assert.equal(logger.lines.filter((l) => /GraphQL cannot serve/.test(l) && /doesn't accept argument 'fullPaths'/.test(l)).length, 1);
  });

  it('falls back to REST when only the GraphQL answer is an HTML page', async () => {
    server.inject({ path: '/api/graphql', status: 200, text: '<!DOCTYPE html><html><head><title>Sign in</title></head></html>', headers: { 'content-type': 'text/html' } });
    const answers = await pollAll();
    assert.ok(answers.every((a) => a.value.items.length > 0));
    assert.ok(restLists() >= 4);
  });

  it('rejects every poll of the batch with AuthError on a 401, without a REST detour', async () => {
    server.inject({ path: '/api/graphql', status: 401, body: { message: '401 Unauthorized' } });
    const results = await Promise.allSettled(pollCalls());
    assert.ok(results.every((r) => r.status === 'rejected' && r.reason instanceof AuthError));
    assert.equal(restLists(), 0);
  });

  it('asks REST about a project the answer does not list, which says why', async () => {
    const missing: RepoRef = { ...repos[0]!, slug: 'group/gone' };
    const [seen, gone] = await Promise.allSettled([provider.listRuns(repos[0]!), provider.listRuns(missing)]);
    assert.equal(seen.status, 'fulfilled');
    assert.ok(gone.status === 'rejected' && gone.reason instanceof NotFoundError);
    assert.equal(server.stats.count(GRAPHQL), 1);
  });
});

describe('gitlab commit titles by REST (once per commit)', () => {
  it('asks each commit once and keeps its title', async () => {
    const server = new FakeGitLabServer({ state: new FakeGitLabState(sampleData()) });
    const url = await server.start();
    const provider = new GitLabProvider(url, { getToken: () => Promise.resolve(TOKENS.api), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, graphql: false });
    const repo: RepoRef = { provider: 'gitlab', host: url, slug: 'group/sub/project' };
    try {
      for (let i = 0; i < 4; i++) {
        await provider.listRuns(repo, { perPage: 20 });
      }
      const { value } = await provider.listRuns(repo, { perPage: 20 });
      const asked = server.stats.requests.filter((r) => r.route === 'GET /projects/:id/repository/commits/:sha').map((r) => r.path);
      assert.equal(new Set(asked).size, asked.length, 'no commit asked twice');
      const unnamed = value.items.filter((r) => r.id !== '100');
      assert.ok(unnamed.length > 0);
      for (const run of unnamed) {
        assert.equal(run.title, server.state.commitTitle(run.headSha), `run ${run.id}`);
      }
      const run = await provider.getRun(repo, '101');
      assert.equal(run.title, server.state.commitTitle(run.headSha));
      assert.equal(server.stats.requests.filter((r) => r.route === 'GET /projects/:id/repository/commits/:sha').length, asked.length, 'the run panel reuses the title');
    } finally {
      provider.dispose();
      await server.close();
    }
  });
});
