/**
 * What the Bitbucket and Azure parts of the moving scenario share, as pure functions of scenario
 * time: a run's steps (Bitbucket steps, Azure tasks) run one after another after a queued spell,
 * each with log lines spread over its run time; a failed step skips the rest, a gate (a manual
 * Bitbucket step, an Azure approval) stops the run there. Live runs (`at` >= 0) come again every
 * loop cycle. Times are scenario seconds.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ManualClock, type LoggedRequest } from '../kit';
import type { ScenarioServer } from './server';
import { fakeSha } from './timeline';

export interface ScenarioStepDef {
  readonly name: string;
  readonly seconds?: number;
  /** Default "passed". */
  readonly result?: 'passed' | 'failed';
  /** Log lines, spread over the step's run time. */
  readonly log?: readonly string[];
  /** The run stops before this step and waits (Bitbucket manual step, Azure approval). */
  readonly gate?: boolean;
}

export type StepOutcome = 'passed' | 'failed' | 'skipped' | 'gated' | 'unreached';

export interface PlannedStep {
  readonly def: ScenarioStepDef;
  readonly start: number | null;
  readonly end: number | null;
  readonly outcome: StepOutcome;
}

export interface StepPlan {
  readonly runningAt: number;
  readonly end: number;
  /** "gated": waiting at a gate once the steps before it ran. */
  readonly result: 'passed' | 'failed' | 'gated';
  readonly steps: readonly PlannedStep[];
}

export function planSteps(steps: readonly ScenarioStepDef[], runningAt: number): StepPlan {
  let cursor = runningAt;
  let stop: 'failed' | 'gated' | undefined;
  const planned = steps.map((def): PlannedStep => {
    if (stop === 'failed') return { def, start: null, end: null, outcome: 'skipped' };
    if (stop === 'gated') return { def, start: null, end: null, outcome: 'unreached' };
    if (def.gate === true) {
      stop = 'gated';
      return { def, start: null, end: cursor, outcome: 'gated' };
    }
    const start = cursor;
    cursor += def.seconds ?? 1;
    if (def.result === 'failed') stop = 'failed';
    return { def, start, end: cursor, outcome: def.result ?? 'passed' };
  });
  return { runningAt, end: cursor, result: stop ?? 'passed', steps: planned };
}

export type StepStatus = 'pending' | 'running' | 'done';

export interface StepAt {
  readonly status: StepStatus;
  readonly lines: readonly string[];
}

/** Where a planned step is at `time`, and the log lines written so far. */
export function stepAt(step: PlannedStep, time: number): StepAt {
  if (step.start === null || step.end === null || time < step.start) return { status: step.outcome === 'gated' && step.end !== null && time >= step.end ? 'done' : 'pending', lines: [] };
  const lines = step.def.log ?? [];
  const span = step.end - step.start;
  const shown = lines.filter((_, i) => step.start! + (span * i) / Math.max(1, lines.length) <= time);
  return { status: time >= step.end ? 'done' : 'running', lines: time >= step.end ? lines : shown };
}

export interface TimedDef {
  readonly at: number;
}

/** Cycles of earlier loops whose live runs are kept. */
const KEPT_CYCLES = 3;

/**
 * The runs that exist at `time`: every history run (`at` < 0) once, every live run once per loop
 * cycle so far (cycle 0 without `loop`), with the time it was created.
 */
export function runsAt<D extends TimedDef>(defs: readonly D[], time: number, loopSeconds: number, loop: boolean): { readonly def: D; readonly cycle: number; readonly created: number }[] {
  const out: { def: D; cycle: number; created: number }[] = [];
  for (const def of defs) if (def.at < 0 && def.at <= time) out.push({ def, cycle: 0, created: def.at });
  const last = loop && loopSeconds > 0 ? Math.max(0, Math.floor(time / loopSeconds)) : 0;
  for (let cycle = Math.max(0, last - KEPT_CYCLES + 1); cycle <= last; cycle++) {
    for (const def of defs) {
      const created = def.at + cycle * loopSeconds;
      if (def.at >= 0 && created <= time) out.push({ def, cycle, created });
    }
  }
  return out;
}

/** A stable UUID-shaped id (lower-case hex) for a run, step or record of the scenario. */
export function scenarioGuid(seed: string): string {
  const hex = fakeSha(seed);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The fakes' rate-limit windows and their own timestamps run on real time, so a paused scenario does not exhaust its budget for good. */
export class WallClock extends ManualClock {
  override now(): number {
    return Date.now();
  }

  override iso(offsetMs = 0): string {
    return new Date(Date.now() + offsetMs).toISOString();
  }
}

/** Mutating requests (not GET or HEAD) a fake answered, oldest first. */
export function mutationsOf(server: { readonly stats: { readonly requests: readonly LoggedRequest[] } }): ScenarioMutation[] {
  return server.stats.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').map((r) => ({ method: r.method, route: r.route, path: r.path, body: r.body }));
}

export interface ScenarioMutation {
  readonly method: string;
  readonly route: string;
  readonly path: string;
  readonly body: unknown;
}

/** Requests a fake answered for `pathPattern`, with their Range header (log tails), oldest first. */
export function requestsTo(server: { readonly stats: { readonly requests: readonly LoggedRequest[] } }, pathPattern: RegExp): { readonly method: string; readonly path: string; readonly range?: string; readonly status?: number }[] {
  return server.stats.requests.filter((r) => pathPattern.test(r.path)).map((r) => ({ method: r.method, path: r.path, ...(r.headers.range !== undefined ? { range: r.headers.range } : {}), ...(r.status !== undefined ? { status: r.status } : {}) }));
}

/** test/fixtures/scenario/<name>.json (from test/fakes/scenario or out/test/fakes/scenario), or `file`. */
export function loadScenarioFixture<T>(name: string, file = path.join(__dirname, '..', '..', '..', ...(__dirname.includes(`${path.sep}out${path.sep}`) ? ['..'] : []), 'test', 'fixtures', 'scenario', `${name}.json`)): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/**
 * A running scenario with one more part under `key`: the part is synced every `tickMs` and on
 * advance, and closed before the scenario.
 */
export function withPart<S extends ScenarioServer, K extends string, P extends { sync(): void; close(): Promise<void> }>(scenario: S, key: K, part: P, tickMs = 250): S & { readonly [k in K]: P } {
  const timer = setInterval(() => part.sync(), tickMs);
  timer.unref();
  return Object.assign(Object.create(scenario) as S, {
    [key]: part,
    advance(seconds: number) { scenario.advance(seconds); part.sync(); },
    advanceToEnd() { scenario.advanceToEnd(); part.sync(); },
    async close() { clearInterval(timer); await part.close(); await scenario.close(); },
  }) as S & { readonly [k in K]: P };
}

/** What the Bitbucket and Azure parts of a scenario offer the tests besides their own facts. */
export interface ScenarioPart<Server> {
  /** Web base of the fake (remotes live here). */
  readonly url: string;
  /** The repository's slug on the fake. */
  readonly slug: string;
  /** Git remote of the repository on the fake. */
  readonly remoteUrl: string;
  readonly server: Server;
  /** Seconds after which the live runs of the first cycle finished (or wait at a gate). */
  readonly length: number;
  /** Mutating requests the fake answered, oldest first. */
  mutations(): ScenarioMutation[];
  /** Log requests, with their Range header. */
  logRequests(): ReturnType<typeof requestsTo>;
  sync(): void;
  describe(): unknown;
  close(): Promise<void>;
}
