/**
 * Trend checks of a workflow's recent runs: the success rate of the last window of runs
 * below a threshold, and the median duration of the last window against the window before
 * it. Pure; alerts.ts decides whether to say so.
 */
import type { Run } from '../model';
import { median } from './percentiles';
import { newest, runDurationMs } from './runStats';

export interface TrendSettings {
  /** Runs per window (the last `window` runs against the `window` before them). */
  readonly window: number;
  /** Alert when the success rate of the last window is below this, 0..1. */
  readonly successRateBelow: number;
  /** Alert when the median duration grew by more than this fraction (0.25: 25 %) against the previous window. */
  readonly durationRegression: number;
}

export interface SuccessRateDrop {
  readonly kind: 'successRate';
  readonly rate: number;
  readonly threshold: number;
  /** Ids of the runs of the window, newest first. */
  readonly window: readonly string[];
}

export interface DurationRegression {
  readonly kind: 'duration';
  readonly currentMs: number;
  readonly previousMs: number;
  /** (current - previous) / previous. */
  readonly change: number;
  readonly window: readonly string[];
}

export type TrendAlert = SuccessRateDrop | DurationRegression;

/**
 * The alerts `runs` (one workflow, any order) deserve now. A window must be full: with fewer
 * decided runs than `window` there is no success-rate alert, and with fewer than twice
 * `window` timed runs no duration alert.
 */
export function evaluateTrends(runs: readonly Run[], settings: TrendSettings): TrendAlert[] {
  const size = Math.max(1, Math.floor(settings.window));
  const alerts: TrendAlert[] = [];
  const decided = newest(
    runs.filter((run) => run.state === 'success' || run.state === 'failure'),
    size,
  );
  if (decided.length === size) {
    const rate = decided.filter((run) => run.state === 'success').length / size;
    if (rate < settings.successRateBelow) {
      alerts.push({ kind: 'successRate', rate, threshold: settings.successRateBelow, window: decided.map((run) => run.id) });
    }
  }
  const timed = newest(
    runs.filter((run) => runDurationMs(run) !== undefined),
    size * 2,
  );
  if (timed.length === size * 2) {
    const current = timed.slice(0, size);
    const currentMs = median(current.map((run) => runDurationMs(run) as number)) as number;
    const previousMs = median(timed.slice(size).map((run) => runDurationMs(run) as number)) as number;
    const change = previousMs > 0 ? (currentMs - previousMs) / previousMs : 0;
    if (change > settings.durationRegression) {
      alerts.push({ kind: 'duration', currentMs, previousMs, change, window: current.map((run) => run.id) });
    }
  }
  return alerts;
}
