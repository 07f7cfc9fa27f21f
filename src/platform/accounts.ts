import type { FlowForgeSettings } from '../core/settings';
import { describeError } from '../core/errors';
import type { AccountConfig } from '../providers/provider';
import type { ProviderRegistry } from '../providers/registry';

export interface AccountsResult {
  readonly accounts: readonly AccountConfig[];
  readonly errors: readonly string[];
}

/** Accounts from settings; a malformed URL yields an error naming the setting, and that account is left out. */
export function accountsFromSettings(settings: FlowForgeSettings, registry: ProviderRegistry): AccountsResult {
  const accounts: AccountConfig[] = [];
  const errors: string[] = [];
  const github = registry.factory('github');
  if (github) {
    try {
      accounts.push({ kind: 'github', apiUrl: github.normalizeApiUrl(settings.githubApiUrl) });
    } catch (error) {
      errors.push(`flowforge.github.apiUrl: ${describeError(error)}`);
    }
  }
  return { accounts, errors };
}
