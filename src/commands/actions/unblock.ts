/**
 * Unblock…: a step that waits for a person (a Buildkite block or input step) gets its fields as a
 * typed form (text, select with options, required flags), then one unblock request. Never retried;
 * on an error the values are kept and offered again.
 */
import * as vscode from 'vscode';
import { RUN_FILTERS } from '../../actions/runCandidates';
import { FormMemory } from '../../actions/formMemory';
import { rememberedValues } from '../../actions/formModel';
import { isCiError } from '../../core/errors';
import type { Job } from '../../core/model';
import { askInputs } from './askInputs';
import type { ActionDeps } from './deps';
import { requireFeature } from './features';
import { actionErrorMessage, requireProvider, runMutation } from './mutation';
import { jobFromArgs, pickRun, type JobTarget } from './target';

const isBlocked = (job: Job): boolean => job.manual === true && job.state === 'action_required';

async function pickBlockedStep(deps: ActionDeps): Promise<JobTarget | undefined> {
  const run = await pickRun(deps, RUN_FILTERS.approve, vscode.l10n.t('FlowForge: Unblock…'), 'unblock');
  if (!run) {
    return undefined;
  }
  const blocked = (await deps.sync.getJobs(run.repoKey, run.run.id)).filter(isBlocked);
  if (blocked.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} #{1} has no step waiting to be unblocked.', run.run.pipelineName, run.run.number));
    return undefined;
  }
  const items = blocked.map((job) => ({ label: job.name, description: job.stage, job }));
  const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Choose a step of #{0}', run.run.number) });
  return picked ? { repoKey: run.repoKey, repo: run.repo, job: picked.job } : undefined;
}

export function unblockJobCommand(deps: ActionDeps) {
  return async (...args: unknown[]): Promise<void> => {
    const target = (await jobFromArgs(deps, args)) ?? (args.length > 0 ? undefined : await pickBlockedStep(deps));
    if (!target) {
      return;
    }
    requireFeature(deps, target.repo, 'unblock');
    const provider = requireProvider(deps, target.repo);
    if (!provider.unblockForm || !provider.unblockJob || !isBlocked(target.job)) {
      throw new Error(vscode.l10n.t('{0} is not waiting to be unblocked.', target.job.name));
    }
    const unblock = provider.unblockJob.bind(provider);
    const { job } = target;
    const form = await provider.unblockForm(target.repo, job.runId, job.id);
    const memoryKey = FormMemory.key(target.repoKey, `unblock:${job.name}`);
    const context = { workflowName: job.name, environments: () => Promise.resolve(undefined) };
    if (form.fields.length === 0) {
      const go = vscode.l10n.t('Unblock');
      if ((await vscode.window.showInformationMessage(vscode.l10n.t('Unblock {0} of #{1}?', job.name, job.runId), { modal: true }, go)) !== go) {
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
