/** Maps Buildkite REST v2 JSON onto FlowForge's model. Pure. */
import type { Job, Pipeline, RepoRef, Repository, Run } from '../../core/model';
import { asArray, asRecord, bool, child, isRecord, num, str, type JsonRecord } from '../http';
import { mapBuildState, mapJobState } from './states';
import { buildkiteRepositoryWebUrl, buildOfUrl } from './urls';

/** One FlowForge pipeline per Buildkite pipeline: its builds. */
export const BUILDS_PIPELINE_ID = 'builds';

export function mapRepository(repo: RepoRef, body: unknown): Repository {
  const p = asRecord(body);
  return { ref: repo, webUrl: str(p, 'web_url') ?? buildkiteRepositoryWebUrl(repo), defaultBranch: str(p, 'default_branch') };
}

export function mapPipeline(repo: RepoRef, body: unknown): Pipeline {
  const p = asRecord(body);
  const webUrl = str(p, 'web_url') ?? buildkiteRepositoryWebUrl(repo);
  return { id: BUILDS_PIPELINE_ID, name: str(p, 'name') ?? repo.slug, webUrl: `${webUrl}/builds`, ...(p.archived_at ? { rawState: 'archived' } : {}) };
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split(/\r?\n/, 1)[0]?.trim();
  return line ? line : undefined;
}

/** Who started it: the creator (a Buildkite user), else the commit author from the webhook. */
function actorOf(build: JsonRecord): string | undefined {
  return str(child(build, 'creator'), 'name') ?? str(child(build, 'author'), 'username') ?? str(child(build, 'author'), 'name');
}

export function mapBuild(body: unknown, pipelineName: string): Run {
  const b = asRecord(body);
  const state = str(b, 'state') ?? 'unknown';
  const blocked = bool(b, 'blocked') ?? false;
  const number = num(b, 'number') ?? 0;
  const branch = str(b, 'branch');
  const source = str(b, 'source') ?? 'unknown';
  return {
    id: String(number),
    pipelineId: BUILDS_PIPELINE_ID,
    pipelineName,
    number,
    attempt: 1,
    title: firstLine(str(b, 'message')) ?? `${source} on ${branch ?? '?'}`,
    branch,
    headSha: str(b, 'commit') ?? '',
    event: source,
    actor: actorOf(b),
    state: mapBuildState(state, blocked),
    rawStatus: blocked ? `${state} (blocked)` : state,
    createdAt: str(b, 'created_at') ?? '',
    startedAt: str(b, 'started_at'),
    updatedAt: str(b, 'finished_at') ?? str(b, 'started_at') ?? str(b, 'created_at'),
    completedAt: str(b, 'finished_at'),
    webUrl: str(b, 'web_url') ?? '',
  };
}

/** Buildkite-only facts about a job, riding along on the core Job. */
export interface BuildkiteJob extends Job {
  /** script | manual | trigger. */
  readonly type: string;
  readonly stepKey?: string;
  /** Block steps: whether the signed-in user may unblock it now. */
  readonly unblockable?: boolean;
}

function jobName(j: JsonRecord, type: string): string {
  const name = str(j, 'name') ?? str(j, 'label') ?? str(j, 'step_key');
  if (name) return name;
  return type === 'manual' ? 'Block' : type === 'trigger' ? 'Trigger' : '(unnamed step)';
}

export function mapJob(body: unknown, runId: string): BuildkiteJob | undefined {
  const j = asRecord(body);
  const type = str(j, 'type') ?? 'script';
  if (type === 'waiter') {
    // A wait step is an ordering barrier, not work: the tree leaves it out.
    return undefined;
  }
  const state = str(j, 'state') ?? 'unknown';
  const softFailed = bool(j, 'soft_failed') ?? false;
  const stepKey = str(j, 'step_key');
  const job: BuildkiteJob = {
    id: str(j, 'id') ?? '',
    runId,
    name: jobName(j, type),
    state: mapJobState(state, softFailed),
    rawStatus: softFailed ? `${state} (soft fail)` : state,
    startedAt: str(j, 'started_at'),
    completedAt: str(j, 'finished_at') ?? str(j, 'unblocked_at'),
    webUrl: str(j, 'web_url'),
    stage: str(j, 'group_key'),
    steps: [],
    type,
    ...(stepKey !== undefined ? { stepKey } : {}),
    ...(softFailed ? { allowFailure: true } : {}),
    ...(type === 'manual' ? { manual: true, unblockable: bool(j, 'unblockable') ?? state === 'blocked' } : {}),
  };
  if (type === 'trigger' && isRecord(j.triggered_build)) {
    const t = j.triggered_build;
    const target = buildOfUrl(str(t, 'url')) ?? buildOfUrl(str(t, 'web_url'));
    const number = num(t, 'number');
    return { ...job, downstream: { runId: number !== undefined ? String(number) : target?.number ?? '', repoSlug: target?.slug, webUrl: str(t, 'web_url') } };
  }
  return job;
}

/** The jobs of a build in its order; retried attempts (superseded by a newer job) left out. */
export function mapJobs(build: unknown, runId: string): BuildkiteJob[] {
  const jobs: BuildkiteJob[] = [];
  for (const raw of asArray(asRecord(build).jobs)) {
    if (isRecord(raw) && raw.retried === true && typeof raw.retried_in_job_id === 'string') {
      continue;
    }
    const job = mapJob(raw, runId);
    if (job !== undefined && job.id !== '') jobs.push(job);
  }
  return jobs;
}
