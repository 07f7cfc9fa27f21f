/**
 * The Activity feed: the runs of every watched repository and provider in one list, newest
 * first, built only from what the poller already holds (no requests of its own).
 * No `vscode` here.
 */
import type { RepoRef, Run } from '../model';
import { repoKey } from '../model';
import type { PagedRuns, RepoSnapshot } from '../sync/types';
import { statusGroupOf, type FeedFilter } from './feedFilter';

export interface FeedEntry {
  readonly repoKey: string;
  readonly repo: RepoRef;
  readonly run: Run;
}

/** What the feed reads: the sync service's snapshots and the pages loaded per pipeline. */
export interface FeedSource {
  repositories(): readonly RepoRef[];
  snapshot(key: string): RepoSnapshot | undefined;
  pipelineRuns(key: string, pipelineId: string): PagedRuns;
}

export interface Feed {
  readonly entries: readonly FeedEntry[];
  /** Matching runs beyond `limit` that are already loaded. */
  readonly hiddenCount: number;
  /** Pipelines of the filtered repositories with older runs still on the server. */
  readonly morePipelines: readonly { readonly repoKey: string; readonly pipelineId: string }[];
}

/** The signed-in user of the repository's account, where known. */
export type LoginOf = (repo: RepoRef) => string | undefined;

function repoMatches(repo: RepoRef, filter: FeedFilter): boolean {
  return (filter.providers.length === 0 || filter.providers.includes(repo.provider)) && (filter.repositories.length === 0 || filter.repositories.includes(repoKey(repo)));
}

function runMatches(run: Run, filter: FeedFilter, login: string | undefined): boolean {
  if (filter.branches.length > 0 && (run.branch === undefined || !filter.branches.includes(run.branch))) {
    return false;
  }
  if (filter.statuses.length > 0) {
    const group = statusGroupOf(run.state);
    if (group === undefined || !filter.statuses.includes(group)) {
      return false;
    }
  }
  if (filter.mine) {
    return login !== undefined && run.actor !== undefined && run.actor.toLowerCase() === login.toLowerCase();
  }
  return true;
}

/** Every run the snapshot and the loaded pages know, once each (a run's newest copy wins). */
function knownRuns(key: string, snapshot: RepoSnapshot, source: FeedSource): { runs: Run[]; more: string[] } {
  const byId = new Map<string, Run>();
  const more: string[] = [];
  for (const pipeline of snapshot.pipelines) {
    const paged = source.pipelineRuns(key, pipeline.id);
    paged.runs.forEach((run) => byId.set(run.id, run));
    if (paged.hasMore && !paged.loading) {
      more.push(pipeline.id);
    }
  }
  // The first page and the branch runs are the freshest copies.
  [...snapshot.branchRuns, ...snapshot.recentRuns].forEach((run) => byId.set(run.id, run));
  return { runs: [...byId.values()], more };
}

const newestFirst = (a: FeedEntry, b: FeedEntry): number =>
  b.run.createdAt.localeCompare(a.run.createdAt) || a.repoKey.localeCompare(b.repoKey) || b.run.id.localeCompare(a.run.id);

export function buildFeed(source: FeedSource, filter: FeedFilter, loginOf: LoginOf, limit: number): Feed {
  const matching: FeedEntry[] = [];
  const morePipelines: { repoKey: string; pipelineId: string }[] = [];
  for (const repo of source.repositories()) {
    if (!repoMatches(repo, filter)) {
      continue;
    }
    const key = repoKey(repo);
    const snapshot = source.snapshot(key);
    if (!snapshot) {
      continue;
    }
    const login = filter.mine ? loginOf(repo) : undefined;
    const { runs, more } = knownRuns(key, snapshot, source);
    for (const run of runs) {
      if (runMatches(run, filter, login)) {
        matching.push({ repoKey: key, repo, run });
      }
    }
    more.forEach((pipelineId) => morePipelines.push({ repoKey: key, pipelineId }));
  }
  matching.sort(newestFirst);
  return { entries: matching.slice(0, limit), hiddenCount: Math.max(0, matching.length - limit), morePipelines };
}

/** Branches that the known runs carry, for the filter's branch list (most recent first). */
export function feedBranches(source: FeedSource): string[] {
  const seen = new Map<string, string>();
  for (const repo of source.repositories()) {
    const snapshot = source.snapshot(repoKey(repo));
    for (const run of snapshot ? [...snapshot.branchRuns, ...snapshot.recentRuns] : []) {
      if (run.branch && (seen.get(run.branch) ?? '') < run.createdAt) {
        seen.set(run.branch, run.createdAt);
      }
    }
  }
  return [...seen.entries()].sort((a, b) => b[1].localeCompare(a[1])).map(([branch]) => branch);
}
