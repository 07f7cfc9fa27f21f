import * as vscode from 'vscode';
import { describeError, isCiError } from '../core/errors';
import type { Logger } from '../core/ports';
import type { ProviderPool } from '../providers/pool';
import type { AccountConfig } from '../core/ci/provider';
import type { ProviderRegistry } from '../providers/registry';
import type { TokenStore } from '../platform/secrets';
import { pickAccount } from './pickAccount';
import { joinCredential } from '../core/ci/credential';
import type { UserNameSpec } from '../core/ci/descriptor';

export interface SetTokenDeps {
  readonly pool: ProviderPool;
  readonly registry: ProviderRegistry;
  readonly tokens: TokenStore;
  readonly logger: Logger;
  readonly afterChange: () => void;
}

/** `FlowForge: Set Token…`: provider pick, password box, check against the API, then SecretStorage. */
export function setTokenCommand(deps: SetTokenDeps) {
  return async (account?: AccountConfig): Promise<boolean> => {
    const target = account ?? (await pickAccount(deps.pool.getAccounts(), deps.registry, vscode.l10n.t('FlowForge: Set Token…'), true));
    if (!target) {
      return false;
    }
    return enterToken(target, deps);
  };
}

async function enterToken(account: AccountConfig, deps: SetTokenDeps): Promise<boolean> {
  const label = deps.registry.accountLabel(account);
  const spec = deps.registry.descriptor(account.kind)?.token;
  const user = spec?.userName ? await askUserName(label, spec.userName) : undefined;
  if (user === null) {
    return false;
  }
  const secret = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0} {1}', label, spec?.noun ?? vscode.l10n.t('token')),
    prompt: spec?.help ?? vscode.l10n.t('Stored in VS Code secret storage.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('Enter a token') : /\s/.test(value.trim()) ? vscode.l10n.t('A token has no spaces') : undefined),
  });
  if (!secret) {
    return false;
  }
  const token = joinCredential(user, secret.trim());
  const provider = deps.pool.providerForAccount(account);
  if (!provider) {
    return false;
  }
  let check;
  try {
    check = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the token with {0}…', label) },
      () => provider.checkToken(token.trim()),
    );
  } catch (error) {
    deps.logger.warn(`Token check for ${label} failed: ${describeError(error)}`);
    const reason = isCiError(error) && error.kind === 'auth' ? vscode.l10n.t('{0} rejected the token. Nothing was stored.', label) : vscode.l10n.t('Could not check the token with {0}: {1}. Nothing was stored.', label, describeError(error));
    void vscode.window.showErrorMessage(reason);
    return false;
  }
  if (check.missingScopes.length > 0) {
    const storeAnyway = vscode.l10n.t('Store Anyway');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('The token for {0} lacks the scopes: {1}. Some features will not work.', check.login, check.missingScopes.join(', ')),
      { modal: true },
      storeAnyway,
    );
    if (choice !== storeAnyway) {
      return false;
    }
  }
  await deps.tokens.set(account, token.trim());
  deps.logger.info(`Stored a token for ${label} (account ${check.login}).`);
  deps.afterChange();
  void vscode.window.showInformationMessage(vscode.l10n.t('FlowForge is signed in to {0} as {1}.', label, check.login));
  return true;
}

/** The user name of a user-name-plus-secret credential; null when the user cancelled. */
async function askUserName(label: string, spec: UserNameSpec): Promise<string | null> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0} user name', label),
    prompt: spec.prompt,
    ...(spec.placeholder ? { placeHolder: spec.placeholder } : {}),
    ignoreFocusOut: true,
    validateInput: (text) => (text.includes(':') ? vscode.l10n.t('A user name has no ":"') : !spec.optional && text.trim() === '' ? vscode.l10n.t('Enter a user name') : undefined),
  });
  return value === undefined ? null : value.trim();
}
