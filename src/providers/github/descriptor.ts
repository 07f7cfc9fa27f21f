/** Everything FlowForge knows about GitHub Actions, for the registry (src/providers/index.ts). */
import { describeError } from '../../core/errors';
import type { ProviderDescriptor, SettingsReader } from '../../core/ci/descriptor';
import type { AccountConfig, ProviderDeps } from '../../core/ci/provider';
import { githubDispatchForm } from './dispatchForm';
import { GitHubProvider } from './provider';
import { GITHUB_API_URL, normalizeApiUrl, parseRemote, parseSlug, repositoryWebUrl } from './remote';

function readAccounts(read: SettingsReader) {
  const value = read('github.apiUrl');
  const url = typeof value === 'string' && value.trim() !== '' ? value.trim() : GITHUB_API_URL;
  try {
    return { accounts: [{ kind: 'github', apiUrl: normalizeApiUrl(url), envVar: 'FLOWFORGE_GITHUB_TOKEN' }], errors: [] };
  } catch (error) {
    return { accounts: [], errors: [`flowforge.github.apiUrl: ${describeError(error)}`] };
  }
}

export const githubDescriptor: ProviderDescriptor = {
  kind: 'github',
  label: 'GitHub',
  codicon: 'github',
  configFiles: ['.github/workflows/*.yml', '.github/workflows/*.yaml'],
  repositoryNoun: 'repository',
  noPipelinesText: 'No workflows in this repository',
  defaultApiUrl: GITHUB_API_URL,
  normalizeApiUrl,
  parseRemote: (remoteUrl: string, account: AccountConfig) => parseRemote(remoteUrl, account.apiUrl),
  parseSlug: (slug: string, account: AccountConfig) => parseSlug(slug, account.apiUrl),
  repositoryWebUrl,
  create: (account: AccountConfig, deps: ProviderDeps) => new GitHubProvider(account, deps),
  settings: [{ key: 'github.apiUrl', type: 'string', default: GITHUB_API_URL, scope: 'machine', descriptionKey: 'config.github.apiUrl' }],
  readAccounts,
  // https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api: 5,000 an hour per user; a 304 to a conditional request is free.
  requestBudget: () => ({ requests: 5000, windowSeconds: 3600, per: 'user', notModifiedFree: true, source: 'docs.github.com: REST API rate limits (5,000 requests an hour per user)' }),
  token: {
    noun: 'personal access token',
    help: 'Needs the repo and workflow scopes (classic) or Actions read/write (fine-grained). Stored in VS Code secret storage.',
    writeScopes: [],
    redactPatterns: [/\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g],
    editorAuth: {
      providerId: (account) => (account.apiUrl === GITHUB_API_URL ? 'github' : 'github-enterprise'),
      providerIds: ['github', 'github-enterprise'],
      scopes: ['repo', 'workflow'],
      label: 'Use my VS Code GitHub account',
      signOutHint: 'FlowForge still uses your VS Code GitHub account: sign out of it from the Accounts menu.',
    },
  },
  // Errors and warnings of GitHub logs are workflow commands (`##[error]`, `##[warning]`, `::error file=…::`),
  // parsed as such for every log by the run panel; the runner prints no other shape of its own.
  logMarkers: [],
  features: new Set(['rerunRun', 'rerunFailedJobs', 'rerunJob', 'rerunDebug', 'cancelRun', 'forceCancel', 'dispatch', 'approvals', 'annotations', 'artifacts', 'mergeGate'] as const),
  dispatch: {
    events: ['workflow_dispatch'],
    parseForm: githubDispatchForm,
    formWhenMissing: () => undefined,
    noneDispatchable: 'add a workflow_dispatch trigger',
  },
};

