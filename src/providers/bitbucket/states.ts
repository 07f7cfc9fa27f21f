/**
 * Bitbucket Pipelines states onto FlowForge's RunState. A state is nested: `state.name` (PENDING,
 * IN_PROGRESS, COMPLETED), then `state.stage.name` (RUNNING, PAUSED, HALTED) while in progress or
 * `state.result.name` (SUCCESSFUL, FAILED, ERROR, STOPPED, EXPIRED, NOT_RUN) once completed. Pure.
 */
import type { RunState } from '../../core/model';
import { child, str, type JsonRecord } from '../http';

const STAGES: Readonly<Record<string, RunState>> = {
  RUNNING: 'running',
  // A manual step (or a deployment gate) waits for someone to run it.
  PAUSED: 'action_required',
  HALTED: 'action_required',
  PENDING: 'queued',
};

const RESULTS: Readonly<Record<string, RunState>> = {
  SUCCESSFUL: 'success',
  FAILED: 'failure',
  ERROR: 'failure',
  STOPPED: 'cancelled',
  EXPIRED: 'cancelled',
  NOT_RUN: 'skipped',
};

export interface MappedState {
  readonly state: RunState;
  /** "COMPLETED / FAILED", "IN_PROGRESS / PAUSED": Bitbucket's own words, for display. */
  readonly raw: string;
}

/** A pipeline's or a step's `state` object. */
export function mapState(state: JsonRecord): MappedState {
  const name = str(state, 'name') ?? 'UNKNOWN';
  const stage = str(child(state, 'stage'), 'name');
  const result = str(child(state, 'result'), 'name');
  const raw = [name, name === 'COMPLETED' ? result : stage].filter((part) => part !== undefined).join(' / ');
  switch (name) {
    case 'PENDING':
    case 'READY':
      return { state: 'queued', raw };
    case 'IN_PROGRESS':
      return { state: (stage !== undefined ? STAGES[stage] : undefined) ?? 'running', raw };
    case 'PAUSED':
    case 'HALTED':
      return { state: 'action_required', raw };
    case 'COMPLETED':
      return { state: (result !== undefined ? RESULTS[result] : undefined) ?? 'neutral', raw };
    default:
      return { state: 'neutral', raw };
  }
}
