/**
 * Jenkins URLs and names. An account is one Jenkins server URL, path prefix included
 * (https://ci.example.com/jenkins); a repository is one job path, slug "folder/multibranch" or
 * "folder/job": the job names (as Jenkins stores them, a branch job of "feature/x" is "feature%2Fx")
 * joined by "/". Pure.
 */
import { ConfigError } from '../../core/errors';
import type { RepoRef } from '../../core/model';

/** http(s), no credentials, query or fragment; trailing slashes removed. */
export function normalizeJenkinsUrl(serverUrl: string): string {
  let url: URL;
  try {
    url = new URL(serverUrl.trim());
  } catch {
    throw new ConfigError(`Not a valid Jenkins URL: "${serverUrl}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`Jenkins URL must use http or https: "${serverUrl}"`);
  }
  if (url.username || url.password) {
    throw new ConfigError('Jenkins URL must not contain credentials');
  }
  if (url.search || url.hash) {
    throw new ConfigError(`Jenkins URL must not contain a query or fragment: "${url.origin}${url.pathname}"`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Job names of a slug: "team/web" -> ["team", "web"]. */
export function jobNames(slug: string): string[] {
  return slug.split('/').filter((name) => name !== '');
}

/** "/job/team/job/web" (each name URL-encoded, so "feature%2Fx" becomes "feature%252Fx"). */
export function jobPath(names: readonly string[]): string {
  return names.map((name) => `/job/${encodeURIComponent(name)}`).join('');
}

/** "team/web" from a job's web URL below the server (…/job/team/job/web/). */
export function namesOfJobUrl(url: string, host: string): string[] | undefined {
  if (!url.startsWith(host)) return undefined;
  const parts = url.slice(host.length).split('/').filter((p) => p !== '');
  if (parts.length === 0 || parts.length % 2 !== 0) return undefined;
  const names: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    if (parts[i] !== 'job') return undefined;
    names.push(decodeURIComponent(parts[i + 1] ?? ''));
  }
  return names;
}

/**
 * A `flowforge.repositories` entry after "jenkins:": "HOST[/prefix]/team/web" on the account's server
 * (its host and prefix are dropped when given), or just "team/web". Job URLs (…/job/team/job/web) work too.
 */
export function parseJenkinsSlug(slug: string, host: string): RepoRef {
  let rest = slug.trim().replace(/^https?:\/\//i, '');
  const server = host.replace(/^https?:\/\//i, '');
  if (rest.toLowerCase().startsWith(`${server.toLowerCase()}/`)) {
    rest = rest.slice(server.length);
  }
  let parts = rest.split('/').filter((p) => p !== '');
  if (parts[0] === 'job') {
    parts = parts.filter((_p, index) => index % 2 === 1).map((p) => decodeURIComponent(p));
  }
  if (parts.length === 0 || parts.some((p) => p === '.' || p === '..')) {
    throw new ConfigError(`Not a Jenkins job path (expected "folder/job"): "${slug}"`);
  }
  return { provider: 'jenkins', host, slug: parts.join('/') };
}

export function jenkinsRepositoryWebUrl(repo: RepoRef): string {
  return `${repo.host}${jobPath(jobNames(repo.slug))}/`;
}

/** A branch's child job in a multibranch project: the branch name, URL-encoded ("feature/x" -> "feature%2Fx"). */
export function branchJobName(branch: string): string {
  return encodeURIComponent(branch);
}

/** The branch of a multibranch child job ("feature%2Fx" -> "feature/x"). */
export function branchOfJobName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
