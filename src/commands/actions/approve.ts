/** Review Deployments…: approve or reject the pending deployments of a waiting run. */
import * as vscode from 'vscode';
import { RUN_FILTERS } from '../../actions/runCandidates';
import type { DeploymentReview, PendingDeployment } from '../../core/ci/operations';
import type { ActionDeps } from './deps';
import { requireFeature } from './features';
import { requireProvider, runMutation } from './mutation';
import { pickRun, runFromArgs } from './target';

interface EnvironmentItem extends vscode.QuickPickItem {
  readonly pending: PendingDeployment;
}

function environmentItem(pending: PendingDeployment): EnvironmentItem {
  const timer = pending.waitTimer > 0 ? vscode.l10n.t('wait timer {0} min', pending.waitTimer) : '';
  const reviewers = pending.reviewers.length > 0 ? vscode.l10n.t('reviewers: {0}', pending.reviewers.join(', ')) : '';
  return { label: pending.environment.name, description: [timer, reviewers].filter(Boolean).join(' · '), picked: true, pending };
}

async function askReview(count: number): Promise<DeploymentReview | undefined> {
  const approve = { label: `$(check) ${vscode.l10n.t('Approve and deploy')}`, state: 'approved' as const };
  const reject = { label: `$(close) ${vscode.l10n.t('Reject')}`, state: 'rejected' as const };
  return (await vscode.window.showQuickPick([approve, reject], { title: vscode.l10n.t('Review {0} deployment(s)', count) }))?.state;
}

export function approveDeploymentCommand(deps: ActionDeps) {
  return async (...args: unknown[]): Promise<void> => {
    const target = runFromArgs(deps, args) ?? (await pickRun(deps, RUN_FILTERS.approve, vscode.l10n.t('FlowForge: Review Deployments…'), 'approvals'));
    if (!target) {
      return;
    }
    requireFeature(deps, target.repo, 'approvals');
    const provider = requireProvider(deps, target.repo);
    if (!provider.listPendingDeployments || !provider.reviewPendingDeployments) {
      throw new Error(vscode.l10n.t('{0} has no deployment reviews; open the run in the browser to act on it.', provider.displayName));
    }
    const list = provider.listPendingDeployments.bind(provider);
    const review = provider.reviewPendingDeployments.bind(provider);
    const pending = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading pending deployments…') }, () => list(target.repo, target.run.id));
    const reviewable = pending.filter((p) => p.currentUserCanApprove);
    if (reviewable.length === 0) {
      const message = pending.length === 0 ? vscode.l10n.t('{0} #{1} has no deployments waiting for review.', target.run.pipelineName, target.run.number) : vscode.l10n.t('You are not a required reviewer of the waiting deployments ({0}).', pending.map((p) => p.environment.name).join(', '));
      void vscode.window.showInformationMessage(message);
      return;
    }
    const chosen = await vscode.window.showQuickPick(reviewable.map(environmentItem), {
      title: vscode.l10n.t('Environments of {0} #{1}', target.run.pipelineName, target.run.number),
      canPickMany: true,
    });
    if (!chosen || chosen.length === 0) {
      return;
    }
    const state = await askReview(chosen.length);
    if (!state) {
      return;
    }
    const comment = await vscode.window.showInputBox({ title: vscode.l10n.t('Comment (optional)'), prompt: vscode.l10n.t('Shown with the review on the run'), ignoreFocusOut: true });
    if (comment === undefined) {
      return;
    }
    const ids = chosen.map((item) => item.pending.environment.id);
    const progress = state === 'approved' ? vscode.l10n.t('Approving deployments of #{0}…', target.run.number) : vscode.l10n.t('Rejecting deployments of #{0}…', target.run.number);
    await runMutation(deps, target.repo, progress, () => review(target.repo, target.run.id, ids, state, comment));
    deps.notifier.track(target.repoKey, target.run.id);
  };
}
