import { repoKey, type RepoRef, type Run } from '../model';
import type { SyncReader } from './types';

/** A run the sync service knows about (branch runs, recent runs, or loaded workflow pages). */
export function findKnownRun(sync: Pick<SyncReader, 'snapshot' | 'pipelineRuns'>, repoKey: string, runId: string): Run | undefined {
  const snapshot = sync.snapshot(repoKey);
  if (!snapshot) {
    return undefined;
  }
  const direct = snapshot.branchRuns.find((r) => r.id === runId) ?? snapshot.recentRuns.find((r) => r.id === runId);
  if (direct) {
    return direct;
  }
  for (const pipeline of snapshot.pipelines) {
    const run = sync.pipelineRuns(repoKey, pipeline.id).runs.find((r) => r.id === runId);
    if (run) {
      return run;
    }
  }
  return undefined;
}

/** Every known run of a repository, without duplicates: branch runs first, then recent runs. */
export function knownRuns(sync: SyncReader, repoKey: string): Run[] {
  const snapshot = sync.snapshot(repoKey);
  if (!snapshot) {
    return [];
  }
  const seen = new Set<string>();
  return [...snapshot.branchRuns, ...snapshot.recentRuns].filter((run) => !seen.has(run.id) && (seen.add(run.id), true));
}

/** The watched repository with this key, if any. */
export function repoByKey(sync: Pick<SyncReader, 'repositories'>, repoKeyValue: string): RepoRef | undefined {
  return sync.repositories().find((repo) => repoKey(repo) === repoKeyValue);
}
