import * as assert from 'node:assert/strict';
import { buildFeed, feedBranches, type FeedSource } from '../../../../src/core/activity/feed';
import { NO_FILTER, parseFeedFilter, type FeedFilter } from '../../../../src/core/activity/feedFilter';
import { repoKey, type RepoRef, type Run, type RunState } from '../../../../src/core/model';
import type { PagedRuns, RepoSnapshot } from '../../../../src/core/sync/types';

const GH: RepoRef = { provider: 'github', host: 'https://api.github.com', slug: 'octo/app' };
const GL: RepoRef = { provider: 'gitlab', host: 'https://gitlab.com', slug: 'group/lib' };

function run(id: string, createdAt: string, state: RunState, extra: Partial<Run> = {}): Run {
  return { id, pipelineId: 'ci', pipelineName: 'CI', number: Number(id.replace(/\D/g, '')) || 1, attempt: 1, title: `run ${id}`, branch: 'main', headSha: 'abc', event: 'push', actor: 'alice', state, rawStatus: state, createdAt, webUrl: `https://example.com/${id}`, ...extra };
}

function snapshot(repo: RepoRef, recentRuns: Run[], branchRuns: Run[] = []): RepoSnapshot {
  return { repo, pipelines: [{ id: 'ci', name: 'CI', webUrl: '' }], recentRuns, branchRuns, stale: false };
}

function source(snapshots: RepoSnapshot[], pages: Record<string, PagedRuns> = {}): FeedSource {
  return {
    repositories: () => snapshots.map((s) => s.repo),
    snapshot: (key) => snapshots.find((s) => repoKey(s.repo) === key),
    pipelineRuns: (key, pipelineId) => pages[`${key}#${pipelineId}`] ?? { runs: [], hasMore: false, loading: false },
  };
}

const logins = (repo: RepoRef): string | undefined => (repo.provider === 'github' ? 'Alice' : 'bob');

describe('Activity feed', () => {
  const gh = snapshot(GH, [run('g3', '2026-12-01T10:03:00Z', 'failure'), run('g1', '2026-12-01T10:01:00Z', 'success', { actor: 'carol', branch: 'feature/x' })]);
  const gl = snapshot(GL, [run('l2', '2026-12-01T10:02:00Z', 'failure', { actor: 'bob' }), run('l0', '2026-12-01T09:00:00Z', 'running', { actor: 'alice' })]);

  it('lists the runs of every repository and provider newest first', () => {
    const feed = buildFeed(source([gh, gl]), NO_FILTER, logins, 50);
    assert.deepEqual(feed.entries.map((e) => e.run.id), ['g3', 'l2', 'g1', 'l0']);
    assert.equal(feed.entries[1]?.repoKey, repoKey(GL));
  });

  it('"mine" compares each run with the signed-in user of its own account, case-insensitively', () => {
    const feed = buildFeed(source([gh, gl]), { ...NO_FILTER, mine: true }, logins, 50);
    // alice on GitHub (login Alice), bob on GitLab; GitLab's alice run is someone else there.
    assert.deepEqual(feed.entries.map((e) => e.run.id), ['g3', 'l2']);
  });

  it('"mine" shows nothing for an account whose user is unknown', () => {
    const feed = buildFeed(source([gh, gl]), { ...NO_FILTER, mine: true }, () => undefined, 50);
    assert.equal(feed.entries.length, 0);
  });

  it('filters by status group, branch, provider and repository together', () => {
    const failed: FeedFilter = { ...NO_FILTER, statuses: ['failed'] };
    assert.deepEqual(buildFeed(source([gh, gl]), failed, logins, 50).entries.map((e) => e.run.id), ['g3', 'l2']);
    assert.deepEqual(buildFeed(source([gh, gl]), { ...failed, providers: ['gitlab'] }, logins, 50).entries.map((e) => e.run.id), ['l2']);
    assert.deepEqual(buildFeed(source([gh, gl]), { ...NO_FILTER, branches: ['feature/x'] }, logins, 50).entries.map((e) => e.run.id), ['g1']);
    assert.deepEqual(buildFeed(source([gh, gl]), { ...NO_FILTER, statuses: ['running'], repositories: [repoKey(GL)] }, logins, 50).entries.map((e) => e.run.id), ['l0']);
  });

  it('merges loaded older pages with the first page once, the snapshot copy winning, and says what is hidden', () => {
    const stale = run('g3', '2026-12-01T10:03:00Z', 'running');
    const older = run('g0', '2026-11-30T08:00:00Z', 'success');
    const pages = { [`${repoKey(GH)}#ci`]: { runs: [stale, older], hasMore: true, loading: false } };
    const feed = buildFeed(source([gh], pages), NO_FILTER, logins, 2);
    assert.deepEqual(feed.entries.map((e) => [e.run.id, e.run.state]), [['g3', 'failure'], ['g1', 'success']]);
    assert.equal(feed.hiddenCount, 1);
    assert.deepEqual(feed.morePipelines, [{ repoKey: repoKey(GH), pipelineId: 'ci' }]);
  });

  it('does not offer more of a pipeline whose next page is already loading', () => {
    const pages = { [`${repoKey(GH)}#ci`]: { runs: [], hasMore: true, loading: true } };
    assert.deepEqual(buildFeed(source([gh], pages), NO_FILTER, logins, 50).morePipelines, []);
  });

  it('lists the branches of known runs, most recent first', () => {
    assert.deepEqual(feedBranches(source([gh, gl])), ['main', 'feature/x']);
  });

  it('adds up the choices within a facet (failed or running; two branches)', () => {
    assert.deepEqual(buildFeed(source([gh, gl]), { ...NO_FILTER, statuses: ['failed', 'running'] }, logins, 50).entries.map((e) => e.run.id), ['g3', 'l2', 'l0']);
    assert.deepEqual(buildFeed(source([gh, gl]), { ...NO_FILTER, branches: ['feature/x', 'main'], providers: ['github'] }, logins, 50).entries.map((e) => e.run.id), ['g3', 'g1']);
  });

  it('reads a remembered filter strictly and falls back to no filter', () => {
    assert.deepEqual(parseFeedFilter({ mine: true, statuses: ['failed', 'bogus'], branches: ['main', 3, ''], providers: 'gitlab' }), { mine: true, statuses: ['failed'], branches: ['main'], providers: [], repositories: [] });
    assert.deepEqual(parseFeedFilter('nonsense'), NO_FILTER);
    assert.deepEqual(parseFeedFilter(null), NO_FILTER);
  });
});
