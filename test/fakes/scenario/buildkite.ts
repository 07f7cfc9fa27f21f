/**
 * Serves the Buildkite part of the moving scenario through the fake Buildkite REST API v2
 * (test/fakes/buildkite): the organization, its pipelines, user and token do not move; builds,
 * jobs, logs and annotations follow buildkiteTimeline.ts on every sync(). What the API changed
 * itself stays the fake's: a build that was cancelled, or whose job was retried or unblocked,
 * leaves the timeline (a cancelled build goes canceling -> canceled on the next sync), and builds
 * the fake created (rebuilds, new builds) are kept and take the next build numbers, as on
 * Buildkite; later scenario builds of that pipeline are numbered after them.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ManualClock, storedZip } from '../kit';
import { FakeBuildkiteServer } from '../buildkite/server';
import { FakeBuildkiteState, type FakeBuild, type FakeJob } from '../buildkite/state';
import type { ScenarioClock } from './clock';
import type { ScenarioServer } from './server';
import { buildkiteScenarioLength, buildkiteSnapshotAt, renderBuildkiteLog, scenarioUuid, type BkBuildState, type BuildkiteScenarioDefinition } from './buildkiteTimeline';

export interface BuildkiteScenario {
  /** API base (flowforge.buildkite.apiUrl); the API is under /v2. */
  readonly url: string;
  readonly definition: BuildkiteScenarioDefinition;
  readonly token: string;
  readonly server: FakeBuildkiteServer;
  readonly length: number;
  /** `flowforge.repositories` entries of the scenario's pipelines. */
  readonly entries: readonly string[];
  /** Mutating requests (POST/PUT/DELETE) the fake answered, oldest first. */
  mutations(): readonly { readonly method: string; readonly route: string; readonly path: string; readonly body: unknown }[];
  sync(): void;
  describe(): unknown;
  close(): Promise<void>;
}

export type ScenarioWithBuildkite = ScenarioServer & { readonly buildkite: BuildkiteScenario };

export function loadBuildkiteDefinition(file = path.join(__dirname, '..', '..', '..', ...(__dirname.includes(`${path.sep}out${path.sep}`) ? ['..'] : []), 'test', 'fixtures', 'scenario', 'buildkite.json')): BuildkiteScenarioDefinition {
  return JSON.parse(readFileSync(file, 'utf8')) as BuildkiteScenarioDefinition;
}

/** The fake's rate-limit windows run on real time, so a paused scenario does not exhaust its budget for good. */
class WallClock extends ManualClock {
  override now(): number {
    return Date.now();
  }

  override iso(offsetMs = 0): string {
    return new Date(Date.now() + offsetMs).toISOString();
  }
}

/**
 * Adds the Buildkite part to a running scenario (or one that already has its GitLab part): synced
 * every `tickMs` and on advance; close() stops both.
 */
export async function withBuildkite<S extends ScenarioServer>(scenario: S, options: { loop?: boolean; port?: number; tickMs?: number; file?: string } = {}): Promise<S & { readonly buildkite: BuildkiteScenario }> {
  const buildkite = await startBuildkiteScenario(loadBuildkiteDefinition(options.file), scenario.clock, options);
  const timer = setInterval(() => buildkite.sync(), options.tickMs ?? 250);
  timer.unref();
  return Object.assign(Object.create(scenario) as S, {
    buildkite,
    advance(seconds: number) { scenario.advance(seconds); buildkite.sync(); },
    advanceToEnd() { scenario.advanceToEnd(); buildkite.sync(); },
    async close() { clearInterval(timer); await buildkite.close(); await scenario.close(); },
  });
}

const MUTATION = /^\/v2\/organizations\/([^/]+)\/(?:pipelines\/([^/]+)\/builds\/(\d+)\/(cancel)|jobs\/([^/]+)\/(retry|unblock))$/;

export async function startBuildkiteScenario(definition: BuildkiteScenarioDefinition, clock: ScenarioClock, { loop = false, port = 0 } = {}): Promise<BuildkiteScenario> {
  const { organization: org, token } = definition;
  const state = new FakeBuildkiteState(new WallClock());
  state.user = definition.user;
  state.tokens.set(token, { uuid: 'scenario-token', scopes: [...definition.scopes] });
  state.organizations.push({ slug: org.slug, name: org.name });
  for (const p of definition.pipelines) state.pipelines.push({ org: org.slug, ...p });
  const server = new FakeBuildkiteServer({ state });
  const url = await server.start(port);

  /** Scenario times at which the fake numbered a build of its own, per pipeline. */
  const madeByFake = new Map<string, number[]>();
  const shift = (pipeline: string, created: number): number => (madeByFake.get(pipeline) ?? []).filter((t) => t < created).length;
  const snapshot = (): BkBuildState[] => buildkiteSnapshotAt(definition, clock.now(), { loop, shift });
  const nextNumber = state.nextNumber.bind(state);
  state.nextNumber = (o, pipeline) => {
    const planned = Math.max(0, ...snapshot().filter((b) => b.pipeline === pipeline).map((b) => b.number));
    const number = Math.max(nextNumber(o, pipeline), planned + 1);
    madeByFake.set(pipeline, [...(madeByFake.get(pipeline) ?? []), clock.now()]);
    return number;
  };

  let owned = new Set<FakeBuild>();
  const taken = new Set<FakeBuild>();
  let requestsSeen = 0;
  let current: BkBuildState[] = [];

  /** Builds a cancel / retry / unblock request touched become the fake's. */
  const takeOverMutated = (): void => {
    const requests = server.stats.requests;
    for (const request of requests.slice(requestsSeen)) {
      const match = request.method === 'PUT' ? MUTATION.exec(request.path.split('?')[0] ?? '') : null;
      if (match === null) continue;
      const build = match[4] ? state.build(decodeURIComponent(match[1] ?? ''), decodeURIComponent(match[2] ?? ''), Number(match[3])) : state.job(decodeURIComponent(match[1] ?? ''), decodeURIComponent(match[5] ?? ''))?.build;
      if (build !== undefined && owned.has(build)) taken.add(build);
    }
    requestsSeen = requests.length;
  };

  const sync = (): void => {
    takeOverMutated();
    const iso = (t: number | null): string | undefined => (t === null ? undefined : new Date(clock.wallTime(t)).toISOString());
    current = snapshot();
    const next = new Set<FakeBuild>();
    for (let i = state.builds.length - 1; i >= 0; i--) {
      const build = state.builds[i];
      if (build !== undefined && owned.has(build) && !taken.has(build)) state.builds.splice(i, 1);
    }
    for (const b of current) {
      if ([...taken].some((t) => t.pipeline === b.pipeline && t.number === b.number)) continue;
      const jobs: FakeJob[] = b.jobs.map((j) => ({
        id: j.id, type: j.type, state: j.state,
        ...(j.name !== undefined ? { name: j.name } : {}),
        ...(j.key !== undefined ? { stepKey: j.key } : {}),
        ...(j.group !== undefined ? { groupKey: j.group } : {}),
        ...(j.command !== undefined ? { command: j.command } : {}),
        ...(j.type === 'script' ? { exitStatus: j.exitStatus, log: renderBuildkiteLog(j.log, (t) => clock.wallTime(t)) } : {}),
        ...(j.type === 'manual' ? { unblockable: j.state === 'blocked' } : {}),
        ...(iso(j.startedAt) !== undefined ? { startedAt: iso(j.startedAt) } : {}),
        ...(iso(j.finishedAt) !== undefined ? { finishedAt: iso(j.finishedAt) } : {}),
      }));
      const build = state.addBuild({
        id: b.id, org: org.slug, pipeline: b.pipeline, number: b.number, state: b.state, blocked: b.blocked, message: b.message, commit: b.commit,
        branch: b.branch, source: b.source, creator: definition.user, createdAt: iso(b.createdAt) ?? '', jobs,
        annotations: b.annotations.map((a, i) => ({ id: `${b.id.slice(0, 24)}${String(i).padStart(12, '0')}`, ...a })),
        artifacts: b.artifacts.map((a, i) => ({
          id: scenarioUuid(b.pipeline, b.number, 100 + i), jobId: jobs.find((j) => j.stepKey === a.job)?.id ?? jobs[0]?.id ?? '', path: a.path, state: 'finished', mimeType: a.mimeType,
          bytes: a.zip !== undefined ? storedZip(a.zip) : Buffer.from(a.text ?? '', 'utf8'),
        })),
        ...(iso(b.startedAt) !== undefined ? { startedAt: iso(b.startedAt) } : {}),
        ...(iso(b.finishedAt) !== undefined ? { finishedAt: iso(b.finishedAt) } : {}),
      });
      next.add(build);
    }
    // As Buildkite: a build being cancelled is canceled a moment later, with its unfinished jobs.
    for (const build of taken) {
      if (build.state !== 'canceling') continue;
      build.state = 'canceled';
      build.finishedAt = state.clock.iso();
      for (const job of build.jobs) {
        if (['scheduled', 'running', 'waiting', 'assigned', 'accepted'].includes(job.state)) {
          job.state = 'canceled';
          if (job.startedAt !== undefined) job.finishedAt = state.clock.iso();
        }
      }
    }
    owned = next;
  };
  sync();

  return {
    url,
    definition,
    token,
    server,
    length: buildkiteScenarioLength(definition),
    entries: definition.pipelines.map((p) => `buildkite:${org.slug}/${p.slug}`),
    mutations: () => server.stats.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').map((r) => ({ method: r.method, route: r.route, path: r.path, body: r.body })),
    sync,
    describe: () => ({
      url,
      organization: org.slug,
      builds: current.map((b) => ({ pipeline: b.pipeline, number: b.number, branch: b.branch, state: b.state, blocked: b.blocked, jobs: b.jobs.map((j) => ({ id: j.id, name: j.name, group: j.group, state: j.state })) })),
    }),
    close: () => server.close(),
  };
}
