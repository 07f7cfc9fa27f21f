/**
 * The GitLab part of the moving scenario as a pure function of scenario time
 * (test/fixtures/scenario/gitlab.json): pipelines created -> pending -> running ->
 * success / failed, stage by stage, with manual, allowed-to-fail and trigger jobs
 * (the trigger's child pipeline runs in the same project), growing job traces
 * with ANSI colours and GitLab's section markers, and a test report once a
 * pipeline finished. Times are scenario seconds; gitlab.ts turns them into dates.
 */
import { fakeSha } from './timeline';

export interface GitLabJobDef {
  readonly name: string;
  readonly stage: string;
  readonly seconds?: number;
  /** Default "success". */
  readonly result?: 'success' | 'failed';
  readonly allowFailure?: boolean;
  readonly manual?: boolean;
  /** A bridge job: the template of its child pipeline. */
  readonly trigger?: string;
  /** Deploys to this environment. */
  readonly environment?: string;
  /** The environment is protected with deployment approvals: the job waits (manual, blocking) and its deployment is blocked. */
  readonly approval?: boolean;
  readonly script?: readonly string[];
  /** Code Climate issues: once finished the job has a codequality report artifact (gl-code-quality-report.json). */
  readonly codeQuality?: readonly Record<string, unknown>[];
}

export interface GitLabTemplate {
  readonly queuedSeconds?: number;
  readonly testReport?: string;
  readonly jobs: readonly GitLabJobDef[];
}

export interface GitLabPipelineDef {
  readonly id: number;
  readonly iid: number;
  /** The pipeline's name (workflow:name); most pipelines have none and show their commit title. */
  readonly name?: string;
  /** Title of the pipeline's commit (default: the name). */
  readonly commit?: string;
  readonly ref: string;
  readonly user: string;
  readonly at: number;
  readonly template: string;
}

export interface GitLabTestCaseDef {
  readonly suite: string;
  readonly name: string;
  readonly classname: string;
  readonly status: 'success' | 'failed' | 'skipped' | 'error';
  readonly file?: string;
  readonly output?: string;
  readonly stack?: string;
}

export interface GitLabScenarioDefinition {
  readonly token: string;
  readonly user: { readonly id: number; readonly username: string; readonly name: string };
  readonly project: { readonly id: number; readonly path: string; readonly defaultBranch: string; readonly branches: readonly string[] };
  readonly demo: { readonly branch: string };
  readonly loopSeconds: number;
  readonly stages: readonly string[];
  /** `spec:inputs` of .gitlab-ci.yml's header document (GitLab's shape: description, type, options, default). */
  readonly inputs?: Record<string, Record<string, unknown>>;
  /** Top-level `variables` of .gitlab-ci.yml (a `description` makes GitLab offer them in the Run pipeline form). */
  readonly variables?: Record<string, Record<string, unknown>>;
  readonly pipelines: readonly GitLabPipelineDef[];
  readonly templates: Record<string, GitLabTemplate>;
  readonly testReports: Record<string, readonly GitLabTestCaseDef[]>;
}

export type GlStatus = 'created' | 'pending' | 'running' | 'success' | 'failed' | 'skipped' | 'manual';

export interface GlJobState {
  readonly id: number;
  readonly name: string;
  readonly stage: string;
  readonly status: GlStatus;
  readonly allowFailure: boolean;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly bridge: boolean;
  readonly downstreamId?: number;
  /** Set on a job whose deployment waits for approval (GitLabJobDef.approval). */
  readonly approvalEnvironment?: string;
  /** Trace events shown so far; `at` is the event's scenario time. */
  readonly trace: readonly TraceEvent[];
  /** The codequality report once the job finished (GitLabJobDef.codeQuality). */
  readonly codeQuality?: readonly Record<string, unknown>[];
}

export type TraceEvent = { readonly at: number; readonly text: string } | { readonly at: number; readonly section: 'start' | 'end'; readonly name: string; readonly header?: string };

export interface GlPipelineState {
  readonly id: number;
  readonly iid: number;
  readonly name?: string;
  readonly commit: string;
  readonly ref: string;
  readonly sha: string;
  readonly source: string;
  readonly user: string;
  readonly status: GlStatus;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly updatedAt: number;
  readonly jobs: readonly GlJobState[];
  readonly testReport?: string;
}

/** Pipeline ids of cycle k are id + k * CYCLE_IDS; a child pipeline is its parent's id + CHILD_IDS. */
const CYCLE_IDS = 100_000;
const CHILD_IDS = 50_000;
const KEPT_CYCLES = 4;

interface Planned {
  readonly def: GitLabJobDef;
  readonly id: number;
  readonly first: boolean;
  readonly start: number | null;
  readonly end: number | null;
  readonly result: 'success' | 'failed' | 'skipped' | 'manual';
  readonly child?: Plan;
}

interface Plan {
  readonly created: number;
  readonly queuedUntil: number;
  readonly end: number;
  /** 'manual': blocked on a job waiting for a deployment approval. */
  readonly result: 'success' | 'failed' | 'manual';
  readonly jobs: readonly Planned[];
}

/** The whole life of a pipeline, independent of the current time. */
function plan(def: GitLabScenarioDefinition, templateName: string, created: number, pipelineId: number): Plan {
  const tpl = def.templates[templateName];
  if (!tpl) throw new Error(`gitlab scenario: unknown template '${templateName}'`);
  const queuedUntil = created + (tpl.queuedSeconds ?? 0);
  const jobs: Planned[] = [];
  let stageStart = queuedUntil;
  let skippedAt: number | null = null;
  let failed = false;
  const stages = def.stages.filter((s) => tpl.jobs.some((j) => j.stage === s));
  stages.forEach((stage, stageIndex) => {
    let stageEnd = stageStart;
    for (const job of tpl.jobs.filter((j) => j.stage === stage)) {
      const id = pipelineId * 100 + tpl.jobs.indexOf(job) + 1;
      const first = stageIndex === 0;
      if (skippedAt !== null) {
        jobs.push({ def: job, id, first, start: null, end: skippedAt, result: 'skipped' });
      } else if (job.manual || job.approval) {
        jobs.push({ def: job, id, first, start: null, end: null, result: 'manual' });
      } else if (job.trigger) {
        const child = plan(def, job.trigger, stageStart, pipelineId + CHILD_IDS);
        jobs.push({ def: job, id, first, start: stageStart, end: child.end, result: child.result, child });
        stageEnd = Math.max(stageEnd, child.end);
        if (child.result === 'failed' && !job.allowFailure) failed = true;
      } else {
        const end = stageStart + (job.seconds ?? 1);
        const result = job.result ?? 'success';
        jobs.push({ def: job, id, first, start: stageStart, end, result });
        stageEnd = Math.max(stageEnd, end);
        if (result === 'failed' && !job.allowFailure) failed = true;
      }
    }
    if (failed && skippedAt === null) skippedAt = stageEnd;
    stageStart = stageEnd;
  });
  const blocked = jobs.some((j) => j.def.approval && j.result === 'manual');
  return { created, queuedUntil, end: stageStart, result: failed ? 'failed' : blocked ? 'manual' : 'success', jobs };
}

function jobAt(p: Planned, created: number, queuedUntil: number, time: number): { status: GlStatus; startedAt: number | null; finishedAt: number | null } {
  if (p.result === 'manual') return { status: 'manual', startedAt: null, finishedAt: null };
  if (p.result === 'skipped') return time >= (p.end ?? 0) ? { status: 'skipped', startedAt: null, finishedAt: p.end } : { status: 'created', startedAt: null, finishedAt: null };
  if (p.start === null || time < p.start) return { status: p.first && time >= created && time < queuedUntil ? 'pending' : 'created', startedAt: null, finishedAt: null };
  if (p.child) {
    const child = p.child;
    if (time < child.queuedUntil) return { status: 'pending', startedAt: p.start, finishedAt: null };
  }
  if (p.end === null || time < p.end) return { status: 'running', startedAt: p.start, finishedAt: null };
  return { status: p.result, startedAt: p.start, finishedAt: p.end };
}

/** Trace events of a script job so far: runner preamble, sections, script lines, the verdict. */
function traceAt(p: Planned, time: number): TraceEvent[] {
  if (p.start === null || p.end === null || time < p.start || p.child) return [];
  const start = p.start;
  const span = p.end - start;
  const script = p.def.script ?? [`$ ./ci/${p.def.name}.sh`];
  const planned: TraceEvent[] = [
    { at: start, text: '\u001b[0KRunning with gitlab-runner 17.5.0 (fake) on flowforge-demo-runner' },
    { at: start, section: 'start', name: 'prepare_executor', header: '\u001b[36;1mPreparing the "docker" executor\u001b[0;m' },
    { at: start, text: 'Using docker image node:20 ...' },
    { at: start + span * 0.05, section: 'end', name: 'prepare_executor' },
    { at: start + span * 0.05, section: 'start', name: 'get_sources', header: '\u001b[36;1mGetting source from Git repository\u001b[0;m' },
    { at: start + span * 0.1, text: '\u001b[32;1mFetching changes with git depth set to 20...\u001b[0;m' },
    { at: start + span * 0.1, section: 'end', name: 'get_sources' },
    { at: start + span * 0.1, section: 'start', name: 'step_script', header: '\u001b[36;1mExecuting "step_script" stage of the job script\u001b[0;m' },
    ...script.map((text, i) => ({ at: start + span * (0.1 + (0.85 * (i + 1)) / (script.length + 1)), text })),
    { at: p.end, section: 'end', name: 'step_script' },
    { at: p.end, text: p.result === 'failed' ? '\u001b[31;1mERROR: Job failed: exit code 1\u001b[0;m' : '\u001b[32;1mJob succeeded\u001b[0;m' },
  ];
  return planned.filter((e) => e.at <= time);
}

function pipelineAt(def: GitLabScenarioDefinition, plan_: Plan, base: Omit<GlPipelineState, 'status' | 'startedAt' | 'finishedAt' | 'updatedAt' | 'jobs' | 'testReport'>, reportKey: string | undefined, time: number, out: GlPipelineState[]): GlPipelineState {
  const jobs: GlJobState[] = [];
  for (const p of plan_.jobs) {
    const at = jobAt(p, plan_.created, plan_.queuedUntil, time);
    let downstreamId: number | undefined;
    if (p.child && p.start !== null && time >= p.start) {
      downstreamId = base.id + CHILD_IDS;
      const childTpl = p.def.trigger ?? '';
      pipelineAt(def, p.child, { ...base, id: downstreamId, iid: base.iid + 1000, name: `${p.def.name} (child pipeline)`, source: 'parent_pipeline' }, def.templates[childTpl]?.testReport, time, out);
    }
    jobs.push({
      id: p.id, name: p.def.name, stage: p.def.stage, allowFailure: p.def.allowFailure ?? p.def.manual ?? false, createdAt: plan_.created,
      bridge: p.child !== undefined, ...(downstreamId !== undefined ? { downstreamId } : {}), trace: traceAt(p, time), ...at,
      ...(p.def.approval && p.result === 'manual' ? { approvalEnvironment: p.def.environment ?? p.def.name } : {}),
      ...(p.def.codeQuality && at.finishedAt !== null ? { codeQuality: p.def.codeQuality } : {}),
    });
  }
  const finished = time >= plan_.end;
  const status: GlStatus = finished ? plan_.result : time >= plan_.queuedUntil ? 'running' : time >= plan_.created + 2 ? 'pending' : 'created';
  const times = [plan_.created, ...jobs.flatMap((j) => [j.startedAt ?? plan_.created, j.finishedAt ?? plan_.created])];
  const state: GlPipelineState = {
    ...base, status, jobs,
    startedAt: time >= plan_.queuedUntil ? plan_.queuedUntil : null,
    finishedAt: finished && plan_.result !== 'manual' ? plan_.end : null,
    updatedAt: Math.min(time, Math.max(...times)),
    ...(finished && reportKey ? { testReport: reportKey } : {}),
  };
  out.push(state);
  return state;
}

/** Every pipeline (children included) that exists at `time`, newest first. */
export function gitlabSnapshotAt(def: GitLabScenarioDefinition, time: number, { loop = false } = {}): GlPipelineState[] {
  const out: GlPipelineState[] = [];
  const live = def.pipelines.filter((p) => p.at >= 0);
  const lastCycle = loop && def.loopSeconds > 0 ? Math.max(0, Math.floor(time / def.loopSeconds)) : 0;
  const firstCycle = Math.max(0, lastCycle - KEPT_CYCLES + 1);
  const emit = (p: GitLabPipelineDef, cycle: number): void => {
    const created = p.at + cycle * def.loopSeconds;
    if (created > time) return;
    const id = p.id + cycle * CYCLE_IDS;
    const base = { id, iid: p.iid + cycle * live.length, name: p.name, commit: p.commit ?? p.name ?? `Commit ${id}`, ref: p.ref, sha: fakeSha(`${def.project.path}#${id}`), source: 'push', user: p.user, createdAt: created };
    pipelineAt(def, plan(def, p.template, created, id), base, def.templates[p.template]?.testReport, time, out);
  };
  for (const p of def.pipelines.filter((x) => x.at < 0)) emit(p, 0);
  for (let cycle = firstCycle; cycle <= lastCycle; cycle++) for (const p of live) emit(p, cycle);
  return out.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
}

/** Seconds after which every live pipeline of the first cycle has finished. */
export function gitlabScenarioLength(def: GitLabScenarioDefinition): number {
  return Math.max(0, ...def.pipelines.filter((p) => p.at >= 0).map((p) => plan(def, p.template, p.at, p.id).end));
}

