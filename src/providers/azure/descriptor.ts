/** Everything FlowForge knows about Azure Pipelines, for the registry (src/providers/index.ts). */
import { describeError } from '../../core/errors';
import type { AccountConfig } from '../../core/ci/provider';
import type { AccountsResult, ProviderDescriptor, SettingsReader } from '../../core/ci/descriptor';
import { WRITE_SCOPE } from './client';
import { parseRunForm, variablesOnlyForm } from './forms';
import { AzureProvider } from './provider';
import { AZURE_URL, azureRepositoryWebUrl, normalizeAzureUrl, parseAzureRemote, parseAzureSlug, parseOrganizationUrl } from './urls';

export const AZURE_TOKEN_ENV = 'FLOWFORGE_AZURE_TOKEN';

/**
 * One account per server named by flowforge.azure.organizations (organization and collection URLs;
 * the organizations of one server share its account), then https://dev.azure.com when none named it.
 */
function readAccounts(read: SettingsReader): AccountsResult {
  const value = read('azure.organizations');
  const entries = Array.isArray(value) ? value.filter((e): e is string => typeof e === 'string' && e.trim() !== '') : [];
  const servers = new Map<string, string[]>();
  const errors: string[] = [];
  for (const entry of entries) {
    try {
      const { server, organization } = parseOrganizationUrl(entry);
      const orgs = servers.get(server) ?? [];
      if (!orgs.includes(organization)) orgs.push(organization);
      servers.set(server, orgs);
    } catch (error) {
      errors.push(`flowforge.azure.organizations: ${describeError(error)}`);
    }
  }
  if (!servers.has(AZURE_URL)) servers.set(AZURE_URL, []);
  const accounts: AccountConfig[] = [...servers].map(([apiUrl, namespaces]) => ({ kind: 'azure', apiUrl, envVar: AZURE_TOKEN_ENV, namespaces }));
  return { accounts, errors };
}

export const azureDescriptor: ProviderDescriptor = {
  kind: 'azure',
  label: 'Azure Pipelines',
  codicon: 'azure-devops',
  repositoryNoun: 'repository',
  noPipelinesText: 'No pipelines build this repository',
  defaultApiUrl: AZURE_URL,
  normalizeApiUrl: normalizeAzureUrl,
  parseRemote: parseAzureRemote,
  parseSlug: (slug, account) => parseAzureSlug(slug, normalizeAzureUrl(account.apiUrl)),
  repositoryWebUrl: azureRepositoryWebUrl,
  create: (account, deps) =>
    new AzureProvider(normalizeAzureUrl(account.apiUrl), deps, {
      ...(account.requestsPerMinute ? { requestsPerMinute: account.requestsPerMinute } : {}),
      organizations: account.namespaces ?? [],
    }),
  settings: [{ key: 'azure.organizations', type: 'array', items: 'string', default: [], scope: 'machine', descriptionKey: 'config.azure.organizations' }],
  readAccounts,
  // learn.microsoft.com/azure/devops/integrate/concepts/rate-limits: 200 TSTUs per user in a sliding 5 minutes; a TSTU is
  // not a request, so the budget is the pace the client keeps (120 requests a minute).
  requestBudget: () => ({ requests: 7200, windowSeconds: 3600, per: 'user', source: 'learn.microsoft.com: Azure DevOps rate limits (200 TSTUs per 5 minutes; counted here as 7,200 requests an hour)' }),
  token: {
    noun: 'personal access token',
    help: 'Needs the Build (Read) scope, and Test Management (Read) for test results; Build (Read & execute) to run, retry and cancel pipelines. Stored in VS Code secret storage.',
    writeScopes: [WRITE_SCOPE],
    // Personal access tokens: 52 base32 characters (older ones), 84 characters with the AZDO signature (since 2024).
    redactPatterns: [/\b[a-z2-7]{52}\b/g, /\b[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}\b/g],
  },
  // Azure's agent writes errors and warnings as the same logging commands as GitHub's (`##[error]`,
  // `##[warning]`, parsed for every log); MSBuild and VSTest shapes are among the common markers.
  logMarkers: [],
  features: new Set(['rerunFailedJobs', 'cancelRun', 'dispatch', 'approvals', 'liveLog', 'testReports', 'annotations', 'artifacts'] as const),
  dispatch: {
    events: ['manual'],
    parseForm: parseRunForm,
    formWhenMissing: (pipeline) => variablesOnlyForm(pipeline.path ?? pipeline.name),
    noneDispatchable: 'check that the token has the Build (Read & execute) scope',
  },
};
