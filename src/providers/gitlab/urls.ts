/**
 * GitLab URL handling: instance base URL, git remotes, project slugs.
 * The account apiUrl is the instance base URL (https://gitlab.com); the API lives under /api/v4.
 */
import { ConfigError } from '../../core/errors';
import type { RepoRef } from '../../core/model';
import { remoteOnServer, splitRemote } from '../remoteUrl';

export const GITLAB_DEFAULT_URL = 'https://gitlab.com';

/** Validates an instance URL: http(s) only, no trailing slash, no trailing /api/v4. */
export function normalizeGitLabUrl(apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl.trim());
  } catch {
    throw new ConfigError(`Not a valid GitLab URL: "${apiUrl}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`GitLab URL must use http or https: "${apiUrl}"`);
  }
  if (url.username || url.password) {
    throw new ConfigError('GitLab URL must not contain credentials');
  }
  if (url.search || url.hash) {
    throw new ConfigError(`GitLab URL must not contain a query or fragment: "${url.origin}${url.pathname}"`);
  }
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/api\/v4$/i, '');
  return `${url.origin}${path}`;
}

/** The REST base, e.g. https://gitlab.com/api/v4. */
export function apiBase(host: string): string {
  return `${host}/api/v4`;
}

/** "group/sub/project" -> "group%2Fsub%2Fproject", as GitLab wants for :id. */
export function encodeProject(slug: string): string {
  return encodeURIComponent(slug);
}

const SEGMENT = /^[A-Za-z0-9_.][A-Za-z0-9_.+-]*$/;

function cleanSlug(path: string): string | undefined {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/i, '');
  const segments = trimmed.split('/');
  if (segments.length < 2 || segments.some((s) => !SEGMENT.test(s))) {
    return undefined;
  }
  return segments.join('/');
}

export function parseGitLabSlug(slug: string, host: string): RepoRef {
  const cleaned = cleanSlug(slug.trim());
  if (cleaned === undefined) {
    throw new ConfigError(`Not a GitLab project path (expected "group/project" or "group/sub/project"): "${slug}"`);
  }
  return { provider: 'gitlab', host, slug: cleaned };
}

/** Maps a git remote to a project on `host`, or undefined when it belongs elsewhere. */
export function parseGitLabRemote(remoteUrl: string, host: string): RepoRef | undefined {
  const parts = splitRemote(remoteUrl);
  if (!parts) {
    return undefined;
  }
  const instance = new URL(host);
  if (!remoteOnServer(parts, host)) {
    return undefined;
  }
  let path = parts.path;
  // Instances served under a relative URL root (https://example.com/gitlab).
  const root = instance.pathname.replace(/\/+$/, '');
  if (root && path.startsWith(`${root}/`)) {
    path = path.slice(root.length);
  }
  const slug = cleanSlug(path);
  return slug === undefined ? undefined : { provider: 'gitlab', host, slug };
}

export function gitlabRepositoryWebUrl(repo: RepoRef): string {
  return `${repo.host}/${repo.slug}`;
}
