/** The GitHub Actions provider factory. */
import type { AccountConfig, ProviderDeps, ProviderFactory } from '../../core/ci/provider';
import { GitHubProvider } from './provider';
import { GITHUB_API_URL, normalizeApiUrl, parseRemote, parseSlug, repositoryWebUrl } from './remote';

export const githubFactory: ProviderFactory = {
  kind: 'github',
  label: 'GitHub',
  defaultApiUrl: GITHUB_API_URL,
  normalizeApiUrl,
  parseRemote: (remoteUrl: string, account: AccountConfig) => parseRemote(remoteUrl, account.apiUrl),
  parseSlug: (slug: string, account: AccountConfig) => parseSlug(slug, account.apiUrl),
  repositoryWebUrl,
  create: (account: AccountConfig, deps: ProviderDeps) => new GitHubProvider(account, deps),
};

export { GitHubProvider, REQUIRED_SCOPES, type GitHubProviderOptions } from './provider';
export type { ClientTuning } from './client';
