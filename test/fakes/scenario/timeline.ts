/**
 * The moving scenario as a pure function of scenario time: given the definition
 * (test/fixtures/scenario/demo.json) and a time in seconds since the scenario
 * started, what runs, jobs, steps, logs and annotations exist and in which
 * state. No HTTP and no clock here: ScenarioClock says what time it is, the
 * driver copies the snapshot into the fake GitHub server's state.
 */

export interface ScenarioStep {
  readonly name: string;
  readonly seconds: number;
  readonly conclusion?: 'success' | 'failure' | 'skipped';
  readonly log?: readonly string[];
  readonly annotations?: readonly ScenarioAnnotation[];
}

export interface ScenarioAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly start_column?: number;
  readonly end_column?: number;
  readonly annotation_level: 'notice' | 'warning' | 'failure';
  readonly title?: string;
  readonly message: string;
}

export interface ScenarioJobTemplate {
  readonly name: string;
  /** Seconds after the run leaves the queue. */
  readonly startAfter?: number;
  readonly steps: readonly ScenarioStep[];
}

export interface ScenarioRunTemplate {
  readonly queuedSeconds?: number;
  readonly jobs: readonly ScenarioJobTemplate[];
}

export interface ScenarioRunDef {
  readonly id: number;
  readonly workflow: number;
  readonly number: number;
  readonly title: string;
  readonly branch: string;
  readonly event: string;
  readonly actor: string;
  /** Seconds from the scenario start when the run is created (negative: history). */
  readonly at: number;
  readonly template: string;
  /** Environments whose deployment waits for a review: the run stays 'waiting', jobs queued. */
  readonly waitingFor?: readonly string[];
}

export interface ScenarioWorkflowDef {
  readonly id: number;
  readonly name: string;
  readonly path: string;
  readonly dispatchInputs?: Record<string, unknown>;
}

export interface ScenarioRepoDef {
  readonly owner: string;
  readonly name: string;
  readonly defaultBranch: string;
  readonly branches: readonly string[];
  readonly workflows: readonly ScenarioWorkflowDef[];
  readonly runs: readonly ScenarioRunDef[];
  /** Deployment environments (ids are the API's environment ids). */
  readonly environments?: readonly { readonly id: number; readonly name: string }[];
}

export interface ScenarioDefinition {
  readonly login: string;
  readonly tokens: readonly string[];
  /** `files`: workspace files (path -> content) the demo's annotations point at. */
  readonly demo: { readonly repository: string; readonly branch: string; readonly files?: Readonly<Record<string, string>> };
  /** Period of the live (at >= 0) runs when looping. */
  readonly loopSeconds: number;
  readonly repositories: readonly ScenarioRepoDef[];
  readonly templates: Record<string, ScenarioRunTemplate>;
}

export type Status = 'queued' | 'in_progress' | 'completed' | 'waiting';
export type Conclusion = 'success' | 'failure' | 'skipped' | null;

export interface StepState {
  readonly name: string;
  readonly number: number;
  readonly status: Status;
  readonly conclusion: Conclusion;
  readonly startedAt: number | null;
  readonly completedAt: number | null;
}

export interface JobState {
  readonly id: number;
  readonly runId: number;
  readonly name: string;
  readonly status: Status;
  readonly conclusion: Conclusion;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly completedAt: number | null;
  readonly steps: readonly StepState[];
  /** The log as it is so far (GitHub's format: timestamp, space, text). Times are scenario seconds, see `stamp`. */
  readonly logLines: readonly { readonly at: number; readonly text: string }[];
  /** Check-run annotations, present once the job completed. */
  readonly annotations: readonly ScenarioAnnotation[];
}

export interface RunState {
  readonly id: number;
  readonly workflowId: number;
  readonly number: number;
  readonly attempt: number;
  readonly title: string;
  readonly branch: string;
  readonly event: string;
  readonly actor: string;
  readonly sha: string;
  readonly status: Status;
  readonly conclusion: Conclusion;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly updatedAt: number;
  readonly jobs: readonly JobState[];
  /** Environments waiting for a review (status 'waiting'). */
  readonly waitingFor: readonly string[];
}

export interface RepoState {
  readonly owner: string;
  readonly name: string;
  readonly fullName: string;
  readonly defaultBranch: string;
  readonly branches: readonly string[];
  readonly workflows: readonly ScenarioWorkflowDef[];
  /** Newest first, as GitHub lists them. */
  readonly runs: readonly RunState[];
}

export interface ScenarioSnapshot {
  readonly time: number;
  readonly repositories: readonly RepoState[];
}

/** How many past loop cycles stay visible. */
const KEPT_CYCLES = 4;
/** Run ids of cycle k are id + k * ID_STRIDE; job ids are run id * 100 + index. */
const ID_STRIDE = 1_000_000;

export function snapshotAt(def: ScenarioDefinition, time: number, { loop = false } = {}): ScenarioSnapshot {
  const repositories = def.repositories.map((repo): RepoState => {
    const runs: RunState[] = [];
    const live = repo.runs.filter((r) => r.at >= 0);
    const history = repo.runs.filter((r) => r.at < 0);
    for (const r of history) if (r.at <= time) runs.push(runAt(def, repo, r, 0, time));
    const lastCycle = loop && def.loopSeconds > 0 ? Math.max(0, Math.floor(time / def.loopSeconds)) : 0;
    const firstCycle = Math.max(0, lastCycle - KEPT_CYCLES + 1);
    for (let cycle = firstCycle; cycle <= lastCycle; cycle++) {
      for (const r of live) {
        if (r.at + cycle * def.loopSeconds <= time) runs.push(runAt(def, repo, r, cycle, time));
      }
    }
    runs.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    return {
      owner: repo.owner,
      name: repo.name,
      fullName: `${repo.owner}/${repo.name}`,
      defaultBranch: repo.defaultBranch,
      branches: repo.branches,
      workflows: repo.workflows,
      runs,
    };
  });
  return { time, repositories };
}

/** Seconds after which every live run of the first cycle has completed. */
export function scenarioLength(def: ScenarioDefinition): number {
  let end = 0;
  for (const repo of def.repositories) {
    for (const r of repo.runs) {
      if (r.at < 0) continue;
      const t = template(def, r);
      const queued = t.queuedSeconds ?? 0;
      for (const job of t.jobs) {
        end = Math.max(end, r.at + queued + (job.startAfter ?? 0) + job.steps.reduce((s, step) => s + step.seconds, 0));
      }
    }
  }
  return end;
}

function template(def: ScenarioDefinition, r: ScenarioRunDef): ScenarioRunTemplate {
  const t = def.templates[r.template];
  if (!t) throw new Error(`scenario: run ${r.id} uses unknown template '${r.template}'`);
  return t;
}

function runAt(def: ScenarioDefinition, repo: ScenarioRepoDef, r: ScenarioRunDef, cycle: number, time: number): RunState {
  const t = template(def, r);
  const id = r.id + cycle * ID_STRIDE;
  const liveCount = repo.runs.filter((x) => x.at >= 0 && x.workflow === r.workflow).length;
  const number = r.number + cycle * liveCount;
  const createdAt = r.at + cycle * def.loopSeconds;
  const sha = fakeSha(`${repo.owner}/${repo.name}#${id}`);
  const vars: Record<string, string> = { repo: `${repo.owner}/${repo.name}`, sha7: sha.slice(0, 7), title: r.title, branch: r.branch };
  const waitingFor = r.waitingFor ?? [];
  // A run waiting for a deployment review never leaves the queue on its own.
  const queuedUntil = waitingFor.length > 0 ? Number.POSITIVE_INFINITY : createdAt + (t.queuedSeconds ?? 0);
  const jobs = t.jobs.map((job, index) => jobAt(job, id * 100 + index + 1, id, createdAt, queuedUntil + (job.startAfter ?? 0), time, vars));

  let status: Status;
  if (waitingFor.length > 0) status = 'waiting';
  else if (jobs.every((j) => j.status === 'completed')) status = 'completed';
  else if (jobs.some((j) => j.status !== 'queued')) status = 'in_progress';
  else status = 'queued';
  const conclusion: Conclusion = status !== 'completed' ? null : jobs.some((j) => j.conclusion === 'failure') ? 'failure' : 'success';
  const startedAt = time >= queuedUntil ? queuedUntil : null;
  const times = [createdAt, ...jobs.flatMap((j) => [j.startedAt ?? createdAt, j.completedAt ?? createdAt])];
  for (const j of jobs) for (const s of j.steps) if (s.startedAt !== null) times.push(s.startedAt);
  return {
    id,
    workflowId: r.workflow,
    number,
    attempt: 1,
    title: r.title,
    branch: r.branch,
    event: r.event,
    actor: r.actor,
    sha,
    status,
    conclusion,
    createdAt,
    startedAt,
    updatedAt: Math.max(...times),
    jobs,
    waitingFor,
  };
}

function jobAt(job: ScenarioJobTemplate, id: number, runId: number, createdAt: number, startAt: number, time: number, vars: Record<string, string>): JobState {
  const steps: StepState[] = [];
  const logLines: { at: number; text: string }[] = [];
  const annotations: ScenarioAnnotation[] = [];
  let cursor = startAt;
  let failedAt: number | null = null;
  let endAt = startAt;
  job.steps.forEach((step, index) => {
    const number = index + 1;
    if (failedAt !== null) {
      // After a failure GitHub marks the remaining steps skipped when the job ends.
      const done = time >= failedAt;
      steps.push({ name: step.name, number, status: done ? 'completed' : 'queued', conclusion: done ? 'skipped' : null, startedAt: done ? failedAt : null, completedAt: done ? failedAt : null });
      return;
    }
    const start = cursor;
    const end = start + step.seconds;
    cursor = end;
    endAt = end;
    const started = time >= start;
    const finished = time >= end;
    const conclusion = step.conclusion ?? 'success';
    steps.push({
      name: step.name,
      number,
      status: finished ? 'completed' : started ? 'in_progress' : 'queued',
      conclusion: finished ? conclusion : null,
      startedAt: started ? start : null,
      completedAt: finished ? end : null,
    });
    if (started) {
      const lines = (step.log ?? []).map((l) => expand(l, vars));
      // Like GitHub: the step's group holds the command it runs; the output follows the group.
      logLines.push({ at: start, text: `##[group]${step.name}` }, ...groupBody(step.name).map((text) => ({ at: start, text })), { at: start, text: '##[endgroup]' });
      const shown = finished ? lines.length : Math.floor((lines.length * (time - start)) / Math.max(step.seconds, 1));
      for (let i = 0; i < shown; i++) logLines.push({ at: start + (step.seconds * (i + 1)) / (lines.length + 1), text: lines[i] ?? '' });
    }
    if (conclusion === 'failure') {
      failedAt = end;
      if (finished) annotations.push(...(step.annotations ?? []));
    }
  });
  const completed = time >= endAt;
  const started = time >= startAt;
  const conclusion: Conclusion = completed ? (failedAt !== null ? 'failure' : 'success') : null;
  if (completed) logLines.push({ at: endAt, text: conclusion === 'failure' ? 'Cleaning up orphan processes' : 'Job completed' });
  return {
    id,
    runId,
    name: job.name,
    status: completed ? 'completed' : started ? 'in_progress' : 'queued',
    conclusion,
    createdAt,
    startedAt: started ? startAt : null,
    completedAt: completed ? endAt : null,
    steps,
    logLines,
    annotations,
  };
}

/** What GitHub prints inside a step's group: a run step's script and shell, an action's name. */
function groupBody(stepName: string): string[] {
  if (!stepName.startsWith('Run ')) return [];
  const command = stepName.slice(4);
  return command.includes('@') ? ['with:', '  token: ***'] : [command, 'shell: /usr/bin/bash -e {0}'];
}

function expand(line: string, vars: Record<string, string>): string {
  return line.replace(/\$\{(\w+)\}/g, (m, key: string) => vars[key] ?? m);
}

/** A stable 40-hex-digit sha for a string (not cryptographic). */
export function fakeSha(seed: string): string {
  let out = '';
  let h = 2166136261;
  for (let round = 0; out.length < 40; round++) {
    for (const ch of `${seed}:${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}
