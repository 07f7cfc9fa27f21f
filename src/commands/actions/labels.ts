/** Codicons for run states in quick picks (the tree has its own colored icons). */
import type { RunState } from '../../core/model';

const CODICONS: Readonly<Record<RunState, string>> = {
  queued: 'clock',
  running: 'sync',
  success: 'pass',
  failure: 'error',
  cancelled: 'circle-slash',
  skipped: 'debug-step-over',
  neutral: 'circle-outline',
  action_required: 'bell',
};

export function stateCodicon(state: RunState): string {
  return CODICONS[state];
}
