/**
 * Figures of a workflow's run history: success rate, median and p90 duration, queue time and
 * one chart point per run. Pure: the insights panel and the trend alerts compute from the runs
 * the sync service holds.
 */
import { isActive, type Run, type RunState } from '../model';
import { median, quantile } from './percentiles';

/** One run as the chart draws it. */
export interface RunPoint {
  readonly runId: string;
  readonly number: number;
  readonly attempt: number;
  readonly state: RunState;
  readonly createdAt: string;
  /** Start to completion in ms; undefined for runs still going or without times. */
  readonly durationMs?: number;
  /** Created to started in ms; undefined where the API gives no start time. */
  readonly queueMs?: number;
  readonly branch?: string;
  readonly title: string;
}

export interface RunStats {
  /** Runs considered (finished and unfinished). */
  readonly total: number;
  /** Runs that finished with success or failure: the base of the success rate. */
  readonly decided: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Cancelled, skipped or neutral runs (not counted in the success rate). */
  readonly other: number;
  /** Runs still queued or running. */
  readonly active: number;
  /** succeeded / decided in 0..1; undefined when no run decided. */
  readonly successRate?: number;
  readonly medianMs?: number;
  readonly p90Ms?: number;
  readonly medianQueueMs?: number;
  /** Oldest first, the order of the chart's x axis. */
  readonly points: readonly RunPoint[];
}

function parse(iso: string | undefined): number | undefined {
  if (iso === undefined) {
    return undefined;
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Start to completion of a finished run (where the API gives no completion time, its last update). */
export function runDurationMs(run: Run): number | undefined {
  if (isActive(run.state)) {
    return undefined;
  }
  const start = parse(run.startedAt ?? run.createdAt);
  const end = parse(run.completedAt ?? run.updatedAt);
  return start === undefined || end === undefined || end < start ? undefined : end - start;
}

/** Time a run waited before it started. */
export function queueMs(run: Run): number | undefined {
  const created = parse(run.createdAt);
  const started = parse(run.startedAt);
  return created === undefined || started === undefined || started < created ? undefined : started - created;
}

function toPoint(run: Run): RunPoint {
  return {
    runId: run.id,
    number: run.number,
    attempt: run.attempt,
    state: run.state,
    createdAt: run.createdAt,
    durationMs: runDurationMs(run),
    queueMs: queueMs(run),
    branch: run.branch,
    title: run.title,
  };
}

const defined = (values: readonly (number | undefined)[]): number[] => values.filter((value): value is number => value !== undefined);

/** Oldest first by creation time (ties by number and attempt). */
export function compareChronological(a: Run, b: Run): number {
  return a.createdAt.localeCompare(b.createdAt) || a.number - b.number || a.attempt - b.attempt;
}

/** Oldest first, whatever order the runs came in. */
export function chronological(runs: readonly Run[]): Run[] {
  return [...runs].sort(compareChronological);
}

/** Statistics of `runs` (any order). Durations count successful and failed runs alike. */
export function runStats(runs: readonly Run[]): RunStats {
  const points = chronological(runs).map(toPoint);
  const succeeded = points.filter((p) => p.state === 'success').length;
  const failed = points.filter((p) => p.state === 'failure').length;
  const active = points.filter((p) => isActive(p.state)).length;
  const decided = succeeded + failed;
  const durations = defined(points.map((p) => p.durationMs));
  return {
    total: points.length,
    decided,
    succeeded,
    failed,
    other: points.length - decided - active,
    active,
    successRate: decided === 0 ? undefined : succeeded / decided,
    medianMs: median(durations),
    p90Ms: quantile(durations, 0.9),
    medianQueueMs: median(defined(points.map((p) => p.queueMs))),
    points,
  };
}

/** The newest `limit` runs of a listing (newest first in, newest first out). */
export function newest(runs: readonly Run[], limit: number): Run[] {
  return [...runs].sort((a, b) => compareChronological(b, a)).slice(0, Math.max(0, limit));
}
