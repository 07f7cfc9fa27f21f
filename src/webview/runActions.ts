import { isActive, type Run } from '../core/model';
import type { RunAction } from '../shared/protocol';

/**
 * Buttons the run panel offers for a run: acting needs a token with write access and a
 * state where the action applies; the browser link always works.
 */
export function runActionsFor(run: Run, readOnly: boolean): readonly RunAction[] {
  const actions: RunAction[] = [];
  if (!readOnly) {
    if (isActive(run.state)) {
      actions.push('flowforge.cancelRun');
    } else {
      actions.push('flowforge.rerunRun');
      if (run.state === 'failure' || run.state === 'cancelled') {
        actions.push('flowforge.rerunFailedJobs');
      }
    }
  }
  actions.push('flowforge.openInBrowser');
  return actions;
}
