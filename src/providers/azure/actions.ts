/**
 * Mutations: run a pipeline with runtime parameters and variables, cancel a build, retry the failed
 * jobs of its failed stages, approve or reject its pending approvals. Each is sent once, never retried.
 */
import { ValidationError } from '../../core/errors';
import type { RepoRef } from '../../core/model';
import type { RequestOptions } from '../../core/ci/provider';
import type { CreatePipelineRequest, CreatedRun, DeploymentReview, PendingDeployment } from '../../core/ci/operations';
import { asArray, child, isRecord, num, requireRecord, str } from '../http';
import type { AzureClient } from './client';
import { runPipelineBody } from './forms';
import { pendingApprovalRecords, stageOf } from './mapping';
import { valueOf, type AzureReads } from './reads';
import { buildPath, projectApi } from './urls';

export class AzureActions {
  constructor(
    private readonly client: AzureClient,
    private readonly reads: AzureReads,
  ) {}

  async runPipeline(repo: RepoRef, pipelineId: string, request: CreatePipelineRequest, options: RequestOptions = {}): Promise<CreatedRun> {
    const answer = await this.client.request({
      method: 'POST',
      path: `${projectApi(repo.slug)}/pipelines/${encodeURIComponent(pipelineId)}/runs`,
      what: `new run of pipeline ${pipelineId} of ${repo.slug}`,
      json: runPipelineBody(request.ref, request.inputs, request.variables),
      signal: options.signal,
    });
    const run = requireRecord(answer.body, `Azure DevOps new run of pipeline ${pipelineId}`);
    const id = num(run, 'id');
    const webUrl = str(child(child(run, '_links'), 'web'), 'href');
    return { ...(id !== undefined ? { runId: String(id) } : {}), ...(webUrl !== undefined ? { webUrl } : {}) };
  }

  async cancel(repo: RepoRef, buildId: string, options: RequestOptions = {}): Promise<void> {
    await this.client.request({ method: 'PATCH', path: buildPath(repo.slug, buildId), what: `cancel of build ${buildId} of ${repo.slug}`, json: { status: 'cancelling' }, signal: options.signal });
  }

  /** Retries the failed (and cancelled) jobs of each stage that did not succeed; the jobs that passed are kept. */
  async retryFailedStages(repo: RepoRef, buildId: string, options: RequestOptions = {}): Promise<CreatedRun> {
    const records = await this.reads.timeline(repo, buildId, options.signal);
    const stages = [...records.values()].filter((r) => r.type === 'Stage' && r.state === 'completed' && (r.result === 'failed' || r.result === 'canceled') && r.identifier !== undefined);
    if (stages.length === 0) {
      throw new ValidationError(`Build ${buildId} of ${repo.slug} has no failed stage to retry`, 400);
    }
    for (const stage of stages.sort((a, b) => a.order - b.order)) {
      await this.client.request({
        method: 'PATCH',
        path: `${buildPath(repo.slug, buildId)}/stages/${encodeURIComponent(stage.identifier ?? '')}`,
        what: `retry of stage ${stage.name} of build ${buildId} of ${repo.slug}`,
        json: { state: 'retry', forceRetryAllJobs: false },
        // The description declares no answer body.
        as: 'bytes',
        signal: options.signal,
      });
    }
    return { runId: buildId };
  }

  /** The approvals a build waits for (its Checkpoint.Approval records), with their approvers. */
  async pendingApprovals(repo: RepoRef, buildId: string, options: RequestOptions = {}): Promise<PendingDeployment[]> {
    const records = await this.reads.timeline(repo, buildId, options.signal);
    const waiting = pendingApprovalRecords(records);
    if (waiting.length === 0) return [];
    const answer = await this.client.request({
      path: `${projectApi(repo.slug)}/pipelines/approvals`,
      what: `approvals of build ${buildId} of ${repo.slug}`,
      query: { approvalIds: waiting.map((r) => r.id).join(','), $expand: 'steps' },
      signal: options.signal,
    });
    const out: PendingDeployment[] = [];
    for (const raw of valueOf(answer.body, `Azure DevOps approvals of build ${buildId}`)) {
      if (!isRecord(raw) || str(raw, 'status') !== 'pending') continue;
      const id = str(raw, 'id') ?? '';
      const record = records.get(id);
      const stage = record === undefined ? undefined : stageOf(records, record);
      const steps = asArray(raw.steps).filter(isRecord);
      const reviewers = steps.map((s) => str(child(s, 'assignedApprover'), 'displayName')).filter((n): n is string => n !== undefined);
      const permissions = steps.map((s) => str(s, 'permissions')).filter((p): p is string => p !== undefined);
      out.push({
        environment: { id, name: stage?.name ?? str(raw, 'instructions') ?? `Approval ${id.slice(0, 8)}` },
        waitTimer: 0,
        currentUserCanApprove: permissions.length === 0 || permissions.some((p) => p.split(/,\s*/).includes('update')),
        reviewers,
      });
    }
    return out;
  }

  async review(repo: RepoRef, buildId: string, approvalIds: readonly string[], state: DeploymentReview, comment: string, options: RequestOptions = {}): Promise<void> {
    await this.client.request({
      method: 'PATCH',
      path: `${projectApi(repo.slug)}/pipelines/approvals`,
      what: `${state === 'approved' ? 'approval' : 'rejection'} of build ${buildId} of ${repo.slug}`,
      json: approvalIds.map((approvalId) => ({ approvalId, status: state, comment })),
      signal: options.signal,
    });
  }
}
