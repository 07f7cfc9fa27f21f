/** State transitions behind re-run, cancel and dispatch (also usable directly by scenarios). */
import type { FakeGitHubState, FakeJob, FakeRun, FakeWorkflow } from './state';

function requeueJob(job: FakeJob, attempt: number): void {
  Object.assign(job, { runAttempt: attempt, status: 'queued', conclusion: null, startedAt: null, completedAt: null });
  for (const step of job.steps) {
    Object.assign(step, { status: 'queued', conclusion: null, startedAt: null, completedAt: null });
  }
}

function newAttempt(state: FakeGitHubState, run: FakeRun): number {
  const attempt = run.runAttempt + 1;
  const now = new Date().toISOString();
  state.updateRun(run.repo, run.id, { runAttempt: attempt, status: 'queued', conclusion: null, runStartedAt: now });
  return attempt;
}

/** New attempt with every job queued again. */
export function rerunAll(state: FakeGitHubState, run: FakeRun): void {
  const attempt = newAttempt(state, run);
  for (const job of state.jobs(run.id)) {
    requeueJob(job, attempt);
  }
}

/** New attempt re-running failed or cancelled jobs; others keep their result. */
export function rerunFailed(state: FakeGitHubState, run: FakeRun): void {
  const attempt = newAttempt(state, run);
  for (const job of state.jobs(run.id)) {
    if (job.conclusion === 'failure' || job.conclusion === 'cancelled' || job.conclusion === 'timed_out') {
      requeueJob(job, attempt);
    } else {
      job.runAttempt = attempt;
    }
  }
}

export function rerunSingleJob(state: FakeGitHubState, run: FakeRun, job: FakeJob): void {
  const attempt = newAttempt(state, run);
  for (const other of state.jobs(run.id)) {
    other.runAttempt = attempt;
  }
  requeueJob(job, attempt);
}

export function cancel(state: FakeGitHubState, run: FakeRun): void {
  const now = new Date().toISOString();
  for (const job of state.jobs(run.id)) {
    if (state.isActive(job.status)) {
      Object.assign(job, { status: 'completed', conclusion: 'cancelled', completedAt: now });
    }
  }
  state.updateRun(run.repo, run.id, { status: 'completed', conclusion: 'cancelled' });
}

/** A workflow_dispatch run, queued, numbered after the workflow's latest run. */
export function dispatch(state: FakeGitHubState, workflow: FakeWorkflow, ref: string, actor: string): FakeRun {
  const now = new Date().toISOString();
  const previous = state.runs(workflow.repo, { workflowId: workflow.id });
  const runNumber = Math.max(0, ...previous.map((run) => run.runNumber)) + 1;
  const sha = (previous[0]?.headSha ?? '0'.repeat(40)).slice(0, 40);
  return state.addRun({
    repo: workflow.repo,
    workflowId: workflow.id,
    runNumber,
    runAttempt: 1,
    event: 'workflow_dispatch',
    status: 'queued',
    conclusion: null,
    headBranch: ref,
    headSha: sha,
    displayTitle: workflow.name,
    commitMessage: `Manual run of ${workflow.name}`,
    actor,
    createdAt: now,
    updatedAt: now,
    runStartedAt: now,
  });
}

/** Approving the last pending environment lets the run go on; rejecting one fails the run. */
export function reviewDeployments(state: FakeGitHubState, run: FakeRun, environmentIds: readonly number[], review: 'approved' | 'rejected'): void {
  const reviewed = new Set(environmentIds);
  state.data.pendingDeployments = (state.data.pendingDeployments ?? []).filter((pending) => pending.runId !== run.id || !reviewed.has(pending.environmentId));
  if (review === 'rejected') {
    state.updateRun(run.repo, run.id, { status: 'completed', conclusion: 'failure' });
  } else if (state.pendingDeployments(run.id).length === 0) {
    state.updateRun(run.repo, run.id, { status: 'in_progress', conclusion: null });
  }
}
