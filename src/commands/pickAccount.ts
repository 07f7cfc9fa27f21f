import * as vscode from 'vscode';
import type { AccountConfig } from '../core/ci/provider';
import type { ProviderRegistry } from '../providers/registry';

/** Quick pick of accounts; item labels start with the provider name. Skips the pick when there is one. */
export async function pickAccount(accounts: readonly AccountConfig[], registry: ProviderRegistry, title: string, alwaysAsk = false): Promise<AccountConfig | undefined> {
  if (accounts.length === 1 && !alwaysAsk) {
    return accounts[0];
  }
  const items = accounts.map((account) => ({ label: registry.accountLabel(account), description: account.apiUrl, account }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Choose a CI provider') });
  return picked?.account;
}
