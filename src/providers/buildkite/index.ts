/** Buildkite: the descriptor the registry lists, and the provider class. */
export { buildkiteDescriptor, readOrganizations } from './descriptor';
export { BuildkiteProvider, type BuildkiteProviderOptions } from './provider';
export type { BuildkiteJob } from './mapping';
export type { BuildkiteCheck } from './annotations';
