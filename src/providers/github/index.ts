/** GitHub Actions: the descriptor the registry lists, and the provider class for tests and benches. */
export { githubDescriptor } from './descriptor';
export { GitHubProvider, REQUIRED_SCOPES, type GitHubProviderOptions } from './provider';
export type { ClientTuning } from './client';
