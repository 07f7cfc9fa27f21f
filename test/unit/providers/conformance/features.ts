/**
 * Features (core/ci/descriptor.ts PROVIDER_FEATURES) and the CiOperations behind them:
 * which operations a feature needs, which operations imply a feature, and how the suite sends
 * each mutation. A new feature or operation in core must be added here, or the suite fails.
 */
import type { ProviderFeature } from '../../../../src/core/ci/descriptor';
import type { CiOperations } from '../../../../src/core/ci/operations';
import type { CiProvider } from '../../../../src/core/ci/provider';
import type { RepoRef } from '../../../../src/core/model';
import type { MutationTargets } from './harness';

export type OperationName = keyof CiOperations;

/** Operations each feature needs on the provider instance; [] where core has no operation for it yet. */
export const FEATURE_OPERATIONS: Readonly<Record<ProviderFeature, readonly OperationName[]>> = {
  rerunRun: ['rerunRun'],
  rerunFailedJobs: ['rerunFailedJobs'],
  rerunJob: ['rerunJob'],
  rerunDebug: ['rerunRun'],
  playJob: ['playJob'],
  cancelRun: ['cancelRun'],
  cancelJob: ['cancelJob'],
  forceCancel: ['cancelRun', 'getRun'],
  dispatch: ['createRun', 'getPipelineDefinition', 'listRefs'],
  approvals: ['listPendingDeployments', 'reviewPendingDeployments'],
  unblock: ['unblockForm', 'unblockJob'],
  unblockReject: ['rejectUnblock'],
  liveLog: ['getJobLog'],
  testReports: ['getTestReport'],
  annotations: ['listChecks', 'listAnnotations'],
  codeQuality: ['getCodeQuality'],
  artifacts: ['listArtifacts', 'openArtifact'],
  mergeGate: ['getMergeReadiness'],
};

/** Operations that exist only for one feature: implementing one means the feature must be listed. */
export const OPERATION_FEATURE: Readonly<Partial<Record<OperationName, ProviderFeature>>> = {
  rerunRun: 'rerunRun',
  rerunFailedJobs: 'rerunFailedJobs',
  rerunJob: 'rerunJob',
  playJob: 'playJob',
  cancelRun: 'cancelRun',
  cancelJob: 'cancelJob',
  createRun: 'dispatch',
  listPendingDeployments: 'approvals',
  reviewPendingDeployments: 'approvals',
  getTestReport: 'testReports',
  getCodeQuality: 'codeQuality',
  listChecks: 'annotations',
  listAnnotations: 'annotations',
  unblockForm: 'unblock',
  unblockJob: 'unblock',
  listArtifacts: 'artifacts',
  openArtifact: 'artifacts',
  rejectUnblock: 'unblockReject',
  getMergeReadiness: 'mergeGate',
};

export type MutationCall = (provider: CiProvider, repo: RepoRef, targets: MutationTargets) => Promise<unknown> | undefined;

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new Error(`the harness seeds no ${what}`);
  }
  return value;
}

/** How the suite sends the mutation of each feature that has one (exactly one write request each). */
export const MUTATIONS: Readonly<Partial<Record<ProviderFeature, MutationCall>>> = {
  rerunRun: (p, repo, t) => p.rerunRun?.(repo, t.finishedRunId),
  rerunFailedJobs: (p, repo, t) => p.rerunFailedJobs?.(repo, t.failedRunId),
  rerunJob: (p, repo, t) => p.rerunJob?.(repo, t.finishedJobId),
  rerunDebug: (p, repo, t) => p.rerunRun?.(repo, t.finishedRunId, { debug: true }),
  playJob: (p, repo, t) => p.playJob?.(repo, need(t.manualJobId, 'manual job')),
  cancelRun: (p, repo, t) => p.cancelRun?.(repo, t.runningRunId),
  cancelJob: (p, repo, t) => p.cancelJob?.(repo, need(t.runningJobId, 'running job')),
  forceCancel: (p, repo, t) => p.cancelRun?.(repo, t.runningRunId, { force: true }),
  dispatch: (p, repo, t) => {
    const { pipelineId, ref, inputs } = need(t.dispatch, 'dispatch target');
    return p.createRun?.(repo, pipelineId, { ref, inputs });
  },
  unblock: (p, repo, t) => p.unblockJob?.(repo, need(t.manualJobId, 'blocked step'), {}),
  unblockReject: (p, repo, t) => p.rejectUnblock?.(repo, need(t.manualJobId, 'blocked step')),
  approvals: (p, repo, t) => {
    const { runId, environmentIds } = need(t.approval, 'run waiting for approval');
    return p.reviewPendingDeployments?.(repo, runId, environmentIds.slice(0, 1), 'approved', 'conformance');
  },
};
