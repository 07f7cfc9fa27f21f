/** Azure Pipelines build and timeline record states onto FlowForge's RunState. Pure. */
import type { RunState } from '../../core/model';

const BUILD_STATUS: Readonly<Record<string, RunState>> = {
  notStarted: 'queued',
  postponed: 'queued',
  inProgress: 'running',
  cancelling: 'cancelled',
};

const RESULTS: Readonly<Record<string, RunState>> = {
  succeeded: 'success',
  // Warnings, or a step with continueOnError that failed: done, not failed.
  partiallySucceeded: 'neutral',
  succeededWithIssues: 'neutral',
  failed: 'failure',
  canceled: 'cancelled',
  abandoned: 'cancelled',
  skipped: 'skipped',
};

/** A build: its result once completed, else its status; `waiting` when an approval or check holds it. */
export function mapBuildState(status: string | undefined, result: string | undefined, waiting = false): RunState {
  if (status === 'completed') return (result !== undefined ? RESULTS[result] : undefined) ?? 'neutral';
  const mapped = (status !== undefined ? BUILD_STATUS[status] : undefined) ?? 'neutral';
  return waiting && (mapped === 'running' || mapped === 'queued') ? 'action_required' : mapped;
}

/** A timeline record (stage, job, task, checkpoint): pending, inProgress, completed with a result. */
export function mapRecordState(state: string | undefined, result: string | undefined): RunState {
  if (state === 'pending') return 'queued';
  if (state === 'inProgress') return 'running';
  if (state === 'completed') return (result !== undefined ? RESULTS[result] : undefined) ?? 'neutral';
  return 'neutral';
}
