/** Everything FlowForge knows about Buildkite, for the registry (src/providers/index.ts). */
import { describeError } from '../../core/errors';
import type { AccountsResult, ProviderDescriptor, SettingsReader } from '../../core/ci/descriptor';
import { WRITE_SCOPE } from './client';
import { createBuildForm } from './forms';
import { BuildkiteProvider } from './provider';
import { BUILDKITE_API_URL, buildkiteRepositoryWebUrl, normalizeBuildkiteUrl, parseBuildkiteSlug } from './urls';

export const BUILDKITE_TOKEN_ENV = 'FLOWFORGE_BUILDKITE_TOKEN';

/** One account: flowforge.buildkite.apiUrl (default https://api.buildkite.com). */
function readAccounts(read: SettingsReader): AccountsResult {
  const value = read('buildkite.apiUrl');
  const url = typeof value === 'string' && value.trim() !== '' ? value.trim() : BUILDKITE_API_URL;
  try {
    return { accounts: [{ kind: 'buildkite', apiUrl: normalizeBuildkiteUrl(url), envVar: BUILDKITE_TOKEN_ENV, namespaces: readOrganizations(read) }], errors: [] };
  } catch (error) {
    return { accounts: [], errors: [`flowforge.buildkite.apiUrl: ${describeError(error)}`] };
  }
}

/** The organizations to watch (flowforge.buildkite.organizations); empty: every one the token sees. */
export function readOrganizations(read: SettingsReader): string[] {
  const value = read('buildkite.organizations');
  return Array.isArray(value) ? value.filter((e): e is string => typeof e === 'string' && e.trim() !== '').map((e) => e.trim()) : [];
}

export const buildkiteDescriptor: ProviderDescriptor = {
  kind: 'buildkite',
  label: 'Buildkite',
  codicon: 'rocket',
  configFiles: ['.buildkite/pipeline.yml', '.buildkite/pipeline.yaml', '.buildkite/pipeline.json', 'buildkite.yml'],
  repositoryNoun: 'pipeline',
  noPipelinesText: 'No builds in this pipeline',
  defaultApiUrl: BUILDKITE_API_URL,
  normalizeApiUrl: normalizeBuildkiteUrl,
  // A git remote does not name a Buildkite pipeline: BuildkiteProvider.matchRemotes finds the
  // pipelines that build it through the API; flowforge.repositories entries name one directly.
  parseRemote: () => undefined,
  parseSlug: (slug, account) => parseBuildkiteSlug(slug, normalizeBuildkiteUrl(account.apiUrl)),
  repositoryWebUrl: buildkiteRepositoryWebUrl,
  create: (account, deps) =>
    new BuildkiteProvider(normalizeBuildkiteUrl(account.apiUrl), deps, {
      ...(account.requestsPerMinute ? { requestsPerMinute: account.requestsPerMinute } : {}),
      organizations: account.namespaces ?? [],
    }),
  settings: [
    { key: 'buildkite.apiUrl', type: 'string', default: BUILDKITE_API_URL, scope: 'machine', descriptionKey: 'config.buildkite.apiUrl' },
    { key: 'buildkite.organizations', type: 'array', items: 'string', default: [], scope: 'machine', descriptionKey: 'config.buildkite.organizations' },
  ],
  readAccounts,
  // https://buildkite.com/docs/apis/rest-api/limits: 200 requests a minute per organization, shared with everyone in it.
  requestBudget: () => ({ requests: 200, windowSeconds: 60, per: 'organization', source: 'buildkite.com/docs: REST API limits (200 requests a minute per organization)' }),
  token: {
    noun: 'API access token',
    help: 'Needs the read_builds, read_pipelines and read_build_logs scopes (write_builds to act on builds, read_artifacts to list and download artifacts). Stored in VS Code secret storage.',
    writeScopes: [WRITE_SCOPE],
    // bkua_ user access tokens; the older 40-hex tokens look exactly like git commit SHAs, so they are
    // removed only after a credential word (Bearer, token, access_token) — stored tokens are also removed by value.
    redactPatterns: [/\bbkua_[A-Za-z0-9]{20,}\b/g, /(?<=\b(?:bearer|token|access_token|api_token)["']?\s*[:=\s]\s*["']?)[0-9a-f]{40}\b/gi],
  },
  // The agent's own lines: `🚨 Error: The command exited with status 1`, `⚠️ Warning: …`.
  logMarkers: [
    { level: 'error', pattern: /^🚨 Error: / },
    { level: 'warning', pattern: /^⚠️? ?Warning: / },
  ],
  features: new Set(['rerunRun', 'rerunJob', 'cancelRun', 'dispatch', 'unblock', 'liveLog', 'annotations', 'artifacts'] as const),
  dispatch: {
    events: ['api'],
    parseForm: (_text, path) => createBuildForm(path),
    formWhenMissing: (pipeline) => createBuildForm(pipeline.name),
    noneDispatchable: 'check that the token has the write_builds scope',
  },
};
