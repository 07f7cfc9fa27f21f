/** Listings: repository, workflows, runs, jobs. Each returns whether the answer changed (ETag). */
import type { Job, Page, Pipeline, RepoRef, Repository, Run } from '../../core/model';
import type { Fetched, ListRunsOptions, RequestOptions } from '../../core/ci/provider';
import { toJob, toPipeline, toRepository, toRun } from './mapping';
import { clampPerPage, collectPages, hasNextPage } from './pagination';
import { ownerAndRepo } from './remote';
import type { GitHubSession } from './session';

export function getRepository(session: GitHubSession, repo: RepoRef, options?: RequestOptions): Promise<Fetched<Repository>> {
  return session.call(`Repository ${repo.slug}`, options, async (signal) => {
    const response = await session.client.request('GET /repos/{owner}/{repo}', { ...ownerAndRepo(repo), request: { signal } });
    return { value: toRepository(repo, session.json(response.data)), changed: session.changed(response) };
  });
}

export function listPipelines(session: GitHubSession, repo: RepoRef, options?: RequestOptions): Promise<Fetched<readonly Pipeline[]>> {
  return session.call(`Workflows of ${repo.slug}`, options, async (signal) => {
    const { items, changed } = await collectPages(async (page) => {
      const response = await session.client.request('GET /repos/{owner}/{repo}/actions/workflows', {
        ...ownerAndRepo(repo),
        page,
        per_page: 100,
        request: { signal },
      });
      return { items: session.json(response.data).workflows, link: response.headers.link, changed: session.changed(response) };
    });
    return { value: items.map(toPipeline), changed };
  });
}

export function listRuns(session: GitHubSession, repo: RepoRef, options: ListRunsOptions = {}): Promise<Fetched<Page<Run>>> {
  const query = {
    ...ownerAndRepo(repo),
    ...(options.branch === undefined ? {} : { branch: options.branch }),
    page: Math.max(1, Math.trunc(options.page ?? 1)),
    per_page: clampPerPage(options.perPage),
    request: { signal: options.signal },
  };
  const what = options.pipelineId === undefined ? `Runs of ${repo.slug}` : `Runs of workflow ${options.pipelineId} in ${repo.slug}`;
  return session.call(what, options, async (signal) => {
    query.request.signal = signal;
    const response = options.pipelineId === undefined
      ? await session.client.request('GET /repos/{owner}/{repo}/actions/runs', query)
      : await session.client.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', { ...query, workflow_id: options.pipelineId });
    const data = session.json(response.data);
    return {
      value: { items: data.workflow_runs.map(toRun), totalCount: data.total_count, hasMore: hasNextPage(response.headers.link) },
      changed: session.changed(response),
    };
  });
}

export function listJobs(session: GitHubSession, repo: RepoRef, runId: string, options?: RequestOptions): Promise<Fetched<readonly Job[]>> {
  return session.call(`Jobs of run ${runId} in ${repo.slug}`, options, async (signal) => {
    const { items, changed } = await collectPages(async (page) => {
      const response = await session.client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', {
        ...ownerAndRepo(repo),
        run_id: Number(runId),
        filter: 'latest',
        page,
        per_page: 100,
        request: { signal },
      });
      return { items: session.json(response.data).jobs, link: response.headers.link, changed: session.changed(response) };
    });
    return { value: items.map(toJob), changed };
  });
}
