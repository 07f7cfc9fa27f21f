/** Everything FlowForge knows about Jenkins, for the registry (src/providers/index.ts). */
import { describeError } from '../../core/errors';
import type { AccountConfig } from '../../core/ci/provider';
import type { AccountsResult, ProviderDescriptor, SettingsReader } from '../../core/ci/descriptor';
import { parametersForm } from './forms';
import { JenkinsProvider } from './provider';
import { jenkinsRepositoryWebUrl, normalizeJenkinsUrl, parseJenkinsSlug } from './urls';

export const JENKINS_TOKEN_ENV = 'FLOWFORGE_JENKINS_TOKEN';
export const JENKINS_USER_ENV = 'FLOWFORGE_JENKINS_USER';
const DEFAULT_URL = 'http://localhost:8080';

/** One account per URL in flowforge.jenkins.servers; a malformed one is named and left out. */
function readAccounts(read: SettingsReader): AccountsResult {
  const value = read('jenkins.servers');
  const listed = Array.isArray(value) ? value.filter((e): e is string => typeof e === 'string' && e.trim() !== '') : [];
  // Without servers the main account is the default URL (asked nothing until it has a credential or a repository entry).
  const urls = listed.length > 0 ? listed : [DEFAULT_URL];
  const accounts: AccountConfig[] = [];
  const errors: string[] = [];
  for (const url of urls) {
    try {
      const apiUrl = normalizeJenkinsUrl(url);
      if (!accounts.some((a) => a.apiUrl === apiUrl)) accounts.push({ kind: 'jenkins', apiUrl, envVar: JENKINS_TOKEN_ENV, userEnvVar: JENKINS_USER_ENV });
    } catch (error) {
      errors.push(`flowforge.jenkins.servers: ${describeError(error)}`);
    }
  }
  return { accounts, errors };
}

export const jenkinsDescriptor: ProviderDescriptor = {
  kind: 'jenkins',
  label: 'Jenkins',
  codicon: 'server-process',
  repositoryNoun: 'job',
  noPipelinesText: 'No jobs in this folder',
  defaultApiUrl: DEFAULT_URL,
  normalizeApiUrl: normalizeJenkinsUrl,
  // A git remote does not name a Jenkins job: JenkinsProvider.matchRemotes finds the jobs that build it.
  parseRemote: () => undefined,
  parseSlug: (slug, account) => parseJenkinsSlug(slug, normalizeJenkinsUrl(account.apiUrl)),
  repositoryWebUrl: jenkinsRepositoryWebUrl,
  create: (account, deps) => new JenkinsProvider(normalizeJenkinsUrl(account.apiUrl), deps),
  settings: [{ key: 'jenkins.servers', type: 'array', items: 'string', default: [], scope: 'machine', descriptionKey: 'config.jenkins.servers' }],
  readAccounts,
  // Jenkins has no request limit; a shared server gets a courtesy budget of one request a second.
  requestBudget: () => ({ requests: 3600, windowSeconds: 3600, per: 'server', source: 'no documented limit; a courtesy budget for a shared server' }),
  token: {
    noun: 'API token',
    help: 'A Jenkins API token (your user > Security > API Token). Jobs need Job/Read to list and Job/Build or Job/Cancel to act. Stored in VS Code secret storage.',
    writeScopes: [],
    // Jenkins API tokens are 32-34 hex characters (legacy tokens 32); stored credentials are also removed by value.
    redactPatterns: [/(?<=\b(?:basic|token|api_token|apiToken)["']?\s*[:=\s]\s*["']?)[0-9a-f]{32,34}\b/gi],
    userName: { prompt: 'Your Jenkins user name (empty: anonymous read access)', placeholder: 'jdoe', optional: true },
  },
  // Jenkins console lines: `ERROR: script returned exit code 1`, `[Pipeline] error`, `Finished: FAILURE`,
  // `Build step 'Execute shell' marked build as failure`, `WARNING: …`, `Finished: UNSTABLE`.
  logMarkers: [
    { level: 'error', pattern: /^(?:ERROR: |\[Pipeline\] error\b|Finished: FAILURE\b|Build step '.*' marked build as failure)/ },
    { level: 'warning', pattern: /^(?:WARNING: |Finished: UNSTABLE\b)/ },
  ],
  features: new Set(['rerunRun', 'cancelRun', 'forceCancel', 'dispatch', 'unblock', 'unblockReject', 'liveLog', 'testReports', 'artifacts'] as const),
  dispatch: {
    events: ['manual'],
    parseForm: parametersForm,
    formWhenMissing: () => ({ path: 'job parameters', dispatchable: true, fields: [] }),
    noneDispatchable: 'check that the job is enabled and that you have the Job/Build permission',
  },
};
