/** The runs a palette command offers when invoked without a tree item: current branch first. vscode-free. */
import { isActive, repoKey, type Run } from '../core/model';
import type { RepoSnapshot } from '../core/sync/types';

export interface RunCandidate {
  readonly repoKey: string;
  readonly snapshot: RepoSnapshot;
  readonly run: Run;
  readonly onCurrentBranch: boolean;
}

export type RunFilter = (run: Run) => boolean;

/** Which runs each command acts on. */
export const RUN_FILTERS = {
  rerun: (run: Run) => !isActive(run.state),
  rerunFailed: (run: Run) => run.state === 'failure' || run.state === 'cancelled',
  anyRun: (_run: Run) => true,
  cancel: (run: Run) => isActive(run.state),
  approve: (run: Run) => isAwaitingApproval(run),
} as const satisfies Record<string, RunFilter>;

/** A run waiting for a deployment review (GitHub "waiting") or another action by hand. */
export function isAwaitingApproval(run: Run): boolean {
  return run.state === 'action_required' || run.rawStatus === 'waiting';
}

export function runCandidates(snapshots: readonly RepoSnapshot[], filter: RunFilter): RunCandidate[] {
  const candidates: RunCandidate[] = [];
  const seen = new Set<string>();
  for (const snapshot of snapshots) {
    const key = repoKey(snapshot.repo);
    for (const run of [...snapshot.branchRuns, ...snapshot.recentRuns]) {
      const id = `${key}#${run.id}`;
      if (seen.has(id) || !filter(run)) {
        continue;
      }
      seen.add(id);
      candidates.push({ repoKey: key, snapshot, run, onCurrentBranch: snapshot.branch !== undefined && run.branch === snapshot.branch });
    }
  }
  return candidates.sort((a, b) => Number(b.onCurrentBranch) - Number(a.onCurrentBranch) || b.run.createdAt.localeCompare(a.run.createdAt));
}
