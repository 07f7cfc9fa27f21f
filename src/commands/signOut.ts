import * as vscode from 'vscode';
import type { ProviderPool } from '../providers/pool';
import type { ProviderRegistry } from '../providers/registry';
import type { TokenResolver } from '../platform/auth';
import type { TokenStore } from '../platform/secrets';
import { pickAccount } from './pickAccount';

export interface SignOutDeps {
  readonly pool: ProviderPool;
  readonly registry: ProviderRegistry;
  readonly tokens: TokenStore;
  readonly resolver: TokenResolver;
  readonly afterChange: () => void;
}

/** `FlowForge: Sign Out`: forgets the stored token; explains other token sources still in use. */
export function signOutCommand(deps: SignOutDeps) {
  return async (): Promise<void> => {
    const account = await pickAccount(deps.pool.getAccounts(), deps.registry, vscode.l10n.t('FlowForge: Sign Out'));
    if (!account) {
      return;
    }
    const label = deps.registry.accountLabel(account);
    await deps.tokens.delete(account);
    deps.resolver.invalidate();
    deps.afterChange();
    const still = await deps.resolver.resolve(account);
    if (still?.origin === 'vscode') {
      const hint = deps.registry.descriptor(account.kind)?.token.editorAuth?.signOutHint ?? '';
      void vscode.window.showInformationMessage(vscode.l10n.t('Removed the stored token for {0}. {1}', label, hint));
    } else if (still?.origin === 'environment') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Removed the stored token for {0}. A token from the environment variable is still in use.', label));
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of {0}.', label));
    }
  };
}
