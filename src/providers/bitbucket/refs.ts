/**
 * Branches (GET …/refs/branches; up to 5 pages of 100 each, following `next`) and
 * bitbucket-pipelines.yml at a ref (GET …/src/{ref}/{path}, raw text). Tags are not offered: a run
 * is started on a branch target (ref_type branch), which a tag name is not.
 */
import type { PipelineDefinition, RefList } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import type { RepoRef } from '../../core/model';
import { asArray, collectPages, isRecord, requireRecord, str } from '../http';
import type { BitbucketClient } from './client';
import { DEFINITION_PATH } from './forms';
import { repositoryPath } from './urls';

const MAX_PAGES = 5;

async function names(client: BitbucketClient, repo: RepoRef, kind: 'branches', signal: AbortSignal | undefined): Promise<string[]> {
  const first = `${repositoryPath(repo.slug)}/refs/${kind}`;
  const { items } = await collectPages<unknown, string>(
    first,
    async (cursor) => {
      const answer = await client.request({ path: cursor, what: `${kind} of ${repo.slug}`, signal, ...(cursor === first ? { query: { pagelen: 100 } } : {}) });
      const page = requireRecord(answer.body, `Bitbucket ${kind} of ${repo.slug}`, ['values']);
      return { items: asArray(page.values), next: str(page, 'next') };
    },
    MAX_PAGES,
  );
  return items.flatMap((ref) => (isRecord(ref) && str(ref, 'name') !== undefined ? [str(ref, 'name') ?? ''] : []));
}

export async function listRefs(client: BitbucketClient, repo: RepoRef, defaultBranch: string | undefined, options: RequestOptions = {}): Promise<RefList> {
  const branches = await names(client, repo, 'branches', options.signal);
  const ordered = defaultBranch !== undefined && branches.includes(defaultBranch) ? [defaultBranch, ...branches.filter((b) => b !== defaultBranch)] : branches;
  return { branches: ordered, tags: [], ...(defaultBranch !== undefined ? { defaultBranch } : {}) };
}

export async function pipelineDefinition(client: BitbucketClient, repo: RepoRef, ref: string, options: RequestOptions = {}): Promise<PipelineDefinition> {
  const answer = await client.request({ path: `${repositoryPath(repo.slug)}/src/${encodeURIComponent(ref)}/${DEFINITION_PATH}`, what: `${DEFINITION_PATH} at ${ref} of ${repo.slug}`, signal: options.signal, as: 'text' });
  return { path: DEFINITION_PATH, text: typeof answer.body === 'string' ? answer.body : '' };
}
