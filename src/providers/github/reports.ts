/** Logs, check runs and annotations. */
import type { Annotation, Check, RepoRef } from '../../core/model';
import type { LogChunk } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import { toAnnotation, toCheck, type ApiAnnotation, type ApiCheckRun } from './mapping';
import { collectPages } from './pagination';
import { ownerAndRepo } from './remote';
import { ANNOTATION, CHECK_RUN, CHECK_RUN_PAGE } from './schemas';
import type { GitHubSession } from './session';

/** Whole job log (GitHub redirects to a signed text URL); `offset` skips bytes already shown. */
export function getJobLog(session: GitHubSession, repo: RepoRef, jobId: string, offset: number, options?: RequestOptions): Promise<LogChunk> {
  const what = `Log of job ${jobId} in ${repo.slug}`;
  return session.call(what, options, async (signal) => {
    const response = await session.client.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
      ...ownerAndRepo(repo),
      job_id: Number(jobId),
      request: { signal },
    });
    const bytes = session.logBytes(response, what);
    const start = offset > 0 && offset <= bytes.length ? offset : 0;
    return { text: bytes.subarray(start).toString('utf8'), nextOffset: bytes.length, complete: true };
  });
}

export function listChecks(session: GitHubSession, repo: RepoRef, sha: string, options?: RequestOptions): Promise<readonly Check[]> {
  const what = `Checks of ${sha.slice(0, 7)} in ${repo.slug}`;
  return session.call(what, options, async (signal) => (await fetchCheckRuns(session, repo, sha, signal, what)).items.map(toCheck));
}

/** Every check run of a commit (all pages), and whether any page was new (not a 304). */
export function fetchCheckRuns(session: GitHubSession, repo: RepoRef, sha: string, signal: AbortSignal, what: string): Promise<{ items: ApiCheckRun[]; changed: boolean }> {
  return collectPages(async (page) => {
    const response = await session.client.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
      ...ownerAndRepo(repo),
      ref: sha,
      page,
      per_page: 100,
      request: { signal },
    });
    const checks = session.items<ApiCheckRun>(session.object<{ check_runs: unknown }>(response, CHECK_RUN_PAGE, what).check_runs, CHECK_RUN, what);
    return { items: checks, link: response.headers.link, changed: session.changed(response) };
  });
}

export function listAnnotations(session: GitHubSession, repo: RepoRef, checkId: string, options?: RequestOptions): Promise<readonly Annotation[]> {
  const what = `Annotations of check ${checkId} in ${repo.slug}`;
  return session.call(what, options, async (signal) => {
    const { items } = await collectPages(async (page) => {
      const response = await session.client.request('GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations', {
        ...ownerAndRepo(repo),
        check_run_id: Number(checkId),
        page,
        per_page: 100,
        request: { signal },
      });
      return { items: session.items<ApiAnnotation>(session.body(response, what), ANNOTATION, what), link: response.headers.link, changed: session.changed(response) };
    });
    return items.map(toAnnotation);
  });
}
