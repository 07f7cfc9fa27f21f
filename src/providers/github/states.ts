/**
 * GitHub status/conclusion pairs -> the normalized RunState.
 * Shared by workflow runs, jobs, steps and check runs (same vocabulary).
 */
import type { RunState } from '../../core/model';

const QUEUED_STATUSES = new Set(['queued', 'waiting', 'requested', 'pending']);

const CONCLUSIONS: Readonly<Record<string, RunState>> = {
  success: 'success',
  failure: 'failure',
  cancelled: 'cancelled',
  skipped: 'skipped',
  neutral: 'neutral',
  action_required: 'action_required',
  timed_out: 'failure',
  startup_failure: 'failure',
  stale: 'neutral',
};

export function toRunState(status: string | null | undefined, conclusion: string | null | undefined): RunState {
  if (status === 'completed') {
    return (conclusion ? CONCLUSIONS[conclusion] : undefined) ?? 'neutral';
  }
  if (status === 'in_progress') {
    return 'running';
  }
  if (status === 'action_required') {
    return 'action_required';
  }
  if (status && QUEUED_STATUSES.has(status)) {
    return 'queued';
  }
  // Unknown or missing status: trust a conclusion if there is one, else assume it has not started.
  return (conclusion ? CONCLUSIONS[conclusion] : undefined) ?? 'queued';
}

/** The provider's own wording: the conclusion once completed, the status before. */
export function rawStatusOf(status: string | null | undefined, conclusion: string | null | undefined): string {
  if (status === 'completed' && conclusion) {
    return conclusion;
  }
  return status ?? conclusion ?? 'unknown';
}
