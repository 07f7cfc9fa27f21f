/** Maps Azure Pipelines REST 7.1 JSON (builds, definitions, timeline records) onto FlowForge's model. Pure. */
import type { Job, Pipeline, RepoRef, Run, Step } from '../../core/model';
import { asArray, asRecord, child, isRecord, num, str, type JsonRecord } from '../http';
import { mapBuildState, mapRecordState } from './states';
import { branchOfRef, buildWebUrl, splitSlug } from './urls';

/** Job ids carry their build: "<buildId>.<timeline record id>" (getJobLog is given the job id alone). */
export function jobIdOf(buildId: string, recordId: string): string {
  return `${buildId}.${recordId}`;
}

export function splitJobId(jobId: string): { readonly buildId: string; readonly recordId: string } {
  const dot = jobId.indexOf('.');
  return dot < 0 ? { buildId: '', recordId: jobId } : { buildId: jobId.slice(0, dot), recordId: jobId.slice(dot + 1) };
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split(/\r?\n/, 1)[0]?.trim();
  return line ? line : undefined;
}

const href = (obj: JsonRecord, name: string): string | undefined => str(child(child(obj, '_links'), name), 'href');

/** A build definition (pipeline) of the repository. */
export function mapDefinition(repo: RepoRef, body: unknown): Pipeline {
  const d = asRecord(body);
  const id = String(num(d, 'id') ?? '');
  const { organization, project } = splitSlug(repo.slug);
  const yaml = str(child(d, 'process'), 'yamlFilename');
  const fallback = `${repo.host}/${encodeURIComponent(organization)}/${encodeURIComponent(project)}/_build?definitionId=${id}`;
  return {
    id,
    name: str(d, 'name') ?? `Pipeline ${id}`,
    ...(yaml !== undefined ? { path: yaml.replace(/^\/+/, '') } : {}),
    webUrl: href(d, 'web') ?? fallback,
    ...(str(d, 'queueStatus') !== undefined && str(d, 'queueStatus') !== 'enabled' ? { rawState: str(d, 'queueStatus') } : {}),
  };
}

export function mapBuild(repo: RepoRef, body: unknown, waiting = false): Run {
  const b = asRecord(body);
  const id = num(b, 'id') ?? 0;
  const status = str(b, 'status');
  const result = str(b, 'result');
  const definition = child(b, 'definition');
  const trigger = child(b, 'triggerInfo');
  const state = mapBuildState(status, result, waiting);
  return {
    id: String(id),
    pipelineId: String(num(definition, 'id') ?? ''),
    pipelineName: str(definition, 'name') ?? '',
    number: id,
    attempt: 1,
    title: firstLine(str(trigger, 'ci.message')) ?? str(b, 'buildNumber') ?? `Build ${id}`,
    branch: branchOfRef(str(b, 'sourceBranch')),
    headSha: str(b, 'sourceVersion') ?? '',
    event: str(b, 'reason') ?? 'unknown',
    actor: str(child(b, 'requestedFor'), 'displayName') ?? str(child(b, 'requestedBy'), 'displayName'),
    state,
    rawStatus: status === 'completed' ? (result ?? 'completed') : state === 'action_required' ? 'waiting for approval' : (status ?? 'unknown'),
    createdAt: str(b, 'queueTime') ?? '',
    startedAt: str(b, 'startTime'),
    updatedAt: str(b, 'lastChangedDate') ?? str(b, 'finishTime') ?? str(b, 'startTime') ?? str(b, 'queueTime'),
    completedAt: status === 'completed' ? str(b, 'finishTime') : undefined,
    webUrl: href(b, 'web') ?? buildWebUrl(repo, String(id)),
  };
}

/** A timeline record, the fields FlowForge reads. */
export interface TimelineRecord {
  readonly id: string;
  readonly parentId?: string;
  readonly type: string;
  readonly name: string;
  /** Stage, phase and job reference names (stage retries address the stage by it). */
  readonly identifier?: string;
  readonly state?: string;
  readonly result?: string;
  readonly order: number;
  readonly startTime?: string;
  readonly finishTime?: string;
  readonly logId?: number;
  readonly issues: readonly TimelineIssue[];
}

export interface TimelineIssue {
  readonly type: string;
  readonly message: string;
  readonly data: Readonly<Record<string, string>>;
}

function issueOf(raw: unknown): TimelineIssue | undefined {
  if (!isRecord(raw)) return undefined;
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(asRecord(raw.data))) {
    if (typeof value === 'string' || typeof value === 'number') data[key] = String(value);
  }
  return { type: str(raw, 'type') ?? 'warning', message: str(raw, 'message') ?? '', data };
}

export function recordOf(raw: unknown): TimelineRecord | undefined {
  if (!isRecord(raw)) return undefined;
  const id = str(raw, 'id');
  if (id === undefined) return undefined;
  const opt = (key: string): string | undefined => str(raw, key);
  const logId = num(child(raw, 'log'), 'id');
  return {
    id,
    type: opt('type') ?? '',
    name: opt('name') ?? '',
    order: num(raw, 'order') ?? 0,
    issues: asArray(raw.issues).map(issueOf).filter((i): i is TimelineIssue => i !== undefined),
    ...(opt('parentId') !== undefined ? { parentId: opt('parentId') } : {}),
    ...(opt('identifier') !== undefined ? { identifier: opt('identifier') } : {}),
    ...(opt('state') !== undefined ? { state: opt('state') } : {}),
    ...(opt('result') !== undefined ? { result: opt('result') } : {}),
    ...(opt('startTime') !== undefined ? { startTime: opt('startTime') } : {}),
    ...(opt('finishTime') !== undefined ? { finishTime: opt('finishTime') } : {}),
    ...(logId !== undefined ? { logId } : {}),
  };
}

const byOrder = (a: TimelineRecord, b: TimelineRecord): number => a.order - b.order;

/** The stage a record belongs to (Job -> Phase -> Stage). */
export function stageOf(records: ReadonlyMap<string, TimelineRecord>, record: TimelineRecord): TimelineRecord | undefined {
  let current: TimelineRecord | undefined = record;
  for (let hops = 0; current !== undefined && hops < 10; hops++) {
    if (current.type === 'Stage') return current;
    current = current.parentId === undefined ? undefined : records.get(current.parentId);
  }
  return undefined;
}

/** Sort key of a record: the orders of its ancestors, outermost first. */
function path(records: ReadonlyMap<string, TimelineRecord>, record: TimelineRecord): number[] {
  const orders: number[] = [];
  let current: TimelineRecord | undefined = record;
  for (let hops = 0; current !== undefined && hops < 10; hops++) {
    orders.unshift(current.order);
    current = current.parentId === undefined ? undefined : records.get(current.parentId);
  }
  return orders;
}

function comparePaths(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export function tasksOf(records: ReadonlyMap<string, TimelineRecord>, jobRecordId: string): TimelineRecord[] {
  return [...records.values()].filter((r) => r.parentId === jobRecordId && r.type === 'Task').sort(byOrder);
}

function mapStep(task: TimelineRecord): Step {
  return { number: task.order, name: task.name, state: mapRecordState(task.state, task.result), rawStatus: task.result ?? task.state ?? 'unknown', startedAt: task.startTime, completedAt: task.finishTime };
}

/** The jobs of a build timeline in stage, phase and job order, with their tasks as steps. */
export function mapJobs(records: ReadonlyMap<string, TimelineRecord>, buildId: string, webUrl: string | undefined): Job[] {
  const jobs = [...records.values()].filter((r) => r.type === 'Job');
  jobs.sort((a, b) => comparePaths(path(records, a), path(records, b)));
  return jobs.map((record) => ({
    id: jobIdOf(buildId, record.id),
    runId: buildId,
    name: record.name,
    state: mapRecordState(record.state, record.result),
    rawStatus: record.result ?? record.state ?? 'unknown',
    startedAt: record.startTime,
    completedAt: record.finishTime,
    ...(webUrl !== undefined ? { webUrl: `${webUrl}&view=logs&j=${record.id}` } : {}),
    stage: stageOf(records, record)?.name,
    steps: tasksOf(records, record.id).map(mapStep),
  }));
}

/** Approvals a build waits for: its Checkpoint.Approval records still in progress (their id is the approval's). */
export function pendingApprovalRecords(records: ReadonlyMap<string, TimelineRecord>): TimelineRecord[] {
  return [...records.values()].filter((r) => r.type === 'Checkpoint.Approval' && r.state === 'inProgress');
}
