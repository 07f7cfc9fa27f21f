/**
 * Azure DevOps URLs and names. An account is one server: https://dev.azure.com (Azure DevOps
 * Services) or an Azure DevOps Server base (https://HOST, https://HOST/tfs). A repository is one
 * Azure Repos Git repository, slug "organization/project/repository" (organization = collection on
 * a server). Pure.
 */
import { ConfigError } from '../../core/errors';
import type { AccountConfig } from '../../core/ci/provider';
import type { RepoRef } from '../../core/model';
import { splitRemote } from '../remoteUrl';

export const AZURE_URL = 'https://dev.azure.com';
export const API_VERSION = '7.1';

/** http(s), no credentials, query or fragment; trailing slashes removed. */
export function normalizeAzureUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new ConfigError(`Not a valid Azure DevOps URL: "${url}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigError(`Azure DevOps URL must use http or https: "${url}"`);
  }
  if (parsed.username || parsed.password) {
    throw new ConfigError('Azure DevOps URL must not contain credentials');
  }
  if (parsed.search || parsed.hash) {
    throw new ConfigError(`Azure DevOps URL must not contain a query or fragment: "${parsed.origin}${parsed.pathname}"`);
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

export interface OrganizationUrl {
  /** The server: https://dev.azure.com, https://HOST/tfs. */
  readonly server: string;
  readonly organization: string;
}

/**
 * An organization or collection URL (flowforge.azure.organizations): https://dev.azure.com/{org},
 * https://{org}.visualstudio.com, https://HOST[/tfs]/{collection}.
 */
export function parseOrganizationUrl(url: string): OrganizationUrl {
  const normalized = normalizeAzureUrl(url);
  const parsed = new URL(normalized);
  const legacy = /^([a-z0-9][a-z0-9-]*)\.visualstudio\.com$/i.exec(parsed.hostname);
  if (legacy?.[1] !== undefined && (parsed.pathname === '' || parsed.pathname === '/' || /^\/defaultcollection$/i.test(parsed.pathname))) {
    return { server: AZURE_URL, organization: legacy[1] };
  }
  const segments = parsed.pathname.split('/').filter((s) => s !== '');
  const organization = segments.pop();
  if (organization === undefined) {
    throw new ConfigError(`"${url}" names no organization or collection (expected https://dev.azure.com/ORGANIZATION or https://HOST/COLLECTION)`);
  }
  return { server: `${parsed.origin}${segments.length > 0 ? `/${segments.join('/')}` : ''}`, organization: decodeURIComponent(organization) };
}

const NAME = /^[^/\\?#:]+$/;

export interface RepoName {
  readonly organization: string;
  readonly project: string;
  readonly repository: string;
}

export function splitSlug(slug: string): RepoName {
  const [organization = '', project = '', repository = ''] = slug.split('/');
  return { organization, project, repository };
}

export function parseAzureSlug(slug: string, host: string): RepoRef {
  const parts = slug.trim().replace(/^\/+|\/+$/g, '').split('/').map((part) => part.trim());
  if (parts.length !== 3 || !parts.every((part) => NAME.test(part))) {
    throw new ConfigError(`Not an Azure Repos repository (expected "organization/project/repository"): "${slug}"`);
  }
  return { provider: 'azure', host, slug: parts.join('/') };
}

const isCloud = (host: string): boolean => host === AZURE_URL;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `{org}/{project}/_git/{repo}` (or `{org}/_git/{repo}`, the project named like the repository) at the start of `segments`. */
function fromGitPath(segments: readonly string[]): RepoName | undefined {
  const git = segments.indexOf('_git');
  const repository = segments[git + 1];
  if (git < 1 || git > 2 || repository === undefined || segments.length > git + 2) return undefined;
  const organization = segments[0] ?? '';
  const project = git === 2 ? (segments[1] ?? '') : repository;
  return { organization, project, repository: repository.replace(/\.git$/i, '') };
}

/**
 * A git remote -> repository on `account`: https://[user@]dev.azure.com/{org}/{project}/_git/{repo},
 * https://{org}.visualstudio.com[/DefaultCollection]/{project}/_git/{repo},
 * git@ssh.dev.azure.com:v3/{org}/{project}/{repo}, and on a server https://HOST[/tfs]/{collection}/{project}/_git/{repo}
 * (or ssh://HOST:22[/tfs]/{collection}/{project}/_git/{repo}).
 */
export function parseAzureRemote(remoteUrl: string, account: AccountConfig): RepoRef | undefined {
  const parts = splitRemote(remoteUrl);
  if (parts === undefined) return undefined;
  const host = normalizeAzureUrl(account.apiUrl);
  const segments = parts.path.split('/').filter((s) => s !== '').map(decode);
  let name: RepoName | undefined;
  if (isCloud(host)) {
    if (parts.hostname === 'ssh.dev.azure.com' || parts.hostname === 'vs-ssh.visualstudio.com') {
      const [v3, organization, project, repository] = segments;
      name = v3 === 'v3' && organization && project && repository && segments.length === 4 ? { organization, project, repository: repository.replace(/\.git$/i, '') } : undefined;
    } else if (parts.hostname === 'dev.azure.com') {
      name = fromGitPath(segments);
    } else {
      const legacy = /^([a-z0-9][a-z0-9-]*)\.visualstudio\.com$/.exec(parts.hostname)?.[1];
      const rest = segments[0]?.toLowerCase() === 'defaultcollection' ? segments.slice(1) : segments;
      name = legacy === undefined ? undefined : fromGitPath([legacy, ...rest]);
    }
  } else {
    const server = new URL(host);
    if (parts.hostname !== server.hostname.toLowerCase() || (parts.webPort !== undefined && parts.webPort !== server.port)) return undefined;
    const prefix = server.pathname.split('/').filter((s) => s !== '').map(decode);
    const starts = prefix.every((segment, index) => segments[index]?.toLowerCase() === segment.toLowerCase());
    name = starts ? fromGitPath(segments.slice(prefix.length)) : undefined;
  }
  return name === undefined ? undefined : { provider: 'azure', host, slug: `${name.organization}/${name.project}/${name.repository}` };
}

const enc = encodeURIComponent;

/** `{org}/{project}/_apis` below the server. */
export function projectApi(slug: string): string {
  const { organization, project } = splitSlug(slug);
  return `/${enc(organization)}/${enc(project)}/_apis`;
}

export function buildPath(slug: string, buildId: string): string {
  return `${projectApi(slug)}/build/builds/${enc(buildId)}`;
}

export function azureRepositoryWebUrl(repo: RepoRef): string {
  const { organization, project, repository } = splitSlug(repo.slug);
  return `${repo.host}/${enc(organization)}/${enc(project)}/_git/${enc(repository)}`;
}

export function buildWebUrl(repo: RepoRef, buildId: string): string {
  const { organization, project } = splitSlug(repo.slug);
  return `${repo.host}/${enc(organization)}/${enc(project)}/_build/results?buildId=${enc(buildId)}`;
}

/** "refs/heads/main" -> "main"; other refs (pull requests, tags) as they are. */
export function branchOfRef(ref: string | undefined): string | undefined {
  return ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
}

/** "main" -> "refs/heads/main"; a full ref stays. */
export function refOfBranch(branch: string): string {
  return branch.startsWith('refs/') ? branch : `refs/heads/${branch}`;
}
