/** Everything FlowForge knows about Bitbucket Pipelines (Bitbucket Cloud), for the registry (src/providers/index.ts). */
import { describeError } from '../../core/errors';
import type { AccountsResult, ProviderDescriptor, SettingsReader } from '../../core/ci/descriptor';
import { WRITE_SCOPE } from './client';
import { DEFINITION_PATH, runPipelineForm, runPipelineFormWithoutFile } from './forms';
import { BitbucketProvider, DEFAULT_REQUESTS_PER_MINUTE } from './provider';
import { BITBUCKET_API_URL, bitbucketRepositoryWebUrl, normalizeBitbucketUrl, parseBitbucketRemote, parseBitbucketSlug } from './urls';

export const BITBUCKET_TOKEN_ENV = 'FLOWFORGE_BITBUCKET_TOKEN';
export const BITBUCKET_USER_ENV = 'FLOWFORGE_BITBUCKET_USER';

function requestsPerMinute(read: SettingsReader): number {
  const value = read('bitbucket.requestsPerMinute');
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.min(1000, Math.floor(value)) : DEFAULT_REQUESTS_PER_MINUTE;
}

/** One account: flowforge.bitbucket.apiUrl (default https://api.bitbucket.org/2.0). */
function readAccounts(read: SettingsReader): AccountsResult {
  const value = read('bitbucket.apiUrl');
  const url = typeof value === 'string' && value.trim() !== '' ? value.trim() : BITBUCKET_API_URL;
  try {
    return { accounts: [{ kind: 'bitbucket', apiUrl: normalizeBitbucketUrl(url), envVar: BITBUCKET_TOKEN_ENV, userEnvVar: BITBUCKET_USER_ENV, requestsPerMinute: requestsPerMinute(read) }], errors: [] };
  } catch (error) {
    return { accounts: [], errors: [`flowforge.bitbucket.apiUrl: ${describeError(error)}`] };
  }
}

export const bitbucketDescriptor: ProviderDescriptor = {
  kind: 'bitbucket',
  label: 'Bitbucket',
  codicon: 'repo',
  repositoryNoun: 'repository',
  noPipelinesText: 'No pipelines in this repository',
  defaultApiUrl: BITBUCKET_API_URL,
  normalizeApiUrl: normalizeBitbucketUrl,
  parseRemote: (remoteUrl, account) => parseBitbucketRemote(remoteUrl, normalizeBitbucketUrl(account.apiUrl)),
  parseSlug: (slug, account) => parseBitbucketSlug(slug, normalizeBitbucketUrl(account.apiUrl)),
  repositoryWebUrl: bitbucketRepositoryWebUrl,
  create: (account, deps) =>
    new BitbucketProvider(normalizeBitbucketUrl(account.apiUrl), deps, {
      ...(account.requestsPerMinute ? { requestsPerMinute: account.requestsPerMinute } : {}),
    }),
  settings: [
    { key: 'bitbucket.apiUrl', type: 'string', default: BITBUCKET_API_URL, scope: 'machine', descriptionKey: 'config.bitbucket.apiUrl' },
    { key: 'bitbucket.requestsPerMinute', type: 'number', default: DEFAULT_REQUESTS_PER_MINUTE, minimum: 1, maximum: 1000, scope: 'machine', descriptionKey: 'config.bitbucket.requestsPerMinute' },
  ],
  readAccounts,
  // https://support.atlassian.com/bitbucket-cloud/docs/api-request-limits/: 1,000 requests an hour for repository data.
  requestBudget: () => ({ requests: 1000, windowSeconds: 3600, per: 'user', source: 'support.atlassian.com: Bitbucket Cloud API request limits (1,000 an hour for repository data)' }),
  token: {
    noun: 'API token or access token',
    help: 'An Atlassian API token (with your account e-mail) or a repository/workspace access token, with the repository:read and pipeline:read scopes (pipeline:write to run and stop pipelines). Stored in VS Code secret storage.',
    writeScopes: [WRITE_SCOPE],
    // ATATT… Atlassian API tokens, ATCTT… access tokens, ATBB… app passwords; stored ones are also removed by value.
    redactPatterns: [/\bAT(?:ATT|CTT|BB)[A-Za-z0-9_=+/-]{16,}/g],
    userName: { prompt: 'Atlassian account e-mail (leave empty for an access token)', placeholder: 'you@example.com', optional: true },
  },
  // Pipes (bitbucket-pipes-toolkit) print `✖ <message>` on failure and `⚠ <message>` as a warning;
  // the step script's own exit shows as `Error: …` or a compiler shape (common markers).
  logMarkers: [
    { level: 'error', pattern: /^✖ / },
    { level: 'warning', pattern: /^⚠ / },
  ],
  features: new Set(['cancelRun', 'dispatch', 'liveLog', 'testReports'] as const),
  dispatch: {
    events: ['manual'],
    parseForm: (text, path) => runPipelineForm(text, path),
    formWhenMissing: () => runPipelineFormWithoutFile(DEFINITION_PATH),
    noneDispatchable: 'check that the repository has Pipelines enabled and the token has the pipeline:write scope',
  },
};
