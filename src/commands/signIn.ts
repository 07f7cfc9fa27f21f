import * as vscode from 'vscode';
import type { ProviderPool } from '../providers/pool';
import type { ProviderRegistry } from '../providers/registry';
import type { TokenResolver } from '../platform/auth';
import { pickAccount } from './pickAccount';

export interface SignInDeps {
  readonly pool: ProviderPool;
  readonly registry: ProviderRegistry;
  readonly resolver: TokenResolver;
  readonly setToken: (account: Parameters<TokenResolver['resolve']>[0]) => Promise<boolean>;
  readonly afterChange: () => void;
}

/** `FlowForge: Sign In`: the VS Code GitHub account, or a personal access token. */
export function signInCommand(deps: SignInDeps) {
  return async (): Promise<void> => {
    const account = await pickAccount(deps.pool.getAccounts(), deps.registry, vscode.l10n.t('FlowForge: Sign In'));
    if (!account) {
      return;
    }
    const items: (vscode.QuickPickItem & { id: 'vscode' | 'token' })[] = [];
    if (account.kind === 'github') {
      items.push({ id: 'vscode', label: `$(github) ${vscode.l10n.t('Use my VS Code GitHub account')}`, description: vscode.l10n.t('recommended') });
    }
    items.push({ id: 'token', label: `$(key) ${vscode.l10n.t('Enter a personal access token…')}` });
    const choice = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: vscode.l10n.t('FlowForge: Sign In') });
    if (!choice) {
      return;
    }
    if (choice.id === 'token') {
      await deps.setToken(account);
      return;
    }
    if (await deps.resolver.signInWithVsCode(account)) {
      deps.afterChange();
    }
  };
}
