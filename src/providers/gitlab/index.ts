/** GitLab CI (gitlab.com and self-managed instances): the descriptor the registry lists, and the provider class. */
export { gitlabDescriptor } from './descriptor';
export { GitLabProvider, type GitLabProviderOptions } from './provider';
export type { GitLabJob } from './mapping';
