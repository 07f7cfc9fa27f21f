/** Display helpers for states and durations. Pure. */
import type { RunState } from '../core/model';

/** Same codicons as the tree and status bar (src/views/stateIcons.ts). */
export const STATE_CODICON: Readonly<Record<RunState, string>> = {
  queued: 'clock',
  running: 'sync',
  success: 'pass-filled',
  failure: 'error',
  cancelled: 'circle-slash',
  skipped: 'debug-step-over',
  neutral: 'circle-outline',
  action_required: 'warning',
};

export function stateLabel(state: RunState): string {
  return state.replace('_', ' ');
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/**
 * How long a run took, by the same rule as the tree (core/time.ts durationMs): '' while queued;
 * from start (or creation) to `now` while running, else to completion, or to the last update
 * where the API gives no completion time (GitLab's pipeline list, GitHub runs).
 */
export function runDurationText(run: { readonly state: RunState; readonly createdAt?: string; readonly startedAt?: string; readonly completedAt?: string; readonly updatedAt?: string }, now: number): string {
  if (run.state === 'queued') return '';
  const end = run.state === 'running' ? undefined : (run.completedAt ?? run.updatedAt);
  return durationText(run.startedAt ?? run.createdAt, end, now);
}

/** Duration from start to completion, or to `now` while running; '' when unknown. */
export function durationText(startedAt: string | undefined, completedAt: string | undefined, now: number): string {
  const start = startedAt === undefined ? NaN : Date.parse(startedAt);
  if (Number.isNaN(start)) return '';
  const end = completedAt === undefined ? now : Date.parse(completedAt);
  return Number.isNaN(end) ? '' : formatDuration(end - start);
}
