/**
 * Status aggregation shared by the tree and the status bar.
 */
import type { Run, RunState } from './model';
import { RUN_STATES } from './model';
import { compareRunsNewestFirst } from './runOrder';

/**
 * Priority of states when several are combined, highest first:
 * anything still executing wins ('running' before 'queued'), then the worst outcome:
 * failure > action_required > cancelled > success > neutral > skipped.
 */
export const STATE_PRIORITY: readonly RunState[] = [
  'running',
  'queued',
  'failure',
  'action_required',
  'cancelled',
  'success',
  'neutral',
  'skipped',
];

/** The combined state of several runs/jobs (see STATE_PRIORITY); undefined when there are none. */
export function aggregateState(states: Iterable<RunState>): RunState | undefined {
  const present = new Set(states);
  return STATE_PRIORITY.find((state) => present.has(state));
}

/** The newest run of each pipeline (by createdAt, then number), newest first. */
export function latestPerPipeline(runs: readonly Run[]): Run[] {
  const latest = new Map<string, Run>();
  for (const run of runs) {
    const current = latest.get(run.pipelineId);
    if (current === undefined || compareRunsNewestFirst(run, current) < 0) {
      latest.set(run.pipelineId, run);
    }
  }
  return [...latest.values()].sort(compareRunsNewestFirst);
}

export interface BranchSummary {
  /** Combined state of `latest`; undefined when there are no runs. */
  readonly state: RunState | undefined;
  /** Latest run per pipeline, per repository, newest first. */
  readonly latest: readonly Run[];
  /** How many of `latest` are in each state. */
  readonly counts: Readonly<Record<RunState, number>>;
}

/**
 * Summarizes the branch runs of several repositories (one list per repository, since
 * pipeline ids are only unique within a repository).
 */
export function summarizeBranch(runsPerRepo: readonly (readonly Run[])[]): BranchSummary {
  const latest = runsPerRepo.flatMap((runs) => latestPerPipeline(runs)).sort(compareRunsNewestFirst);
  const counts = Object.fromEntries(RUN_STATES.map((state) => [state, 0])) as Record<RunState, number>;
  for (const run of latest) {
    counts[run.state] += 1;
  }
  return { state: aggregateState(latest.map((run) => run.state)), latest, counts };
}
