/** Bitbucket Pipelines: the descriptor the registry lists, and the provider class. */
export { bitbucketDescriptor, BITBUCKET_TOKEN_ENV, BITBUCKET_USER_ENV } from './descriptor';
export { BitbucketProvider, type BitbucketProviderOptions } from './provider';
export type { BitbucketJob } from './mapping';
