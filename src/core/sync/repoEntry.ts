/**
 * What the sync service keeps per watched repository besides its snapshot.
 */
import { applyBranch, emptySnapshot } from './applyPoll';
import { JobsCache } from './jobsCache';
import type { PipelinePages } from './runPages';
import type { RepoSnapshot, WatchedRepository } from './types';

export interface RepoEntry {
  readonly key: string;
  watched: WatchedRepository;
  snapshot: RepoSnapshot;
  /** Set once a full poll succeeded in this session: cached data must not overwrite it. */
  polled: boolean;
  repositoryFetched: boolean;
  pipelinesFetched: boolean;
  /** Whether the last recent-runs listing had further pages. */
  recentHasMore: boolean;
  readonly jobs: JobsCache;
  readonly pages: Map<string, PipelinePages>;
  readonly loadingPages: Map<string, Promise<void>>;
  /** Aborted when the repository is removed or the service disposed (load more, jobs). */
  readonly lifetime: AbortController;
  /** When the merge gate of the current branch was last read (gatePolicy.ts); reset by a branch change. */
  gateReadAt?: number;
  /** A manual refresh asked for the gate to be read in the next full poll. */
  gateForced?: boolean;
  /** Loading of the cached snapshot. */
  restoring?: Promise<void>;
}

export function createEntry(key: string, watched: WatchedRepository): RepoEntry {
  return {
    key,
    watched,
    snapshot: emptySnapshot(watched.repo, watched.branch),
    polled: false,
    repositoryFetched: false,
    pipelinesFetched: false,
    recentHasMore: true,
    jobs: new JobsCache(),
    pages: new Map(),
    loadingPages: new Map(),
    lifetime: new AbortController(),
  };
}

/** A restored snapshot adapted to the entry: current branch, and any problem already seen. */
export function restoredSnapshot(entry: RepoEntry, cached: RepoSnapshot): RepoSnapshot {
  const adapted = applyBranch(cached, entry.watched.branch);
  const problem = entry.snapshot.problem;
  return problem === undefined ? adapted : { ...adapted, problem };
}
