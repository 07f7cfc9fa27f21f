/** Jenkins build results and Pipeline REST API stage statuses onto FlowForge's RunState. Pure. */
import type { RunState } from '../../core/model';

const RESULTS: Readonly<Record<string, RunState>> = {
  SUCCESS: 'success',
  FAILURE: 'failure',
  // Tests failed but the build ran through: not a success, shown as "UNSTABLE" (rawStatus).
  UNSTABLE: 'failure',
  ABORTED: 'cancelled',
  NOT_BUILT: 'skipped',
};

/** A build's state: building wins; a finished build without a result (rare) is neutral. */
export function mapResult(result: string | undefined, building: boolean): RunState {
  if (building) return 'running';
  return (result !== undefined ? RESULTS[result] : undefined) ?? 'neutral';
}

/** The raw text shown beside the state: the result, or BUILDING. */
export function rawResult(result: string | undefined, building: boolean): string {
  return building ? 'BUILDING' : (result ?? 'UNKNOWN');
}

/** The Pipeline REST API's status of a stage (and a build) paused on an `input` step (StatusExt). */
export const PAUSED_PENDING_INPUT = 'PAUSED_PENDING_INPUT';

const STAGE_STATUSES: Readonly<Record<string, RunState>> = {
  SUCCESS: 'success',
  FAILED: 'failure',
  UNSTABLE: 'failure',
  ABORTED: 'cancelled',
  IN_PROGRESS: 'running',
  [PAUSED_PENDING_INPUT]: 'action_required',
  NOT_EXECUTED: 'skipped',
  NOT_BUILT: 'skipped',
  QUEUED: 'queued',
};

export function mapStageStatus(status: string | undefined): RunState {
  return (status !== undefined ? STAGE_STATUSES[status] : undefined) ?? 'neutral';
}
