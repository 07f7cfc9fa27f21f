import * as vscode from 'vscode';
import type { AccountConfig } from '../core/ci/provider';
import type { ProviderRegistry } from '../providers/registry';

/** Human name of an account: "GitHub", or "GitHub (ghe.example.com)" for other hosts. */
export function accountLabel(account: AccountConfig, registry: ProviderRegistry): string {
  const label = registry.factory(account.kind)?.label ?? account.kind;
  const factory = registry.factory(account.kind);
  if (factory && factory.normalizeApiUrl(factory.defaultApiUrl) === account.apiUrl) {
    return label;
  }
  return `${label} (${hostOf(account.apiUrl)})`;
}

/** Quick pick of accounts; item labels start with the provider name. Skips the pick when there is one. */
export async function pickAccount(accounts: readonly AccountConfig[], registry: ProviderRegistry, title: string, alwaysAsk = false): Promise<AccountConfig | undefined> {
  if (accounts.length === 1 && !alwaysAsk) {
    return accounts[0];
  }
  const items = accounts.map((account) => ({ label: accountLabel(account, registry), description: account.apiUrl, account }));
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Choose a CI provider') });
  return picked?.account;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
