/**
 * Bitbucket Cloud URLs and names. The account's apiUrl is the REST 2.0 base
 * (https://api.bitbucket.org/2.0); a repository is "workspace/repo_slug". Pure.
 */
import { ConfigError, NotFoundError } from '../../core/errors';
import type { RepoRef } from '../../core/model';
import { remoteOnServer, splitRemote } from '../remoteUrl';

export const BITBUCKET_API_URL = 'https://api.bitbucket.org/2.0';
export const BITBUCKET_WEB_URL = 'https://bitbucket.org';

/** http(s), no credentials, query or fragment; trailing slashes removed. */
export function normalizeBitbucketUrl(apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl.trim());
  } catch {
    throw new ConfigError(`Not a valid Bitbucket API URL: "${apiUrl}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`Bitbucket API URL must use http or https: "${apiUrl}"`);
  }
  if (url.username || url.password) {
    throw new ConfigError('Bitbucket API URL must not contain credentials');
  }
  if (url.search || url.hash) {
    throw new ConfigError(`Bitbucket API URL must not contain a query or fragment: "${url.origin}${url.pathname}"`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Web base for an API base: api.bitbucket.org/2.0 -> bitbucket.org; anything else (a test server) serves both. */
export function webBase(host: string): string {
  return host === BITBUCKET_API_URL ? BITBUCKET_WEB_URL : new URL(host).origin;
}

// Workspace ids and repository slugs: letters, digits, '-', '_' and '.' (slugs), no leading dot.
const PART = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

function cleanSlug(path: string): string | undefined {
  const parts = path.replace(/^\/+|\/+$/g, '').replace(/\.git$/i, '').split('/');
  return parts.length === 2 && parts.every((part) => PART.test(part)) ? parts.join('/') : undefined;
}

export function parseBitbucketSlug(slug: string, host: string): RepoRef {
  const cleaned = cleanSlug(slug.trim());
  if (cleaned === undefined) {
    throw new ConfigError(`Not a Bitbucket repository (expected "workspace/repository"): "${slug}"`);
  }
  return { provider: 'bitbucket', host, slug: cleaned };
}

/**
 * git@bitbucket.org:ws/repo.git, https://user@bitbucket.org/ws/repo.git, ssh://git@bitbucket.org/ws/repo
 * -> ws/repo on the account. For another API host (a test server) the remote must be on that host.
 */
export function parseBitbucketRemote(remoteUrl: string, host: string): RepoRef | undefined {
  const parts = splitRemote(remoteUrl);
  if (!parts) return undefined;
  const onServer = host === BITBUCKET_API_URL ? parts.hostname === 'bitbucket.org' : remoteOnServer(parts, host);
  if (!onServer) return undefined;
  const slug = cleanSlug(parts.path);
  return slug === undefined ? undefined : { provider: 'bitbucket', host, slug };
}

export function bitbucketRepositoryWebUrl(repo: RepoRef): string {
  return `${webBase(repo.host)}/${repo.slug}`;
}

const enc = encodeURIComponent;

export function repositoryPath(slug: string): string {
  const cut = slug.indexOf('/');
  return `/repositories/${enc(slug.slice(0, cut))}/${enc(slug.slice(cut + 1))}`;
}

export function pipelinesPath(slug: string): string {
  return `${repositoryPath(slug)}/pipelines`;
}

export function pipelinePath(slug: string, uuid: string): string {
  return `${pipelinesPath(slug)}/${enc(uuid)}`;
}

export function stepPath(slug: string, pipelineUuid: string, stepUuid: string): string {
  return `${pipelinePath(slug, pipelineUuid)}/steps/${enc(stepUuid)}`;
}

/** The web page of a pipeline (by build number) and of one of its steps. */
export function pipelineWebUrl(repo: RepoRef, buildNumber: number, stepUuid?: string): string {
  const base = `${bitbucketRepositoryWebUrl(repo)}/pipelines/results/${buildNumber}`;
  return stepUuid === undefined ? base : `${base}/steps/${enc(stepUuid)}`;
}

/**
 * A FlowForge job id names the pipeline and the step (the log path needs both): the two UUIDs
 * without their braces, joined by ":" ("pipeline:step"). Braces would not pass the run panel's
 * job id check (letters, digits, "_", ".", ":" and "-").
 */
export function jobIdOf(pipelineUuid: string, stepUuid: string): string {
  return `${unbrace(pipelineUuid)}:${unbrace(stepUuid)}`;
}

const unbrace = (uuid: string): string => uuid.replace(/^\{|\}$/g, '');

export function splitJobId(jobId: string): { readonly pipelineUuid: string; readonly stepUuid: string } {
  const match = /^([0-9A-Za-z-]+):([0-9A-Za-z-]+)$/.exec(jobId);
  if (!match) {
    throw new NotFoundError(`Not a Bitbucket step id: "${jobId}"`);
  }
  return { pipelineUuid: `{${match[1] ?? ''}}`, stepUuid: `{${match[2] ?? ''}}` };
}
