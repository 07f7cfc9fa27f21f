/** Everything FlowForge knows about GitLab CI, for the registry (src/providers/index.ts). */
import { describeError } from '../../core/errors';
import type { AccountsResult, ProviderDescriptor, SettingsReader } from '../../core/ci/descriptor';
import type { AccountConfig } from '../../core/ci/provider';
import { clampSetting } from '../../core/settings';
import { gitlabPipelineForm } from './dispatchForm';
import { GitLabProvider } from './provider';
import { GITLAB_DEFAULT_URL, gitlabRepositoryWebUrl, normalizeGitLabUrl, parseGitLabRemote, parseGitLabSlug } from './urls';

const DEFAULT_REQUESTS_PER_MINUTE = 100;

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((e): e is string => typeof e === 'string' && e.trim() !== '').map((e) => e.trim()) : [];
}

/** The main instance (flowforge.gitlab.url) first, then flowforge.gitlab.instances; FLOWFORGE_GITLAB_TOKEN serves the main one only. */
function readAccounts(read: SettingsReader): AccountsResult {
  const main = read('gitlab.url');
  const urls = [typeof main === 'string' && main.trim() !== '' ? main.trim() : GITLAB_DEFAULT_URL, ...stringList(read('gitlab.instances'))];
  const requestsPerMinute = Math.round(clampSetting(read('gitlab.requestsPerMinute'), DEFAULT_REQUESTS_PER_MINUTE, 10, 2000));
  const accounts: AccountConfig[] = [];
  const errors: string[] = [];
  for (const [index, url] of urls.entries()) {
    try {
      const apiUrl = normalizeGitLabUrl(url);
      if (!accounts.some((a) => a.apiUrl === apiUrl)) {
        accounts.push({ kind: 'gitlab', apiUrl, requestsPerMinute, ...(index === 0 ? { envVar: 'FLOWFORGE_GITLAB_TOKEN' } : {}) });
      }
    } catch (error) {
      errors.push(`${index === 0 ? 'flowforge.gitlab.url' : 'flowforge.gitlab.instances'}: ${describeError(error)}`);
    }
  }
  return { accounts, errors };
}

export const gitlabDescriptor: ProviderDescriptor = {
  kind: 'gitlab',
  label: 'GitLab',
  codicon: 'repo',
  configFiles: ['.gitlab-ci.yml'],
  repositoryNoun: 'project',
  noPipelinesText: 'No pipelines in this project',
  defaultApiUrl: GITLAB_DEFAULT_URL,
  normalizeApiUrl: normalizeGitLabUrl,
  parseRemote: (remoteUrl, account) => parseGitLabRemote(remoteUrl, normalizeGitLabUrl(account.apiUrl)),
  parseSlug: (slug, account) => parseGitLabSlug(slug, normalizeGitLabUrl(account.apiUrl)),
  repositoryWebUrl: gitlabRepositoryWebUrl,
  create: (account, deps) => new GitLabProvider(normalizeGitLabUrl(account.apiUrl), deps, account.requestsPerMinute ? { requestsPerMinute: account.requestsPerMinute } : {}),
  settings: [
    { key: 'gitlab.url', type: 'string', default: GITLAB_DEFAULT_URL, scope: 'machine', descriptionKey: 'config.gitlab.url' },
    { key: 'gitlab.instances', type: 'array', items: 'string', default: [], scope: 'machine', descriptionKey: 'config.gitlab.instances' },
    { key: 'gitlab.requestsPerMinute', type: 'number', default: DEFAULT_REQUESTS_PER_MINUTE, minimum: 10, maximum: 2000, scope: 'machine', descriptionKey: 'config.gitlab.requestsPerMinute' },
  ],
  readAccounts,
  // GitLab.com: 2,000 authenticated API requests a minute per user (docs.gitlab.com/user/gitlab_com/#rate-limits-on-gitlabcom);
  // self-managed: the admin's user rate limit, by default 7,200 an hour when enabled (docs.gitlab.com/administration/settings/user_and_ip_rate_limits/).
  requestBudget: (apiUrl) => (/^https:\/\/gitlab\.com(\/|$)/i.test(apiUrl) ? { requests: 2000, windowSeconds: 60, per: 'user', source: 'docs.gitlab.com: GitLab.com rate limits (2,000 API requests a minute per user)' } : { requests: 7200, windowSeconds: 3600, per: 'user', source: 'docs.gitlab.com: self-managed user rate limits (7,200 an hour by default)' }),
  token: {
    noun: 'personal access token',
    help: 'Needs the api scope (read_api for read-only). Stored in VS Code secret storage.',
    writeScopes: ['api'],
    redactPatterns: [/\bgl(?:pat|oas|dt|rt|cbt|ptt|ft|imt|agent|soat)-[A-Za-z0-9_-]{16,}\b/g],
  },
  // The runner's own lines: `ERROR: Job failed: exit code 1`, `ERROR: Uploading artifacts … 404`, `WARNING: …`.
  logMarkers: [
    { level: 'error', pattern: /^(?:ERROR|FATAL): / },
    { level: 'warning', pattern: /^WARNING: / },
  ],
  features: new Set(['rerunRun', 'rerunFailedJobs', 'rerunJob', 'playJob', 'cancelRun', 'cancelJob', 'dispatch', 'approvals', 'liveLog', 'testReports', 'codeQuality', 'artifacts', 'mergeGate'] as const),
  dispatch: {
    events: ['api', 'web'],
    parseForm: gitlabPipelineForm,
    formWhenMissing: (pipeline) => ({ path: pipeline.path ?? pipeline.name, dispatchable: true, fields: [] }),
    noneDispatchable: 'check the CI configuration file',
  },
};
