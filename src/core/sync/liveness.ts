/**
 * Which runs and jobs may still change, for polling decisions.
 * Narrower than model.isActive: a run waiting for approval ('action_required') can wait for
 * days and does not justify fast polling.
 */
import type { Job, Run, RunState } from '../model';
import type { RepoSnapshot } from './types';

export function isLive(state: RunState): boolean {
  return state === 'queued' || state === 'running';
}

/** Whether any run of the snapshot is queued or running. */
export function hasLiveRun(snapshot: RepoSnapshot): boolean {
  return snapshot.recentRuns.some((run) => isLive(run.state)) || snapshot.branchRuns.some((run) => isLive(run.state));
}

export function hasLiveJob(jobs: readonly Job[]): boolean {
  return jobs.some((job) => isLive(job.state));
}

/** The run with this id among the given lists, if any. */
export function findRun(runId: string, ...lists: readonly (readonly Run[])[]): Run | undefined {
  for (const list of lists) {
    const run = list.find((candidate) => candidate.id === runId);
    if (run !== undefined) {
      return run;
    }
  }
  return undefined;
}
