/** Logs, check runs and annotations. */
import type { Annotation, Check, RepoRef } from '../../core/model';
import type { LogChunk } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import { toAnnotation, toCheck } from './mapping';
import { collectPages } from './pagination';
import { ownerAndRepo } from './remote';
import type { GitHubSession } from './session';

function logBytes(data: unknown): Buffer {
  if (typeof data === 'string') {
    return Buffer.from(data, 'utf8');
  }
  if (data instanceof ArrayBuffer) {
    return Buffer.from(data);
  }
  return Buffer.alloc(0);
}

/** Whole job log (GitHub redirects to a signed text URL); `offset` skips bytes already shown. */
export function getJobLog(session: GitHubSession, repo: RepoRef, jobId: string, offset: number, options?: RequestOptions): Promise<LogChunk> {
  return session.call(`Log of job ${jobId} in ${repo.slug}`, options, async (signal) => {
    const response = await session.client.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
      ...ownerAndRepo(repo),
      job_id: Number(jobId),
      request: { signal },
    });
    const bytes = logBytes(response.data);
    const start = offset > 0 && offset <= bytes.length ? offset : 0;
    return { text: bytes.subarray(start).toString('utf8'), nextOffset: bytes.length, complete: true };
  });
}

export function listChecks(session: GitHubSession, repo: RepoRef, sha: string, options?: RequestOptions): Promise<readonly Check[]> {
  return session.call(`Checks of ${sha.slice(0, 7)} in ${repo.slug}`, options, async (signal) => {
    const { items } = await collectPages(async (page) => {
      const response = await session.client.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
        ...ownerAndRepo(repo),
        ref: sha,
        page,
        per_page: 100,
        request: { signal },
      });
      return { items: session.json(response.data).check_runs, link: response.headers.link, changed: session.changed(response) };
    });
    return items.map(toCheck);
  });
}

export function listAnnotations(session: GitHubSession, repo: RepoRef, checkId: string, options?: RequestOptions): Promise<readonly Annotation[]> {
  return session.call(`Annotations of check ${checkId} in ${repo.slug}`, options, async (signal) => {
    const { items } = await collectPages(async (page) => {
      const response = await session.client.request('GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations', {
        ...ownerAndRepo(repo),
        check_run_id: Number(checkId),
        page,
        per_page: 100,
        request: { signal },
      });
      return { items: session.json(response.data), link: response.headers.link, changed: session.changed(response) };
    });
    return items.map(toAnnotation);
  });
}
