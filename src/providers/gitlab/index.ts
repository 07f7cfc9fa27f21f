/** The GitLab CI provider factory (gitlab.com and self-managed instances). */
import type { AccountConfig, CiProvider, ProviderDeps, ProviderFactory } from '../../core/ci/provider';
import { GitLabProvider, type GitLabProviderOptions } from './provider';
import { GITLAB_DEFAULT_URL, gitlabRepositoryWebUrl, normalizeGitLabUrl, parseGitLabRemote, parseGitLabSlug } from './urls';

export { GitLabProvider, type GitLabProviderOptions } from './provider';
export type { GitLabJob } from './mapping';

export function createGitLabProvider(account: AccountConfig, deps: ProviderDeps, options?: GitLabProviderOptions): CiProvider {
  return new GitLabProvider(normalizeGitLabUrl(account.apiUrl), deps, options);
}

export const gitlabFactory: ProviderFactory = {
  kind: 'gitlab',
  label: 'GitLab',
  defaultApiUrl: GITLAB_DEFAULT_URL,
  normalizeApiUrl: normalizeGitLabUrl,
  parseRemote: (remoteUrl, account) => parseGitLabRemote(remoteUrl, normalizeGitLabUrl(account.apiUrl)),
  parseSlug: (slug, account) => parseGitLabSlug(slug, normalizeGitLabUrl(account.apiUrl)),
  repositoryWebUrl: gitlabRepositoryWebUrl,
  create: (account, deps) => createGitLabProvider(account, deps, deps.requestsPerMinute ? { requestsPerMinute: deps.requestsPerMinute } : {}),
};
