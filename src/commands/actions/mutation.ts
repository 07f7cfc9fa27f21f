/** Runs one write: progress notification, per-account spacing, no retry, then a refresh so the tree follows. */
import * as vscode from 'vscode';
import { describeError, ForbiddenError, isCiError } from '../../core/errors';
import { repoKey, type RepoRef } from '../../core/model';
import type { CiProvider } from '../../core/ci/provider';
import type { ActionDeps } from './deps';

export function accountOf(repo: RepoRef): string {
  return `${repo.provider}|${repo.host}`;
}

/** The provider of a repository, or an error the user can act on. */
export function requireProvider(deps: ActionDeps, repo: RepoRef): CiProvider {
  const provider = deps.providerFor(repo);
  if (!provider) {
    throw new Error(vscode.l10n.t('Not signed in to {0}: sign in to act on {1}.', repo.host, repo.slug));
  }
  return provider;
}

/** The API's explanation, with the provider's token help when a permission is missing. */
export function actionErrorMessage(error: unknown, tokenHelp?: string): string {
  if (isCiError(error) && error.kind === 'forbidden') {
    return tokenHelp
      ? vscode.l10n.t('Permission denied: {0}. The token needs write access: {1}', describeError(error), tokenHelp)
      : vscode.l10n.t('Permission denied: {0}. The token needs write access.', describeError(error));
  }
  return describeError(error);
}

/** Shows progress while `write` runs (spaced per account), then refreshes the repository. Never retries. */
export async function runMutation<T>(deps: ActionDeps, repo: RepoRef, title: string, write: () => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async () => {
    let result: T;
    try {
      result = await deps.spacer.run(accountOf(repo), write);
    } catch (error) {
      deps.logger.warn(`${title} failed: ${describeError(error)}`);
      // Keep the typed error (the shared handler offers Sign In for auth); word a missing permission.
      throw error instanceof ForbiddenError ? new ForbiddenError(actionErrorMessage(error, deps.describe(repo)?.token.help), error.missingScopes, error.status) : error;
    }
    await refreshQuietly(deps, repoKey(repo));
    return result;
  });
}

export async function refreshQuietly(deps: ActionDeps, key: string): Promise<void> {
  try {
    await deps.sync.refresh(key);
  } catch (error) {
    deps.logger.debug(`Refresh of ${key} after an action failed: ${describeError(error)}`);
  }
}
