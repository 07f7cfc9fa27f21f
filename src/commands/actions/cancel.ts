/**
 * Cancel Run, or a single job where the provider can cancel jobs. Asks first when
 * flowforge.confirmDestructiveActions is on; if the run still runs ~12 s later, offers
 * Force Cancel where the provider has it.
 */
import * as vscode from 'vscode';
import { RUN_FILTERS } from '../../actions/runCandidates';
import { describeError } from '../../core/errors';
import { isActive } from '../../core/model';
import type { ActionDeps } from './deps';
import { hasFeature, requireFeature } from './features';
import { requireProvider, runMutation } from './mutation';
import { confirmDestructiveActions } from './settings';
import { jobFromArgs, pickRun, runFromArgs, type RunTarget } from './target';

/** How long after a cancel the run is checked again. */
export const FORCE_CANCEL_CHECK_MS = 12_000;

async function confirm(message: string): Promise<boolean> {
  if (!confirmDestructiveActions()) {
    return true;
  }
  const cancel = vscode.l10n.t('Cancel Run');
  return (await vscode.window.showWarningMessage(message, { modal: true }, cancel)) === cancel;
}

async function offerForceCancel(deps: ActionDeps, target: RunTarget): Promise<void> {
  const provider = deps.providerFor(target.repo);
  if (!provider?.getRun || !provider.cancelRun || !hasFeature(deps, target.repo, 'forceCancel')) {
    return;
  }
  const run = await provider.getRun(target.repo, target.run.id);
  if (!isActive(run.state)) {
    return;
  }
  const force = vscode.l10n.t('Force Cancel');
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} #{1} is still running after the cancel request.', run.pipelineName, run.number), force);
  if (choice === force) {
    const cancelRun = provider.cancelRun.bind(provider);
    await runMutation(deps, target.repo, vscode.l10n.t('Force-cancelling {0} #{1}…', run.pipelineName, run.number), () => cancelRun(target.repo, run.id, { force: true }));
  }
}

function scheduleForceCancelCheck(deps: ActionDeps, target: RunTarget): void {
  const timer = deps.clock.setTimeout(() => {
    offerForceCancel(deps, target).catch((error: unknown) => {
      deps.logger.warn(`Force cancel of ${target.repo.slug} run ${target.run.id}: ${describeError(error)}`);
      void vscode.window.showErrorMessage(describeError(error));
    });
  }, FORCE_CANCEL_CHECK_MS);
  deps.timers.add(timer);
}

export function cancelRunCommand(deps: ActionDeps) {
  return async (...args: unknown[]): Promise<void> => {
    const job = await jobFromArgs(deps, args);
    if (job && hasFeature(deps, job.repo, 'cancelJob')) {
      const provider = requireProvider(deps, job.repo);
      if (provider.cancelJob) {
        const cancelJob = provider.cancelJob.bind(provider);
        if (await confirm(vscode.l10n.t('Cancel job {0}?', job.job.name))) {
          await runMutation(deps, job.repo, vscode.l10n.t('Cancelling {0}…', job.job.name), () => cancelJob(job.repo, job.job.id));
        }
        return;
      }
    }
    // A job's arguments name its run: without job cancels, the whole run is cancelled.
    const target = runFromArgs(deps, args) ?? (args.length > 0 ? undefined : await pickRun(deps, RUN_FILTERS.cancel, vscode.l10n.t('FlowForge: Cancel Run'), 'cancelRun'));
    if (!target) {
      return;
    }
    requireFeature(deps, target.repo, 'cancelRun');
    const provider = requireProvider(deps, target.repo);
    if (!provider.cancelRun) {
      throw new Error(vscode.l10n.t('{0} cannot cancel runs.', provider.displayName));
    }
    const cancelRun = provider.cancelRun.bind(provider);
    if (!(await confirm(vscode.l10n.t('Cancel {0} #{1} on {2}?', target.run.pipelineName, target.run.number, target.run.branch ?? target.repo.slug)))) {
      return;
    }
    await runMutation(deps, target.repo, vscode.l10n.t('Cancelling {0} #{1}…', target.run.pipelineName, target.run.number), () => cancelRun(target.repo, target.run.id));
    scheduleForceCancelCheck(deps, target);
  };
}
