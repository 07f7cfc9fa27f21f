/**
 * Unblock…: a step that waits for a person (a Buildkite block or input step, a Jenkins `input`) gets
 * its fields as a typed form (text, select with options, required flags), then one unblock request.
 * Where the provider can reject such a step (feature unblockReject: Jenkins "Abort"), the user first
 * chooses Proceed or Abort; Abort asks again when flowforge.confirmDestructiveActions is on, then
 * sends one reject request. Never retried; on an error the form's values are kept and offered again.
 */
import * as vscode from 'vscode';
import { RUN_FILTERS } from '../../actions/runCandidates';
import { FormMemory } from '../../actions/formMemory';
import { rememberedValues } from '../../actions/formModel';
import { isCiError } from '../../core/errors';
import { findKnownRun } from '../../core/sync/lookup';
import type { Job } from '../../core/model';
import { askInputs } from './askInputs';
import type { ActionDeps } from './deps';
import { hasFeature, requireFeature } from './features';
import { actionErrorMessage, requireProvider, runMutation } from './mutation';
import { confirmDestructiveActions } from './settings';
import { jobFromArgs, pickRun, runFromArgs, type JobTarget, type RunTarget } from './target';

const isBlocked = (job: Job): boolean => job.manual === true && job.state === 'action_required';

/** The step of `run` that waits for a person (asked for when there are several). */
async function blockedStepOf(deps: ActionDeps, run: RunTarget): Promise<JobTarget | undefined> {
  const blocked = (await deps.sync.getJobs(run.repoKey, run.run.id)).filter(isBlocked);
  if (blocked.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} #{1} has no step waiting to be unblocked.', run.run.pipelineName, run.run.number));
    return undefined;
  }
  const items = blocked.map((job) => ({ label: job.name, description: job.stage, job }));
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Choose a step of #{0}', run.run.number) });
  return picked ? { repoKey: run.repoKey, repo: run.repo, job: picked.job } : undefined;
}

async function pickBlockedStep(deps: ActionDeps): Promise<JobTarget | undefined> {
  const run = await pickRun(deps, RUN_FILTERS.approve, vscode.l10n.t('FlowForge: Unblock…'), 'unblock');
  return run ? blockedStepOf(deps, run) : undefined;
}

/** The step from a tree job node, a run (run panel, tree run node), or the palette's pickers. */
async function stepFromArgs(deps: ActionDeps, args: readonly unknown[]): Promise<JobTarget | undefined> {
  const job = await jobFromArgs(deps, args);
  if (job) {
    return job;
  }
  const run = runFromArgs(deps, args);
  if (run) {
    return blockedStepOf(deps, run);
  }
  return args.length > 0 ? undefined : pickBlockedStep(deps);
}

/** "deploy #7" for the step's run when it is known, else "#7". */
function runLabel(deps: ActionDeps, target: JobTarget): string {
  const run = findKnownRun(deps.sync, target.repoKey, target.job.runId);
  return run ? `${run.pipelineName} #${run.number}` : `#${target.job.runId}`;
}

type Decision = 'proceed' | 'abort';

/** Proceed or Abort, where the provider can abort such a step; else proceed. */
async function chooseDecision(deps: ActionDeps, target: JobTarget, canReject: boolean): Promise<Decision | undefined> {
  if (!canReject) {
    return 'proceed';
  }
  const items: (vscode.QuickPickItem & { readonly decision: Decision })[] = [
    { label: `$(check) ${vscode.l10n.t('Proceed')}`, description: vscode.l10n.t('let the run go on past this step'), decision: 'proceed' },
    { label: `$(close) ${vscode.l10n.t('Abort')}`, description: vscode.l10n.t('stop the run at this step'), decision: 'abort' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('{0} of {1} waits for input', target.job.name, runLabel(deps, target)), placeHolder: vscode.l10n.t('Proceed or abort?') });
  return picked?.decision;
}

async function abortStep(deps: ActionDeps, target: JobTarget, reject: (target: JobTarget) => Promise<void>): Promise<void> {
  const { job } = target;
  if (confirmDestructiveActions()) {
    const abort = vscode.l10n.t('Abort');
    if ((await vscode.window.showWarningMessage(vscode.l10n.t('Abort {0} of {1}? The run stops at this step.', job.name, runLabel(deps, target)), { modal: true }, abort)) !== abort) {
      return;
    }
  }
  try {
    await runMutation(deps, target.repo, vscode.l10n.t('Aborting {0}…', job.name), () => reject(target));
    deps.notifier.track(target.repoKey, job.runId);
  } catch (error) {
    if (!(isCiError(error) && error.kind === 'cancelled')) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not abort {0}: {1}', job.name, actionErrorMessage(error, deps.describe(target.repo)?.token.help)));
    }
  }
}

export function unblockJobCommand(deps: ActionDeps) {
  return async (...args: unknown[]): Promise<void> => {
    const target = await stepFromArgs(deps, args);
    if (!target) {
      return;
    }
    requireFeature(deps, target.repo, 'unblock');
    const provider = requireProvider(deps, target.repo);
    if (!provider.unblockForm || !provider.unblockJob || !isBlocked(target.job)) {
      throw new Error(vscode.l10n.t('{0} is not waiting to be unblocked.', target.job.name));
    }
    const unblock = provider.unblockJob.bind(provider);
    const reject = provider.rejectUnblock?.bind(provider);
    const canReject = reject !== undefined && hasFeature(deps, target.repo, 'unblockReject');
    const decision = await chooseDecision(deps, target, canReject);
    if (decision === undefined) {
      return;
    }
    if (decision === 'abort' && reject) {
      await abortStep(deps, target, (t) => reject(t.repo, t.job.id));
      return;
    }
    const { job } = target;
    const form = await provider.unblockForm(target.repo, job.runId, job.id);
    const memoryKey = FormMemory.key(target.repoKey, `unblock:${job.name}`);
    const context = { workflowName: job.name, environments: () => Promise.resolve(undefined) };
    // Choosing Proceed was the confirmation; without that choice a form without fields is confirmed here.
    if (form.fields.length === 0 && !canReject) {
      const go = vscode.l10n.t('Unblock');
      if ((await vscode.window.showInformationMessage(vscode.l10n.t('Unblock {0} of {1}?', job.name, runLabel(deps, target)), { modal: true }, go)) !== go) {
        return;
      }
    }
    for (;;) {
      const values = form.fields.length === 0 ? {} : await askInputs(form, deps.memory.get(memoryKey)?.values, context);
      if (!values) {
        return;
      }
      deps.memory.remember(memoryKey, job.runId, rememberedValues(form, values));
      try {
        await runMutation(deps, target.repo, vscode.l10n.t('Unblocking {0}…', job.name), () => unblock(target.repo, job.id, values));
        deps.notifier.track(target.repoKey, job.runId);
        return;
      } catch (error) {
        if (isCiError(error) && error.kind === 'cancelled') {
          return;
        }
        const retry = vscode.l10n.t('Edit and Retry');
        const answer = await vscode.window.showErrorMessage(vscode.l10n.t('Could not unblock {0}: {1}', job.name, actionErrorMessage(error, deps.describe(target.repo)?.token.help)), ...(form.fields.length > 0 ? [retry] : []));
        if (answer !== retry) {
          return;
        }
      }
    }
  };
}
