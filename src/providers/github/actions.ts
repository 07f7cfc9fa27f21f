/**
 * Mutations: re-run, cancel, dispatch. Never retried automatically (the request
 * hook sets retries to 0 for every non-GET, and the throttle handler refuses them).
 */
import { ValidationError } from '../../core/errors';
import type { RepoRef } from '../../core/model';
import type { CreatePipelineRequest, CreatedRun } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import { ownerAndRepo } from './remote';
import type { GitHubSession } from './session';

type DebugOptions = RequestOptions & { debug?: boolean };

export function rerunRun(session: GitHubSession, repo: RepoRef, runId: string, options?: DebugOptions): Promise<CreatedRun> {
  return session.call(`Run ${runId} in ${repo.slug}`, options, async (signal) => {
    await session.client.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun', {
      ...ownerAndRepo(repo),
      run_id: Number(runId),
      enable_debug_logging: options?.debug ?? false,
      request: { signal },
    });
    return { runId };
  });
}

export function rerunFailedJobs(session: GitHubSession, repo: RepoRef, runId: string, options?: DebugOptions): Promise<CreatedRun> {
  return session.call(`Run ${runId} in ${repo.slug}`, options, async (signal) => {
    await session.client.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs', {
      ...ownerAndRepo(repo),
      run_id: Number(runId),
      enable_debug_logging: options?.debug ?? false,
      request: { signal },
    });
    return { runId };
  });
}

export function rerunJob(session: GitHubSession, repo: RepoRef, jobId: string, options?: DebugOptions): Promise<void> {
  return session.call(`Job ${jobId} in ${repo.slug}`, options, async (signal) => {
    await session.client.request('POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun', {
      ...ownerAndRepo(repo),
      job_id: Number(jobId),
      enable_debug_logging: options?.debug ?? false,
      request: { signal },
    });
  });
}

export function cancelRun(session: GitHubSession, repo: RepoRef, runId: string, options?: RequestOptions & { force?: boolean }): Promise<void> {
  return session.call(`Run ${runId} in ${repo.slug}`, options, async (signal) => {
    const params = { ...ownerAndRepo(repo), run_id: Number(runId), request: { signal } };
    if (options?.force === true) {
      await session.client.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel', params);
    } else {
      await session.client.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel', params);
    }
  });
}

interface DispatchDetails {
  readonly workflow_run_id?: unknown;
  readonly html_url?: unknown;
}

function createdRunOf(status: number, data: unknown): CreatedRun {
  if (status !== 200 || typeof data !== 'object' || data === null) {
    return {};
  }
  const details = data as DispatchDetails;
  return {
    runId: typeof details.workflow_run_id === 'number' || typeof details.workflow_run_id === 'string' ? String(details.workflow_run_id) : undefined,
    webUrl: typeof details.html_url === 'string' ? details.html_url : undefined,
  };
}

/** workflow_dispatch; asks for the new run's id (200), and accepts the older 204 without details. */
export function createRun(session: GitHubSession, repo: RepoRef, pipelineId: string | undefined, request: CreatePipelineRequest, options?: RequestOptions): Promise<CreatedRun> {
  if (pipelineId === undefined || pipelineId === '') {
    return Promise.reject(new ValidationError('GitHub needs a workflow to dispatch; choose one first'));
  }
  return session.call(`Workflow ${pipelineId} in ${repo.slug}`, options, async (signal) => {
    const response = await session.client.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
      ...ownerAndRepo(repo),
      workflow_id: pipelineId,
      ref: request.ref,
      inputs: { ...request.inputs },
      return_run_details: true,
      request: { signal },
    });
    return createdRunOf(response.status, response.data);
  });
}
