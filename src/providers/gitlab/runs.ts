/** The two reads of a project's pipeline list: a page by id (newest first) and the updated_after probe. */
import type { Page, RepoRef, Run } from '../../core/model';
import { isRecord, offsetPageInfo, requireArray, requireRecord, str, UnexpectedResponseError } from '../http';
import type { GitLabHttp } from './http';
import { mapRun } from './mapping';
import { encodeProject } from './urls';

export interface RunsPageQuery {
  readonly branch: string | undefined;
  readonly perPage: number;
  readonly page: number;
}

/** Pipelines returned by one probe; more changes than this read as a change anyway. */
export const PROBE_PER_PAGE = 20;

/** A REST pipeline has a numeric id and a status string. */
function isPipeline(item: unknown): boolean {
  return isRecord(item) && typeof item.id === 'number' && typeof item.status === 'string';
}

/**
 * The pipelines of a list answer: malformed items are dropped so the good ones still show; a
 * non-empty list with no pipeline at all is not GitLab's answer (a shape error).
 */
export function listedPipelines(body: unknown, what: string, pipelineName: string): Run[] {
  const list = requireArray(body, what);
  const good = list.filter(isPipeline);
  if (list.length > 0 && good.length === 0) {
    throw new UnexpectedResponseError(`Unexpected answer for ${what}: no item of the list is a pipeline (id and status)`);
  }
  return good.map((p) => mapRun(p, pipelineName));
}

export async function fetchRunsPage(http: GitLabHttp, repo: RepoRef, query: RunsPageQuery, pipelineName: string, signal: AbortSignal | undefined): Promise<Page<Run>> {
  const response = await http.request({
    path: `/projects/${encodeProject(repo.slug)}/pipelines`,
    what: `pipelines of ${repo.slug}`,
    signal,
    query: { ref: query.branch, per_page: query.perPage, page: query.page, order_by: 'id', sort: 'desc' },
  });
  const info = offsetPageInfo(response.headers);
  const items = listedPipelines(response.body, `GitLab pipelines of ${repo.slug}`, pipelineName);
  return { items, hasMore: info.nextPage !== undefined, totalCount: info.totalCount };
}

/** Pipelines of every ref updated after `updatedAfter` (ISO 8601), most recently updated first. */
export async function fetchUpdatedRuns(http: GitLabHttp, repo: RepoRef, updatedAfter: string | undefined, pipelineName: string, signal: AbortSignal): Promise<readonly Run[]> {
  const response = await http.request({
    path: `/projects/${encodeProject(repo.slug)}/pipelines`,
    what: `updated pipelines of ${repo.slug}`,
    signal,
    query: { updated_after: updatedAfter, order_by: 'updated_at', sort: 'desc', per_page: PROBE_PER_PAGE },
  });
  return listedPipelines(response.body, `GitLab updated pipelines of ${repo.slug}`, pipelineName);
}

/** The title of commit `sha` (GET /projects/:id/repository/commits/:sha). */
export async function fetchCommitTitle(http: GitLabHttp, repo: RepoRef, sha: string): Promise<string | undefined> {
  const what = `commit ${sha.slice(0, 8)} of ${repo.slug}`;
  const response = await http.request({ path: `/projects/${encodeProject(repo.slug)}/repository/commits/${encodeURIComponent(sha)}`, what });
  return str(requireRecord(response.body, `GitLab ${what}`, ['id']), 'title');
}
