/** Maps GitLab v4 JSON onto FlowForge's model. Pure functions. */
import type { Job, Pipeline, RepoRef, Repository, Run, RunState } from '../../core/model';
import { asRecord, bool, child, idOf, num, str, type JsonRecord } from '../http';

export const GITLAB_PIPELINE_ID = 'gitlab-ci';
export const DEFAULT_CI_CONFIG = '.gitlab-ci.yml';

const STATES: Readonly<Record<string, RunState>> = {
  created: 'queued',
  waiting_for_resource: 'queued',
  preparing: 'queued',
  pending: 'queued',
  scheduled: 'queued',
  running: 'running',
  success: 'success',
  failed: 'failure',
  canceled: 'cancelled',
  canceling: 'cancelled',
  skipped: 'skipped',
  manual: 'action_required',
  // A deployment job waiting for approval shows as blocked in some views.
  blocked: 'action_required',
};

/** Pipeline and job statuses share one vocabulary; unknown ones read as neutral. */
export function mapGitLabState(status: string | undefined): RunState {
  return (status !== undefined ? STATES[status] : undefined) ?? 'neutral';
}

export function mapRepository(repo: RepoRef, body: unknown): Repository {
  const project = asRecord(body);
  return {
    ref: repo,
    webUrl: str(project, 'web_url') ?? `${repo.host}/${repo.slug}`,
    defaultBranch: str(project, 'default_branch'),
  };
}

/** GitLab has one pipeline definition per project. */
export function mapPipelineDefinition(repo: RepoRef, body: unknown): Pipeline {
  const project = asRecord(body);
  const configured = str(project, 'ci_config_path');
  const path = configured && configured.trim() !== '' ? configured : DEFAULT_CI_CONFIG;
  const webUrl = str(project, 'web_url') ?? `${repo.host}/${repo.slug}`;
  return { id: GITLAB_PIPELINE_ID, name: path, path, webUrl: `${webUrl}/-/pipelines` };
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split(/\r?\n/, 1)[0]?.trim();
  return line ? line : undefined;
}

export function mapRun(body: unknown, pipelineName: string): Run {
  const p = asRecord(body);
  const status = str(p, 'status') ?? 'unknown';
  const source = str(p, 'source') ?? 'unknown';
  const ref = str(p, 'ref');
  const commitTitle = firstLine(str(child(p, 'commit'), 'title'));
  return {
    id: idOf(p),
    pipelineId: GITLAB_PIPELINE_ID,
    pipelineName,
    number: num(p, 'iid') ?? num(p, 'id') ?? 0,
    attempt: 1,
    title: firstLine(str(p, 'name')) ?? commitTitle ?? `${source} on ${ref ?? '?'}`,
    branch: ref,
    headSha: str(p, 'sha') ?? '',
    event: source,
    actor: str(child(p, 'user'), 'username'),
    state: mapGitLabState(status),
    rawStatus: status,
    createdAt: str(p, 'created_at') ?? '',
    startedAt: str(p, 'started_at'),
    updatedAt: str(p, 'updated_at'),
    completedAt: str(p, 'finished_at'),
    webUrl: str(p, 'web_url') ?? '',
  };
}

/**
 * GitLab-only facts about a job. The core Job type has no place for them yet;
 * they ride along on a subtype until the model grows `downstream`, `allowFailure`, `manual`.
 */
export interface GitLabJob extends Job {
  readonly allowFailure: boolean;
  readonly manual: boolean;
  /** Set on bridge (trigger) jobs once the downstream pipeline exists. */
  readonly downstream?: { readonly runId: string; readonly repoSlug?: string; readonly webUrl?: string; readonly rawStatus?: string };
}

function mapCommonJob(j: JsonRecord, runId: string): GitLabJob {
  const status = str(j, 'status') ?? 'unknown';
  return {
    id: idOf(j),
    runId,
    name: str(j, 'name') ?? '(unnamed job)',
    state: mapGitLabState(status),
    rawStatus: status,
    startedAt: str(j, 'started_at'),
    completedAt: str(j, 'finished_at'),
    webUrl: str(j, 'web_url'),
    stage: str(j, 'stage'),
    steps: [],
    allowFailure: bool(j, 'allow_failure') ?? false,
    manual: status === 'manual' || str(j, 'when') === 'manual',
  };
}

export function mapJob(body: unknown, runId: string): GitLabJob {
  return mapCommonJob(asRecord(body), runId);
}

/** Project path from a pipeline web URL: https://host/group/sub/project/-/pipelines/1 -> group/sub/project. */
function slugFromWebUrl(webUrl: string | undefined): string | undefined {
  if (!webUrl) {
    return undefined;
  }
  try {
    const path = new URL(webUrl).pathname;
    const cut = path.indexOf('/-/');
    return cut > 0 ? path.slice(1, cut) : undefined;
  } catch {
    return undefined;
  }
}

export function mapBridge(body: unknown, runId: string): GitLabJob {
  const j = asRecord(body);
  const job = mapCommonJob(j, runId);
  const downstream = j.downstream_pipeline;
  if (downstream === null || downstream === undefined) {
    return job;
  }
  const d = asRecord(downstream);
  const webUrl = str(d, 'web_url');
  return {
    ...job,
    downstream: { runId: idOf(d), repoSlug: slugFromWebUrl(webUrl), webUrl, rawStatus: str(d, 'status') },
  };
}

/** Stable display order: by id ascending (creation order). */
export function sortJobs(jobs: GitLabJob[]): GitLabJob[] {
  return jobs.sort((a, b) => Number(a.id) - Number(b.id));
}
