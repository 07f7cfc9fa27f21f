/**
 * The Bitbucket part of the moving scenario (test/fixtures/scenario/bitbucket.json) served through
 * the fake Bitbucket Cloud REST API 2.0 (test/fakes/bitbucket): one repository, its account and
 * bitbucket-pipelines.yml do not move; pipelines go pending -> running (steps one after another,
 * the running step's log growing) -> successful / failed, or stop at a manual step (PAUSED), on
 * every sync(). A pipeline the API stopped, and pipelines the API created, are the fake's: the
 * scenario leaves them alone.
 */
import { FakeBitbucketServer } from '../bitbucket/server';
import { FakeBitbucketState, type FakePipeline, type FakePipelineState, type FakeStep, type FakeStepState, type FakeTestCase } from '../bitbucket/state';
import { loadScenarioFixture, mutationsOf, planSteps, requestsTo, runsAt, scenarioGuid, stepAt, WallClock, withPart, type PlannedStep, type ScenarioPart, type ScenarioStepDef, type StepPlan } from './bitbucketAzureSteps';
import type { ScenarioClock } from './clock';
import type { ScenarioServer } from './server';
import { fakeSha } from './timeline';

export interface BbStepDef extends ScenarioStepDef {
  /** The step's test report, once it finished. */
  readonly testCases?: readonly FakeTestCase[];
}

export interface BbTemplate {
  readonly pendingSeconds?: number;
  readonly steps: readonly BbStepDef[];
}

export interface BbPipelineDef {
  readonly number: number;
  readonly branch: string;
  readonly at: number;
  readonly trigger: 'PUSH' | 'MANUAL' | 'SCHEDULE';
  /** A custom pipeline (`custom: name`) rather than the branch's own. */
  readonly custom?: string;
  readonly template: string;
}

export interface BitbucketScenarioDefinition {
  readonly workspace: string;
  readonly repository: { readonly slug: string; readonly name: string; readonly mainBranch: string; readonly branches: readonly string[] };
  /** An Atlassian account: e-mail + API token (HTTP Basic). */
  readonly account: { readonly email: string; readonly token: string; readonly scopes: readonly string[] };
  readonly pipelinesYml: string;
  readonly demo: { readonly branch: string };
  readonly loopSeconds: number;
  readonly pipelines: readonly BbPipelineDef[];
  readonly templates: Record<string, BbTemplate>;
}

/** slug "workspace/repo"; logRequests: the step log requests. */
export interface BitbucketScenario extends ScenarioPart<FakeBitbucketServer> {
  /** flowforge.bitbucket.apiUrl (the API under `url`). */
  readonly apiUrl: string;
  readonly definition: BitbucketScenarioDefinition;
}

export type ScenarioWithBitbucket = ScenarioServer & { readonly bitbucket: BitbucketScenario };

export function loadBitbucketDefinition(file?: string): BitbucketScenarioDefinition {
  return loadScenarioFixture<BitbucketScenarioDefinition>('bitbucket', file);
}

/** Adds the Bitbucket part to a running scenario (with or without other parts): synced every `tickMs` and on advance; close() stops both. */
export async function withBitbucket<S extends ScenarioServer>(scenario: S, options: { loop?: boolean; port?: number; tickMs?: number; file?: string } = {}): Promise<S & { readonly bitbucket: BitbucketScenario }> {
  return withPart(scenario, 'bitbucket', await startBitbucketScenario(loadBitbucketDefinition(options.file), scenario.clock, options), options.tickMs);
}

const braced = (seed: string): string => `{${scenarioGuid(seed)}}`;

function stepStateAt(step: PlannedStep, time: number, finished: boolean): FakeStepState {
  const { status } = stepAt(step, time);
  if (step.outcome === 'skipped') return finished ? 'NOT_RUN' : 'PENDING';
  if (step.outcome === 'gated' || step.outcome === 'unreached' || status === 'pending') return 'PENDING';
  if (status === 'running') return 'IN_PROGRESS';
  return step.outcome === 'failed' ? 'FAILED' : 'SUCCESSFUL';
}

function pipelineStateAt(plan: StepPlan, time: number): FakePipelineState {
  if (time < plan.runningAt) return 'PENDING';
  if (time < plan.end) return 'RUNNING';
  return plan.result === 'failed' ? 'FAILED' : plan.result === 'gated' ? 'PAUSED' : 'SUCCESSFUL';
}

export async function startBitbucketScenario(definition: BitbucketScenarioDefinition, clock: ScenarioClock, { loop = false, port = 0 } = {}): Promise<BitbucketScenario> {
  const { workspace, repository: r, account } = definition;
  const state = new FakeBitbucketState(new WallClock());
  state.credentials.set(`${account.email}:${account.token}`, { kind: 'account', name: account.email, scopes: [...account.scopes] });
  state.repositories.push({ workspace, slug: r.slug, name: r.name, mainBranch: r.mainBranch, branches: [...r.branches], tags: [], files: new Map(r.branches.map((b) => [b, definition.pipelinesYml])) });
  // Bitbucket's 1,000 requests an hour, times 30: the demo polls every few seconds for as long as it runs.
  const server = new FakeBitbucketServer({ state, limitPerHour: 30_000 });
  const url = await server.start(port);
  const iso = (t: number): string => new Date(clock.wallTime(t)).toISOString();
  const liveCount = definition.pipelines.filter((p) => p.at >= 0).length;
  const scenarioPipelines = new Map<string, FakePipeline>();

  const sync = (): void => {
    const time = clock.now();
    for (const { def, cycle, created } of runsAt(definition.pipelines, time, definition.loopSeconds, loop)) {
      const template = definition.templates[def.template];
      if (template === undefined) throw new Error(`bitbucket scenario: unknown template '${def.template}'`);
      const number = def.number + cycle * liveCount;
      const plan = planSteps(template.steps, created + (template.pendingSeconds ?? 0));
      let pipeline = scenarioPipelines.get(`${number}`);
      if (pipeline === undefined) {
        pipeline = {
          uuid: braced(`bitbucket:${workspace}/${r.slug}#${number}`), workspace, repo: r.slug, buildNumber: number, state: 'PENDING', refName: def.branch, refType: 'branch',
          commit: fakeSha(`bitbucket:${r.slug}#${number}`), selector: def.custom !== undefined ? { type: 'custom', pattern: def.custom } : { type: 'branches', pattern: def.branch },
          trigger: def.trigger, creator: state.user, createdOn: iso(created), variables: [],
          steps: template.steps.map((s, i): FakeStep => ({ uuid: braced(`bitbucket:${r.slug}#${number}/${i}`), name: s.name, state: 'PENDING', ...(s.gate === true ? { manual: true } : {}) })),
        };
        scenarioPipelines.set(`${number}`, pipeline);
        state.pipelines.push(pipeline);
      }
      // Stopped through the API: the fake's from now on.
      if (pipeline.state === 'STOPPED') continue;
      pipeline.state = pipelineStateAt(plan, time);
      const finished = time >= plan.end && time >= plan.runningAt;
      if (finished && plan.result !== 'gated') pipeline.completedOn = iso(plan.end);
      plan.steps.forEach((planned, i) => {
        const step = pipeline.steps[i];
        if (step === undefined) return;
        step.state = stepStateAt(planned, time, finished);
        const { status, lines } = stepAt(planned, time);
        if (planned.start !== null && status !== 'pending') {
          step.startedOn = iso(planned.start);
          step.log = lines.map((line) => `${line}\n`).join('');
        }
        if (status === 'done' && planned.end !== null && planned.start !== null) {
          step.completedOn = iso(planned.end);
          const cases = template.steps[i]?.testCases;
          if (cases !== undefined) step.testCases = [...cases];
        }
      });
    }
  };
  sync();

  const slug = `${workspace}/${r.slug}`;
  return {
    url,
    apiUrl: server.apiUrl,
    definition,
    slug,
    remoteUrl: `${url}/${slug}.git`,
    server,
    length: Math.max(0, ...definition.pipelines.filter((p) => p.at >= 0).map((p) => {
      const template = definition.templates[p.template];
      return template === undefined ? 0 : planSteps(template.steps, p.at + (template.pendingSeconds ?? 0)).end;
    })),
    mutations: () => mutationsOf(server),
    logRequests: () => requestsTo(server, /\/steps\/[^/]+\/log(\?|$)/),
    sync,
    describe: () => ({ url, slug, pipelines: state.pipelinesOf(workspace, r.slug).map((p) => ({ number: p.buildNumber, branch: p.refName, state: p.state, steps: p.steps.map((s) => ({ name: s.name, state: s.state })) })) }),
    close: () => server.close(),
  };
}
