/** Environments and deployment reviews (pending deployments of a run). The review POST is never retried. */
import type { RepoRef } from '../../core/model';
import type { DeploymentReview, Environment, PendingDeployment } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import { collectPages } from './pagination';
import { ownerAndRepo } from './remote';
import { ENVIRONMENT, ENVIRONMENT_PAGE, PENDING_DEPLOYMENT } from './schemas';
import type { GitHubSession } from './session';

export function listEnvironments(session: GitHubSession, repo: RepoRef, options?: RequestOptions): Promise<readonly Environment[]> {
  const what = `Environments of ${repo.slug}`;
  return session.call(what, options, async (signal) => {
    const { items } = await collectPages(async (page) => {
      const response = await session.client.request('GET /repos/{owner}/{repo}/environments', { ...ownerAndRepo(repo), page, per_page: 100, request: { signal } });
      const environments = session.object<{ environments?: unknown }>(response, ENVIRONMENT_PAGE, what).environments ?? [];
      return { items: session.items<ApiEnvironment>(environments, ENVIRONMENT, what), link: response.headers.link, changed: true };
    });
    return items.map((environment) => ({ id: String(environment.id), name: environment.name }));
  });
}

interface ApiEnvironment {
  readonly id: number | bigint;
  readonly name: string;
}

interface ApiPendingDeployment {
  readonly environment: { readonly id?: number | bigint; readonly name?: string };
  readonly wait_timer: number;
  readonly current_user_can_approve: boolean;
  readonly reviewers: readonly unknown[];
}

interface ApiReviewer {
  readonly reviewer?: { readonly login?: unknown; readonly slug?: unknown } | null;
}

function reviewerName(entry: ApiReviewer): string | undefined {
  const reviewer = entry.reviewer;
  const name = reviewer?.login ?? reviewer?.slug;
  return typeof name === 'string' ? name : undefined;
}

export function listPendingDeployments(session: GitHubSession, repo: RepoRef, runId: string, options?: RequestOptions): Promise<readonly PendingDeployment[]> {
  const what = `Pending deployments of run ${runId} in ${repo.slug}`;
  return session.call(what, options, async (signal) => {
    const response = await session.client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments', { ...ownerAndRepo(repo), run_id: Number(runId), request: { signal } });
    return session.items<ApiPendingDeployment>(session.body(response, what), PENDING_DEPLOYMENT, what).map((pending) => ({
      environment: { id: String(pending.environment.id ?? ''), name: pending.environment.name ?? String(pending.environment.id ?? '') },
      waitTimer: pending.wait_timer,
      currentUserCanApprove: pending.current_user_can_approve,
      reviewers: (pending.reviewers as readonly ApiReviewer[]).map(reviewerName).filter((name): name is string => name !== undefined),
    }));
  });
}

export function reviewPendingDeployments(
  session: GitHubSession,
  repo: RepoRef,
  runId: string,
  environmentIds: readonly string[],
  state: DeploymentReview,
  comment: string,
  options?: RequestOptions,
): Promise<void> {
  return session.call(`Deployment review of run ${runId} in ${repo.slug}`, options, async (signal) => {
    await session.client.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments', {
      ...ownerAndRepo(repo),
      run_id: Number(runId),
      environment_ids: environmentIds.map(Number),
      state,
      comment,
      request: { signal },
    });
  });
}
