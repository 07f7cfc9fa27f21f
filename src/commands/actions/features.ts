/** What a repository's provider can do (its descriptor's features), asked before an action is offered or sent. */
import * as vscode from 'vscode';
import type { ProviderFeature } from '../../core/ci/descriptor';
import type { RepoRef } from '../../core/model';
import type { ActionDeps } from './deps';

export function hasFeature(deps: Pick<ActionDeps, 'describe'>, repo: RepoRef, feature: ProviderFeature): boolean {
  return deps.describe(repo)?.features.has(feature) ?? false;
}

/** Words for "cannot …" messages, by feature. */
function actionWords(feature: ProviderFeature): string {
  switch (feature) {
    case 'rerunRun':
      return vscode.l10n.t('re-run runs');
    case 'rerunFailedJobs':
      return vscode.l10n.t('re-run only the failed jobs');
    case 'rerunJob':
      return vscode.l10n.t('re-run single jobs');
    case 'cancelRun':
      return vscode.l10n.t('cancel runs');
    case 'cancelJob':
      return vscode.l10n.t('cancel single jobs');
    case 'dispatch':
      return vscode.l10n.t('start runs by hand');
    case 'approvals':
      return vscode.l10n.t('review deployments');
    case 'unblock':
      return vscode.l10n.t('unblock steps');
    case 'unblockReject':
      return vscode.l10n.t('abort steps that wait for input');
    default:
      return feature;
  }
}

/** Throws a message that says which provider cannot do what, and where to do it instead. */
export function requireFeature(deps: Pick<ActionDeps, 'describe'>, repo: RepoRef, feature: ProviderFeature): void {
  if (!hasFeature(deps, repo, feature)) {
    const label = deps.describe(repo)?.label ?? repo.provider;
    throw new Error(vscode.l10n.t('{0} cannot {1}: open the run in the browser to act on it.', label, actionWords(feature)));
  }
}
