/**
 * Serves the Jenkins part of the moving scenario (test/fixtures/scenario/jenkins.json) through the
 * fake Jenkins (test/fakes/jenkins, under /jenkins): a folder with a multibranch project whose
 * branch jobs build the demo repository, a parameterized deploy job and a release build waiting on
 * an input step. On every sync() the live build of the demo branch follows the scenario clock: its
 * console grows line by line (the live tail), its stages move on, it passes at its end; looping, each
 * cycle starts a new build, numbered after whatever the job has (builds the API started too).
 * Builds the API started, and a release whose input was answered, finish `finishSeconds` later.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ManualClock } from '../kit';
import { FakeJenkinsServer } from '../jenkins/server';
import { CLASSES, FakeJenkinsState, type FakeJenkinsBuild, type FakeJob, type FakeParameter, type FakeStage } from '../jenkins/state';
import type { ScenarioClock } from './clock';
import type { ScenarioServer } from './server';
import { fakeSha } from './timeline';

interface LineDef {
  readonly at: number;
  readonly text: string;
}

interface BuildDef {
  readonly number: number;
  readonly result?: string;
  readonly at: number;
  readonly seconds?: number;
  readonly message: string;
  readonly stages: readonly string[];
  readonly failedStage?: string;
  /** Archived files (relative path -> text). */
  readonly artifacts?: Readonly<Record<string, string>>;
}

interface ParameterDef {
  readonly name: string;
  readonly type: string;
  readonly default?: string | boolean;
  readonly description?: string;
  readonly choices?: readonly string[];
}

export interface JenkinsScenarioDefinition {
  readonly user: { readonly id: string; readonly fullName: string };
  readonly token: string;
  readonly folder: string;
  readonly remote: string;
  readonly loopSeconds: number;
  readonly finishSeconds: number;
  readonly branches: readonly {
    readonly name: string;
    readonly builds: readonly BuildDef[];
    readonly live?: { readonly number: number; readonly message: string; readonly stages: readonly { readonly name: string; readonly lines: readonly LineDef[] }[]; readonly endSeconds: number };
  }[];
  readonly deploy: { readonly parameters: readonly ParameterDef[]; readonly builds: readonly BuildDef[] };
  readonly release: { readonly builds: readonly BuildDef[]; readonly input: { readonly id: string; readonly message: string; readonly proceedText: string; readonly parameters: readonly ParameterDef[] } };
}

export interface JenkinsScenario {
  /** The server URL a user configures (flowforge.jenkins.servers), path prefix included. */
  readonly url: string;
  readonly definition: JenkinsScenarioDefinition;
  readonly user: string;
  readonly token: string;
  readonly server: FakeJenkinsServer;
  /** POSTs the fake answered, oldest first (path with query). */
  mutations(): readonly { readonly method: string; readonly path: string }[];
  sync(): void;
  close(): Promise<void>;
}

export function loadJenkinsDefinition(file = path.join(__dirname, '..', '..', '..', ...(__dirname.includes(`${path.sep}out${path.sep}`) ? ['..'] : []), 'test', 'fixtures', 'scenario', 'jenkins.json')): JenkinsScenarioDefinition {
  return JSON.parse(readFileSync(file, 'utf8')) as JenkinsScenarioDefinition;
}

/** Real time for the fake's own timestamps (builds the API started). */
class WallClock extends ManualClock {
  override now(): number {
    return Date.now();
  }
}

function parameter(def: ParameterDef): FakeParameter {
  return {
    _class: `hudson.model.${def.type}`,
    name: def.name,
    type: def.type,
    ...(def.description !== undefined ? { description: def.description } : {}),
    ...(def.choices !== undefined ? { choices: def.choices } : {}),
    ...(def.default !== undefined ? { defaultParameterValue: { value: def.default } } : {}),
  };
}

function stageList(names: readonly string[], status: (name: string, index: number) => string, start: number, seconds: number): FakeStage[] {
  const each = (seconds * 1000) / Math.max(1, names.length);
  return names.map((name, i) => ({ id: String(6 + i * 7), name, status: status(name, i), startTimeMillis: start + i * each, durationMillis: each }));
}

/** The fake's result of a Pipeline stage from its build's result. */
function stageStatus(result: string | undefined, failed: string | undefined, name: string): string {
  if (result === 'FAILURE') return name === failed ? 'FAILED' : 'SUCCESS';
  return result ?? 'IN_PROGRESS';
}

function consoleOf(def: BuildDef, branch: string): string {
  const lines = [`Started by ${def.at < -3000 ? 'an SCM change' : 'user Jenkins Demo'}`, '[Pipeline] Start of Pipeline', '[Pipeline] node', 'Running on agent-1 in /var/jenkins_home/workspace/webshop', '[Pipeline] {'];
  for (const stage of def.stages) {
    lines.push('[Pipeline] stage', `[Pipeline] { (${stage})`, `[Pipeline] sh`, `+ ./ci/${stage.toLowerCase()}.sh (${branch})`);
    if (stage === def.failedStage) lines.push('\x1b[31mError: 1 test failed\x1b[0m');
    lines.push('[Pipeline] }');
  }
  lines.push('[Pipeline] }', '[Pipeline] End of Pipeline', `Finished: ${def.result ?? 'SUCCESS'}`);
  return `${lines.join('\n')}\n`;
}

export async function startJenkinsScenario(definition: JenkinsScenarioDefinition, clock: ScenarioClock, { loop = false, port = 0 } = {}): Promise<JenkinsScenario> {
  const state = new FakeJenkinsState(new WallClock());
  state.users.push({ id: definition.user.id, fullName: definition.user.fullName, tokens: [definition.token] });
  const wall = (seconds: number): number => clock.wallTime(seconds);
  const history = (def: BuildDef, branch: string): FakeJenkinsBuild => ({
    number: def.number,
    result: def.result ?? null,
    building: def.result === undefined,
    timestamp: wall(def.at),
    duration: def.result === undefined ? 0 : (def.seconds ?? 60) * 1000,
    estimatedDuration: (def.seconds ?? 60) * 1000,
    sha: fakeSha(`jenkins:${branch}#${def.number}`),
    branch,
    message: def.message,
    cause: def.at < -3000 ? { shortDescription: 'Started by an SCM change' } : { shortDescription: 'Started by user Jenkins Demo', userId: definition.user.id, userName: definition.user.fullName },
    remoteUrl: definition.remote,
    stages: stageList(def.stages, (name) => stageStatus(def.result, def.failedStage, name), wall(def.at), def.seconds ?? 60),
    console: consoleOf(def, branch),
    stops: [],
    ...(def.artifacts !== undefined ? { artifacts: Object.entries(def.artifacts).map(([relativePath, text]) => ({ relativePath, bytes: Buffer.from(text, 'utf8') })) } : {}),
  });
  const branchJobs: FakeJob[] = definition.branches.map((b) => ({ _class: CLASSES.pipeline, name: encodeURIComponent(b.name), buildable: true, parameters: [], builds: b.builds.map((def) => history(def, b.name)).sort((x, y) => y.number - x.number) }));
  const release = definition.release;
  const releaseBuilds = release.builds.map((def) => ({
    ...history(def, 'main'),
    stages: stageList(def.stages, (_n, i) => (i === def.stages.length - 1 ? 'PAUSED_PENDING_INPUT' : 'SUCCESS'), wall(def.at), 60),
    console: `Started by user Jenkins Demo\n[Pipeline] Start of Pipeline\n[Pipeline] stage\n[Pipeline] { (${def.stages.at(-1) ?? 'Approve'})\n[Pipeline] input\n${release.input.message}\n${release.input.proceedText} or Abort\n`,
    inputs: [{ id: release.input.id, message: release.input.message, proceedText: release.input.proceedText, parameters: release.input.parameters.map(parameter) }],
  }));
  state.root.push({
    _class: CLASSES.folder,
    name: definition.folder,
    buildable: false,
    builds: [],
    parameters: [],
    jobs: [
      { _class: CLASSES.multibranch, name: 'webshop', buildable: false, builds: [], parameters: [], jobs: branchJobs },
      { _class: CLASSES.pipeline, name: 'deploy', buildable: true, parameters: definition.deploy.parameters.map(parameter), builds: definition.deploy.builds.map((def) => history(def, 'main')) },
      { _class: CLASSES.pipeline, name: 'release', buildable: true, parameters: [], builds: releaseBuilds },
    ],
  });
  const server = new FakeJenkinsServer({ state });
  await server.start(port);

  /** The live builds of each loop cycle, by branch job. */
  const live = new Map<string, Map<number, FakeJenkinsBuild>>();
  const timeline = new Set<FakeJenkinsBuild>(state.root.flatMap((f) => f.jobs ?? []).flatMap((j) => [...(j.jobs ?? []).flatMap((c) => c.builds), ...j.builds]));

  const liveBuild = (job: FakeJob, branch: (typeof definition.branches)[number], cycle: number, local: number): void => {
    const spec = branch.live;
    if (spec === undefined) return;
    const cycles = live.get(job.name) ?? new Map<number, FakeJenkinsBuild>();
    live.set(job.name, cycles);
    let build = cycles.get(cycle);
    const started = wall(cycle * definition.loopSeconds);
    if (build === undefined) {
      const number = Math.max(spec.number - 1, ...job.builds.map((b) => b.number)) + 1;
      build = {
        number, result: null, building: true, timestamp: started, duration: 0, estimatedDuration: spec.endSeconds * 1000,
        sha: fakeSha(`jenkins:${branch.name}#${number}`), branch: branch.name, message: spec.message,
        cause: { shortDescription: 'Started by an SCM change' }, remoteUrl: definition.remote,
        stages: spec.stages.map((s, i) => ({ id: String(6 + i * 7), name: s.name, status: 'NOT_EXECUTED', startTimeMillis: 0, durationMillis: 0 })), console: '', stops: [],
      };
      cycles.set(cycle, build);
      timeline.add(build);
      job.builds.unshift(build);
    }
    if (!build.building && build.result === 'ABORTED') return;
    const done = local >= spec.endSeconds;
    const lines = ['Started by an SCM change', '[Pipeline] Start of Pipeline'];
    spec.stages.forEach((stage, i) => {
      const first = stage.lines[0]?.at ?? 0;
      const next = spec.stages[i + 1]?.lines[0]?.at ?? spec.endSeconds;
      const fake = build.stages?.[i];
      if (local < first) return;
      lines.push('[Pipeline] stage', `[Pipeline] { (${stage.name})`, ...stage.lines.filter((l) => l.at <= local).map((l) => l.text));
      if (local >= next) lines.push('[Pipeline] }');
      if (fake) {
        fake.status = local >= next ? 'SUCCESS' : 'IN_PROGRESS';
        fake.startTimeMillis = wall(cycle * definition.loopSeconds + first);
        fake.durationMillis = (Math.min(local, next) - first) * 1000;
      }
    });
    if (done) lines.push('[Pipeline] End of Pipeline', 'Finished: SUCCESS');
    build.console = `${lines.join('\n')}\n`;
    build.building = !done;
    build.result = done ? 'SUCCESS' : null;
    build.duration = done ? spec.endSeconds * 1000 : 0;
  };

  /** Builds the API started, or whose input was answered, run on for finishSeconds and pass. */
  const finishOwn = (): void => {
    for (const job of state.root.flatMap((f) => f.jobs ?? []).flatMap((j) => [...(j.jobs ?? []), j])) {
      for (const build of job.builds) {
        const answered = build.inputs?.some((i) => i.answer?.action === 'proceed') === true;
        if (!build.building || (timeline.has(build) && !answered)) continue;
        if (!answered && Date.now() - build.timestamp < definition.finishSeconds * 1000) continue;
        build.building = false;
        build.result = 'SUCCESS';
        build.duration = Math.max(1000, Date.now() - build.timestamp);
        for (const stage of build.stages ?? []) if (stage.status !== 'SUCCESS') stage.status = 'SUCCESS';
        build.console += answered ? '[Pipeline] }\n[Pipeline] End of Pipeline\nFinished: SUCCESS\n' : `+ ./deploy.sh\nFinished: SUCCESS\n`;
      }
    }
  };

  const sync = (): void => {
    const now = clock.now();
    const cycle = loop && definition.loopSeconds > 0 ? Math.max(0, Math.floor(now / definition.loopSeconds)) : 0;
    const multibranch = state.job([definition.folder, 'webshop']);
    for (const branch of definition.branches) {
      const job = multibranch?.jobs?.find((j) => j.name === encodeURIComponent(branch.name));
      if (job === undefined || branch.live === undefined || now < 0) continue;
      for (let c = Math.max(0, cycle - 1); c <= cycle; c++) liveBuild(job, branch, c, now - c * definition.loopSeconds);
    }
    finishOwn();
  };
  sync();

  return {
    url: server.jenkinsUrl,
    definition,
    user: definition.user.id,
    token: definition.token,
    server,
    mutations: () => server.stats.requests.filter((r) => r.method === 'POST').map((r) => ({ method: r.method, path: r.path })),
    sync,
    close: () => server.close(),
  };
}

/** Adds the Jenkins part to a running scenario: synced every `tickMs` and on advance; close() stops both. */
export async function withJenkins<S extends ScenarioServer>(scenario: S, options: { loop?: boolean; port?: number; tickMs?: number; file?: string } = {}): Promise<S & { readonly jenkins: JenkinsScenario }> {
  const jenkins = await startJenkinsScenario(loadJenkinsDefinition(options.file), scenario.clock, options);
  const timer = setInterval(() => jenkins.sync(), options.tickMs ?? 250);
  timer.unref();
  return Object.assign(Object.create(scenario) as S, {
    jenkins,
    advance(seconds: number) { scenario.advance(seconds); jenkins.sync(); },
    advanceToEnd() { scenario.advanceToEnd(); jenkins.sync(); },
    async close() { clearInterval(timer); await jenkins.close(); await scenario.close(); },
  });
}
