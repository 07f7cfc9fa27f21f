/**
 * The Buildkite part of the moving scenario as a pure function of scenario time
 * (test/fixtures/scenario/buildkite.json): builds scheduled -> running -> passed / failed, or
 * stopped at a block step (state "blocked"), with jobs in groups run one after another, wait
 * steps between groups, job logs that grow while a job runs (every line stamped with Buildkite's
 * `ESC _bk;t=<ms> BEL` marker, ANSI colours, `---` / `+++` / `~~~` section headers) and the
 * annotations a build gets once its failing job finished. Times are scenario seconds;
 * buildkite.ts turns them into dates and puts the builds into the fake Buildkite.
 */
import { fakeSha } from './timeline';

export interface BkJobDef {
  /** "script" (default), "waiter" (a wait step) or "manual" (a block step: the build stops there). */
  readonly type?: 'script' | 'waiter' | 'manual';
  readonly name?: string;
  readonly key?: string;
  /** group_key of the group step the job belongs to. */
  readonly group?: string;
  readonly command?: string;
  readonly seconds?: number;
  /** Default "passed". */
  readonly result?: 'passed' | 'failed';
  /** Log lines after the agent's preamble, spread over the job's run time. */
  readonly log?: readonly string[];
}

export interface BkAnnotationDef {
  readonly context: string;
  readonly style: 'success' | 'info' | 'warning' | 'error';
  readonly bodyHtml: string;
}

/** A file a job uploads (buildkite-agent artifact upload): text, or a zip of text files. */
export interface BkArtifactDef {
  /** `key` of the job that uploads it. */
  readonly job: string;
  readonly path: string;
  readonly mimeType: string;
  readonly text?: string;
  readonly zip?: Readonly<Record<string, string>>;
}

export interface BkTemplate {
  readonly scheduledSeconds?: number;
  readonly jobs: readonly BkJobDef[];
  /** Shown once the build finished. */
  readonly annotations?: readonly BkAnnotationDef[];
  /** Uploaded once the build finished. */
  readonly artifacts?: readonly BkArtifactDef[];
}

export interface BkBuildDef {
  readonly pipeline: string;
  readonly number: number;
  readonly branch: string;
  readonly message: string;
  readonly source: string;
  readonly at: number;
  readonly template: string;
}

export interface BuildkiteScenarioDefinition {
  readonly token: string;
  readonly scopes: readonly string[];
  readonly user: { readonly id: string; readonly name: string; readonly email: string };
  readonly organization: { readonly slug: string; readonly name: string };
  readonly pipelines: readonly { readonly slug: string; readonly name: string; readonly repository: string; readonly defaultBranch: string; readonly configuration: string }[];
  readonly demo: { readonly branch: string };
  readonly loopSeconds: number;
  readonly builds: readonly BkBuildDef[];
  readonly templates: Record<string, BkTemplate>;
}

export interface BkLogLine {
  readonly at: number;
  readonly text: string;
}

export interface BkJobState {
  readonly id: string;
  readonly type: 'script' | 'waiter' | 'manual';
  readonly name?: string;
  readonly key?: string;
  readonly group?: string;
  readonly command?: string;
  /** Buildkite job state: scheduled, running, passed, failed, broken, waiting, waiting_failed, blocked. */
  readonly state: string;
  readonly exitStatus: number | null;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly log: readonly BkLogLine[];
}

export interface BkBuildState {
  readonly id: string;
  readonly pipeline: string;
  readonly number: number;
  readonly branch: string;
  readonly commit: string;
  readonly message: string;
  readonly source: string;
  /** Buildkite build state: scheduled, running, passed, failed or blocked. */
  readonly state: string;
  readonly blocked: boolean;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly jobs: readonly BkJobState[];
  readonly annotations: readonly BkAnnotationDef[];
  readonly artifacts: readonly BkArtifactDef[];
}

/** Builds kept from earlier loop cycles. */
const KEPT_CYCLES = 4;

/** A stable UUID-shaped id for a build or job of the scenario. */
export function scenarioUuid(pipeline: string, number: number, job: number): string {
  const hex = fakeSha(`${pipeline}#${number}/${job}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface PlannedJob {
  readonly def: BkJobDef;
  readonly start: number | null;
  readonly end: number | null;
  /** What the job ends as; `broken`: not run because an earlier step failed. */
  readonly result: 'passed' | 'failed' | 'broken' | 'blocked' | 'waiting' | 'waiter';
}

interface Plan {
  readonly runningAt: number;
  readonly end: number;
  readonly result: 'passed' | 'failed' | 'blocked';
  readonly jobs: readonly PlannedJob[];
}

function plan(template: BkTemplate, created: number): Plan {
  const runningAt = created + (template.scheduledSeconds ?? 0);
  let cursor = runningAt;
  let failed = false;
  let blocked = false;
  const jobs: PlannedJob[] = template.jobs.map((def) => {
    const type = def.type ?? 'script';
    if (type === 'waiter') return { def, start: null, end: cursor, result: 'waiter' };
    if (blocked) return { def, start: null, end: null, result: 'waiting' };
    if (failed) return { def, start: null, end: cursor, result: 'broken' };
    if (type === 'manual') {
      blocked = true;
      return { def, start: null, end: cursor, result: 'blocked' };
    }
    const start = cursor;
    cursor += def.seconds ?? 1;
    const result = def.result ?? 'passed';
    if (result === 'failed') failed = true;
    return { def, start, end: cursor, result };
  });
  return { runningAt, end: cursor, result: failed ? 'failed' : blocked ? 'blocked' : 'passed', jobs };
}

/** What the agent prints for every job, then the job's own lines and its exit. */
function logAt(job: PlannedJob, time: number): BkLogLine[] {
  if (job.start === null || job.end === null || time < job.start) return [];
  const start = job.start;
  const span = job.end - start;
  const own = job.def.log ?? [`$ ${job.def.command ?? 'true'}`];
  const lines: BkLogLine[] = [
    { at: start, text: '~~~ Running agent environment hook' },
    { at: start, text: '$ /etc/buildkite-agent/hooks/environment' },
    { at: start + span * 0.05, text: '~~~ Preparing working directory' },
    { at: start + span * 0.05, text: '$ cd /var/lib/buildkite-agent/builds/flowforge-demo-agent-1/flowforge-demo/webshop' },
    { at: start + span * 0.1, text: '$ git fetch -v --prune -- origin' },
    ...own.map((text, i) => ({ at: start + span * (0.1 + (0.85 * (i + 1)) / (own.length + 1)), text })),
    job.result === 'failed'
      ? { at: job.end, text: '\u001b[31m🚨 Error: The command exited with status 1\u001b[0m' }
      : { at: job.end, text: '\u001b[32m✔ The command exited with status 0\u001b[0m' },
  ];
  return lines.filter((line) => line.at <= time);
}

function jobAt(job: PlannedJob, index: number, base: { pipeline: string; number: number }, plan_: Plan, time: number): BkJobState {
  const type = job.def.type ?? 'script';
  const common = {
    id: scenarioUuid(base.pipeline, base.number, index + 1),
    type,
    ...(job.def.name !== undefined ? { name: job.def.name } : {}),
    ...(job.def.key !== undefined ? { key: job.def.key } : {}),
    ...(job.def.group !== undefined ? { group: job.def.group } : {}),
    ...(job.def.command !== undefined ? { command: job.def.command } : {}),
  };
  const reached = job.end !== null && time >= job.end;
  switch (job.result) {
    case 'waiter':
      return { ...common, state: reached ? (plan_.jobs.slice(0, index).some((j) => j.result === 'failed') ? 'waiting_failed' : 'passed') : 'waiting', exitStatus: null, startedAt: null, finishedAt: null, log: [] };
    case 'waiting':
      return { ...common, state: 'waiting', exitStatus: null, startedAt: null, finishedAt: null, log: [] };
    case 'broken':
      return { ...common, state: reached ? 'broken' : 'waiting', exitStatus: null, startedAt: null, finishedAt: reached ? job.end : null, log: [] };
    case 'blocked':
      return { ...common, state: reached ? 'blocked' : 'waiting', exitStatus: null, startedAt: null, finishedAt: null, log: [] };
    default: {
      const state = job.start === null || time < job.start ? 'scheduled' : !reached ? 'running' : job.result;
      return { ...common, state, exitStatus: reached ? (job.result === 'failed' ? 1 : 0) : null, startedAt: job.start !== null && time >= job.start ? job.start : null, finishedAt: reached ? job.end : null, log: logAt(job, time) };
    }
  }
}

function buildAt(def: BuildkiteScenarioDefinition, build: BkBuildDef, number: number, created: number, time: number): BkBuildState {
  const template = def.templates[build.template];
  if (!template) throw new Error(`buildkite scenario: unknown template '${build.template}'`);
  const p = plan(template, created);
  const finished = time >= p.end && time >= p.runningAt;
  const base = { pipeline: build.pipeline, number };
  return {
    id: scenarioUuid(build.pipeline, number, 0),
    pipeline: build.pipeline,
    number,
    branch: build.branch,
    commit: fakeSha(`buildkite:${build.pipeline}#${number}`),
    message: build.message,
    source: build.source,
    state: finished ? p.result : time >= p.runningAt ? 'running' : 'scheduled',
    blocked: finished && p.result === 'blocked',
    createdAt: created,
    startedAt: time >= p.runningAt ? p.runningAt : null,
    finishedAt: finished ? p.end : null,
    jobs: p.jobs.map((job, index) => jobAt(job, index, base, p, time)),
    annotations: finished ? (template.annotations ?? []) : [],
    artifacts: finished ? (template.artifacts ?? []) : [],
  };
}

/**
 * Every build that exists at `time`, newest first. A live build of loop cycle c is numbered
 * number + c * (live builds of its pipeline) + `shift(pipeline, created)` (builds the fake made
 * itself, rebuilds, take numbers too).
 */
export function buildkiteSnapshotAt(def: BuildkiteScenarioDefinition, time: number, { loop = false, shift = () => 0 }: { loop?: boolean; shift?: (pipeline: string, created: number) => number } = {}): BkBuildState[] {
  const out: BkBuildState[] = [];
  const live = def.builds.filter((b) => b.at >= 0);
  const lastCycle = loop && def.loopSeconds > 0 ? Math.max(0, Math.floor(time / def.loopSeconds)) : 0;
  const firstCycle = Math.max(0, lastCycle - KEPT_CYCLES + 1);
  for (const b of def.builds.filter((x) => x.at < 0)) if (b.at <= time) out.push(buildAt(def, b, b.number, b.at, time));
  for (let cycle = firstCycle; cycle <= lastCycle; cycle++) {
    for (const b of live) {
      const created = b.at + cycle * def.loopSeconds;
      if (created > time) continue;
      const perCycle = live.filter((x) => x.pipeline === b.pipeline).length;
      out.push(buildAt(def, b, b.number + cycle * perCycle + shift(b.pipeline, created), created, time));
    }
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || b.number - a.number);
}

/** Seconds after which every live build of the first cycle has finished. */
export function buildkiteScenarioLength(def: BuildkiteScenarioDefinition): number {
  return Math.max(0, ...def.builds.filter((b) => b.at >= 0).map((b) => plan(def.templates[b.template] ?? { jobs: [] }, b.at).end));
}

/** Buildkite's log format: every line starts with ESC _bk;t=<epoch ms> BEL. */
export function renderBuildkiteLog(lines: readonly BkLogLine[], wallMs: (t: number) => number): string {
  return lines.map((line) => `\u001b_bk;t=${Math.round(wallMs(line.at))}\u0007${line.text}\n`).join('');
}
