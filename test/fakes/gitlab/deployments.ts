/**
 * Deployments of the fake GitLab and their approvals (protected environments with
 * deployment approvals): the record, and the rules of POST .../deployments/:id/approval.
 * No HTTP here; handlers/deployments.ts serves them.
 */

export type FakeDeploymentStatus = 'created' | 'running' | 'success' | 'failed' | 'canceled' | 'blocked';

export interface FakeApproval {
  readonly username: string;
  readonly status: 'approved' | 'rejected';
  readonly comment: string | null;
  readonly created_at: string;
}

export interface FakeDeployment {
  id: number;
  iid: number;
  project_id: number;
  /** The deployable: the deploy job of a pipeline. */
  job_id: number;
  environment: string;
  status: FakeDeploymentStatus;
  /** Who triggered it. */
  username: string;
  created_at: string;
  updated_at: string;
  /** Approvals needed before it may run (unified approval setting); default 1. */
  required_approvals?: number;
  /** Usernames allowed to approve; anyone with the api scope when absent. */
  approvers?: string[];
  /** Rule descriptions shown in approval_summary (multiple approval rules), e.g. "Maintainers". */
  rules?: string[];
  approvals?: FakeApproval[];
}

export type ApprovalOutcome =
  | { readonly ok: true; readonly approval: FakeApproval; readonly rejected: boolean }
  | { readonly ok: false; readonly status: number; readonly body: unknown };

export function pendingApprovalCount(deployment: FakeDeployment): number {
  const approved = (deployment.approvals ?? []).filter((a) => a.status === 'approved').length;
  return Math.max(0, (deployment.required_approvals ?? 1) - approved);
}

/**
 * Applies one approval as GitLab does: only blocked deployments, status approved|rejected,
 * a user's new vote replaces the old one. A rejection fails the deployment; enough approvals
 * unblock it (its job still waits to be played).
 */
export function applyApproval(deployment: FakeDeployment, username: string, status: unknown, comment: unknown, now: string): ApprovalOutcome {
  if (status !== 'approved' && status !== 'rejected') {
    return { ok: false, status: 400, body: { error: 'status does not have a valid value' } };
  }
  if (deployment.approvers && !deployment.approvers.includes(username)) {
    return { ok: false, status: 403, body: { message: '403 Forbidden - You are not authorized to approve or reject this deployment' } };
  }
  if (deployment.status !== 'blocked') {
    return { ok: false, status: 400, body: { message: 'This deployment is not waiting for approvals.' } };
  }
  const approval: FakeApproval = { username, status, comment: typeof comment === 'string' ? comment : null, created_at: now };
  deployment.approvals = [...(deployment.approvals ?? []).filter((a) => a.username !== username), approval];
  deployment.updated_at = now;
  if (status === 'rejected') {
    deployment.status = 'failed';
  } else if (pendingApprovalCount(deployment) === 0) {
    deployment.status = 'created';
  }
  return { ok: true, approval, rejected: status === 'rejected' };
}
