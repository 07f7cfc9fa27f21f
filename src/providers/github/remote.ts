/**
 * GitHub hosts and repository names: API URL validation, git remote parsing,
 * `owner/repo` slugs and browser URLs. Pure functions, no I/O.
 */
import { ConfigError } from '../../core/errors';
import type { RepoRef } from '../../core/model';
import { remoteOnServer, splitRemote } from '../remoteUrl';

export const GITHUB_API_URL = 'https://api.github.com';

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/** Validates an API URL setting; returns it without trailing slash, query or fragment. */
export function normalizeApiUrl(apiUrl: string): string {
  const trimmed = apiUrl.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ConfigError(`Invalid GitHub API URL "${trimmed}": expected an http(s) URL such as ${GITHUB_API_URL} or https://ghe.example.com/api/v3`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`Invalid GitHub API URL "${trimmed}": only http and https are supported`);
  }
  if (url.username !== '' || url.password !== '') {
    // Never echo the value: it carries credentials.
    throw new ConfigError('Invalid GitHub API URL: it must not contain credentials');
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** Browser origin for an API URL: api.github.com -> https://github.com, GHES -> its own host. */
export function webOrigin(apiUrl: string): string {
  const url = new URL(apiUrl);
  return `${url.protocol}//${webHost(url.host)}`;
}

function webHost(apiHost: string): string {
  const host = apiHost.toLowerCase();
  if (host === 'api.github.com') {
    return 'github.com';
  }
  // GitHub Enterprise Cloud with data residency: api.<tenant>.ghe.com -> <tenant>.ghe.com
  if (host.startsWith('api.') && host.endsWith('.ghe.com')) {
    return host.slice('api.'.length);
  }
  return host;
}

function hostname(host: string): string {
  return host.replace(/:\d+$/, '');
}

/** Host names a git remote may use for the account's web host. */
function remoteHostnames(apiUrl: string): readonly string[] {
  const web = hostname(webHost(new URL(apiUrl).host));
  return web === 'github.com' ? ['github.com', 'www.github.com', 'ssh.github.com'] : [web];
}

function slugFromPath(path: string): string | undefined {
  const parts = path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '').split('/');
  if (parts.length !== 2) {
    return undefined;
  }
  const [owner = '', repo = ''] = parts;
  return OWNER.test(owner) && isRepoName(repo) ? `${owner}/${repo}` : undefined;
}

function isRepoName(name: string): boolean {
  return REPO.test(name) && name !== '.' && name !== '..';
}

/** Maps a git remote URL to a repository of the account, or undefined when it is on another host. */
export function parseRemote(remoteUrl: string, apiUrl: string): RepoRef | undefined {
  const host = normalizeApiUrl(apiUrl);
  const parts = splitRemote(remoteUrl);
  if (!parts || !remoteOnServer(parts, webOrigin(host), remoteHostnames(host))) {
    return undefined;
  }
  const slug = slugFromPath(parts.path);
  return slug === undefined ? undefined : { provider: 'github', host, slug };
}

/** Parses "owner/repo" from a `flowforge.repositories` entry. Throws ConfigError naming the entry. */
export function parseSlug(slug: string, apiUrl: string): RepoRef {
  const trimmed = slug.trim();
  const parsed = trimmed.split('/').length === 2 ? slugFromPath(trimmed) : undefined;
  if (parsed === undefined || parsed !== trimmed) {
    throw new ConfigError(`Invalid repository entry "github:${trimmed}": expected "owner/repo" (letters, digits, "-", "_" and ".")`);
  }
  return { provider: 'github', host: normalizeApiUrl(apiUrl), slug: parsed };
}

/** Browser URL of a repository. */
export function repositoryWebUrl(repo: RepoRef): string {
  return `${webOrigin(repo.host)}/${repo.slug}`;
}

/** "GitHub" for github.com, "GitHub Enterprise (host)" otherwise. */
export function displayNameOf(apiUrl: string): string {
  const host = webHost(new URL(apiUrl).host);
  return host === 'github.com' ? 'GitHub' : `GitHub Enterprise (${host})`;
}

/** Splits a slug for API path parameters. */
export function ownerAndRepo(repo: RepoRef): { owner: string; repo: string } {
  const [owner = '', name = ''] = repo.slug.split('/');
  return { owner, repo: name };
}
