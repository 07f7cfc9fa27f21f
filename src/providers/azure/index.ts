/** Azure Pipelines: the descriptor the registry lists, and the provider class. */
export { azureDescriptor, AZURE_TOKEN_ENV } from './descriptor';
export { AzureProvider, type AzureProviderOptions } from './provider';
