/** Buildkite build and job states onto FlowForge's RunState. Pure. */
import type { RunState } from '../../core/model';

const BUILD_STATES: Readonly<Record<string, RunState>> = {
  creating: 'queued',
  scheduled: 'queued',
  running: 'running',
  // Some job failed but others still run: still running, the failure shows on the job.
  failing: 'running',
  passed: 'success',
  failed: 'failure',
  // A build waiting on a block step (notification state; the REST state stays as it was, with blocked: true).
  blocked: 'action_required',
  canceling: 'cancelled',
  canceled: 'cancelled',
  skipped: 'skipped',
  not_run: 'skipped',
  waiting: 'queued',
  waiting_failed: 'failure',
};

/** A build's state; `blocked: true` on a build that has not finished failing means it waits for someone. */
export function mapBuildState(state: string | undefined, blocked: boolean): RunState {
  const mapped = (state !== undefined ? BUILD_STATES[state] : undefined) ?? 'neutral';
  return blocked && (mapped === 'success' || mapped === 'running' || mapped === 'queued') ? 'action_required' : mapped;
}

const JOB_STATES: Readonly<Record<string, RunState>> = {
  pending: 'queued',
  waiting: 'queued',
  waiting_failed: 'skipped',
  blocked: 'action_required',
  blocked_failed: 'failure',
  unblocked: 'success',
  unblocked_failed: 'failure',
  limiting: 'queued',
  limited: 'queued',
  scheduled: 'queued',
  assigned: 'queued',
  accepted: 'queued',
  running: 'running',
  passed: 'success',
  failed: 'failure',
  timing_out: 'running',
  timed_out: 'failure',
  canceling: 'cancelled',
  canceled: 'cancelled',
  skipped: 'skipped',
  broken: 'skipped',
  expired: 'failure',
  finished: 'success',
};

/** A job's state; a soft-failed job does not fail its build and shows as neutral. */
export function mapJobState(state: string | undefined, softFailed: boolean): RunState {
  const mapped = (state !== undefined ? JOB_STATES[state] : undefined) ?? 'neutral';
  return softFailed && mapped === 'failure' ? 'neutral' : mapped;
}
