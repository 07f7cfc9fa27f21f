/** Reads behind "Run Workflow…": one run, the signed-in login, a workflow file at a ref, branches and tags. */
import { NotFoundError, ValidationError } from '../../core/errors';
import type { RepoRef, Run } from '../../core/model';
import type { PipelineDefinition, RefList } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import { toRun, type ApiRun } from './mapping';
import { hasNextPage } from './pagination';
import { ownerAndRepo } from './remote';
import { NAMED, RUN, USER, WORKFLOW } from './schemas';
import type { GitHubSession } from './session';

/** Refs beyond this many pages (100 each) are left out of pickers. */
export const MAX_REF_PAGES = 10;

export function getRun(session: GitHubSession, repo: RepoRef, runId: string, options?: RequestOptions): Promise<Run> {
  const what = `Run ${runId} in ${repo.slug}`;
  return session.call(what, options, async (signal) => {
    const response = await session.client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { ...ownerAndRepo(repo), run_id: Number(runId), request: { signal } });
    return toRun(session.object<ApiRun>(response, RUN, what));
  });
}

export function currentUser(session: GitHubSession, options?: RequestOptions): Promise<string> {
  return session.call('The signed-in user', options, async (signal) => {
    const response = await session.client.request('GET /user', { request: { signal } });
    return session.object<{ login: string }>(response, USER, 'The signed-in user').login;
  });
}

/** The workflow's file at `ref`, decoded from the contents API's base64. */
export function getPipelineDefinition(session: GitHubSession, repo: RepoRef, pipelineId: string, ref: string, options?: RequestOptions): Promise<PipelineDefinition> {
  const what = `Workflow ${pipelineId} of ${repo.slug} at ${ref}`;
  return session.call(what, options, async (signal) => {
    const workflow = await session.client.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}', { ...ownerAndRepo(repo), workflow_id: pipelineId, request: { signal } });
    const path = session.object<{ path: string }>(workflow, WORKFLOW, what).path;
    const response = await session.client.request('GET /repos/{owner}/{repo}/contents/{path}', { ...ownerAndRepo(repo), path, ref, request: { signal } });
    const data = session.body(response, what);
    if (Array.isArray(data) || typeof data !== 'object' || data === null) {
      throw new NotFoundError(`${path} is not a file in ${repo.slug} at ${ref}`);
    }
    const file = data as { content?: unknown; encoding?: unknown };
    if (file.encoding !== 'base64' || typeof file.content !== 'string') {
      throw new ValidationError(`${path} in ${repo.slug} is too large to read through the API`);
    }
    return { path, text: Buffer.from(file.content, 'base64').toString('utf8') };
  });
}

async function refNames(fetchPage: (page: number) => Promise<{ names: readonly string[]; link: string | undefined }>): Promise<string[]> {
  const names: string[] = [];
  for (let page = 1; page <= MAX_REF_PAGES; page++) {
    const result = await fetchPage(page);
    names.push(...result.names);
    if (!hasNextPage(result.link)) {
      break;
    }
  }
  return names;
}

export function listRefs(session: GitHubSession, repo: RepoRef, options?: RequestOptions): Promise<RefList> {
  const what = `Branches and tags of ${repo.slug}`;
  return session.call(what, options, async (signal) => {
    const params = { ...ownerAndRepo(repo), per_page: 100, request: { signal } };
    const [branches, tags] = await Promise.all([
      refNames(async (page) => {
        const response = await session.client.request('GET /repos/{owner}/{repo}/branches', { ...params, page });
        return { names: session.items<{ name: string }>(session.body(response, what), NAMED, what).map((branch) => branch.name), link: response.headers.link };
      }),
      refNames(async (page) => {
        const response = await session.client.request('GET /repos/{owner}/{repo}/tags', { ...params, page });
        return { names: session.items<{ name: string }>(session.body(response, what), NAMED, what).map((tag) => tag.name), link: response.headers.link };
      }),
    ]);
    return { branches, tags };
  });
}
