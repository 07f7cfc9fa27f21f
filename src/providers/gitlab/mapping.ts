/** Maps GitLab v4 JSON onto FlowForge's model. Pure functions. */
import type { Job, Pipeline, RepoRef, Repository, Run, RunState } from '../../core/model';
import { asRecord, bool, child, idOf, num, str, type JsonRecord } from '../http';

export const GITLAB_PIPELINE_ID = 'gitlab-ci';
export const DEFAULT_CI_CONFIG = '.gitlab-ci.yml';
/** The tree's group of a project's pipelines (its CI file is the tooltip), and the name of one pipeline: "Pipeline #54". */
export const GITLAB_PIPELINES_NAME = 'Pipelines';
export const GITLAB_RUN_NAME = 'Pipeline';

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
  return { id: GITLAB_PIPELINE_ID, name: GITLAB_PIPELINES_NAME, path, webUrl: `${webUrl}/-/pipelines` };
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split(/\r?\n/, 1)[0]?.trim();
  return line ? line : undefined;
}

/** Title of a pipeline row: its name, else its commit title, else "push on main" (REST pipeline objects carry no commit title). */
export function runTitle(name: string | undefined, commitTitle: string | undefined, source: string, ref: string | undefined): string {
  return firstLine(name) ?? firstLine(commitTitle) ?? fallbackTitle(source, ref);
}

/** The title of a pipeline with neither name nor known commit title. */
export function fallbackTitle(source: string, ref: string | undefined): string {
  return `${source} on ${ref ?? '?'}`;
}

/** Where REST and GraphQL put a pipeline's times (the other fields have the same names in both). */
export interface PipelineTimeKeys {
  readonly created: string;
  readonly started: string;
  readonly updated: string;
  readonly finished: string;
}

const REST_TIMES: PipelineTimeKeys = { created: 'created_at', started: 'started_at', updated: 'updated_at', finished: 'finished_at' };

/** What REST and GraphQL tell apart: the id, the number, the status spelling and the web URL. */
export interface PipelineIdentity {
  readonly id: string;
  readonly number: number;
  /** Lower case, as REST spells it. */
  readonly status: string;
  readonly webUrl: string;
}

/** A pipeline object (REST or GraphQL) as a Run. */
export function pipelineRun(p: JsonRecord, identity: PipelineIdentity, times: PipelineTimeKeys, pipelineName: string): Run {
  const source = str(p, 'source') ?? 'unknown';
  const ref = str(p, 'ref');
  return {
    id: identity.id,
    pipelineId: GITLAB_PIPELINE_ID,
    pipelineName,
    number: identity.number,
    attempt: 1,
    title: runTitle(str(p, 'name'), str(child(p, 'commit'), 'title'), source, ref),
    branch: ref,
    headSha: str(p, 'sha') ?? '',
    event: source,
    actor: str(child(p, 'user'), 'username'),
    state: mapGitLabState(identity.status),
    rawStatus: identity.status,
    createdAt: str(p, times.created) ?? '',
    startedAt: str(p, times.started),
    updatedAt: str(p, times.updated),
    completedAt: str(p, times.finished),
    webUrl: identity.webUrl,
  };
}

export function mapRun(body: unknown, pipelineName: string): Run {
  const p = asRecord(body);
  const identity = { id: idOf(p), number: num(p, 'iid') ?? num(p, 'id') ?? 0, status: str(p, 'status') ?? 'unknown', webUrl: str(p, 'web_url') ?? '' };
  return pipelineRun(p, identity, REST_TIMES, pipelineName);
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
