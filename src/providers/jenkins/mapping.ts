/** Maps Jenkins remote access API JSON (api/json, Pipeline REST API wfapi) onto FlowForge's model. Pure. */
import type { Job, Pipeline, RepoRef, Repository, Run } from '../../core/model';
import { asArray, asRecord, bool, child, isRecord, num, requireRecord, str, type JsonRecord } from '../http';
import { mapResult, mapStageStatus, PAUSED_PENDING_INPUT, rawResult } from './states';
import { branchOfJobName, jenkinsRepositoryWebUrl } from './urls';

/** The fields of a build every read asks for (`tree=builds[BUILD_TREE]{0,N}`). */
export const BUILD_TREE =
  'number,url,result,building,timestamp,duration,estimatedDuration,displayName,fullDisplayName,' +
  'actions[causes[shortDescription,userId,userName],lastBuiltRevision[SHA1,branch[name]],waitingForInput],' +
  'changeSets[items[commitId,msg,author[fullName]]],changeSet[items[commitId,msg,author[fullName]]]';

/** Children of a folder, organization folder or multibranch project (their branches). */
export function childJobs(job: JsonRecord): JsonRecord[] {
  return asArray(job.jobs).filter(isRecord);
}

/** A job with child jobs (folder, multibranch): its children are its pipelines. */
export function isContainer(job: JsonRecord): boolean {
  return Array.isArray(job.jobs);
}

/** Whether a container is a multibranch project (its children are branches). */
export function isMultibranch(job: JsonRecord): boolean {
  return /MultiBranchProject|multibranch/i.test(str(job, '_class') ?? '');
}

/** A job answer always has its name and URL (an HTML page or an error object has neither). */
export function requireJob(body: unknown, what: string): JsonRecord {
  return requireRecord(body, what, ['name', 'url']);
}

export function mapRepository(repo: RepoRef, job: JsonRecord): Repository {
  const children = childJobs(job).map((c) => str(c, 'name') ?? '');
  // A multibranch project builds "main" or "master" when it has such a branch.
  const defaultBranch = isMultibranch(job) ? ['main', 'master'].find((b) => children.includes(b)) : undefined;
  return { ref: repo, webUrl: str(job, 'url') ?? jenkinsRepositoryWebUrl(repo), ...(defaultBranch !== undefined ? { defaultBranch } : {}) };
}

export function mapPipelines(repo: RepoRef, job: JsonRecord): Pipeline[] {
  if (!isContainer(job)) {
    return [{ id: str(job, 'name') ?? repo.slug, name: str(job, 'displayName') ?? str(job, 'name') ?? repo.slug, webUrl: str(job, 'url') ?? jenkinsRepositoryWebUrl(repo), ...(job.buildable === false ? { rawState: 'disabled' } : {}) }];
  }
  return childJobs(job).map((c) => {
    const name = str(c, 'name') ?? '';
    const color = str(c, 'color');
    return { id: name, name: isMultibranch(job) ? branchOfJobName(name) : (str(c, 'displayName') ?? name), webUrl: str(c, 'url') ?? '', ...(color === 'disabled' ? { rawState: 'disabled' } : {}) };
  });
}

function actionsOf(build: JsonRecord): JsonRecord[] {
  return asArray(build.actions).filter(isRecord);
}

function causeOf(build: JsonRecord): { readonly event: string; readonly actor?: string } {
  for (const action of actionsOf(build)) {
    for (const cause of asArray(action.causes).filter(isRecord)) {
      const user = str(cause, 'userName') ?? str(cause, 'userId');
      const text = str(cause, 'shortDescription') ?? '';
      if (user !== undefined) return { event: 'manual', actor: user };
      if (/timer/i.test(text)) return { event: 'schedule' };
      if (/push|SCM change|Branch indexing/i.test(text)) return { event: 'push' };
      if (/upstream/i.test(text)) return { event: 'upstream' };
      return { event: text !== '' ? text : 'unknown' };
    }
  }
  return { event: 'unknown' };
}

function revisionOf(build: JsonRecord): { readonly sha?: string; readonly branch?: string } {
  for (const action of actionsOf(build)) {
    const revision = child(action, 'lastBuiltRevision');
    const sha = str(revision, 'SHA1');
    if (sha !== undefined) {
      const ref = str(asRecord(asArray(revision.branch)[0]), 'name');
      return { sha, ...(ref !== undefined ? { branch: ref.replace(/^(?:refs\/)?(?:remotes\/)?origin\//, '').replace(/^refs\/heads\//, '') } : {}) };
    }
  }
  return {};
}

/** A build paused on an `input` step: its InputAction (pipeline-input-step, exported) says waitingForInput. */
function waitsForInput(build: JsonRecord): boolean {
  return actionsOf(build).some((action) => bool(action, 'waitingForInput') === true);
}

function commitsOf(build: JsonRecord): JsonRecord[] {
  const sets = [...asArray(build.changeSets), build.changeSet].filter(isRecord);
  return sets.flatMap((set) => asArray(set.items).filter(isRecord));
}

function iso(ms: number | undefined): string | undefined {
  return ms !== undefined && ms > 0 ? new Date(ms).toISOString() : undefined;
}

export interface BuildContext {
  /** The job the build belongs to, within the repository ("" for the repository's own job). */
  readonly jobName: string;
  readonly pipelineId: string;
  readonly pipelineName: string;
  /** The branch of a multibranch child job. */
  readonly branch?: string;
}

/** Run ids: the build number for the repository's own job, "child#number" for a child job's build. */
export function runIdOf(jobName: string, number: number | string): string {
  return jobName === '' ? String(number) : `${jobName}#${number}`;
}

export function splitRunId(runId: string): { readonly jobName: string; readonly number: string } {
  const hash = runId.lastIndexOf('#');
  return hash < 0 ? { jobName: '', number: runId } : { jobName: runId.slice(0, hash), number: runId.slice(hash + 1) };
}

export function mapBuild(body: unknown, context: BuildContext): Run {
  const b = asRecord(body);
  const number = num(b, 'number') ?? 0;
  const building = bool(b, 'building') ?? false;
  const result = str(b, 'result');
  const started = num(b, 'timestamp');
  const duration = num(b, 'duration') ?? 0;
  const cause = causeOf(b);
  const revision = revisionOf(b);
  const commit = commitsOf(b).at(-1);
  const branch = context.branch ?? revision.branch;
  const startedAt = iso(started);
  const completedAt = !building && started !== undefined && duration > 0 ? iso(started + duration) : undefined;
  return {
    id: runIdOf(context.jobName, number),
    pipelineId: context.pipelineId,
    pipelineName: context.pipelineName,
    number,
    attempt: 1,
    title: (str(commit ?? {}, 'msg') ?? str(b, 'displayName') ?? `#${number}`).split(/\r?\n/, 1)[0] ?? `#${number}`,
    ...(branch !== undefined ? { branch } : {}),
    headSha: revision.sha ?? str(commit ?? {}, 'commitId') ?? '',
    event: cause.event,
    ...(cause.actor !== undefined ? { actor: cause.actor } : {}),
    // Waiting for a person to proceed or abort: action required, offered by Unblock….
    ...(building && waitsForInput(b) ? { state: 'action_required' as const, rawStatus: PAUSED_PENDING_INPUT } : { state: mapResult(result, building), rawStatus: rawResult(result, building) }),
    createdAt: startedAt ?? new Date(0).toISOString(),
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(completedAt !== undefined ? { completedAt, updatedAt: completedAt } : {}),
    webUrl: str(b, 'url') ?? '',
  };
}

/** Job ids: "runId@stageId"; a build without Pipeline stages has one job, "runId@console". */
export const CONSOLE_JOB = 'console';

export function jobIdOf(runId: string, stage: string): string {
  return `${runId}@${stage}`;
}

export function runOfJobId(jobId: string): string {
  const at = jobId.lastIndexOf('@');
  return at < 0 ? jobId : jobId.slice(0, at);
}

/** The stages of /wfapi/describe as jobs (their logs are the build's console). */
export function mapStages(body: unknown, runId: string, webUrl: string | undefined): Job[] {
  const describe = requireRecord(body, `stages of build ${runId}`, ['stages']);
  return asArray(describe.stages).filter(isRecord).map((stage) => {
    const started = num(stage, 'startTimeMillis');
    const duration = num(stage, 'durationMillis') ?? 0;
    const status = str(stage, 'status') ?? 'UNKNOWN';
    const state = mapStageStatus(status);
    const startedAt = iso(started);
    const completedAt = state !== 'running' && state !== 'queued' && started !== undefined && started > 0 ? iso(started + duration) : undefined;
    return {
      id: jobIdOf(runId, str(stage, 'id') ?? String(num(stage, 'id') ?? '')),
      runId,
      name: str(stage, 'name') ?? 'stage',
      state,
      rawStatus: status,
      ...(startedAt !== undefined ? { startedAt } : {}),
      ...(completedAt !== undefined ? { completedAt } : {}),
      ...(webUrl !== undefined ? { webUrl } : {}),
      // A stage paused on an `input` step waits for a person: FlowForge offers to unblock it.
      ...(status === PAUSED_PENDING_INPUT ? { manual: true } : {}),
      steps: [],
    };
  });
}

/** A build without Pipeline stages (freestyle, or no Pipeline Stage View plugin): its console. */
export function consoleJob(run: Run): Job {
  return {
    id: jobIdOf(run.id, CONSOLE_JOB),
    runId: run.id,
    name: 'Console',
    state: run.state,
    rawStatus: run.rawStatus,
    ...(run.startedAt !== undefined ? { startedAt: run.startedAt } : {}),
    ...(run.completedAt !== undefined ? { completedAt: run.completedAt } : {}),
    webUrl: `${run.webUrl}console`,
    steps: [],
  };
}
