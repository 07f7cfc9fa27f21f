/** Listings: repository, workflows, runs, jobs. Each returns whether the answer changed (ETag). */
import type { Job, Page, Pipeline, RepoRef, Repository, Run } from '../../core/model';
import type { Fetched, ListRunsOptions, RequestOptions } from '../../core/ci/provider';
import { toJob, toPipeline, toRepository, toRun, type ApiJob, type ApiRepository, type ApiStep, type ApiRun, type ApiWorkflow } from './mapping';
import { clampPerPage, collectPages, hasNextPage } from './pagination';
import { ownerAndRepo } from './remote';
import { JOB, JOB_PAGE, REPOSITORY, RUN, RUN_PAGE, STEP, WORKFLOW, WORKFLOW_PAGE } from './schemas';
import type { GitHubSession } from './session';

export function getRepository(session: GitHubSession, repo: RepoRef, options?: RequestOptions): Promise<Fetched<Repository>> {
  const what = `Repository ${repo.slug}`;
  return session.call(what, options, async (signal) => {
    const response = await session.client.request('GET /repos/{owner}/{repo}', { ...ownerAndRepo(repo), request: { signal } });
    return { value: toRepository(repo, session.object<ApiRepository>(response, REPOSITORY, what)), changed: session.changed(response) };
  });
}

export function listPipelines(session: GitHubSession, repo: RepoRef, options?: RequestOptions): Promise<Fetched<readonly Pipeline[]>> {
  const what = `Workflows of ${repo.slug}`;
  return session.call(what, options, async (signal) => {
    const { items, changed } = await collectPages(async (page) => {
      const response = await session.client.request('GET /repos/{owner}/{repo}/actions/workflows', {
        ...ownerAndRepo(repo),
        page,
        per_page: 100,
        request: { signal },
      });
      const items = session.items<ApiWorkflow>(session.object<{ workflows: unknown }>(response, WORKFLOW_PAGE, what).workflows, WORKFLOW, what);
      return { items, link: response.headers.link, changed: session.changed(response) };
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
    const data = session.object<{ workflow_runs: unknown; total_count: number }>(response, RUN_PAGE, what);
    const runs = session.items<ApiRun>(data.workflow_runs, RUN, what);
    return {
      value: { items: runs.map(toRun), totalCount: data.total_count, hasMore: hasNextPage(response.headers.link) },
      changed: session.changed(response),
    };
  });
}

export function listJobs(session: GitHubSession, repo: RepoRef, runId: string, options?: RequestOptions): Promise<Fetched<readonly Job[]>> {
  const what = `Jobs of run ${runId} in ${repo.slug}`;
  return session.call(what, options, async (signal) => {
    const { items, changed } = await collectPages(async (page) => {
      const response = await session.client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', {
        ...ownerAndRepo(repo),
        run_id: Number(runId),
        filter: 'latest',
        page,
        per_page: 100,
        request: { signal },
      });
      const jobs = session.items<ApiJob>(session.object<{ jobs: unknown }>(response, JOB_PAGE, what).jobs, JOB, what);
      return { items: jobs.map((job) => withWellShapedSteps(session, job, what)), link: response.headers.link, changed: session.changed(response) };
    });
    return { value: items.map(toJob), changed };
  });
}

/** The job with the steps of the expected shape (the others dropped and logged). */
function withWellShapedSteps(session: GitHubSession, job: ApiJob, what: string): ApiJob {
  return job.steps === undefined ? job : { ...job, steps: session.items<ApiStep>(job.steps, STEP, `Steps of job ${String(job.id)} (${what})`) };
}
