/**
 * The Azure Pipelines part of the moving scenario (test/fixtures/scenario/azure.json) served through
 * the fake Azure DevOps REST API 7.1 (test/fakes/azure): one organization, project, repository and
 * its pipelines (build definitions, one with runtime parameters) do not move; builds go notStarted
 * -> inProgress (stages -> jobs -> tasks one after another, every change a new timeline change id,
 * the running task's log growing line by line) -> succeeded / failed with timeline issues and a test
 * run, or wait at a stage's approval (approved through the API, the build goes on from then). A
 * build the API cancelled, retried or whose approval it rejected is the fake's from then on (a cancelling build is canceled on the next sync, as Azure
 * DevOps does); builds the API queued are left alone.
 */
import { storedZip } from '../kit';
import { FakeAzureServer } from '../azure/server';
import { FakeAzureState, type FakeBuild, type FakeIssue, type FakeRecord, type FakeTestResult } from '../azure/state';
import { loadScenarioFixture, mutationsOf, planSteps, requestsTo, runsAt, scenarioGuid, stepAt, WallClock, withPart, type PlannedStep, type ScenarioPart, type ScenarioStepDef } from './bitbucketAzureSteps';
import type { ScenarioClock } from './clock';
import type { ScenarioServer } from './server';
import { fakeSha } from './timeline';

export interface AzTaskDef extends ScenarioStepDef {
  /** Timeline issues of the task once it finished (errors and warnings, with sourcepath / linenumber). */
  readonly issues?: readonly FakeIssue[];
}

export interface AzStageDef {
  readonly name: string;
  readonly identifier: string;
  /** A pending approval before the stage runs. */
  readonly approval?: { readonly instructions: string };
  readonly jobs: readonly { readonly name: string; readonly tasks: readonly AzTaskDef[] }[];
}

export interface AzTemplate {
  readonly queuedSeconds?: number;
  readonly stages: readonly AzStageDef[];
  /** A test run published once the build finished. */
  readonly tests?: { readonly name: string; readonly results: readonly FakeTestResult[] };
  /** Artifacts published once the build finished: their files (text), zipped; `job` names the publishing job. */
  readonly artifacts?: readonly { readonly name: string; readonly type: 'Container' | 'PipelineArtifact'; readonly job: string; readonly files: Readonly<Record<string, string>> }[];
}

export interface AzBuildDef {
  readonly id: number;
  readonly definition: number;
  readonly branch: string;
  readonly message: string;
  readonly reason: 'individualCI' | 'manual' | 'schedule';
  readonly at: number;
  readonly template: string;
  readonly parameters?: Readonly<Record<string, string>>;
}

export interface AzureScenarioDefinition {
  readonly organization: string;
  readonly project: string;
  readonly repository: { readonly name: string; readonly defaultBranch: string; readonly branches: readonly string[] };
  readonly token: string;
  readonly scopes: readonly string[];
  /** Repository files (pipeline YAML) by path, on every branch. */
  readonly files: Readonly<Record<string, string>>;
  readonly definitions: readonly { readonly id: number; readonly name: string; readonly yamlFilename: string }[];
  /** files: what the timeline issues point at, written into the demo checkout. */
  readonly demo: { readonly branch: string; readonly files?: Readonly<Record<string, string>> };
  readonly loopSeconds: number;
  readonly builds: readonly AzBuildDef[];
  readonly templates: Record<string, AzTemplate>;
}

/** url: the server (stands for https://dev.azure.com); slug "org/project/repo"; remoteUrl {server}/{org}/{project}/_git/{repo}; logRequests: …/logs/{id}[?startLine=n]. */
export interface AzureScenario extends ScenarioPart<FakeAzureServer> {
  /** flowforge.azure.organizations entry. */
  readonly organizationUrl: string;
  readonly definition: AzureScenarioDefinition;
  readonly token: string;
}

export type ScenarioWithAzure = ScenarioServer & { readonly azure: AzureScenario };

export function loadAzureDefinition(file?: string): AzureScenarioDefinition {
  return loadScenarioFixture<AzureScenarioDefinition>('azure', file);
}

/** Adds the Azure part to a running scenario (with or without other parts): synced every `tickMs` and on advance; close() stops both. */
export async function withAzure<S extends ScenarioServer>(scenario: S, options: { loop?: boolean; port?: number; tickMs?: number; file?: string } = {}): Promise<S & { readonly azure: AzureScenario }> {
  return withPart(scenario, 'azure', await startAzureScenario(loadAzureDefinition(options.file), scenario.clock, options), options.tickMs);
}

/** A stage's tasks (and its approval gate first) as one list of steps; the records they stand for. */
interface FlatStep {
  readonly def: AzTaskDef;
  readonly stage: number;
  readonly job: number | undefined;
}

function flatten(template: AzTemplate): FlatStep[] {
  const out: FlatStep[] = [];
  template.stages.forEach((stage, s) => {
    if (stage.approval !== undefined) out.push({ def: { name: 'Approval', gate: true }, stage: s, job: undefined });
    stage.jobs.forEach((job, j) => job.tasks.forEach((task) => out.push({ def: task, stage: s, job: j })));
  });
  return out;
}

type Desired = Pick<FakeRecord, 'state' | 'result'> & { readonly startTime?: string; readonly finishTime?: string };

/** A record's state at `time` from the planned steps under it. */
function aggregate(steps: readonly PlannedStep[], time: number, finished: boolean, iso: (t: number) => string): Desired {
  const started = steps.filter((s) => s.start !== null && s.outcome !== 'gated');
  const first = started[0];
  if (first === undefined || first.start === null || time < first.start) {
    return { state: finished ? 'completed' : 'pending', result: finished ? 'skipped' : null };
  }
  const end = Math.max(...started.map((s) => s.end ?? 0));
  const waits = steps.some((s) => s.outcome === 'unreached' || s.outcome === 'gated');
  if (time < end || waits) return { state: 'inProgress', result: null, startTime: iso(first.start) };
  const failed = started.some((s) => s.outcome === 'failed');
  return { state: 'completed', result: failed ? 'failed' : 'succeeded', startTime: iso(first.start), finishTime: iso(end) };
}

const same = (record: FakeRecord, want: Desired): boolean =>
  record.state === want.state && record.result === want.result && record.startTime === want.startTime && record.finishTime === want.finishTime;

export async function startAzureScenario(definition: AzureScenarioDefinition, clock: ScenarioClock, { loop = false, port = 0 } = {}): Promise<AzureScenario> {
  const { organization: org, project, repository: r } = definition;
  const state = new FakeAzureState(new WallClock());
  state.tokens.set(definition.token, { scopes: [...definition.scopes] });
  state.organizations.push(org);
  state.projects.push({ org, name: project, id: scenarioGuid(`azure:project:${project}`) });
  const repositoryId = scenarioGuid(`azure:repo:${r.name}`);
  state.repositories.push({ id: repositoryId, org, project, name: r.name, defaultBranch: r.defaultBranch, branches: [...r.branches], files: new Map(r.branches.flatMap((b) => Object.entries(definition.files).map(([file, text]): [string, string] => [`${b}|${file}`, text]))) });
  for (const d of definition.definitions) state.definitions.push({ id: d.id, org, project, name: d.name, repositoryId, yamlFilename: d.yamlFilename });
  const server = new FakeAzureServer({ state });
  const url = await server.start(port);
  const iso = (t: number): string => new Date(clock.wallTime(t)).toISOString();
  const liveCount = definition.builds.filter((b) => b.at >= 0).length;
  const ours = new Map<number, FakeBuild>();
  /** Builds the API acted on. */
  const taken = new Set<FakeBuild>();
  /** Scenario time at which the API approved an approval (by id): its build goes on from there. */
  const approvedAt = new Map<string, number>();

  const createBuild = (def: AzBuildDef, id: number, created: number, template: AzTemplate): FakeBuild => {
    const build = state.addBuild({
      id, org, project, definitionId: def.definition, status: 'notStarted', result: null, reason: def.reason, sourceBranch: `refs/heads/${def.branch}`,
      sourceVersion: fakeSha(`azure:${r.name}#${id}`), message: def.message, requestedFor: state.user, queueTime: iso(created), buildNumber: `2026.${id}`,
      planId: scenarioGuid(`azure:plan:${id}`), templateParameters: def.parameters ?? {},
    });
    template.stages.forEach((stage, s) => {
      const stageId = scenarioGuid(`azure:${id}/stage/${s}`);
      state.addRecord(build, { id: stageId, parentId: null, type: 'Stage', name: stage.name, identifier: stage.identifier, state: 'pending', result: null, order: s + 1 });
      if (stage.approval !== undefined) {
        const checkpoint = scenarioGuid(`azure:${id}/checkpoint/${s}`);
        state.addRecord(build, { id: checkpoint, parentId: stageId, type: 'Checkpoint', name: 'Checkpoint', state: 'pending', result: null, order: 0 });
        state.addRecord(build, { id: scenarioGuid(`azure:${id}/approval/${s}`), parentId: checkpoint, type: 'Checkpoint.Approval', name: 'Checkpoint.Approval', state: 'pending', result: null, order: 1 });
      }
      stage.jobs.forEach((job, j) => {
        const phase = scenarioGuid(`azure:${id}/phase/${s}/${j}`);
        state.addRecord(build, { id: phase, parentId: stageId, type: 'Phase', name: job.name, identifier: `${stage.identifier}.${job.name}`, state: 'pending', result: null, order: j + 1 });
        const jobId = scenarioGuid(`azure:${id}/job/${s}/${j}`);
        state.addRecord(build, { id: jobId, parentId: phase, type: 'Job', name: job.name, identifier: `${stage.identifier}.${job.name}.__default`, state: 'pending', result: null, order: 1 });
        job.tasks.forEach((task, t) => {
          state.addRecord(build, { id: scenarioGuid(`azure:${id}/task/${s}/${j}/${t}`), parentId: jobId, type: 'Task', name: task.name, state: 'pending', result: null, order: t + 1 });
        });
      });
    });
    return build;
  };

  const record = (build: FakeBuild, id: string): FakeRecord | undefined => build.records.find((x) => x.id === id);

  /** Moves a scenario build to `time`: only records whose state changed get a new change id. */
  const advanceBuild = (build: FakeBuild, template: AzTemplate, created: number, time: number): void => {
    const runningAt = created + (template.queuedSeconds ?? 0);
    const id = build.id;
    const approvalOf = (stage: number): string => scenarioGuid(`azure:${id}/approval/${stage}`);
    const gated = flatten(template);
    const first = planSteps(gated.map((f) => f.def), runningAt);
    // An approved gate is a step that lasted until the approval: the stages after it run from then on.
    const flat = gated.map((f, i) => {
      const at = approvedAt.get(approvalOf(f.stage));
      return f.def.gate === true && at !== undefined ? { ...f, def: { name: 'Approval', seconds: Math.max(0, at - (first.steps[i]?.end ?? at)) } } : f;
    });
    const plan = planSteps(flat.map((f) => f.def), runningAt);
    const finished = time >= runningAt && time >= plan.end && plan.result !== 'gated';
    const now = new Date(clock.wallTime(time)).toISOString();
    const set = (target: FakeRecord | undefined, want: Desired): void => {
      if (target !== undefined && !same(target, want)) state.touch(build, target, { state: want.state, result: want.result, startTime: want.startTime, finishTime: want.finishTime });
    };
    template.stages.forEach((stage, s) => {
      const inStage = plan.steps.filter((_, i) => flat[i]?.stage === s);
      set(record(build, scenarioGuid(`azure:${id}/stage/${s}`)), aggregate(inStage, time, finished, iso));
      if (stage.approval !== undefined && !approvedAt.has(approvalOf(s))) {
        const gate = plan.steps.find((p, i) => flat[i]?.stage === s && p.outcome === 'gated');
        const reached = gate !== undefined && gate.end !== null && time >= gate.end;
        const approvalId = approvalOf(s);
        const waiting: Desired = reached ? { state: 'inProgress', result: null, startTime: iso(gate.end ?? 0) } : { state: 'pending', result: null };
        set(record(build, scenarioGuid(`azure:${id}/checkpoint/${s}`)), waiting);
        set(record(build, approvalId), waiting);
        if (reached && !state.approvals.some((a) => a.id === approvalId)) state.approvals.push({ id: approvalId, buildId: id, status: 'pending', instructions: stage.approval.instructions, approvers: [state.user] });
      }
      stage.jobs.forEach((job, j) => {
        const inJob = plan.steps.filter((_, i) => flat[i]?.stage === s && flat[i]?.job === j);
        const want = aggregate(inJob, time, finished, iso);
        set(record(build, scenarioGuid(`azure:${id}/phase/${s}/${j}`)), want);
        const jobRecord = record(build, scenarioGuid(`azure:${id}/job/${s}/${j}`));
        set(jobRecord, want);
        const whole: string[] = [];
        job.tasks.forEach((task, t) => {
          const planned = inJob[t];
          const taskRecord = record(build, scenarioGuid(`azure:${id}/task/${s}/${j}/${t}`));
          if (planned === undefined || taskRecord === undefined) return;
          const at = stepAt(planned, time);
          const done = at.status === 'done';
          set(taskRecord, planned.start === null || at.status === 'pending'
            ? { state: finished ? 'completed' : 'pending', result: finished ? 'skipped' : null }
            : { state: done ? 'completed' : 'inProgress', result: done ? (planned.outcome === 'failed' ? 'failed' : 'succeeded') : null, startTime: iso(planned.start), ...(done && planned.end !== null ? { finishTime: iso(planned.end) } : {}) });
          if (done && task.issues !== undefined && taskRecord.issues.length === 0) state.touch(build, taskRecord, { issues: [...task.issues] });
          if (at.status !== 'pending') {
            const written = taskRecord.logId === undefined ? 0 : (build.logs.get(taskRecord.logId)?.length ?? 0);
            const fresh = [`Starting: ${task.name}`, ...at.lines, ...(done ? [`Finishing: ${task.name}`] : [])].slice(written);
            if (fresh.length > 0 || taskRecord.logId === undefined) state.appendLog(build, taskRecord, fresh.map((line) => `${now} ${line}`));
            whole.push(...(taskRecord.logId === undefined ? [] : (build.logs.get(taskRecord.logId) ?? [])));
          }
        });
        // A finished job's own log: its tasks' logs in order, as the agent uploads it at the end.
        if (jobRecord !== undefined && want.state === 'completed' && want.result !== 'skipped' && jobRecord.logId === undefined) state.appendLog(build, jobRecord, whole);
      });
    });
    build.status = time < runningAt ? 'notStarted' : finished ? 'completed' : 'inProgress';
    build.result = finished ? (plan.result === 'failed' ? 'failed' : 'succeeded') : null;
    build.startTime = time >= runningAt ? iso(runningAt) : undefined;
    build.finishTime = finished ? iso(plan.end) : undefined;
    if (finished && template.artifacts !== undefined && build.artifacts === undefined) {
      build.artifacts = template.artifacts.map((a, i) => ({ id: id * 10 + i, name: a.name, type: a.type, source: build.records.find((r) => r.type === 'Job' && r.name === a.job)?.id ?? '', zip: storedZip(a.files) }));
    }
    if (finished && template.tests !== undefined && !state.testRuns.some((run) => run.buildId === id)) {
      const results = template.tests.results;
      state.testRuns.push({ id: id * 10, buildId: id, name: template.tests.name, total: results.length, passed: results.filter((x) => x.outcome === 'Passed').length, results: [...results] });
    }
  };

  /** Whether the API took a build over: cancelled, a stage retried, an approval rejected. */
  const actedOn = (build: FakeBuild): boolean =>
    build.status === 'cancelling' || build.records.some((x) => x.attempt > 1) || state.approvals.some((a) => a.buildId === build.id && a.status === 'rejected');

  const sync = (): void => {
    const time = clock.now();
    for (const a of state.approvals) if (a.status === 'approved' && !approvedAt.has(a.id)) approvedAt.set(a.id, time);
    for (const { def, cycle, created } of runsAt(definition.builds, time, definition.loopSeconds, loop)) {
      const template = definition.templates[def.template];
      if (template === undefined) throw new Error(`azure scenario: unknown template '${def.template}'`);
      const id = def.id + cycle * liveCount;
      let build = ours.get(id);
      if (build === undefined) {
        build = createBuild(def, id, created, template);
        ours.set(id, build);
      }
      if (!taken.has(build) && actedOn(build)) taken.add(build);
      if (taken.has(build)) continue;
      advanceBuild(build, template, created, time);
    }
    // As Azure DevOps: a build being cancelled is canceled a moment later, with its unfinished records.
    for (const build of taken) {
      if (build.status !== 'cancelling') continue;
      const now = state.clock.iso();
      for (const x of build.records) if (x.state !== 'completed') state.touch(build, x, { state: 'completed', result: 'canceled', finishTime: now });
      build.status = 'completed';
      build.result = 'canceled';
      build.finishTime = now;
    }
  };
  sync();

  const slug = `${org}/${project}/${r.name}`;
  return {
    url,
    organizationUrl: `${url}/${org}`,
    definition,
    slug,
    remoteUrl: `${url}/${encodeURIComponent(org)}/${encodeURIComponent(project)}/_git/${encodeURIComponent(r.name)}`,
    token: definition.token,
    server,
    length: Math.max(0, ...definition.builds.filter((b) => b.at >= 0).map((b) => {
      const template = definition.templates[b.template];
      return template === undefined ? 0 : planSteps(flatten(template).map((f) => f.def), b.at + (template.queuedSeconds ?? 0)).end;
    })),
    mutations: () => mutationsOf(server),
    logRequests: () => requestsTo(server, /\/_apis\/build\/builds\/\d+\/logs\/\d+/),
    sync,
    describe: () => ({ url, slug, builds: [...ours.values()].map((b) => ({ id: b.id, definition: b.definitionId, branch: b.sourceBranch, status: b.status, result: b.result, changeId: b.changeId })) }),
    close: () => server.close(),
  };
}
