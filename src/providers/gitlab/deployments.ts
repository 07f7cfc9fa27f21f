/**
 * Deployment approvals (GitLab Premium/Ultimate, protected environments): the blocked
 * deployments of one pipeline, and approving or rejecting them with a comment.
 * Each approval is sent once; mutations are never retried.
 */
import type { RepoRef } from '../../core/model';
import type { DeploymentReview, PendingDeployment } from '../../core/ci/operations';
import type { RequestOptions } from '../../core/ci/provider';
import type { GitLabHttp } from './http';
import { asArray, asRecord, child, idOf, isRecord, num, str } from '../http';
import { getAllPages } from './pagination';
import { encodeProject } from './urls';

/** Blocked deployments of a project beyond this many pages (100 each) are not looked at. */
const MAX_DEPLOYMENT_PAGES = 5;

/** Who may approve, from `approval_summary.rules` (multiple approval rules); empty with the unified setting. */
function reviewersOf(deployment: Readonly<Record<string, unknown>>): string[] {
  const rules = asArray(child(deployment, 'approval_summary').rules);
  return rules.filter(isRecord).map((rule) => str(rule, 'access_level_description')).filter((name): name is string => name !== undefined && name !== '');
}

/** One blocked deployment; `environment.id` is the deployment id (what the approval endpoint takes). */
export function mapPendingDeployment(body: unknown): PendingDeployment {
  const deployment = asRecord(body);
  const environment = child(deployment, 'environment');
  return {
    environment: { id: idOf(deployment), name: str(environment, 'name') ?? `deployment ${idOf(deployment)}` },
    waitTimer: 0,
    // GitLab's REST API does not say whether the caller may approve; the approval answers 403/400 when not.
    currentUserCanApprove: true,
    reviewers: reviewersOf(deployment),
  };
}

/** The project's blocked deployments whose job (`deployable`) belongs to pipeline `runId`. */
export async function listPendingDeployments(http: GitLabHttp, repo: RepoRef, runId: string, options: RequestOptions = {}): Promise<PendingDeployment[]> {
  const items = await getAllPages(http, `/projects/${encodeProject(repo.slug)}/deployments`, `blocked deployments of ${repo.slug}`, {
    query: { status: 'blocked', order_by: 'id', sort: 'desc' },
    signal: options.signal,
    maxPages: MAX_DEPLOYMENT_PAGES,
  });
  return items
    .filter((item) => {
      const deployment = asRecord(item);
      // pending_approval_count 0: approved, waiting only to be played (newer GitLab keeps it blocked).
      return str(deployment, 'status') === 'blocked' && num(deployment, 'pending_approval_count') !== 0 && idOf(child(child(deployment, 'deployable'), 'pipeline')) === runId;
    })
    .map(mapPendingDeployment);
}

/** POST /projects/:id/deployments/:deployment_id/approval for each id, in order, once each; stops at the first failure. */
export async function reviewPendingDeployments(
  http: GitLabHttp,
  repo: RepoRef,
  deploymentIds: readonly string[],
  state: DeploymentReview,
  comment: string,
  options: RequestOptions = {},
): Promise<void> {
  const json: Record<string, string> = { status: state };
  if (comment.trim() !== '') {
    json.comment = comment;
  }
  for (const id of deploymentIds) {
    await http.request({
      method: 'POST',
      path: `/projects/${encodeProject(repo.slug)}/deployments/${encodeURIComponent(id)}/approval`,
      what: `${state === 'approved' ? 'approval' : 'rejection'} of deployment ${id} of ${repo.slug}`,
      signal: options.signal,
      json,
    });
  }
}
