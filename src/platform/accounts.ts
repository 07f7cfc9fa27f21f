import type { FlowForgeSettings } from '../core/settings';
import { describeError } from '../core/errors';
import type { AccountConfig } from '../core/ci/provider';
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
  const gitlab = registry.factory('gitlab');
  if (gitlab) {
    const seen = new Set<string>();
    for (const [index, url] of [settings.gitlabUrl, ...settings.gitlabInstances].entries()) {
      try {
        const apiUrl = gitlab.normalizeApiUrl(url);
        if (!seen.has(apiUrl)) {
          seen.add(apiUrl);
          accounts.push({ kind: 'gitlab', apiUrl });
        }
      } catch (error) {
        errors.push(`${index === 0 ? 'flowforge.gitlab.url' : 'flowforge.gitlab.instances'}: ${describeError(error)}`);
      }
    }
  }
  return { accounts, errors };
}

/**
 * The environment variable that may hold an account's token: FLOWFORGE_GITHUB_TOKEN for the
 * GitHub account, FLOWFORGE_GITLAB_TOKEN for the main GitLab instance only.
 */
export function envVarFor(account: AccountConfig, settings: FlowForgeSettings, registry: ProviderRegistry): string | undefined {
  if (account.kind === 'github') {
    return 'FLOWFORGE_GITHUB_TOKEN';
  }
  try {
    const main = registry.factory('gitlab')?.normalizeApiUrl(settings.gitlabUrl);
    return main === account.apiUrl ? 'FLOWFORGE_GITLAB_TOKEN' : undefined;
  } catch {
    return undefined;
  }
}
