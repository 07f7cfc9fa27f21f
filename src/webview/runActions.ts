import type { ProviderFeature } from '../core/ci/descriptor';
import { isActive, type Run } from '../core/model';
import type { RunAction } from '../shared/protocol';

/**
 * Buttons the run panel offers for a run: acting needs a provider that can do it (its
 * features), a token with write access and a state where the action applies; the browser
 * link always works.
 */
export function runActionsFor(run: Run, readOnly: boolean, features: ReadonlySet<ProviderFeature>): readonly RunAction[] {
  const actions: RunAction[] = [];
  if (!readOnly) {
    if (isActive(run.state)) {
      // A step waits for a person: proceed (or abort, where the provider can) from the panel.
      if (run.state === 'action_required' && features.has('unblock')) {
        actions.push('flowforge.unblockJob');
      }
      if (features.has('cancelRun')) {
        actions.push('flowforge.cancelRun');
      }
    } else {
      if (features.has('rerunRun')) {
        actions.push('flowforge.rerunRun');
      }
      if ((run.state === 'failure' || run.state === 'cancelled') && features.has('rerunFailedJobs')) {
        actions.push('flowforge.rerunFailedJobs');
      }
    }
  }
  actions.push('flowforge.openInBrowser');
  return actions;
}
