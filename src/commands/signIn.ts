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

/** `FlowForge: Sign In`: the editor's account where the provider has one (VS Code's GitHub account), or a token. */
export function signInCommand(deps: SignInDeps) {
  return async (target?: unknown): Promise<void> => {
    const given = deps.pool.getAccounts().find((account) => account === target);
    const account = given ?? await pickAccount(deps.pool.getAccounts(), deps.registry, vscode.l10n.t('FlowForge: Sign In'));
    if (!account) {
      return;
    }
    const items: (vscode.QuickPickItem & { id: 'vscode' | 'token' })[] = [];
    const descriptor = deps.registry.descriptor(account.kind);
    const editorAuth = descriptor?.token.editorAuth;
    if (editorAuth?.providerId(account)) {
      items.push({ id: 'vscode', label: `$(${descriptor?.codicon ?? 'account'}) ${editorAuth.label}`, description: vscode.l10n.t('recommended') });
    }
    items.push({ id: 'token', label: `$(key) ${vscode.l10n.t('Enter a {0}…', descriptor?.token.noun ?? vscode.l10n.t('token'))}` });
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
