/**
 * Workspace git remotes -> Buildkite pipelines. A remote URL says nothing about Buildkite, so this
 * lists the organizations the token sees (or the configured ones) and their pipelines, and keeps
 * those whose `repository` is the same git repository as a remote (ssh and https forms alike).
 */
import type { RemoteMatch, RequestOptions } from '../../core/ci/provider';
import { collectPages, linkNext, requireArray, str, isRecord } from '../http';
import type { BuildkiteClient } from './client';
import { repositoryKey } from '../remoteUrl';

const PER_PAGE = 100;
const MAX_PAGES = 10;

async function listAll(client: BuildkiteClient, org: string | undefined, path: string, what: string, signal: AbortSignal | undefined): Promise<unknown[]> {
  const http = org === undefined ? undefined : client.forOrg(org);
  const pages = await collectPages<unknown, string>(
    path,
    async (cursor) => {
      const req = { path: cursor, what, signal, ...(cursor === path ? { query: { per_page: PER_PAGE } } : {}) };
      const answer = http === undefined ? await client.request(undefined, req) : await http.request(req);
      return { items: requireArray(answer.body, `Buildkite ${what}`), next: linkNext(answer.headers) };
    },
    MAX_PAGES,
  );
  return pages.items;
}

/** Pipelines whose repository matches one of `remoteUrls` (with the remote), across `organizations` (all visible ones when empty). */
export async function pipelinesForRemotes(client: BuildkiteClient, host: string, remoteUrls: readonly string[], organizations: readonly string[], options: RequestOptions = {}): Promise<RemoteMatch[]> {
  const wanted = new Map<string, string>();
  for (const url of remoteUrls) {
    const key = repositoryKey(url);
    if (key !== undefined && !wanted.has(key)) wanted.set(key, url);
  }
  if (wanted.size === 0) return [];
  const orgs = organizations.length > 0 ? [...organizations] : (await listAll(client, undefined, '/v2/organizations', 'organizations', options.signal)).flatMap((o) => (isRecord(o) && str(o, 'slug') !== undefined ? [str(o, 'slug') ?? ''] : []));
  const found: RemoteMatch[] = [];
  for (const org of orgs) {
    const pipelines = await listAll(client, org, `/v2/organizations/${encodeURIComponent(org)}/pipelines`, `pipelines of ${org}`, options.signal);
    for (const p of pipelines) {
      const slug = isRecord(p) ? str(p, 'slug') : undefined;
      const key = isRecord(p) ? repositoryKey(str(p, 'repository') ?? '') : undefined;
      const remoteUrl = key === undefined ? undefined : wanted.get(key);
      if (slug !== undefined && remoteUrl !== undefined) found.push({ repo: { provider: 'buildkite', host, slug: `${org}/${slug}` }, remoteUrl });
    }
  }
  return found;
}
