/**
 * Decides which runs deserve a "finished" notification: runs of the current branch, or started
 * from FlowForge in this session, that FlowForge saw active and then saw completed. Runs first
 * seen already completed (startup, cache) never notify. vscode-free: fed with snapshots.
 */
import { isActive, type Run } from '../core/model';
import type { RepoSnapshot } from '../core/sync/types';

export type NotificationMode = 'all' | 'failures' | 'off';

export const NOTIFICATION_MODES: readonly NotificationMode[] = ['all', 'failures', 'off'];

export interface RunNotice {
  readonly repoKey: string;
  readonly run: Run;
  /** True when the result is a failure (offers "Re-run Failed Jobs"). */
  readonly failed: boolean;
}

export function notificationMode(value: unknown): NotificationMode {
  return NOTIFICATION_MODES.find((mode) => mode === value) ?? 'failures';
}

export class RunNotifier {
  /** repoKey -> runId -> whether the run was active when last seen in a fresh snapshot. */
  private readonly seen = new Map<string, Map<string, boolean>>();
  /** "repoKey#runId" of runs started from FlowForge in this session. */
  private readonly started = new Set<string>();

  constructor(private readonly mode: () => NotificationMode) {}

  /** Marks a run as started (dispatched, re-run) from FlowForge: it notifies on any branch. */
  track(repoKey: string, runId: string): void {
    this.started.add(`${repoKey}#${runId}`);
  }

  /** Compares a repository's new snapshot with what was seen before; returns the runs to announce. */
  observe(repoKey: string, snapshot: RepoSnapshot | undefined): RunNotice[] {
    if (snapshot === undefined) {
      this.seen.delete(repoKey);
      return [];
    }
    // Restored from cache and not refreshed yet: says nothing about what happened while we watched.
    if (snapshot.fetchedAt === undefined) {
      return [];
    }
    const previous = this.seen.get(repoKey) ?? new Map<string, boolean>();
    const current = new Map<string, boolean>();
    const notices: RunNotice[] = [];
    for (const run of uniqueRuns(snapshot)) {
      const active = isActive(run.state);
      current.set(run.id, active);
      if (!active && previous.get(run.id) === true && this.relevant(repoKey, run, snapshot) && this.wanted(run)) {
        notices.push({ repoKey, run, failed: run.state === 'failure' });
      }
    }
    this.seen.set(repoKey, current);
    return notices;
  }

  /** Forgets repositories no longer watched. */
  retain(repoKeys: ReadonlySet<string>): void {
    for (const key of [...this.seen.keys()]) {
      if (!repoKeys.has(key)) {
        this.seen.delete(key);
      }
    }
  }

  private relevant(repoKey: string, run: Run, snapshot: RepoSnapshot): boolean {
    const onBranch = snapshot.branch !== undefined && run.branch === snapshot.branch;
    return onBranch || this.started.has(`${repoKey}#${run.id}`);
  }

  private wanted(run: Run): boolean {
    const mode = this.mode();
    return mode === 'all' || (mode === 'failures' && run.state === 'failure');
  }
}

function uniqueRuns(snapshot: RepoSnapshot): Run[] {
  const byId = new Map<string, Run>();
  for (const run of [...snapshot.branchRuns, ...snapshot.recentRuns]) {
    if (!byId.has(run.id)) {
      byId.set(run.id, run);
    }
  }
  return [...byId.values()];
}
