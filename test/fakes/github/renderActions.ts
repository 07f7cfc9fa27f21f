/** JSON shapes of Actions and Checks objects, following the OpenAPI schemas (workflow, workflow-run, job, check-run, check-annotation). */
import { renderMinimalRepo, renderUser, type Urls } from './renderCommon';
import type { FakeAnnotation, FakeCheckRun, FakeGitHubState, FakeJob, FakeRun, FakeWorkflow } from './state';

function nodeId(kind: string, id: number): string {
  return Buffer.from(`${kind}${id}`).toString('base64');
}

export function renderWorkflow(urls: Urls, workflow: FakeWorkflow): Record<string, unknown> {
  const api = `${urls.api}/repos/${workflow.repo}/actions/workflows/${workflow.id}`;
  return {
    id: workflow.id,
    node_id: nodeId('Workflow', workflow.id),
    name: workflow.name,
    path: workflow.path,
    state: workflow.state,
    created_at: '2024-01-01T00:00:00.000Z',
    updated_at: '2024-01-01T00:00:00.000Z',
    url: api,
    html_url: `${urls.web}/${workflow.repo}/blob/main/${workflow.path}`,
    badge_url: `${urls.web}/${workflow.repo}/workflows/${encodeURIComponent(workflow.name)}/badge.svg`,
  };
}

export function renderRun(urls: Urls, state: FakeGitHubState, run: FakeRun): Record<string, unknown> {
  const repo = state.repo(run.repo);
  const workflow = state.workflow(run.repo, String(run.workflowId));
  const api = `${urls.api}/repos/${run.repo}/actions/runs/${run.id}`;
  const repository = repo ? renderMinimalRepo(urls, repo) : null;
  return {
    id: run.id,
    name: workflow?.name ?? null,
    node_id: nodeId('WorkflowRun', run.id),
    check_suite_id: run.id + 1,
    check_suite_node_id: nodeId('CheckSuite', run.id + 1),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: workflow?.path ?? '',
    run_number: run.runNumber,
    run_attempt: run.runAttempt,
    referenced_workflows: [],
    event: run.event,
    display_title: run.displayTitle,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    url: api,
    html_url: `${urls.web}/${run.repo}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    actor: renderUser(urls, run.actor),
    triggering_actor: renderUser(urls, run.triggeringActor ?? run.actor),
    run_started_at: run.runStartedAt,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${urls.api}/repos/${run.repo}/check-suites/${run.id + 1}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: run.runAttempt > 1 ? `${api}/attempts/${run.runAttempt - 1}` : null,
    workflow_url: `${urls.api}/repos/${run.repo}/actions/workflows/${run.workflowId}`,
    head_commit: {
      id: run.headSha,
      tree_id: run.headSha.split('').reverse().join(''),
      message: run.commitMessage,
      timestamp: run.createdAt,
      author: { name: run.actor, email: `${run.actor}@users.noreply.example` },
      committer: { name: 'GitHub', email: 'noreply@github.com' },
    },
    repository,
    head_repository: repository,
  };
}

export function renderJob(urls: Urls, state: FakeGitHubState, repo: string, job: FakeJob): Record<string, unknown> {
  const run = state.run(repo, job.runId);
  const workflow = run ? state.workflow(repo, String(run.workflowId)) : undefined;
  return {
    id: job.id,
    run_id: job.runId,
    run_url: `${urls.api}/repos/${repo}/actions/runs/${job.runId}`,
    run_attempt: job.runAttempt,
    node_id: nodeId('Job', job.id),
    head_sha: run?.headSha ?? '',
    url: `${urls.api}/repos/${repo}/actions/jobs/${job.id}`,
    html_url: `${urls.web}/${repo}/actions/runs/${job.runId}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: job.createdAt,
    started_at: job.startedAt ?? job.createdAt,
    completed_at: job.completedAt,
    name: job.name,
    steps: job.steps.map((step) => ({
      name: step.name,
      status: step.status,
      conclusion: step.conclusion,
      number: step.number,
      started_at: step.startedAt,
      completed_at: step.completedAt,
    })),
    check_run_url: `${urls.api}/repos/${repo}/check-runs/${job.id}`,
    labels: ['ubuntu-latest'],
    runner_id: job.status === 'queued' ? null : 1,
    runner_name: job.status === 'queued' ? null : 'GitHub Actions 1',
    runner_group_id: job.status === 'queued' ? null : 2,
    runner_group_name: job.status === 'queued' ? null : 'GitHub Actions',
    workflow_name: workflow?.name ?? null,
    head_branch: run?.headBranch ?? null,
  };
}

export function renderCheckRun(urls: Urls, check: FakeCheckRun): Record<string, unknown> {
  const api = `${urls.api}/repos/${check.repo}/check-runs/${check.id}`;
  return {
    id: check.id,
    head_sha: check.headSha,
    node_id: nodeId('CheckRun', check.id),
    external_id: String(check.id),
    url: api,
    html_url: `${urls.web}/${check.repo}/runs/${check.id}`,
    details_url: `${urls.web}/${check.repo}/runs/${check.id}`,
    status: check.status,
    conclusion: check.conclusion,
    started_at: check.startedAt,
    completed_at: check.completedAt,
    output: {
      title: check.title,
      summary: check.summary,
      text: null,
      annotations_count: check.annotations.length,
      annotations_url: `${api}/annotations`,
    },
    name: check.name,
    check_suite: { id: check.id + 1 },
    app: null,
    pull_requests: [],
  };
}

export function renderAnnotation(urls: Urls, check: FakeCheckRun, annotation: FakeAnnotation): Record<string, unknown> {
  return {
    path: annotation.path,
    blob_href: `${urls.web}/${check.repo}/blob/${check.headSha}/${annotation.path}`,
    start_line: annotation.startLine,
    end_line: annotation.endLine,
    start_column: annotation.startColumn,
    end_column: annotation.endColumn,
    annotation_level: annotation.level,
    title: annotation.title,
    message: annotation.message,
    raw_details: annotation.rawDetails,
  };
}
