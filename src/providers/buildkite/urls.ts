/**
 * Buildkite URLs and names. The account's apiUrl is the REST API base (https://api.buildkite.com);
 * a repository is one Buildkite pipeline, slug "org/pipeline". Pure.
 */
import { ConfigError } from '../../core/errors';
import type { RepoRef } from '../../core/model';

export const BUILDKITE_API_URL = 'https://api.buildkite.com';
export const BUILDKITE_WEB_URL = 'https://buildkite.com';

/** http(s), no credentials, query or fragment; trailing slashes and a trailing /v2 removed. */
export function normalizeBuildkiteUrl(apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl.trim());
  } catch {
    throw new ConfigError(`Not a valid Buildkite API URL: "${apiUrl}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`Buildkite API URL must use http or https: "${apiUrl}"`);
  }
  if (url.username || url.password) {
    throw new ConfigError('Buildkite API URL must not contain credentials');
  }
  if (url.search || url.hash) {
    throw new ConfigError(`Buildkite API URL must not contain a query or fragment: "${url.origin}${url.pathname}"`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/v2$/i, '')}`;
}

const SLUG = /^[a-z0-9][a-z0-9_-]*$/i;

export interface PipelineName {
  readonly org: string;
  readonly pipeline: string;
}

export function parseBuildkiteSlug(slug: string, host: string): RepoRef {
  const parts = slug.trim().replace(/^\/+|\/+$/g, '').split('/');
  if (parts.length !== 2 || !parts.every((part) => SLUG.test(part))) {
    throw new ConfigError(`Not a Buildkite pipeline (expected "organization/pipeline"): "${slug}"`);
  }
  return { provider: 'buildkite', host, slug: parts.join('/') };
}

/** "acme/web" -> { org: "acme", pipeline: "web" }. */
export function splitSlug(slug: string): PipelineName {
  const cut = slug.indexOf('/');
  return { org: slug.slice(0, cut), pipeline: slug.slice(cut + 1) };
}

const enc = encodeURIComponent;

export function pipelinePath(slug: string): string {
  const { org, pipeline } = splitSlug(slug);
  return `/v2/organizations/${enc(org)}/pipelines/${enc(pipeline)}`;
}

export function buildPath(slug: string, number: string): string {
  return `${pipelinePath(slug)}/builds/${enc(number)}`;
}

/** Org-scoped job routes need only the organization and the job UUID. */
export function jobPath(slug: string, jobId: string): string {
  return `/v2/organizations/${enc(splitSlug(slug).org)}/jobs/${enc(jobId)}`;
}

/** Web base for an API base: api.buildkite.com -> buildkite.com; anything else is assumed to serve both. */
export function webBase(host: string): string {
  return host === BUILDKITE_API_URL ? BUILDKITE_WEB_URL : host;
}

export function buildkiteRepositoryWebUrl(repo: RepoRef): string {
  return `${webBase(repo.host)}/${repo.slug}`;
}

/** "org/pipeline" and build number from an API or web build URL (…/organizations/o/pipelines/p/builds/7 or …/o/p/builds/7). */
export function buildOfUrl(url: string | undefined): { readonly slug: string; readonly number: string } | undefined {
  if (url === undefined) return undefined;
  const api = /\/v2\/organizations\/([^/]+)\/pipelines\/([^/]+)\/builds\/(\d+)/.exec(url);
  const web = api ?? /^https?:\/\/[^/]+(?:\/[^/]+)*?\/([^/]+)\/([^/]+)\/builds\/(\d+)/.exec(url);
  return web ? { slug: `${web[1] ?? ''}/${web[2] ?? ''}`, number: web[3] ?? '' } : undefined;
}
